"""The Wagtail admin's page search finds Chinese titles by any word."""

import pytest
from django.contrib.auth import get_user_model

from .builders import make_case

pytestmark = pytest.mark.usefixtures("admin_search_index")


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.cn", "pw-for-tests-only")
    client.force_login(user)
    return client


def test_admin_page_search_finds_words_inside_chinese_titles(admin_client, db):
    from tests.factories import make_studio

    studio = make_studio("阳光班主任工作室")
    make_case(studio, "学生心理健康教育案例", summary="摘要")
    make_case(studio, "家校协同育人的三次家访", summary="摘要", publish=False)  # drafts are found in the admin
    for q, expected, absent in [
        ("心理", "学生心理健康教育案例", "家校协同育人的三次家访"),
        ("协同", "家校协同育人的三次家访", "学生心理健康教育案例"),
        ("家访 育人", "家校协同育人的三次家访", "学生心理健康教育案例"),
    ]:
        response = admin_client.get("/admin/pages/search/", {"q": q})
        html = response.content.decode()
        assert response.status_code == 200
        assert expected in html, q
        assert absent not in html, q
