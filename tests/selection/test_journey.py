"""Each role's path through the views: what it may see and do, and what it is refused."""

import copy
import io

import openpyxl
import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.choices import Direction, StudioStatus
from home.structure import ensure_site_structure
from selection.choices import AchievementKind, AchievementLevel, Status
from selection.models import Achievement, Application, Assignment
from studios.models import StudioPage
from tests.fixtures.shared import built_once

from .builders import (
    PASSWORD,
    PDF_BYTES,
    at_stage,
    evidence_file,
    guizhou_programme,
    make_application,
    make_expert,
    make_user,
    province_reviewer,
    school_reviewer,
)

pytestmark = pytest.mark.django_db

SCHOOL = "筑城师范学院"
OTHER_SCHOOL = "乌江工程学院"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_data(**overrides):
    data = {
        "studio_name": "向阳花开班主任工作室",
        "school": SCHOOL,
        "school_type": "university",
        "province": "guizhou",
        "city": "贵阳市",
        "host_name": "陈思远",
        "host_title": "讲师",
        "host_title_rank": "2",
        "host_in_post": "on",
        "host_years": "5",
        "host_phone": "13812345678",
        "directions": [Direction.FAMILY_SCHOOL, Direction.CAREER],
        "construction_model": "mentorship",
        "goals": "用三年时间形成一套新生入学适应教育方案。",
        "tasks": "每月一次专题研讨，每学期一次示范班会。",
        "outcomes": "工作手册一本，典型案例十篇。",
        "safeguards": "每学期向学校汇报建设进展。",
        "school_support": "学校每年配套经费五万元，提供独立办公室。",
        "members-TOTAL_FORMS": "6",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "12",
        "achievements-TOTAL_FORMS": "2",
        "achievements-INITIAL_FORMS": "0",
        "achievements-MIN_NUM_FORMS": "0",
        "achievements-MAX_NUM_FORMS": "12",
    }
    for i, name in enumerate(["李晓雯", "王建军", "张雅琴", "刘海燕", "杨志强", "黄丽娟"]):
        data.update({f"members-{i}-name": name, f"members-{i}-role": "成员", f"members-{i}-years": "3"})
    achievements = [("personal-honour", "3", "2023年贵州省优秀教师"), ("class-honour", "2", "贵阳市先进班集体")]
    for i, (kind, level, title) in enumerate(achievements):
        data.update(
            {f"achievements-{i}-kind": kind, f"achievements-{i}-level": level, f"achievements-{i}-title": title}
        )
        data[f"achievements-{i}-evidence"] = SimpleUploadedFile(f"cert{i}.pdf", PDF_BYTES, "application/pdf")
    data.update(overrides)
    return data


@pytest.fixture(scope="module")
def shared_programme(django_db_setup, django_db_blocker):
    """The site and the Guizhou programme, built once for the module (tests/fixtures/shared.py):
    a test's applications, accounts and calendar moves are undone by its own savepoint."""
    with built_once(django_db_blocker):
        ensure_site_structure()
        yield guizhou_programme("apply")


@pytest.fixture
def programme(db, shared_programme):
    return copy.deepcopy(shared_programme)


def test_applicant_saves_a_draft_sees_the_panel_and_submits(client, programme):
    applicant = make_user("chensy", first_name="陈思远")
    login(client, applicant)
    url = reverse("selection:apply", args=[programme.slug])
    response = client.post(url, form_data(host_years="2", save="1"), follow=True)
    assert "草稿已保存" in response.content.decode()
    application = Application.objects.get(applicant=applicant)
    assert application.status == Status.DRAFT
    assert application.members.count() == 6 and application.achievements.count() == 2
    page = response.content.decode()
    assert "已连续担任班主任 2 年，还差 1 年。" in page
    assert 'aria-disabled="true"' in page

    # Submitting while a hard rule fails keeps the draft and says why.
    data = form_data(host_years="2", submit="1")
    data.update({"members-INITIAL_FORMS": "0"})
    response = client.post(url, {**_resubmit(application), "host_years": "2", "submit": "1"})
    assert "还不能提交" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT

    response = client.post(url, {**_resubmit(application), "submit": "1"}, follow=True)
    assert "申报书已提交，等待学校推荐" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.submitted_at is not None


def _resubmit(application):
    """The form data of a saved application, as the browser would post it back."""
    data = form_data()
    data["host_years"] = "5"
    data["members-INITIAL_FORMS"] = str(application.members.count())
    data["members-TOTAL_FORMS"] = str(application.members.count())
    for i, member in enumerate(application.members.all()):
        data[f"members-{i}-id"] = str(member.pk)
    data["achievements-INITIAL_FORMS"] = data["achievements-TOTAL_FORMS"] = str(application.achievements.count())
    for i, achievement in enumerate(application.achievements.all()):
        data[f"achievements-{i}-id"] = str(achievement.pk)
        del data[f"achievements-{i}-evidence"]
    return data


def test_a_bad_upload_loses_nothing_typed(client, programme):
    login(client, make_user())
    data = form_data(save="1")
    data["achievements-0-evidence"] = SimpleUploadedFile("cert.pdf", b"GIF89a not a pdf")
    response = client.post(reverse("selection:apply", args=[programme.slug]), data)
    page = response.content.decode()
    assert "内容与文件类型不符" in page
    assert "已填写的内容都保留在下面" in page
    assert "用三年时间形成一套新生入学适应教育方案。" in page and "张雅琴" in page
    assert not Application.objects.exists()


def test_live_check_explains_without_saving(client, programme):
    login(client, make_user())
    data = form_data(host_years="3")
    for i in range(2):
        del data[f"achievements-{i}-evidence"]
    data["achievements-0-evidence-chosen"] = "1"
    response = client.post(reverse("selection:check", args=[programme.slug]), data)
    body = response.json()
    by_name = {r["name"]: r for r in body["results"]}
    assert by_name["连续从事班主任工作 3 年及以上"]["passed"]
    achievements = by_name["业绩条件：以下 6 项中至少满足 2 项（市（厅）级及以上，附证明材料）"]
    assert not achievements["passed"] and "缺少证明材料" in achievements["reason"]
    assert body["can_submit"] is False
    assert not Application.objects.exists()


def test_the_application_deadline_is_enforced(client, programme):
    applicant = make_user()
    application = make_application(programme, applicant)
    at_stage(programme, "school")
    login(client, applicant)
    response = client.post(
        reverse("selection:apply", args=[programme.slug]), {**_resubmit(application), "submit": "1"}, follow=True
    )
    assert "申报已截止" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_applicants_see_only_their_own_application(client, programme):
    mine = make_application(programme, make_user("me"), status=Status.SUBMITTED)
    theirs = make_application(programme, make_user("them"), status=Status.SUBMITTED)
    login(client, mine.applicant)
    assert client.get(reverse("selection:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("selection:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("selection:pdf", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("selection:evidence", args=[theirs.achievements.first().pk])).status_code == 404
    assert client.get(reverse("selection:school")).status_code == 403
    assert client.get(reverse("selection:province", args=[programme.slug])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, programme):
    application = make_application(programme, status=Status.RECOMMENDED)
    response = client.get(reverse("selection:detail", args=[application.pk]))
    assert response.status_code == 302 and reverse("selection:login") in response["Location"]


def test_school_reviewer_recommends_only_their_school(client, programme):
    at_stage(programme, "school")
    reviewer = school_reviewer(SCHOOL)
    own = make_application(programme, school=SCHOOL, status=Status.SUBMITTED)
    other = make_application(programme, school=OTHER_SCHOOL, status=Status.SUBMITTED)
    draft = make_application(programme, school=SCHOOL)
    login(client, reviewer)
    page = client.get(reverse("selection:school")).content.decode()
    assert own.studio_name in page and other.studio_name not in page and draft.studio_name not in page
    assert client.get(reverse("selection:detail", args=[other.pk])).status_code == 404

    # 谁推荐、谁负责: without the statement nothing changes.
    url = reverse("selection:school")
    response = client.post(
        url, {"application": own.pk, "action": "recommend", "comment": "材料真实", "rank": 1}, follow=True
    )
    assert "请确认“谁推荐、谁负责”" in response.content.decode()
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED

    client.post(
        url, {"application": own.pk, "action": "recommend", "comment": "材料真实，推荐。", "rank": 1, "confirmed": "on"}
    )
    own.refresh_from_db()
    assert own.status == Status.RECOMMENDED and own.recommended_by == reviewer and own.recommended_at
    assert own.responsibility_confirmed and own.school_rank == 1

    assert (
        client.post(
            url, {"application": other.pk, "action": "recommend", "confirmed": "on", "comment": "x"}
        ).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.status == Status.SUBMITTED


def test_school_returns_with_reasons_and_the_applicant_edits_again(client, programme):
    at_stage(programme, "school")
    reviewer = school_reviewer(SCHOOL)
    application = make_application(programme, school=SCHOOL, status=Status.SUBMITTED)
    login(client, reviewer)
    response = client.post(
        reverse("selection:school"), {"application": application.pk, "action": "return", "comment": ""}, follow=True
    )
    assert "退回时请写明需要修改的内容" in response.content.decode()
    client.post(
        reverse("selection:school"),
        {"application": application.pk, "action": "return", "comment": "请补充课题结题证书。"},
    )
    application.refresh_from_db()
    assert application.status == Status.RETURNED and application.editable_by_applicant

    client.logout()
    login(client, application.applicant)
    page = client.get(reverse("selection:apply", args=[programme.slug])).content.decode()
    assert "学校退回意见：请补充课题结题证书。" in page
    client.post(reverse("selection:apply", args=[programme.slug]), {**_resubmit(application), "submit": "1"})
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_school_quota_and_deadline(client, programme):
    programme.school_quota = 1
    at_stage(programme, "school")
    reviewer = school_reviewer(SCHOOL)
    first = make_application(programme, school=SCHOOL, status=Status.SUBMITTED)
    second = make_application(programme, school=SCHOOL, status=Status.SUBMITTED)
    login(client, reviewer)
    post = {"action": "recommend", "comment": "推荐", "confirmed": "on"}
    client.post(reverse("selection:school"), {**post, "application": first.pk})
    response = client.post(reverse("selection:school"), {**post, "application": second.pk}, follow=True)
    assert "本项目每校最多推荐 1 项，本校已推荐 1 项。" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED

    at_stage(programme, "review")
    response = client.post(reverse("selection:school"), {**post, "application": second.pk}, follow=True)
    assert "学校推荐已于" in response.content.decode()


def article(page, application):
    """The province page's block for one application."""
    return page.split(f'id="application-{application.pk}"', 1)[1].split("</article>", 1)[0]


@pytest.fixture
def reviewed_round(programme):
    """Three recommended applications, two schools, five experts (one from SCHOOL)."""
    at_stage(programme, "review")
    apps = [
        make_application(programme, school=SCHOOL, status=Status.RECOMMENDED, studio_name="向阳班主任工作室"),
        make_application(programme, school=OTHER_SCHOOL, status=Status.RECOMMENDED, studio_name="乌江班主任工作室"),
        make_application(programme, school=OTHER_SCHOOL, status=Status.RECOMMENDED, studio_name="梵净班主任工作室"),
    ]
    experts = [make_expert(SCHOOL, name="同校专家")] + [make_expert(f"专家单位{i}", name=f"专家{i}") for i in range(5)]
    return programme, apps, experts


def test_province_runs_the_review_and_experts_are_isolated(client, reviewed_round):
    programme, (own, second, third), experts = reviewed_round
    province = province_reviewer()
    outsider = province_reviewer(province="sichuan")
    login(client, outsider)
    assert client.get(reverse("selection:province", args=[programme.slug])).status_code == 403
    assert client.get(reverse("selection:detail", args=[own.pk])).status_code == 404
    client.logout()

    login(client, province)
    url = reverse("selection:province", args=[programme.slug])
    response = client.post(url, {"action": "disqualify", "application": third.pk, "note": ""}, follow=True)
    assert "资格审核不通过时请写明理由" in response.content.decode()
    client.post(url, {"action": "disqualify", "application": third.pk, "note": "业绩证明为校级奖项。"})
    for app in (own, second):
        client.post(url, {"action": "qualify", "application": app.pk, "note": "符合申报条件"})
    third.refresh_from_db()
    assert third.status == Status.DISQUALIFIED

    # An expert from the applicant's school is not offered and is refused.
    page = client.get(url).content.decode()
    own_block = article(page, own)
    same_school = f'name="experts" value="{experts[0].pk}"'
    assert "分配评审专家" in own_block and same_school not in own_block
    assert same_school in article(page, second)  # offered for the other school's application
    response = client.post(url, {"action": "assign", "application": own.pk, "experts": [experts[0].pk]}, follow=True)
    assert "同校专家与申报人同校，须回避。" in response.content.decode()
    panel = [e.pk for e in experts[1:]]
    for app in (own, second):
        client.post(url, {"action": "assign", "application": app.pk, "experts": panel})
    assert Assignment.objects.filter(application=own).count() == 5
    own_block = article(client.get(url).content.decode(), own)
    assert "已分配专家：" + "、".join(f"{e.name}（待评分）" for e in experts[1:]) in own_block
    assert 'name="experts"' not in own_block and "没有其他可分配的专家" in own_block  # none offered twice
    client.logout()

    # Each expert sees only their own assignments and never another expert's scores.
    first_expert, second_expert = experts[1], experts[2]
    login(client, first_expert.user)
    listing = client.get(reverse("selection:expert")).content.decode()
    assert own.studio_name in listing and third.studio_name not in listing
    assignment = Assignment.objects.get(application=own, expert=first_expert)
    other_assignment = Assignment.objects.get(application=own, expert=second_expert)
    assert client.get(reverse("selection:score", args=[other_assignment.pk])).status_code == 404
    assert client.get(reverse("selection:detail", args=[third.pk])).status_code == 404
    page = client.get(reverse("selection:score", args=[assignment.pk])).content.decode()
    assert "13800000000" not in page and "13900000000" not in page  # no phones for experts
    scores = {"score-host": "20", "score-team": "12", "score-basis": "15", "score-plan": "99", "score-support": "8"}
    response = client.post(reverse("selection:score", args=[assignment.pk]), {**scores, "comment": "方案具体"})
    assert "“建设方案（目标、任务、成果）”应在 0-30 分之间。" in response.content.decode()
    client.post(reverse("selection:score", args=[assignment.pk]), {**scores, "score-plan": "25", "comment": "方案具体"})
    assignment.refresh_from_db()
    assert assignment.total == 80 and assignment.submitted_at
    client.logout()

    login(client, second_expert.user)
    page = client.get(reverse("selection:score", args=[other_assignment.pk])).content.decode()
    form = page.split('id="score"', 1)[1].split("</form>")[0]
    assert "方案具体" not in page and "80" not in form and 'value=""' in form
    client.logout()

    # The remaining experts score; five totals: the highest and lowest are dropped.
    totals = {experts[2]: 60, experts[3]: 70, experts[4]: 90, experts[5]: 100}
    for expert, total in totals.items():
        a = Assignment.objects.get(application=own, expert=expert)
        a.scores, a.comment = {"host": total}, "意见"
        a.submitted_at = assignment.submitted_at
        a.save()
    login(client, province)
    page = client.get(url).content.decode()
    assert "80.0" in page  # mean of 70, 80, 90
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("selection:province_export", args=[programme.slug])).content)
    )
    sheet = workbook.active
    assert [c.value for c in sheet[2]][:3] == ["排名", "工作室名称", "学校"]
    assert [c.value for c in sheet[3]][1] == own.studio_name and sheet[3][8].value == 80


def test_experts_never_see_an_application_before_it_is_qualified(client, programme):
    at_stage(programme, "review")
    expert = make_expert(OTHER_SCHOOL)
    hidden = {
        status: Assignment.objects.create(
            application=make_application(programme, status=status, studio_name=f"{status}班主任工作室"),
            expert=expert,
        )
        for status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.RECOMMENDED, Status.DISQUALIFIED)
    }
    shown = Assignment.objects.create(
        application=make_application(programme, status=Status.QUALIFIED, studio_name="已通过资格审核班主任工作室"),
        expert=expert,
    )
    login(client, expert.user)
    page = client.get(reverse("selection:expert")).content.decode()
    assert "已通过资格审核班主任工作室" in page
    for status, assignment in hidden.items():
        assert f"{status}班主任工作室" not in page
        assert client.get(reverse("selection:score", args=[assignment.pk])).status_code == 404
        assert client.get(reverse("selection:detail", args=[assignment.application_id])).status_code == 404
        assert client.get(reverse("selection:pdf", args=[assignment.application_id])).status_code == 404
    assert client.get(reverse("selection:score", args=[shown.pk])).status_code == 200


def test_scores_after_the_review_deadline_are_refused(client, reviewed_round):
    programme, (own, *_rest), experts = reviewed_round
    own.status = Status.QUALIFIED
    own.save()
    assignment = Assignment.objects.create(application=own, expert=experts[1])
    at_stage(programme, "publicity")
    login(client, experts[1].user)
    page = client.get(reverse("selection:score", args=[assignment.pk])).content.decode()
    assert "截止，不能再评分" in page and "提交评分" not in page
    listing = client.get(reverse("selection:expert")).content.decode()
    assert "暂时没有待评分的申报" in listing and "未评分，评审已于" in listing
    response = client.post(reverse("selection:score", args=[assignment.pk]), {"score-host": "20", "comment": "好"})
    assert "专家评审已于" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


def test_publicity_window_and_establishing_studios_once(client, programme):
    at_stage(programme, "review")
    province = province_reviewer()
    proposed = make_application(
        programme, status=Status.QUALIFIED, studio_name="向阳花开班主任工作室", host_name="陈思远"
    )
    rejected = make_application(programme, status=Status.QUALIFIED, studio_name="落选班主任工作室")
    login(client, province)
    url = reverse("selection:province", args=[programme.slug])
    client.post(url, {"action": "propose", "application": proposed.pk, "note": "综合排名第一"})
    client.post(url, {"action": "reject", "application": rejected.pk, "note": "方案不够具体"})
    client.logout()

    public_url = reverse("selection:publicity", args=[programme.slug])
    assert "向阳花开班主任工作室" not in client.get(public_url).content.decode()  # before the window

    at_stage(programme, "publicity")
    page = client.get(public_url).content.decode()
    assert "向阳花开班主任工作室" in page and "陈思远" in page and "落选班主任工作室" not in page
    assert "0851-85287203" in page  # objection contact
    assert "13800000000" not in page and "13900000000" not in page

    login(client, province)
    response = client.post(url, {"action": "establish", "note": "党组会议审议通过"}, follow=True)
    assert "公示结束后才能立项" in response.content.decode()
    assert not StudioPage.objects.exists()

    at_stage(programme, "closed")
    client.post(url, {"action": "establish", "note": "2024年12月5日厅党组会议审议通过"})
    proposed.refresh_from_db()
    studio = proposed.studio
    assert proposed.status == Status.APPROVED and studio.live
    assert (studio.title, studio.school, studio.host_name, studio.status) == (
        "向阳花开班主任工作室",
        SCHOOL,
        proposed.host_name,
        StudioStatus.BUILDING,
    )
    assert studio.level == programme.studio_level and studio.cycle_start_year == programme.cycle_start_year
    assert sorted(d.code for d in studio.directions.all()) == sorted(proposed.directions)
    assert studio.members.count() == 6 and studio.members.first().title == "讲师"
    assert studio.host_honour_list == [a.title for a in proposed.achievements.all()]
    assert proposed.applicant.groups.filter(studio_space__studio=studio).exists()

    client.post(url, {"action": "establish", "note": "再次提交"})
    assert StudioPage.objects.count() == 1
    page = client.get(public_url).content.decode()
    assert "已立项" in page and studio.url in page


def test_only_the_organiser_records_objections_during_the_publicity(client, programme):
    at_stage(programme, "review")
    upheld = make_application(programme, status=Status.PROPOSED, studio_name="异议成立班主任工作室")
    dismissed = make_application(programme, status=Status.PROPOSED, studio_name="异议不成立班主任工作室")
    url = reverse("selection:province", args=[programme.slug])
    objection = {
        "action": "objection",
        "application": upheld.pk,
        "note": "业绩证书系伪造，经核查属实。",
        "upheld": "on",
    }

    login(client, province_reviewer())
    response = client.post(url, objection, follow=True)
    assert "公示开始后才能登记异议" in response.content.decode()
    at_stage(programme, "publicity")
    response = client.post(url, {**objection, "note": "  "}, follow=True)
    assert "请填写异议内容及核查情况" in response.content.decode()
    upheld.refresh_from_db()
    assert upheld.objection == "" and not upheld.objection_upheld
    client.logout()

    # Nobody but the round's organiser may record one: another province, the school, an expert, the applicant.
    for outsider in (
        province_reviewer(province="sichuan"),
        school_reviewer(SCHOOL),
        make_expert("专家单位").user,
        upheld.applicant,
    ):
        login(client, outsider)
        assert client.post(url, objection).status_code == 403
        client.logout()
    assert client.post(url, objection).status_code == 302  # anonymous: sent to log in
    upheld.refresh_from_db()
    assert upheld.objection == "" and not upheld.objection_upheld

    login(client, province_reviewer())
    client.post(url, objection)
    client.post(url, {"action": "objection", "application": dismissed.pk, "note": "反映的问题经核查不属实。"})
    upheld.refresh_from_db()
    dismissed.refresh_from_db()
    assert upheld.objection_upheld and upheld.objection == "业绩证书系伪造，经核查属实。"
    assert not dismissed.objection_upheld and dismissed.objection == "反映的问题经核查不属实。"

    at_stage(programme, "closed")
    client.post(url, {"action": "establish", "note": "2024年12月5日厅党组会议审议通过"})
    upheld.refresh_from_db()
    dismissed.refresh_from_db()
    assert upheld.status == Status.NOT_SELECTED and upheld.studio is None
    assert dismissed.status == Status.APPROVED and dismissed.studio is not None
    assert list(StudioPage.objects.values_list("title", flat=True)) == ["异议不成立班主任工作室"]
    response = client.post(url, {**objection, "application": dismissed.pk}, follow=True)
    assert "只有公示中的拟立项申报可以登记异议" in response.content.decode()
    page = client.get(reverse("selection:publicity", args=[programme.slug])).content.decode()
    assert "异议不成立班主任工作室" in page and "异议成立班主任工作室" not in page


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    return "".join(page.extract_text() for page in pages).replace(" ", "").replace("\n", "")


def test_the_pdf_lists_every_piece_of_evidence(client, programme):
    at_stage(programme, "review")
    application = make_application(programme, status=Status.QUALIFIED, achievements=())
    uploaded = Achievement.objects.create(
        application=application,
        kind=AchievementKind.PERSONAL_HONOUR,
        level=AchievementLevel.PROVINCE,
        title="2023年贵州省优秀班主任",
        year=2023,
        issuer="贵州省教育厅",
        evidence=evidence_file("youxiu-banzhuren.pdf"),
    )
    Achievement.objects.create(
        application=application,
        kind=AchievementKind.RESEARCH,
        level=AchievementLevel.CITY,
        title="贵阳市教育科学规划课题结题",
        paper_evidence=True,
    )
    Achievement.objects.create(
        application=application,
        kind=AchievementKind.SKILLS_CONTEST,
        level=AchievementLevel.NATIONAL,
        title="全国教学能力比赛",
    )

    login(client, application.applicant)
    text = pdf_text(client.get(reverse("selection:pdf", args=[application.pk])))
    for expected in [
        "业绩条件与证明材料",
        "2023年贵州省优秀班主任（贵州省教育厅）",
        uploaded.evidence_filename,  # the stored file's name (the storage may add a suffix)
        "贵阳市教育科学规划课题结题",
        "纸质原件已核验",
        "全国教学能力比赛",
        "未上传",
        "证明材料清单：共3项业绩，已上传证明材料1份，纸质原件已核验1份，未提供1份。",
        "13800000000",
    ]:
        assert expected in text, expected
    client.logout()

    # The expert's copy has the same evidence list and no phone numbers.
    expert = make_expert("专家单位")
    Assignment.objects.create(application=application, expert=expert)
    login(client, expert.user)
    text = pdf_text(client.get(reverse("selection:pdf", args=[application.pk])))
    assert uploaded.evidence_filename.startswith("youxiu-banzhuren")
    assert uploaded.evidence_filename in text and "证明材料清单：共3项业绩" in text
    assert "13800000000" not in text and "13900000000" not in text


def test_school_export_and_pdf_are_readable(client, programme):
    at_stage(programme, "school")
    reviewer = school_reviewer(SCHOOL)
    application = make_application(programme, school=SCHOOL, status=Status.SUBMITTED, studio_name="=HYPERLINK(1)")
    login(client, reviewer)
    client.post(
        reverse("selection:school"),
        {"application": application.pk, "action": "recommend", "comment": "推荐", "rank": "1", "confirmed": "on"},
    )
    response = client.get(reverse("selection:school_export", args=[programme.slug]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert SCHOOL in sheet["A1"].value
    row = [c.value for c in sheet[3]]
    assert row[0] == 1 and row[1] == "=HYPERLINK(1)" and sheet[3][1].data_type == "s"
    assert row[7] == "符合" and row[8] == "学校已推荐"

    text = "".join(
        p.extract_text()
        for p in pypdf.PdfReader(io.BytesIO(client.get(reverse("selection:pdf", args=[application.pk])).content)).pages
    )
    compact = text.replace(" ", "").replace("\n", "")
    for expected in ["申报书", "主持人基本情况", "业绩条件与证明材料", "证书", "谁推荐、谁负责", "13800000000"]:
        assert expected in compact, expected


def test_self_registration_needs_the_emailed_link(client, mailoutbox):
    data = {
        "username": "shuyun",
        "first_name": "舒云",
        "email": "shuyun@example.cn",
        "password1": "Yunshu-2026-班",
        "password2": "Yunshu-2026-班",
    }
    response = client.post(reverse("selection:register"), data)
    assert "验证邮件已发送到 shuyun@example.cn" in response.content.decode()
    user = get_user_model().objects.get(username="shuyun")
    assert not user.is_active
    assert not client.login(username="shuyun", password=data["password1"])
    body = mailoutbox[0].body
    link = body.split("http://testserver", 1)[1].split()[0]

    response = client.get(link[:-3] + "xyz/", follow=True)
    assert "验证链接无效" in response.content.decode()
    response = client.get(link, follow=True)
    assert "邮箱已验证，请登录" in response.content.decode()
    assert client.login(username="shuyun", password=data["password1"])

    client.logout()
    again = client.post(reverse("selection:register"), {**data, "username": "shuyun2"})
    assert "这个邮箱已经注册过账号" in again.content.decode()


def test_reviewer_forms_answer_junk_ids_with_404(client, programme):
    at_stage(programme, "school")
    login(client, school_reviewer(SCHOOL))
    response = client.post(reverse("selection:school"), {"application": "1 OR 1=1", "action": "recommend"})
    assert response.status_code == 404


def test_the_province_table_and_the_publicity_page_do_not_query_per_application(client, programme):
    at_stage(programme, "review")
    login(client, province_reviewer())
    expert = make_expert("专家单位")

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(count):
        for _ in range(count):
            application = make_application(programme, status=Status.QUALIFIED)
            Assignment.objects.create(application=application, expert=expert)
            make_application(programme, status=Status.PROPOSED)

    province_url = reverse("selection:province", args=[programme.slug])
    add(1)
    at_stage(programme, "publicity")
    public_url = reverse("selection:publicity", args=[programme.slug])
    queries(province_url), queries(public_url)  # the session's first requests read more
    few = queries(province_url), queries(public_url)
    add(3)
    assert (queries(province_url), queries(public_url)) == few
