from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .forms import requested_action
from .pages import blocked_message, privacy_blocking


def _after_save(request, page):
    """A draft saved with findings: say what must change before it can be submitted."""
    if request.method != "POST" or requested_action(request.POST) is not None:
        return
    if not hasattr(page, "privacy_report"):
        return
    report = page.privacy_report()
    if report.blocking:
        listed = "；".join(item.describe() for item in report.blocking)
        messages.warning(request, f"草稿已保存，但其中含有学生或家庭的个人信息，提交审核前须删除或改写：{listed}。")


hooks.register("after_create_page", _after_save)
hooks.register("after_edit_page", _after_save)


@hooks.register("before_bulk_action")
def no_bulk_publication_of_personal_data(request, action_type, objects, action):
    """Bulk 发布: say in Chinese which pages hold personal information, and publish none of them
    (the publish guard would refuse them anyway, with a permission error)."""
    if action_type != "publish":
        return None
    refused = []
    for obj in objects:
        blocking = privacy_blocking(obj)
        if blocking:
            refused.append(blocked_message(obj.specific, blocking))
    if not refused:
        return None
    for message in refused:
        messages.error(request, message)
    return redirect(action.next_url)


@hooks.register("insert_global_admin_css")  # Wagtail 8 has no editor-only CSS hook; the file is small
def privacy_panel_css():
    return format_html('<link rel="stylesheet" href="{}">', static("privacy/css/privacy-panel.css"))
