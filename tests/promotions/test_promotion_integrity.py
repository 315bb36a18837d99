"""Only a person allowed to make a level makes a promotion: never the case form, a draft or an approval."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page

from cases.models import CasePage
from promotions.forms import PromotionForm
from promotions.models import Promotion
from tests.factories import directions

from .conftest import login
from .helpers import case_form, make_case


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def act(client, user, page, action="approve"):
    login(client, user)
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": ""})


def level_of(case):
    return CasePage.objects.get(pk=case.pk).promotion_level


def promote_in_admin(client, user, page, level, year=2026):
    login(client, user)
    data = {"page": page.pk, "level": level, "year": year, "batch": "第一批", "note": "做法扎实，值得推广。"}
    return client.post(reverse("wagtailsnippets_promotions_promotion:add"), data)


@pytest.fixture
def live_case(world):
    return make_case(world.studio_a, "班级公约三步法")


def test_the_case_editor_offers_editors_no_promotion_level(client, world, live_case):
    login(client, world.editor_a)
    response = client.get(edit_url(live_case))
    assert response.status_code == 200
    assert 'name="promotion_level"' not in response.content.decode()


def test_an_editors_draft_of_a_live_case_makes_no_promotion(client, world, live_case):
    login(client, world.editor_a)
    response = client.post(
        edit_url(live_case), case_form(live_case, title="班级公约三步法（修订）", promotion_level="ministry")
    )
    assert response.status_code == 302
    assert CasePage.objects.get(pk=live_case.pk).has_unpublished_changes  # the draft was saved

    assert not Promotion.objects.exists()
    assert level_of(live_case) == "none"
    assert live_case.get_latest_revision().content["promotion_level"] == "none"
    assert "班级公约三步法" not in client.get("/promoted/").content.decode()
    api = client.get(f"/api/v2/pages/{live_case.pk}/").json()
    assert api["promotion_level"] == "none"


def test_approving_a_case_whose_editor_chose_a_level_makes_no_promotion(client, world):
    case = make_case(world.studio_a, "宿舍矛盾化解记", publish=False)
    login(client, world.editor_a)
    response = client.post(edit_url(case), case_form(case, promotion_level="ministry", **{"action-submit": "1"}))
    assert response.status_code == 302

    act(client, world.school_a, case)
    act(client, world.province_gz, case)
    case.refresh_from_db()
    assert case.live  # published by the provincial reviewer's approval
    assert not Promotion.objects.exists()
    assert case.promotion_level == "none"


def test_a_new_case_cannot_start_promoted(client, world):
    login(client, world.editor_a)
    add_url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", world.studio_a.pk])
    draft = CasePage(title="新生适应周", slug="xinsheng", authors="王芳", category="class-culture", summary="新生。")
    data = case_form(draft, promotion_level="province", **{"action-submit": "1"})
    data["directions"] = [direction.pk for direction in directions()]
    response = client.post(add_url, data)
    assert response.status_code == 302
    assert CasePage.objects.get(slug="xinsheng").promotion_level == "none"
    assert not Promotion.objects.exists()


def test_a_reviewers_promotion_sets_the_level_and_a_pending_revision_keeps_it(client, world, live_case):
    # The editor submits a revision of the live case; it waits for review.
    login(client, world.editor_a)
    revised = case_form(live_case, title="班级公约三步法（修订）", **{"action-submit": "1"})
    assert client.post(edit_url(live_case), revised).status_code == 302

    assert promote_in_admin(client, world.ministry, live_case, "ministry").status_code == 302
    promotion = Promotion.objects.get(page=live_case)
    assert (promotion.level, promotion.created_by) == ("ministry", world.ministry)
    assert promotion.created_at is not None
    assert level_of(live_case) == "ministry"

    # Publishing the revision saved before the promotion does not bring back its old level.
    act(client, world.school_a, live_case)
    act(client, world.province_gz, live_case)
    assert CasePage.objects.get(pk=live_case.pk).title == "班级公约三步法（修订）"
    assert level_of(live_case) == "ministry"

    login(client, world.ministry)
    client.post(reverse("wagtailsnippets_promotions_promotion:delete", args=[promotion.pk]))
    assert level_of(live_case) == "none"


def test_a_copy_of_a_promoted_case_is_not_promoted(client, world, live_case):
    promote_in_admin(client, world.ministry, live_case, "ministry")
    assert level_of(live_case) == "ministry"
    login(client, world.editor_a)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[live_case.pk]),
        {"new_title": "班级公约三步法（副本）", "new_slug": "gongyue-copy", "new_parent_page": world.studio_a.pk},
    )
    assert response.status_code == 302
    copy = CasePage.objects.get(slug="gongyue-copy")
    assert copy.promotion_level == "none"
    assert copy.get_latest_revision_as_object().promotion_level == "none"


def test_no_promotion_without_the_person_who_made_it(world, live_case):
    with pytest.raises(ValueError, match="推介人"):
        Promotion(page=live_case, level="ministry", year=2026).save()
    form = PromotionForm(data={"page": live_case.pk, "level": "ministry", "year": 2026, "batch": "", "note": ""})
    assert not form.is_valid()
    assert not Promotion.objects.exists()


def test_audit_lists_promotions_without_a_promoter(world, live_case):
    out = io.StringIO()
    call_command("audit_promotions", stdout=out)
    assert "所有推介都记录了推介人" in out.getvalue()

    Promotion.objects.create(page=live_case, level="school", year=2026, created_by=world.school_a)
    orphan = Promotion.objects.create(page=live_case, level="ministry", year=2026, created_by=world.ministry)
    Promotion.objects.filter(pk=orphan.pk).update(created_by=None)
    out = io.StringIO()
    call_command("audit_promotions", stdout=out)
    report = out.getvalue()
    assert f"#{orphan.pk} 部级 2026 “班级公约三步法”" in report
    assert "共 1 条推介没有推介人" in report
    with pytest.raises(CommandError, match="共 1 条"):
        call_command("audit_promotions", "--fail", stdout=io.StringIO())


def test_the_data_migration_removes_the_promotions_the_case_field_made(world, live_case):
    other = make_case(world.studio_b, "家校共育沙龙")
    made_by_field = Promotion.objects.create(page=live_case, level="ministry", year=2025, created_by=world.ministry)
    by_reviewer = Promotion.objects.create(page=other, level="school", year=2025, created_by=world.school_b)
    account_deleted = Promotion.objects.create(page=other, level="province", year=2025, created_by=world.province_gz)
    # What saving a case with a 推介级别 used to make: no 推介人, this note.
    Promotion.objects.filter(pk=made_by_field.pk).update(created_by=None, note="案例导入时标注的推介级别")
    Promotion.objects.filter(pk=account_deleted.pk).update(created_by=None)
    CasePage.objects.filter(pk=other.pk).update(promotion_level="ministry")  # what an editor had typed

    migration = importlib.import_module("promotions.migrations.0004_remove_promotions_made_without_a_promoter")
    migration.remove_and_rederive(apps, None)

    assert set(Promotion.objects.values_list("pk", flat=True)) == {by_reviewer.pk, account_deleted.pk}
    assert level_of(live_case) == "none"
    assert level_of(other) == "province"


def test_whoever_changes_what_is_promoted_becomes_its_promoter(client, world, live_case, django_user_model):
    assert promote_in_admin(client, world.school_a, live_case, "school").status_code == 302
    promotion = Promotion.objects.get(page=live_case)
    made_at = promotion.created_at
    administrator = django_user_model.objects.create_superuser("zhanguan", "zhanguan@example.cn", "pass-7731")
    edit = reverse("wagtailsnippets_promotions_promotion:edit", args=[promotion.pk])
    data = {"page": live_case.pk, "level": "school", "year": 2026, "batch": "第一批", "note": "补充：已在全校推广。"}

    # Correcting the note leaves the promotion the school reviewer's.
    login(client, administrator)
    assert client.post(edit, data).status_code == 302
    promotion.refresh_from_db()
    assert (promotion.note, promotion.created_by, promotion.created_at) == (
        "补充：已在全校推广。",
        world.school_a,
        made_at,
    )

    # Raising it to 部级 is the administrator's promotion, made now: the list must not name the school.
    assert client.post(edit, {**data, "level": "ministry"}).status_code == 302
    promotion.refresh_from_db()
    assert (promotion.level, promotion.created_by) == ("ministry", administrator)
    assert promotion.created_at > made_at
    listing = client.get(reverse("wagtailsnippets_promotions_promotion:list")).content.decode()
    assert "school_a" not in listing
