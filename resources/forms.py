from core.forms import SitePageForm


class SubmittedCountsForm(SitePageForm):
    """Hands the submitted many-to-many and inline counts to the model's ``clean()``.

    When the model's ``clean()`` runs during form validation, the chosen
    directions/topics and the inline rows are not on the instance yet (the same
    caveat as ``studios.forms.StudioPageForm``); the rules stay in the model.
    ``None`` means "already reported by the field itself".
    """

    count_fields: tuple[str, ...] = ()
    count_formsets: tuple[str, ...] = ()

    def clean(self):
        cleaned_data = super().clean()
        counts = {}
        for name in self.count_fields:
            counts[name] = len(cleaned_data[name]) if name in cleaned_data else None
        for name in self.count_formsets:
            formset = self.formsets.get(name)
            if formset is None:
                continue
            counts[name] = sum(
                1
                for form in formset.forms
                if form.is_valid() and form.cleaned_data and not formset._should_delete_form(form)
            )
        self.instance._submitted_counts = counts
        return cleaned_data


class ResourcePageForm(SubmittedCountsForm):
    count_fields = ("directions",)
    count_formsets = ("files",)


class HandbookPageForm(SubmittedCountsForm):
    count_fields = ("topics",)
