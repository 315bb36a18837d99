"""The 申报书 as one PDF, with the evidence list, in the font and styles of the case PDFs."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.models import SiteIdentity
from outreach.pdf import _register_font, _styles, page_footer

from .choices import AchievementKind, AchievementLevel


def _p(text, style):
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def _table(rows, widths, styles):
    table = Table([[_p(cell, styles["cell"]) for cell in row] for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def application_pdf(application, *, personal=False):
    """``personal`` adds phones and e-mail (for the applicant and the school and provincial reviewers)."""
    _register_font()
    styles = _styles()
    site_name = SiteIdentity.name_for()
    programme = application.programme
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{application.studio_name}申报书",
        subject=programme.title,
        creator=site_name,
    )
    width = doc.width
    story = [
        _p(f"{programme.title}申报书", styles["title"]),
        _p(
            f"工作室名称：{application.studio_name}　学校：{application.school}　状态：{application.get_status_display()}",
            styles["meta"],
        ),
        Spacer(1, 4 * mm),
        _p("一、主持人基本情况", styles[2]),
    ]
    host = [
        ["姓名", application.host_name, "职称", application.host_title],
        [
            "职称层级",
            application.get_host_title_rank_display() or "",
            "连续担任班主任",
            f"{application.host_years} 年" if application.host_years is not None else "",
        ],
        ["在职在岗", "是" if application.host_in_post else "否", "职务", application.host_position],
    ]
    if personal:
        host.append(["联系电话", application.host_phone, "电子邮箱", application.host_email])
    story.append(_table(host, [width * 0.18, width * 0.32, width * 0.18, width * 0.32], styles))
    story.append(_p("二、业绩条件与证明材料", styles[2]))
    rows = [["序号", "业绩类型", "级别", "名称（颁发单位）", "年份", "证明材料"]]
    achievements = application.achievement_list()
    for number, achievement in enumerate(achievements, start=1):
        rows.append(
            [
                number,
                AchievementKind(achievement.kind).label,
                AchievementLevel(achievement.level).label,
                f"{achievement.title}（{achievement.issuer}）" if achievement.issuer else achievement.title,
                achievement.year or "",
                achievement.evidence_filename or ("纸质原件已核验" if achievement.paper_evidence else "未上传"),
            ]
        )
    story.append(_table(rows, [w * width for w in (0.07, 0.22, 0.12, 0.33, 0.08, 0.18)], styles))
    uploaded = sum(1 for a in achievements if a.evidence)
    paper = sum(1 for a in achievements if not a.evidence and a.paper_evidence)
    story.append(
        _p(
            f"证明材料清单：共 {len(achievements)} 项业绩，已上传证明材料 {uploaded} 份，纸质原件已核验 {paper} 份，"
            f"未提供 {len(achievements) - uploaded - paper} 份。证明材料原件不并入本文件，可在平台上逐项查看。",
            styles["meta"],
        )
    )
    story.append(_p("三、团队成员", styles[2]))
    rows = [["姓名", "分工", "职称", "班主任年限", "单位"] + (["联系电话"] if personal else [])]
    for member in application.member_list():
        row = [member.name, member.role, member.title, member.years if member.years is not None else "", member.unit]
        rows.append(row + ([member.phone] if personal else []))
    share = 1 / len(rows[0])
    story.append(_table(rows, [width * share] * len(rows[0]), styles))
    story.append(_p("四、建设方向与模式", styles[2]))
    story.append(
        _p(
            f"建设方向：{'、'.join(application.direction_labels)}　建设模式：{application.get_construction_model_display()}",
            styles["body"],
        )
    )
    for number, (label, text) in enumerate(
        [
            ("建设目标", application.goals),
            ("主要任务", application.tasks),
            ("预期成果", application.outcomes),
            ("保障措施", application.safeguards),
            ("学校支持", application.school_support),
        ],
        start=5,
    ):
        story.append(_p(f"{'五六七八九'[number - 5]}、{label}", styles[2]))
        story.append(_p(text, styles["body"]))
    story.append(_p("十、资格条件核对", styles[2]))
    rows = [["条件", "结果", "说明"]]
    for result in application.eligibility():
        rows.append([result.name, "符合" if result.passed else "不符合", result.reason])
    story.append(_table(rows, [width * 0.38, width * 0.12, width * 0.5], styles))
    if application.recommended_at and application.responsibility_confirmed:
        story.append(_p("十一、学校推荐意见", styles[2]))
        recommender = application.recommended_by
        story.append(
            _p(
                f"{application.school_comment}\n按照“谁推荐、谁负责”的原则，学校对推荐结果负责。"
                f"推荐人：{recommender.get_full_name() or recommender.get_username()}　"
                f"时间：{application.recommended_at:%Y年%m月%d日}",
                styles["body"],
            )
        )

    footer = page_footer(f"{application.studio_name[:30]}申报书 · {site_name}", 18 * mm)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
