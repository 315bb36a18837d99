"""Where a reviewer lands after approving or sending back, and what the message there says.

Wagtail sends a reviewer who acted in the page editor to the studio's page explorer, which
reviewers may not open (a permission error on the dashboard), with "页面…已被更新" although
nothing may have been changed. Here every review action, from 待我审核 or from the editor,
ends on the dashboard's 待我审核 list with the outcome in one sentence.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages as admin_messages
from wagtail.models import TaskState, WorkflowState

REVIEW_QUEUE_ANCHOR = "review-queue"


def review_queue_url():
    """The dashboard: 待我审核 is a reviewer's first panel, right under the message (an anchor
    would scroll the message out of sight on a phone)."""
    return reverse("wagtailadmin_home")


def reviewed_url(task_state):
    """The landing of a reviewer who has just finished ``task_state``."""
    return reverse("promotions_reviewed", args=[task_state.pk])


def outcome_message(task_state):
    """What happened to the page when ``task_state`` finished, in one sentence."""
    workflow_state = task_state.workflow_state
    title = workflow_state.content_object.get_admin_display_title()
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("已退回“%(title)s”并通知编辑修改。") % {"title": title}
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        return _("“%(title)s”已审核通过并发布。") % {"title": title}
    next_state = workflow_state.current_task_state
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS and next_state is not None:
        return _("“%(title)s”已审核通过，已提交%(task)s。") % {"title": title, "task": next_state.task.name}
    return _("“%(title)s”已审核通过。") % {"title": title}


def reviewed(request, task_state_id):
    """Say what the reviewer's action did, then show what still waits for them."""
    task_state = get_object_or_404(TaskState.objects.select_related("workflow_state", "task"), pk=task_state_id)
    if task_state.finished_by_id == request.user.pk:
        message = outcome_message(task_state)
        if message:
            messages.success(request, message)
    return redirect(review_queue_url())


def after_review_in_editor(request, page):
    """``after_edit_page``: a review action taken in the page editor lands like one taken in 待我审核."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    task_state = (
        TaskState.objects.for_instance(page)
        .filter(finished_by=request.user)
        .exclude(finished_at=None)
        .order_by("-finished_at", "-pk")
        .first()
    )
    if task_state is None:
        return None
    _drop_message(
        request,
        admin_messages.render(
            _("Page '%(page_title)s' has been updated.") % {"page_title": page.get_admin_display_title()}, None
        ),
    )
    return redirect(reviewed_url(task_state))


def _drop_message(request, text):
    """Remove the pending message ``text`` (Wagtail's save confirmation), keeping every other one."""
    pending = list(messages.get_messages(request))
    for message in pending:
        if str(message.message) != text:
            messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)
