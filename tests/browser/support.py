"""Helpers shared by the browser tests (importable without Playwright installed)."""

import io
import re

try:
    from playwright.sync_api import expect
except ImportError:  # conftest skips (or, under CI, fails) every browser test then
    expect = None


VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
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
