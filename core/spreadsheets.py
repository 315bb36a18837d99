"""Spreadsheet cells that stay text: no formula injection from titles, names or notes.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheet programs (and may fetch URLs or start programs). Every export writes
such values as text: in an .xlsx file a string cell marked "quote prefix" (the value itself is
unchanged, so an exported table re-imports exactly), in a .csv file behind a leading ``'``
(OWASP's advice; CSV files are for reading, the importers take .xlsx only).
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_value(value):
    return "'" + value if looks_like_formula(value) else value


def keep_as_text(cell):
    """Make an openpyxl cell holding a formula-like string a plain text cell."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


class TextOnlyExportMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin`` (snippet listings, reports)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return csv_value(value) if export_format == SpreadsheetExportMixin.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            yield keep_as_text(cell)


class TextOnlySnippetIndexView(TextOnlyExportMixin, SnippetIndexView):
    """``index_view_class`` of an exportable ``SnippetViewSet``."""
