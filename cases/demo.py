"""Demo typical cases for ``manage.py load_demo``: 60 cases under the demo studios.

Idempotent: a case is identified by its studio and title, and an existing one
is left alone. Every category and every construction direction is covered;
bodies are 600-2500 characters of original text (see ``cases.demo_text``),
some with a picture drawn by Pillow and some with a table.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from home.choices import CaseCategory, Direction, PromotionLevel

from .demo_text import GRADES, MAJORS, NAMES, SECTION_HEADINGS, TABLE_HEADERS, TABLE_ROWS, TEXT
from .rules import count_characters

# Which effect paragraph ends each of the four stories of a category.
EFFECT_FOR = {CaseCategory.KEY_STUDENT_SUPPORT: [1, 0, 0, 2], CaseCategory.CLASS_CULTURE: [0, 1, 2, 0]}
# Reflections that only fit one story: {category: {reflection index: story}}.
REFLECTION_ONLY_FOR = {CaseCategory.FAMILY_COMMUNICATION: {2: 0}}
# A direction close to each category, added beside the rotating one.
CATEGORY_DIRECTION = {
    CaseCategory.CLASS_CULTURE: Direction.CULTURE,
    CaseCategory.KEY_STUDENT_SUPPORT: Direction.MENTAL_HEALTH,
    CaseCategory.TYPICAL_STUDENT: Direction.IDEOLOGY,
    CaseCategory.FAMILY_COMMUNICATION: Direction.FAMILY_SCHOOL,
    CaseCategory.EMERGENCY: Direction.CLASS_MANAGEMENT,
}
MIN_CHARACTERS = 650
ORDINALS = ["一是", "二是", "三是", "四是", "五是"]
AUTHORS = ["王芳", "李明", "张丽", "刘洋", "陈静", "杨帆", "赵雪", "黄磊", "周敏", "吴昊", "徐婷", "孙强"]


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def heading(text):
    return {"type": "heading", "value": {"text": text, "size": "h2"}}


def case_plan():
    """The 60 demo cases as plain data, in a fixed order."""
    plan = []
    directions = list(Direction.values)
    number = 0
    for category, text in TEXT.items():
        for index, (title, summary, keywords) in enumerate(text["titles"]):
            story, variant = index // 3, index % 3
            words = {
                "name": NAMES[(number * 5) % len(NAMES)],
                "major": MAJORS[(number * 7) % len(MAJORS)],
                "grade": GRADES[(number + story) % len(GRADES)],
            }
            effect = EFFECT_FOR.get(category, [0, 1, 2, 3])[story]
            allowed = [
                i
                for i in range(len(text["reflection"]))
                if REFLECTION_ONLY_FOR.get(category, {}).get(i, story) == story
            ]
            reflection = allowed[(index + variant) % len(allowed)]
            # Four or five measures, in their written order, renumbered 一是、二是…
            count = 4 + number % 2
            measures = sorted({(index + k * 2) % len(text["measures"]) for k in range(count)})
            codes = [directions[number % len(directions)]]
            if CATEGORY_DIRECTION[category] not in codes:
                codes.append(CATEGORY_DIRECTION[category])
            if number % 3 == 0 and directions[(number + 4) % len(directions)] not in codes:
                codes.append(directions[(number + 4) % len(directions)])
            if number % 11 == 0:
                level = PromotionLevel.MINISTRY
            elif number % 5 == 1:
                level = PromotionLevel.PROVINCE
            elif number % 4 == 2:
                level = PromotionLevel.SCHOOL
            else:
                level = PromotionLevel.NONE
            sections = [
                [text["background"][story].format(**words)],
                [text["process"][story].format(**words)],
                [ORDINALS[k] + text["measures"][i].format(**words)[2:] for k, i in enumerate(measures)],
                [text["effect"][effect].format(**words)],
                [text["reflection"][reflection].format(**words)],
            ]
            if count_characters("".join(map("".join, sections))) < MIN_CHARACTERS:
                second = next(i for i in allowed if i != reflection)
                sections[4].append(text["reflection"][second].format(**words))
            plan.append(
                {
                    "number": number,
                    "title": title,
                    "summary": summary,
                    "keywords": keywords,
                    "category": category,
                    "codes": codes[:3],
                    "year": 2022 + number % 5,
                    "promotion_level": level,
                    "authors": "、".join([AUTHORS[number % 12], AUTHORS[(number + 5) % 12]][: 1 + number % 2]),
                    "sections": sections,
                    "with_table": number % 3 == 1,
                    "with_image": number % 4 == 0,
                }
            )
            number += 1
    return plan


def planned_promotions():
    """``[(title, level, year)]``: the demo cases promoted at load time (by the administrator)."""
    return [
        (item["title"], item["promotion_level"], item["year"])
        for item in case_plan()
        if item["promotion_level"] != PromotionLevel.NONE
    ]


def build_body(item, image=None):
    children = []
    for heading_text, paragraphs in zip(SECTION_HEADINGS, item["sections"], strict=True):
        children.append(heading(heading_text))
        children += [paragraph(text) for text in paragraphs]
        if heading_text == SECTION_HEADINGS[0] and image is not None:
            image_value = {"image": image.pk, "decorative": False, "alt_text": item["title"]}
            children.append({"type": "image", "value": {"image": image_value, "caption": "活动现场示意"}})
        if heading_text == SECTION_HEADINGS[1] and item["with_table"]:
            table = {
                "data": [TABLE_HEADERS, *TABLE_ROWS],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "工作推进安排",
            }
            children.append({"type": "table", "value": table})
    return children


def demo_image(item, studio):
    """The case's picture, in its studio's collection (where the studio's editors choose images)."""
    from home.demo_images import banner, wagtail_image

    return wagtail_image(
        f"案例配图：{item['title']}",
        lambda: banner(item["title"], seed=f"case-{item['number']}", subtitle="典型案例"),
        filename=f"case-{item['number']:02d}.jpg",
        collection=studio.space.collection,
    )


def load(stdout):
    """Create the demo cases under the live studios (idempotent)."""
    from home.models import Direction as DirectionRow
    from studios.demo import demo_studios

    from .models import CaseBodyBlock, CasePage

    studios = list(demo_studios())
    if not studios:
        stdout.write("典型案例：没有已发布的工作室，跳过示例案例。")
        return
    rows = {row.code: row for row in DirectionRow.objects.all()}
    block = CaseBodyBlock()
    created = 0
    for item in case_plan():
        studio = studios[item["number"] % len(studios)]
        if CasePage.objects.filter(studio=studio, title=item["title"]).exists():
            continue
        image = demo_image(item, studio) if item["with_image"] else None
        body = block.to_python(build_body(item, image))
        with transaction.atomic():
            case = CasePage(
                title=item["title"],
                authors=item["authors"],
                category=item["category"],
                year=item["year"],
                summary=item["summary"],
                keywords=item["keywords"],
                body=body,
                cover=image,
                live=True,
            )
            case.directions = [rows[code] for code in item["codes"]]
            studio.add_child(instance=case)
            case.save_revision().publish()
            published = timezone.make_aware(
                datetime.datetime(item["year"], 1 + item["number"] % 12, 1 + item["number"] % 27, 9, 30)
            )
            published = min(published, timezone.now() - datetime.timedelta(days=1))
            CasePage.objects.filter(pk=case.pk).update(first_published_at=published, last_published_at=published)
        created += 1
    stdout.write(f"典型案例：新建 {created} 个，共 {CasePage.objects.count()} 个。")
