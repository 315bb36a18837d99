from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import CaseReportView, StudioReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("studios/", StudioReportView.as_view(), name="studios"),
        path("studios/results/", StudioReportView.as_view(results_only=True), name="studios_results"),
        path("cases/", CaseReportView.as_view(), name="cases"),
        path("cases/results/", CaseReportView.as_view(results_only=True), name="cases_results"),
    ]
    return [path("reports/outreach/", include((urls, "outreach_reports")))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_studio_report_menu_item():
    return ReportMenuItem(
        _("工作室建设情况信息表"),
        reverse("outreach_reports:studios"),
        name="studio-table",
        icon_name="group",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_case_report_menu_item():
    return ReportMenuItem(
        _("典型案例汇总表"), reverse("outreach_reports:cases"), name="case-table", icon_name="doc-full", order=110
    )
