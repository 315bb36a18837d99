"""What of the site a logged-in user may see in the admin (choosers, reports, bulk actions).

Pages: the ones they may edit (for a studio editor, their own studio's pages, drafts
included) plus live public pages, which anyone can read on the site anyway. Of a page they
may not edit, only the published title is shown, never a pending draft's. Images, documents
and snippets: the ones their permissions reach. Site administrators see everything.
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from core.restrictions import site_pages

EDIT_ACTIONS = ["add", "change", "publish"]
# Any of these on an image, a document or a snippet lets its title be shown.
OBJECT_ACTIONS = ["change", "choose", "delete", "view"]


def editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, EDIT_ACTIONS)


def visible_pages_q(user):
    """A filter on Page for what ``user`` may see in the admin; ``None`` means everything."""
    if user.is_superuser:
        return None
    public = Q(live=True) & ~site_pages().private_q()
    return Q(pk__in=editable_pages(user).values("pk")) | public


def visible_pages(user, queryset):
    q = visible_pages_q(user)
    return queryset if q is None else queryset.filter(q)


def user_may_see_page(user, page):
    return visible_pages(user, Page.objects.filter(pk=page.pk)).exists()


def show_published_title(user, pages):
    """Give the pages ``user`` may not edit their live title in place of a draft's (in memory only)."""
    if user.is_superuser:
        return
    pages = [page for page in pages if page is not None]
    editable = set(editable_pages(user).filter(pk__in=[page.pk for page in pages]).values_list("pk", flat=True))
    for page in pages:
        if page.pk not in editable:
            page.draft_title = page.title


def user_may_see_object(user, obj):
    """Whether ``user`` may see an object that is not a page (image, document, snippet…)."""
    if isinstance(obj, Page):
        return user_may_see_page(user, obj)
    if user.is_superuser:
        return True
    policy = policy_registry.get_by_type(type(obj))
    if policy is None:
        return False
    return policy.user_has_any_permission_for_instance(user, OBJECT_ACTIONS, obj)
