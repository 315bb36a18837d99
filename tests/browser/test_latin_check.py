"""The English detector the admin journeys use (support.latin_strings), without a browser."""

from .support import latin_strings


def test_english_ui_strings_are_caught_even_beside_chinese():
    found = ["Saved", "20 Pages", "1-13 of 13 页面", "Search all pages…", "New: 推介", "Autosave is paused"]
    assert latin_strings(found) == found


def test_brand_and_format_names_file_names_and_addresses_are_allowed():
    allowed = [
        "网址与SEO",
        "支持的格式：AVIF, GIF, JPG, JPEG, PNG, WEBP。最大文件大小：10.0 MB。",
        "banhui.png",
        "https://bzr.example.cn/studios/qianxing/",
        "editor@example.cn",
        "Wagtail 8.0.1",
        "Word 版",
    ]
    assert latin_strings(allowed) == []
