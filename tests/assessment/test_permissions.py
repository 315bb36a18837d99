"""Who sees and changes what, through every path: the ledger screens (listing, edit, inspect,
history, delete), self-evaluation, rounds, the studio record, the exports; archives and
unpublished evaluations stay out of search, the API, feeds and the sitemap."""

import datetime

import pytest
from django.urls import reverse

from assessment.choices import Tier
from assessment.models import AssessmentRound, MemberArchive, TierChange
from promotions.models import ReviewerRole

from .conftest import YEAR, denied, login, make_user
from .test_journey import open_round

pytestmark = pytest.mark.django_db

SECRET = "渴望在心理健康教育方向深造的独特诉求"


@pytest.fixture
def archive(world):
    member = make_user("member_a")
    archive = MemberArchive.objects.create(
        studio=world.studio_a, member_name="成员1", user=member, wishes=SECRET, knowledge="心理学硕士"
    )
    TierChange.objects.create(
        archive=archive, date=datetime.date(YEAR, 1, 10), tier=Tier.QUALIFIED, evidence_note="校发〔2026〕3号"
    )
    archive.member = member
    return archive


def plan_urls(plan):
    return [
        reverse("assessment_plans:edit", args=[plan.pk]),
        reverse("assessment_plans:inspect", args=[plan.pk]),
        reverse("assessment_plans:history", args=[plan.pk]),
        reverse("assessment_plans:delete", args=[plan.pk]),
        reverse("assessment_summary_docx", args=[plan.pk]),
        reverse("assessment_report", args=[plan.studio_id, YEAR]),
        reverse("assessment_report_docx", args=[plan.studio_id, YEAR]),
        reverse("assessment_self_evaluation", args=[plan.studio_id, YEAR]),
    ]


def test_another_studios_editor_and_out_of_scope_reviewers_reach_nothing_of_studio_a(client, world, plan, archive):
    archive_urls = [
        reverse("assessment_archives:edit", args=[archive.pk]),
        reverse("assessment_archives:inspect", args=[archive.pk]),
        reverse("assessment_archive_docx", args=[archive.pk]),
    ]
    for user in (world.editor_b, world.school_b, world.province_sc, archive.member):
        login(client, user)
        for url in plan_urls(plan) + (archive_urls if user is not archive.member else []):
            assert denied(client.get(url)), (user.username, url)
        listing = client.get(reverse("assessment_plans:index"))
        assert world.studio_a.title not in listing.content.decode()
        if user is not archive.member:
            assert SECRET not in client.get(reverse("assessment_archives:index")).content.decode()


def test_reviewers_in_scope_read_but_do_not_edit(client, world, plan, archive):
    for user in (world.school_a, world.province_gz, world.ministry):
        login(client, user)
        assert client.get(reverse("assessment_report", args=[world.studio_a.pk, YEAR])).status_code == 200
        assert client.get(reverse("assessment_plans:inspect", args=[plan.pk])).status_code == 200
        assert client.get(reverse("assessment_archive_docx", args=[archive.pk])).status_code == 200
        assert denied(client.get(reverse("assessment_plans:edit", args=[plan.pk])))
        assert denied(client.post(reverse("assessment_draft_summary", args=[plan.pk])))
        assert denied(client.get(reverse("assessment_archives:edit", args=[archive.pk])))


def test_a_member_sees_and_fills_only_their_own_archive(client, world, archive):
    other = MemberArchive.objects.create(studio=world.studio_a, member_name="成员2", wishes="另一位成员的诉求")
    login(client, archive.member)
    listing = client.get(reverse("assessment_archives:index")).content.decode()
    assert "成员1" in listing and "成员2" not in listing
    assert client.get(reverse("assessment_archives:edit", args=[archive.pk])).status_code == 200
    assert denied(client.get(reverse("assessment_archives:edit", args=[other.pk])))
    assert client.get(reverse("assessment_archive_docx", args=[archive.pk])).status_code == 200


def test_rounds_are_opened_and_scored_only_at_the_reviewers_level_and_scope(client, world, plan):
    # An editor opens nothing; reviewers outside the studio's school or province neither.
    for user in (world.editor_a, world.school_b, world.province_sc):
        response = open_round(client, user, world.studio_a)
        assert denied(response) or AssessmentRound.objects.count() == 0
    assert not AssessmentRound.objects.exists()

    open_round(client, world.school_a, world.studio_a, "midterm")
    school_round = AssessmentRound.objects.get()
    assert school_round.level == ReviewerRole.SCHOOL
    url = reverse("assessment_round", args=[school_round.pk])
    score = school_round.scores.first()
    data = {f"s{score.pk}-score": 80, f"s{score.pk}-comment": ""}
    # The province reads the school's round but scores only its own; the editor sees it once finished.
    for user in (world.province_gz, world.ministry):
        login(client, user)
        assert client.get(url).status_code == 200
        assert denied(client.post(url, data))
    login(client, world.editor_a)
    assert denied(client.get(url))
    login(client, world.school_b)
    assert denied(client.get(url))
    login(client, world.school_a)
    client.post(url, data)
    score.refresh_from_db()
    assert score.score == 80

    # The Ministry opens Ministry rounds anywhere (the level is its own).
    open_round(client, world.ministry, world.studio_c, "acceptance")
    assert AssessmentRound.objects.get(studio=world.studio_c).level == ReviewerRole.MINISTRY


def test_province_workbook_only_for_the_reviewers_own_province(client, world, plan):
    login(client, world.province_sc)
    assert denied(client.get(reverse("assessment_province_xlsx", args=["guizhou", YEAR])))
    login(client, world.editor_a)
    assert denied(client.get(reverse("assessment_province_xlsx", args=["guizhou", YEAR])))
    login(client, world.province_gz)
    assert client.get(reverse("assessment_province_xlsx", args=["guizhou", YEAR])).status_code == 200


def test_archives_and_evaluations_never_reach_search_the_api_feeds_or_the_sitemap(client, world, archive, plan):
    plan.summary = SECRET
    plan.save()
    for url in (
        "/search/?q=" + SECRET[:8],
        "/api/search/?q=" + SECRET[:8],
        "/sitemap.xml",
        "/api/v2/pages/?search=" + SECRET[:8],
    ):
        response = client.get(url)
        assert SECRET not in response.content.decode(errors="replace"), url
    assert "/admin/assessment" not in client.get("/sitemap.xml").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, plan):
    for url in plan_urls(plan):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_editors_cannot_link_an_account_to_an_archive_nor_list_the_platforms_accounts(client, world, archive):
    login(client, world.editor_a)
    page = client.get(reverse("assessment_archives:edit", args=[archive.pk])).content.decode()
    assert "editor_b" not in page and "province_gz" not in page
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "studio": world.studio_a.pk,
            "member_name": "成员1",
            "user": world.editor_b.pk,
            "knowledge": "心理学硕士",
            "practice": "",
            "personality": "",
            "philosophy": "",
            "wishes": SECRET,
            "records": inline_formset([]),
            "tier_changes": inline_formset([]),
        }
    )
    client.post(reverse("assessment_archives:edit", args=[archive.pk]), data)
    archive.refresh_from_db()
    assert archive.user == archive.member
