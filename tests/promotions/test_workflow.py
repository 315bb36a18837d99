"""学校审核 → 省级审核 → 发布, and who may act on each step (through the admin's workflow views)."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, TaskState

from tests.factories import make_update

from .conftest import login


@pytest.fixture
def submitted(world):
    """A draft update of studio A, submitted for review by its editor."""
    page = make_update(world.studio_a, "春晖工作室家校共育沙龙", publish=False)
    page.save_revision(user=world.editor_a)
    page.get_workflow().start(page, world.editor_a)
    page.refresh_from_db()
    return page


def act(client, user, page, action, comment=""):
    login(client, user)
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def current_task_name(page):
    task = Page.objects.get(pk=page.pk).specific.current_workflow_task
    return task.name if task else None


def test_studio_content_uses_the_two_step_workflow(submitted):
    assert submitted.get_workflow().name == "工作室内容审核"
    assert current_task_name(submitted) == "学校审核"


def test_only_the_studios_school_reviewer_acts_on_school_review(client, world, submitted):
    for outsider in (world.school_b, world.province_gz, world.editor_a, world.editor_b):
        response = act(client, outsider, submitted, "approve")
        assert response.status_code in (302, 403)
        assert current_task_name(submitted) == "学校审核", outsider.username

    act(client, world.school_a, submitted, "approve")
    assert current_task_name(submitted) == "省级审核"
    submitted.refresh_from_db()
    assert not submitted.live


def test_only_the_provinces_reviewer_acts_on_provincial_review(client, world, submitted):
    act(client, world.school_a, submitted, "approve")
    assert current_task_name(submitted) == "省级审核"

    for outsider in (world.province_sc, world.school_a, world.school_b):
        response = act(client, outsider, submitted, "approve")
        assert response.status_code in (302, 403)
        assert current_task_name(submitted) == "省级审核", outsider.username

    act(client, world.province_gz, submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    assert current_task_name(submitted) is None


def test_ministry_may_act_on_either_step(client, world, submitted):
    act(client, world.ministry, submitted, "approve")
    assert current_task_name(submitted) == "省级审核"
    act(client, world.ministry, submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live


def test_reviewers_see_only_their_own_queue(client, world, submitted):
    assert TaskState.objects.reviewable_by(world.school_a).count() == 1
    assert TaskState.objects.reviewable_by(world.school_b).count() == 0
    assert TaskState.objects.reviewable_by(world.province_gz).count() == 0  # not at their step yet

    login(client, world.school_a)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "春晖工作室家校共育沙龙" in dashboard
    login(client, world.school_b)
    assert "春晖工作室家校共育沙龙" not in client.get(reverse("wagtailadmin_home")).content.decode()

    act(client, world.school_a, submitted, "approve")
    assert TaskState.objects.reviewable_by(world.province_gz).count() == 1
    assert TaskState.objects.reviewable_by(world.province_sc).count() == 0


def test_reviewer_opens_the_editor_only_within_scope(client, world, submitted):
    login(client, world.school_a)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk])).status_code == 200
    login(client, world.school_b)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk])).status_code in (302, 403)


def test_rejection_sends_the_comment_to_the_editor(client, world, submitted):
    mail.outbox.clear()
    act(client, world.school_a, submitted, "reject", comment="请补充活动照片和学生反馈。")
    assert submitted.workflow_states.get().status == "needs_changes"
    to_editor = [m for m in mail.outbox if world.editor_a.email in m.to]
    assert len(to_editor) == 1
    assert "请补充活动照片和学生反馈。" in to_editor[0].body
    assert "春晖工作室家校共育沙龙" in to_editor[0].body


def test_submission_email_goes_only_to_reviewers_who_may_act(world, submitted):
    recipients = {address for message in mail.outbox for address in message.to}
    assert world.school_a.email in recipients
    assert world.ministry.email in recipients  # Ministry accounts may act on both steps anywhere
    # Wagtail would tell every member of the school reviewers' group, nationwide.
    assert world.school_b.email not in recipients
    assert not {world.province_gz.email, world.province_sc.email} & recipients  # not their step yet
