"""Pages for the search tests: original Chinese text written for this project."""

import itertools
import json

from wagtail.models import Page

from core.choices import CaseCategory, Direction, PromotionLevel, Province, SchoolType
from tests.factories import directions, make_studio, make_update

_n = itertools.count(1)


def body(*paragraphs):
    return json.dumps([{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs])


def make_case(
    studio,
    title,
    *,
    summary="",
    paragraphs=(),
    category=CaseCategory.FAMILY_COMMUNICATION,
    direction_codes=(Direction.FAMILY_SCHOOL,),
    year=2025,
    promotion=PromotionLevel.NONE,
    keywords="",
    publish=True,
):
    from cases.models import CasePage

    n = next(_n)
    case = CasePage(
        title=title,
        slug=f"case-{n}",
        authors="李老师",
        category=category,
        year=year,
        summary=summary or title,
        body=body(*(paragraphs or [summary or title])),
        keywords=keywords,
        promotion_level=promotion,
        live=publish,
    )
    case.directions = directions(*direction_codes)
    studio.add_child(instance=case)
    revision = case.save_revision()
    if publish:
        revision.publish()
    return Page.objects.get(pk=case.pk).specific


def corpus():
    """Two studios (贵州 中职, 北京 高校) with cases and updates covering the contract."""
    gz = make_studio(
        "阳光心理班主任工作室",
        province=Province.GUIZHOU,
        school_type=SchoolType.VOCATIONAL,
        direction_codes=(Direction.MENTAL_HEALTH, Direction.FAMILY_SCHOOL),
    )
    bj = make_studio(
        "启航生涯班主任工作室",
        province=Province.BEIJING,
        school_type=SchoolType.UNIVERSITY,
        direction_codes=(Direction.CAREER,),
    )
    pages = {"gz": gz, "bj": bj}
    pages["mental"] = make_case(
        gz,
        "学生心理健康教育案例",
        summary="一名中职新生入学后情绪低落，班主任联合心理老师开展个别辅导。",
        paragraphs=[
            "开学第二周，小林在晚自习时独自哭泣，不愿与同学交流。班主任第一时间与心理老师沟通，制定了陪伴计划。",
            "经过一个学期的跟踪，小林主动报名参加了班级的主题班会，情绪明显好转。",
        ],
        category=CaseCategory.KEY_STUDENT_SUPPORT,
        direction_codes=(Direction.MENTAL_HEALTH,),
        year=2024,
        promotion=PromotionLevel.PROVINCE,
    )
    pages["family"] = make_case(
        gz,
        "家校协同育人的三次家访",
        summary="通过三次家访，工作室把家长从旁观者变成了合作者。",
        paragraphs=[
            "第一次家访，父母对孩子在校表现并不了解；第二次家访，我们一起制定了周末作息表。",
            "第三次家访时，家长已经能主动分享孩子的变化。家校协同育人需要耐心和持续的沟通。",
        ],
        category=CaseCategory.FAMILY_COMMUNICATION,
        direction_codes=(Direction.FAMILY_SCHOOL,),
        year=2025,
        promotion=PromotionLevel.MINISTRY,
    )
    pages["games"] = make_case(
        bj,
        "帮助沉迷手机游戏的学生重建作息",
        summary="大一学生小周沉迷手机游戏，多门课程缺考。",
        paragraphs=[
            "辅导员和班主任共同约谈小周，约定每晚十一点前上交手机，并安排学长结对帮扶。",
            "半年后，小周的绩点回到了班级中游，还加入了学院的创新创业团队。",
        ],
        category=CaseCategory.KEY_STUDENT_SUPPORT,
        direction_codes=(Direction.CAREER, Direction.MENTAL_HEALTH),
        year=2025,
    )
    pages["ppt"] = make_case(
        bj,
        "用ＰＰＴ课件讲好5G与AI时代的职业选择",
        summary="一节生涯规划主题班会的设计与反思。",
        paragraphs=["班会以 PPT 课件展示5G基站维护、AI 训练师等新职业，学生分组调研后进行汇报。"],
        category=CaseCategory.CLASS_CULTURE,
        direction_codes=(Direction.CAREER,),
        year=2023,
    )
    pages["update"] = make_update(
        gz,
        "工作室开展家校共育专题研讨",
        summary="工作室成员围绕家长学校建设开展专题研讨。",
        body=body(
            "研讨会上，五位成员分别介绍了本班家长会的做法，大家认为立德树人要落实到每一次沟通中，也要关注学生的心理变化。"
        ),
    )
    pages["draft"] = make_case(gz, "草稿：心理委员培训方案", summary="尚未发布的心理委员培训草稿。", publish=False)
    return pages
