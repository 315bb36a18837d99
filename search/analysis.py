"""The one Chinese analyser, used identically at index time and at query time.

Steps, for any text:

1. **Normalise**: NFKC (full-width ``ＰＰＴ５Ｇ`` becomes ``PPT5G``, full-width
   punctuation becomes ASCII), lowercase, control characters dropped.
2. **Split** on everything that is not a word character (punctuation, spaces,
   symbols), so punctuation never reaches the segmenter and never becomes a token.
3. **Segment** each run with jieba in precise mode, with the domain dictionary
   (``search/data/userdict.txt``, the labels of every vocabulary in
   ``core/choices.py`` and every synonym) loaded once per process. Latin letters
   and digits stay together (``5g``, ``ppt``, ``ai``), ``PPT课件`` gives ``ppt`` +
   ``课件``.
4. **Search-engine mode**: every Chinese word of three or more characters also
   emits each of its sub-words that the dictionary knows (of any length, not only
   jieba's 2/3-grams), *at the same position*: ``家校协同育人`` gives
   ``家校协同`` (+ ``家校``, ``协同``) then ``育人``. So a two-character query
   (``心理``, ``家校``, ``协同``) matches inside a compound, while a query is cut in
   precise mode (longest words) and therefore always looks for a token the index
   emitted for the same text.
5. **Stop characters** (的, 了, 和 …) are dropped on both sides.

The thesaurus (``search/data/thesaurus.txt``: groups of equivalent words with broader
terms) is applied at **query time only** (``search/query.py``). Every word of it is added
to the dictionary, so it is always a single token on both sides.

A word the dictionary does not know (a name: ``王敏名班主任工作室`` cuts ``王敏名``) also
emits its two-character pieces at its position, so a query for ``王敏`` finds it.

Segmenter: rjieba (``SEARCH_SEGMENTER=jieba`` selects the pure-Python jieba, with identical
cuts on the domain samples); the measurement behind the choice is in ``docs/performance.md``.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from core import choices

DATA_DIR = Path(__file__).resolve().parent / "data"
USERDICT_PATH = DATA_DIR / "userdict.txt"
THESAURUS_PATH = DATA_DIR / "thesaurus.txt"
QUERY_STOPWORDS_PATH = DATA_DIR / "query_stopwords.txt"
GENERIC_WORDS_PATH = DATA_DIR / "generic_words.txt"

#: The default segmenter: about six times faster than jieba (docs/performance.md).
SEGMENTER = "rjieba"

#: Bump when the analysis code changes what it emits (the data files are fingerprinted).
ANALYSER_VERSION = "6"

STOP_WORDS = frozenset(
    [
        "的",
        "地",
        "得",
        "了",
        "着",
        "过",
        "和",
        "与",
        "及",
        "或",
        "而",
        "且",
        "是",
        "在",
        "也",
        "就",
        "都",
        "之",
        "其",
        "把",
        "被",
        "对",
        "为",
        "以",
        "于",
        "等",
        "这",
        "那",
        "个",
        "吗",
        "呢",
        "吧",
        "啊",
        "哦",
        "呀",
    ]
)

_WORD_RUN = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ALL_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


#: The full-width characters of ordinary Chinese prose and their NFKC forms: replacing
#: these first leaves most texts already in NFKC, so the (slow, ~0.5 µs a character)
#: full normalisation runs only for texts that still need it.
_COMMON_FULL_WIDTH = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "\u3000": " "}


def normalize(text: str) -> str:
    """NFKC + lowercase, control characters replaced by spaces.

    Same result as ``unicodedata.normalize("NFKC", text)`` (then the rest), about 15×
    faster on Chinese prose (``tests/search/test_analysis.py`` checks the equivalence).
    """
    text = text or ""
    for full, half in _COMMON_FULL_WIDTH.items():
        if full in text:
            text = text.replace(full, half)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    return text.lower()


def _domain_words():
    """Words of the domain dictionary: the data file, the vocabularies, the synonyms."""
    words = {}
    for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            parts = line.split()
            words[normalize(parts[0])] = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 2000

    for vocabulary in (
        choices.Direction,
        choices.CaseCategory,
        choices.SchoolType,
        choices.ConstructionModel,
        choices.WorkCarrier,
        choices.PromotionLevel,
        choices.StudioLevel,
        choices.ResourceType,
        choices.HandbookTopic,
        choices.Province,
    ):
        for _value, label in vocabulary.choices:
            for run in _WORD_RUN.findall(normalize(str(label))):
                if len(run) >= 2 and _CJK.search(run):
                    words.setdefault(run, 2000)
    for group in load_thesaurus():
        for word in (*group.words, *group.broader):
            if _CJK.search(word):
                words.setdefault(word, 2000)
    return words


@dataclass(frozen=True)
class ThesaurusGroup:
    """One line of the thesaurus: equivalent words (the preferred one first) and broader terms."""

    words: tuple[str, ...]
    broader: tuple[str, ...] = ()


def _data_lines(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


@functools.lru_cache(maxsize=1)
def load_thesaurus() -> tuple[ThesaurusGroup, ...]:
    groups = []
    for line in _data_lines(THESAURUS_PATH):
        equivalents, _, broader = line.partition(">")
        words = tuple(dict.fromkeys(normalize(w) for w in equivalents.split()))
        if words:
            groups.append(ThesaurusGroup(words, tuple(dict.fromkeys(normalize(w) for w in broader.split()))))
    return tuple(groups)


@functools.cache
def word_list(path: Path) -> frozenset[str]:
    """The words of a data file (space- or line-separated, ``#`` comments)."""
    return frozenset(normalize(w) for line in _data_lines(path) for w in line.split())


def fingerprint() -> str:
    """A digest of everything index-time analysis depends on: when it changes, the documents
    must be analysed again (``search/apps.py`` rebuilds the index after ``migrate``)."""
    import hashlib

    digest = hashlib.sha1(ANALYSER_VERSION.encode(), usedforsecurity=False)
    for path in (USERDICT_PATH, THESAURUS_PATH):
        digest.update(path.read_bytes())

    for vocabulary in (choices.Direction, choices.CaseCategory, choices.ResourceType, choices.Province):
        digest.update(repr(vocabulary.choices).encode())
    return digest.hexdigest()[:16]


class _Segmenter:
    """A segmenter with the domain dictionary loaded: ``cut`` (precise) and ``has_word``."""

    def __init__(self, kind: str):
        self.kind = kind
        words = _domain_words()
        if kind == "jieba":
            import jieba

            jieba.setLogLevel(60)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word, freq in words.items():
                tokenizer.add_word(word, freq)
            self._cut = lambda text: tokenizer.lcut(text, HMM=True)
            freq = tokenizer.FREQ
            self.has_word = lambda word: freq.get(word, 0) > 0
            from jieba import posseg

            tagger = posseg.POSTokenizer(tokenizer)
            self.tag = lambda word: [(w, flag) for w, flag in tagger.lcut(word)]
        else:
            import rjieba

            tokenizer = rjieba.Jieba()
            for word, freq in words.items():
                tokenizer.add_word(word, freq, None)
            self._cut = lambda text: tokenizer.cut(text, True)
            self.has_word = tokenizer.has_word
            self.tag = lambda word: tokenizer.tag(word, True)

    def cut(self, text: str) -> list[str]:
        return self._cut(text)


_lock = threading.Lock()
_segmenters: dict[str, _Segmenter] = {}


def segmenter(kind: str | None = None) -> _Segmenter:
    """The process-wide segmenter, built on first use (dictionary loading is paid once)."""
    if kind is None:
        from django.conf import settings

        kind = getattr(settings, "SEARCH_SEGMENTER", SEGMENTER)
    seg = _segmenters.get(kind)
    if seg is None:
        with _lock:
            seg = _segmenters.get(kind)
            if seg is None:
                seg = _segmenters[kind] = _Segmenter(kind)
    return seg


@functools.lru_cache(maxsize=200_000)
def _with_subwords(word: str, kind: str) -> tuple[str, ...]:
    """``word`` followed by the dictionary words inside it (search-engine mode)."""
    if len(word) < 3 or not _CJK.search(word):
        return (word,)
    has_word = _segmenters[kind].has_word
    parts = [word]
    for size in range(len(word) - 1, 1, -1):
        for start in range(len(word) - size + 1):
            sub = word[start : start + size]
            if sub not in parts and sub not in STOP_WORDS and has_word(sub):
                parts.append(sub)
    if not has_word(word) and _ALL_CJK.fullmatch(word):
        # A word the segmenter made up (a name glued to the next character): its pieces too.
        parts.extend(bigram for i in range(len(word) - 1) if (bigram := word[i : i + 2]) not in parts)
    return tuple(parts)


def _precise_words(text: str, seg: _Segmenter):
    # One segmenter call over the whole normalised text is several times faster
    # than one call per punctuation-free run; punctuation and spaces come back as
    # their own tokens and are dropped here (``isalnum`` is true for CJK, Latin, digits).
    for word in seg.cut(normalize(text)):
        if word.isalnum():
            if word not in STOP_WORDS:
                yield word
        else:
            for part in _WORD_RUN.findall(word):
                if part not in STOP_WORDS:
                    yield part


class _ExpansionCache(dict):
    """word (as the segmenter returned it) → its index positions, computed once per word.

    Text is large and a vocabulary small, so after a few documents every lookup is a
    dictionary hit done in C (``map(cache.__getitem__, words)``): this is what makes
    index-time analysis run at the segmenter's own speed.
    """

    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def __missing__(self, word: str) -> tuple[tuple[str, ...], ...]:
        kind = self.kind
        if word.isalnum():
            found = () if word in STOP_WORDS else (_with_subwords(word, kind),)
        else:  # punctuation inside (e.g. "5g/ai"): one position per part
            found = tuple(
                (t,) for part in _WORD_RUN.findall(word) if part not in STOP_WORDS for t in _with_subwords(part, kind)
            )
        if len(self) > 500_000:
            self.clear()
        self[word] = found
        return found


class _JoinedCache(dict):
    """word → its index tokens joined by spaces ("" for none): ``index_text``'s lookup."""

    def __init__(self, expansions: _ExpansionCache):
        super().__init__()
        self.expansions = expansions

    def __missing__(self, word: str) -> str:
        found = " ".join(" ".join(group) for group in self.expansions[word])
        if len(self) > 500_000:
            self.clear()
        self[word] = found
        return found


_expansions: dict[str, _ExpansionCache] = {}
_joined: dict[str, _JoinedCache] = {}


def _expansion_cache(kind: str) -> _ExpansionCache:
    cache = _expansions.get(kind)
    if cache is None:
        cache = _expansions[kind] = _ExpansionCache(kind)
    return cache


#: Longest word a join of two adjacent words may form (the dictionary's compounds are short).
MAX_JOIN = 8


class _JoinCache(dict):
    """(word, next word) → the dictionary words that span the boundary between them, as
    one space-separated string ("" for none; for most pairs).

    The segmenter cuts by context: ``家校协同育人`` gives ``家校协同`` + ``育人``, so the
    word ``协同育人`` exists only across the boundary. Emitting it here (with the second
    word) means a query for ``协同育人`` is a single-token lookup, on every engine, instead
    of a phrase query over two very common words. Only two adjacent Chinese words join:
    never across punctuation, a space or a stop word (those are words of their own here).
    """

    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def __missing__(self, pair: tuple[str, str]) -> str:
        left, right = pair
        found = ""
        if (
            left.isalnum()
            and right.isalnum()
            and left not in STOP_WORDS
            and right not in STOP_WORDS
            and _CJK.match(left[-1])
            and _CJK.match(right[0])
        ):
            has_word = _segmenters[self.kind].has_word
            joins = []
            for start in range(max(0, len(left) - MAX_JOIN + 1), len(left)):
                suffix = left[start:]
                for end in range(1, min(len(right), MAX_JOIN - len(suffix)) + 1):
                    word = suffix + right[:end]
                    if len(word) >= 3 and word not in STOP_WORDS and has_word(word):
                        joins.append(word)
            found = " ".join(dict.fromkeys(joins))
        if len(self) > 500_000:
            self.clear()
        self[pair] = found
        return found


_joins: dict[str, _JoinCache] = {}


def _join_cache(kind: str) -> _JoinCache:
    cache = _joins.get(kind)
    if cache is None:
        cache = _joins[kind] = _JoinCache(kind)
    return cache


def analyse(text: str) -> list[tuple[str, ...]]:
    """Index-time analysis: one tuple per position, the word first, then its sub-words
    (and the dictionary words spanning the boundary with the previous word)."""
    seg = segmenter()
    cache = _expansion_cache(seg.kind)
    words = seg.cut(normalize(text))
    if not words:
        return []
    joins = ["", *map(_join_cache(seg.kind).__getitem__, itertools.pairwise(words))]
    positions = []
    for groups, extra in zip(map(cache.__getitem__, words), joins, strict=True):
        if extra:  # only after an alphanumeric word: a single group
            groups = ((*groups[0], *extra.split()),)
        positions.extend(groups)
    return positions


def index_text(text: str) -> str:
    """The analysed text as space-separated tokens (what FTS5 stores): the same tokens as
    ``analyse``, in the same order. Every step is a ``map`` over cached dictionaries."""
    seg = segmenter()
    joined = _joined.get(seg.kind)
    if joined is None:
        joined = _joined[seg.kind] = _JoinedCache(_expansion_cache(seg.kind))
    words = seg.cut(normalize(text))
    parts = [""] * (2 * len(words))
    parts[0::2] = map(joined.__getitem__, words)
    parts[3::2] = map(_join_cache(seg.kind).__getitem__, itertools.pairwise(words))
    return " ".join(filter(None, parts))


def query_words(text: str) -> list[str]:
    """Query-time analysis: the precise-mode words, without sub-words."""
    return list(_precise_words(text, segmenter()))


@functools.lru_cache(maxsize=20_000)
def finer_phrase(word: str) -> str | None:
    """A long query word as a phrase of smaller dictionary words (``协同育人`` → ``协同 育人``).

    The index holds a compound's sub-words only *inside* it: in ``家校协同育人`` the
    segmenter keeps ``家校协同`` + ``育人``, so the token ``协同育人`` is absent while
    the adjacent tokens ``协同``, ``育人`` are there. The query therefore accepts the
    word itself OR this phrase. Fewest pieces wins; single characters only as a last resort.
    """
    if len(word) < 3 or not _CJK.search(word) or not word.isalnum():
        return None
    has_word = segmenter().has_word
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(end):
            piece = word[start:end]
            if best[start] is None or len(piece) == n:
                continue
            if len(piece) == 1 or has_word(piece):
                cost = len(best[start]) + 1 + (len(piece) == 1)
                current = best[end]
                if current is None or cost < len(current) + sum(len(p) == 1 for p in current):
                    best[end] = [*best[start], piece]
    pieces = [p for p in (best[n] or []) if p not in STOP_WORDS]
    if len(pieces) < 2 or sum(len(p) == 1 for p in pieces) > 1:
        return None
    return " ".join(pieces)


def subwords(word: str) -> tuple[str, ...]:
    """The pieces of ``word`` the index emits at its position (dictionary words inside it;
    for an unknown word, also its two-character pieces)."""
    seg = segmenter()
    return _with_subwords(word, seg.kind)[1:]


def has_word(word: str) -> bool:
    """Whether the dictionary (jieba's, plus the domain's) knows ``word``."""
    return segmenter().has_word(word)


@functools.lru_cache(maxsize=20_000)
def part_of_speech(word: str) -> str:
    """The dictionary's part-of-speech tag of a word (``v`` verb, ``n`` noun …), or ""."""
    tagged = segmenter().tag(word)
    return tagged[0][1] if len(tagged) == 1 else ""


# Rank features ------------------------------------------------------------------------
#: Body words counted in a document's rank features: those it uses at least this often,
#: the most frequent first, at most ``SALIENT_MAX`` of them.
SALIENT_MIN = 2
SALIENT_MAX = 64


#: Marks, in the index, the tokens a document uses prominently (``salient_tokens``): a symbol,
#: which analysis never leaves in a token, so no query word matches a marked token by accident.
SALIENT_MARK = "§"


def salient_tokens(title, head, context, body_counts) -> list[str]:
    """What a document uses prominently, as marked index tokens (``§班委``): every token of its
    title, of its summary and keywords (``head``) and of its context fields, and its most frequent
    body tokens (those of ``rank_features``). A partial match of a keyword query needs one of the
    query's informative words among them (``search/relevance.py``): a word in passing is not
    enough. Arguments as for ``rank_features``."""
    frequent = (t for _n, t in _frequent(body_counts))
    return [SALIENT_MARK + t for t in dict.fromkeys(itertools.chain(title, head, context, frequent))]


def document_features(title: str, summary: str, context: str, body: str) -> tuple[str, list[str]]:
    """(``rank_features``, ``salient_tokens``) of a document's fields analysed by ``index_text``."""
    fields = (title.split(), summary.split(), context.split(), Counter(body.split()))
    return rank_features(*fields), salient_tokens(*fields)


def _frequent(body_counts) -> list[tuple[int, str]]:
    """(occurrences, token) of the body tokens used at least ``SALIENT_MIN`` times, the most
    frequent first, at most ``SALIENT_MAX``."""
    return sorted(((n, t) for t, n in body_counts.items() if n >= SALIENT_MIN), reverse=True)[:SALIENT_MAX]


def rank_features(title, head, context, body_counts) -> str:
    """What the shared ranker (``search/relevance.py``) knows of a document, as one string
    that every engine stores beside its index: the tokens of the title, of the summary and
    keywords (``head``), of the context fields, and the body tokens used ``SALIENT_MIN`` or
    more times with their counts. ``title``/``head``/``context`` are iterables of tokens,
    ``body_counts`` a mapping token → occurrences."""
    salient = _frequent(body_counts)
    return "\t".join(
        [
            " ".join(dict.fromkeys(title)),
            " ".join(dict.fromkeys(head)),
            " ".join(dict.fromkeys(context)),
            " ".join(f"{t}:{n}" for n, t in salient),
        ]
    )
