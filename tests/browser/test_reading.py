"""Reading on a phone: the text of every content page starts on the first screen.

Most readers open a case or an update from a WeChat link on a phone (375 × 812 CSS px). The
title, one meta line and then the body; the details, the share bar and the QR code follow the
text, and the QR code (for carrying a desktop page to a phone) is not shown on a phone at all.
"""

import pytest

from .support import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

READING_PAGES = ["case", "update", "resource", "chapter", "notice"]
FIRST_LINE = 30  # CSS px: the first line of the paragraph, not just its top edge, is on screen

FIRST_PARAGRAPH_JS = """
() => {
  const p = [...document.querySelectorAll("[data-reading-body] p")].find((el) => el.textContent.trim());
  if (!p) return null;
  const box = p.getBoundingClientRect();
  return {top: box.top + window.scrollY, text: p.textContent.trim().slice(0, 30)};
}
"""


def open_at(browser, live_site, viewport, path):
    context = browser.new_context(base_url=live_site.base_url, locale="zh-CN", **VIEWPORTS[viewport])
    page = context.new_page()
    response = page.goto(path)
    assert response.status == 200, path
    page.wait_for_load_state("load")
    return context, page


@pytest.mark.parametrize("page_type", READING_PAGES)
def test_first_body_paragraph_is_on_the_first_phone_screen(browser, live_site, page_urls, page_type, viewport, shot):
    context, page = open_at(browser, live_site, viewport, page_urls[page_type])
    try:
        screen_height = VIEWPORTS[viewport]["viewport"]["height"]
        first = page.evaluate(FIRST_PARAGRAPH_JS)
        assert first, f"{page_urls[page_type]} has no body paragraph marked data-reading-body"
        assert first["top"] + FIRST_LINE <= screen_height, (
            f"{page_type}: the first paragraph（{first['text']}…）starts at {first['top']:.0f} px, "
            f"below the first {screen_height} px screen"
        )
        shot(page, "reading", page_type)

        # The details and the share bar come after the text, never before it.
        order = page.evaluate(
            """() => {
              const body = document.querySelector("[data-reading-body]");
              const after = (sel) => [...document.querySelectorAll(sel)].every(
                (el) => body.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
              return {details: after(".reading__details"), share: after(".share-bar"), qr: after(".share-qr")};
            }"""
        )
        assert order == {"details": True, "share": True, "qr": True}, order

        # One labelled QR code, and only where the reader is not already on a phone.
        qr = page.locator(".share-qr")
        assert qr.count() == 1
        if viewport == "phone":
            assert not qr.is_visible(), "the page's QR code is shown to a reader already on the phone"
        else:
            assert qr.is_visible()
            assert "扫一扫" in qr.inner_text()
    finally:
        context.close()


NO_LINE_START = "，。、；：！？）》〉」』】〕”’…％"

LINE_STARTS_JS = """
(marks) => {
  const bad = [];
  const body = document.querySelector("[data-reading-body]");
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let lastTop = null, lastBlock = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const block = node.parentElement.closest("p, li, h2, h3, h4, blockquote, td");
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !rect.width) continue;
      if (block === lastBlock && lastTop !== null && rect.top > lastTop + 2 && marks.includes(node.data[i])) {
        bad.push(node.data.slice(Math.max(0, i - 6), i + 4));
      }
      lastTop = rect.top;
      lastBlock = block;
    }
  }
  return bad;
}
"""


def test_printed_case_is_the_text_without_screen_furniture(browser, live_site, page_urls, viewport, shot):
    context, page = open_at(browser, live_site, viewport, page_urls["case"])
    try:
        page.emulate_media(media="print")
        for selector in (
            ".site-header",
            ".site-footer",
            ".share-bar",
            ".share-qr",
            ".reading__aside",
            "nav.breadcrumbs",
        ):
            assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
        assert page.locator("h1").is_visible()
        # The meta line prints as written: no link addresses appended over the studio's name.
        after = page.evaluate(
            """() => [...document.querySelectorAll(".meta-line a")].map(
                 (a) => getComputedStyle(a, "::after").content)"""
        )
        assert after and all(content in ("none", "normal", "") for content in after), after
        # Chinese line-breaking: no printed line starts with closing punctuation.
        assert page.evaluate(LINE_STARTS_JS, NO_LINE_START) == []
        shot(page, "reading", "case-print")
    finally:
        context.close()


SHARED_PAGES = ["case", "update", "resource", "chapter", "notice", "studio", "handbook"]


@pytest.mark.parametrize("page_type", SHARED_PAGES)
def test_share_opens_one_sheet_with_the_link_the_wechat_hint_and_the_labelled_qr(
    browser, live_site, page_urls, page_type, viewport, shot
):
    context, page = open_at(browser, live_site, viewport, page_urls[page_type])
    try:
        sheet = page.locator("#share")
        assert sheet.count() == 1 and page.locator(".share-qr").count() == 1
        if viewport == "phone":
            assert not sheet.is_visible(), "the share sheet is open before 分享 is tapped"
        page.locator(".share-bar a", has_text="分享").click()
        assert sheet.is_visible()
        box = sheet.bounding_box()
        assert box["y"] >= -1 and box["y"] + box["height"] <= VIEWPORTS[viewport]["viewport"]["height"] + 1
        assert "点击右上角" in sheet.inner_text()
        address = page.locator("#share-url").input_value()
        assert address == page.evaluate("location.origin + location.pathname")
        qr = sheet.locator(".share-qr")
        assert qr.is_visible() and "扫一扫" in qr.inner_text()
        assert qr.locator("img").get_attribute("alt") == f"本页二维码：{address}"
        shot(page, "share", page_type)
        if viewport == "phone":
            sheet.get_by_role("link", name="关闭").click()
            assert not sheet.is_visible()
    finally:
        context.close()
