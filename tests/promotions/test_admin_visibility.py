"""What a studio editor may see of other studios in the admin: their live public pages, nothing more.

Choosers, reports (and their downloads) and bulk-action confirmations never show another
studio's drafts, pending draft titles, or password- or login-restricted pages.
"""

import copy

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import make_update
from tests.fixtures.shared import built_once

from .conftest import login
from .helpers import document_in, image_in, make_case

STOCK_ADMIN_SEARCH = {"default": {"BACKEND": "wagtail.search.backends.database"}}
HIDDEN = ["明德 未发布草稿", "明德 待审新标题", "明德 密码案例", "明德 登录案例"]


@pytest.fixture(scope="module")
def shared_pages(shared_world, django_db_blocker):
    """Studio B's pages in every state and studio A's own draft, built once for the module inside
    its world (tests/fixtures/shared.py); the tests only read them or add to them in their savepoint.

    Saved with Wagtail's stock database search backend on (``stock_admin_search``), so that its
    index, kept in the database and rolled back with them, has them for the chooser search test.
    """
    with built_once(django_db_blocker):
        with override_settings(WAGTAILSEARCH_BACKENDS=STOCK_ADMIN_SEARCH):
            pages = build_pages(shared_world)
        yield pages


@pytest.fixture
def pages(world, shared_pages):
    return copy.deepcopy(shared_pages)


def build_pages(world):
    pending = make_update(world.studio_b, "明德 读书会")
    pending.title = "明德 待审新标题"
    pending.save_revision()  # a draft waiting for review: the live title stays
    password_case = make_case(world.studio_b, "明德 密码案例")
    PageViewRestriction.objects.create(page=password_case, restriction_type="password", password="mima-123")
    login_case = make_case(world.studio_b, "明德 登录案例")
    PageViewRestriction.objects.create(page=login_case, restriction_type="login")
    return {
        "draft": make_update(world.studio_b, "明德 未发布草稿", publish=False),
        "pending": pending,
        "password": password_case,
        "login": login_case,
        "public_case": make_case(world.studio_b, "明德 公开案例"),
        "own_draft": make_update(world.studio_a, "春晖 未发布草稿", publish=False),
    }


def chooser_html(response):
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def assert_hidden(html):
    for title in HIDDEN:
        assert title not in html, title


# --- page chooser ---------------------------------------------------------------------------


def test_browsing_another_studio_in_the_chooser_lists_only_its_public_pages(client, world, pages):
    login(client, world.editor_a)
    html = chooser_html(client.get(reverse("wagtailadmin_choose_page_child", args=[world.studio_b.pk])))
    assert "明德 读书会" in html and "明德 公开案例" in html
    assert_hidden(html)
    own = chooser_html(client.get(reverse("wagtailadmin_choose_page_child", args=[world.studio_a.pk])))
    assert "春晖 未发布草稿" in own  # their own drafts, of course


def test_the_chooser_does_not_open_a_page_the_editor_may_not_see(client, world, pages):
    login(client, world.editor_a)
    for name in ("draft", "password", "login"):
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[pages[name].pk]))
        assert response.status_code == 404, name
        assert_hidden(response.content.decode())


@pytest.fixture
def stock_admin_search(settings):
    """Wagtail's stock database backend, updated on save: this is about the chooser's permission
    filter, not about Chinese word segmentation (the search app tests that)."""
    settings.WAGTAILSEARCH_BACKENDS = STOCK_ADMIN_SEARCH


def test_chooser_search_finds_only_public_pages_of_other_studios(client, world, stock_admin_search, pages):
    login(client, world.editor_a)
    html = chooser_html(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "明德"}))
    assert "明德 公开案例" in html
    assert_hidden(html)


def test_chosen_pages_come_back_only_when_visible_with_their_published_title(client, world, pages):
    login(client, world.editor_a)
    ids = [pages[name].pk for name in ("draft", "pending", "password", "public_case")]
    response = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": ids})
    result = response.json()["result"]
    assert {item["id"] for item in result} == {pages["pending"].pk, pages["public_case"].pk}
    assert "明德 读书会" in {item["adminTitle"] for item in result}


# --- reports ---------------------------------------------------------------------------------


def test_case_report_and_its_downloads_leave_out_other_studios_restricted_cases(client, world, pages):
    own_restricted = make_case(world.studio_a, "春晖 登录案例")
    PageViewRestriction.objects.create(page=own_restricted, restriction_type="login")
    login(client, world.editor_a)
    for query in ("", "?export=csv", "?export=xlsx"):
        response = client.get(f"/admin/reports/outreach/cases/{query}")
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", errors="ignore") if query != "?export=xlsx" else xlsx_text(content)
        assert "明德 公开案例" in text, query
        assert "春晖 登录案例" in text, query  # their own, restricted or not
        assert_hidden(text)


def xlsx_text(content):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)


# --- bulk actions ----------------------------------------------------------------------------


def bulk(client, model, action, *objects):
    url = reverse("wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, action])
    response = client.get(url, {"id": [obj.pk for obj in objects]})
    assert response.status_code == 200
    return response.content.decode()


def test_bulk_action_confirmations_name_only_what_the_user_may_see(client, world, pages):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page

    from promotions.models import ReviewerProfile

    space_a, space_b = world.studio_a.space, world.studio_b.space
    images = image_in(space_a.collection, "春晖活动照片"), image_in(space_b.collection, "明德活动照片")
    documents = document_in(space_a.collection, "春晖班级公约"), document_in(space_b.collection, "明德班级公约")
    login(client, world.editor_a)

    for action in ("publish", "delete", "move", "unpublish"):
        html = bulk(client, Page, action, pages["own_draft"], pages["draft"], pages["pending"], pages["password"])
        assert "春晖 未发布草稿" in html, action
        assert_hidden(html)
    for model, own, other in ((Image, *images), (Document, *documents)):
        for action in ("delete", "add_tags", "add_to_collection"):
            html = bulk(client, model, action, own, other)
            assert own.title in html and other.title not in html, (model, action)
    reviewer = ReviewerProfile.objects.get(user=world.school_b)
    assert "school_b" not in bulk(client, ReviewerProfile, "delete", reviewer)
