"""平台信息 (core.SiteIdentity): the platform's name, 主办/承办单位, 备案号 and contact, edited by an
administrator in the admin and shown in the header, the titles and the government-style footer."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from core.models import SiteIdentity
from home.structure import ensure_demo_identity
from promotions.accounts import add_editor
from tests.factories import make_studio

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def identity(site_tree):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.name = "全国班主任工作室成果展示平台"
    identity.organizer = "某省教育厅"
    identity.operator = "某职业技术学院"
    identity.icp_number = "黔ICP备12345678号-2"
    identity.police_number = "贵公网安备52010202003456号"
    identity.contact_email = "bzr@example.cn"
    identity.save()
    return identity


def test_the_footer_and_titles_are_built_from_the_setting(client, identity):
    html = client.get("/cases/").content.decode()
    assert "<title>典型案例 · 全国班主任工作室成果展示平台</title>" in html
    assert '<span class="site-logo__name">全国班主任工作室成果展示平台</span>' in html
    assert "主办单位：某省教育厅" in html and "承办单位：某职业技术学院" in html
    assert (
        '<a href="https://beian.miit.gov.cn/" rel="noopener noreferrer" target="_blank">黔ICP备12345678号-2</a>' in html
    )
    assert "webSearch?code=52010202003456" in html  # the 公安备案 query link takes the digits
    assert 'href="mailto:bzr@example.cn"' in html
    assert 'property="og:site_name" content="全国班主任工作室成果展示平台"' in html


def test_empty_lines_are_left_out_of_the_footer(client, site_tree):
    html = client.get("/").content.decode()
    assert "主办单位" not in html and "ICP" not in html and "联系我们" not in html
    assert "© " in html and "班主任工作室成果平台" in html  # the default name


def test_the_demo_fills_the_footer_and_a_statement_page(client, site_tree):
    identity = ensure_demo_identity()
    assert identity.organizer and identity.icp_number and identity.statement_page.live
    statement_url = identity.statement_page.url
    html = client.get("/").content.decode()
    assert f'<a href="{statement_url}">网站声明</a>' in html
    statement = client.get(statement_url).content.decode()
    assert "版权说明" in statement and "联系方式" in statement
    # Run again (load_demo is idempotent), an administrator's own values stay.
    identity.organizer = "某市教育局"
    identity.save()
    assert ensure_demo_identity().organizer == "某市教育局"


def test_only_an_administrator_may_change_it(client, site_tree):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/core/siteidentity/{site.pk}/"
    editor = get_user_model().objects.create_user("studio_editor", password="x-pass-123")
    add_editor(make_studio("春晖班主任工作室"), editor)
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"name": "被改掉的名称"}).status_code in (302, 403)
    assert SiteIdentity.for_site(site).name == "班主任工作室成果平台"

    admin = get_user_model().objects.create_superuser("boss", "boss@example.cn", "x-pass-123")
    client.force_login(admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "新的平台名称", "tagline": "", "organizer": "某省教育厅"})
    assert response.status_code == 302
    assert SiteIdentity.for_site(site).name == "新的平台名称"
    assert "新的平台名称" in client.get("/").content.decode()


def test_no_template_writes_out_the_platform_name():
    templates = [
        path
        for path in ROOT.rglob("templates/**/*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]
    assert len(templates) > 30
    offenders = [str(path.relative_to(ROOT)) for path in templates if "班主任工作室成果平台" in path.read_text()]
    assert not offenders, offenders
