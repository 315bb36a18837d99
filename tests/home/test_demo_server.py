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
