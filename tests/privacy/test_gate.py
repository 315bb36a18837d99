"""The gate in the site: the publish guard (every path), the editor's submission and confirmation,
the reviewer's view and actions, and the draft that keeps everything."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import rich_text, streamfield

from cases.models import CasePage
from privacy.detector import id_check_digit
from privacy.models import PrivacyConfirmation
from privacy.pages import PrivacyBlocked
from tests.cases.helpers import body
from tests.cases.helpers import make_case as build_case
from tests.factories import make_update
from tests.promotions.conftest import login, shared_world, world  # noqa: F401  (fixtures)
from tests.promotions.helpers import case_form

ID = "52010219900307123" + id_check_digit("52010219900307123")
MASKED_ID = "5201**********" + ID[-4:]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def case_data(case, html, **extra):
    """The case editor's form with the body ``html`` (``extra``: the button pressed and other fields)."""
    from wagtail.test.utils.form_data import nested_form_data

    data = case_form(case)
    for key in [key for key in data if key.startswith("body-")]:
        del data[key]
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text(html))])}))
    data.update(extra)
    return data


@pytest.fixture
def draft(world):  # noqa: F811
    """An unpublished case of studio A, not yet submitted."""
    return build_case(world.studio_a, "一次深夜的宿舍冲突", publish=False, text="<p>两名学生发生争执。</p>")


# The publish guard ------------------------------------------------------------------------------
def test_no_path_publishes_a_revision_with_an_id_number(world):  # noqa: F811
    case = build_case(world.studio_a, "家访记录", publish=False, text=f"<p>该生身份证号{ID}。</p>")
    revision = case.save_revision()
    with pytest.raises(PrivacyBlocked) as refused:
        revision.publish()  # publish_scheduled, imports and code all end here
    assert MASKED_ID in str(refused.value) and ID not in str(refused.value)
    with pytest.raises(PermissionDenied):  # Wagtail's own action, as bulk publishing uses it
        PublishPageRevisionAction(revision, user=None).execute(skip_permission_checks=True)
    case.refresh_from_db()
    assert not case.live and case.live_revision_id is None


def test_a_clean_revision_publishes_and_the_later_blocked_one_leaves_the_live_one(world):  # noqa: F811
    case = build_case(world.studio_a, "班级公约", text="<p>我们一起制定了班级公约。</p>")
    live_revision = case.live_revision_id
    case.body = body(f"<p>家长电话 138 0013 8000，身份证{ID}</p>")
    with pytest.raises(PrivacyBlocked):
        case.save_revision().publish()
    case.refresh_from_db()
    assert case.live and case.live_revision_id == live_revision
    assert "138" not in CasePage.objects.get(pk=case.pk).body_text


# The editor --------------------------------------------------------------------------------------
def test_submitting_a_case_with_an_id_number_is_refused_with_the_masked_finding(client, world, draft):  # noqa: F811
    login(client, world.editor_a)
    response = client.post(edit_url(draft), case_data(draft, f"<p>该生身份证号{ID}。</p>", **{"action-submit": "1"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "不能提交审核或发布" in html and MASKED_ID in html and f"正文：身份证号 {MASKED_ID}" in html
    message = html[html.index("不能提交审核或发布") :][:300]
    assert MASKED_ID in message and ID not in message  # the editor's text keeps it; the message masks it
    draft.refresh_from_db()
    assert draft.current_workflow_state is None

    response = client.post(
        edit_url(draft), case_data(draft, "<p>该生（化名小林）情绪稳定。</p>", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.current_workflow_state is not None


def test_a_draft_with_findings_is_saved_and_says_what_to_fix(client, world, draft):  # noqa: F811
    login(client, world.editor_a)
    response = client.post(edit_url(draft), case_data(draft, "<p>家长电话13800138000</p>"), follow=True)
    assert "草稿已保存，但其中含有学生或家庭的个人信息" in response.content.decode()
    assert "13800138000" in Page.objects.get(pk=draft.pk).specific.get_latest_revision_as_object().body_text


def test_warnings_need_the_confirmation_which_is_recorded_on_the_revision(client, world, draft):  # noqa: F811
    login(client, world.editor_a)
    html_body = "<p>学生王小明今年16岁。</p>"
    response = client.post(edit_url(draft), case_data(draft, html_body, **{"action-submit": "1"}))
    assert response.status_code == 200
    assert "已使用化名或取得书面同意" in response.content.decode() and "王**" in response.content.decode()
    assert not PrivacyConfirmation.objects.exists()

    data = case_data(draft, html_body, privacy_confirmed="on", **{"action-submit": "1"})
    assert client.post(edit_url(draft), data).status_code == 302
    confirmation = PrivacyConfirmation.objects.get()
    draft.refresh_from_db()
    assert confirmation.user == world.editor_a
    assert confirmation.revision_id == draft.latest_revision_id
    assert confirmation.warnings == [{"where": "正文", "kind": "name", "label": "疑似真实姓名", "masked": "王**"}]


def test_an_image_in_a_case_body_asks_for_consent(world):  # noqa: F811
    from tests.factories import make_image

    image = make_image()
    case = build_case(world.studio_a, "照片", publish=False)
    case.body = CasePage.body.field.stream_block.to_python(
        [
            {
                "type": "image",
                "value": {"image": {"image": image.pk, "alt_text": "合影", "decorative": False}, "caption": ""},
            }
        ]
    )
    report = case.privacy_report()
    assert [(item.finding.kind, item.blocking) for item in report.items] == [("image", False)]


def test_public_names_of_the_studio_are_not_warnings(world):  # noqa: F811
    case = build_case(world.studio_a, "名单", publish=False, text="<p>学生成员1来访，学生王芳老师点评。</p>")
    assert case.privacy_report().items == []  # 成员1 is a member; 王芳 an author


# Other page types --------------------------------------------------------------------------------
def test_updates_and_studios_are_guarded_too(world):  # noqa: F811
    update = make_update(world.studio_a, "家长会", publish=False, summary="家长王建国电话13800138000")
    with pytest.raises(PrivacyBlocked):
        update.save_revision().publish()
    world.studio_a.carriers_note = "学生家住幸福路12号3栋501室"
    with pytest.raises(PrivacyBlocked):
        world.studio_a.save_revision().publish()


# The reviewer --------------------------------------------------------------------------------------
def submit(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()


def test_reviewers_see_findings_and_confirmations_and_cannot_approve_blocked_content(client, world, draft):  # noqa: F811
    login(client, world.editor_a)
    data = case_data(draft, "<p>学生王小明今年16岁。</p>", privacy_confirmed="on", **{"action-submit": "1"})
    assert client.post(edit_url(draft), data).status_code == 302

    login(client, world.school_a)
    html = client.get(edit_url(draft)).content.decode()
    assert "隐私确认记录" in html and "editor_a" in html and "当前版本" in html and "王**" in html
    assert "审核通过" in html

    # Content that reached review with an ID number (written before the gate, or by code): no approval.
    case = CasePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    case.body = body(f"<p>身份证{ID}</p>")
    case.save_revision(user=world.editor_a)
    html = client.get(edit_url(draft)).content.decode()
    assert "不能提交审核或发布" in html and MASKED_ID in html
    task_state = Page.objects.get(pk=draft.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    with pytest.raises(PrivacyBlocked):
        task_state.task.specific.on_action(task_state, world.school_a, "approve")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_final_approval_publishes_clean_content(client, world, draft):  # noqa: F811
    submit(draft, world.editor_a)
    for reviewer in (world.school_a, world.province_gz):
        login(client, reviewer)
        task_state = Page.objects.get(pk=draft.pk).specific.current_workflow_task_state
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]), {})
    draft.refresh_from_db()
    assert draft.live


# A new page, created under its studio ---------------------------------------------------------------
def test_a_new_update_knows_its_studios_public_names(client, world):  # noqa: F811
    from studios.models import StudioMember
    from tests.promotions.helpers import update_form

    StudioMember.objects.filter(pk=world.studio_a.members.first().pk).update(name="刘建军")
    login(client, world.editor_a)
    add_url = reverse("wagtailadmin_pages:add", args=("studios", "studioupdatepage", world.studio_a.pk))
    response = client.get(add_url)
    assert "未发现身份证号、电话、住址等个人信息" in response.content.decode()

    data = update_form("家长沙龙", "salon-1", summary="学生陈思远主动报名主持。", **{"action-submit": "1"})
    response = client.post(add_url, data)
    assert response.status_code == 200 and "疑似真实姓名 陈**" in response.content.decode()

    data = update_form("家长沙龙", "salon-2", summary="学生刘建军老师主持了沙龙。", **{"action-submit": "1"})
    assert client.post(add_url, data).status_code == 302  # 刘建军 is a member of the studio


def test_bulk_publish_and_scheduling_do_not_publish_a_blocked_case(client, world):  # noqa: F811
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.messages import get_messages
    from django.utils import timezone

    case = build_case(world.studio_a, "家访记录", publish=False, text=f"<p>身份证{ID}</p>")
    case.save_revision()
    admin = get_user_model().objects.create_superuser("root", "root@example.cn", "pw-123456")
    client.force_login(admin)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={case.pk}"
    response = client.post(url, {"include_descendants": ""})
    said = [str(message.message) for message in get_messages(response.wsgi_request)]
    assert response.status_code == 302 and len(said) == 1, said
    assert "“家访记录”含有学生或家庭的个人信息" in said[0] and MASKED_ID in said[0]
    case.refresh_from_db()
    assert not case.live

    case.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = case.save_revision()
    with pytest.raises(PrivacyBlocked):
        revision.publish()  # a publication scheduled for later is refused too
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_the_review_queue_shows_the_check_and_offers_no_approval_for_blocked_content(client, world, draft):  # noqa: F811
    login(client, world.editor_a)
    data = case_data(draft, "<p>学生王小明今年16岁。</p>", privacy_confirmed="on", **{"action-submit": "1"})
    assert client.post(edit_url(draft), data).status_code == 302

    login(client, world.school_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    line = html[html.index("data-review-privacy") :][:400]
    assert "隐私提示 1 处" in line and "确认“已使用化名或取得书面同意”" in line and "正文：疑似真实姓名 王**" in line
    assert f"/{draft.pk}/approve/" in html

    case = CasePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    case.body = body(f"<p>身份证{ID}</p>")
    case.save_revision(user=world.editor_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "只能退回修改" in html and MASKED_ID in html
    assert f"/{draft.pk}/approve/" not in html and f"/{draft.pk}/reject/" in html
