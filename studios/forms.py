from django import forms

from core.choices import WorkCarrier
from core.forms import SitePageForm


class StudioPageForm(SitePageForm):
    """Hands the submitted member and direction counts to ``StudioPage.clean()``.

    When the model's ``clean()`` runs, the inline members and the chosen
    directions are not on the instance yet; the rule itself stays in the model
    (see ``studios.rules``). ``None`` means "already reported by the field".
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("work_carriers")
        if field is not None:
            # A JSON list in the model; here the vocabulary's checkboxes (it showed the raw JSON), keeping
            # any value outside the vocabulary that the studio already has.
            current = self.initial.get("work_carriers") or []
            extra = [(value, value) for value in current if value not in WorkCarrier.values]
            self.fields["work_carriers"] = forms.MultipleChoiceField(
                label=field.label,
                help_text=field.help_text,
                required=False,
                choices=[*WorkCarrier.choices, *extra],
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        cleaned_data = super().clean()
        counts = {"direction_count": len(cleaned_data["directions"]) if "directions" in cleaned_data else None}
        members = self.formsets.get("members")
        if members is not None:
            counts["member_count"] = sum(
                1
                for form in members.forms
                if form.is_valid() and form.cleaned_data and not members._should_delete_form(form)
            )
        self.instance._submitted_rule_counts = counts
        return cleaned_data
