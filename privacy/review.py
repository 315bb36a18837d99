"""What a reviewer is told about submissions' privacy checks in lists (待我审核)."""

from .models import PrivacyCheck, PrivacyConfirmation

NOT_CHECKED = {"blocking": [], "warnings": [], "confirmation": None}


def review_summaries(pages):
    """``{page pk: {"blocking", "warnings", "confirmation"}}`` for the latest revision of each page,
    from the checks stored with the revisions: two queries, however many pages.

    ``blocking``/``warnings`` are lists of ``{"where", "label", "masked"}``; ``confirmation`` is the
    editor's confirmation recorded on that revision, or ``None``.
    """
    revision_ids = {page.latest_revision_id: page.pk for page in pages if page.latest_revision_id}
    checks = PrivacyCheck.objects.filter(revision_id__in=revision_ids)
    confirmations = {}
    for confirmation in (
        PrivacyConfirmation.objects.filter(revision_id__in=revision_ids)
        .select_related("user")
        .order_by("revision_id", "-confirmed_at", "-pk")
    ):
        confirmations.setdefault(confirmation.revision_id, confirmation)
    summaries = {}
    for check in checks:
        summaries[revision_ids[check.revision_id]] = {
            "blocking": check.blocking,
            "warnings": check.warnings,
            "confirmation": confirmations.get(check.revision_id),
        }
    return summaries
