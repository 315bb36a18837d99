"""API v2: public content only, with the documented fields."""

from wagtail.models import PageViewRestriction

from outreach.api import PAGE_API_FIELDS
from tests.factories import make_image, make_studio, make_update
from tests.outreach.builders import make_case


def documented(label):
    return {field.name for field in PAGE_API_FIELDS[label]}


def test_pages_endpoint_lists_only_live_public_pages(client, site_tree):
    public = make_studio("公开的工作室", slug="pub")
    draft = make_studio("草稿工作室", slug="drf", publish=False)
    private = make_studio("内部工作室", slug="prv")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    make_update(public, "公开的动态")
    make_update(public, "草稿动态", publish=False)
    data = client.get("/api/v2/pages/?limit=50").json()
    titles = {item["title"] for item in data["items"]}
    assert {"公开的工作室", "公开的动态"} <= titles
    assert not titles & {"草稿工作室", "内部工作室", "草稿动态"}
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_studio_detail_has_documented_fields(client, site_tree):
    studio = make_studio("星火班主任工作室", slug="xh", host_title="高级讲师", member_count=6)
    data = client.get(f"/api/v2/pages/{studio.pk}/").json()
    assert documented("studios.StudioPage") <= set(data)
    assert data["province_label"] == "贵州省"
    assert data["directions"] == [{"code": "class-management", "label": "班级管理"}]
    assert [m["name"] for m in data["members"]] == [f"成员{i}" for i in range(6)]
    assert data["meta"]["html_url"] == studio.get_full_url()


def test_case_listing_by_type_with_fields(client, site_tree):
    studio = make_studio("明灯工作室", slug="md")
    make_case(studio, "住校新生不吃早饭的背后")
    make_case(studio, "草稿案例", publish=False)
    data = client.get("/api/v2/pages/?type=cases.CasePage&fields=category_label,summary,studio,body_text").json()
    assert [item["title"] for item in data["items"]] == ["住校新生不吃早饭的背后"]
    item = data["items"][0]
    assert item["category_label"] == "重点学生帮扶"
    assert item["studio"]["title"] == "明灯工作室"
    assert "联系家长" in item["body_text"]
    detail = client.get(item["meta"]["detail_url"].split("testserver", 1)[-1]).json()
    assert documented("cases.CasePage") <= set(detail)


def test_images_only_those_used_by_public_pages(client, site_tree):
    shown = make_image("公开封面")
    hidden = make_image("草稿封面")
    unused = make_image("未使用的图片")
    studio = make_studio(slug="img")
    make_update(studio, "公开动态", cover=shown)
    make_update(studio, "草稿动态", cover=hidden, publish=False)
    titles = {item["title"] for item in client.get("/api/v2/images/").json()["items"]}
    assert "公开封面" in titles
    assert not titles & {"草稿封面", "未使用的图片"}
    assert client.get(f"/api/v2/images/{unused.pk}/").status_code == 404


def test_openapi_describes_search_and_v2(client, site_tree):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/search/", "/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/images/", "/api/v2/documents/"} <= set(
        spec["paths"]
    )
    params = {p["name"] for p in spec["paths"]["/api/search/"]["get"]["parameters"]}
    assert params == {
        "q",
        "type",
        "category",
        "direction",
        "province",
        "school_type",
        "year",
        "promotion",
        "page",
        "page_size",
        "exact",
    }
    studio_schema = spec["components"]["schemas"]["StudioPage"]["properties"]
    assert documented("studios.StudioPage") <= set(studio_schema)


HUGE = "9" * 20  # more than a bigint holds


def test_numbers_too_big_for_the_database_are_a_400_or_a_404(client, site_tree):
    case = make_case(make_studio(), "住校新生不吃早饭的背后")
    assert client.get(f"/cases/{case.pk}/pdf/").status_code == 200
    for url in (
        f"/api/v2/pages/?offset={HUGE}",
        f"/api/v2/pages/?order=id&offset={HUGE}",
        f"/api/v2/images/?offset={HUGE}",
        f"/api/v2/documents/?offset={HUGE}",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "offset" in response.json()["message"]
    for url in (f"/cases/{HUGE}/pdf/", f"/share/{HUGE}/qr.png", f"/resources/download/{HUGE}/"):
        assert client.get(url).status_code == 404, url
