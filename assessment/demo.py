"""Demo plans, ledgers, activities, growth archives, self-evaluations and one finished 验收
for ``manage.py load_demo`` (idempotent), from ``data/demo.json``. Every record is validated
(``full_clean``) as the admin would validate it."""

import datetime
import io
import json
from pathlib import Path

import docx
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from promotions.accounts import ensure_studio_space
from studios.models import StudioPage, StudioUpdatePage

from . import scoring
from .choices import EvaluationStatus
from .loader import load_all
from .models import (
    Activity,
    AnnualPlan,
    AssessmentRound,
    GrowthRecord,
    IndicatorRating,
    IndicatorScore,
    MemberArchive,
    PlanTask,
    SelfEvaluation,
    TierChange,
    standard_for,
)

DATA = Path(__file__).resolve().parent / "data" / "demo.json"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _page(studio, slug, model=Page):
    if not slug:
        return None
    return model.objects.descendant_of(studio).filter(slug=slug).first()


def _owner(studio, members, owner):
    return studio.host_name if owner == "host" else members[owner]


def _minutes(studio, title, note):
    """A short meeting record as a Word file in the studio's own collection (evidence)."""
    space = ensure_studio_space(studio)
    existing = Document.objects.filter(collection=space.collection, title=title).first()
    if existing:
        return existing
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(note)
    buffer = io.BytesIO()
    document.save(buffer)
    return Document.objects.create(
        title=title, collection=space.collection, file=ContentFile(buffer.getvalue(), name="meeting-minutes.docx")
    )


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def load_studio(data, standard, admin):
    studio = StudioPage.objects.filter(slug=data["studio"]).first()
    if studio is None or AnnualPlan.objects.filter(studio=studio, year=data["year"]).exists():
        return 0
    members = [m.name for m in studio.members.all()]
    indicators = {i.code: i for i in standard.indicators.filter(level=3)}
    plan = _saved(AnnualPlan(studio=studio, year=data["year"], goals=data["goals"]))
    for order, task in enumerate(data["tasks"]):
        row = PlanTask(
            plan=plan,
            sort_order=order,
            title=task["title"],
            owner=_owner(studio, members, task["owner"]),
            due_date=_date(task["due"]),
            indicator=indicators[task["indicator"]],
            status=task["status"],
            closed_on=_date(task.get("closed")),
            evidence_page=_page(studio, task.get("evidence")),
            evidence_note=task.get("note", ""),
        )
        if task["status"] == "done" and row.evidence_page is None:
            row.evidence_document = _minutes(studio, task["title"] + "纪要", task.get("note", ""))
        _saved(row)
    for item in data["activities"]:
        if "title" not in item:
            # The activities recorded on an update (studios/demo_data/updates.toml) get their
            # indicator the way an editor would give it: in a new revision of the update, published.
            update = _page(studio, item["update"], StudioUpdatePage)
            if update is not None:
                update = update.get_latest_revision_as_object()
                activities = list(update.activities.all())
                for activity in activities:
                    activity.indicator = indicators.get(item["indicator"])
                update.activities = activities
                update.save_revision().publish()
            continue
        _saved(
            Activity(
                studio=studio,
                title=item["title"],
                kind=item["kind"],
                date=_date(item["date"]),
                place=item["place"],
                participants=item["participants"],
                schools_reached=item["schools"],
                provinces=item["provinces"],
                is_public=item["public"],
                competition_level=item.get("competition", ""),
                indicator=indicators.get(item.get("indicator")),
            )
        )
    for item in data["archives"]:
        archive = _saved(
            MemberArchive(
                studio=studio,
                member_name=members[item["member"]],
                **{k: item[k] for k in ("knowledge", "practice", "personality", "philosophy", "wishes")},
            )
        )
        for date, kind, level, title in item["records"]:
            _saved(GrowthRecord(archive=archive, date=_date(date), kind=kind, level=level, title=title))
        for date, tier, note in item["tiers"]:
            _saved(TierChange(archive=archive, date=_date(date), tier=tier, evidence_note=note))
    if data["evaluation"]:
        _load_evaluation(studio, standard, data, indicators)
    for item in data["rounds"]:
        _load_round(studio, standard, data["year"], item, indicators, admin)
    return 1


def _load_evaluation(studio, standard, data, indicators):
    spec = data["evaluation"]
    evaluation = SelfEvaluation.objects.create(studio=studio, year=data["year"], standard=standard)
    default_page = _page(studio, spec.get("default_evidence"))
    for code, indicator in indicators.items():
        rating, narrative = spec["ratings"].get(code, ["met" if default_page else "", ""])
        IndicatorRating.objects.create(
            evaluation=evaluation, indicator=indicator, rating=rating, narrative=narrative, evidence_page=default_page
        )
    if spec["status"] == EvaluationStatus.SUBMITTED:
        evaluation.status = EvaluationStatus.SUBMITTED
        evaluation.submitted_at = timezone.make_aware(datetime.datetime(data["year"], 6, 20, 10))
        evaluation.save()


def _load_round(studio, standard, year, item, indicators, admin):
    assessment_round = AssessmentRound.objects.create(
        studio=studio, standard=standard, year=year, kind=item["kind"], level=item["level"], opened_by=admin
    )
    scores = []
    for code, indicator in indicators.items():
        score, comment = item["scores"].get(code, [item["default_score"], ""])
        scores.append(IndicatorScore(round=assessment_round, indicator=indicator, score=score, comment=comment))
    IndicatorScore.objects.bulk_create(scores)
    scores = list(assessment_round.scores.select_related("indicator"))
    scoring.finish(assessment_round, scores, admin, item["comment"])
    finished = timezone.make_aware(datetime.datetime.fromisoformat(item["finished"]))
    AssessmentRound.objects.filter(pk=assessment_round.pk).update(opened_at=finished, finished_at=finished)


@transaction.atomic
def load(stdout):
    load_all()
    admin = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    created = 0
    for item in data["studios"]:
        studio = StudioPage.objects.filter(slug=item["studio"]).first()
        standard = standard_for(studio) if studio else None
        if standard is not None:
            created += load_studio(item, standard, admin)
    stdout.write(f"建设与考核：新建 {created} 个工作室的年度计划、台账、成长档案、自评与考核。")
