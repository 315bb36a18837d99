"""What a visitor does on the demo site, in Chromium, on a desktop and a phone (the admin's roles:
test_admin_journeys.py)."""

import mimetypes
import re

import pytest

from .support import expect, numbers_in

# One worker runs them all under pytest-xdist (--dist loadgroup): one site, one demo load.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Office files are ZIP archives; PDFs say so in their first bytes.
MAGIC = {".pdf": b"%PDF", ".docx": b"PK", ".xlsx": b"PK", ".pptx": b"PK", ".zip": b"PK"}


def test_case_library_journey(page, shot):
    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    shot(page, "cases", "home")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="典型案例").click()
    expect(page).to_have_url(re.compile(r"/cases/$"))
    total = int(page.locator("[data-result-count]").inner_text())
    assert total > 0
    shot(page, "cases", "library")

    # On a phone the filters wait behind the sticky 筛选 button, which opens them as a sheet.
    open_filters = page.locator(".listing-bar__filter")
    if open_filters.is_visible():
        assert not page.locator("aside.filters").is_visible()
        open_filters.click()
        expect(page.locator("aside.filters")).to_be_visible()
    # The second value of the first facet group (the case category), with its count.
    facet = page.locator("aside.filters details").first.locator("li a").nth(1)
    label = facet.evaluate("a => a.firstChild.textContent.trim()")
    count = numbers_in(facet.locator(".facet-count").inner_text())[0]
    assert 0 < count < total
    facet.click()

    expect(page).to_have_url(re.compile(r"/cases/\?\w+=.*#results$"))
    expect(page.locator("[data-result-count]")).to_have_text(str(count))
    selected = page.locator("aside.filters a[aria-current='true']")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text(label)
    # The chosen filter is a chip above the results, and the results are on screen (the sheet closed).
    expect(page.locator(".active-filters .chip")).to_contain_text(label)
    assert page.locator(".results article.card").first.bounding_box()["y"] < page.viewport_size["height"]
    cards = page.locator(".results article.card")
    expect(cards.first).to_be_visible()
    for meta in cards.locator(".card__meta").all():
        expect(meta).to_contain_text(label)
    shot(page, "cases", "filtered")

    filtered_url = page.url.split("#")[0]
    title = cards.first.locator(".card__title a").inner_text()
    cards.first.locator(".card__title a").click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("main")).to_contain_text(label)
    shot(page, "cases", "case")

    # 返回案例库 brings back the filters the case was opened from, at the results.
    page.get_by_role("link", name="‹ 返回案例库").click()
    expect(page).to_have_url(filtered_url + "#results")
    expect(page.locator("[data-result-count]")).to_have_text(str(count))


def test_chinese_search_journey(page, shot):
    page.goto("/")
    search_box = page.get_by_role("search").first.get_by_role("searchbox")
    search_box.fill("家校")
    shot(page, "search", "typed")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%AE%B6%E6%A0%A1"))
    first_mark = page.locator("main mark").first
    expect(first_mark).to_be_visible()
    expect(first_mark).to_have_text("家校")
    shot(page, "search", "results")

    result = page.locator("main .card__title a").first
    title = result.inner_text()
    assert "家校" in title or "家校" in page.locator("main .card").first.inner_text()
    result.click()
    expect(page.locator("h1")).to_have_text(title)
    shot(page, "search", "result")


def test_handbook_table_of_contents_journey(page, shot):
    page.goto("/handbooks/")
    shot(page, "handbook", "index")
    page.locator("main .card__title a").first.click()
    toc = page.locator("section.toc")
    expect(toc).to_be_visible()
    shot(page, "handbook", "handbook")

    # A section deep in the first chapter: the link leads to the chapter, scrolled to it.
    section_link = toc.locator(".toc__chapters > li").first.locator(".toc__sections a").last
    section_title = section_link.inner_text()
    section_link.click()
    expect(page).to_have_url(re.compile(r"/#sec-[\w-]+$"))
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_have_text(section_title)
    expect(target).to_be_in_viewport()
    shot(page, "handbook", "chapter-section")

    # The chapter's own table of contents jumps within the page.
    page.evaluate("window.scrollTo(0, 0)")
    chapter_toc_link = page.locator("nav.toc--chapter a[href^='#']").nth(1)
    anchor = chapter_toc_link.get_attribute("href")[1:]
    chapter_toc_link.click()
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()
    shot(page, "handbook", "chapter-toc")


def test_resource_download_journey(page, shot, tmp_path):
    page.goto("/resources/")
    shot(page, "download", "library")
    page.locator("main .card__title a").first.click()
    files = page.locator(".resource-files")
    expect(files).to_be_visible()
    shot(page, "download", "resource")

    row = files.locator("tbody tr").first
    before = int(row.locator(".download-count").inner_text())
    link = row.get_by_role("link", name="下载")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None
    name = download.suggested_filename
    suffix = "." + name.rsplit(".", 1)[-1].lower()
    saved = tmp_path / name
    download.save_as(saved)
    data = saved.read_bytes()
    assert len(data) > 1000
    assert data.startswith(MAGIC.get(suffix, b"")), f"{name} does not look like a {suffix} file"

    def count():
        page.reload()
        return int(page.locator(".resource-files tbody tr").first.locator(".download-count").inner_text())

    # A visitor counts once a day (the other viewport's run is the same visitor).
    counted = count()
    assert counted in (before, before + 1)
    shot(page, "download", "counted")

    # The same link answers 200 with the file's own content type, and is not counted again.
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].split(";")[0] == mimetypes.guess_type(name)[0]
    assert f'filename="{name}"' in response.headers.get("content-disposition", "")
    assert count() == counted


def test_studio_update_journey(page, shot):
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="工作室").click()
    expect(page).to_have_url(re.compile(r"/studios/$"))
    shot(page, "studio", "directory")

    studio_link = page.locator("main .card__title a").first
    studio_title = studio_link.inner_text()
    studio_link.click()
    expect(page.locator("h1")).to_have_text(studio_title)
    shot(page, "studio", "studio")

    update_link = page.locator("#updates .timeline__title a").first
    update_link.scroll_into_view_if_needed()
    shot(page, "studio", "updates")
    update_title = update_link.inner_text()
    update_link.click()
    expect(page.locator("h1")).to_have_text(update_title)
    expect(page.locator("main")).to_contain_text(studio_title)
    for image in page.locator("main img").all()[:3]:
        image.scroll_into_view_if_needed()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image.get_attribute("src")
    shot(page, "studio", "update")
