"""Admin screens for a studio's records (plan and ledger, activities, growth archives): Wagtail's
ModelViewSet, with every object view and the listing narrowed by ``access.StudioRecordPolicy``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from studios.models import StudioPage

from .access import edited_studio_ids
from .models import Activity, AnnualPlan, MemberArchive


class StudioRecordForm(WagtailAdminModelForm):
    """The studio is chosen among the user's own studios (all of them for administrators)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "studio" in self.fields and user is not None and not user.is_superuser:
            ids = set(edited_studio_ids(user))
            if self.instance.pk:
                ids.add(self.instance.studio_id)
            self.fields["studio"].queryset = StudioPage.objects.filter(pk__in=ids).order_by("title")
            if len(ids) == 1 and not self.instance.pk:
                self.fields["studio"].initial = next(iter(ids))
        if "user" in self.fields and user is not None and not user.is_superuser:
            # Linking a member's account is the site administrator's job: the list would show
            # every account on the platform.
            field = self.fields["user"]
            field.disabled = True
            field.queryset = field.queryset.filter(pk=self.instance.user_id)
            field.help_text = "由站点管理员关联成员本人的账号"

    def is_valid(self):
        """Inline rows (tasks, growth records) link evidence of the chosen studio only; the rows
        are validated after this form's ``clean``, so the check runs here."""
        valid = super().is_valid()
        studio = getattr(self, "cleaned_data", {}).get("studio") or getattr(self.instance, "studio", None)
        if studio is None:
            return valid
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                cleaned = getattr(form, "cleaned_data", None)
                if not cleaned or cleaned.get("DELETE") or not hasattr(form.instance, "studio_errors"):
                    continue
                for field, message in form.instance.studio_errors(studio).items():
                    form.add_error(field if field in form.fields else None, message)
                    valid = False
        return valid


class ScopedObjectMixin:
    object_action = "change"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, self.object_action, obj):
            raise PermissionDenied
        return obj


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view", "change"])
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))

    def get_edit_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(self.request.user, "change", instance):
            return super().get_edit_url(instance)
        return self.get_inspect_url(instance)


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    object_action = "view"


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    object_action = "change"


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    object_action = "view"


class StudioRecordViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False

    panels = None  # the model's own panels unless the viewset names others

    def get_edit_handler(self):
        panels = self.panels or self.model.panels
        return ObjectList(panels, base_form_class=StudioRecordForm).bind_to_model(self.model)


class AnnualPlanViewSet(StudioRecordViewSet):
    model = AnnualPlan
    icon = "list-ul"
    menu_label = _("年度计划与台账")
    name = "assessment_plans"
    list_display = ["studio", "year"]
    list_filter = ["year"]
    inspect_view_fields = ["studio", "year", "goals", "summary"]


class ActivityEditView(ScopedEditView):
    """An activity recorded on a 工作动态 is edited there (the page owns it and would overwrite an
    edit made here when it is next published)."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()  # permission checked there
        if self.object.update_page_id:
            messages.info(
                request,
                _("这项活动登记在工作动态《%(title)s》中，请在该动态中修改。")
                % {"title": self.object.update_page.title},
            )
            return redirect("wagtailadmin_pages:edit", self.object.update_page_id)
        return super().dispatch(request, *args, **kwargs)


class ActivityViewSet(StudioRecordViewSet):
    model = Activity
    edit_view_class = ActivityEditView
    panels = [
        FieldRowPanel([FieldPanel("studio"), FieldPanel("title")]),
        *Activity.panels,
    ]
    icon = "date"
    menu_label = _("活动与辐射")
    name = "assessment_activities"
    list_display = ["title", "studio", "date", "kind", "participants", "schools_reached", "is_public", "update_page"]
    list_filter = ["kind", "is_public"]
    inspect_view_fields = [
        "studio",
        "title",
        "kind",
        "date",
        "place",
        "participants",
        "schools_reached",
        "provinces",
        "is_public",
        "competition_level",
        "indicator",
        "update_page",
    ]


class MemberArchiveViewSet(StudioRecordViewSet):
    model = MemberArchive
    icon = "user"
    menu_label = _("成员成长档案")
    name = "assessment_archives"
    list_display = ["member_name", "studio", "current_tier"]
    inspect_view_fields = ["studio", "member_name", "knowledge", "practice", "personality", "philosophy", "wishes"]


class LedgerViewSetGroup(ViewSetGroup):
    items = (AnnualPlanViewSet, ActivityViewSet, MemberArchiveViewSet)
    menu_icon = "list-ul"
    menu_label = _("建设台账")
    menu_name = "ledger"
    menu_order = 210
