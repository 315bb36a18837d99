from wagtail.admin.panels import Panel

from core.models import EditorGuidance


class CaseWritingGuidePanel(Panel):
    """Under the category choice: where the case-writing guidance is (``EditorGuidance``)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cases/admin/case_writing_guide.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            guidance = EditorGuidance.for_request(self.request)
            context["guide_url"] = guidance.case_writing_guide_url(self.request)
            return context
