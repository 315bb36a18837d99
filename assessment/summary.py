"""The year-end summary (年终总结) drafted from the ledger, and reach (辐射带动) figures."""

import datetime
from collections import Counter

from django.apps import apps
from django.db.models import Count
from wagtail.models import Page

from .choices import ActivityKind, TaskStatus


def reach(activities):
    """Totals of a list of activities: count, participants, schools, provinces, public events, kinds."""
    provinces = set()
    for activity in activities:
        provinces.update(activity.province_list())
    return {
        "count": len(activities),
        "participants": sum(a.participants for a in activities),
        "schools": sum(a.schools_reached for a in activities),
        "provinces": sorted(provinces),
        "public": sum(1 for a in activities if a.is_public),
        "competitions": sum(1 for a in activities if a.competition_level),
        "kinds": Counter(ActivityKind(a.kind).label for a in activities).most_common(),
    }


def ledger_figures(plan, today=None):
    """Tasks done (on time / late), open, overdue and dropped."""
    today = today or datetime.date.today()
    tasks = list(plan.tasks.select_related("indicator"))
    done = [t for t in tasks if t.status == TaskStatus.DONE]
    return {
        "tasks": tasks,
        "total": len(tasks),
        "done": done,
        "late": [t for t in done if t.is_late],
        "open": [t for t in tasks if t.status == TaskStatus.OPEN],
        "overdue": [t for t in tasks if t.status == TaskStatus.OPEN and t.due_date < today],
        "dropped": [t for t in tasks if t.status == TaskStatus.DROPPED],
    }


def outputs_by_kind(studio, year, public_only=False):
    """The studio's pages first published in ``year``, counted by page type (工作动态、典型案例 …),
    in one query. ``public_only`` leaves out pages behind a view restriction (for the public page)."""
    pages = Page.objects.live().descendant_of(studio)
    if public_only:
        pages = pages.public()
    rows = (
        pages.filter(first_published_at__year=year)
        .order_by()
        .values_list("content_type__app_label", "content_type__model")
        .annotate(n=Count("pk"))
    )
    counts = []
    for app_label, model_name, n in rows:
        model = apps.get_model(app_label, model_name)
        counts.append((str(model._meta.verbose_name), n))
    return sorted(counts, key=lambda item: (-item[1], item[0]))


def public_outputs(studio, year):
    """The ledger's outputs anyone may see: the studio's published, unrestricted pages of ``year``."""
    return outputs_by_kind(studio, year, public_only=True)


def draft_summary(plan, today=None):
    """A plain-text draft of the year-end summary, for the host to edit."""
    from .models import Activity

    figures = ledger_figures(plan, today)
    activities = list(Activity.objects.counted().filter(studio=plan.studio, date__year=plan.year))
    totals = reach(activities)
    lines = [f"{plan.studio.title} {plan.year} 年度工作总结（草稿）", ""]
    lines.append("一、年度目标")
    lines += [f"{n}. {goal.strip()}" for n, goal in enumerate(plan.goals.splitlines(), 1) if goal.strip()]
    lines += ["", "二、任务完成情况"]
    lines.append(
        f"年初台账共 {figures['total']} 项任务：已销账 {len(figures['done'])} 项"
        f"（其中逾期完成 {len(figures['late'])} 项），进行中 {len(figures['open'])} 项"
        f"（已过期限 {len(figures['overdue'])} 项），取消 {len(figures['dropped'])} 项。"
    )
    for task in figures["done"]:
        late = "（逾期完成）" if task.is_late else ""
        evidence = task.evidence_page.title if task.evidence_page_id else (task.evidence_document or "")
        lines.append(f"- {task.title}：{task.owner}负责，{task.closed_on} 销账{late}；证据：{evidence}")
    for task in figures["open"]:
        lines.append(f"- 未完成：{task.title}（{task.owner}，期限 {task.due_date}）")
    for task in figures["dropped"]:
        lines.append(f"- 已取消：{task.title}（{task.evidence_note}）")
    lines += ["", "三、成果产出"]
    outputs = outputs_by_kind(plan.studio, plan.year)
    if outputs:
        lines.append("本年度在平台发布：" + "、".join(f"{label} {n} 篇" for label, n in outputs) + "。")
    else:
        lines.append("本年度尚未在平台发布成果。")
    lines += ["", "四、活动与辐射带动"]
    if totals["count"]:
        lines.append(
            f"开展活动 {totals['count']} 次，参与 {totals['participants']} 人次，覆盖学校 {totals['schools']} 校次，"
            f"涉及 {len(totals['provinces']) or 1} 个省份；面向校外或公众的活动 {totals['public']} 次，"
            f"能力比赛 {totals['competitions']} 项。"
        )
        lines.append("活动类型：" + "、".join(f"{kind} {n} 次" for kind, n in totals["kinds"]) + "。")
    else:
        lines.append("本年度尚未登记活动。")
    lines += ["", "五、问题与改进", "（请主持人补充：存在的不足、原因分析和下一年度的改进措施。）"]
    return "\n".join(lines)
