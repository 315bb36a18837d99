"""Admin views: the overview (建设与考核), self-evaluation, assessment rounds, the studio report
and the exports. Every view checks ``access`` on the server before it reads or writes."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.choices import Province
from studios.models import StudioPage

from . import access, exports, scoring
from .choices import EvaluationStatus, RoundStatus
from .evidence import Suggestions, item_for
from .forms import OpenRoundForm, RatingForm, ScoreForm
from .models import (
    Activity,
    AnnualPlan,
    AssessmentRound,
    IndicatorRating,
    IndicatorScore,
    MemberArchive,
    SelfEvaluation,
    standard_for,
)
from .summary import draft_summary, ledger_figures, reach

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIOUS_SUMMARY_MARK = "——以下为生成草稿前的原总结——"


def _year(value, default=None):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default or datetime.date.today().year
    return year if 2000 <= year <= 2100 else (default or datetime.date.today().year)


def _studio_for(user, studio_id, edit=False):
    studio = get_object_or_404(StudioPage, pk=studio_id)
    allowed = access.can_edit_studio(user, studio) if edit else access.can_view_studio(user, studio)
    if not allowed:
        raise PermissionDenied
    return studio


def _download(content, filename, content_type):
    from django.utils.http import content_disposition_header

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Overview --------------------------------------------------------------------------------


def overview(request):
    user = request.user
    year = _year(request.GET.get("year"))
    studios = list(access.visible_studios(user).order_by("province", "title"))
    if not studios and not user.is_superuser:
        raise PermissionDenied
    plans = {p.studio_id: p for p in AnnualPlan.objects.filter(studio__in=studios, year=year)}
    evaluations = {e.studio_id: e for e in SelfEvaluation.objects.filter(studio__in=studios, year=year)}
    rounds = {}
    for r in AssessmentRound.objects.filter(studio__in=studios, year=year).order_by("opened_at"):
        rounds.setdefault(r.studio_id, []).append(r)
    rows = []
    for studio in studios:
        rows.append(
            {
                "studio": studio,
                "editable": access.can_edit_studio(user, studio),
                "plan": plans.get(studio.pk),
                "evaluation": evaluations.get(studio.pk),
                "rounds": rounds.get(studio.pk, []),
            }
        )
    levels = access.round_levels(user)
    open_form = None
    if levels:
        reviewable = [s.pk for s in studios if access.can_review_studio(user, s) and standard_for(s)]
        open_form = OpenRoundForm(
            studios=StudioPage.objects.filter(pk__in=reviewable).order_by("title"),
            levels=levels,
            initial={"year": year},
        )
    provinces = []
    if levels:
        seen = sorted({s.province for s in studios if access.can_review_studio(user, s)})
        provinces = [(code, Province(code).label) for code in seen if code in Province.values]
    return TemplateResponse(
        request,
        "assessment/overview.html",
        {
            "year": year,
            "years": range(datetime.date.today().year + 1, 2021, -1),
            "rows": rows,
            "open_form": open_form,
            "provinces": provinces,
            "page_title": "建设与考核",
            "header_title": "建设与考核",
        },
    )


# Plan: the year-end summary drafted from the ledger ----------------------------------------


@require_POST
def draft_plan_summary(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    _studio_for(request.user, plan.studio_id, edit=True)
    previous = plan.summary.strip()
    plan.summary = draft_summary(plan)
    if previous:  # the host's own text is kept below the new draft, never lost
        plan.summary += f"\n\n{PREVIOUS_SUMMARY_MARK}\n{previous}"
    plan.save(update_fields=["summary"])
    messages.success(request, "已根据任务台账生成年终总结草稿，请修改补充后保存。")
    return redirect(reverse("assessment_plans:edit", args=[plan.pk]) + "#panel-summary-section")


def plan_summary_docx(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    _studio_for(request.user, plan.studio_id)
    return _download(exports.summary_docx(plan), f"{plan.studio.title}{plan.year}年度工作总结.docx", DOCX_TYPE)


# Self-evaluation ---------------------------------------------------------------------------


def _rating_rows(evaluation, standard, studio, year, data=None, editable=False):
    existing = {}
    if evaluation.pk:
        existing = {r.indicator_id: r for r in evaluation.ratings.select_related("evidence_page", "evidence_document")}
    suggestions = Suggestions(studio, standard, year)
    rows = []
    for indicator in standard.third_level().select_related("parent__parent"):
        rating = existing.get(indicator.pk) or IndicatorRating(evaluation=evaluation, indicator=indicator)
        form = None
        if editable:
            form = RatingForm(
                data, instance=rating, prefix=f"i{indicator.pk}", studio=studio, scale=standard.rating_choices()
            )
        linked = item_for(rating, "自评证据") if rating.pk else None
        suggested = suggestions.for_indicator(indicator)
        rows.append(
            {
                "indicator": indicator,
                "rating": rating,
                "rating_label": dict(standard.rating_choices()).get(rating.rating, ""),
                "form": form,
                "linked": linked,
                "suggested": suggested,
                "has_evidence": bool(linked or suggested),
            }
        )
    return rows


def _submit_evaluation(request, evaluation, standard, studio, year):
    rows = _rating_rows(evaluation, standard, studio, year)
    missing = [r["indicator"].code for r in rows if not r["rating"].rating]
    bare = [r["indicator"].code for r in rows if not r["has_evidence"]]
    if missing:
        messages.error(request, f"提交前请为每个指标选择自评等级，尚缺：{'、'.join(missing)}。")
    if bare:
        messages.error(request, f"以下指标还没有证据：{'、'.join(bare)}。")
    if not (missing or bare):
        evaluation.status = EvaluationStatus.SUBMITTED
        evaluation.submitted_at = timezone.now()
        evaluation.save()
        messages.success(request, "自评已提交，审核人员可以查看并据此评分。")
    return redirect(request.path)


def self_evaluation(request, studio_id, year):
    user = request.user
    studio = _studio_for(user, studio_id)
    year = _year(year)
    standard = standard_for(studio)
    if standard is None:
        messages.error(request, "还没有适用于该工作室的建设标准，请站点管理员载入标准（load_standards）。")
        return redirect("assessment_overview")
    evaluation = SelfEvaluation.objects.filter(studio=studio, year=year).first()
    can_edit = access.can_edit_studio(user, studio)
    if evaluation is None:
        evaluation = SelfEvaluation(studio=studio, year=year, standard=standard)
    if not can_edit and evaluation.status != EvaluationStatus.SUBMITTED:
        return TemplateResponse(
            request,
            "assessment/self_evaluation.html",
            {"studio": studio, "year": year, "not_submitted": True, "page_title": "自评", "header_title": "自评"},
        )
    editable = can_edit and evaluation.status == EvaluationStatus.DRAFT
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        rows = _rating_rows(evaluation, standard, studio, year, request.POST, editable=True)
        if all(row["form"].is_valid() for row in rows):
            with transaction.atomic():
                evaluation.save()
                for row in rows:
                    row["form"].instance.evaluation = evaluation
                    row["form"].save()
            if request.POST.get("action") == "submit":
                return _submit_evaluation(request, evaluation, standard, studio, year)
            messages.success(request, "自评已保存。")
            return redirect(request.path)
        messages.error(request, "自评未保存：请按各指标下的提示修改。")
    else:
        rows = _rating_rows(evaluation, standard, studio, year, editable=editable)
    done = sum(1 for r in rows if r["has_evidence"])
    return TemplateResponse(
        request,
        "assessment/self_evaluation.html",
        {
            "studio": studio,
            "year": year,
            "standard": standard,
            "evaluation": evaluation,
            "rows": rows,
            "editable": editable,
            "can_withdraw": can_edit and evaluation.status == EvaluationStatus.SUBMITTED,
            "withdrawal_problem": evaluation.withdrawal_problem() if can_edit and evaluation.pk else None,
            "with_evidence": done,
            "lacking": [r["indicator"].code for r in rows if not r["has_evidence"]],
            "media": rows[0]["form"].media if editable and rows else None,
            "page_title": f"{studio.title} {year} 年度自评",
            "header_title": "自评",
        },
    )


@require_POST
def withdraw_evaluation(request, studio_id, year):
    """The studio takes its submitted self-evaluation back to edit it, until scoring starts."""
    studio = _studio_for(request.user, studio_id, edit=True)
    with transaction.atomic():
        evaluation = get_object_or_404(SelfEvaluation.objects.select_for_update(), studio=studio, year=year)
        problem = evaluation.withdrawal_problem()
        if problem:
            messages.error(request, problem)
        else:
            evaluation.status = EvaluationStatus.DRAFT
            evaluation.submitted_at = None
            evaluation.save(update_fields=["status", "submitted_at"])
            messages.success(request, "自评已撤回，可以继续修改；改好后请再次提交，审核人员才能看到。")
    return redirect("assessment_self_evaluation", studio.pk, evaluation.year)


# Assessment rounds -------------------------------------------------------------------------


@require_POST
def open_round(request):
    user = request.user
    levels = access.round_levels(user)
    if not levels:
        raise PermissionDenied
    reviewable = [s.pk for s in access.visible_studios(user) if access.can_review_studio(user, s)]
    form = OpenRoundForm(request.POST, studios=StudioPage.objects.filter(pk__in=reviewable), levels=levels)
    if not form.is_valid():
        errors = "；".join(f"{form.fields[f].label}：{'，'.join(e)}" for f, e in form.errors.items())
        messages.error(request, f"未能发起：{errors}")
        return redirect("assessment_overview")
    studio, level = form.cleaned_data["studio"], form.cleaned_data["level"]
    if not access.can_open_round(user, studio, level):
        raise PermissionDenied
    standard = standard_for(studio)
    if standard is None:
        messages.error(request, "还没有适用于该工作室的建设标准。")
        return redirect("assessment_overview")
    try:
        with transaction.atomic():
            new = AssessmentRound.objects.create(
                studio=studio,
                standard=standard,
                year=form.cleaned_data["year"],
                kind=form.cleaned_data["kind"],
                level=level,
                opened_by=user,
            )
            IndicatorScore.objects.bulk_create(
                IndicatorScore(round=new, indicator=indicator) for indicator in standard.third_level()
            )
    except IntegrityError:
        messages.error(request, "该工作室这一年度已有同一层级的同类考核，请在原考核中评分。")
        return redirect("assessment_overview")
    messages.success(request, f"已发起：{new}。")
    return redirect("assessment_round", pk=new.pk)


def round_detail(request, pk):
    user = request.user
    assessment_round = get_object_or_404(AssessmentRound.objects.select_related("studio", "standard"), pk=pk)
    studio = assessment_round.studio
    may_score = access.can_score(user, assessment_round)
    reviewer_view = access.can_review_studio(user, studio)
    finished = assessment_round.status == RoundStatus.FINISHED
    if not (may_score or reviewer_view or (finished and access.can_edit_studio(user, studio))):
        raise PermissionDenied
    editable = may_score and not finished
    scores = list(assessment_round.scores.select_related("indicator").order_by("indicator__sort_order"))
    forms = [ScoreForm(request.POST or None, instance=s, prefix=f"s{s.pk}") if editable else None for s in scores]
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if all(form.is_valid() for form in forms):
            with transaction.atomic():
                for form in forms:
                    form.save()
            if request.POST.get("action") == "finish":
                problems = scoring.finish_problems(assessment_round, scores)
                if problems:
                    for problem in problems:
                        messages.error(request, problem)
                    return redirect(request.path)
                scoring.finish(assessment_round, scores, user, request.POST.get("comment", "").strip())
                messages.success(
                    request, f"评定完成：加权总分 {assessment_round.total}，结论“{assessment_round.verdict}”。"
                )
            else:
                messages.success(request, "评分已保存。")
            return redirect(request.path)
        messages.error(request, "评分未保存：请按各指标下的提示修改。")
    evaluation = SelfEvaluation.objects.filter(
        studio=studio, year=assessment_round.year, status=EvaluationStatus.SUBMITTED
    ).first()
    ratings = {r.indicator_id: r for r in evaluation.ratings.all()} if evaluation else {}
    suggestions = Suggestions(studio, assessment_round.standard, assessment_round.year)
    scale = dict(assessment_round.standard.rating_choices())
    rows = []
    for score, form in zip(scores, forms, strict=True):
        rating = ratings.get(score.indicator_id)
        rows.append(
            {
                "score": score,
                "form": form,
                "rating": rating,
                "rating_label": scale.get(rating.rating, "") if rating else "",
                "linked": item_for(rating, "自评证据") if rating else None,
                "suggested": suggestions.for_indicator(score.indicator),
            }
        )
    return TemplateResponse(
        request,
        "assessment/round.html",
        {
            "round": assessment_round,
            "studio": studio,
            "rows": rows,
            "editable": editable,
            "evaluation": evaluation,
            "running_total": scoring.weighted_total(scores),
            "page_title": str(assessment_round),
            "header_title": str(assessment_round),
        },
    )


# The studio's record of a year and the exports ---------------------------------------------


def report(request, studio_id, year):
    user = request.user
    studio = _studio_for(user, studio_id)
    year = _year(year)
    plan = AnnualPlan.objects.filter(studio=studio, year=year).first()
    activities = list(Activity.objects.counted().filter(studio=studio, date__year=year).select_related("update_page"))
    rounds = AssessmentRound.objects.filter(studio=studio, year=year)
    if not access.can_review_studio(user, studio):
        rounds = rounds.filter(status=RoundStatus.FINISHED)
    return TemplateResponse(
        request,
        "assessment/report.html",
        {
            "studio": studio,
            "year": year,
            "plan": plan,
            "figures": ledger_figures(plan) if plan else None,
            "activities": activities,
            "reach": reach(activities),
            "archives": MemberArchive.objects.filter(studio=studio),
            "rounds": rounds,
            "editable": access.can_edit_studio(user, studio),
            "page_title": f"{studio.title} {year} 年度建设记录",
            "header_title": "建设记录",
        },
    )


def report_docx(request, studio_id, year):
    studio = _studio_for(request.user, studio_id)
    year = _year(year)
    content = exports.report_docx(studio, year, include_drafts=access.can_edit_studio(request.user, studio))
    return _download(content, f"{studio.title}{year}年度自评与考核报告.docx", DOCX_TYPE)


def archive_docx(request, pk):
    archive = get_object_or_404(MemberArchive.objects.select_related("studio"), pk=pk)
    policy = access.StudioRecordPolicy(MemberArchive)
    if not policy.user_has_permission_for_instance(request.user, "view", archive):
        raise PermissionDenied
    return _download(exports.archive_docx(archive), f"{archive.member_name}成长档案.docx", DOCX_TYPE)


def province_xlsx(request, province, year):
    user = request.user
    if province not in Province.values or not access.round_levels(user):
        raise PermissionDenied
    studios = [
        s
        for s in access.visible_studios(user).filter(province=province).order_by("title")
        if access.can_review_studio(user, s)
    ]
    if not studios:
        raise PermissionDenied
    year = _year(year)
    return _download(
        exports.province_xlsx(studios, year), f"{Province(province).label}{year}年度工作室考核汇总.xlsx", XLSX_TYPE
    )
