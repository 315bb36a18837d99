"""Short, stable page addresses: a Chinese title becomes a pinyin slug.

A Chinese slug is percent-escaped in WeChat and in QR codes (one character is nine bytes of
address), so every page of the site gets an ASCII slug: Wagtail's own ``slugify`` keeps
Chinese, and ``pypinyin`` (already used by search) turns the title into syllables.
"""

from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 40


def pinyin_slug(text, max_length=MAX_LENGTH):
    """``"一段厨房里的视频"`` → ``"yi-duan-chu-fang-li-de-shi-pin"`` (cut at a syllable, at most
    ``max_length`` characters); Latin letters and digits are kept; ``""`` when nothing is left."""
    words = [slugify(word) for word in lazy_pinyin(text or "", errors="default")]
    slug = ""
    for word in filter(None, "-".join(words).split("-")):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or slugify(text or "")[:max_length]


def needs_pinyin(slug):
    return not slug or not slug.isascii()
