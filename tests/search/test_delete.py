"""Deleting a studio with its published cases and resources removes every search row with it."""

import copy

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from core.choices import Direction
from search import service
from search.models import SearchDocument, SearchDocumentDirection
from tests.fixtures.shared import built_once
from tests.resources.factories import make_resource

from .builders import corpus, make_case


@pytest.fixture(scope="module")
def shared_pages(django_db_setup, django_db_blocker):
    """Built once for the module (tests/fixtures/shared.py); each test's deletion is rolled back."""
    with built_once(django_db_blocker):
        yield build_pages()


@pytest.fixture
def pages(db, shared_pages):
    return copy.deepcopy(shared_pages)


def build_pages():
    pages = corpus()
    pages["resource"] = make_resource(
        pages["gz"],
        "心理班会资源包",
        description="一套心理健康主题班会的课件与教案。",
        direction_codes=(Direction.MENTAL_HEALTH, Direction.FAMILY_SCHOOL),
    )
    pages["second"] = make_case(
        pages["gz"],
        "班级心理委员的一次成长",
        direction_codes=(Direction.MENTAL_HEALTH, Direction.CLASS_MANAGEMENT),
    )
    return pages


def _studio_subtree_ids(studio):
    return set(Page.objects.filter(path__startswith=studio.path).values_list("pk", flat=True))


def _assert_studio_gone(pages, subtree):
    assert not SearchDocument.objects.filter(page_id__in=subtree).exists()
    assert not SearchDocumentDirection.objects.exclude(document__in=SearchDocument.objects.all()).exists()
    found = [r.title for r in service.search("心理", {}, 1, 50).results]
    assert "学生心理健康教育案例" not in found and "心理班会资源包" not in found
    assert "阳光心理班主任工作室" not in found
    # the other studio is untouched
    assert "帮助沉迷手机游戏的学生重建作息" in [r.title for r in service.search("网瘾", {}, 1, 50).results]


def test_deleting_a_studio_with_published_children(pages):
    studio = pages["gz"]
    subtree = _studio_subtree_ids(studio)
    assert SearchDocumentDirection.objects.filter(document__page_id__in=subtree).count() >= 5
    Page.objects.get(pk=studio.pk).specific.delete()
    _assert_studio_gone(pages, subtree)


def test_admin_deletes_a_studio_with_published_children(pages, client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(admin)
    studio = pages["gz"]
    subtree = _studio_subtree_ids(studio)
    response = client.post(f"/admin/pages/{studio.pk}/delete/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk=studio.pk).exists()
    _assert_studio_gone(pages, subtree)
