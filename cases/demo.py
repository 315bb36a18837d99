"""Demo typical cases for ``manage.py load_demo``: 60 cases under the demo studios.

The cases are data, one file per case-library category in ``cases/demo_data/cases/``:
each case is its own story (title, summary, keywords, directions, its studio, its
sections with their own headings, sometimes a table or a picture), and a promoted case
carries the 推荐意见 its promoting body wrote. Idempotent: a case is identified by its
studio and title, and an existing one is left alone. The students are pseudonyms and the
text was written for this project.
"""

import datetime
import functools
import tomllib
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from core.choices import CaseCategory, Direction, PromotionLevel
from core.demo_images import banner, wagtail_image
from core.models import Direction as DirectionRow
from studios.demo import choice as _choice
from studios.demo import demo_studios
from studios.demo import read as read_studio_data

DATA = Path(__file__).resolve().parent / "demo_data" / "cases"


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def heading(text):
    return {"type": "heading", "value": {"text": text, "size": "h2"}}


def _paragraphs(text):
    """A section's text: paragraphs separated by blank lines, each line break inside one joined."""
    return ["".join(line.strip() for line in block.splitlines()) for block in text.strip().split("\n\n")]


@functools.cache
def _hosts():
    return {studio["slug"]: studio["host_name"] for studio in read_studio_data("studios.toml")["studio"]}


@functools.cache
def _plan():
    plan = []
    for path in sorted(DATA.glob("*.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        category = CaseCategory(_choice(CaseCategory, data["category"], path.name))
        for item in data["case"]:
            where = f"{path.name}“{item['title']}”"
            level = PromotionLevel(_choice(PromotionLevel, item["promotion"], where)) if "promotion" in item else None
            if level is not None and not item.get("opinion"):
                raise ValueError(f"{where}：推介的案例须写推荐意见")
            sections = []
            for section in item["section"]:
                table = None
                if "table" in section:
                    table = {"caption": section["table_caption"], "rows": section["table"]}
                sections.append(
                    {"heading": section["heading"], "paragraphs": _paragraphs(section["text"]), "table": table}
                )
            plan.append(
                {
                    "number": len(plan),
                    "title": item["title"],
                    "summary": item["summary"],
                    "keywords": item["keywords"],
                    "category": category,
                    "codes": [_choice(Direction, label, where) for label in item["directions"]],
                    "studio": item["studio"],
                    "year": item["year"],
                    "promotion_level": level or PromotionLevel.NONE,
                    "opinion": item.get("opinion", ""),
                    # 推荐意见 at other levels than the planned one (a school's before a Ministry's).
                    "opinions": {
                        _choice(PromotionLevel, label, where): text for label, text in item.get("opinions", {}).items()
                    },
                    "authors": item.get("authors") or _hosts()[item["studio"]],
                    "sections": sections,
                    "image_caption": item.get("image_caption", ""),
                }
            )
    return plan


def case_plan():
    """The 60 demo cases as plain data, in a fixed order (a copy: callers may change it)."""
    return [dict(item) for item in _plan()]


def story_text(item):
    """Everything a reader reads in a planned case's body: headings, paragraphs and table cells."""
    parts = []
    for section in item["sections"]:
        parts += [section["heading"], *section["paragraphs"]]
        if section["table"]:
            parts += [section["table"]["caption"], *(str(cell) for row in section["table"]["rows"] for cell in row)]
    return "".join(parts)


def planned_promotions():
    """``[(title, level, year, 推荐意见)]``: the demo cases promoted at load time (by the administrator)."""
    return [
        (item["title"], item["promotion_level"], item["year"], item["opinion"])
        for item in _plan()
        if item["promotion_level"] != PromotionLevel.NONE
    ]


def opinion_for(title, level):
    """The 推荐意见 the demo case ``title`` has at ``level``, or ``""`` when the data gives none."""
    for item in _plan():
        if item["title"] == title:
            if level == item["promotion_level"]:
                return item["opinion"]
            return item["opinions"].get(level, "")
    return ""


def build_body(item, image=None):
    children = []
    for index, section in enumerate(item["sections"]):
        children.append(heading(section["heading"]))
        children += [paragraph(text) for text in section["paragraphs"]]
        if index == 0 and image is not None:
            # The demo has no photographs: the picture is a drawn card naming what a photo would show.
            image_value = {"image": image.pk, "decorative": False, "alt_text": f"示意图：{item['image_caption']}"}
            children.append(
                {"type": "image", "value": {"image": image_value, "caption": f"{item['image_caption']}（示意图）"}}
            )
        if section["table"]:
            table = {
                "data": [[str(cell) for cell in row] for row in section["table"]["rows"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": section["table"]["caption"],
            }
            children.append({"type": "table", "value": table})
    return children


def demo_image(item, studio):
    """The case's picture, in its studio's collection (where the studio's editors choose images)."""
    return wagtail_image(
        f"案例配图：{item['title']}",
        lambda: banner(item["image_caption"], seed=f"case-{item['number']}", subtitle=f"示意图 · {item['title']}"),
        filename=f"case-{item['number']:02d}.jpg",
        collection=studio.space.collection,
    )


def load(stdout):
    """Create the demo cases under the live studios (idempotent)."""
    from .models import CaseBodyBlock, CasePage

    studios = list(demo_studios())
    if not studios:
        stdout.write("典型案例：没有已发布的工作室，跳过示例案例。")
        return
    by_slug = {studio.slug: studio for studio in studios}
    rows = {row.code: row for row in DirectionRow.objects.all()}
    block = CaseBodyBlock()
    created = 0
    for item in case_plan():
        # Under the studio that wrote it; spread over whatever studios exist otherwise.
        studio = by_slug.get(item["studio"]) or studios[item["number"] % len(studios)]
        if CasePage.objects.filter(studio=studio, title=item["title"]).exists():
            continue
        image = demo_image(item, studio) if item["image_caption"] else None
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
