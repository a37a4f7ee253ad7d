"""The "Member representatives" group: may act for their own organization, nothing else.

Also lets Moderators review applications and endorsements.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPRESENTATIVES = "Member representatives"
REVIEW = ("change_membershipapplication", "view_membershipapplication", "change_endorsement",
          "view_endorsement")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now.
    app_config = apps.get_app_config("members")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REPRESENTATIVES)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="members", codename="represent_organization")
    )
    review = Permission.objects.filter(content_type__app_label="members", codename__in=REVIEW)
    for moderators in Group.objects.filter(name="Moderators"):
        moderators.permissions.add(*review)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=REPRESENTATIVES).delete()
    review = Permission.objects.filter(content_type__app_label="members", codename__in=REVIEW)
    for moderators in Group.objects.filter(name="Moderators"):
        moderators.permissions.remove(*review)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_directory_applications_endorsements"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
