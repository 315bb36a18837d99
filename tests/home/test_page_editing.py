"""Writing a page in the admin: no page before an explicit save, no slug error for a repeated title."""

import re

import pytest
from django.urls import reverse

from core.slugs import pinyin_slug
from promotions.accounts import add_editor
from studios.models import StudioUpdatePage
from tests.factories import make_studio, make_update
from tests.promotions.conftest import make_user
from tests.promotions.helpers import update_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def studio():
    return make_studio("春晖班主任工作室")


@pytest.fixture
def editor(client, studio):
    user = make_user("editor_chunhui")
    add_editor(studio, user)
    client.force_login(user)
    return user


def edit_form_tag(html):
    return re.search(r'<form\s+id="page-edit-form".*?>', html, re.S).group(0)


def add_url(studio):
    return reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", studio.pk])


def test_the_new_page_form_does_not_autosave(client, studio, editor):
    """Its first autosave would create the page: opening 新建 and typing a title left a stray draft."""
    form = edit_form_tag(client.get(add_url(studio)).content.decode())
    assert "w-autosave" not in form
    assert "data-w-autosave-interval-value" not in form

    page = make_update(studio, "已保存的草稿", publish=False)
    form = edit_form_tag(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode())
    assert "w-autosave" in form  # once the page exists, its editor autosaves


def test_the_same_title_twice_gets_a_numbered_address(client, studio, editor):
    for _ in range(3):
        response = client.post(add_url(studio), update_form("班会观摩：守时从我做起", "班会观摩守时从我做起"))
        assert response.status_code == 302
    slugs = sorted(StudioUpdatePage.objects.child_of(studio).values_list("slug", flat=True))
    base = pinyin_slug("班会观摩守时从我做起")  # a Chinese address becomes pinyin (core.slugs)
    assert slugs == [base, f"{base}-2", f"{base}-3"]


def test_a_draft_renamed_to_a_siblings_title_gets_a_numbered_address(client, studio, editor):
    make_update(studio, "家长开放日", slug="open-day", publish=False)
    draft = make_update(studio, "草稿", slug="draft", publish=False)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), update_form("家长开放日", "open-day"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.slug == "open-day-2"


def test_a_published_pages_address_clash_is_reported_in_chinese(client, studio, editor):
    make_update(studio, "家长开放日", slug="open-day")
    published = make_update(studio, "读书交流会", slug="reading")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[published.pk]), update_form("读书交流会", "open-day")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "网址别名“open-day”已被同一上级页面下的其他页面使用" in html
    assert "already in use" not in html
    published.refresh_from_db()
    assert published.slug == "reading"


def test_the_page_type_chooser_explains_each_type_in_one_line(client, studio, editor):
    from cases.models import CasePage
    from resources.models import HandbookPage, ResourcePage

    html = client.get(reverse("wagtailadmin_pages:add_subpage", args=[studio.pk])).content.decode()
    for model in (StudioUpdatePage, CasePage, ResourcePage, HandbookPage):
        assert str(model.get_verbose_name()) in html
        assert str(model.page_description) in html


def test_the_studio_form_offers_work_carriers_as_checkboxes(client, studio, editor):
    """Not the JSON list the model stores (the form showed ``["teaching-research", …]``)."""
    from core.choices import WorkCarrier
    from studios.models import StudioPage

    studio.work_carriers = [WorkCarrier.SEMINAR, "家长夜校"]
    studio.save_revision().publish()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[studio.pk])).content.decode()
    boxes = dict(re.findall(r'<input type="checkbox" name="work_carriers" value="([^"]+)"([^>]*)>', html))
    assert set(boxes) == {*WorkCarrier.values, "家长夜校"}
    assert "checked" in boxes[WorkCarrier.SEMINAR] and "checked" in boxes["家长夜校"]
    assert "checked" not in boxes[WorkCarrier.LECTURE]
    assert '["' not in html.split('name="work_carriers"')[0][-400:]

    form_class = StudioPage.get_edit_handler().get_form_class()
    field = form_class(instance=studio, for_user=editor).fields["work_carriers"]
    assert field.clean([WorkCarrier.LECTURE, WorkCarrier.READING]) == [WorkCarrier.LECTURE, WorkCarrier.READING]
