"""Helpers shared by the browser tests (importable without Playwright installed)."""

import io
import re
from urllib.parse import quote

try:
    from playwright.sync_api import expect
except ImportError:  # conftest skips (or, under CI, fails) every browser test then
    expect = None


VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
}


# Page type → how to reach it: a fixed path, or (page type to start from, link to follow there).
PAGE_TYPES = {
    "home": "/",
    "studio-directory": "/studios/",
    "studio": ("studio-directory", "main .card__title a"),
    "update": ("studio", "#updates .timeline__title a"),
    "case-library": "/cases/",
    "case": ("case-library", "main .card__title a"),
    "handbook-index": "/handbooks/",
    "handbook": ("handbook-index", "main .card__title a"),
    "chapter": ("handbook", "section.toc .toc__chapters > li > a"),
    "resource-library": "/resources/",
    "resource": ("resource-library", "main .card__title a"),
    "update-listing": "/updates/",
    "notice-index": "/notices/",
    "notice": ("notice-index", "main .update-item__title a"),
    "search": "/search/?q=" + quote("家校"),
    "search-empty": "/search/",
    "promoted": "/promoted/",
    "stats": "/stats/",
    "not-found": "/studios/" + quote("没有这个工作室") + "/",
}


def numbers_in(text):
    return [int(n) for n in re.findall(r"\d+", text)]


def make_png(variant=0, width=960, height=600):
    """A picture of a classroom blackboard with a row of desks, as PNG bytes (Pillow).

    Each ``variant`` gives other bytes (Wagtail flags an upload that duplicates an image).
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (232, 226 - variant % 50, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 8, height // 10, width * 7 // 8, height // 2), fill=(34, 84, 61))
    draw.line((width // 6, height // 4, width // 2, height // 4), fill=(240, 240, 230), width=6)
    for i in range(5):
        left = width // 10 + i * width // 6
        draw.rectangle((left, height * 2 // 3, left + width // 9, height * 5 // 6), fill=(150, 100, 60))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


# --- The admin, as the platform's roles use it ---------------------------------------------

# What may stay Latin on a Chinese screen: brand and format names, file names, web and e-mail
# addresses. Anything else of two or more Latin letters fails.
ALLOWED_LATIN = re.compile(
    r"https?://\S+|\b[\w.-]+@[\w-]+(?:\.[\w-]+)+|\b[\w.-]+\.(?:png|jpe?g|gif|webp|avif|svg|pdf|docx?|xlsx?|pptx?|zip|txt)\b"
    r"|(?<![A-Za-z])(?:Wagtail|SEO|ICP|PDF|Word|Excel|PowerPoint|WPS|API|URL|RSS|QQ|AVIF|GIF|JPE?G|PNG|WEBP|SVG|[KMG]B)(?![A-Za-z])"
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

# Every text a sighted user can read: visible text nodes (not screen-reader-only ones), and the
# placeholders and tooltips (title) of visible elements.
VISIBLE_TEXTS_JS = """
() => {
  const shown = (el) => {
    if (!el || el.closest("script, style, template, noscript, [hidden], [aria-hidden='true']")) return false;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.replace(/\\s+/g, " ").trim();
    if (text && shown(node.parentElement)) texts.push(text);
  }
  for (const el of document.querySelectorAll("[placeholder], [title]")) {
    if (!shown(el)) continue;
    for (const name of ["placeholder", "title"]) {
      const value = (el.getAttribute(name) || "").trim();
      if (value) texts.push(value);
    }
  }
  return [...new Set(texts)];
}
"""


def latin_strings(texts):
    """The texts that still hold a Latin word once the allowed names and addresses are taken out."""
    return [text for text in texts if LATIN_WORD.search(ALLOWED_LATIN.sub(" ", text))]


def assert_chinese(page, where, errors_expected=False):
    """Fail on any visible UI text in Latin letters (outside ALLOWED_LATIN) and, unless the step
    is meant to be refused, on any error banner."""
    page.wait_for_load_state("load")
    latin = latin_strings(page.evaluate(VISIBLE_TEXTS_JS))
    assert not latin, f"{where}（{page.url}）有英文：{latin}"
    if not errors_expected:
        errors = page.locator(".messages .error, .messages .warning")
        assert errors.count() == 0, f"{where}（{page.url}）出现错误提示：{errors.all_inner_texts()}"


class Clicks:
    """Counts what a person clicks or taps (typing into a field is not counted)."""

    def __init__(self):
        self.count = 0

    def click(self, locator, **kwargs):
        self.count += 1
        locator.click(**kwargs)

    def choose_file(self, locator, files):
        """Picking a file is one tap on the file field (the browser's own dialog not counted)."""
        self.count += 1
        locator.set_input_files(files)


def admin_login(page, username, password):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/(#.*)?$"))
