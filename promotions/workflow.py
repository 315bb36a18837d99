"""The action run when a review workflow is approved at its last step."""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

    Wagtail's default re-checks that the last approver holds the *publish* page
    permission. Here reviewers hold no page permissions at all: their right to
    approve was already checked, per school or province, by
    :class:`promotions.models.ScopedGroupApprovalTask`, so the publication is
    recorded under the approver's name without a second page-permission check.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
