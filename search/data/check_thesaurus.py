"""Check search/data/thesaurus.txt (plain Python, no Django).

Usage (from the repository root):

    .venv/bin/python search/data/check_thesaurus.py [--all] [--compare DIR]

Format checks (errors, exit status 1):
- each group line is ``word word ... [ > broader broader ...]`` with single spaces;
- every word has at least 2 characters and only CJK characters, Latin letters
  and digits; Latin letters are lowercase (the analyser lowercases everything);
- a word appears in at most one group's equivalence list (and once in it);
- no two groups are the same; a group is not its own broader term.

Warnings (printed, not fatal):
- broader terms that are neither a word of some group nor in userdict.txt
  (nor a label of core/choices.py);
- single-word groups without broader terms (they add nothing but a dictionary word).

Segmentation (errors): with rjieba, after adding userdict.txt, the labels of
core/choices.py, synonyms.txt and every thesaurus word to the dictionary (as
search/analysis.py does), each multi-character thesaurus word must cut as one
token. A sample of 40 is shown (``--all`` shows every word); failures are always
listed. ``--compare DIR`` also cuts the ``*.txt`` files of DIR with and without
the thesaurus words and lists the tokens that changed (to spot thesaurus words
that spoil the segmentation of ordinary text).
"""

from __future__ import annotations

import argparse
import collections
import itertools
import re
import sys
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
REPO = DATA_DIR.parent.parent
THESAURUS = DATA_DIR / "thesaurus.txt"
USERDICT = DATA_DIR / "userdict.txt"
SYNONYMS = DATA_DIR / "synonyms.txt"
CHOICES = REPO / "core" / "choices.py"

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_OK = re.compile(rf"^[{CJK}a-z0-9]+$")
WORD_CHARS_OK = re.compile(rf"^[{CJK}A-Za-z0-9]+$")
HAS_CJK = re.compile(rf"[{CJK}]")
SECTION = re.compile(r"^#\s*──\s*(.+?)\s*──\s*$")


def normalize(text: str) -> str:
    """As search.analysis.normalize: NFKC, lowercase."""
    return unicodedata.normalize("NFKC", text).lower()


class Group:
    def __init__(self, lineno, section, words, broader):
        self.lineno = lineno
        self.section = section
        self.words = words
        self.broader = broader


def parse(path: Path):
    """Groups and format errors of the thesaurus file."""
    groups, errors = [], []
    section = "(no section)"
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            match = SECTION.match(line.strip())
            if match:
                section = match.group(1)
            continue
        if line != line.strip() or "\t" in line or "  " in line:
            errors.append(f"line {lineno}: stray whitespace (tabs, double or edge spaces): {line!r}")
        left, sep, right = line.partition(" > ")
        if ">" in left or ">" in right:
            errors.append(f"line {lineno}: '>' must appear once, as ' > ': {line!r}")
        words = left.split()
        broader = right.split() if sep else []
        if sep and not broader:
            errors.append(f"line {lineno}: ' > ' without broader terms")
        if not words:
            errors.append(f"line {lineno}: no words")
            continue
        groups.append(Group(lineno, section, words, broader))
    return groups, errors


def check_words(groups):
    errors, warnings = [], []
    seen = {}
    keys = {}
    for g in groups:
        key = frozenset(g.words)
        if key in keys:
            errors.append(f"line {g.lineno}: duplicate group (same words as line {keys[key]})")
        keys[key] = g.lineno
        for w in g.words:
            if w in seen:
                where = "the same group" if seen[w] == g.lineno else f"line {seen[w]}"
                errors.append(f"line {g.lineno}: {w!r} is already an equivalent in {where}")
            else:
                seen[w] = g.lineno
        for w in g.words + g.broader:
            if len(w) < 2:
                errors.append(f"line {g.lineno}: {w!r} is shorter than 2 characters")
            if not WORD_CHARS_OK.match(w):
                bad = "".join(sorted({c for c in w if not WORD_CHARS_OK.match(c)}))
                errors.append(f"line {g.lineno}: {w!r} has characters other than CJK/Latin/digits: {bad!r}")
            elif not WORD_OK.match(w):
                errors.append(f"line {g.lineno}: {w!r} has uppercase Latin letters (write them lowercase)")
            elif normalize(w) != w:
                errors.append(f"line {g.lineno}: {w!r} is not in NFKC form")
        for b in g.broader:
            if b in g.words:
                errors.append(f"line {g.lineno}: broader term {b!r} is also an equivalent of the same group")
        if len(set(g.broader)) != len(g.broader):
            errors.append(f"line {g.lineno}: repeated broader term")
        if len(g.words) == 1 and not g.broader:
            warnings.append(f"line {g.lineno}: single-word group without broader terms: {g.words[0]!r}")
        if len(g.broader) > 2:
            warnings.append(f"line {g.lineno}: more than 2 broader terms")
    return errors, warnings, seen


def userdict_words():
    words = {}
    for line in USERDICT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            parts = line.split()
            words[normalize(parts[0])] = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 2000
    return words


def choice_labels():
    """CJK runs (2+ characters) of the labels in core/choices.py, read without importing Django."""
    if not CHOICES.exists():
        return set()
    labels = re.findall(r'_\("([^"]*)"\)', CHOICES.read_text(encoding="utf-8"))
    runs = set()
    for label in labels:
        for run in re.findall(r"[^\W_]+", normalize(label)):
            if len(run) >= 2 and HAS_CJK.search(run):
                runs.add(run)
    return runs


def synonym_words():
    words = set()
    if SYNONYMS.exists():
        for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.update(normalize(w) for w in re.split(r"[\s,，、]+", line) if w)
    return words


def base_dictionary():
    """The domain dictionary as search/analysis.py builds it, without the thesaurus."""
    words = userdict_words()
    for w in choice_labels():
        words.setdefault(w, 2000)
    for w in synonym_words():
        if HAS_CJK.search(w):
            words.setdefault(w, 2000)
    return words


def make_tokenizer(words):
    import rjieba

    t = rjieba.Jieba()
    for word, freq in words.items():
        t.add_word(word, freq, None)
    return t


def _tokens_in(tokens, lo, hi):
    pos = 0
    for tok in tokens:
        if pos >= lo and pos + len(tok) <= hi:
            yield tok
        pos += len(tok)


def sample(items, n):
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default=str(THESAURUS))
    ap.add_argument("--all", action="store_true", help="show the cut of every multi-character word")
    ap.add_argument("--compare", metavar="DIR", help="cut DIR/*.txt with and without the thesaurus words")
    args = ap.parse_args(argv)

    groups, errors = parse(Path(args.path))
    word_errors, warnings, equivalents = check_words(groups)
    errors += word_errors

    print(f"groups: {len(groups)}")
    print(f"equivalent words: {len(equivalents)}")
    per_section = collections.Counter(g.section for g in groups)
    for section, count in per_section.items():
        print(f"  {count:4d}  {section}")
    print(
        f"broader relations: {sum(len(g.broader) for g in groups)}"
        f" (groups with broader terms: {sum(1 for g in groups if g.broader)})"
    )

    base = base_dictionary()
    known = set(equivalents) | set(base)
    unknown = collections.defaultdict(list)
    for g in groups:
        for b in g.broader:
            if b not in known:
                unknown[b].append(g.lineno)
    for b, lines in unknown.items():
        warnings.append(
            f"broader term {b!r} (lines {', '.join(map(str, lines))}) is not a word of any group "
            "nor of userdict.txt / core/choices.py"
        )

    # Segmentation, as search/analysis.py: base dictionary, then every thesaurus word (setdefault).
    words = dict(base)
    for w in equivalents:
        words.setdefault(w, 2000)
    tokenizer = make_tokenizer(words)
    multi = [w for w in equivalents if len(w) >= 2]
    cut_failures = []
    cuts = {}
    for w in multi:
        tokens = tokenizer.cut(w, True)
        cuts[w] = tokens
        if tokens != [w]:
            cut_failures.append((w, tokens))
    # Show a sample of the longer entries (4+ characters), always with the mixed Latin/CJK ones.
    mixed = [w for w in multi if HAS_CJK.search(w) and re.search(r"[a-z0-9]", w)]
    longer = [w for w in multi if len(w) >= 4 and w not in mixed]
    shown = mixed + longer if args.all else mixed + sample(longer, 40 - len(mixed))
    print(f"\nsegmentation (rjieba, {len(words)} dictionary words incl. {len(equivalents)} thesaurus words):")
    print(
        f"  {len(multi)} thesaurus words cut; {len(multi) - len(cut_failures)} as one token; {len(cut_failures)} split"
    )
    print(f"  sample of {len(shown)}:")
    for w in shown:
        print(f"    {'ok ' if cuts[w] == [w] else 'BAD'} {w} -> {' / '.join(cuts[w])}")
    for w, tokens in cut_failures:
        errors.append(f"{w!r} does not cut as one token: {' / '.join(tokens)}")

    if args.compare:
        # Merges (old tokens joined into a thesaurus word) are the point of the dictionary;
        # list only re-splits: new token boundaries that the plain dictionary did not have.
        plain = make_tokenizer(base)
        resplits = collections.Counter()
        merges = total = 0
        for path in sorted(Path(args.compare).glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                text = normalize(line)
                before, after = plain.cut(text, True), tokenizer.cut(text, True)
                total += len(before)
                merges += len(before) - len(after)
                if before == after:
                    continue
                cuts_before = set(itertools.accumulate(len(t) for t in before))
                cuts_after = set(itertools.accumulate(len(t) for t in after))
                common = sorted({0} | (cuts_before & cuts_after))
                for lo, hi in itertools.pairwise(common):
                    old = list(_tokens_in(before, lo, hi))
                    new = list(_tokens_in(after, lo, hi))
                    if old != new and not {c for c in cuts_after if lo < c < hi} <= cuts_before:
                        resplits[(" / ".join(old), " / ".join(new))] += 1
        print(
            f"\ncompare {args.compare}: {total} tokens without the thesaurus, "
            f"{merges} fewer with it (merges); re-splits (new boundaries):"
        )
        for (a, b), n in resplits.most_common():
            print(f"  {n:3d}x  {a}  =>  {b}")

    if warnings:
        print(f"\nwarnings ({len(warnings)}):")
        for w in warnings:
            print("  " + w)
    if errors:
        print(f"\nERRORS ({len(errors)}):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
