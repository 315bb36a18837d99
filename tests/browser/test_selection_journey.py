"""A selection round in Chromium: a teacher applies, the school recommends, the organiser
qualifies and proposes, the public reads the 公示, and after it the studio is established."""

import pytest

from .support import assert_chinese, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SLUG = "moe-zhongzhi-2026"
SCHOOL = "贵阳市城南职业技术学校"
MEMBERS = ["吕思源", "苏晓岚", "姜文静", "崔建华", "卢一鸣", "方可欣"]


def sign_in(new_page, live_site, username, password=None):
    page = new_page()
    page.goto("/selection/login/?next=/selection/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or live_site.role_password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="班主任工作室评选", exact=True)).to_be_visible()
    return page


def create_applicant(live_site, username):
    code = (
        "from django.contrib.auth import get_user_model as g;"
        f"u, _ = g().objects.get_or_create(username='{username}', defaults={{'first_name': '何雨桐'}});"
        f"u.set_password('{live_site.role_password}'); u.save()"
    )
    live_site.manage("shell", "-c", code)


def test_apply_recommend_propose_publicise_establish(new_page, live_site, viewport, shot):
    studio_name = f"雨桐同行班主任工作室（{'电脑' if viewport == 'desktop' else '手机'}端）"
    username = f"journey_{viewport}"
    live_site.manage("selection_stage", SLUG, "apply")
    create_applicant(live_site, username)

    # The teacher fills the 申报书; the panel checks it while she types.
    teacher = sign_in(new_page, live_site, username)
    teacher.get_by_role("link", name="在线申报").first.click()
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("申报书")
    panel = teacher.locator("#eligibility")
    expect(panel.locator(".rule--failed")).not_to_have_count(0)
    teacher.fill("#id_studio_name", studio_name)
    teacher.fill("#id_school", SCHOOL)
    teacher.select_option("#id_school_type", "vocational")
    teacher.select_option("#id_province", "guizhou")
    teacher.fill("#id_host_name", "何雨桐")
    teacher.fill("#id_host_title", "讲师")
    teacher.select_option("#id_host_title_rank", "2")
    teacher.check("#id_host_in_post")
    teacher.fill("#id_host_years", "4")
    years_rule = panel.locator(".rule", has_text="连续从事班主任工作 5 年及以上")
    expect(years_rule).to_contain_text("还差 1 年")
    teacher.fill("#id_host_years", "6")
    expect(years_rule).to_contain_text("已连续担任班主任 6 年")
    teacher.select_option("#id_achievements-0-kind", "personal-honour")
    teacher.select_option("#id_achievements-0-level", "3")
    teacher.fill("#id_achievements-0-title", "贵州省中等职业学校优秀班主任")
    teacher.set_input_files(
        "#id_achievements-0-evidence",
        {"name": "youxiu.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"},
    )
    teacher.check("input[name=directions][value=career]")
    teacher.select_option("#id_construction_model", "mentorship")
    for field, text in [
        ("goals", "用三年时间帮助青年班主任过好带班第一关。"),
        ("tasks", "师徒结对，每月一次班会观摩与复盘。"),
        ("outcomes", "新班主任带班手册一本，典型案例八篇。"),
        ("safeguards", "工作室每学期向学校德育处汇报一次。"),
        ("school_support", "学校提供独立工作室和每年两万元经费。"),
    ]:
        teacher.fill(f"#id_{field}", text)
    teacher.get_by_role("button", name="保存草稿").click()
    expect(teacher.locator(".messages")).to_contain_text("草稿已保存")
    team_rule = teacher.locator("#eligibility .rule", has_text="团队成员")
    expect(team_rule).to_contain_text("已填写 0 名成员")
    for round_start in (0, 2, 4):  # two empty rows at a time, as the page says
        for offset in range(2):
            teacher.fill(f"#id_members-{round_start + offset}-name", MEMBERS[round_start + offset])
        if round_start < 4:
            teacher.get_by_role("button", name="保存草稿").click()
    expect(team_rule).to_contain_text("已填写 6 名成员", timeout=10_000)
    expect(teacher.locator("#eligibility .rule--failed")).to_have_count(1)  # the advisory rule only
    assert_chinese(teacher, "申报书")
    if viewport == "phone":  # the panel follows the form on a phone
        panel.scroll_into_view_if_needed()
    shot(teacher, "selection", "1-application", full_page=viewport == "desktop")
    teacher.get_by_role("button", name="提交申报书").click()
    expect(teacher.locator(".messages")).to_contain_text("申报书已提交，等待学校推荐")

    # The school reviewer recommends it, confirming 谁推荐、谁负责.
    school = sign_in(new_page, live_site, "demo_school")
    school.get_by_role("link", name=f"学校推荐：{SCHOOL}").click()
    expect(school.locator(".w-userbar-trigger")).to_have_count(0)  # it covered the comment field on a phone
    card = school.locator("article", has_text=studio_name)
    card.locator("textarea[name=comment]").fill("材料经德育处逐项核实，同意推荐。")
    card.locator("input[name=rank]").fill("1")
    card.get_by_role("button", name="推荐").click()
    expect(school.locator(".messages")).to_contain_text("请确认“谁推荐、谁负责”")
    card = school.locator("article", has_text=studio_name)
    card.locator("textarea[name=comment]").fill("材料经德育处逐项核实，同意推荐。")
    card.locator("input[name=confirmed]").check()
    card.get_by_role("button", name="推荐").click()
    expect(school.locator(".messages")).to_contain_text(f"已推荐“{studio_name}”")
    assert_chinese(school, "学校推荐")
    shot(school, "selection", "2-school")

    # The organiser qualifies it and puts it on the 拟立项 list.
    organiser = sign_in(new_page, live_site, "demo_ministry")
    organiser.get_by_role("link", name="省级评审：2026年中等职业学校班主任工作室培育建设遴选").click()
    card = organiser.locator("article", has_text=studio_name)
    card.get_by_role("button", name="资格审核通过").click()
    expect(organiser.locator(".messages")).to_contain_text("资格审核通过")
    card = organiser.locator("article", has_text=studio_name)
    card.get_by_label("评定意见").fill("专家评审与实地考察情况良好。")
    card.get_by_role("button", name="列入拟立项名单（公示）").click()
    expect(organiser.locator(".messages")).to_contain_text("列入拟立项名单")
    assert_chinese(organiser, "省级评审")
    shot(organiser, "selection", "3-province")

    # The 公示 page, for anyone, during the window.
    live_site.manage("selection_stage", SLUG, "publicity")
    visitor = new_page()
    visitor.goto(f"/selection/{SLUG}/publicity/")
    row = visitor.locator("tbody tr", has_text=studio_name)
    expect(row).to_contain_text(SCHOOL)
    expect(row).to_contain_text("何雨桐")
    expect(row).to_contain_text("生涯规划")
    box = row.bounding_box()  # on a phone each studio is a card that fits the screen
    assert box["x"] + box["width"] <= visitor.viewport_size["width"], box
    expect(visitor.locator("body")).to_contain_text("异议受理")
    assert_chinese(visitor, "公示页")
    shot(visitor, "selection", "4-publicity", full_page=True)

    # After the window: 党组审议, 立项, and the studio page exists.
    live_site.manage("selection_stage", SLUG, "closed")
    organiser.reload()
    organiser.get_by_label("党组审议意见（会议名称、日期和结论）").fill("部党组会议审议通过。")
    organiser.get_by_role("button", name="党组审议通过，立项").click()
    expect(organiser.locator(".messages")).to_contain_text("已立项")
    visitor.goto(f"/selection/{SLUG}/publicity/")
    visitor.get_by_role("link", name=studio_name).click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(studio_name)
    shot(visitor, "selection", "5-studio")


# The demo's round in progress: 红烛 has four experts, demo_expert and demo_expert2 have scored.
EXPERT_FOR = {"desktop": "demo_expert3", "phone": "demo_expert4"}
ASSIGNED = "红烛班主任工作室"
HOST_PHONE = "13908525170"
OTHERS = ["匠心领航班主任工作室", "青柠班主任工作室", "凉都晨光班主任工作室", "汽修匠人班主任工作室"]
SCORES = {"mechanism": "17", "team": "16", "model": "21", "outcomes": "20", "support": "8"}


def test_expert_reads_the_application_and_scores_it(new_page, live_site, viewport, shot):
    live_site.manage("selection_stage", SLUG, "review")
    expert = sign_in(new_page, live_site, EXPERT_FOR[viewport])
    expert.get_by_role("link", name="专家评审：我的评审任务").click()
    expect(expert.get_by_role("heading", level=1)).to_have_text("我的评审任务")
    tasks = expert.locator("#pending-tasks > li")
    expect(tasks).to_have_count(1)  # only their own assignment, of the round's five applications
    expect(tasks.first).to_contain_text(ASSIGNED)
    expect(tasks.first).to_contain_text("待评分")
    for unassigned in OTHERS:
        expect(expert.locator("main")).not_to_contain_text(unassigned)
    assert_chinese(expert, "我的评审任务")
    shot(expert, "selection", "6-expert-tasks")

    tasks.first.get_by_role("link", name=ASSIGNED).click()
    expect(expert.get_by_role("heading", level=1)).to_contain_text(ASSIGNED)
    body = expert.locator("body")
    expect(body).to_contain_text("全国模范教师")
    expect(body).not_to_contain_text(HOST_PHONE)  # experts never see phones
    expect(body).not_to_contain_text("材料翔实")  # nor another expert's comment
    evidence = expert.locator("#achievements a", has_text="查看证明材料")
    expect(evidence).to_have_count(2)
    width = expert.viewport_size["width"]
    for link in evidence.all():  # on a phone too, without scrolling sideways
        box = link.bounding_box()
        assert box["x"] + box["width"] <= width, box
        response = expert.request.get(link.get_attribute("href"))
        assert response.status == 200 and response.body().startswith(b"%PDF")
    assert expert.evaluate("document.documentElement.scrollWidth") <= width
    assert_chinese(expert, "评分页")
    shot(expert, "selection", "7-expert-application", full_page=viewport == "desktop")

    # Scores typed but no comment: the page says what is missing and keeps every score.
    for key, value in SCORES.items():
        expert.fill(f"#score-{key}", value)
    expect(expert.locator("#score-total")).to_have_text("82")
    expert.get_by_role("button", name="提交评分").click()
    expect(expert.locator(".form-error")).to_contain_text("请填写评审意见")
    for key, value in SCORES.items():
        expect(expert.locator(f"#score-{key}")).to_have_value(value)
    assert_chinese(expert, "评分页（有错误）", errors_expected=True)
    expert.locator(".score-form").scroll_into_view_if_needed()
    shot(expert, "selection", "8-expert-error")

    expert.fill("#comment", "红色文化融入班级建设的路径清楚，建议补充成员分工与考核办法。")
    expert.get_by_role("button", name="提交评分").click()
    expect(expert.locator(".messages")).to_contain_text(f"已提交对“{ASSIGNED}”的评分")
    expect(tasks.first).to_contain_text("暂时没有待评分的申报")
    expect(expert.locator("#finished-tasks > li", has_text=ASSIGNED)).to_contain_text("已提交 82 分")
    assert_chinese(expert, "我的评审任务（已提交）")
    shot(expert, "selection", "9-expert-submitted")
