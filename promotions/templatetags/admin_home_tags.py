from django import template
from wagtail.admin.auth import user_has_any_page_permission

register = template.Library()


@register.simple_tag(takes_context=True)
def can_search_pages(context):
    """Whether the dashboard's page search leads somewhere the user may open (not reviewers)."""
    return user_has_any_page_permission(context["request"].user)
