"""Admin screens: promotions (推介) for reviewers, reviewer scopes for site administrators."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup
from wagtail.users.views import bulk_actions as user_actions

from home.spreadsheets import TextOnlySnippetIndexView

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


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("推介")
    menu_name = "promotions"
    edit_handler = ObjectList(Promotion.panels, base_form_class=PromotionForm)
    edit_view_class = PromotionEditView
    delete_view_class = PromotionDeleteView
    list_display = ["page", "level", "year", "batch", "item_type", "province", "created_by", "created_at"]
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
    index_view_class = TextOnlySnippetIndexView
    ordering = ["-created_at"]
    inspect_view_enabled = True


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
