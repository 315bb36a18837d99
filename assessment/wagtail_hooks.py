"""建设与考核 in the admin: the overview menu item, the ledger screens and the views' URLs."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import access, views
from .models import Activity, AnnualPlan, MemberArchive
from .viewsets import LedgerViewSetGroup

for _model in (AnnualPlan, Activity, MemberArchive):
    register_permission_policy(_model, access.StudioRecordPolicy(_model), exact_class=True)


@hooks.register("register_admin_viewset")
def register_ledger_viewsets():
    return LedgerViewSetGroup()


@hooks.register("register_admin_urls")
def register_assessment_urls():
    return [
        path("assessment/", views.overview, name="assessment_overview"),
        path("assessment/plan/<int:pk>/draft-summary/", views.draft_plan_summary, name="assessment_draft_summary"),
        path("assessment/plan/<int:pk>/summary.docx", views.plan_summary_docx, name="assessment_summary_docx"),
        path(
            "assessment/studio/<int:studio_id>/<int:year>/self-evaluation/",
            views.self_evaluation,
            name="assessment_self_evaluation",
        ),
        path(
            "assessment/studio/<int:studio_id>/<int:year>/self-evaluation/withdraw/",
            views.withdraw_evaluation,
            name="assessment_withdraw_evaluation",
        ),
        path("assessment/studio/<int:studio_id>/<int:year>/", views.report, name="assessment_report"),
        path(
            "assessment/studio/<int:studio_id>/<int:year>/report.docx", views.report_docx, name="assessment_report_docx"
        ),
        path("assessment/round/open/", views.open_round, name="assessment_open_round"),
        path("assessment/round/<int:pk>/", views.round_detail, name="assessment_round"),
        path("assessment/archive/<int:pk>/archive.docx", views.archive_docx, name="assessment_archive_docx"),
        path(
            "assessment/province/<str:province>/<int:year>/scores.xlsx",
            views.province_xlsx,
            name="assessment_province_xlsx",
        ),
    ]


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or bool(access.edited_studio_ids(user)) or bool(access.round_levels(user))


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        _("建设与考核"), reverse("assessment_overview"), name="assessment", icon_name="clipboard-list", order=205
    )
