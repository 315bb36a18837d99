from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def case_body_counter_js():
    """The live 正文字数 counter; it only acts in the typical-case editor."""
    return format_html('<script src="{}"></script>', static("cases/js/case-body-counter.js"))


@hooks.register("insert_global_admin_css")  # Wagtail 8 has no editor-only CSS hook; the file is small
def case_body_counter_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cases/css/case-body-counter.css"))
