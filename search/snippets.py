"""Snippets and highlighting from the ORIGINAL text.

The matched words are found in the normalised text (NFKC + lowercase, the
analyser's view) and mapped back to the original characters, so a full-width
``ＰＰＴ`` is highlighted for the query ``ppt`` and nothing is added between
Chinese words. Everything but the ``<mark>`` tags is HTML-escaped.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import normalize

WIDTH = 120
LEAD = 30


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    norm = normalize(text)
    if len(norm) == len(text):
        return norm, list(range(len(text)))
    pieces, mapping = [], []
    for i, ch in enumerate(text):
        n = normalize(ch)
        pieces.append(n)
        mapping.extend([i] * len(n))
    return "".join(pieces), mapping


def _pattern(tokens):
    parts = []
    for token in sorted(set(tokens), key=len, reverse=True):
        if token.isascii():
            parts.append(rf"(?<![a-z0-9]){re.escape(token)}(?![a-z0-9])")
        else:
            parts.append(re.escape(token))
    return re.compile("|".join(parts)) if parts else None


def find_matches(text: str, tokens) -> list[tuple[int, int, str]]:
    """(start, end, token) spans in the ORIGINAL text."""
    pattern = _pattern(tokens)
    if not text or pattern is None:
        return []
    norm, mapping = _normalised_with_map(text)
    spans = []
    for match in pattern.finditer(norm):
        start, end = mapping[match.start()], mapping[match.end() - 1] + 1
        if spans and spans[-1][1] == start:  # adjacent words: one mark (心理老师, not 心理|老师)
            spans[-1] = (spans[-1][0], end, spans[-1][2] + match.group())
        else:
            spans.append((start, end, match.group()))
    return spans


def _render(text, spans, start, end) -> str:
    out, pos = [], start
    for s, e, _token in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, tokens) -> SafeString:
    """The whole text, escaped, with every match in ``<mark>``."""
    text = text or ""
    return mark_safe(_render(text, find_matches(text, tokens), 0, len(text)))  # noqa: S308 - escaped above


def snippet(text: str, tokens, width: int = WIDTH) -> SafeString | None:
    """~``width`` characters around the densest group of matches, or None without a match."""
    text = " ".join((text or "").split())
    spans = find_matches(text, tokens)
    if not spans:
        return None
    best, best_score = 0, -1
    for i, (s, _e, _t) in enumerate(spans):
        window = [t for (s2, e2, t) in spans[i:] if e2 <= s + width - LEAD]
        score = len(set(window)) * 1000 + len(window)
        if score > best_score:
            best, best_score = i, score
    start = max(0, spans[best][0] - LEAD)
    end = min(len(text), start + width)
    if end - start < width:
        start = max(0, end - width)
    body = _render(text, spans, start, end)
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))  # noqa: S308


def make_snippet(document, tokens, width: int = WIDTH) -> SafeString:
    """Body match first, then summary; else the start of the summary/body, escaped."""
    for text in (document.body, document.summary):
        found = snippet(text, tokens, width)
        if found:
            return found
    text = " ".join((document.summary or document.body or "").split())
    return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))  # noqa: S308
