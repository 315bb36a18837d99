"""The four demo roles doing their jobs in the admin, in Chromium, on a desktop and a phone.

Each journey counts what the person clicks or taps (typing is not counted; ``support.Clicks``)
and checks every screen for English (``support.assert_chinese``) and error banners. Before
the admin was reworked, posting an update with one photo took 11 clicks and approving at both
levels took 4, each approval ending on a permission error.
"""

import re

import pytest

from .support import VIEWPORTS, Clicks, admin_login, assert_chinese, expect, make_png

# One worker runs them all under pytest-xdist (--dist loadgroup): one site, one demo load.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAX_CLICKS_TO_POST_AN_UPDATE = 6
MAX_CLICKS_TO_APPROVE_AT_BOTH_LEVELS = 2


def login(new_page, live_site, username):
    page = new_page()
    admin_login(page, username, live_site.role_password)
    return page


def review_item(page, title):
    item = page.locator("[data-review-item]", has_text=title)
    expect(item).to_have_count(1)
    return item


def expect_message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def test_update_from_studio_home_to_the_public_site(new_page, live_site, viewport, shot):
    """The editor posts an update with one photo; the school sends it back with a comment; the
    editor fixes and resubmits it; the school and the province approve; the public site shows it."""
    title = f"班会观摩：守时从我做起（{'电脑' if viewport == 'desktop' else '手机'}端）"
    summary = "工作室成员走进一年级班会课，观摩学生自拟公约、互评守时表现的全过程。"

    # The editor: studio home → 发布工作动态 → title, summary, one new photo → 提交审核.
    editor = login(new_page, live_site, "demo_editor")
    assert_chinese(editor, "编辑的工作室主页")
    shot(editor, "admin-editor", "home")
    posted = []
    editor.on("request", lambda request: request.method == "POST" and "/pages/add/" in request.url and posted.append(1))
    clicks = Clicks()
    clicks.click(editor.locator(".studio-home__action", has_text="发布工作动态"))
    expect(editor).to_have_url(re.compile(r"/admin/pages/add/studios/studioupdatepage/\d+/"))
    editor.fill("#id_title", title)
    editor.fill("#id_summary", summary)
    editor.wait_for_timeout(1500)  # longer than Wagtail's autosave interval: nothing may be saved yet
    assert not posted, "typing a title must not create a page (autosave on the new-page form)"
    assert_chinese(editor, "新建工作动态")
    clicks.click(editor.get_by_role("button", name="选择一个图片"))
    clicks.click(editor.locator("#tab-label-upload"))
    photo = {"name": "banhui.png", "mimeType": "image/png", "buffer": make_png(list(VIEWPORTS).index(viewport))}
    clicks.choose_file(editor.locator("#id_image-chooser-upload-file"), photo)
    editor.fill("#id_image-chooser-upload-title", "班会观摩现场")
    assert_chinese(editor, "上传图片")
    shot(editor, "admin-editor", "upload")
    clicks.click(editor.locator(".modal button[type=submit]", has_text="上传"))
    expect(editor.locator("#id_cover")).not_to_have_value("")
    expect(editor.locator(".modal")).to_have_count(0)
    shot(editor, "admin-editor", "written")
    submit = editor.locator("footer button[name=action-submit]")
    expect(submit).to_contain_text("提交审核")
    clicks.click(submit)
    expect(editor).to_have_url(re.compile(r"/admin/$"))
    expect_message(editor, "提交审核")
    in_review = editor.locator("[data-studio-list=in-review]")
    expect(in_review).to_contain_text(title)
    expect(in_review).to_contain_text("正在学校审核")
    assert_chinese(editor, "提交审核之后的工作室主页")
    shot(editor, "admin-editor", "submitted")
    assert clicks.count <= MAX_CLICKS_TO_POST_AN_UPDATE, f"发布一条带一张照片的工作动态用了 {clicks.count} 次点击"
    print(f"[clicks] post an update with one photo ({viewport}): {clicks.count}")

    # The school reviewer sends it back with a comment.
    school = login(new_page, live_site, "demo_school")
    item = review_item(school, title)
    expect(item).to_contain_text("今天提交")
    assert_chinese(school, "学校审核员的待我审核")
    shot(school, "admin-school", "queue")
    preview = item.get_by_role("link", name="预览").get_attribute("href")
    school.goto(preview)  # what the public would see
    expect(school.locator("h1")).to_have_text(title)
    # The editor, where the notification e-mail leads: approving is its main button.
    school.goto(re.sub(r"workflow/preview/(\d+)/\d+/$", r"\1/edit/", preview))
    expect(school.locator("footer button").first).to_contain_text("审核通过")
    assert_chinese(school, "审阅中的工作动态")
    shot(school, "admin-school", "review-editor")
    school.goto("/admin/")
    item = review_item(school, title)
    item.get_by_role("button", name="退回修改").click()
    school.locator(".modal textarea[name=comment]").fill("请补充活动照片的文字说明。")
    assert_chinese(school, "退回修改的意见框")
    school.locator(".modal button[type=submit]").click()
    expect(school).to_have_url(re.compile(r"/admin/$"))
    expect_message(school, f"已退回“{title}”并通知编辑修改。")
    assert_chinese(school, "退回之后的待我审核")
    shot(school, "admin-school", "sent-back")

    # The editor reads the comment, opens the update and resubmits it.
    editor.goto("/admin/")
    sent_back = editor.locator("[data-studio-list=sent-back]")
    expect(sent_back).to_contain_text(title)
    expect(sent_back).to_contain_text("审核意见：请补充活动照片的文字说明。")
    shot(editor, "admin-editor", "sent-back")
    sent_back.get_by_role("link", name="去修改").click()
    resubmit = editor.locator("footer button[name=action-submit]")
    expect(resubmit).to_contain_text("重新提交学校审核")
    assert_chinese(editor, "修改被退回的工作动态")
    resubmit.click()
    expect(editor).to_have_url(re.compile(r"/admin/$"))
    expect(editor.locator("[data-studio-list=in-review]")).to_contain_text(title)

    # The school, then the province approve: one click each, back on 待我审核 with what happened.
    approvals = Clicks()
    school.goto("/admin/")
    approvals.click(review_item(school, title).get_by_role("button", name="审核通过", exact=True))
    expect(school).to_have_url(re.compile(r"/admin/$"))
    expect_message(school, f"“{title}”已审核通过，已提交省级审核。")
    expect(school.locator("[data-review-item]", has_text=title)).to_have_count(0)
    assert_chinese(school, "审核通过之后的待我审核")
    shot(school, "admin-school", "approved")

    province = login(new_page, live_site, "demo_province")
    assert_chinese(province, "省级审核员的待我审核")
    shot(province, "admin-province", "queue")
    approvals.click(review_item(province, title).get_by_role("button", name="审核通过", exact=True))
    expect(province).to_have_url(re.compile(r"/admin/$"))
    expect_message(province, f"“{title}”已审核通过并发布。")
    assert_chinese(province, "发布之后的待我审核")
    shot(province, "admin-province", "published")
    assert approvals.count <= MAX_CLICKS_TO_APPROVE_AT_BOTH_LEVELS, f"两级审核通过用了 {approvals.count} 次点击"
    print(f"[clicks] approve at both levels ({viewport}): {approvals.count}")

    # The public site shows it with its photo; the editor's home lists it as published.
    visitor = new_page()
    visitor.goto("/")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.locator("h1")).to_have_text(title)
    expect(visitor.locator("main")).to_contain_text(summary)
    # The update's photo (the page's QR code comes first in the markup and is hidden on phones).
    cover = visitor.locator("main img:not([alt^='本页二维码'])").first
    cover.scroll_into_view_if_needed()  # loaded lazily
    expect(cover).to_be_visible()
    cover.evaluate("img => img.complete || new Promise((done) => img.addEventListener('load', done))")
    assert cover.evaluate("img => img.naturalWidth > 0")
    shot(visitor, "admin-editor", "public")
    editor.goto("/admin/")
    expect(editor.locator("[data-studio-list=published]")).to_contain_text(title)


def test_case_counter_and_guidance(new_page, live_site, viewport, shot):
    """The case form: five explained categories, the writing guide, the counter in sight."""
    editor = login(new_page, live_site, "demo_editor")
    editor.locator(".studio-home__action", has_text="提交典型案例").click()
    expect(editor.locator("input[name=category]")).to_have_count(5)
    expect(editor.get_by_role("link", name="看《典型案例写作指南》")).to_be_visible()
    counter = editor.locator("[data-case-body-counter]")
    expect(counter).to_have_text(re.compile(r"正文\s*0\s*/\s*3000 字"))
    assert_chinese(editor, "新建典型案例")
    shot(editor, "admin-case", "form")

    editor.locator("[data-contentpath=body] button.c-sf-add-button").first.click()
    editor.get_by_role("option", name="段落").click()
    editor.locator("[data-contentpath=body] [contenteditable=true]").first.click()
    editor.keyboard.insert_text("家访记录，" * 560)  # 2800 characters
    expect(counter).to_contain_text("还可写 200 字")
    expect(counter).to_have_class(re.compile("case-body-counter--near"))
    expect(counter).to_be_in_viewport()
    editor.keyboard.insert_text("补充一段反思" * 50)  # 3100
    expect(counter).to_contain_text("超出 100 字，请删减")
    expect(counter).to_have_class(re.compile("case-body-counter--over"))
    expect(counter).to_be_in_viewport()
    assert_chinese(editor, "超出字数的典型案例")
    shot(editor, "admin-case", "over-limit")

    # Saving over the limit is refused, in Chinese, with how many characters to cut.
    editor.fill("#id_title", f"一次家访的三个细节（{'电脑' if viewport == 'desktop' else '手机'}端）")
    editor.fill("#id_authors", "罗静")
    editor.locator("input[name=category]").first.check()
    editor.locator("input[name=directions]").first.check()
    editor.fill("#id_summary", "一次家访让家长重新信任学校。")
    editor.locator("footer").get_by_role("button", name="更多动作").click()
    editor.locator("footer button.action-save").click()
    expect(editor.locator(".messages")).to_contain_text("页面有错误，没有创建")
    expect(editor.locator("main")).to_contain_text("请删减 100 字")
    assert_chinese(editor, "超出字数时保存", errors_expected=True)
    shot(editor, "admin-case", "refused")

    # Within the limit it is saved as a draft; over the limit again, autosave pauses in Chinese.
    body = editor.locator("[data-contentpath=body] [contenteditable=true]").first
    body.click()
    editor.keyboard.press("Control+A")
    editor.keyboard.insert_text("家访记录，" * 500)
    expect(counter).to_contain_text("正文 2500")
    editor.locator("footer").get_by_role("button", name="更多动作").click()
    editor.locator("footer button.action-save").click()
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    editor.wait_for_timeout(2500)  # Wagtail notes the form's state 2 s after loading, then watches for edits
    body = editor.locator("[data-contentpath=body] [contenteditable=true]").first
    body.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.insert_text("补充一段反思" * 100)
    expect(editor.locator(".footer__save-warning")).to_contain_text("自动保存已暂停", timeout=10_000)
    expect(editor.locator(".footer__save-warning")).to_contain_text("内容没有通过检查")
    assert_chinese(editor, "超出字数时的自动保存")
    shot(editor, "admin-case", "autosave-paused")


def test_ministry_promotes_a_published_case(new_page, live_site, viewport, shot):
    """部级推介: choose a published case, the level is the only one the Ministry may award."""
    ministry = login(new_page, live_site, "demo_ministry")
    assert_chinese(ministry, "部级管理员的工作台")
    shot(ministry, "admin-ministry", "home")
    ministry.goto("/admin/snippets/promotions/promotion/add/")
    ministry.get_by_role("button", name="选择一个页面").click()
    modal = ministry.locator(".modal")
    search = modal.locator("input[name=q]")
    search.fill("家访")
    result = modal.locator("a.choose-page").first
    expect(result).to_be_visible()
    assert_chinese(ministry, "选择推介内容")
    shot(ministry, "admin-ministry", "chooser")
    title = result.inner_text().strip()
    result.click()
    expect(modal).to_have_count(0)
    level = ministry.locator("select[name=level]")
    expect(level.locator("option")).to_have_text(["部级"])
    ministry.fill("textarea[name=note]", "做法具体、可复制，面向全国中职学校推介。")
    batch = f"第二批（{'电脑' if viewport == 'desktop' else '手机'}端）"
    ministry.fill("input[name=batch]", batch)
    ministry.fill("input[name=year]", "2026" if viewport == "desktop" else "2025")  # one 部级 a year per item
    ministry.locator("footer button[type=submit]").first.click()
    expect(ministry).to_have_url(re.compile(r"/admin/snippets/promotions/promotion/$"))
    row = ministry.locator("tr", has_text=batch)
    expect(row).to_contain_text("部级")
    expect(row).to_contain_text("部级管理员")
    assert_chinese(ministry, "推介列表")
    shot(ministry, "admin-ministry", "promoted")
    assert title


# Every screen a role opens in its work, and every admin link on them, without English or a
# permission error.
ROLE_SCREENS = {
    "demo_editor": [
        "/admin/",
        "/admin/pages/{studio}/",
        "/admin/pages/{studio}/add_subpage/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/pages/{studio}/edit/",
        "/admin/account/",
    ],
    "demo_school": ["/admin/", "/admin/snippets/promotions/promotion/", "/admin/snippets/promotions/promotion/add/"],
    "demo_province": ["/admin/", "/admin/snippets/promotions/promotion/", "/admin/snippets/promotions/promotion/add/"],
    "demo_ministry": ["/admin/", "/admin/snippets/promotions/promotion/", "/admin/snippets/promotions/promotion/add/"],
}


@pytest.mark.parametrize("username", list(ROLE_SCREENS))
def test_every_screen_of_a_role_is_in_chinese_and_leads_somewhere(new_page, live_site, viewport, shot, username):
    page = login(new_page, live_site, username)
    studio = None
    if username == "demo_editor":
        edit_link = page.locator(".studio-home__action", has_text="编辑工作室资料").get_attribute("href")
        studio = re.search(r"/pages/(\d+)/", edit_link).group(1)
    links = {}  # one link of each kind (the same view for another page answers the same way)
    for number, path in enumerate(ROLE_SCREENS[username]):
        page.goto(path.format(studio=studio))
        assert_chinese(page, f"{username} {path}")
        shot(page, f"admin-screens-{username}", str(number))
        for href in page.locator("main a[href^='/admin/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            # Bulk actions are completed by script with the chosen items; previews open a new tab.
            if not re.search(r"logout|/preview|/bulk/", href):
                href = href.split("#")[0]
                links.setdefault(re.sub(r"\d+", "N", href.split("?")[0]), href)
    if viewport != "desktop":
        return  # the links are the same on a phone
    for href in sorted(links.values()):
        response = page.request.get(href)
        assert response.ok, f"{username}：{href} → {response.status}"
        assert "没有权限" not in response.text(), f"{username}：{href} 出现没有权限"
