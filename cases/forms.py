from django.utils.html import format_html

from core.choices import CASE_CATEGORY_DESCRIPTIONS, CaseCategory
from core.forms import SitePageForm


class CasePageForm(SitePageForm):
    """Hands the submitted direction count to ``CasePage.clean()``.

    When the model's ``clean()`` runs, the chosen directions are not on the
    instance yet; the rule itself stays in ``cases.rules``. ``None`` means
    "already reported by the field" (e.g. nothing chosen).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:  # chosen from radio buttons, each with what the category covers
            self.fields["category"].choices = [
                (value, format_html("<strong>{}</strong>　{}", label, CASE_CATEGORY_DESCRIPTIONS[value]))
                for value, label in CaseCategory.choices
            ]

    def clean(self):
        cleaned_data = super().clean()
        directions = cleaned_data.get("directions") if "directions" in cleaned_data else None
        self.instance._submitted_direction_count = None if directions is None else len(directions)
        return cleaned_data
