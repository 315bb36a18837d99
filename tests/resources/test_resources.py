import copy
import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.choices import Direction, ResourceType
from resources.models import DocumentDownload, ResourcePage
from tests.factories import make_studio, site_tree
from tests.fixtures.shared import built_once

from .factories import make_document, make_resource

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def download_count(document):
    stat = DocumentDownload.objects.filter(document=document).first()
    return stat.count if stat else 0


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture(scope="module")
def shared_studio(django_db_setup, django_db_blocker):
    """The studio most tests put their resources in, built once for the module
    (tests/fixtures/shared.py); the resources, documents and accounts a test makes are undone by
    its own savepoint (the documents' files stay in MEDIA_ROOT, as before)."""
    with built_once(django_db_blocker):
        site_tree()
        yield make_studio("启航班主任工作室")


@pytest.fixture
def studio(db, shared_studio):
    return copy.deepcopy(shared_studio)


# Downloads -----------------------------------------------------------------
def test_download_serves_the_file_and_counts_each_client_once_a_day(client, studio):
    document = make_document("班级公约范本", "banji-gongyue.pdf", PDF_BYTES)
    resource = make_resource(studio, "班级公约范本", documents=[document])
    url = f"/resources/download/{document.pk}/"

    response = client.get(url)
    assert response.status_code == 200
    assert body_of(response) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert download_count(document) == 1

    for _ in range(5):  # the same visitor again and again
        assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    assert download_count(document) == 1
    client.get(url, REMOTE_ADDR="10.20.30.40")
    client.get(url, REMOTE_ADDR="10.20.30.41")
    assert download_count(document) == 3

    # The next day, a visitor counts again (and the day before is forgotten).
    from resources.models import DocumentDownloadVisit

    DocumentDownloadVisit.objects.update(day=datetime.date(2000, 1, 1))
    client.get(url)
    assert download_count(document) == 4
    assert DocumentDownloadVisit.objects.count() == 1
    assert "127.0.0.1" not in DocumentDownloadVisit.objects.get().client  # a keyed hash, not the address

    page_html = client.get(resource.url).content.decode()
    assert f'href="{url}"' in page_html
    assert ">4</td>" in page_html.split("download-count", 1)[1][:40]


def test_wagtail_document_url_still_works(client, studio):
    document = make_document("原始链接", "yuanshi.pdf", PDF_BYTES)
    make_resource(studio, documents=[document])
    response = client.get(document.url)
    assert response.status_code == 200
    assert body_of(response) == PDF_BYTES


def test_unpublished_resource_files_are_neither_served_nor_counted(client, studio):
    document = make_document("草稿附件", "draft.pdf", PDF_BYTES)
    make_resource(studio, "草稿资源", documents=[document], publish=False)
    response = client.get(f"/resources/download/{document.pk}/")
    assert response.status_code == 404
    assert download_count(document) == 0


def test_document_outside_the_library_is_not_served(client, studio):
    document = make_document("无关文件", "other.pdf", PDF_BYTES)
    assert client.get(f"/resources/download/{document.pk}/").status_code == 404
    assert client.get("/resources/download/999999/").status_code == 404
    assert download_count(document) == 0


def test_private_resource_sends_visitor_to_the_login_and_does_not_count(client, studio, django_user_model):
    document = make_document("内部资料", "internal.pdf", PDF_BYTES)
    resource = make_resource(studio, "内部资料", documents=[document])
    PageViewRestriction.objects.create(page=resource, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"/resources/download/{document.pk}/")
    assert response.status_code == 302
    assert download_count(document) == 0

    # Signed in, the visitor passes the page restriction; whether the file is then
    # served is Wagtail's (and the site's document hooks') decision: counted only if served.
    user = django_user_model.objects.create_user("teacher", password="x")
    client.force_login(user)
    response = client.get(f"/resources/download/{document.pk}/")
    assert response.status_code in (200, 404)
    served = response.status_code == 200 and body_of(response) == PDF_BYTES
    assert download_count(document) == (1 if served else 0)


def test_private_collection_rules_still_apply(client, studio):
    root = Collection.get_first_root_node()
    private = root.add_child(name="仅限成员")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="工作室成员"))
    document = make_document("成员资料", "members.pdf", PDF_BYTES, collection=private)
    make_resource(studio, "成员资料", documents=[document])
    response = client.get(f"/resources/download/{document.pk}/")
    assert response.status_code != 200 or body_of(response) != PDF_BYTES
    assert download_count(document) == 0


# Resource page -------------------------------------------------------------
def test_resource_page_shows_format_and_size(client, studio):
    word = make_document("活动方案", "huodong.docx", b"x" * 3000)
    sheet = make_document("统计表", "tongji.xlsx", b"y" * 200)
    resource = make_resource(studio, "主题班会方案", documents=[word, sheet], resource_type=ResourceType.CLASS_ACTIVITY)
    html = client.get(resource.url).content.decode()
    assert ">Word</td>" in html and "2.9 KB" in html
    assert ">Excel</td>" in html and "200 B" in html
    assert "班级活动" in html and studio.title in html


def test_video_resource_without_files(client, studio):
    resource = make_resource(studio, "微课视频", resource_type=ResourceType.VIDEO, video_url="https://example.com/v/1")
    html = client.get(resource.url).content.decode()
    assert "https://example.com/v/1" in html and "附件下载" not in html


# Validation ----------------------------------------------------------------
def test_resource_needs_a_file_or_a_video(studio):
    resource = make_resource(studio, "有附件的资源")
    resource.files = []
    resource.video_url = ""
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "请至少上传一个附件或填写视频链接。" in str(error.value)
    resource.video_url = "https://example.com/video"
    resource.full_clean()


def test_resource_needs_one_to_three_directions(studio):
    resource = make_resource(studio)
    resource.directions = []
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "建设方向应选择 1-3 个" in str(error.value)


def test_studio_follows_the_parent_page(studio, site_tree):
    resource = make_resource(studio)
    assert resource.studio_id == studio.pk
    other = make_studio("新工作室")
    resource.move(other, pos="last-child")
    assert ResourcePage.objects.get(pk=resource.pk).studio_id == other.pk


# Library listing -----------------------------------------------------------
@pytest.fixture(scope="class")
def shared_library(django_db_setup, django_db_blocker):
    """Two studios and their resources, built once for ``TestLibrary`` (tests/fixtures/shared.py);
    class-scoped, so they are gone again for the tests after it, which count every resource."""
    with built_once(django_db_blocker):
        yield build_library()


@pytest.fixture
def library(db, shared_library):
    return copy.deepcopy(shared_library)


def build_library():
    site_tree()
    first = make_studio("甲工作室")
    second = make_studio("乙工作室")
    specs = [
        (first, ResourceType.CLASS_PLAN, (Direction.CLASS_MANAGEMENT,)),
        (first, ResourceType.CLASS_PLAN, (Direction.CLASS_MANAGEMENT, Direction.CULTURE)),
        (first, ResourceType.COURSEWARE, (Direction.MENTAL_HEALTH,)),
        (second, ResourceType.COURSEWARE, (Direction.CULTURE, Direction.CAREER, Direction.STUDY)),
        (second, ResourceType.VIDEO, (Direction.CAREER,)),
    ]
    for studio, resource_type, codes in specs:
        make_resource(studio, resource_type=resource_type, direction_codes=codes)
    make_resource(second, "未发布资源", resource_type=ResourceType.VIDEO, publish=False)
    return first, second


def facet(response, name):
    return {o.value: o.count for o in next(g for g in response.context["facets"] if g.name == name).options}


class TestLibrary:
    """The tests of the six resources of ``library``, which only read them: built once for the
    class. The query-count test after it counts every resource and builds its own."""

    def test_facet_counts_equal_database_counts(self, client, library):
        live = ResourcePage.objects.live()
        response = client.get("/resources/")
        assert response.context["result_count"] == live.count()
        for value, count in facet(response, "type").items():
            assert count == live.filter(resource_type=value).count()
        for value, count in facet(response, "direction").items():
            assert count == live.filter(directions__code=value).distinct().count()
        for value, count in facet(response, "studio").items():
            assert count == live.filter(studio_id=int(value)).count()

    def test_facet_counts_follow_the_other_filters(self, client, library):
        first, _second = library
        live = ResourcePage.objects.live()
        response = client.get("/resources/", {"type": ResourceType.COURSEWARE})
        assert response.context["result_count"] == live.filter(resource_type=ResourceType.COURSEWARE).count()
        for value, count in facet(response, "direction").items():
            assert (
                count == live.filter(resource_type=ResourceType.COURSEWARE, directions__code=value).distinct().count()
            )
        # The type facet itself still counts every type.
        for value, count in facet(response, "type").items():
            assert count == live.filter(resource_type=value).count()

        response = client.get("/resources/", {"studio": first.pk, "direction": Direction.CULTURE})
        expected = live.filter(studio=first, directions__code=Direction.CULTURE).distinct()
        assert {r.pk for r in response.context["page_obj"].object_list} == {r.pk for r in expected}
        html = response.content.decode()
        assert first.title in html

    @pytest.mark.parametrize(
        "params",
        [
            {"type": "不存在"},
            {"direction": "nope"},
            {"studio": "abc"},
            {"studio": "-3"},
            {"studio": "99999999999999999999"},
            {"page": "zzz"},
            {"page": "9999"},
            {"type": "<script>"},
        ],
    )
    def test_bad_filter_values_are_ignored(self, client, library, params):
        response = client.get("/resources/", params)
        assert response.status_code == 200
        if "studio" in params and params["studio"].isdigit():
            return
        assert response.context["result_count"] == ResourcePage.objects.live().count()


def test_query_count_does_not_grow_with_the_number_of_resources(client, studio, site_tree):
    other = make_studio("第二工作室")

    def add(n):
        for i in range(n):
            document = make_document(f"附件{i}", f"file-{i}.docx", b"docx")
            make_resource(
                studio if i % 2 else other,
                resource_type=ResourceType.values[i % len(ResourceType.values)],
                direction_codes=(Direction.values[i % 9], Direction.values[(i + 1) % 9]),
                documents=[document, make_document("表格", f"t-{i}.xlsx", b"xlsx")],
            )
            client.get(f"/resources/download/{document.pk}/")

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/resources/")
        assert response.status_code == 200
        return len(queries)

    add(2)
    few = count_queries()
    add(8)
    many = count_queries()
    assert ResourcePage.objects.live().count() == 10
    assert many == few


def test_studio_resources_include_lists_the_studio_resources(studio, site_tree):
    mine = make_resource(studio, "本室的资源")
    make_resource(make_studio("别的工作室"), "别人的资源")
    html = Template('{% include "resources/includes/studio_resources.html" %}').render(Context({"studio": studio}))
    assert mine.title in html and "别人的资源" not in html


def test_studio_page_lists_its_resources_and_handbooks(client, studio, site_tree):
    from .factories import make_handbook

    resource = make_resource(studio, "班级值日制度", resource_type=ResourceType.CLASS_RULES)
    handbook = make_handbook(studio, "班级管理手册")
    make_resource(make_studio("别的工作室"), "别人的资源")
    html = client.get(studio.url).content.decode()
    assert f'href="{resource.url}"' in html and f'href="{handbook.url}"' in html
    assert "别人的资源" not in html


# Admin ---------------------------------------------------------------------
def _admin_post(client, studio, documents=(), video_url="", direction_codes=(Direction.CLASS_MANAGEMENT,)):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from core.models import Direction as DirectionRow

    data = nested_form_data(
        {
            "title": "后台新建资源",
            "slug": "admin-resource",
            "resource_type": ResourceType.CLASS_RULES,
            "description": "通过后台表单新建的资源。",
            "video_url": video_url,
            "files": inline_formset([{"document": d.pk, "title": d.title} for d in documents]),
        }
    )
    # A multiple-choice field is a repeated key (nested_form_data would number a list).
    data["directions"] = [row.pk for row in DirectionRow.objects.filter(code__in=direction_codes)]
    return client.post(f"/admin/pages/add/resources/resourcepage/{studio.pk}/", data)


def test_admin_refuses_a_resource_without_file_or_video(client, studio, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.com", "x"))
    response = _admin_post(client, studio)
    assert response.status_code == 200
    assert "请至少上传一个附件或填写视频链接。" in response.content.decode()
    assert "directions" not in response.context["form"].errors
    assert not ResourcePage.objects.filter(slug="admin-resource").exists()

    response = _admin_post(client, studio, direction_codes=tuple(Direction.values[:4]), video_url="https://e.com/v")
    assert "建设方向应选择 1-3 个，当前为 4 个。" in str(response.context["form"].errors), response.context[
        "form"
    ].errors
    assert not ResourcePage.objects.filter(slug="admin-resource").exists()

    document = make_document("后台附件", "houtai.pdf", PDF_BYTES)
    response = _admin_post(client, studio, documents=[document])
    assert response.status_code == 302
    resource = ResourcePage.objects.get(slug="admin-resource")
    assert resource.studio_id == studio.pk
    assert [f.document_id for f in resource.files.all()] == [document.pk]


def test_admin_lists_download_counts(client, studio, django_user_model):
    document = make_document("统计附件", "tongji.pdf", PDF_BYTES)
    make_resource(studio, documents=[document])
    client.get(f"/resources/download/{document.pk}/")
    client.get(f"/resources/download/{document.pk}/", REMOTE_ADDR="10.20.30.40")
    client.force_login(django_user_model.objects.create_superuser("admin2", "a@example.com", "x"))
    response = client.get("/admin/snippets/resources/documentdownload/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "统计附件" in html and ">2<" in html.replace(" ", "").replace("\n", "")
