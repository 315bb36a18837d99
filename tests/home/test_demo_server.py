"""`make run` serves the site's own Chinese error pages, not Django's English debug pages."""

import importlib
from pathlib import Path

from django.test import override_settings
from django.urls import clear_url_caches, resolve

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_serves_the_demo_settings_with_debug_off(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    demo = importlib.reload(importlib.import_module("config.settings.demo"))
    assert demo.DEBUG is False
    assert demo.SERVE_MEDIA is True
    assert "config.settings.demo" in (ROOT / "scripts" / "run.sh").read_text()


def test_the_demo_serves_media_with_debug_off():
    import config.urls

    with override_settings(DEBUG=False, SERVE_MEDIA=True):
        clear_url_caches()
        urls = importlib.reload(config.urls)
        try:
            assert resolve("/media/images/x.png", urlconf=urls).func.__name__ == "serve"
        finally:
            clear_url_caches()
    importlib.reload(config.urls)


def test_a_missing_page_is_the_chinese_404(client, site_tree):
    response = client.get("/studios/没有这个工作室/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面未找到" in html and "返回首页" in html
    assert "Page not found" not in html and "URLconf" not in html


def test_the_500_page_is_chinese_and_reads_no_database(db, rf, django_assert_num_queries):
    from django.conf import settings

    from core.views import server_error

    with django_assert_num_queries(0):  # the database may be what failed
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错了" in html and f"<title>服务器出错了 · {settings.WAGTAIL_SITE_NAME}</title>" in html
    assert 'class="site-logo__mark"' in html  # the platform's mark, not a bare page
