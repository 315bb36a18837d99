"""The admin: programmes (评选项目) and experts are snippets an administrator configures.

Applications are worked on in the selection desks (/selection/), which check each role's scope;
they are not listed in the admin, where a model permission would show every school's.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import access
from .models import Expert, Programme


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "list-ul"
    menu_label = _("评选项目")
    menu_name = "programmes"
    list_display = ["title", "issuing_body", "school_type", "apply_deadline", "publicity_end"]
    list_filter = ["school_type", "province", "year"]


class ExpertViewSet(SnippetViewSet):
    model = Expert
    icon = "user"
    menu_label = _("评审专家")
    menu_name = "experts"
    list_display = ["name", "school", "province", "speciality"]
    list_filter = ["province"]


class SelectionViewSetGroup(SnippetViewSetGroup):
    items = (ProgrammeViewSet, ExpertViewSet)
    menu_icon = "list-ul"
    menu_label = _("工作室评选")
    menu_name = "selection"


register_snippet(SelectionViewSetGroup)


class SelectionDeskMenuItem(MenuItem):
    """评选工作台, shown to those who have a desk there (not to studio editors, who would find nothing)."""

    def is_shown(self, request):
        return access.has_desk(request.user)


@hooks.register("register_admin_menu_item")
def register_selection_desk_menu_item():
    return SelectionDeskMenuItem(
        _("评选工作台"), reverse("selection:index"), name="selection-desk", icon_name="tasks", order=60
    )
