from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import PROMOTION_LEVEL_CHOICES, Promotion
from .permissions import allowed_levels, can_promote


class PromotionForm(WagtailAdminModelForm):
    """Offers only the levels the reviewer may award and checks the item is in their school/province."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "level" in self.fields:
            levels = allowed_levels(self.for_user)
            self.fields["level"].choices = [(v, label) for v, label in PROMOTION_LEVEL_CHOICES if v in levels]

    def clean(self):
        cleaned = super().clean()
        page, level = cleaned.get("page"), cleaned.get("level")
        if page is None or not level:
            return cleaned
        if self.for_user is None or not can_promote(self.for_user, page.specific, level):
            raise forms.ValidationError(
                _("您没有权限对该内容进行“%(level)s”推介：只能推介本人负责范围内的内容，部级推介仅限部级管理员。")
                % {"level": dict(PROMOTION_LEVEL_CHOICES)[level]}
            )
        return cleaned

    def save(self, commit=True):
        # The 推介人 is whoever decided what is promoted at which level, and when: the person who
        # adds a promotion, or who later changes its item or level (a corrected note or batch
        # leaves it theirs). Wagtail's history of the promotion keeps every earlier edit.
        if self.instance.pk is None or {"page", "level"} & set(self.changed_data):
            self.instance.created_by = self.for_user
            if self.instance.pk is not None:
                self.instance.created_at = timezone.now()
        return super().save(commit=commit)

    class Meta:
        model = Promotion
        fields = ["page", "level", "year", "batch", "note"]
