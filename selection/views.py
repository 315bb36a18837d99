"""Plain Django views in the site's templates: applicants, school reviewers, the province, experts, the public.

Every view decides access through selection.access; templates only show what they are given.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import access, workflow
from .choices import Status
from .establish import establish, establishable
from .exports import province_workbook, school_workbook, xlsx_response
from .forms import EVIDENCE_CHOSEN, AchievementFormSet, ApplicationForm, MemberFormSet, RecommendForm
from .models import Achievement, Application, Expert, Programme
from .pdf import application_pdf

LOGIN_URL = "selection:login"


def _posted(queryset, value):
    """The object a form names by id, from ``queryset`` only (404 for anything else, junk included)."""
    if not str(value or "").isdigit():
        raise Http404("没有这份申报书。")
    return get_object_or_404(queryset, pk=value)


def index(request):
    """评选项目 and, for a signed-in user, the desks they have."""
    user = request.user
    context = {
        "programmes": Programme.objects.all(),
        "my_applications": Application.objects.filter(applicant=user).select_related("programme")
        if user.is_authenticated
        else [],
        "school": access.school_of(user),
        "organised": access.organised_programmes(user),
        "expert": access.expert_of(user),
    }
    return render(request, "selection/index.html", context)


# --- applicant -----------------------------------------------------------------------------


def _bind(application, data=None, files=None):
    form = ApplicationForm(data, instance=application)
    members = MemberFormSet(data, instance=application, prefix="members")
    achievements = AchievementFormSet(data, files, instance=application, prefix="achievements")
    return form, members, achievements


def _unsaved_rows(formset, *, chosen_files=()):
    """The rows a formset holds (valid or not, minus deleted ones), for the eligibility panel."""
    rows = []
    for subform in formset.forms:
        if not subform.has_changed() and subform.instance.pk is None:
            continue
        if subform.is_valid() and subform.cleaned_data.get("DELETE"):
            continue
        instance = subform.instance
        for name, value in (getattr(subform, "cleaned_data", None) or {}).items():
            if name in ("DELETE", "id", "application"):
                continue
            setattr(instance, name, value)
        if subform.prefix in chosen_files:
            instance.evidence = instance.evidence or "已选择"
        rows.append(instance)
    return rows


def _my_application(request, programme):
    application = Application.objects.filter(programme=programme, applicant=request.user).first()
    if application is None:
        application = Application(programme=programme, applicant=request.user)
    return application


@login_required(login_url=LOGIN_URL)
def apply(request, slug):
    """The 申报书: save a draft at any time before the deadline, submit when every hard rule passes."""
    programme = get_object_or_404(Programme, slug=slug)
    application = _my_application(request, programme)
    editable = programme.accepting_applications() if application.pk is None else application.editable_by_applicant
    if request.method == "POST" and not editable:
        messages.error(request, "申报已截止或申报书已提交，不能再修改。")
        return redirect("selection:apply", slug=slug)
    if request.method == "POST":
        form, members, achievements = _bind(application, request.POST, request.FILES)
    else:
        form, members, achievements = _bind(application)
    problems = []
    if request.method == "POST":
        if form.is_valid() and members.is_valid() and achievements.is_valid():
            with transaction.atomic():
                application = form.save()
                members.instance = achievements.instance = application
                members.save()
                achievements.save()
            if "submit" in request.POST:
                try:
                    workflow.submit(application, request.user)
                except ValidationError as exc:
                    problems = exc.messages
                else:
                    messages.success(request, "申报书已提交，等待学校推荐。")
                    return redirect("selection:apply", slug=slug)
            if not problems:
                messages.success(request, "草稿已保存。")
                return redirect("selection:apply", slug=slug)
            form, members, achievements = _bind(application)
        else:
            problems = ["表单中有需要修正的内容，已填写的内容都保留在下面；证明材料文件需要重新选择。"]
            application.unsaved_members = _unsaved_rows(members)
            application.unsaved_achievements = _unsaved_rows(achievements)
    results = application.eligibility()
    return render(
        request,
        "selection/apply.html",
        {
            "programme": programme,
            "application": application,
            "form": form,
            "members": members,
            "achievements": achievements,
            "results": results,
            "can_submit": editable and not any(r.hard and not r.passed for r in results),
            "editable": editable,
            "problems": problems,
        },
    )


@login_required(login_url=LOGIN_URL)
@require_POST
def check(request, slug):
    """The live eligibility panel: checks what is on the form, saves nothing."""
    programme = get_object_or_404(Programme, slug=slug)
    application = _my_application(request, programme)
    form = ApplicationForm(request.POST, instance=application)
    form.is_valid()  # fills the instance with what is valid
    members = MemberFormSet(request.POST, instance=application, prefix="members")
    achievements = AchievementFormSet(request.POST, instance=application, prefix="achievements")
    members.is_valid(), achievements.is_valid()
    chosen = {key.removesuffix(EVIDENCE_CHOSEN) for key in request.POST if key.endswith(EVIDENCE_CHOSEN)}
    application.directions = form.cleaned_data.get("directions", []) if hasattr(form, "cleaned_data") else []
    application.unsaved_members = _unsaved_rows(members)
    application.unsaved_achievements = _unsaved_rows(achievements, chosen_files=chosen)
    results = application.eligibility()
    return JsonResponse(
        {
            "results": [{"name": r.name, "passed": r.passed, "reason": r.reason, "hard": r.hard} for r in results],
            "can_submit": not any(r.hard and not r.passed for r in results),
        }
    )


def _viewable(request, pk):
    application = get_object_or_404(Application.objects.select_related("programme"), pk=pk)
    if not access.can_view_application(request.user, application):
        raise Http404("没有这份申报书，或您无权查看。")
    return application


@login_required(login_url=LOGIN_URL)
def detail(request, pk):
    application = _viewable(request, pk)
    return render(
        request,
        "selection/detail.html",
        {
            "application": application,
            "programme": application.programme,
            "results": application.eligibility(),
            "personal": access.can_see_personal_details(request.user, application),
            "members_list": application.member_list(),
            "achievement_rows": application.achievement_list(),
        },
    )


@login_required(login_url=LOGIN_URL)
def detail_pdf(request, pk):
    application = _viewable(request, pk)
    personal = access.can_see_personal_details(request.user, application)
    response = HttpResponse(application_pdf(application, personal=personal), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="application-{application.pk}.pdf"'
    return response


@login_required(login_url=LOGIN_URL)
def evidence(request, pk):
    achievement = get_object_or_404(Achievement.objects.select_related("application"), pk=pk)
    if not achievement.evidence or not access.can_view_application(request.user, achievement.application):
        raise Http404("没有这份证明材料，或您无权查看。")
    return FileResponse(achievement.evidence.open("rb"), filename=achievement.evidence_filename)


# --- school --------------------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def school(request):
    school_name = access.school_of(request.user)
    if school_name is None:
        raise PermissionDenied("只有学校审核员可以推荐本校的申报。")
    applications = access.school_applications(request.user).select_related("programme", "recommended_by")
    if request.method == "POST":
        application = _posted(applications, request.POST.get("application"))
        form = RecommendForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "return":
                workflow.return_for_changes(application, request.user, comment=data.get("comment") or "")
                messages.success(request, f"已退回“{application}”，申报人可以修改后重新提交。")
            else:
                workflow.recommend(
                    application,
                    request.user,
                    rank=data.get("rank"),
                    comment=data.get("comment") or "",
                    confirmed=data.get("confirmed", False),
                )
                messages.success(request, f"已推荐“{application}”。")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("selection:school")
    return render(request, "selection/school.html", {"school": school_name, "applications": applications})


@login_required(login_url=LOGIN_URL)
def school_export(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    school_name = access.school_of(request.user)
    if school_name is None:
        raise PermissionDenied("只有学校审核员可以导出本校推荐表。")
    applications = access.school_applications(request.user).filter(programme=programme)
    return xlsx_response(school_workbook(programme, school_name, applications), f"{programme.slug}-school.xlsx")


# --- province ------------------------------------------------------------------------------


def ranked(applications):
    """Applications with their aggregated score, best first (unscored last)."""
    rows = list(applications.select_related("studio").prefetch_related("assignments__expert"))
    for application in rows:
        application.aggregate = application.score()
    return sorted(rows, key=lambda a: (a.aggregate is None, -(a.aggregate or 0), a.pk))


PROVINCE_ACTIONS = {"qualify", "disqualify", "assign", "visit", "propose", "reject", "objection", "establish"}


@login_required(login_url=LOGIN_URL)
def province(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    applications = access.provincial_applications(request.user, programme)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in PROVINCE_ACTIONS:
            raise Http404
        note = request.POST.get("note", "")
        try:
            if action == "establish":
                studios = establish(programme, request.user, note=note)
                messages.success(request, f"已立项 {len(studios)} 个工作室。")
            else:
                application = _posted(applications, request.POST.get("application"))
                _province_action(request, action, application, note)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("selection:province", slug=slug)
    rows = ranked(applications)
    experts = list(Expert.objects.order_by("name"))
    for application in rows:
        assigned = {a.expert_id for a in application.assignments.all()}
        application.experts_available = [
            e for e in workflow.assignable_experts(application, experts) if e.pk not in assigned
        ]
    return render(
        request,
        "selection/province.html",
        {
            "programme": programme,
            "rows": rows,
            "to_establish": establishable(programme).count(),
            "criteria": programme.criteria_list(),
        },
    )


def _province_action(request, action, application, note):
    user = request.user
    if action in ("qualify", "disqualify"):
        workflow.qualify(application, user, passed=action == "qualify", note=note)
        messages.success(request, f"“{application}”资格审核{'通过' if action == 'qualify' else '不通过'}。")
    elif action == "assign":
        experts = list(Expert.objects.filter(pk__in=[v for v in request.POST.getlist("experts") if v.isdigit()]))
        if not experts:
            raise ValidationError("请选择至少一位专家。")
        created = workflow.assign(application, user, experts)
        messages.success(request, f"已为“{application}”分配 {created} 位专家。")
    elif action == "visit":
        workflow.record_site_visit(application, user, note)
        messages.success(request, f"已保存“{application}”的实地考察记录。")
    elif action in ("propose", "reject"):
        workflow.decide(application, user, selected=action == "propose", note=note)
        messages.success(request, f"“{application}”{'列入拟立项名单' if action == 'propose' else '未入选'}。")
    elif action == "objection":
        workflow.record_objection(application, user, objection=note, upheld=bool(request.POST.get("upheld")))
        messages.success(request, f"已登记“{application}”的公示异议。")


@login_required(login_url=LOGIN_URL)
def province_export(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    rows = ranked(access.provincial_applications(request.user, programme))
    return xlsx_response(province_workbook(programme, rows), f"{programme.slug}-ranking.xlsx")


# --- experts -------------------------------------------------------------------------------


@login_required(login_url=LOGIN_URL)
def expert(request):
    if access.expert_of(request.user) is None:
        raise PermissionDenied("只有评审专家可以查看评审任务。")
    pending, finished = [], []
    assignments = access.expert_assignments(request.user).order_by("application__programme__review_deadline", "pk")
    for assignment in assignments:
        open_task = assignment.submitted_at is None and assignment.application.programme.accepting_scores()
        (pending if open_task else finished).append(assignment)
    finished.reverse()  # the latest round first
    return render(request, "selection/expert.html", {"pending": pending, "finished": finished})


@login_required(login_url=LOGIN_URL)
def expert_score(request, pk):
    assignment = get_object_or_404(access.expert_assignments(request.user), pk=pk)
    application = assignment.application
    criteria = assignment.application.programme.criteria_list()
    errors = []
    if request.method == "POST":
        scores = {c["key"]: request.POST.get(f"score-{c['key']}") for c in criteria}
        try:
            workflow.score(assignment, request.user, scores=scores, comment=request.POST.get("comment", ""))
        except ValidationError as exc:
            errors = exc.messages
            assignment.scores, assignment.comment = scores, request.POST.get("comment", "")
        else:
            messages.success(request, f"已提交对“{application}”的评分。")
            return redirect("selection:expert")
    total = 0
    for criterion in criteria:
        criterion["value"] = (assignment.scores or {}).get(criterion["key"], "")
        value = str(criterion["value"]).strip()
        if value.isdigit() and int(value) <= criterion["max"]:
            total += int(value)
    return render(
        request,
        "selection/score.html",
        {
            "assignment": assignment,
            "application": application,
            "criteria": criteria,
            "errors": errors,
            "open": application.programme.accepting_scores(),
            "total": total,
            "max_total": sum(c["max"] for c in criteria),
            "results": application.eligibility(),
            "members_list": application.member_list(),
            "achievement_rows": application.achievement_list(),
            "personal": False,
        },
    )


# --- public --------------------------------------------------------------------------------


def publicity(request, slug):
    """The 公示 page: the proposed studios during the window; the 立项 list after it."""
    programme = get_object_or_404(Programme, slug=slug)
    if programme.in_publicity():
        rows = programme.applications.filter(status__in=[Status.PROPOSED, Status.APPROVED])
    elif programme.publicity_over():
        rows = programme.applications.filter(status=Status.APPROVED)
    else:
        rows = programme.applications.none()
    rows = rows.select_related("studio")
    return render(
        request,
        "selection/publicity.html",
        {
            "programme": programme,
            "rows": rows.order_by("school", "studio_name"),
            "index_url": reverse("selection:index"),
        },
    )
