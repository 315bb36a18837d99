"""The 申报书 form (with its members and achievements) and the reviewers' small forms."""

from django import forms
from django.forms import inlineformset_factory

from core.choices import Direction

from .models import Achievement, Application, ApplicationMember

EVIDENCE_CHOSEN = "-evidence-chosen"  # the live check sends <row prefix> + this instead of the file itself


class ApplicationForm(forms.ModelForm):
    directions = forms.MultipleChoiceField(
        label="建设方向",
        choices=Direction.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="结合学校特色和成员特长，选择 1-3 个",
    )

    class Meta:
        model = Application
        fields = [
            "studio_name",
            "school",
            "school_type",
            "province",
            "city",
            "host_name",
            "host_title",
            "host_title_rank",
            "host_in_post",
            "host_years",
            "host_position",
            "host_phone",
            "host_email",
            "directions",
            "construction_model",
            "goals",
            "tasks",
            "outcomes",
            "safeguards",
            "school_support",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ["goals", "tasks", "outcomes", "safeguards"]}
        widgets["school_support"] = forms.Textarea(attrs={"rows": 3})


MemberFormSet = inlineformset_factory(
    Application,
    ApplicationMember,
    fields=["name", "role", "title", "years", "unit", "phone"],
    extra=2,
    max_num=12,
    can_delete=True,
)


class AchievementForm(forms.ModelForm):
    class Meta:
        model = Achievement
        fields = ["kind", "level", "title", "year", "issuer", "evidence"]
        # A plain file input: the page links a stored file through the permission-checked view.
        widgets = {"evidence": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})}


AchievementFormSet = inlineformset_factory(
    Application, Achievement, form=AchievementForm, extra=2, max_num=12, can_delete=True
)


class RecommendForm(forms.Form):
    rank = forms.IntegerField(label="校内排序", min_value=1, max_value=99, required=False)
    comment = forms.CharField(label="学校意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    confirmed = forms.BooleanField(
        label="本校已严格审核申报材料，按照“谁推荐、谁负责”的原则对推荐结果负责", required=False
    )
