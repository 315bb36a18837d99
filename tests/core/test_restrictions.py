"""Private sections stay out of public listings; their restrictions are read once per request."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.restrictions import site_pages
from studios.models import StudioPage
from tests.factories import make_studio

pytestmark = pytest.mark.django_db


def restriction_reads(queries):
    return [q for q in queries if 'FROM "wagtailcore_pageviewrestriction"' in q["sql"]]


@pytest.fixture
def in_request():
    # As Django's test client does: the test's transaction must survive the request
    # signals (close_old_connections would close a PostgreSQL connection mid-test).
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        yield
        request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_public_listings_leave_out_private_sections(site_tree):
    open_studio = make_studio("公开工作室")
    private_studio = make_studio("内部工作室")
    PageViewRestriction.objects.create(page=private_studio, restriction_type=PageViewRestriction.LOGIN)

    assert list(StudioPage.objects.live().public()) == [open_studio]
    assert list(StudioPage.objects.live().private()) == [private_studio]
    pages = site_pages().live().public().filter(pk__in=[open_studio.pk, private_studio.pk])
    assert [page.pk for page in pages] == [open_studio.pk]


def test_a_request_reads_the_restrictions_once(site_tree, in_request):
    make_studio()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            list(StudioPage.objects.live().public())
    assert len(restriction_reads(queries.captured_queries)) == 1


def test_a_restriction_made_during_the_request_applies_at_once(site_tree, in_request):
    studio = make_studio()
    assert list(StudioPage.objects.live().public()) == [studio]
    restriction = PageViewRestriction.objects.create(page=studio, restriction_type=PageViewRestriction.LOGIN)
    assert list(StudioPage.objects.live().public()) == []
    restriction.delete()
    assert list(StudioPage.objects.live().public()) == [studio]


def test_outside_a_request_every_listing_reads_the_restrictions(site_tree):
    studio = make_studio()
    with CaptureQueriesContext(connection) as queries:
        list(StudioPage.objects.live().public())
        list(StudioPage.objects.live().public())
    assert len(restriction_reads(queries.captured_queries)) == 2
    # Another process (or a rolled-back test) may change them: never a stale answer here.
    PageViewRestriction.objects.filter(page=studio).delete()
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=studio, restriction_type="login")])
    assert list(StudioPage.objects.live().public()) == []


def test_private_pages_still_ask_for_a_login(client, site_tree):
    from tests.cases.helpers import make_case

    studio = make_studio("内部工作室")
    case = make_case(studio, "内部案例")
    assert client.get(case.url).status_code == 200
    PageViewRestriction.objects.create(page=studio, restriction_type=PageViewRestriction.LOGIN)
    for page in (studio, case):
        response = client.get(page.url)
        assert response.status_code == 302 and "login" in response["Location"], page.url


def test_serving_pages_reads_the_restrictions_once_per_change_when_there_are_none(client, site_tree):
    from ops.pagecache import bump_generation
    from tests.cases.helpers import make_case

    case = make_case(make_studio(), "公开案例")
    client.get(case.url)
    bump_generation()  # as any change does
    with CaptureQueriesContext(connection) as queries:
        assert client.get(case.url).status_code == 200
        assert client.get("/cases/").status_code == 200
    assert len(restriction_reads(queries.captured_queries)) == 1  # then kept (ops.sitecontext.SiteContextMiddleware)
