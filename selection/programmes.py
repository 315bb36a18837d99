"""Programmes from ``data/programmes.json`` (the Guizhou 2024 notice and the Ministry's 中职 notice)."""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

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
