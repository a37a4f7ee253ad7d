"""The "Translators" group: may sign in to the admin and translate, never publish.

Which language trees they may edit is given page by page (``accounts.roles``),
because those trees do not exist yet when migrations run.
"""

from django.db import migrations

TRANSLATORS = "Translators"
PERMISSIONS = (("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation"))


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=TRANSLATORS)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRANSLATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(create, remove)]
