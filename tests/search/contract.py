"""The engine contract: what any search engine must return for the same pages.

``EngineContract`` is a pytest test class parameterised by the ``engine``
fixture. ``test_contract_embedded.py`` runs it against the database's engine; the
Elasticsearch engine runs the very same class by subclassing it with its own
``engine`` fixture. All searches go through ``search.service.search`` so
analysis, synonyms, snippets and facets are exercised end to end.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from core.choices import CaseCategory, Direction, Province
from search import service
from search.models import SearchDocument

from .builders import corpus, make_case


def titles(response):
    return [r.title for r in response.results]


def response_tokens(response):
    """The words marked in a response's titles and snippets."""
    import re

    return {m for r in response.results for m in re.findall(r"<mark>(.*?)</mark>", f"{r.title_html}{r.snippet}")}


class EngineContract:
    @pytest.fixture
    def engine(self):  # pragma: no cover - overridden by each engine's module
        raise NotImplementedError

    @pytest.fixture
    def pages(self, db, engine):
        return corpus()

    def search(self, engine, q, exact=False, page_size=50, **filters):
        return service.search(q, filters, page=1, page_size=page_size, engine=engine, exact=exact)

    # Recall -----------------------------------------------------------------
    @pytest.mark.parametrize("q", ["心理", "家校", "协同", "班主任"])
    def test_two_and_three_character_words_match(self, engine, pages, q):
        response = self.search(engine, q)
        assert response.total >= 1
        for result in response.results:
            d = result.document
            text = result.title + d.summary + d.context + d.body
            assert q in text

    def test_word_inside_a_compound(self, engine, pages):
        assert "家校协同育人的三次家访" in titles(self.search(engine, "协同"))
        assert "学生心理健康教育案例" in titles(self.search(engine, "心理"))
        assert "学生心理健康教育案例" in titles(self.search(engine, "健康教育"))
        # 协同育人 is one dictionary word, but the text cuts 家校协同|育人: still found
        assert "家校协同育人的三次家访" in titles(self.search(engine, "协同育人"))

    def test_synonyms(self, engine, pages):
        assert "帮助沉迷手机游戏的学生重建作息" in titles(self.search(engine, "网瘾"))
        # 父母 is written in the family case; 家长 finds it, and the other way round.
        found = titles(self.search(engine, "父母"))
        assert "工作室开展家校共育专题研讨" in found  # says 家长 only
        assert "家校协同育人的三次家访" in found

    def test_mixed_scripts_and_full_width(self, engine, pages):
        for q in ("PPT", "ppt课件", "5G", "ＡＩ"):
            assert titles(self.search(engine, q)) == ["用ＰＰＴ课件讲好5G与AI时代的职业选择"], q

    def test_documents_with_every_word_come_first(self, engine, pages):
        response = self.search(engine, "家访 父母")
        assert titles(response)[0] == "家校协同育人的三次家访"
        assert response.results[0].matched_all
        # The others lack one word: listed after it, and said so.
        assert all(not r.matched_all and r.missing for r in response.results[1:])

    def test_a_word_found_nowhere_is_reported_and_the_rest_offered(self, engine, pages):
        # 潜水艇 is in no document and weighs more than 家访: nothing answers the query, but
        # the page offers 家访 alone, with its count.
        response = self.search(engine, "家访 潜水艇")
        assert response.absent == ["潜水艇"] and response.total == 0
        assert response.without_absent == ("家访", self.search(engine, "家访").total)
        # A Latin word found nowhere (an acronym: AI, ICU) is set aside: 家访 answers.
        response = self.search(engine, "ICU 家访")
        assert response.absent == ["icu"] and "家校协同育人的三次家访" in titles(response)
        assert all(r.missing == ["icu"] for r in response.results)

    def test_off_topic_query_sharing_only_a_generic_word_finds_nothing(self, engine, pages):
        assert self.search(engine, "量子力学 学生").total == 0
        assert self.search(engine, "股票 校园").total == 0
        assert self.search(engine, "没有这个词").total == 0

    def test_a_word_in_passing_does_not_make_a_partial_match(self, engine, pages):
        # "无人机 作息": 无人机 is in three cases – in the summary, three times in the body, once
        # in an anecdote –, 作息 in seven others. Every case has one of the words, and 无人机 weighs
        # as much as 作息 or more; only the cases that are about 无人机 answer without 作息. A
        # question typed as a sentence still finds the anecdote.
        gz, bj = pages["gz"], pages["bj"]
        labels = {"category": CaseCategory.CLASS_CULTURE, "direction_codes": (Direction.CULTURE,)}
        make_case(
            gz, "航模社团里的转变", summary="小罗在无人机社团找到了自信。", paragraphs=["他每周都去社团。"], **labels
        )
        make_case(
            gz,
            "一次科技节的筹备",
            summary="班级承办学校科技节的一个展区。",
            paragraphs=["无人机表演是重头戏。", "我们借来三架无人机。", "无人机编队最后顺利完成了表演。"],
            **labels,
        )
        make_case(
            gz,
            "晚自习纪律的整顿",
            summary="班主任和班委一起整顿晚自习纪律。",
            paragraphs=["有学生说周末去看了无人机表演，晚自习时还在讨论。班委提醒后教室安静了下来。"],
            **labels,
        )
        for title in ("住校生的周末安排", "早读前的十分钟", "考试周的宿舍", "寒假返校第一周", "午休的约定"):
            make_case(bj, title, summary=f"{title}：帮学生调整作息。", **labels)
        found = titles(self.search(engine, "无人机 作息"))
        assert "航模社团里的转变" in found and "一次科技节的筹备" in found
        assert "晚自习纪律的整顿" not in found
        assert "晚自习纪律的整顿" in titles(self.search(engine, "学生在晚自习讨论无人机表演怎么办"))

    def test_title_ranks_above_body(self, engine, pages):
        # 心理 is in the titles of the mental case and the studio, only in the update's body
        ranked = titles(self.search(engine, "心理"))
        assert set(ranked[:2]) == {"学生心理健康教育案例", "阳光心理班主任工作室"}
        assert ranked.index("工作室开展家校共育专题研讨") > 1

    def test_phrase_ranks_higher(self, engine, pages):
        # Both cases contain 班主任 and 心理; only one has 心理老师 right after each other.
        ranked = titles(self.search(engine, "心理 老师"))
        assert ranked[0] == "学生心理健康教育案例"

    def test_totals_and_facets_describe_exactly_the_results(self, engine, pages):
        response = self.search(engine, "家长 班会", page_size=50)  # none has both words
        assert response.total == len(response.results) > 1
        assert sum(n for _v, n in response.facets["type"]) == response.total
        shown = [r for r in response.results if r.type == "case"]
        assert dict(response.facets["type"]).get("case", 0) == len(shown)

    def test_typo_and_pinyin_are_corrected(self, engine, pages):
        typo = self.search(engine, "心里健康")
        assert typo.corrections == [("心里健康", "心理健康")]
        assert "学生心理健康教育案例" in titles(typo)
        pinyin = self.search(engine, "jiafang")
        assert pinyin.corrections == [("jiafang", "家访")]
        assert "家校协同育人的三次家访" in titles(pinyin)
        assert self.search(engine, "心里健康", exact=True).corrections == []

    def test_context_fields_are_searchable(self, engine, pages):
        # The province and the studio name are not in the case's text.
        found = titles(self.search(engine, "贵州", type="case"))
        assert "学生心理健康教育案例" in found
        assert "家校协同育人的三次家访" in titles(self.search(engine, "阳光心理", type="case"))

    def test_a_studio_renamed_or_moved_to_another_province_is_found_by_its_new_context(self, engine, pages):
        studio = pages["bj"]
        studio.title = "星河班主任工作室"
        studio.province = Province.SICHUAN
        studio.save_revision().publish()
        found = titles(self.search(engine, "星河", type="case"))
        assert "帮助沉迷手机游戏的学生重建作息" in found
        assert "帮助沉迷手机游戏的学生重建作息" in titles(self.search(engine, "四川", type="case"))
        assert "帮助沉迷手机游戏的学生重建作息" not in titles(self.search(engine, "北京", type="case"))

    def test_one_result_per_handbook_with_its_matching_chapters(self, engine, pages):
        from core.choices import HandbookTopic
        from tests.resources.factories import make_handbook, paragraph

        handbook = make_handbook(
            pages["gz"],
            "新任班主任手册",
            topics=(HandbookTopic.EVALUATION,),  # not 班级管理: a broader term of 晚自习
            chapters=[
                ("接班第一周", [paragraph("<p>第一周先记住每个学生的名字，再谈班规。</p>")]),
                ("晚自习管理", [paragraph("<p>晚自习的纪律靠班干部轮值。</p>")]),
                ("家访安排", [paragraph("<p>家访前先和家长约好时间。</p>")]),
            ],
        )
        response = self.search(engine, "班规 晚自习")
        handbooks = [r for r in response.results if r.type == "handbook"]
        assert [r.title for r in handbooks] == ["新任班主任手册"]
        assert [c["title"] for c in handbooks[0].chapters] == ["接班第一周", "晚自习管理"]
        assert handbooks[0].chapters[1]["url"].startswith(handbook.url)
        # A chapter unpublished: its words leave the handbook's document.
        handbook.get_children().get(title="晚自习管理").specific.unpublish()
        response = self.search(engine, "晚自习", type="handbook")
        assert response.total == 0

    def test_no_facet_for_the_absence_of_a_promotion(self, engine, pages):
        response = self.search(engine, "班主任")
        assert "none" not in dict(response.facets["promotion"])
        assert dict(response.facets["promotion"]) == {"province": 1, "ministry": 1}

    def test_stop_words_generic_words_and_broader_terms_are_not_highlighted(self, engine, pages):
        result = next(r for r in self.search(engine, "的 家访 学生").results if r.title == "家校协同育人的三次家访")
        assert "<mark>的</mark>" not in str(result.title_html) and "<mark>家访</mark>" in str(result.title_html)
        assert "<mark>学生</mark>" not in str(result.snippet)  # generic beside 家访
        make_case(pages["gz"], "家校沟通的三个原则", summary="家校沟通要及时、具体、有回应。")
        response = self.search(engine, "家访")  # 家校沟通 is a broader term of 家访: found, not marked
        assert "家校沟通的三个原则" in titles(response)
        assert "家访" in response_tokens(response) and "家校沟通" not in response_tokens(response)

    # Visibility ---------------------------------------------------------------
    def test_drafts_never_returned(self, engine, pages):
        assert "草稿：心理委员培训方案" not in titles(self.search(engine, "心理委员"))
        assert self.search(engine, "草稿").total == 0

    def test_draft_changes_of_a_live_page_are_not_indexed(self, engine, pages):
        case = pages["mental"]
        case.title = "改动未发布的标题星光"
        case.save_revision()
        assert self.search(engine, "星光").total == 0
        assert "学生心理健康教育案例" in titles(self.search(engine, "心理"))

    def test_unpublish_removes(self, engine, pages):
        pages["family"].unpublish()
        assert "家校协同育人的三次家访" not in titles(self.search(engine, "家访"))

    def test_delete_removes(self, engine, pages):
        pages["games"].delete()
        assert self.search(engine, "网瘾").total == 0

    def test_private_page_and_its_subtree_removed_and_restored(self, engine, pages):
        restriction = PageViewRestriction.objects.create(
            page=pages["gz"], restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        found = titles(self.search(engine, "心理"))
        assert "学生心理健康教育案例" not in found and "阳光心理班主任工作室" not in found
        restriction.delete()
        assert "学生心理健康教育案例" in titles(self.search(engine, "心理"))

    def test_new_page_under_private_parent_not_returned(self, engine, pages):
        PageViewRestriction.objects.create(page=pages["bj"], restriction_type=PageViewRestriction.LOGIN)
        make_case(pages["bj"], "班级图书角的故事", summary="图书角让班级多了书香。")
        assert self.search(engine, "图书角").total == 0

    def test_move_under_private_parent_removes(self, engine, pages):
        PageViewRestriction.objects.create(page=pages["bj"], restriction_type=PageViewRestriction.LOGIN)
        Page.objects.get(pk=pages["mental"].pk).move(pages["bj"], pos="last-child")
        assert "学生心理健康教育案例" not in titles(self.search(engine, "心理"))

    def test_move_updates_url_and_studio(self, engine, pages):
        Page.objects.get(pk=pages["mental"].pk).move(pages["bj"], pos="last-child")
        result = next(r for r in self.search(engine, "心理").results if r.title == "学生心理健康教育案例")
        assert result.url == Page.objects.get(pk=pages["mental"].pk).url
        assert result.document.studio_name == "启航生涯班主任工作室"
        assert result.document.province == "beijing"

    # Facets -------------------------------------------------------------------
    def test_facet_counts_equal_database_counts(self, engine, pages):
        from cases.models import CasePage

        response = self.search(engine, "", type="case")
        live = CasePage.objects.live().public()
        assert response.total == live.count()
        assert dict(response.facets["category"]) == {
            c: live.filter(category=c).count() for c in set(live.values_list("category", flat=True))
        }
        directions = dict(response.facets["direction"])
        for code, n in directions.items():
            assert n == live.filter(directions__code=code).count()
        assert dict(response.facets["year"]) == {
            y: live.filter(year=y).count() for y in set(live.values_list("year", flat=True))
        }
        types = dict(response.facets["type"])  # the type facet ignores the type filter
        assert types["studio"] == 2 and types["update"] == 1 and types["case"] == live.count()

    def test_facets_follow_the_query_and_other_filters(self, engine, pages):
        response = self.search(engine, "班主任", province="guizhou")
        assert all(r.document.province == "guizhou" for r in response.results)
        provinces = dict(response.facets["province"])  # province facet ignores its own filter
        assert provinces["guizhou"] == response.total
        assert provinces.get("beijing", 0) == self.search(engine, "班主任", province="beijing").total > 0
        mental = self.search(engine, "班主任", direction="mental-health")
        assert mental.total == dict(response.facets["direction"]).get("mental-health", 0) + dict(
            self.search(engine, "班主任", province="beijing").facets["direction"]
        ).get("mental-health", 0)

    def test_pagination(self, engine, pages):
        everything = service.search("", {}, page=1, page_size=50, engine=engine)
        first = service.search("", {}, page=1, page_size=2, engine=engine)
        second = service.search("", {}, page=2, page_size=2, engine=engine)
        assert first.total == everything.total == SearchDocument.objects.count()
        assert len(first.results) == 2
        assert [r.title for r in first.results + second.results] == titles(everything)[:4]

    # Orders ---------------------------------------------------------------------
    @staticmethod
    def order_keys(response, by_promotion=False):
        """Per result (full match, [promotion rank,] date in seconds): what the order sorts on."""
        from core.choices import PROMOTION_RANKS

        return [
            (
                r.matched_all,
                *((PROMOTION_RANKS.get(r.document.promotion, 0),) if by_promotion else ()),
                int(r.document.date.timestamp()) if r.document.date else 0,
            )
            for r in response.results
        ]

    def test_without_words_newest_or_highest_promotion_first(self, engine, pages):
        newest = service.search("", {"type": "case"}, page_size=50, engine=engine)
        assert newest.sort == "new" and newest.total == 4
        assert self.order_keys(newest) == sorted(self.order_keys(newest), reverse=True)
        promoted = service.search("", {"type": "case"}, page_size=50, engine=engine, sort="promotion")
        assert promoted.sort == "promotion" and promoted.total == 4
        assert titles(promoted)[:2] == ["家校协同育人的三次家访", "学生心理健康教育案例"]  # 部级, then 省级
        assert set(titles(promoted)) == set(titles(newest))
        # 相关度 without words is 最新
        assert titles(service.search("", {"type": "case"}, page_size=50, engine=engine, sort="relevance")) == titles(
            newest
        )

    @pytest.mark.parametrize("sort", ["new", "promotion"])
    @pytest.mark.parametrize("q", ["班主任", "心理 班主任", "家长 班会"])
    def test_an_order_keeps_the_matches_and_puts_full_matches_first(self, engine, pages, sort, q):
        ranked = self.search(engine, q)
        ordered = service.search(q, {}, page_size=50, engine=engine, sort=sort)
        assert ranked.sort == "relevance" and ordered.sort == sort
        assert ordered.total == ranked.total >= 2
        assert sorted(titles(ordered)) == sorted(titles(ranked))
        keys = self.order_keys(ordered, by_promotion=sort == "promotion")
        assert keys == sorted(keys, reverse=True)
        # the facets do not depend on the order
        assert ordered.facets == ranked.facets

    def test_promotion_order_across_pages(self, engine, pages):
        first = service.search("", {}, page=1, page_size=2, engine=engine, sort="promotion")
        second = service.search("", {}, page=2, page_size=2, engine=engine, sort="promotion")
        assert titles(first)[0] == "家校协同育人的三次家访"
        assert not set(titles(first)) & set(titles(second))
        assert self.order_keys(first, True)[-1] >= self.order_keys(second, True)[0]

    # Snippets -----------------------------------------------------------------
    def test_snippet_marks_words_without_spaces(self, engine, pages):
        # The summary holds the words: it is the snippet.
        result = next(r for r in self.search(engine, "心理老师").results if r.title == "学生心理健康教育案例")
        snippet = str(result.snippet)
        assert "<mark>心理</mark>老师" in snippet or "<mark>心理老师</mark>" in snippet
        assert snippet.startswith("一名中职新生入学后情绪低落")
        # Only the body holds 晚自习: its sentence, in the original text (no spaces added).
        result = next(r for r in self.search(engine, "晚自习").results if r.title == "学生心理健康教育案例")
        snippet = str(result.snippet)
        assert "开学第二周，小林在<mark>晚自习</mark>时独自哭泣" in snippet
        assert "经过一个学期" not in snippet  # one sentence, not the next paragraph
        assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= 125

    def test_snippet_escapes_html(self, engine, pages):
        make_case(
            pages["gz"],
            "转义测试案例",
            summary="摘要",
            paragraphs=["&lt;b&gt;班规&lt;/b&gt; &amp; 班约：班规要共同制定。"],
        )
        result = self.search(engine, "班规").results[0]
        assert "&lt;b&gt;<mark>班规</mark>&lt;/b&gt; &amp; 班约" in str(result.snippet)

    def test_full_width_text_highlighted_in_original(self, engine, pages):
        result = self.search(engine, "ppt").results[0]
        assert "用<mark>ＰＰＴ" in str(result.title_html)  # the original full-width letters, marked

    # Hostile input --------------------------------------------------------------
    @pytest.mark.parametrize(
        "q",
        [
            '"',
            '"*',
            "NEAR(心理",
            "心理 OR 家校",
            "心理 AND NOT",
            "((( 心理",
            "') OR 1=1 --",
            "'; DROP TABLE sitesearch_searchdocument; --",
            "title:心理 ^ * - + : { } [ ]",
            "\x00\x01心理\x1f",
            "心" * 10000,
            "&lt;script&gt;<script>alert(1)</script>",
            "！？。，、",
            "的 了",
        ],
    )
    def test_hostile_queries_are_safe(self, engine, pages, q):
        response = self.search(engine, q)
        assert response.total >= 0
        assert SearchDocument.objects.count() > 0
        for result in response.results:
            assert "<script>" not in str(result.snippet)
