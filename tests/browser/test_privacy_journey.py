"""The privacy gate in Chromium: an editor pastes a case with an ID number, is stopped with the
masked number and where it is, removes it, confirms the pseudonym and submits; the school reviewer
sees the check and the editor's confirmation before approving."""

import re

import pytest

from .support import admin_login, assert_chinese, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# A valid resident ID number (GB 11643 check digit) of a made-up person.
ID_NUMBER = "52010220080307123X"
MASKED = "5201**********123X"


def body_editor(page):
    return page.locator("[data-contentpath=body] [contenteditable=true]").first


def write_case(new_page, live_site, title, category, summary, text):
    """The editor opens 提交典型案例, fills the case in, pastes ``text`` as its body and submits."""
    editor = new_page()
    admin_login(editor, "demo_editor", live_site.role_password)
    editor.locator(".studio-home__action", has_text="提交典型案例").click()
    editor.locator("[data-contentpath=body] button.c-sf-add-button").first.click()
    editor.get_by_role("option", name="段落").click()
    body_editor(editor).click()
    editor.keyboard.insert_text(text)
    expect(editor.locator("[data-case-body-counter]")).not_to_contain_text("正文 0 /")
    editor.fill("#id_title", title)
    editor.fill("#id_authors", "罗静")
    editor.locator("input[name=category]").nth(category).check()
    editor.locator("input[name=directions]").first.check()
    editor.fill("#id_summary", summary)
    editor.locator("footer button[name=action-submit]").click()
    return editor


def review_editor(new_page, live_site, title):
    """The school reviewer, in the editor of ``title`` (where the notification e-mail leads)."""
    school = new_page()
    admin_login(school, "demo_school", live_site.role_password)
    item = school.locator("[data-review-item]", has_text=title)
    preview = item.get_by_role("link", name="预览").get_attribute("href")
    school.goto(re.sub(r"workflow/preview/(\d+)/\d+/$", r"\1/edit/", preview))
    return school


def test_editor_is_stopped_by_an_id_number_fixes_it_and_submits(new_page, live_site, viewport, shot):
    title = f"夜归少年的转变（{'电脑' if viewport == 'desktop' else '手机'}端）"
    # Pasted from a school record: a student's ID number came along with the story.
    editor = write_case(
        new_page,
        live_site,
        title,
        1,
        "一名常晚归的学生在班主任和家长的配合下养成了按时返校的习惯。",
        f"学生王小明（身份证号 {ID_NUMBER}）连续三周晚归，班主任与家长约定每晚九点前报平安。"
        "一个月后，他主动在班会上分享了自己的作息表。",
    )

    # Refused: the message shows the number masked and where it is; nothing typed is lost.
    main = editor.locator("main")
    expect(main).to_contain_text("不能提交审核或发布")
    expect(main).to_contain_text(f"正文：身份证号 {MASKED}")
    expect(editor.locator("[data-privacy-findings]")).to_contain_text(MASKED)
    assert ID_NUMBER not in editor.locator("[data-privacy-findings]").inner_text()
    expect(body_editor(editor)).to_contain_text("连续三周晚归")
    assert_chinese(editor, "含身份证号时提交审核", errors_expected=True)
    shot(editor, "privacy-editor", "blocked", full_page=True)
    editor.locator("[data-privacy-findings]").scroll_into_view_if_needed()
    shot(editor, "privacy-editor", "findings")

    # The editor removes the number and uses a pseudonym for the name.
    fixed = (
        "学生王小明（化名）连续三周晚归，班主任与家长约定每晚九点前报平安。一个月后，他主动在班会上分享了自己的作息表。"
    )
    body_editor(editor).fill(fixed)
    expect(body_editor(editor)).not_to_contain_text(ID_NUMBER)
    expect(editor.locator("[data-case-body-counter]")).to_contain_text(f"正文 {len(fixed)} /")
    editor.locator("#id_title").click()  # leave the body, as a person does before pressing the button
    editor.locator("footer button[name=action-submit]").click()
    editor.wait_for_load_state()
    if "/pages/add/" in editor.url:  # say what the page said instead of only where it stayed
        shot(editor, "privacy-editor", "resubmit-refused", full_page=True)
        raise AssertionError(editor.locator(".messages").inner_text())
    expect(editor).to_have_url(re.compile(r"/admin/$"))
    expect(editor.locator("[data-studio-list=in-review]")).to_contain_text(title)
    shot(editor, "privacy-editor", "submitted")

    # The school reviewer sees the privacy check on the case before approving.
    school = review_editor(new_page, live_site, title)
    findings = school.locator("[data-privacy-findings]")
    expect(findings).to_contain_text("未发现身份证号、电话、住址等个人信息")
    expect(school.locator("footer button").first).to_contain_text("审核通过")
    assert_chinese(school, "审核员看到的隐私检查")
    findings.scroll_into_view_if_needed()
    shot(school, "privacy-reviewer", "clean")


def test_warnings_need_the_confirmation_and_the_reviewer_sees_who_confirmed(new_page, live_site, viewport, shot):
    title = f"宿舍里的一次争吵（{'电脑' if viewport == 'desktop' else '手机'}端）"
    editor = write_case(
        new_page,
        live_site,
        title,
        4,
        "两名学生因作息发生争吵，班主任连夜调解并修订了宿舍公约。",
        "学生陈思远与室友因熄灯时间争吵，班主任当晚到宿舍听双方讲述，第二天组织全宿舍修订公约。",
    )
    expect(editor.locator("main")).to_contain_text("请核实已使用化名或取得书面同意")
    expect(editor.locator("[data-privacy-findings]")).to_contain_text("疑似真实姓名 陈**")
    shot(editor, "privacy-editor", "needs-confirmation")

    editor.get_by_label("已使用化名或取得书面同意").check()
    editor.locator("footer button[name=action-submit]").click()
    expect(editor).to_have_url(re.compile(r"/admin/$"))

    school = review_editor(new_page, live_site, title)
    findings = school.locator("[data-privacy-findings]")
    expect(findings).to_contain_text("隐私确认记录")
    expect(findings).to_contain_text("确认“已使用化名或取得书面同意”")
    expect(findings).to_contain_text("当前版本")
    expect(findings).to_contain_text("陈**")
    assert_chinese(school, "审核员看到的隐私确认")
    findings.scroll_into_view_if_needed()
    shot(school, "privacy-reviewer", "confirmation")
