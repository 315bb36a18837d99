from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.models import Revision

from .models import PrivacyConfirmation


def confirmations_for(page, limit=5):
    """The latest confirmations recorded on ``page``'s revisions, newest first."""
    if not page.pk:
        return []
    revisions = Revision.objects.for_instance(page).values("pk")
    return list(PrivacyConfirmation.objects.filter(revision__in=revisions).select_related("user", "revision")[:limit])


class PrivacyFindingsPanel(Panel):
    """What the privacy check finds in the content as it stands, and who confirmed what."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "privacy/admin/findings_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            report = page.privacy_report(parent=getattr(self.form, "parent_page", None))
            latest_revision_id = getattr(page, "latest_revision_id", None)
            confirmations = confirmations_for(page)
            context.update(
                blocking=report.blocking,
                warnings=report.warnings,
                confirmations=confirmations,
                latest_revision_id=latest_revision_id,
            )
            return context


def privacy_panel():
    """The editor's 隐私检查 section: the findings, then the confirmation box."""
    return MultiFieldPanel(
        [PrivacyFindingsPanel(), FieldPanel("privacy_confirmed")],
        heading=_("隐私检查"),
        classname="privacy-panel",
    )
