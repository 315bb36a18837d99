"""建设与考核 in Chromium (desktop and 375 px): the studio editor closes a ledger task with the
studio's own published page as evidence (refused first without it), drafts the year-end
summary from the ledger and completes it, and rates an indicator in the self-evaluation beside
the ledger's evidence; the provincial reviewer opens a round, scores every indicator against
the evidence and finishes it with a weighted verdict."""

import re

import pytest

from .support import admin_login, assert_chinese, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Each viewport closes its own task and opens its own kind of round (one per studio, year, kind, level).
TASK = {"desktop": "组织一次跨校跟班见习（与清镇职校结对）", "phone": "为七位成员建立成长档案"}
ROUND_KIND = {"desktop": "年度考核", "phone": "中期检查"}
PROBLEMS = "跨校见习只开展一次，成员成长档案建档滞后；下一年度把建档列入一季度任务。"


def login(new_page, live_site, username):
    page = new_page()
    admin_login(page, username, live_site.role_password)
    return page


def task_prefix(page, title):
    name = page.locator(f"input[name$='-title'][value='{title}']").get_attribute("name")
    return name.removesuffix("-title")


def save_plan(page):
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state("load")


def test_editor_closes_a_task_with_evidence_and_reviewer_scores(new_page, live_site, viewport, shot):
    editor = login(new_page, live_site, "demo_editor")
    editor.goto("/admin/assessment/?year=2026")
    expect(editor.locator(".as-card", has_text="黔行班主任工作室")).to_be_visible()
    assert_chinese(editor, "建设与考核（编辑）")
    shot(editor, "assessment", "editor-overview")

    editor.get_by_role("link", name="编辑计划与台账").click()
    expect(editor).to_have_url(re.compile(r"/admin/assessment_plans/edit/\d+/"))
    prefix = task_prefix(editor, TASK[viewport])
    editor.select_option(f"select[name={prefix}-status]", "done")
    editor.fill(f"input[name={prefix}-closed_on]", "2026-10-30")
    editor.keyboard.press("Escape")
    editor.locator(f"input[name={prefix}-evidence_note]").click()  # closes the date picker (on a phone too)
    save_plan(editor)
    # Closed without evidence: refused, with the reason in Chinese, nothing lost.
    expect(editor.locator(".error-message", has_text="销账须附证据")).to_be_visible()
    assert_chinese(editor, "销账缺证据", errors_expected=True)
    shot(editor, "assessment", "task-refused")

    prefix = task_prefix(editor, TASK[viewport])
    panel = editor.locator(f"[id^='inline_child_{prefix}']").first
    panel.get_by_role("button", name=re.compile("选择一个页面")).first.click()
    modal = editor.locator(".modal")
    modal.locator("input[name=q]").fill("守时")
    result = modal.locator("a.choose-page", has_text="守时").first
    expect(result).to_be_visible()
    shot(editor, "assessment", "evidence-chooser")
    result.click()
    expect(modal).to_have_count(0)
    editor.fill(f"input[name={prefix}-evidence_note]", "示范课视频与教案见工作动态")
    save_plan(editor)
    expect(editor.locator(".messages")).to_contain_text("已更新")
    assert_chinese(editor, "台账已保存")

    editor.goto("/admin/assessment/?year=2026")
    editor.get_by_role("button", name="根据台账生成总结草稿").click()
    summary = editor.locator("textarea[name=summary]")
    expect(summary).to_have_value(re.compile("年初台账共 6 项任务"))
    summary.scroll_into_view_if_needed()
    assert_chinese(editor, "年终总结草稿")
    shot(editor, "assessment", "summary-draft")
    summary.fill(
        summary.input_value().replace("（请主持人补充：存在的不足、原因分析和下一年度的改进措施。）", PROBLEMS)
    )
    save_plan(editor)
    expect(editor.locator(".messages")).to_contain_text("已更新")

    # Self-evaluation: the ledger's evidence is suggested under 3.3.1; rate it and save.
    editor.goto("/admin/assessment/?year=2026")
    editor.get_by_role("link", name="填写自评").click()
    item = editor.locator("#indicator-3\\.3\\.1")
    expect(item).to_contain_text("任务台账")
    item.locator("select[name$='-rating']").select_option(label="达到")
    item.locator("textarea[name$='-narrative']").fill("年初六项任务全部入账，按月销账，取消一项已写明原因。")
    editor.get_by_role("button", name="保存自评").click()
    expect(editor.locator(".messages")).to_contain_text("自评已保存")
    assert_chinese(editor, "自评")
    editor.locator("#indicator-3\\.3\\.1").scroll_into_view_if_needed()
    shot(editor, "assessment", "self-evaluation")

    # The provincial reviewer: open a round for the studio, score every indicator, finish.
    reviewer = login(new_page, live_site, "demo_province")
    reviewer.goto("/admin/assessment/?year=2026")
    reviewer.select_option("select[name=studio]", label="黔行班主任工作室")
    reviewer.select_option("select[name=kind]", label=ROUND_KIND[viewport])
    reviewer.get_by_role("button", name="发起并开始评分").click()
    expect(reviewer).to_have_url(re.compile(r"/admin/assessment/round/\d+/"))
    expect(reviewer.locator(".messages")).to_contain_text("已发起")
    scores = reviewer.locator("input[name$='-score']")
    expect(scores).to_have_count(32)
    # The ledger's evidence is beside the indicator it serves.
    expect(reviewer.locator("#indicator-3\\.3\\.1")).to_contain_text("任务台账")
    for i in range(32):
        scores.nth(i).fill("80")
    low = reviewer.locator("#indicator-3\\.3\\.2")
    low.locator("input[name$='-score']").fill("50")
    reviewer.get_by_role("button", name="完成评定").click()
    expect(reviewer.locator(".messages")).to_contain_text("须填写评审意见：3.3.2")
    shot(reviewer, "assessment", "finish-refused")
    low = reviewer.locator("#indicator-3\\.3\\.2")
    low.locator("textarea").fill("七位成员中只有三位建档，请年内补齐。")
    low.scroll_into_view_if_needed()
    shot(reviewer, "assessment", "reviewer-scoring")
    reviewer.get_by_role("button", name="完成评定").click()
    # The host's self-evaluation is still a draft: reviewers do not see it.
    expect(reviewer.locator("#indicator-3\\.3\\.1")).to_contain_text("自评：未评")
    # 96 points at 80 % and 3.3.2's 4 points at 50 %: 76.80 + 2.00.
    expect(reviewer.locator(".messages")).to_contain_text("加权总分 78.80，结论“合格”")
    assert_chinese(reviewer, "评定完成")
    shot(reviewer, "assessment", "reviewer-verdict")

    # The studio sees the result on its record.
    editor.goto("/admin/assessment/?year=2026")
    expect(editor.locator(".as-card", has_text="黔行班主任工作室")).to_contain_text("合格")
    shot(editor, "assessment", "editor-result")
