"""What a visitor's query asks for: concepts with weighted alternatives, corrected input.

``understand(text, engine)`` turns any text into a ``Query``:

1. **Words**: the analyser's query words (``analysis.query_words``), chunk by chunk (a
   chunk is what the visitor separated with spaces or punctuation). Question phrases and
   pronouns (``search/data/query_stopwords.txt``: 怎么, 如何, 我是一名 …) are dropped, so a
   long question keeps its informative words.
2. **Input forms**: a Latin word that is pinyin of a dictionary word and is found nowhere
   in the index (``banhui``) becomes that word (班会); a run of Chinese words that is found
   nowhere as written but sounds like a dictionary word that is (心里健康 → 心理健康), or
   differs from one by a character, is corrected. Corrections are reported, so the page can
   say "以下是“心理健康”的结果" and offer the original.
3. **Concepts**: one per remaining word (a single character such as 型 or 群 joins the word
   beside it as a phrase), satisfied by any of its alternatives, each with a weight: the word
   itself (1.0) or its finer phrase for an unknown word (1.0), the term it makes with the word
   typed next to it (宿舍 矛盾 → 宿舍矛盾, 1.0), its thesaurus equivalents (0.8) and narrower
   terms (0.75), its dictionary sub-words (up to 0.8, scaled by how informative the sub-word is
   compared with the whole word: 留守 for 留守儿童 counts, 儿童 hardly), the core its synonyms
   share (a sub-word two variants hold and one of them ends with: 离婚 in 父母离婚 and 离婚家庭
   for 离异家庭; up to 0.64, likewise scaled, and only for a word the site uses), broader terms
   and the other words of their group (0.55). A text reached several ways keeps its strongest
   weight after scaling. So the literal word ranks above its sub-words, and those above
   synonyms only when they are as specific.
4. **Information**: each concept's IDF over the documents holding the word or its
   equivalents (BM25's formula), times 1.5 for a term of the domain's vocabulary and 0.5 for
   an ordinary verb. A *generic* concept – a word of ``search/data/generic_words.txt`` (学生,
   校园 …) or one in more than half of the documents – counts a third and never makes a
   document relevant on its own. A concept found nowhere is *absent* and reported; a Chinese
   one keeps its (highest) weight, so a query mostly made of words the site does not have
   finds nothing; a Latin one (AI, ICU) and the unknown phrasing of a question typed as a
   sentence are set aside.

Document frequencies come from the database engine (``engine.doc_freqs``; the Elasticsearch
engine asks the database engine too), so every engine answers the same ``Query``;
``search/relevance.py`` turns it into results.
"""

from __future__ import annotations

import collections
import functools
import math
import re
import threading
from dataclasses import dataclass, field

from . import analysis
from .analysis import GENERIC_WORDS_PATH, QUERY_STOPWORDS_PATH, normalize, word_list

#: Weights of the kinds of alternatives (see the module docstring).
LITERAL = 1.0
EQUIVALENT = 0.8
NARROWER = 0.75
SUBWORD = 0.8
BROADER = 0.55
#: A concept is "matched" by a document when its best alternative there weighs this much.
MATCHED = 0.5
#: Tolerance of the threshold comparisons (Elasticsearch sums scores in single precision).
EPSILON = 1e-4
#: Generic concepts count at this share of their information.
GENERIC_FACTOR = 1 / 3
#: A concept found in more than this share of the documents is generic.
GENERIC_SHARE = 0.5
#: A term of the domain's vocabulary counts this much more than a word of ordinary language
#: ("班干部 培养 选拔": the reader asks about 班干部; 选拔 is rarer but says less).
DOMAIN_BOOST = 1.5
#: An ordinary verb beside them counts half ("宿舍 矛盾 调解": 调解 is rarer than 宿舍).
ACTION_FACTOR = 0.5
MAX_CONCEPTS = 12
#: A query of this many words is read as a question typed as a sentence.
QUESTION_WORDS = 5
#: Longest run of Chinese words (in characters) checked against the dictionary for a typo.
MAX_WINDOW = 8

_ASCII_WORD = re.compile(r"[a-z]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class Alternative:
    """A token, or a phrase of tokens separated by spaces (adjacent, in order)."""

    text: str
    kind: str  # literal | phrase | compound | equivalent | narrower | subword | variant-subword | broader
    weight: float


@dataclass
class Concept:
    word: str
    alternatives: list[Alternative]
    idf: float = 0.0
    present: bool = True
    generic: bool = False
    #: A term of the domain's own vocabulary (dictionary, thesaurus, vocabularies): what a
    #: reader looks for, rather than a word of ordinary language around it.
    domain: bool = False
    #: An ordinary verb (培养, 选拔, 调解): what to do about the subject, not the subject.
    action: bool = False

    @property
    def latin(self) -> bool:
        return self.word.isascii()

    @property
    def matching(self) -> list[Alternative]:
        """The alternatives that match the concept on their own (weight ``MATCHED`` or more)."""
        return [a for a in self.alternatives if a.weight >= MATCHED - EPSILON]

    #: Set for the concepts of a question typed as a sentence (see ``Query.question``).
    in_question: bool = False

    @property
    def ignored(self) -> bool:
        """A word found nowhere that says little about what a reader wants: a Latin word (AI,
        ICU, vlog: an acronym or name that Chinese texts often write otherwise), or any word
        of a question typed as a sentence (its phrasing: 还不上, 坏话)."""
        return not self.present and (self.latin or self.in_question)

    @property
    def weight(self) -> float:
        """Its share of the query's information. A Chinese word found nowhere keeps its
        (highest) weight: no document can cover it, so a query made mostly of such words
        finds nothing instead of whatever shares its one common word."""
        if self.ignored:
            return 0.0
        if self.generic:
            return self.idf * GENERIC_FACTOR
        if self.domain:
            return self.idf * DOMAIN_BOOST
        return self.idf * (ACTION_FACTOR if self.action else 1.0)


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    kind: str  # "pinyin" | "typo"


@dataclass
class Query:
    """A visitor's query, understood. Falsy when no document can answer it (and without
    ``concepts`` when nothing searchable was typed: every document, newest first)."""

    text: str
    concepts: list[Concept] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    #: A spelling the index knows much better, offered but not applied ("您是不是要找").
    suggestion: str = ""
    documents: int = 0
    #: The index generation the frequencies were read at (embedded engines), for reuse.
    generation: int | None = None

    def __bool__(self):
        """Whether any document can answer: a concept is found somewhere and, unless the
        visitor asked for generic words only, an informative one ("量子力学 学生": no)."""
        if not self.present:
            return False
        return bool(self.informative) or not self.absent_informative

    @property
    def question(self) -> bool:
        """A question typed as a sentence: question words were dropped, or it has many words."""
        return bool(self.dropped) or len(self.concepts) >= QUESTION_WORDS

    @property
    def present(self) -> list[Concept]:
        return [c for c in self.concepts if c.present]

    @property
    def absent(self) -> list[str]:
        return [c.word for c in self.concepts if not c.present]

    @property
    def absent_informative(self) -> bool:
        """Whether a Chinese word that is not generic is found nowhere (then no document has
        every word)."""
        return any(not c.present and not c.generic and not c.ignored for c in self.concepts)

    @property
    def informative(self) -> list[Concept]:
        return [c for c in self.present if not c.generic]

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.concepts)

    @property
    def searched(self) -> str:
        """The words searched for, after corrections and dropped question words."""
        return " ".join(c.word for c in self.concepts)

    def alternatives(self) -> list[str]:
        return list(dict.fromkeys(a.text for c in self.present for a in c.alternatives))

    def lookups(self) -> list[str]:
        """What the embedded engines read the ids of: the alternatives, and the marked tokens of
        ``prominence``."""
        return list(dict.fromkeys([*self.alternatives(), *(m for _c, marks in self.prominence() for m in marks)]))

    @property
    def needs_prominence(self) -> bool:
        """Whether a partial match must use an informative word of the query prominently
        (``search/relevance.py``): for a keyword query. A question typed as a sentence is
        answered by what it is about, which the text may say in passing."""
        return not self.question and bool(self.informative)

    def prominence(self) -> list[tuple[Concept, list[str]]]:
        """(informative concept, the tokens of one of its matching alternatives marked as the index
        marks what a document uses prominently: ``analysis.salient_tokens``), when
        ``needs_prominence``."""
        if not self.needs_prominence:
            return []
        return [(c, [analysis.SALIENT_MARK + t for t in a.text.split()]) for c in self.informative for a in c.matching]

    def highlight_tokens(self) -> list[str]:
        """What to mark in titles and snippets: what stands for the informative words asked (not
        generic words beside them, nor the broader terms a reader also accepts: 家校沟通 is not
        marked for 家长会)."""
        marked = self.informative or self.present  # 学生, 班主任 beside 沉迷手机: not marked
        return list(
            dict.fromkeys(
                a.text.replace(" ", "")
                for c in marked
                for a in c.alternatives
                if a.weight >= MATCHED and a.kind != "broader"
            )
        )


# Data ------------------------------------------------------------------------------------
def query_stopwords() -> frozenset[str]:
    return word_list(QUERY_STOPWORDS_PATH)


def generic_words() -> frozenset[str]:
    return word_list(GENERIC_WORDS_PATH)


@functools.lru_cache(maxsize=1)
def domain_terms() -> frozenset[str]:
    """The domain's own terms: the domain dictionary, the thesaurus, the vocabularies."""
    return frozenset(w for w in analysis._domain_words() if len(w) >= 2)


@functools.lru_cache(maxsize=1)
def _relations() -> tuple[dict, dict, dict]:
    """word → (equivalents, narrower, broader) from the thesaurus, as single query tokens."""
    equivalents: dict[str, list[str]] = {}
    narrower: dict[str, list[str]] = {}
    broader: dict[str, list[str]] = {}

    def token(word):
        words = analysis.query_words(word)
        return words[0] if len(words) == 1 else None

    for group in analysis.load_thesaurus():
        words = [t for w in group.words if (t := token(w))]
        wider = [t for w in group.broader if (t := token(w))]
        for word in words:
            equivalents.setdefault(word, []).extend(w for w in words if w != word)
            broader.setdefault(word, []).extend(wider)
        for parent in wider:
            narrower.setdefault(parent, []).extend(words)
    # A broader term stands for its whole group: 社交退缩 above 社恐 is also written 孤僻,
    # 不合群, 独来独往.
    for word, wider in broader.items():
        broader[word] = [*wider, *(w for parent in wider for w in equivalents.get(parent, ()) if w != word)]
    dedupe = lambda mapping: {k: tuple(dict.fromkeys(v)) for k, v in mapping.items()}  # noqa: E731
    return dedupe(equivalents), dedupe(narrower), dedupe(broader)


class _Vocabulary:
    """Dictionary words by pinyin (homophone typos, pinyin input) and by one-character
    variants (near typos), built once per process on first need."""

    def __init__(self):
        from pypinyin import lazy_pinyin

        self._pinyin = lazy_pinyin
        domain = [w for w in analysis._domain_words() if _CJK_RUN.fullmatch(w) and len(w) >= 2]
        general = []
        for word, freq in _jieba_words():
            if freq >= 100:
                general.append(word)
        self.by_pinyin: dict[str, list[str]] = {}
        for word in dict.fromkeys([*domain, *general]):
            self.by_pinyin.setdefault(self.key(word), []).append(word)
        self.by_mask: dict[str, list[str]] = {}
        for word in domain:
            for i in range(len(word)):
                self.by_mask.setdefault(word[:i] + "*" + word[i + 1 :], []).append(word)

    def key(self, text: str) -> str:
        return "".join(self._pinyin(text))

    def homophones(self, text: str) -> list[str]:
        return [w for w in self.by_pinyin.get(self.key(text), ()) if w != text]

    def from_pinyin(self, latin: str) -> list[str]:
        return list(self.by_pinyin.get(latin, ()))

    def near(self, text: str, whole: bool) -> list[str]:
        """Domain words one character away. Inside a sentence only when the character sounds
        alike (same initial or final: 建康 → 健康, not 学生借 → 学生处), as input-method slips
        do; a whole typed word may also differ by a look-alike character (防弱水 → 防溺水)."""
        found = []
        for i in range(len(text)):
            for word in self.by_mask.get(text[:i] + "*" + text[i + 1 :], ()):
                if word != text and (whole or self._sounds_alike(text[i], word[i])):
                    found.append(word)
        return list(dict.fromkeys(found))

    @staticmethod
    def _sounds_alike(a: str, b: str) -> bool:
        from pypinyin import Style, pinyin

        (ia,), (ib,) = (
            pinyin(a, style=Style.INITIALS, strict=False)[0],
            pinyin(b, style=Style.INITIALS, strict=False)[0],
        )
        (fa,), (fb,) = pinyin(a, style=Style.FINALS, strict=False)[0], pinyin(b, style=Style.FINALS, strict=False)[0]
        return (bool(ia) and ia == ib) or (bool(fa) and fa == fb)


def _jieba_words():
    """(word, frequency) of jieba's general dictionary: Chinese words of 2-6 characters."""
    import os

    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and 2 <= len(parts[0]) <= 6 and _CJK_RUN.fullmatch(parts[0]):
                yield parts[0], int(parts[1])


_vocabulary: _Vocabulary | None = None
_vocabulary_lock = threading.Lock()


def vocabulary() -> _Vocabulary:
    global _vocabulary
    if _vocabulary is None:
        with _vocabulary_lock:
            if _vocabulary is None:
                _vocabulary = _Vocabulary()
    return _vocabulary


# Understanding ----------------------------------------------------------------------------
def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency (a word found nowhere gets the highest value)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _chunks(text: str) -> tuple[list[list[str]], list[str]]:
    """The query words per chunk, and the question words dropped."""
    stop = query_stopwords()
    chunks, dropped = [], []
    for raw in re.split(r"[^\w]+", normalize(text)):
        words = analysis.query_words(raw) if raw else []
        kept = [w for w in words if w not in stop]
        dropped += [w for w in words if w in stop]
        if not kept:
            continue
        if chunks and _latin(kept) and _latin(chunks[-1]):
            chunks[-1] += kept  # pinyin typed syllable by syllable: "jia xiao gou tong"
        elif chunks and _joins(chunks[-1][-1], kept[0]):
            chunks[-1][-1] += kept[0]  # "1+X 证书": x证书 is one word of the index
            chunks[-1] += kept[1:]
        else:
            chunks.append(kept)
    return chunks, dropped


def _joins(left: str, right: str) -> bool:
    """Whether two words the visitor separated are one dictionary word when joined and one
    of them is a Latin word or a single character (which alone say little)."""
    short = len(left) == 1 or len(right) == 1 or left.isascii() or right.isascii()
    return short and analysis.has_word(left + right)


def _concepts(chunks: list[list[str]]) -> list[Concept]:
    """One concept per word; a single character (型, 群, 1) is not a concept of its own but
    makes a phrase with the word next to it (``1 型 糖尿病``, ``qq 群``), an alternative of
    that word's concept."""
    concepts: dict[str, Concept] = {}
    for chunk in chunks:
        singles: list[str] = []
        previous: Concept | None = None
        for word in chunk:
            if len(word) == 1 and len(chunk) > 1:
                singles.append(word)
                continue
            concept = concepts.get(word) or concepts.setdefault(
                word, Concept(word=word, alternatives=_alternatives(word))
            )
            if singles:  # characters before this word
                concept.alternatives.append(Alternative(" ".join([*singles, word]), "phrase", LITERAL))
                singles = []
            previous = concept
        if singles and previous is not None:  # characters after the last word
            previous.alternatives.append(Alternative(" ".join([previous.word, *singles]), "phrase", LITERAL))
    _compounds(chunks, concepts)
    return list(concepts.values())[:MAX_CONCEPTS]


def _compounds(chunks: list[list[str]], concepts: dict[str, Concept]) -> None:
    """Words typed apart that make a dictionary term together ("宿舍 矛盾" → 宿舍矛盾): the term
    and its thesaurus equivalents satisfy each of those words' concepts (a text about 寝室矛盾
    answers both 宿舍 and 矛盾)."""
    words = [w for chunk in chunks for w in chunk if w in concepts]
    for size in (2, 3):
        for start in range(len(words) - size + 1):
            parts = words[start : start + size]
            joined = "".join(parts)
            if len(set(parts)) < size or not analysis.has_word(joined) or joined in concepts:
                continue
            equivalents, narrower, _broader = _relations()
            found = [Alternative(joined, "compound", LITERAL)]
            found += [Alternative(w, "equivalent", EQUIVALENT) for w in equivalents.get(joined, ())]
            found += [Alternative(w, "narrower", NARROWER) for w in narrower.get(joined, ())]
            for part in parts:
                known = {a.text for a in concepts[part].alternatives}
                concepts[part].alternatives += [a for a in found if a.text not in known]


def _latin(words) -> bool:
    return all(_ASCII_WORD.fullmatch(w) for w in words)


def _windows(chunk: list[str]):
    """(start, end, text) of runs of Chinese words that may be a mistyped dictionary word:
    an unknown word, or several words that together are not a dictionary word."""
    for start in range(len(chunk)):
        for end in range(start + 1, min(len(chunk), start + 3) + 1):
            words = chunk[start:end]
            text = "".join(words)
            if not (2 <= len(text) <= MAX_WINDOW and _CJK_RUN.fullmatch(text)):
                continue
            if len(words) == 1 and analysis.has_word(text):
                continue
            if len(words) > 1 and analysis.has_word(text):
                continue  # the segmenter cut a dictionary word apart by context: fine as it is
            yield start, end, text


def _phrase(words: list[str]) -> str:
    return " ".join(words)


def understand(text: str, engine, *, correct: bool = True) -> Query:
    """The ``Query`` for ``text``, with document frequencies from ``engine``. ``correct``:
    apply pinyin and typo corrections (off when the visitor asks for the words as typed)."""
    chunks, dropped = _chunks(text)
    query = Query(text=" ".join(normalize(text).split()), dropped=dropped)
    if not chunks:
        return query
    if correct:
        chunks, query.corrections, query.suggestion = _correct(chunks, engine)
    query.concepts = _concepts(chunks)
    for concept in query.concepts:
        concept.in_question = query.question
    _weigh(query, engine)
    return query


def _correct(chunks, engine):
    """Pinyin and typo corrections (see the module docstring). Returns the corrected chunks,
    the corrections applied, and a suggestion for a spelling that is rare but not absent.

    The dictionary by pinyin is consulted only for input the index does not know as
    written (a Latin word or a run of words found nowhere, or seldom), so most queries cost
    one frequency lookup here."""
    windows = [(n, start, end, text) for n, chunk in enumerate(chunks) for start, end, text in _windows(chunk)]
    latin_runs = []
    for n, chunk in enumerate(chunks):
        latin = [i for i, w in enumerate(chunk) if _ASCII_WORD.fullmatch(w)]
        latin_runs += [(n, i, i + 1) for i in latin if len(chunk[i]) >= 4]
        if len(latin) > 1 and latin == list(range(latin[0], latin[-1] + 1)):
            latin_runs.append((n, latin[0], latin[-1] + 1))  # pinyin typed with spaces: "ban hui"
    if not windows and not latin_runs:
        return chunks, [], ""
    ask = {w for chunk in chunks for w in chunk} | {_phrase(chunks[n][s:e]) for n, s, e, _t in windows}
    _n, known, _generation = engine.doc_freqs(sorted(ask))
    doubtful = [w for w in windows if known.get(_phrase(chunks[w[0]][w[1] : w[2]]), 0) <= 2]
    unknown_latin = [r for r in latin_runs if not any(known.get(w, 0) for w in chunks[r[0]][r[1] : r[2]])]
    if not doubtful and not unknown_latin:
        return chunks, [], ""
    vocab = vocabulary()
    plans = []  # (chunk index, start, end, original text, kind, candidates)
    for n, start, end in unknown_latin:
        run = "".join(chunks[n][start:end])
        if found := vocab.from_pinyin(run):
            plans.append((n, start, end, run, "pinyin", found))
    for n, start, end, window in doubtful:
        whole = start == 0 and end == len(chunks[n])
        if found := vocab.homophones(window) or vocab.near(window, whole):
            plans.append((n, start, end, window, "typo", found))
    if not plans:
        return chunks, [], ""
    for *_rest, found in plans:
        ask.update(found)
    _n, freqs, _generation = engine.doc_freqs(sorted(ask))
    freqs.update(known)
    applied: list[Correction] = []
    replaced: dict[int, list[tuple[int, int, str]]] = {}
    offered: tuple | None = None
    # Longer originals first; a span is corrected at most once.
    for n, start, end, original, kind, found in sorted(plans, key=lambda p: -(p[2] - p[1])):
        best = max(found, key=lambda w: (freqs.get(w, 0), -len(w)))
        best_df = freqs.get(best, 0)
        spans = replaced.setdefault(n, [])
        if not best_df or any(s < end and start < e for s, e, _w in spans):
            continue
        if kind == "pinyin":
            seen = sum(freqs.get(w, 0) for w in chunks[n][start:end])
        else:
            seen = freqs.get(_phrase(chunks[n][start:end]), 0)
        if seen == 0:
            spans.append((start, end, best))
            applied.append(Correction(original, best, kind))
        elif kind == "typo" and offered is None and best_df >= 10 * seen:
            offered = (n, start, end, best)

    def rewrite(spans_by_chunk):
        result = []
        for n, chunk in enumerate(chunks):
            words = list(chunk)
            for start, end, word in sorted(spans_by_chunk.get(n, ()), reverse=True):
                words[start:end] = analysis.query_words(word)
            result.append(words)
        return result

    corrected = rewrite(replaced)
    suggestion = ""
    if offered is not None:
        n, start, end, best = offered
        with_offer = {k: list(v) for k, v in replaced.items()}
        with_offer.setdefault(n, []).append((start, end, best))
        suggestion = " ".join("".join(words) for words in rewrite(with_offer))
    return corrected, applied, suggestion


def _alternatives(word: str) -> list[Alternative]:
    alternatives = [Alternative(word, "literal", LITERAL)]
    if not analysis.has_word(word) and (phrase := analysis.finer_phrase(word)):
        alternatives.append(Alternative(phrase, "phrase", LITERAL))
    equivalents, narrower, broader = _relations()
    alternatives += [Alternative(w, "equivalent", EQUIVALENT) for w in equivalents.get(word, ())]
    alternatives += [Alternative(w, "narrower", NARROWER) for w in narrower.get(word, ())]
    alternatives += [Alternative(w, "broader", BROADER) for w in broader.get(word, ())]
    # The dictionary sub-words of the word and of its equivalents and narrower terms: texts
    # write the core of a compound on its own (离异家庭 / 父母离婚 → "父母在他十岁时离婚").
    # Their weight is scaled by the kind they come from, then by how informative they are
    # (``_weigh``).
    # A variant's sub-word is kept only when it is the core several variants share (离婚 in
    # 父母离婚 and 离婚家庭, 退学 in 想退学 and 要退学) and the head of one of them (a Chinese
    # compound ends with what it is: 父母离婚 is a 离婚), not a modifier (中途 in 中途辍学, 中等
    # in 中等职业学校 and 中等专业学校) nor the tail of a single variant (指导 in 生涯指导).
    sources = [
        (a, _nested_subwords(a.text))
        for a in alternatives
        if a.kind in ("literal", "equivalent", "narrower") and len(a.text) >= 3 and _CJK_RUN.fullmatch(a.text)
    ]
    shared = collections.Counter(sub for _source, subs in sources for sub in set(subs))
    heads = {sub for source, subs in sources for sub in subs if source.text.endswith(sub)}
    for source, subs in sources:
        for sub in subs:
            if sub in generic_words():
                continue  # 学生 inside 学生会 says nothing of what is asked
            if source.kind == "literal":
                alternatives.append(Alternative(sub, "subword", SUBWORD))
            elif shared[sub] >= 2 and sub in heads:
                alternatives.append(Alternative(sub, "variant-subword", round(SUBWORD * source.weight, 4)))
    # A sub-word stays beside another kind of the same text until its weight is known (_weigh).
    return _strongest([a for a in alternatives if not _sub_kind(a.kind)]) + _strongest(
        [a for a in alternatives if _sub_kind(a.kind)]
    )


def _strongest(alternatives: list[Alternative]) -> list[Alternative]:
    """One entry per text, the one of highest weight (in first-seen order)."""
    seen: dict[str, Alternative] = {}
    for alternative in alternatives:
        if alternative.text not in seen or seen[alternative.text].weight < alternative.weight:
            seen[alternative.text] = alternative
    return list(seen.values())


def _sub_kind(kind: str) -> bool:
    return kind in ("subword", "variant-subword")


def _cuts(word: str, offset: int) -> set[int]:
    """The boundaries of ``word``'s best segmentation, and of its pieces' (经济困难 → 经济|困难)."""
    phrase = analysis.finer_phrase(word)
    if not phrase:
        return set()
    cuts, at = set(), 0
    for piece in phrase.split():
        at = word.find(piece, at)
        if at < 0:
            return set()  # a stop word was left out: no reliable boundaries
        cuts.update((offset + at, offset + at + len(piece)))
        if len(piece) >= 4:
            cuts |= _cuts(piece, offset + at)
        at += len(piece)
    return cuts


def _nested_subwords(word: str) -> list[str]:
    """The dictionary words inside ``word`` that nest in its best segmentation: 厌学 and 情绪
    for 厌学情绪, not 学情, which straddles the two and means something else (学情分析)."""
    subs = analysis.subwords(word)
    cuts = _cuts(word, 0)
    if not cuts:
        return list(subs)

    def nests(start: int, end: int) -> bool:
        return not any(start < cut < end for cut in cuts) or (start in cuts and end in cuts)

    kept = []
    for sub in subs:
        starts = [i for i in range(len(word)) if word.startswith(sub, i)]
        if any(nests(i, i + len(sub)) for i in starts):
            kept.append(sub)
    return kept


def _weigh(query: Query, engine) -> None:
    """Document frequencies → each concept's IDF, presence, genericity and sub-word weights."""
    strong = {
        c.word: tuple(a.text for a in c.alternatives if a.kind in ("literal", "phrase", "equivalent", "compound"))
        for c in query.concepts
    }
    items = {a.text for c in query.concepts for a in c.alternatives}
    n, freqs, query.generation = engine.doc_freqs(sorted(items) + list(strong.values()))
    query.documents = n
    generic = generic_words()
    for concept in query.concepts:
        df = freqs.get(strong[concept.word], 0)
        concept.idf = idf(df, n)
        concept.generic = concept.word in generic or (n > 0 and df > GENERIC_SHARE * n)
        concept.domain = concept.word in domain_terms() or any(a.kind == "compound" for a in concept.alternatives)
        concept.action = not concept.domain and analysis.part_of_speech(concept.word).startswith("v")
        alternatives = []
        for alt in concept.alternatives:
            if not freqs.get(alt.text, 0):
                continue  # found nowhere: nothing to fetch or score
            if _sub_kind(alt.kind) and concept.generic:
                continue  # the pieces of a word found everywhere say even less
            if alt.kind == "variant-subword" and not df:
                continue  # the site never speaks of it: pieces of its synonyms (职务 for 职称) are noise
            if _sub_kind(alt.kind):
                ratio = min(1.0, idf(freqs[alt.text], n) / concept.idf) if concept.idf else 0.0
                alt = Alternative(alt.text, alt.kind, round(alt.weight * ratio, 4))
            alternatives.append(alt)
        # A sub-word's weight is known only now: 实习 inside 顶岗实习 is less informative than
        # the word, and then its broader term (实习, 0.55) must not be lost to it.
        concept.alternatives = _strongest(alternatives)
        concept.present = any(a.weight >= MATCHED for a in alternatives)
