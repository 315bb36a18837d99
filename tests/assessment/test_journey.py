"""A studio's year through the admin: plan and ledger, self-evaluation, a round scored and finished."""

import datetime
import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessment.choices import EvaluationStatus, RoundStatus, TaskStatus
from assessment.models import AnnualPlan, AssessmentRound, IndicatorRating, SelfEvaluation
from assessment.summary import draft_summary
from promotions.models import ReviewerRole

from .conftest import YEAR, denied, indicator, login

pytestmark = pytest.mark.django_db


def task_row(standard, **fields):
    row = {
        "title": "编写班级公约案例集",
        "owner": "李明",
        "due_date": f"{YEAR}-06-30",
        "indicator": indicator(standard, "4.4.2").pk,
        "status": TaskStatus.OPEN,
        "closed_on": "",
        "evidence_page": "",
        "evidence_document": "",
        "evidence_note": "",
    }
    row.update(fields)
    return row


def plan_form(studio, standard, tasks):
    return nested_form_data(
        {
            "studio": studio.pk,
            "year": YEAR,
            "goals": "完成班级公约案例集",
            "tasks": inline_formset(tasks),
            "summary": "",
        }
    )


def test_an_editor_creates_a_plan_and_cannot_close_a_task_without_the_studios_own_evidence(client, world, standard):
    from tests.factories import make_update

    own = make_update(world.studio_a, "家长开放日活动")
    foreign = make_update(world.studio_b, "明德工作室的读书会")
    login(client, world.editor_a)
    add_url = reverse("assessment_plans:add")
    page = client.get(add_url)
    assert page.status_code == 200
    # Only the editor's own studio is offered.
    assert world.studio_b.title not in page.content.decode()

    done_without_evidence = task_row(standard, status=TaskStatus.DONE, closed_on=f"{YEAR}-05-01")
    response = client.post(add_url, plan_form(world.studio_a, standard, [done_without_evidence]))
    assert response.status_code == 200
    assert "销账须附证据" in response.content.decode()
    assert not AnnualPlan.objects.exists()

    with_foreign = task_row(standard, status=TaskStatus.DONE, closed_on=f"{YEAR}-05-01", evidence_page=foreign.pk)
    response = client.post(add_url, plan_form(world.studio_a, standard, [with_foreign]))
    assert "证据页面必须是本工作室已发布的页面" in response.content.decode()
    assert not AnnualPlan.objects.exists()

    with_own = task_row(standard, status=TaskStatus.DONE, closed_on=f"{YEAR}-05-01", evidence_page=own.pk)
    response = client.post(add_url, plan_form(world.studio_a, standard, [with_own]))
    assert response.status_code == 302
    plan = AnnualPlan.objects.get(studio=world.studio_a, year=YEAR)
    assert plan.tasks.get().evidence_page_id == own.pk

    # Another studio's editor may not post a plan for studio A.
    login(client, world.editor_b)
    response = client.post(add_url, plan_form(world.studio_a, standard, []) | {"year": YEAR + 1})
    assert response.status_code == 200
    assert not AnnualPlan.objects.filter(year=YEAR + 1).exists()


def test_the_year_end_summary_is_drafted_from_the_ledger(client, world, plan):
    from tests.factories import make_update

    make_update(world.studio_a, "跟班见习小结")
    text = draft_summary(plan, today=datetime.date(YEAR, 12, 20))
    assert "年初台账共 2 项任务：已销账 1 项（其中逾期完成 1 项），进行中 1 项（已过期限 1 项）" in text
    assert "组织班级公约专题研讨：王芳负责" in text
    assert "班级公约专题研讨会" in text  # the evidence, by its title
    assert "本年度在平台发布：工作动态 2 篇。" in text

    login(client, world.editor_b)
    assert denied(client.post(reverse("assessment_draft_summary", args=[plan.pk])))
    login(client, world.editor_a)
    client.post(reverse("assessment_draft_summary", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.summary.startswith(f"{world.studio_a.title} {YEAR} 年度工作总结（草稿）")
    # Drafting again keeps what the host wrote.
    plan.summary = "主持人自己写的总结。"
    plan.save()
    client.post(reverse("assessment_draft_summary", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.summary.startswith(f"{world.studio_a.title} {YEAR} 年度工作总结（草稿）")
    assert plan.summary.endswith("——以下为生成草稿前的原总结——\n主持人自己写的总结。")
    response = client.get(reverse("assessment_summary_docx", args=[plan.pk]))
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert any("已销账 1 项" in t for t in texts)
    assert document.tables[0].rows[1].cells[0].text == "组织班级公约专题研讨"


def test_self_evaluation_suggests_ledger_evidence_and_refuses_to_submit_with_gaps(client, world, plan, standard):
    url = reverse("assessment_self_evaluation", args=[world.studio_a.pk, YEAR])
    login(client, world.editor_a)
    page = client.get(url).content.decode()
    # 3.3.1's closed task brings its evidence (the studio's own update) as a suggestion.
    assert "任务台账：" in page and "组织班级公约专题研讨（王芳）" in page
    assert "尚缺证据" in page

    data = {f"i{i.pk}-rating": "met" for i in standard.third_level()}
    data["action"] = "submit"
    response = client.post(url, data, follow=True)
    body = response.content.decode()
    assert "以下指标还没有证据" in body
    evaluation = SelfEvaluation.objects.get(studio=world.studio_a, year=YEAR)
    assert evaluation.status == EvaluationStatus.DRAFT
    assert IndicatorRating.objects.filter(evaluation=evaluation, rating="met").count() == 32

    # Reviewers do not see a draft.
    login(client, world.province_gz)
    assert "尚未提交" in client.get(url).content.decode()

    # Linking the studio's own update to every indicator lets it submit.
    login(client, world.editor_a)
    data = {f"i{i.pk}-rating": "met" for i in standard.third_level()}
    data |= {f"i{i.pk}-evidence_page": plan.update.pk for i in standard.third_level()}
    data["action"] = "submit"
    client.post(url, data)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED


def test_self_evaluation_refuses_another_studios_page_as_evidence(client, world, plan, standard):
    from tests.factories import make_update

    foreign = make_update(world.studio_b, "他校的主题班会")
    first = standard.third_level().first()
    login(client, world.editor_a)
    url = reverse("assessment_self_evaluation", args=[world.studio_a.pk, YEAR])
    response = client.post(url, {f"i{first.pk}-rating": "met", f"i{first.pk}-evidence_page": foreign.pk})
    assert "证据页面必须是本工作室已发布的页面" in response.content.decode()
    assert not SelfEvaluation.objects.exists()


def open_round(client, user, studio, kind="annual", level=None):
    login(client, user)
    data = {"studio": studio.pk, "year": YEAR, "kind": kind}
    if level:
        data["level"] = level
    return client.post(reverse("assessment_open_round"), data)


def test_a_provincial_reviewer_scores_a_round_and_the_weighted_verdict_is_recorded(client, world, plan, standard):
    response = open_round(client, world.province_gz, world.studio_a, "acceptance")
    assessment_round = AssessmentRound.objects.get()
    assert response.url == reverse("assessment_round", args=[assessment_round.pk])
    assert assessment_round.level == ReviewerRole.PROVINCE
    assert assessment_round.scores.count() == 32
    url = reverse("assessment_round", args=[assessment_round.pk])

    scores = list(assessment_round.scores.select_related("indicator"))
    data = {f"s{s.pk}-score": 90 for s in scores}
    data |= {f"s{s.pk}-comment": "" for s in scores}
    low = next(s for s in scores if s.indicator.code == "3.3.2")
    data[f"s{low.pk}-score"] = 40  # below 60: needs a comment to finish
    data["action"] = "finish"
    body = client.post(url, data, follow=True).content.decode()
    assert "得分率低于 60 的指标须填写评审意见：3.3.2" in body
    assessment_round.refresh_from_db()
    assert assessment_round.status == RoundStatus.OPEN

    data[f"s{low.pk}-comment"] = "成长档案只有两名成员，记录不完整。"
    client.post(url, data)
    assessment_round.refresh_from_db()
    # 96 points at 90 % and 3.3.2 (4 points) at 40 %: 86.40 + 1.60.
    assert str(assessment_round.total) == "88.00"
    assert assessment_round.verdict == "通过"
    assert assessment_round.passed_acceptance
    assert assessment_round.finished_by == world.province_gz

    # Finished: nobody changes it any more.
    assert denied(client.post(url, data))

    # The studio sees the result, and it is in the Word report and the province's workbook.
    login(client, world.editor_a)
    assert "88.00" in client.get(url).content.decode()
    report = docx.Document(
        io.BytesIO(client.get(reverse("assessment_report_docx", args=[world.studio_a.pk, YEAR])).content)
    )
    assert report.tables[0].rows[1].cells[3].text == "通过"
    assert any("成长档案只有两名成员" in p.text for p in report.paragraphs)
    login(client, world.province_gz)
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("assessment_province_xlsx", args=["guizhou", YEAR])).content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    header = rows[0]
    studio_row = next(r for r in rows[1:] if r[0] == world.studio_a.title)
    assert studio_row[header.index("3.3.2")] == 40
    assert studio_row[header.index("加权总分")] == 88.0
    assert studio_row[header.index("结论")] == "通过"
    assert any(r[0] == world.studio_b.title and r[2] == "未考核" for r in rows[1:])
