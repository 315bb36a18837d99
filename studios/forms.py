from home.forms import SitePageForm


class StudioPageForm(SitePageForm):
    """Hands the submitted member and direction counts to ``StudioPage.clean()``.

    When the model's ``clean()`` runs, the inline members and the chosen
    directions are not on the instance yet; the rule itself stays in the model
    (see ``studios.rules``). ``None`` means "already reported by the field".
    """

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
