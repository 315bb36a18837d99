"""The admin home of studio editors and reviewers, the editor's footer, and where reviewers land."""

import datetime
import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState

from tests.factories import make_update

from .conftest import login
from .helpers import update_form

NEXT = "?next=%2Fadmin%2F"  # back to the studio home after 提交审核


def submit(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return Page.objects.get(pk=page.pk).specific


def task_state_of(page):
    return Page.objects.get(pk=page.pk).specific.current_workflow_task_state


def action_url(page, action):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state_of(page).pk])


def dashboard(client, user):
    login(client, user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def section(html, name):
    """The HTML of one list of the studio home (``data-studio-list``)."""
    match = re.search(rf'data-studio-list="{name}".*?</section>', html, re.S)
    assert match, name
    return match.group(0)


def messages_of(response):
    return [str(message.message) for message in response.context["messages"]]


# The studio editor's home ---------------------------------------------------------------


def test_editor_home_offers_the_four_actions_of_their_studio(client, world):
    html = dashboard(client, world.editor_a)
    studio = world.studio_a
    assert studio.title in html
    for label, url in [
        ("发布工作动态", reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", studio.pk]) + NEXT),
        ("提交典型案例", reverse("wagtailadmin_pages:add", args=["cases", "casepage", studio.pk]) + NEXT),
        ("上传资源", reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", studio.pk]) + NEXT),
        ("编辑工作室资料", reverse("wagtailadmin_pages:edit", args=[studio.pk]) + NEXT),
    ]:
        assert re.search(rf'href="{re.escape(url)}"[^>]*>.*?{label}', html, re.S), label
    assert world.studio_b.title not in html
    # Site-wide counts ("20 个页面") and Wagtail's English guide are gone.
    assert "个页面" not in html
    assert "编辑指南" not in html


def test_editor_home_lists_drafts_reviews_sent_back_and_published(client, world):
    draft = make_update(world.studio_a, "新学期家长会筹备", publish=False)
    waiting = submit(make_update(world.studio_a, "班级公约研讨", publish=False), world.editor_a)
    returned = submit(make_update(world.studio_a, "读书交流会", publish=False), world.editor_a)
    task_state_of(returned).reject(user=world.school_a, comment="请补充活动照片的说明。")
    published = make_update(world.studio_a, "主题班会示范课")
    make_update(world.studio_b, "明德工作室草稿", publish=False)

    html = dashboard(client, world.editor_a)
    drafts = section(html, "drafts")
    assert draft.title in drafts and waiting.title not in drafts and "明德工作室草稿" not in html
    in_review = section(html, "in-review")
    assert waiting.title in in_review and "正在学校审核" in in_review
    sent_back = section(html, "sent-back")
    assert returned.title in sent_back
    assert "审核意见：请补充活动照片的说明。" in sent_back
    assert reverse("wagtailadmin_pages:edit", args=[returned.pk]) in sent_back
    assert "去修改" in sent_back
    published_list = section(html, "published")
    assert published.title in published_list and "查看线上页面" in published_list


def test_editor_home_reads_a_fixed_number_of_queries(client, world):
    def queries():
        login(client, world.editor_a)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        return len(captured)

    make_update(world.studio_a, "草稿一", publish=False)
    submit(make_update(world.studio_a, "审核中一", publish=False), world.editor_a)
    make_update(world.studio_a, "已发布一")
    before = queries()
    for n in range(4):
        make_update(world.studio_a, f"更多草稿{n}", publish=False)
        submit(make_update(world.studio_a, f"更多审核中{n}", publish=False), world.editor_a)
        make_update(world.studio_a, f"更多已发布{n}")
    assert queries() == before


# The reviewer's home --------------------------------------------------------------------


def test_reviewer_home_lists_what_waits_with_its_age_and_no_dead_ends(client, world):
    older = submit(make_update(world.studio_a, "家长开放日", publish=False), world.editor_a)
    TaskState.objects.filter(pk=task_state_of(older).pk).update(
        started_at=timezone.now() - datetime.timedelta(days=9, hours=1)
    )
    newer = submit(make_update(world.studio_a, "心理健康周", publish=False), world.editor_a)
    submit(make_update(world.studio_b, "外校的提交", publish=False), world.editor_b)

    html = dashboard(client, world.school_a)
    queue = re.search(r'id="review-queue-section".*?</section>', html, re.S).group(0)
    assert queue.index(older.title) < queue.index(newer.title)  # the longest waiting first
    assert "已等待 9 天" in queue and "今天提交" in queue
    assert "外校的提交" not in queue
    assert world.studio_a.title in queue
    assert "待我审核" in html and "审核通过" in queue and "退回修改" in queue
    # No page search for reviewers: it led to the explorer, which they may not open.
    assert 'role="search"' not in html
    sidebar = json.loads(re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert '"name": "review-queue", "label": "待我审核"' in json.dumps(sidebar, ensure_ascii=False)


def test_reviewer_home_reads_a_fixed_number_of_queries(client, world):
    def queries():
        login(client, world.ministry)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("wagtailadmin_home")).status_code == 200
        return len(captured)

    submit(make_update(world.studio_a, "提交一", publish=False), world.editor_a)
    queries()  # reads the site and its settings once (ops.sitecontext.SiteContextMiddleware)
    before = queries()
    for n in range(4):
        submit(make_update(world.studio_a, f"提交甲{n}", publish=False), world.editor_a)
        submit(make_update(world.studio_b, f"提交乙{n}", publish=False), world.editor_b)
    assert queries() == before


# Where reviewers land -------------------------------------------------------------------


def act_from_queue(client, user, page, action, comment=""):
    login(client, user)
    return client.post(action_url(page, action), {"comment": comment, "next": "/admin/"}, follow=True)


def test_approving_from_the_queue_lands_on_the_queue_with_what_happened(client, world):
    page = submit(make_update(world.studio_a, "班会观摩", publish=False), world.editor_a)

    response = act_from_queue(client, world.school_a, page, "approve")
    assert response.redirect_chain[-1][0] == "/admin/"
    assert messages_of(response) == ["“班会观摩”已审核通过，已提交省级审核。"]

    response = act_from_queue(client, world.province_gz, page, "approve")
    assert messages_of(response) == ["“班会观摩”已审核通过并发布。"]
    page.refresh_from_db()
    assert page.live


def test_sending_back_from_the_queue_says_the_editor_is_told(client, world):
    page = submit(make_update(world.studio_a, "读书交流会", publish=False), world.editor_a)
    response = act_from_queue(client, world.school_a, page, "reject", comment="请补充照片。")
    assert messages_of(response) == ["已退回“读书交流会”并通知编辑修改。"]
    assert Page.objects.get(pk=page.pk).specific.current_workflow_state.status == "needs_changes"


def test_approving_in_the_editor_lands_on_the_queue_without_a_permission_error(client, world):
    page = submit(make_update(world.studio_a, "心理健康周", slug="xinli", publish=False), world.editor_a)
    login(client, world.school_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url).status_code == 200
    data = update_form("心理健康周", "xinli", **{"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(edit_url, data, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert messages_of(response) == ["“心理健康周”已审核通过，已提交省级审核。"]
    html = response.content.decode()
    assert "没有权限" not in html and "已被更新" not in html
    # Approving saved a revision in the reviewer's name; Wagtail's 最近编辑 then linked the home
    # to the editor of a page they may no longer open (对不起，你没有权限访问).
    assert f'href="{edit_url}"' not in html
    assert client.get(edit_url).status_code == 302  # the page is past their step now


def test_the_landing_says_nothing_about_someone_elses_action(client, world):
    page = submit(make_update(world.studio_a, "班会观摩", publish=False), world.editor_a)
    task_state = task_state_of(page)
    task_state.approve(user=world.ministry)
    login(client, world.school_a)
    response = client.get(reverse("promotions_reviewed", args=[task_state.pk]), follow=True)
    assert messages_of(response) == []


# The editor's footer --------------------------------------------------------------------


def footer_buttons(html):
    """The footer's buttons in order, by name (保存草稿 is the one without a name)."""
    footer = html[html.index('<footer class="footer') :]
    buttons = re.findall(r"<button(?=[^>]*type=\"submit\")[^>]*>", footer)
    return [(re.search(r'name="(action-[\w-]+)"', b) or re.search(r"(action-save)", b)).group(1) for b in buttons]


def test_submit_for_review_is_the_editors_main_button(client, world):
    login(client, world.editor_a)
    add_url = reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", world.studio_a.pk])
    html = client.get(add_url).content.decode()
    assert footer_buttons(html)[:2] == ["action-submit", "action-save"]
    assert re.search(r'name="action-submit"[^>]*>.*?提交审核', html, re.S)
    assert "提交给" not in html

    response = client.post(add_url, update_form("家校共育沙龙", "salon", **{"action-submit": "1"}))
    assert response.status_code == 302
    page = Page.objects.get(slug="salon").specific
    task_state_of(page).reject(user=world.school_a, comment="请补充照片。")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert footer_buttons(html)[0] == "action-submit"
    assert re.search(r'name="action-submit"[^>]*>.*?重新提交学校审核', html, re.S)


def test_publishers_keep_publish_as_the_main_button(admin_client, world):
    add_url = reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", world.studio_a.pk])
    html = admin_client.get(add_url).content.decode()
    assert footer_buttons(html)[0] == "action-save"
    assert "action-publish" in footer_buttons(html)


# The promotion list ---------------------------------------------------------------------


def test_the_promotion_list_links_to_editing_only_what_the_reviewer_may_change(client, world):
    from promotions.models import Promotion

    own = Promotion.objects.create(page=world.studio_a, level="school", created_by=world.school_a)
    ministry = Promotion.objects.create(page=world.studio_a, level="ministry", created_by=world.ministry)
    login(client, world.school_a)
    html = client.get(reverse("wagtailsnippets_promotions_promotion:list")).content.decode()
    assert reverse("wagtailsnippets_promotions_promotion:edit", args=[own.pk]) in html
    assert reverse("wagtailsnippets_promotions_promotion:edit", args=[ministry.pk]) not in html
    assert reverse("wagtailsnippets_promotions_promotion:delete", args=[ministry.pk]) not in html
    assert reverse("wagtailsnippets_promotions_promotion:inspect", args=[ministry.pk]) in html  # read-only
    imported = Promotion.objects.create(page=world.studio_b, level="province", year=2024, created_by=world.ministry)
    for promotion in (ministry, imported):
        response = client.get(reverse("wagtailsnippets_promotions_promotion:inspect", args=[promotion.pk]))
        assert response.status_code == 200
        text = re.sub(r"<[^>]+>", " ", response.content.decode().split("<main", 1)[1])
        assert "None" not in text and " ID " not in text


def test_the_promotion_list_names_who_promoted(client, world):
    from promotions.models import Promotion

    world.ministry.first_name = "部级管理员"
    world.ministry.save()
    Promotion.objects.create(page=world.studio_a, level="ministry", created_by=world.ministry)
    login(client, world.ministry)
    html = client.get(reverse("wagtailsnippets_promotions_promotion:list")).content.decode()
    assert "部级管理员" in html
    assert ">ministry<" not in html.replace(" ", "").replace("\n", "")


def test_approving_is_the_reviewers_main_button_in_the_editor(client, world):
    page = submit(make_update(world.studio_a, "心理健康周", publish=False), world.editor_a)
    login(client, world.school_a)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    footer = html[html.index('<footer class="footer') :]
    buttons = re.findall(r"<button[^>]*>.*?</button>", footer, re.S)
    assert "审核通过" in buttons[0] and "留言" not in buttons[0]
    assert any("退回修改" in button for button in buttons[1:])
