"""The home page resolves a URL to the same page as Wagtail's own routing, in fewer queries."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import HomePage
from tests.cases.helpers import make_case
from tests.factories import make_studio, make_update
from tests.resources.factories import make_chapter, make_handbook, paragraph

pytestmark = pytest.mark.django_db


def described(result):
    """Page type, page id and the view arguments (a routable page's view as its function)."""
    args = [getattr(arg, "__func__", arg) for arg in result.args]
    return type(result.page), result.page.pk, args, result.kwargs


def wagtails_route(home, request, components):
    """What Page.route() (two queries per level) gives for these path components."""
    try:
        return described(Page.route(home, request, components))
    except Http404:
        return None


def our_route(home, request, components):
    try:
        return described(home.route(request, components))
    except Http404:
        return None


@pytest.fixture
def tree(site_tree):
    studio = make_studio("启明班主任工作室", slug="qiming")
    draft_studio = make_studio("草稿工作室", slug="draft-studio", publish=False)
    handbook = make_handbook(studio, "班级管理手册", slug="shouce")
    make_chapter(handbook, "第一章", [paragraph("<p>要点</p>")])
    return {
        "studio": studio,
        "case": make_case(studio, "班级公约", slug="gongyue"),
        "draft_case": make_case(studio, "草稿案例", slug="draft-case", publish=False),
        "update": make_update(studio, "读书会", slug="dushu"),
        "under_draft": make_case(draft_studio, "草稿工作室下的案例", slug="under-draft"),
        "handbook": handbook,
    }


def test_every_path_routes_as_wagtail_routes_it(tree):
    home = HomePage.objects.get()
    request = RequestFactory().get("/")
    paths = [page.url_path[len(home.url_path) :] for page in Page.objects.descendant_of(home)]
    paths += [
        "studios/qiming/shouce/full/",  # a RoutablePageMixin sub-route
        "studios/qiming/shouce/nowhere/",
        "studios/qiming/missing/",
        "studios/missing/gongyue/",
        "nowhere/",
        "studios/qiming/gongyue/extra/",
    ]
    assert "studios/draft-studio/under-draft/" in paths and "studios/qiming/draft-case/" in paths
    for path in paths:
        components = [part for part in path.split("/") if part]
        expected = wagtails_route(home, request, components)
        assert our_route(home, request, components) == expected, path
    # The draft case is a 404; a live case below a draft studio is served (Wagtail's rules).
    assert our_route(home, request, ["studios", "qiming", "draft-case"]) is None
    assert our_route(home, request, ["studios", "draft-studio", "under-draft"])[1] == tree["under_draft"].pk


def test_a_case_is_found_in_two_queries_and_knows_its_parent(tree):
    home = HomePage.objects.get()
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        result = home.route(request, ["studios", "qiming", "gongyue"])
    assert len(queries) == 2  # the pages on the path, then the case itself
    assert result.page.pk == tree["case"].pk
    with CaptureQueriesContext(connection) as queries:
        assert result.page.get_parent().pk == tree["studio"].pk
    assert len(queries) == 0


def test_pages_are_served_by_their_urls(client, tree):
    for name in ("studio", "case", "update", "handbook"):
        response = client.get(tree[name].url)
        assert response.status_code == 200, name
        assert response.context["page"].pk == tree[name].pk
    assert client.get(tree["handbook"].full_url).status_code == 200
    assert client.get(tree["draft_case"].url).status_code == 404
    assert client.get("/studios/qiming/missing/").status_code == 404
