"""Who may promote what, through the promotion screens of the admin."""

from django.urls import reverse

from promotions.models import Promotion

from .conftest import login

ADD_URL = reverse("wagtailsnippets_promotions_promotion:add")


def promote(client, user, page, level, year=2026):
    login(client, user)
    data = {"page": page.pk, "level": level, "year": year, "batch": "第一批", "note": "班级公约做法扎实，值得推广。"}
    return client.post(ADD_URL, data)


def test_school_reviewer_promotes_own_schools_studio_at_school_level_only(client, world):
    response = promote(client, world.school_a, world.studio_a, "school")
    assert response.status_code == 302
    promotion = Promotion.objects.get(page=world.studio_a, level="school")
    assert promotion.created_by == world.school_a
    assert promotion.created_at is not None
    assert promotion.province == "guizhou"

    for level in ("province", "ministry"):
        response = promote(client, world.school_a, world.studio_a, level)
        assert response.status_code == 200  # the form comes back with an error
        assert not Promotion.objects.filter(page=world.studio_a, level=level).exists()

    response = promote(client, world.school_a, world.studio_b, "school")  # another school
    assert response.status_code == 200
    assert "没有权限" in response.content.decode()
    assert not Promotion.objects.filter(page=world.studio_b).exists()


def test_provincial_reviewer_promotes_own_province_only(client, world):
    assert promote(client, world.province_gz, world.studio_b, "province").status_code == 302
    assert Promotion.objects.filter(page=world.studio_b, level="province").exists()
    assert promote(client, world.province_gz, world.studio_c, "province").status_code == 200
    assert promote(client, world.province_gz, world.studio_b, "ministry").status_code == 200
    assert not Promotion.objects.filter(page=world.studio_c).exists()
    assert not Promotion.objects.filter(level="ministry").exists()


def test_only_ministry_promotes_at_ministry_level_and_levels_accumulate(client, world):
    assert promote(client, world.school_a, world.studio_a, "school").status_code == 302
    assert promote(client, world.province_gz, world.studio_a, "province").status_code == 302
    assert promote(client, world.ministry, world.studio_a, "ministry").status_code == 302
    assert set(Promotion.objects.filter(page=world.studio_a).values_list("level", flat=True)) == {
        "school",
        "province",
        "ministry",
    }
    # the same level twice in one year is refused
    assert promote(client, world.ministry, world.studio_a, "ministry").status_code == 200
    assert Promotion.objects.filter(page=world.studio_a, level="ministry").count() == 1


def test_editors_and_outsiders_cannot_promote_or_change_others(client, world):
    login(client, world.editor_a)
    assert client.get(ADD_URL).status_code in (302, 403)
    assert promote(client, world.editor_a, world.studio_a, "school").status_code in (302, 403)
    assert not Promotion.objects.exists()

    promote(client, world.ministry, world.studio_a, "ministry")
    promotion = Promotion.objects.get()
    edit_url = reverse("wagtailsnippets_promotions_promotion:edit", args=[promotion.pk])
    delete_url = reverse("wagtailsnippets_promotions_promotion:delete", args=[promotion.pk])
    login(client, world.school_a)
    assert client.get(edit_url).status_code in (302, 403)
    client.post(delete_url)
    assert Promotion.objects.filter(pk=promotion.pk).exists()
    login(client, world.ministry)
    assert client.get(edit_url).status_code == 200


def test_unpublished_items_cannot_be_promoted(client, world):
    from tests.factories import make_update

    draft = make_update(world.studio_a, "春晖工作室草稿", publish=False)
    from .helpers import make_case

    case = make_case(world.studio_a, "草稿案例", publish=False)
    for page in (draft, case):
        assert promote(client, world.school_a, page, "school").status_code == 200
    assert not Promotion.objects.exists()


def test_sync_promotions_makes_no_promotion_and_rederives_case_levels(world):
    import io

    from django.core.management import call_command

    from cases.models import CasePage

    from .helpers import make_case

    case = make_case(world.studio_a, "班级公约三步法", year=2024)
    CasePage.objects.filter(pk=case.pk).update(promotion_level="ministry")  # a level nobody awarded
    call_command("sync_promotions", stdout=io.StringIO())
    assert not Promotion.objects.exists()
    assert CasePage.objects.get(pk=case.pk).promotion_level == "none"
