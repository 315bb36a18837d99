"""What a reviewer is told about a submission's privacy check, wherever they review it."""

from .models import PrivacyConfirmation


def review_summary(page):
    """``{"blocking", "warnings", "confirmation"}`` for the revision awaiting review of ``page``.

    ``confirmation``: the editor's confirmation recorded on that revision, or ``None``.
    """
    if not page.latest_revision_id:
        return {"blocking": [], "warnings": [], "confirmation": None}
    content = page.get_latest_revision_as_object()
    if not hasattr(content, "privacy_report"):
        return {"blocking": [], "warnings": [], "confirmation": None}
    report = content.privacy_report()
    confirmation = (
        PrivacyConfirmation.objects.filter(revision_id=page.latest_revision_id).select_related("user").first()
        if report.warnings
        else None
    )
    return {"blocking": report.blocking, "warnings": report.warnings, "confirmation": confirmation}
