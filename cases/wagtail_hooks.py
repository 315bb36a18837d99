from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def case_body_counter_js():
    """The live 正文字数 counter; it only acts in the typical-case editor."""
    return format_html('<script src="{}"></script>', static("cases/js/case-body-counter.js"))
