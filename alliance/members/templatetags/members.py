from django import template

from alliance.members.models import Region

register = template.Library()


@register.inclusion_tag("members/tags/regions.html")
def region_list() -> dict:
    return {"regions": list(Region.objects.all())}
