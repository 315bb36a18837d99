"""Programmes from ``data/programmes.json`` (the Guizhou 2024 notice and the Ministry's 中职 notice)."""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Programme

DATA = Path(__file__).resolve().parent / "data" / "programmes.json"
DATE_FIELDS = ["apply_deadline", "school_deadline", "review_deadline", "publicity_start", "publicity_end"]


@transaction.atomic
def load_programmes(path=DATA):
    """Create or update each programme (by slug); every one is validated before anything is saved."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    programmes = []
    for number, entry in enumerate(entries, start=1):
        fields = dict(entry)
        slug = fields.pop("slug")
        for name in DATE_FIELDS:
            fields[name] = datetime.date.fromisoformat(fields[name])
        programme = Programme.objects.filter(slug=slug).first() or Programme(slug=slug)
        for name, value in fields.items():
            setattr(programme, name, value)
        try:
            programme.full_clean()
        except ValidationError as exc:
            raise ValidationError([f"第{number}个项目（{slug}）：{m}" for m in exc.messages]) from exc
        programmes.append(programme)
    for programme in programmes:
        programme.save()
    return programmes


# Days from today of each date in DATE_FIELDS, for each stage of a round (demos, training, tests).
STAGES = {
    "apply": (14, 28, 50, 60, 66),
    "school": (-3, 14, 36, 46, 52),
    "review": (-20, -10, 14, 24, 30),
    "publicity": (-40, -30, -20, -2, 5),
    "closed": (-60, -50, -40, -20, -14),
}
STAGE_LABELS = {
    "apply": "申报中",
    "school": "学校推荐中",
    "review": "专家评审中",
    "publicity": "公示中",
    "closed": "公示已结束",
}


def move_to_stage(programme, stage):
    """Move ``programme``'s calendar so that today falls in ``stage``."""
    today = timezone.localdate()
    for name, days in zip(DATE_FIELDS, STAGES[stage], strict=True):
        setattr(programme, name, today + datetime.timedelta(days=days))
    programme.save()
    return programme
