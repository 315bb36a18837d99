"""Cases with rich bodies for the outreach tests (headings, bold/italic, lists, tables, images)."""

import itertools

from wagtail.rich_text import RichText

from core.choices import CaseCategory, Direction, PromotionLevel
from tests.factories import directions, make_image, make_promotion

_counter = itertools.count(1)


def rich_body(image=None):
    """A case body in raw StreamField form using every block the converters handle."""
    blocks = [
        {"type": "heading", "value": {"text": "一、案例背景", "size": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>高一（3）班有 42 名学生，其中<b>住校生 30 人</b>，不少学生第一次离家，"
            "<i>想家、失眠</i>的情况较为普遍。</p><p>班主任在开学第二周发现，小林连续三天没有吃早饭。</p>",
        },
        {"type": "heading", "value": {"text": "二、主要做法", "size": "h3"}},
        {
            "type": "paragraph",
            "value": "<ol><li>与小林单独谈心，了解他的作息与饮食。</li><li>联系家长，约定每周两次视频通话。</li></ol>"
            "<ul><li>建立寝室互助小组</li><li>每周五开展“家的味道”分享会</li></ul>",
        },
        {
            "type": "table",
            "value": {
                "data": [
                    ["时间", "措施", "成效"],
                    ["第一周", "谈心谈话", "按时吃早饭"],
                    ["第四周", "家校视频", "情绪稳定"],
                ],
                "first_row_is_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        },
        {"type": "heading", "value": {"text": "三、反思", "size": "h2"}},
        {"type": "paragraph", "value": "<p>关注学生的<b><i>小事</i></b>，往往是走进学生内心的开始。</p>"},
    ]
    if image is not None:
        blocks.insert(
            4,
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "寝室互助小组合影", "decorative": False},
                    "caption": "寝室互助小组",
                },
            },
        )
    return blocks


def make_case(studio, title=None, *, body=None, publish=True, with_image=False, **fields):
    from cases.models import CasePage

    n = next(_counter)
    direction_codes = fields.pop("direction_codes", (Direction.FAMILY_SCHOOL, Direction.MENTAL_HEALTH))
    promotion_level = fields.pop("promotion_level", PromotionLevel.PROVINCE)
    case = CasePage(
        title=title or f"测试典型案例{n}",
        slug=fields.pop("slug", f"case-{n}"),
        authors=fields.pop("authors", "王芳、李明"),
        category=fields.pop("category", CaseCategory.KEY_STUDENT_SUPPORT),
        year=fields.pop("year", 2025),
        summary=fields.pop("summary", "住校新生不吃早饭，班主任家校协同帮助其适应集体生活。"),
        keywords=fields.pop("keywords", "住校生、适应、家校协同"),
        live=publish,
        **fields,
    )
    case.body = body if body is not None else rich_body(make_image("案例配图", size=(320, 200)) if with_image else None)
    case.directions = directions(*direction_codes)
    studio.add_child(instance=case)
    if publish:
        case.save_revision().publish()
        if promotion_level != PromotionLevel.NONE:
            make_promotion(case, promotion_level, case.year)
            case.refresh_from_db()
    else:
        case.save_revision()
    return case


__all__ = ["RichText", "make_case", "rich_body"]
