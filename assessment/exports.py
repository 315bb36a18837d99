"""The files officials use: the self-evaluation and assessment report and the year-end summary
as Word (python-docx), the growth archive of a member as Word, and a province's studios ×
indicators scores as XLSX (the platform's ``outreach.exports.write_sheet``)."""

import io

import docx
from wagtail.models import Site

from outreach.exports import workbook_bytes, write_sheet

from .choices import EvaluationStatus, RoundStatus
from .evidence import Suggestions, item_for
from .models import AnnualPlan, AssessmentRound, SelfEvaluation, standard_for


def _root_url():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute(url):
    if not url or url.startswith(("http://", "https://")):
        return url
    return _root_url() + url


def _bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _new_document(title):
    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    return document


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    return table


def _evidence_lines(items):
    return [f"{item.source}：{item.label} {absolute(item.url)}".strip() for item in items]


def report_docx(studio, year, include_drafts=False):
    """自评与考核报告: each indicator with the self-rating, narrative, evidence links and scores."""
    standard = standard_for(studio)
    document = _new_document(f"{studio.title} {year} 年度自评与考核报告")
    document.add_paragraph(f"学校：{studio.school}　省份：{studio.get_province_display()}　主持人：{studio.host_name}")
    document.add_paragraph(f"对照标准：{standard}" if standard else "对照标准：未设置")
    evaluation = SelfEvaluation.objects.filter(studio=studio, year=year).first()
    if evaluation and evaluation.status != EvaluationStatus.SUBMITTED and not include_drafts:
        evaluation = None
    rounds = list(AssessmentRound.objects.filter(studio=studio, year=year, status=RoundStatus.FINISHED))
    document.add_heading("一、考核结论", level=1)
    if rounds:
        _table(
            document,
            ["类别", "组织层级", "加权总分", "结论", "评定时间", "总体意见"],
            [
                [r.get_kind_display(), r.level_label, r.total, r.verdict, f"{r.finished_at:%Y-%m-%d}", r.comment]
                for r in rounds
            ],
        )
    else:
        document.add_paragraph("本年度尚无已完成的考核。")
    if standard is None:
        return _bytes(document)
    document.add_heading("二、逐项自评、证据与评分", level=1)
    ratings = {r.indicator_id: r for r in evaluation.ratings.all()} if evaluation else {}
    scale = dict(standard.rating_choices())
    scores = {}
    for r in rounds:
        for score in r.scores.all():
            scores.setdefault(score.indicator_id, []).append((r, score))
    suggestions = Suggestions(studio, standard, year)
    all_evidence = []
    for indicator in standard.third_level().select_related("parent__parent"):
        document.add_heading(f"{indicator.path_label}（{indicator.weight} 分）", level=2)
        document.add_paragraph(indicator.text)
        rating = ratings.get(indicator.pk)
        if rating:
            document.add_paragraph(f"自评等级：{scale.get(rating.rating, '未评')}")
            if rating.narrative:
                document.add_paragraph(f"自评说明：{rating.narrative}")
        items = [item for item in [item_for(rating, "自评证据") if rating else None] if item]
        items += suggestions.for_indicator(indicator)
        for line in _evidence_lines(items):
            document.add_paragraph(line, style="List Bullet")
        all_evidence += [(indicator.code, line) for line in _evidence_lines(items)]
        for r, score in scores.get(indicator.pk, []):
            comment = f"；意见：{score.comment}" if score.comment else ""
            document.add_paragraph(
                f"{r.level_label}{r.get_kind_display()}：得分率 {score.score}，得分 {score.points}{comment}"
            )
    document.add_heading("三、证据清单", level=1)
    _table(document, ["指标", "证据与链接"], all_evidence or [["—", "尚无证据"]])
    return _bytes(document)


def summary_docx(plan):
    document = _new_document(f"{plan.studio.title} {plan.year} 年度工作总结")
    for line in (plan.summary or "（尚未填写年终总结）").splitlines():
        document.add_paragraph(line)
    document.add_heading("附：任务台账", level=1)
    _table(
        document,
        ["任务", "负责人", "期限", "对应指标", "状态", "销账日期", "证据"],
        [
            [
                t.title,
                t.owner,
                t.due_date,
                t.indicator.code,
                t.get_status_display(),
                t.closed_on or "",
                "；".join(_evidence_lines([i for i in [item_for(t, "证据")] if i])) or t.evidence_note,
            ]
            for t in plan.tasks.select_related("indicator", "evidence_page", "evidence_document")
        ],
    )
    return _bytes(document)


def archive_docx(archive):
    document = _new_document(f"{archive.member_name} 成长档案")
    document.add_paragraph(f"工作室：{archive.studio.title}　当前层级：{archive.current_tier}")
    for label, value in [
        ("知识储备", archive.knowledge),
        ("实践基础", archive.practice),
        ("个性特点", archive.personality),
        ("工作理念", archive.philosophy),
        ("发展诉求", archive.wishes),
    ]:
        document.add_heading(label, level=2)
        document.add_paragraph(value or "—")
    document.add_heading("成长记录", level=1)
    _table(
        document,
        ["日期", "类别", "级别", "内容", "证据"],
        [
            [
                r.date,
                r.get_kind_display(),
                r.get_level_display() if r.level else "",
                r.title,
                "；".join(_evidence_lines([i for i in [item_for(r, "证据")] if i])) or r.evidence_note,
            ]
            for r in archive.records.order_by("date")
        ],
    )
    document.add_heading("层级变化", level=1)
    _table(
        document,
        ["认定日期", "层级", "依据"],
        [
            [
                c.date,
                c.get_tier_display(),
                "；".join(_evidence_lines([i for i in [item_for(c, "证据")] if i])) or c.evidence_note,
            ]
            for c in archive.tier_changes.order_by("date")
        ],
    )
    return _bytes(document)


def province_xlsx(studios, year):
    """Studios × indicators: each finished round's score rate per third-level indicator, total and verdict."""
    rounds = list(
        AssessmentRound.objects.filter(studio__in=studios, year=year, status=RoundStatus.FINISHED)
        .select_related("studio", "standard")
        .prefetch_related("scores__indicator")
        .order_by("studio__title", "kind", "level")
    )
    standards = {r.standard_id: r.standard for r in rounds}
    codes = []
    for standard in standards.values():
        codes += [i.code for i in standard.third_level() if i.code not in codes]
    columns = ["工作室", "学校", "类别", "组织层级", *codes, "加权总分", "结论"]
    rows = []
    for r in rounds:
        by_code = {s.indicator.code: s.score for s in r.scores.all()}
        rows.append(
            [
                r.studio.title,
                r.studio.school,
                r.get_kind_display(),
                r.level_label,
                *[by_code.get(code) for code in codes],
                float(r.total),
                r.verdict,
            ]
        )
    done = {r.studio_id for r in rounds}
    for studio in studios:
        if studio.pk not in done:
            rows.append([studio.title, studio.school, "未考核", "", *["" for _ in codes], "", ""])
    plans = AnnualPlan.objects.filter(studio__in=studios, year=year).count()
    workbook = write_sheet(f"{year}年度考核汇总", columns, rows)
    workbook.active.append([])
    workbook.active.append([f"共 {len(studios)} 个工作室，{plans} 个提交了年度计划；各指标列为得分率（0-100）。"])
    return workbook_bytes(workbook)
