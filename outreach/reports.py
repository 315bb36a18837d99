"""Admin reports (Reports menu): the two reporting tables, filterable, downloadable in the import layouts.

Wagtail's ``ReportView`` (with ``SpreadsheetExportMixin``) lists and filters; the
XLSX/CSV download is replaced so that it is byte-for-byte the same layout as
``export_studios`` / ``export_cases`` (and so re-imports).
"""

import csv
import io

import django_filters
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from cases.models import CasePage
from core.choices import CaseCategory, PromotionLevel, Province, SchoolType
from core.spreadsheets import csv_value
from promotions.visibility import visible_pages
from studios.importer import STUDIO_COLUMNS
from studios.models import StudioPage

from . import exports

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class StudioReportFilterSet(WagtailFilterSet):
    province = django_filters.ChoiceFilter(label=_("省份"), choices=Province.choices)
    school_type = django_filters.ChoiceFilter(label=_("学校类型"), choices=SchoolType.choices)
    year = django_filters.NumberFilter(label=_("立项年份"), field_name="cycle_start_year")

    class Meta:
        from studios.models import StudioPage

        model = StudioPage
        fields = ["province", "school_type", "year"]


class CaseReportFilterSet(WagtailFilterSet):
    province = django_filters.ChoiceFilter(label=_("省份"), choices=Province.choices, field_name="studio__province")
    school_type = django_filters.ChoiceFilter(
        label=_("学校类型"), choices=SchoolType.choices, field_name="studio__school_type"
    )
    year = django_filters.NumberFilter(label=_("年度"), field_name="year")
    promotion_level = django_filters.ChoiceFilter(label=_("推介级别"), choices=PromotionLevel.choices)
    category = django_filters.ChoiceFilter(label=_("案例类别"), choices=CaseCategory.choices)

    class Meta:
        from cases.models import CasePage

        model = CasePage
        fields = ["province", "school_type", "year", "promotion_level", "category"]


class ReportingTableView(ReportView):
    """Shared: page-editor permission, import-layout downloads."""

    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50

    def user_can_see_drafts(self):
        return self.request.user.is_superuser

    def base_queryset(self, model):
        """Site administrators: every page. Others: live pages that are public or that they may edit."""
        queryset = model.objects.all()
        if self.user_can_see_drafts():
            return queryset
        return visible_pages(self.request.user, queryset.live())

    def rows(self, queryset):
        raise NotImplementedError

    def workbook(self, queryset):
        raise NotImplementedError

    def columns_for_export(self):
        raise NotImplementedError

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format == self.FORMAT_CSV:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(self.columns_for_export())
            writer.writerows([csv_value(value) for value in row] for row in self.rows(queryset))
            response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
            return response
        return FileResponse(
            io.BytesIO(exports.workbook_bytes(self.workbook(queryset))),
            as_attachment=True,
            content_type=XLSX_TYPE,
            filename=f"{self.get_filename()}.xlsx",
        )


class StudioReportView(ReportingTableView):
    page_title = _("工作室建设情况信息表")
    header_icon = "group"
    filterset_class = StudioReportFilterSet
    index_url_name = "outreach_reports:studios"
    index_results_url_name = "outreach_reports:studios_results"
    export_filename = "工作室建设情况信息表"
    columns = [
        TitleColumn("title", label=_("工作室名称"), get_url=lambda page: page.get_url()),
        Column("school", label=_("学校")),
        Column("province", label=_("省份"), accessor="get_province_display"),
        Column("school_type", label=_("学校类型"), accessor="get_school_type_display"),
        Column("host_name", label=_("主持人")),
        Column("cycle_start_year", label=_("立项年份")),
    ]

    def get_queryset(self):
        return exports.studio_queryset(self.base_queryset(StudioPage))

    def rows(self, queryset):
        return exports.studio_rows(queryset)

    def workbook(self, queryset):
        return exports.studios_workbook(queryset)

    def columns_for_export(self):
        return STUDIO_COLUMNS


class CaseReportView(ReportingTableView):
    page_title = _("典型案例汇总表")
    header_icon = "doc-full"
    filterset_class = CaseReportFilterSet
    index_url_name = "outreach_reports:cases"
    index_results_url_name = "outreach_reports:cases_results"
    export_filename = "典型案例汇总表"
    columns = [
        TitleColumn("title", label=_("案例名称"), get_url=lambda page: page.get_url()),
        Column("studio", label=_("工作室")),
        Column("category", label=_("案例类别"), accessor="get_category_display"),
        Column("year", label=_("年度")),
        Column("promotion_level", label=_("推介级别"), accessor="get_promotion_level_display"),
    ]

    def get_queryset(self):
        return exports.case_queryset(self.base_queryset(CasePage))

    def rows(self, queryset):
        return exports.case_rows(queryset, self.request)

    def workbook(self, queryset):
        return exports.cases_workbook_from_rows(self.rows(queryset))

    def columns_for_export(self):
        return exports.case_columns()


__all__ = ["CaseReportView", "StudioReportView"]
