"""Admin screens: promotions (推介) for reviewers, reviewer scopes for site administrators; the admin
home of studio editors and reviewers, the editor's footer and where reviewers land after acting."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)
from wagtail.users.views import bulk_actions as user_actions

from core.spreadsheets import TextOnlySnippetIndexView

from . import action_menu, dashboard, review
from .forms import PromotionForm
from .models import Promotion, ReviewerProfile
from .permissions import PromotionPermissionPolicy
from .visibility import show_published_title, user_may_see_object, visible_pages

register_permission_policy(Promotion, PromotionPermissionPolicy(Promotion), exact_class=True)


@hooks.register("construct_page_chooser_queryset")
def only_pages_the_user_may_see(pages, request):
    return visible_pages(request.user, pages)


class OnlyVisibleObjectsMixin:
    """A bulk action's confirmation lists the objects the user may not act on by title: keep
    only those the user may see at all (the others are simply left out), pages the user may
    not edit under their published title."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        visible = [obj for obj in extra["items_with_no_access"] if user_may_see_object(user, obj)]
        show_published_title(user, [obj for obj in visible if isinstance(obj, Page)])
        return objects, {**extra, "items_with_no_access": visible}


# Registered after Wagtail's own (order), so these replace them for the same models and actions.
for _action in [
    page_actions.DeleteBulkAction,
    page_actions.MoveBulkAction,
    page_actions.PublishBulkAction,
    page_actions.UnpublishBulkAction,
    image_actions.AddTagsBulkAction,
    image_actions.AddToCollectionBulkAction,
    image_actions.DeleteBulkAction,
    document_actions.AddTagsBulkAction,
    document_actions.AddToCollectionBulkAction,
    document_actions.DeleteBulkAction,
    user_actions.AssignRoleBulkAction,
    user_actions.DeleteBulkAction,
    user_actions.SetActiveStateBulkAction,
    SnippetDeleteBulkAction,
]:
    hooks.register("register_bulk_action", type(_action.__name__, (OnlyVisibleObjectsMixin, _action), {}), order=100)


class InstancePermissionMixin:
    """Refuse editing or deleting a promotion outside the reviewer's level and scope."""

    instance_action = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, self.instance_action, obj):
            raise PermissionDenied
        return obj


class PromotionEditView(InstancePermissionMixin, EditView):
    instance_action = "change"


class PromotionDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


class PromotionIndexView(TextOnlySnippetIndexView):
    """Edit and delete links only on the promotions the reviewer may change (others' levels and
    scopes led to a permission error); the rest open read-only."""

    def _may(self, action, instance):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, action, instance)

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if self._may("change", instance) else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if self._may("delete", instance) else None


def promoter_name(promotion):
    """Who promoted, by name (not their login name); a dash when no one was recorded."""
    return get_user_display_name(promotion.created_by) if promotion.created_by else "—"


class PromotionInspectView(InspectView):
    def get_created_by_display_value(self):
        return promoter_name(self.object)


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("推介")
    menu_name = "promotions"
    edit_handler = ObjectList(Promotion.panels, base_form_class=PromotionForm)
    index_view_class = PromotionIndexView
    inspect_view_class = PromotionInspectView
    edit_view_class = PromotionEditView
    delete_view_class = PromotionDeleteView
    list_display = [
        "page",
        "level",
        "year",
        "batch",
        "item_type",
        "province",
        Column("created_by", label=_("推介人"), accessor=promoter_name),
        "created_at",
    ]
    list_filter = ["level", "year", "item_type", "province"]
    search_fields = ["note", "batch", "school"]
    list_export = [
        "page",
        "level",
        "year",
        "batch",
        "item_type",
        "province",
        "school",
        "note",
        "created_by",
        "created_at",
    ]
    export_filename = "promotions"
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "page",
        "level",
        "year",
        "batch",
        "note",
        "item_type",
        "province",
        "school",
        "created_by",
        "created_at",
    ]


class ReviewerProfileViewSet(SnippetViewSet):
    model = ReviewerProfile
    icon = "user"
    menu_label = _("审核人员")
    menu_name = "reviewers"
    list_display = ["user", "role", "school", "province"]
    list_filter = ["role", "province"]


class ReviewViewSetGroup(SnippetViewSetGroup):
    items = (PromotionViewSet, ReviewerProfileViewSet)
    menu_icon = "tasks"
    menu_label = _("审核与推介")
    menu_name = "review"


register_snippet(ReviewViewSetGroup)


# The admin home, the editor's footer and where reviewers land ------------------------


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("review/done/<int:task_state_id>/", review.reviewed, name="promotions_reviewed")]


@hooks.register("after_edit_page")
def land_reviewers_on_their_queue(request, page):
    return review.after_review_in_editor(request, page)


@hooks.register("construct_page_action_menu")
def main_action_first(menu_items, request, context):
    action_menu.main_action_first(menu_items)


@hooks.register("construct_homepage_panels")
def studio_home_and_review_queue(request, panels):
    """Editors get their studio's home, everyone the 待我审核 list (Wagtail's two workflow panels go),
    and 最近编辑 lists only pages the user may still edit."""
    studios = dashboard.editor_studios(request.user)
    replaced = {"workflow_objects_to_moderate"}
    if studios:
        replaced.add("user_objects_in_workflow_moderation")
    panels[:] = [
        dashboard.EditableRecentEditsPanel() if getattr(panel, "name", None) == "recent_edits" else panel
        for panel in panels
        if getattr(panel, "name", None) not in replaced
    ]
    if studios:
        panels.append(dashboard.StudioHomePanel(studios))
    panels.append(dashboard.ReviewQueuePanel(show_when_empty=dashboard.is_reviewer(request.user)))


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail's own items
def no_site_wide_counts_for_roles(request, summary_items):
    """“20 个页面 / 0 张图片” counts the whole site (or nothing): the roles' panels say what is theirs."""
    if not request.user.is_superuser:
        summary_items[:] = []


@hooks.register("construct_help_menu")
def no_english_guides(request, menu_items):
    """Wagtail's release notes and editor guide are English pages elsewhere; the shortcuts stay."""
    menu_items[:] = [item for item in menu_items if item.name == "keyboard-shortcuts-trigger"]


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard.is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return ReviewQueueMenuItem(
        _("待我审核"), review.review_queue_url(), name="review-queue", icon_name="tasks", order=50
    )
