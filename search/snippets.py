"""Snippets and highlighting from the ORIGINAL text.

The matched words are found in the normalised text (NFKC + lowercase, the
analyser's view) and mapped back to the original characters, so a full-width
``ＰＰＴ`` is highlighted for the query ``ppt`` and nothing is added between
Chinese words. Everything but the ``<mark>`` tags is HTML-escaped.
"""

from __future__ import annotations

import functools
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
    return _compiled(frozenset(tokens))


@functools.lru_cache(maxsize=256)
def _compiled(tokens: frozenset):
    parts = []
    # A single Chinese character is not a word a reader looks for: never marked.
    tokens = [t for t in set(tokens) if t and not (len(t) == 1 and not t.isascii())]
    for token in sorted(tokens, key=len, reverse=True):
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


#: Where sentences end (a snippet is the best sentence, cut around its match when long).
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;…\n])")


def snippet(text: str, tokens, width: int = WIDTH) -> SafeString | None:
    """The sentence with the most distinct matches (then the most matches), about ``width``
    characters around them; None without a match."""
    text = (text or "").strip()
    best = None
    offset = 0
    for sentence in _SENTENCE_END.split(text):
        spans = find_matches(sentence, tokens)
        if spans:
            score = (len({t for _s, _e, t in spans}), len(spans))
            if best is None or score > best[0]:
                best = (score, offset, sentence, spans)
        offset += len(sentence)
    if best is None:
        return None
    _score, start_at, sentence, spans = best
    sentence = " ".join(sentence.split())
    spans = find_matches(sentence, tokens)
    start, end = 0, len(sentence)
    if end > width:  # a long sentence: the window around its first matches
        start = max(0, spans[0][0] - LEAD)
        end = min(len(sentence), start + width)
        start = max(0, end - width)
    body = _render(sentence, spans, start, end)
    before = start_at > 0 or start > 0
    after = start_at + len(sentence) < len(text) or end < len(sentence)
    return mark_safe(("…" if before else "") + body + ("…" if after else ""))  # noqa: S308 - escaped in _render


def make_snippet(document, tokens, width: int = WIDTH) -> SafeString:
    """The summary when it holds a match (it is what the author chose to say), else the best
    sentence of the body, else the start of the summary or body, escaped."""
    summary = " ".join((document.summary or "").split())
    if summary and find_matches(summary, tokens):
        cut = summary[:width]
        return mark_safe(_render(cut, find_matches(cut, tokens), 0, len(cut)) + ("…" if len(summary) > width else ""))  # noqa: S308 - escaped in _render
    found = snippet(document.body, tokens, width)
    if found:
        return found
    text = " ".join((document.summary or document.body or "").split())
    return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))  # noqa: S308
