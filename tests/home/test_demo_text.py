"""The demo's stories are each written once: no run of 50 characters appears in two demo cases,
updates or resources, and each case passes the students' privacy gate and the case rules."""

from cases.demo import case_plan, opinion_for, planned_promotions, story_text
from cases.rules import MAX_BODY_CHARACTERS, count_characters
from privacy.detector import scan
from resources.demo import demo_resources, resource_text
from studios.demo import demo_data

RUN = 50


def repeated_runs(texts):
    """``{(name, other name): a run of RUN characters both contain}`` for ``{name: text}``."""
    first_seen, shared = {}, {}
    for name, text in texts.items():
        for start in range(len(text) - RUN + 1):
            run = text[start : start + RUN]
            other = first_seen.setdefault(run, name)
            if other != name:
                shared.setdefault((other, name), run)
    return shared


def update_texts():
    _studios, updates, _featured, _members = demo_data()
    return {
        f"{studio}/{update['slug']}": update["summary"] + "".join(text for _heading, text in update["sections"])
        for studio, items in updates.items()
        for update in items
    }


def case_texts():
    return {f"{item['number']} {item['title']}": item["summary"] + story_text(item) for item in case_plan()}


def resource_texts():
    return {f"resource {item['slug']}": resource_text(item) for item in demo_resources()}


def test_the_repetition_check_finds_a_copied_paragraph():
    texts = update_texts()
    name, text = next(iter(texts.items()))
    texts["copy"] = "另写的开头。" + text[10 : 10 + RUN] + "另写的结尾。"
    assert list(repeated_runs(texts)) == [(name, "copy")]


def test_no_two_demo_updates_share_a_passage():
    assert repeated_runs(update_texts()) == {}


def test_no_two_demo_cases_or_updates_share_a_passage():
    assert repeated_runs(update_texts() | case_texts()) == {}


def test_no_two_demo_resources_share_a_passage_with_each_other_or_a_story():
    """The files of two resources of one type used to repeat the same points and table."""
    texts = resource_texts()
    assert len(texts) >= 30
    assert repeated_runs(update_texts() | case_texts() | texts) == {}


def test_every_demo_resource_with_files_has_its_own_sections():
    for item in demo_resources():
        if item["formats"] != "video":
            assert len(item["sections"]) >= 2, item["slug"]
            assert scan(resource_text(item)) == [], item["slug"]


def test_a_case_text_covers_its_tables():
    """A table copied between two cases counts as a shared passage."""
    item = next(item for item in case_plan() if any(section["table"] for section in item["sections"]))
    cells = "".join(str(cell) for s in item["sections"] if s["table"] for row in s["table"]["rows"] for cell in row)
    assert cells and cells[:20] in story_text(item)


def test_every_demo_case_is_its_own_length_and_shape():
    plan = case_plan()
    lengths = [count_characters(story_text(item)) for item in plan]
    assert all(600 <= length <= MAX_BODY_CHARACTERS for length in lengths), lengths
    assert max(lengths) - min(lengths) >= 800  # short notes and long accounts, not one template
    # Each case has headings of its own: no outline shared by more than a few cases.
    outlines = [tuple(section["heading"] for section in item["sections"]) for item in plan]
    assert max(outlines.count(outline) for outline in outlines) <= 3
    assert len({len(outline) for outline in outlines}) >= 3


def test_demo_cases_pass_the_privacy_gate_without_a_warning():
    """Pseudonyms only (小林), no numbers a reader could trace: nothing to remove or to confirm."""
    for item in case_plan():
        text = "\n".join([item["title"], item["summary"], story_text(item)])
        assert scan(text, public_names=[item["authors"]]) == [], item["title"]


def test_every_planned_promotion_has_its_own_opinion():
    promotions = planned_promotions()
    assert len(promotions) > 10
    opinions = [opinion for _title, _level, _year, opinion in promotions]
    assert all(opinions) and len(set(opinions)) == len(opinions)
    assert not any("导入" in opinion for opinion in opinions)
    title, level, _year, opinion = promotions[0]
    assert opinion_for(title, level) == opinion
    assert opinion_for("不是演示案例", level) == ""
