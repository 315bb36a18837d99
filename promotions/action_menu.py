"""The page editor's footer for studio editors: 提交审核 is the main button.

Editors cannot publish, so Wagtail's footer shows 保存草稿 and hides the submission in
更多动作 as “提交给工作室内容审核” (which reads as if the studio reviewed it). Here the
submission comes first, labelled by what it does.
"""

from django.utils.translation import gettext as _
from wagtail.admin.action_menu import PublishMenuItem, SubmitForModerationMenuItem


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_state = page.current_workflow_state if page is not None and page.pk else None
        if workflow_state and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            context["label"] = _("重新提交%(task)s") % {"task": workflow_state.current_task_state.task.name}
        else:
            context["label"] = _("提交审核")
        return context


def submit_first(menu_items):
    """Put the submission first (the footer's main button) for someone who cannot publish."""
    if any(isinstance(item, PublishMenuItem) for item in menu_items):
        return
    for position, item in enumerate(menu_items):
        if isinstance(item, SubmitForModerationMenuItem):
            menu_items.pop(position)
            menu_items.insert(0, SubmitForReviewMenuItem(order=item.order))
            return
