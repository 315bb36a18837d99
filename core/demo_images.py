"""Demo images drawn with Pillow (nothing is downloaded), for every app's ``demo.load``.

- :func:`banner`: a gradient banner with geometric shapes and a Chinese caption;
- :func:`portrait`: a head-and-shoulders placeholder with the person's surname;
- :func:`qr_like`: a deterministic QR-code-like square (a placeholder, not scannable);
- :func:`wagtail_image`: store a Pillow image as a Wagtail image, once per title.

Captions use a CJK font when one is installed (fonts-noto-cjk on Debian,
``apt-get install fonts-noto-cjk``); without one, images are shapes only.
"""

import functools
import hashlib
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Calm, accessible colour pairs (start, end) for gradients.
PALETTES = [
    ((22, 93, 140), (53, 162, 159)),
    ((150, 48, 48), (222, 128, 72)),
    ((40, 96, 64), (140, 180, 90)),
    ((70, 60, 140), (150, 110, 200)),
    ((170, 110, 30), (230, 180, 80)),
    ((30, 60, 110), (90, 140, 200)),
    ((120, 40, 80), (200, 90, 120)),
    ((20, 110, 110), (120, 190, 170)),
]

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
]


@functools.cache
def cjk_font_path():
    """Path of an installed CJK font, or ``None``."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return None


@functools.cache
def font(size):
    path = cjk_font_path()
    if path is None:
        return None
    # NotoSansCJK .ttc: face 2 is Simplified Chinese (SC); other fonts have one face.
    index = 2 if "NotoS" in path else 0
    try:
        return ImageFont.truetype(path, size, index=index)
    except OSError:
        return ImageFont.truetype(path, size)


def rng_for(*keys):
    """A random generator seeded by ``keys`` (same keys → same image)."""
    digest = hashlib.sha256("|".join(str(key) for key in keys).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 - drawing, not security


def palette_for(*keys):
    return PALETTES[rng_for("palette", *keys).randrange(len(PALETTES))]


def gradient(size, start, end, *, diagonal=True):
    """A smooth two-colour gradient (drawn small and resized: fast)."""
    tile = Image.new("RGB", (2, 2))
    tile.putdata([start, start if not diagonal else _mix(start, end), _mix(start, end) if diagonal else end, end])
    return tile.resize(size, Image.Resampling.BILINEAR)


def _mix(a, b, t=0.5):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _wrap(draw, text, face, width):
    """Break ``text`` into lines that fit ``width`` pixels (CJK text wraps per character)."""
    lines, line = [], ""
    for char in text:
        if char == "\n" or draw.textlength(line + char, font=face) > width:
            lines.append(line)
            line = "" if char == "\n" else char
        else:
            line += char
    if line:
        lines.append(line)
    return lines


def banner(caption="", *, seed=None, size=(960, 540), subtitle=""):
    """A gradient banner with translucent circles and stripes, and the caption if a CJK font exists."""
    seed = seed if seed is not None else caption
    rng = rng_for("banner", seed)
    start, end = palette_for(seed)
    width, height = size
    image = gradient(size, start, end)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(4, 8)):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(-radius, width), rng.randint(-radius, height)
        alpha = rng.randint(25, 60)
        draw.ellipse((x, y, x + 2 * radius, y + 2 * radius), fill=(255, 255, 255, alpha))
    for i in range(rng.randint(3, 6)):
        offset = rng.randint(0, width)
        draw.polygon(
            [(offset, height), (offset + 60 + i * 8, height), (offset + 260, 0), (offset + 200 - i * 8, 0)],
            fill=(255, 255, 255, rng.randint(12, 30)),
        )
    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    draw = ImageDraw.Draw(image)

    title_face = font(max(28, height // 11))
    if caption and title_face is not None:
        margin = width // 14
        lines = _wrap(draw, caption, title_face, width - 2 * margin)[:3]
        line_height = int(title_face.size * 1.35)
        sub_face = font(max(18, height // 24))
        block = line_height * len(lines) + (int(sub_face.size * 1.8) if subtitle else 0)
        y = height - margin - block
        shade = Image.new("RGBA", size, (0, 0, 0, 0))
        ImageDraw.Draw(shade).rectangle((0, y - margin // 2, width, height), fill=(0, 0, 0, 70))
        image = Image.alpha_composite(image, shade)
        draw = ImageDraw.Draw(image)
        draw.rectangle((margin - 24, y - 12, margin - 16, y + line_height * len(lines) - 16), fill=(255, 255, 255, 230))
        for line in lines:
            draw.text((margin + 2, y + 2), line, font=title_face, fill=(0, 0, 0, 90))
            draw.text((margin, y), line, font=title_face, fill=(255, 255, 255, 255))
            y += line_height
        if subtitle:
            draw.text((margin, y + 6), subtitle, font=sub_face, fill=(255, 255, 255, 220))
    return image.convert("RGB")


def portrait(name="", *, seed=None, size=(480, 600)):
    """A neutral head-and-shoulders silhouette with the surname in a badge (no real person)."""
    seed = seed if seed is not None else name
    start, end = palette_for("portrait", seed)
    width, height = size
    image = gradient(size, _mix(start, (255, 255, 255), 0.55), _mix(end, (255, 255, 255), 0.35), diagonal=False)
    draw = ImageDraw.Draw(image)
    figure = _mix(start, (40, 40, 50), 0.5)
    head = width // 5
    cx, cy = width // 2, int(height * 0.40)
    draw.ellipse((cx - head, cy - head, cx + head, cy + head), fill=figure)
    draw.ellipse((cx - int(width * 0.42), int(height * 0.66), cx + int(width * 0.42), int(height * 1.25)), fill=figure)
    face = font(width // 7)
    if name and face is not None:
        badge = width // 6
        bx, by = width - badge - 24, 24
        draw.ellipse((bx - badge, by, bx + badge, by + 2 * badge), fill=(255, 255, 255))
        draw.text((bx, by + badge), name[0], font=face, fill=figure, anchor="mm")
    return image


def qr_like(text, *, modules=29, scale=5, border=3):
    """A deterministic square of black modules with three finder patterns, like a QR code.

    It is a placeholder for a WeChat account's QR image and does not scan. At 175 px it is no
    larger than the studio page shows it (max-200x200), so its rendition stays two-tone and
    small (about 1 KB, where a scaled-down 350 px one is 14 KB of grey edges).
    """
    rng = rng_for("qr", text)
    grid = [[rng.random() < 0.5 for _ in range(modules)] for _ in range(modules)]

    def finder(row, col):
        for r in range(-1, 8):
            for c in range(-1, 8):
                rr, cc = row + r, col + c
                if 0 <= rr < modules and 0 <= cc < modules:
                    ring = max(abs(r - 3), abs(c - 3))
                    grid[rr][cc] = ring in (0, 1, 3) and 0 <= r < 7 and 0 <= c < 7

    finder(0, 0)
    finder(0, modules - 7)
    finder(modules - 7, 0)
    side = (modules + 2 * border) * scale
    image = Image.new("RGB", (side, side), "white")
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(grid):
        for c, dark in enumerate(row):
            if dark:
                x, y = (c + border) * scale, (r + border) * scale
                draw.rectangle((x, y, x + scale - 1, y + scale - 1), fill=(20, 20, 20))
    return image


def to_file(image, name, *, quality=82):
    """A Pillow image as a Django ``ImageFile`` (JPEG for photos, PNG for the QR-like images)."""
    from django.core.files.images import ImageFile

    buffer = io.BytesIO()
    if name.lower().endswith(".png"):
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "JPEG", quality=quality, optimize=True)
    buffer.seek(0)
    return ImageFile(buffer, name=name)


def wagtail_image(title, make, *, filename, collection=None):
    """Return the Wagtail image called ``title``, creating it from ``make()`` the first time.

    ``make`` is called only when the image does not exist yet, so loaders stay
    idempotent and fast on a second run.
    """
    from wagtail.images import get_image_model

    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing
    fields = {"title": title, "file": to_file(make(), filename)}
    if collection is not None:
        fields["collection"] = collection
    return image_model.objects.create(**fields)
