"""The platform's drawn marks, made in code: one per case category and per construction
direction (24 × 24 SVG paths, stroked), and each studio's cover artwork built from its
directions and name. Decorative everywhere (``aria-hidden``): the label is always written
beside them."""

from __future__ import annotations

import functools
import hashlib

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .choices import CaseCategory, Direction
from .slugs import short_studio_name

CATEGORY_ICONS = {
    # A flag on its pole: the class's own banner and rules.
    CaseCategory.CLASS_CULTURE: "M5 21V4 M5 4h11l-2 4 2 4H5",
    # Two hands holding a heart: support that lasts.
    CaseCategory.KEY_STUDENT_SUPPORT: (
        "M12 10.5c-1.6-2.6-5-1.6-5 .9 0 2 2.6 3.6 5 5.6 2.4-2 5-3.6 5-5.6 0-2.5-3.4-3.5-5-.9z M3 14l4 6h10l4-6"
    ),
    # A student with a rising star: one student's change.
    CaseCategory.TYPICAL_STUDENT: "M12 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M6 21v-2a6 6 0 0 1 12 0v2 M19 4l.9 1.8 2 .3-1.4 1.4.3 2-1.8-.9",
    # A home and a speech bubble: school and family talking.
    CaseCategory.FAMILY_COMMUNICATION: "M3 11l6-5 6 5 M5 10v9h8v-9 M15 4h6v5h-3l-2 2V9h-1z",
    # A shield with an exclamation mark: handling the unexpected.
    CaseCategory.EMERGENCY: "M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z M12 8v5 M12 16v.5",
}

DIRECTION_ICONS = {
    # A torch: leading by ideals.
    Direction.IDEOLOGY: "M12 3c2.2 2.4 3.2 4.2 3.2 6a3.2 3.2 0 0 1-6.4 0c0-1.8 1-3.6 3.2-6z M8.5 13.5h7 M10 13.5l1 7.5h2l1-7.5",
    # Two linked rings: family and school together.
    Direction.FAMILY_SCHOOL: "M2.5 12a5 5 0 1 0 10 0 5 5 0 1 0-10 0z M11.5 12a5 5 0 1 0 10 0 5 5 0 1 0-10 0z",
    # A heart with a steady pulse.
    Direction.MENTAL_HEALTH: (
        "M12 20s-7.5-4.4-7.5-10.2A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.5C19.5 15.6 12 20 12 20z M7.5 12h2.5l1-2 2 4 1-2h2.5"
    ),
    # An open book.
    Direction.STUDY: "M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3z M21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z",
    # A signpost: choosing a way.
    Direction.CAREER: "M12 3v18 M12 5h7l2 2.5-2 2.5h-7 M12 12H5l-2 2.5L5 17h7 M9 21h6",
    # A light bulb: an idea made real.
    Direction.INNOVATION: (
        "M9 18h6 M10 21h4 M12 3a6 6 0 0 0-4 10.5c.8.8 1 1.6 1 2.5h6c0-.9.2-1.7 1-2.5A6 6 0 0 0 12 3z M12 7v4"
    ),
    # A screen sending a signal: education online.
    Direction.ONLINE_IDEOLOGY: "M3 4h18v12H3z M8 20h8 M12 16v4 M8.5 10.5a5 5 0 0 1 7 0 M10.5 12.8a2 2 0 0 1 3 0",
    # A clipboard with a tick: the class run well.
    Direction.CLASS_MANAGEMENT: "M9 3h6v3H9z M7 4.5H5V21h14V4.5h-2 M8.5 13l2.5 2.5 4.5-5",
    # A hall with columns: culture that is built.
    Direction.CULTURE: "M3 9l9-5 9 5 M5 9v9 M9.5 9v9 M14.5 9v9 M19 9v9 M3 20.5h18",
}

#: One colour per direction (the studio covers): deep, official tones that carry white marks.
DIRECTION_COLOURS = {
    Direction.IDEOLOGY: "#9b1c1c",
    Direction.FAMILY_SCHOOL: "#9a4a0b",
    Direction.MENTAL_HEALTH: "#0f6660",
    Direction.STUDY: "#1e4b8f",
    Direction.CAREER: "#5a3591",
    Direction.INNOVATION: "#8a5a00",
    Direction.ONLINE_IDEOLOGY: "#0b5c82",
    Direction.CLASS_MANAGEMENT: "#1d6b3a",
    Direction.CULTURE: "#7d1d3f",
}
DEFAULT_COLOUR = "#07415f"


def icon(path: str | None, css_class: str = "icon") -> SafeString:
    """An inline, decorative SVG of a 24 × 24 stroked path ('' without a path); the stylesheet
    sizes it to the text (``.icon``)."""
    if not path:
        return mark_safe("")  # noqa: S308 - a constant empty string
    return format_html('<svg class="{}" viewBox="0 0 24 24" aria-hidden="true"><path d="{}"/></svg>', css_class, path)


def direction_icon(code) -> SafeString:
    return icon(DIRECTION_ICONS.get(code))


def category_icon(code) -> SafeString:
    return icon(CATEGORY_ICONS.get(code))


def seal_text(title: str) -> str:
    """The studio's name without its ending (…班主任工作室), at most four characters, for the seal."""
    return short_studio_name(title)[:4]


def _seal(text: str) -> str:
    """A square seal (印章) at (18, 22), 76 px: four characters read as a seal does, right
    column first, top to bottom; fewer in one column. Colours and type come from the CSS."""
    parts = [
        '<rect class="s" x="18" y="22" width="76" height="76" rx="6"/><rect class="f" x="23" y="27" width="66" height="66" rx="3"/>'
    ]
    if len(text) == 4:
        spots = [(74, 50), (74, 82), (38, 50), (38, 82)]
        size = 27
    else:
        size = {1: 46, 2: 29, 3: 19}.get(len(text), 19)
        step = size + 2
        top = 60 - step * (len(text) - 1) / 2 + size * 0.36
        spots = [(56, top + step * i) for i in range(len(text))]
    for char, (x, y) in zip(text, spots, strict=False):
        parts.append(format_html('<text x="{}" y="{}" font-size="{}">{}</text>', x, round(y, 1), size, char))
    return "".join(parts)


@functools.lru_cache(maxsize=1024)
def _studio_cover(title: str, codes: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"{title}|{'/'.join(codes)}".encode()).digest()
    colour = DIRECTION_COLOURS.get(codes[0], DEFAULT_COLOUR) if codes else DEFAULT_COLOUR
    # Ripples from a point the name chooses: the same studio always gets the same picture.
    cx, cy = 150 + digest[0] % 120, digest[1] % 120
    rings = format_html_join(
        "", '<circle cx="{}" cy="{}" r="{}"/>', ((cx, cy, 18 + 22 * i + digest[2] % 9) for i in range(8))
    )
    # The directions' marks, large and faint, from the right edge inwards.
    marks = format_html_join(
        "",
        '<path transform="translate({} {}) scale({})" d="{}"/>',
        (
            (262 - 62 * i, 20 + (digest[3 + i] % 3) * 8, 2.2 if i == 0 else 1.6, DIRECTION_ICONS[code])
            for i, code in enumerate(code for code in codes if code in DIRECTION_ICONS)
            if i < 3
        ),
    )
    # The look (lines, seal, type) is in the stylesheet (.studio-cover): only what differs is here.
    return format_html(
        '<svg class="studio-cover" viewBox="0 0 320 120" preserveAspectRatio="xMinYMid slice" '
        'aria-hidden="true" focusable="false"><rect width="320" height="120" fill="{colour}"/>'
        '<g class="r">{rings}</g><g class="m">{marks}</g>'
        '<path class="l" d="M0 109.5h320M0 114.5h320M0 119.5h320"/><g fill="{colour}" stroke="{colour}">{seal}</g></svg>',
        colour=colour,
        rings=rings,
        marks=marks,
        seal=mark_safe(_seal(seal_text(title))),  # noqa: S308 - built with format_html above
    )


def studio_cover(title: str, codes) -> SafeString:
    """The studio's cover: its first direction's colour, ripples placed by its name, the marks
    of its directions, and its name in a seal. The same studio always gets the same picture."""
    return mark_safe(_studio_cover(title, tuple(codes)))  # noqa: S308 - built with format_html
