"""The analyser: the same tokens at index and query time, whatever the script or width."""

import pytest

from search.analysis import analyse, index_text, load_thesaurus, normalize, query_words
from search.query import _alternatives, _chunks, _nested_subwords, _relations, understand


def test_full_width_and_case_are_normalised():
    assert normalize("ＰＰＴ课件５Ｇ ＡＩ") == "ppt课件5g ai"
    assert query_words("ＰＰＴ课件") == query_words("ppt课件") == ["ppt", "课件"]


def test_domain_dictionary_keeps_terms_whole_and_emits_their_parts():
    positions = analyse("坚持立德树人，推进家校协同育人")
    words = [p[0] for p in positions]
    assert "立德树人" in words and "家校协同育人" in words
    family = next(p for p in positions if p[0] == "家校协同育人")
    assert {"家校协同", "协同育人", "家校", "协同", "育人"} <= set(family)


def test_query_word_is_always_an_index_token():
    for text, query in [
        ("学生心理健康教育案例", "心理"),
        ("三全育人五育并举", "五育并举"),
        ("中职学生沉迷手机游戏", "手机游戏"),
        ("班主任工作室主持人", "班主任"),
    ]:
        tokens = set(index_text(text).split())
        assert set(query_words(query)) <= tokens, (text, query)


def test_punctuation_and_stop_characters_are_dropped():
    assert query_words("“心理”、的！") == ["心理"]
    chunks, _dropped = _chunks('"* ( ) OR NEAR( 的 了')
    assert all(word.isalnum() for chunk in chunks for word in chunk)


def test_thesaurus_relations():
    equivalents, narrower, broader = _relations()
    assert {"网络成瘾", "沉迷手机游戏"} <= set(equivalents["网瘾"])
    assert "贫困生" in equivalents["家庭经济困难学生"] and "家庭经济困难学生" in equivalents["贫困生"]
    assert "家长" in broader["父母"] and "父母" in narrower["家长"]


def test_every_thesaurus_word_is_one_token_on_both_sides():
    # Added to the dictionary, each word is cut whole in a query and emitted whole in text.
    for group in load_thesaurus():
        for word in (*group.words, *group.broader):
            assert query_words(word) == [word], word
            assert word in index_text(f"我们{word}的做法").split(), word


def test_question_words_are_dropped_and_chunks_kept():
    chunks, dropped = _chunks("我是一名中职班主任，怎么处理学生沉迷手机的问题？")
    words = [w for chunk in chunks for w in chunk]
    assert "怎么" in dropped and "我" in dropped and "一名" in dropped
    assert {"中职", "沉迷手机"} <= set(words) and "怎么" not in words
    assert _chunks("家校  心理")[0] == [["家校"], ["心理"]]
    assert _chunks("jia xiao gou tong")[0] == [["jia", "xiao", "gou", "tong"]]


def test_unknown_word_emits_its_two_character_pieces():
    tokens = set(index_text("王敏名班主任工作室").split())
    assert {"王敏", "班主任"} <= tokens


def _reference_normalize(text):
    import re
    import unicodedata

    return re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", unicodedata.normalize("NFKC", text)).lower()


def test_normalize_equals_full_nfkc_on_every_character():
    # The fast path (replace common full-width punctuation, then NFKC only when needed)
    # must give exactly what full NFKC gives: every code point, alone and in Chinese prose.
    for start in range(0, 0x30000, 0x400):
        chars = [chr(cp) for cp in range(start, start + 0x400) if not 0xD800 <= cp <= 0xDFFF]
        assert normalize("".join(chars)) == _reference_normalize("".join(chars))
        for ch in chars[::7]:
            text = f"班主任，{ch}家校（协同）育人：ＰＰＴ！"
            assert normalize(text) == _reference_normalize(text), hex(ord(ch))


def test_normalize_composes_across_replaced_characters():
    assert normalize("e\u0301，ﬁ①\x00Ｘ") == _reference_normalize("e\u0301，ﬁ①\x00Ｘ") == "é,fi1 x"


def test_dictionary_word_across_a_segment_boundary_is_indexed_whole():
    # The segmenter keeps 家校协同 + 育人; 协同育人 spans the boundary and is emitted too,
    # so the query 协同育人 is one token, not a phrase over two common words.
    tokens = index_text("推进家校协同育人").split()
    assert "协同育人" in tokens and "家校协同" in tokens
    assert query_words("协同育人") == ["协同育人"]
    groups = analyse("推进家校协同育人")
    assert set(index_text("推进家校协同育人").split()) == {t for g in groups for t in g}


def test_no_join_across_punctuation_or_stop_words():
    assert "协同育人" not in index_text("家校协同，育人为本").split()
    assert "协同育人" not in index_text("协同的育人").split()


def test_empty_text_has_no_tokens():
    assert analyse("") == [] and index_text("") == ""
    assert analyse("，。！") == [] and index_text("，。！") == ""


def test_query_sub_words_nest_in_the_words_segmentation():
    # 厌学情绪 is 厌学 + 情绪: 学情 (as in 学情分析) straddles the two and is not asked for.
    assert "情绪" in _nested_subwords("厌学情绪")
    assert "学情" not in _nested_subwords("厌学情绪")
    # Deeper pieces nest too; 难学 and 济困 straddle 经济|困难|学生.
    subs = _nested_subwords("家庭经济困难学生")
    assert {"家庭", "经济", "困难"} <= set(subs)
    assert not {"难学", "济困"} & set(subs)
    # A sub-word spanning whole pieces stays (职业生涯 in 职业生涯规划).
    assert "职业生涯" in _nested_subwords("职业生涯规划")


def test_the_core_several_synonyms_share_is_searched_as_a_weaker_alternative():
    # Texts write the core of a compound on its own: "父母在他十岁时离婚" is about a 离异家庭.
    # 离婚 is in two of its variants (父母离婚, 离婚家庭): searched, below the synonyms.
    alternatives = {a.text: a for a in _alternatives("离异家庭")}
    assert alternatives["离婚"].kind == "variant-subword"
    assert alternatives["离婚"].weight < alternatives["父母离婚"].weight
    # 退学 is in 想退学 and 要退学 (narrower terms of 辍学); 中途 only modifies 中途辍学.
    alternatives = {a.text for a in _alternatives("辍学")}
    assert "退学" in alternatives
    assert "中途" not in alternatives
    # 中等 begins 中等职业学校 and 中等专业学校 (equivalents of 中职) but is the head of neither.
    assert "中等" not in {a.text for a in _alternatives("中职")}


def test_a_broader_term_brings_the_words_of_its_group():
    # 社恐 > 社交退缩, and 社交退缩 is also written 孤僻, 不合群: a reader asking about 社恐
    # accepts a case about a 孤僻 student, below the literal word and its synonyms.
    _equivalents, _narrower, broader = _relations()
    assert {"社交退缩", "孤僻", "不合群"} <= set(broader["社恐"])
    assert "社恐" not in broader["社恐"]


class _Frequencies:
    """An engine answering document frequencies only: ``df`` word → documents holding it."""

    def __init__(self, df, n=1000):
        self.df, self.n = df, n

    def doc_freqs(self, items):
        count = lambda item: self.df.get(item, 0) if isinstance(item, str) else max(map(count, item), default=0)  # noqa: E731
        return self.n, {item: count(item) for item in items}, 1


def test_a_sub_word_less_informative_than_its_word_keeps_its_broader_weight():
    # 实习 is a sub-word of 顶岗实习 (scaled down: found in many more documents) and its
    # broader term (0.55): a case about 跟岗实习 still matches 顶岗实习 through 实习.
    engine = _Frequencies({"顶岗实习": 5, "实习": 300})
    (concept,) = understand("顶岗实习", engine, correct=False).concepts
    weights = {a.text: a.weight for a in concept.alternatives}
    assert weights["实习"] == pytest.approx(0.55)
    assert [a.text for a in concept.alternatives].count("实习") == 1
