from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.spreadsheets import TextOnlySnippetIndexView

from .models import DocumentDownload


class DocumentDownloadViewSet(SnippetViewSet):
    """Download counts of the resource library's files, most downloaded first (exportable)."""

    model = DocumentDownload
    icon = "download"
    menu_label = _("下载统计")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["document", "count"]
    list_export = ["document", "count"]
    export_filename = "resource-downloads"
    index_view_class = TextOnlySnippetIndexView
    ordering = ["-count"]
    panels = [FieldPanel("document", read_only=True), FieldPanel("count", read_only=True)]


register_snippet(DocumentDownloadViewSet)
