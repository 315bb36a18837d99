from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser
from wagtail.documents.widgets import AdminDocumentChooser

from promotions.models import ReviewerRole

from .choices import RoundKind
from .models import IndicatorRating, IndicatorScore


class RatingForm(forms.ModelForm):
    """One third-level indicator of a self-evaluation."""

    class Meta:
        model = IndicatorRating
        fields = ["rating", "narrative", "evidence_page", "evidence_document", "evidence_note"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 3}),
            "evidence_page": AdminPageChooser(),
            "evidence_document": AdminDocumentChooser(),
        }

    def __init__(self, *args, studio, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.studio = studio
        self.fields["rating"] = forms.ChoiceField(label=_("自评等级"), choices=[("", "—")] + scale, required=False)

    def clean(self):
        cleaned = super().clean()
        self.instance.evidence_page = cleaned.get("evidence_page")
        self.instance.evidence_document = cleaned.get("evidence_document")
        for field, message in self.instance.evidence_errors(self.studio).items():
            self.add_error(field, message)
        return cleaned


class ScoreForm(forms.ModelForm):
    class Meta:
        model = IndicatorScore
        fields = ["score", "comment"]
        widgets = {
            "score": forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_score(self):
        score = self.cleaned_data.get("score")
        if score is not None and not 0 <= score <= 100:
            raise ValidationError(_("得分率须在 0 到 100 之间。"))
        return score


class OpenRoundForm(forms.Form):
    studio = forms.ModelChoiceField(label=_("工作室"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("类别"), choices=RoundKind.choices)
    level = forms.ChoiceField(label=_("组织层级"))

    def __init__(self, *args, studios, levels, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["studio"].queryset = studios
        self.fields["level"].choices = [(level, ReviewerRole(level).label) for level in levels]
        self.levels = levels
        if len(levels) == 1:  # a reviewer opens rounds at their own level only
            del self.fields["level"]

    def clean(self):
        cleaned = super().clean()
        if len(self.levels) == 1:
            cleaned["level"] = self.levels[0]
        return cleaned
