"""A selection round in progress and a finished one, for ``manage.py load_demo`` (idempotent).

Everything comes from ``data/demo_rounds.json``; the finished round's winners become studio pages
through :func:`selection.establish.establish`, as a real round's would. The round in progress
has its calendar set relative to the day the demo is loaded (申报 open for two more weeks).
"""

import datetime
import io
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from outreach.pdf import FONT, _register_font
from promotions.demo import _account, _password, _reviewer
from promotions.models import ReviewerProfile, ReviewerRole

from .choices import Status
from .establish import establish
from .forms import ApplicationForm
from .models import Achievement, Application, ApplicationMember, Assignment, Expert, Programme
from .programmes import load_programmes, move_to_stage

DATA = Path(__file__).resolve().parent / "data" / "demo_rounds.json"
# The 申报书 form's fields (the demo data confirms 在职在岗 for every host).
APPLICATION_FIELDS = [name for name in ApplicationForm.Meta.fields if name != "host_in_post"]
# What each demo stage means for the application's fields.
STAGE_STATUS = {
    "draft": Status.DRAFT,
    "submitted": Status.SUBMITTED,
    "returned": Status.RETURNED,
    "recommended": Status.RECOMMENDED,
    "qualified": Status.QUALIFIED,
    "not-selected": Status.NOT_SELECTED,
    "approved": Status.PROPOSED,  # 立项 below turns it into 已立项
}


def evidence_pdf(title, issuer):
    """A one-page scan stand-in for a certificate (the demo has no real scans)."""
    _register_font()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5)
    page.setFont(FONT, 16)
    page.drawCentredString(A5[0] / 2, A5[1] - 80, "证明材料（演示）")
    page.setFont(FONT, 11)
    y = A5[1] - 130
    for line in [title[i : i + 22] for i in range(0, len(title), 22)] + [issuer]:
        page.drawCentredString(A5[0] / 2, y, line)
        y -= 20
    page.save()
    return buffer.getvalue()


def _moment(programme, days_before_deadline):
    deadline = programme.school_deadline
    return timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(10, 0))) - datetime.timedelta(
        days=days_before_deadline
    )


def _school_reviewer_for(school):
    profile = ReviewerProfile.objects.filter(role=ReviewerRole.SCHOOL, school=school).select_related("user").first()
    return profile.user if profile else None


def _application(programme, entry, organiser, experts):
    user = _account(entry["applicant"]["username"], entry["applicant"]["name"], _password())
    existing = Application.objects.filter(programme=programme, applicant=user).first()
    if existing is not None:
        return existing, False
    stage = entry["stage"]
    application = Application(programme=programme, applicant=user, status=STAGE_STATUS[stage], host_in_post=True)
    for name in APPLICATION_FIELDS:
        setattr(application, name, entry[name])
    if stage != "draft":
        application.submitted_at = _moment(programme, 9)
    if stage not in ("draft", "submitted"):
        application.recommended_by = _school_reviewer_for(application.school)
        application.recommended_at = _moment(programme, 2)
        application.school_comment = entry.get("school_comment", "")
        application.school_rank = entry.get("school_rank")
        application.responsibility_confirmed = stage != "returned"
    if stage in ("qualified", "not-selected", "approved"):
        application.status = Status.QUALIFIED if stage == "qualified" else application.status
        application.qualification_note = entry.get("qualification_note", "符合申报条件。")
        application.qualified_by = organiser
        application.site_visit_notes = entry.get("site_visit_notes", "")
    if stage in ("not-selected", "approved"):
        application.decision_note = entry.get("decision_note", "")
        application.decided_by = organiser
        application.decided_at = timezone.make_aware(
            datetime.datetime.combine(programme.publicity_start, datetime.time(9, 0))
        ) - datetime.timedelta(days=3)
    application.save()
    for position, member in enumerate(entry["members"]):
        ApplicationMember.objects.create(application=application, sort_order=position, **member)
    for number, achievement in enumerate(entry["achievements"], start=1):
        record = Achievement(application=application, **achievement)
        content = evidence_pdf(achievement["title"], achievement.get("issuer", ""))
        record.evidence.save(f"evidence-{application.pk}-{number}.pdf", ContentFile(content), save=False)
        record.save()
    if stage in ("qualified", "not-selected", "approved"):  # experts are assigned after the 资格审核
        _scores(programme, application, entry, experts)
    return application, True


def _scores(programme, application, entry, experts):
    scores = entry.get("scores") or []
    names = entry.get("experts") or [e.user.username for e in experts if not e.conflicts_with(application)][:5]
    panel = [e for e in experts if e.user.username in names]
    keys = [c["key"] for c in programme.criteria_list()]
    submitted_at = timezone.make_aware(datetime.datetime.combine(programme.review_deadline, datetime.time(17, 0)))
    for position, expert in enumerate(panel):
        assignment = Assignment(application=application, expert=expert)
        if position < len(scores):
            score = scores[position]
            if isinstance(score, int):  # a total: spread over the criteria in proportion to their maxima
                maxima = [c["max"] for c in programme.criteria_list()]
                parts = [score * m // sum(maxima) for m in maxima]
                parts[-1] += score - sum(parts)
                score = dict(zip(keys, parts, strict=True))
            assignment.scores = score
            assignment.comment = "材料翔实，方案可行。" if sum(score.values()) >= 80 else "方案需进一步细化。"
            assignment.submitted_at = submitted_at - datetime.timedelta(days=position + 1)
        assignment.save()


@transaction.atomic
def load(stdout):
    load_programmes()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    password = _password()
    for account in data["accounts"]:
        if account.get("role") == "school":
            _reviewer(
                account["username"],
                account["name"],
                password,
                ReviewerRole.SCHOOL,
                account["school"],
                account["province"],
            )
        else:
            _account(account["username"], account["name"], password)
    experts = []
    for entry in data["experts"]:
        user = _account(entry["username"], entry["name"], password)
        expert, _created = Expert.objects.update_or_create(
            user=user,
            defaults={k: entry[k] for k in ("name", "school", "province", "speciality")},
        )
        experts.append(expert)
    user_model = get_user_model()
    created = 0
    for round_data in data["rounds"]:
        programme = Programme.objects.get(slug=round_data["programme"])
        if round_data.get("stage"):
            move_to_stage(programme, round_data["stage"])
        organiser = user_model.objects.filter(username=round_data["organiser"]).first()
        for entry in round_data["applications"]:
            _application_obj, new = _application(programme, entry, organiser, experts)
            created += new
        if round_data.get("final_review_note") and programme.publicity_over() and organiser is not None:
            establish(programme, organiser, note=round_data["final_review_note"])
            if round_data.get("established_on"):  # the meeting's day, not the day the demo was loaded
                day = datetime.date.fromisoformat(round_data["established_on"])
                programme.established_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(16, 0)))
                programme.save(update_fields=["established_at"])
    stdout.write(f"工作室评选演示数据：新增申报书 {created} 份。评选入口：/selection/（密码均为 {password}）")
    stdout.write(
        "  申报人：demo_applicant（中职遴选中的一份草稿）；学校推荐：demo_school；评审组织：demo_ministry、demo_province"
    )
    stdout.write("  评审专家：demo_expert（另有 demo_expert2…demo_expert5）")
