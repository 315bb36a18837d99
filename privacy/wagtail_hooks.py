from django.contrib import messages
from wagtail import hooks

from .forms import requested_action


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
