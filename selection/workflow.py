"""The steps of a round, each checking who acts and whether the programme's calendar allows it.

Views and commands call these; a refused step raises PermissionDenied (wrong person) or
ValidationError (wrong time or state), both with a Chinese message.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .access import expert_of, organised_programmes, school_of
from .choices import Status
from .models import Application, Assignment, Expert


def _refuse(message):
    raise ValidationError(message)


def submit(application, user):
    if application.applicant_id != user.pk:
        raise PermissionDenied("只能提交自己的申报书。")
    if not application.editable_by_applicant:
        _refuse("申报已截止或申报书已提交，不能再提交。")
    problems = application.submission_problems()
    if problems:
        raise ValidationError(problems)
    application.status = Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])


def _school_step(application, user):
    if school_of(user) != application.school:
        raise PermissionDenied("只能处理本校的申报。")
    if application.status not in (Status.SUBMITTED, Status.RECOMMENDED):
        _refuse("这份申报书当前不在学校推荐环节。")
    if not application.programme.accepting_recommendations():
        _refuse(f"学校推荐已于 {application.programme.school_deadline:%Y年%m月%d日} 截止。")


@transaction.atomic
def recommend(application, user, *, rank, comment, confirmed):
    _school_step(application, user)
    if not confirmed:
        _refuse("请确认“谁推荐、谁负责”：学校已严格审核申报材料，对推荐结果负责。")
    if not comment.strip():
        _refuse("请填写学校推荐意见。")
    quota = application.programme.school_quota
    if quota is not None and application.status != Status.RECOMMENDED:
        already = (
            Application.objects.select_for_update()
            .filter(programme=application.programme, school=application.school, status__in=_recommended_or_later())
            .count()
        )
        if already >= quota:
            _refuse(f"本项目每校最多推荐 {quota} 项，本校已推荐 {already} 项。")
    application.status = Status.RECOMMENDED
    application.school_rank = rank
    application.school_comment = comment.strip()
    application.responsibility_confirmed = True
    application.recommended_by = user
    application.recommended_at = timezone.now()
    application.save()


def _recommended_or_later():
    return [s for s in Status.values if s not in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)]


def return_for_changes(application, user, *, comment):
    _school_step(application, user)
    if not comment.strip():
        _refuse("退回时请写明需要修改的内容。")
    application.status = Status.RETURNED
    application.school_comment = comment.strip()
    application.recommended_by = user
    application.recommended_at = timezone.now()
    application.responsibility_confirmed = False
    application.save()


def _province_step(application, user):
    if not organised_programmes(user).filter(pk=application.programme_id).exists():
        raise PermissionDenied("您不是该评选项目的省级评审组织者。")


def qualify(application, user, *, passed, note):
    _province_step(application, user)
    if application.status not in (Status.RECOMMENDED, Status.QUALIFIED, Status.DISQUALIFIED):
        _refuse("这份申报书当前不在资格审核环节。")
    if not passed and not note.strip():
        _refuse("资格审核不通过时请写明理由。")
    application.status = Status.QUALIFIED if passed else Status.DISQUALIFIED
    application.qualification_note = note.strip()
    application.qualified_by = user
    application.save()


def assign(application, user, experts):
    """Assign experts; an expert from the applicant's school is refused (回避)."""
    _province_step(application, user)
    if application.status != Status.QUALIFIED:
        _refuse("资格审核通过后才能分配评审专家。")
    conflicted = [expert.name for expert in experts if expert.conflicts_with(application)]
    if conflicted:
        _refuse(f"{'、'.join(conflicted)}与申报人同校，须回避。")
    created = 0
    for expert in experts:
        _assignment, new = Assignment.objects.get_or_create(application=application, expert=expert)
        created += new
    return created


def score(assignment, user, *, scores, comment):
    expert = expert_of(user)
    if expert is None or assignment.expert_id != expert.pk or expert.conflicts_with(assignment.application):
        raise PermissionDenied("这不是分配给您的评审任务。")
    programme = assignment.application.programme
    if not programme.accepting_scores():
        _refuse(f"专家评审已于 {programme.review_deadline:%Y年%m月%d日} 截止。")
    if assignment.submitted_at is not None:
        _refuse("评分已提交，不能修改。")
    clean, errors = {}, []
    for criterion in programme.criteria_list():
        value = scores.get(criterion["key"])
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            errors.append(f"“{criterion['name']}”请填写 0-{criterion['max']} 的整数。")
            continue
        if not 0 <= number <= criterion["max"]:
            errors.append(f"“{criterion['name']}”应在 0-{criterion['max']} 分之间。")
        clean[criterion["key"]] = number
    if not comment.strip():
        errors.append("请填写评审意见。")
    if errors:
        raise ValidationError(errors)
    assignment.scores = clean
    assignment.comment = comment.strip()
    assignment.submitted_at = timezone.now()
    assignment.save()


def record_site_visit(application, user, notes):
    _province_step(application, user)
    application.site_visit_notes = notes.strip()
    application.save(update_fields=["site_visit_notes", "updated_at"])


def decide(application, user, *, selected, note):
    """拟立项 (goes to the 公示) or 未入选; before the 公示 starts."""
    _province_step(application, user)
    if application.status not in (Status.QUALIFIED, Status.PROPOSED, Status.NOT_SELECTED):
        _refuse("资格审核通过的申报才能评定。")
    if application.programme.today() >= application.programme.publicity_start:
        _refuse("公示已开始，拟立项名单不能再改动。")
    application.status = Status.PROPOSED if selected else Status.NOT_SELECTED
    application.decision_note = note.strip()
    application.decided_by = user
    application.decided_at = timezone.now()
    application.save()


def record_objection(application, user, *, objection, upheld):
    _province_step(application, user)
    if application.status != Status.PROPOSED:
        _refuse("只有公示中的拟立项申报可以登记异议。")
    if application.programme.today() < application.programme.publicity_start:
        _refuse(f"公示自 {application.programme.publicity_start:%Y年%m月%d日} 开始，公示开始后才能登记异议。")
    if not objection.strip():
        _refuse("请填写异议内容及核查情况。")
    application.objection = objection.strip()
    application.objection_upheld = upheld
    application.save(update_fields=["objection", "objection_upheld", "updated_at"])


def assignable_experts(application, experts=None):
    """The experts who may review ``application`` (``experts``: a list loaded once for a whole table)."""
    experts = Expert.objects.order_by("name") if experts is None else experts
    return [e for e in experts if not e.conflicts_with(application)]
