"""Who is emailed when content is submitted for review."""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from .models import ScopedGroupApprovalTask


class ScopedSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail emails every member of a task's groups about each submission; here only the
    reviewers who may act on that page (its school's or province's reviewers) are told."""

    def get_recipient_users(self, task_state, **kwargs):
        users = super().get_recipient_users(task_state, **kwargs)
        task = task_state.task.specific
        if not isinstance(task, ScopedGroupApprovalTask):
            return users
        page = task_state.workflow_state.content_object
        return [user for user in users if task._may_act(page, user)]


scoped_submission_email_notifier = ScopedSubmissionEmailNotifier()
#: Wagtail connects its own notifier under this id; the first connection with an id wins.
SUBMISSION_NOTIFIER_UID = "group_approval_task_submitted_email_notification"


def connect_scoped_submission_notifier():
    task_submitted.disconnect(sender=TaskState, dispatch_uid=SUBMISSION_NOTIFIER_UID)
    task_submitted.connect(scoped_submission_email_notifier, sender=TaskState, dispatch_uid=SUBMISSION_NOTIFIER_UID)
