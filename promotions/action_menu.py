"""The page editor's footer for those who cannot publish: what they came to do is the main button.

Wagtail's footer shows 保存草稿 first and hides the rest in 更多动作: an editor's submission
as “提交给工作室内容审核” (which reads as if the studio reviewed it), a reviewer's 审核通过.
Here a reviewer's actions come first (审核通过 the main button), else the submission,
labelled by what it does.
"""

from django.utils.translation import gettext as _
from wagtail.admin.action_menu import PublishMenuItem, SubmitForModerationMenuItem, WorkflowMenuItem


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


def main_action_first(menu_items):
    """Reorder ``menu_items`` (the first is the footer's main button) for someone who cannot publish."""
    if any(isinstance(item, PublishMenuItem) for item in menu_items):
        return
    review = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if review:
        menu_items[:] = review + [item for item in menu_items if not isinstance(item, WorkflowMenuItem)]
        return
    for position, item in enumerate(menu_items):
        if isinstance(item, SubmitForModerationMenuItem):
            menu_items.pop(position)
            menu_items.insert(0, SubmitForReviewMenuItem(order=item.order))
            return
