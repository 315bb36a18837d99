"""Studio editors' groups and collections, reviewer groups and the review workflow.

Everything here is idempotent and data-free: it is called after ``migrate``, when
a studio page or the studio index is saved (admin, ``import_studios``,
``load_demo``), and from the demo loader.
"""

import re

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from studios.models import StudioIndexPage, StudioPage

from .models import ReviewerRole, ScopedGroupApprovalTask, StudioSpace, TaskScope

ROLE_GROUP_NAMES = {
    ReviewerRole.SCHOOL: "学校审核员",
    ReviewerRole.PROVINCE: "省级审核员",
    ReviewerRole.MINISTRY: "部级管理员",
}
WORKFLOW_NAME = "工作室内容审核"
SCHOOL_TASK_NAME = "学校审核"
PROVINCE_TASK_NAME = "省级审核"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]  # never publish_page
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
REVIEWER_MODEL_PERMISSIONS = [
    ("promotions", "add_promotion"),
    ("promotions", "change_promotion"),
    ("promotions", "delete_promotion"),
    ("promotions", "view_promotion"),
]


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _admin_access():
    return _perm("wagtailadmin", "access_admin")


def editor_group_name(studio):
    return f"{studio.title} 编辑组"


@transaction.atomic
def ensure_studio_space(studio):
    """Give ``studio`` an editors' group (add/change on its subtree, no publish) and a media collection."""
    space = StudioSpace.objects.filter(studio=studio).select_related("group", "collection").first()
    if space is not None:
        return space

    name = editor_group_name(studio)
    if Group.objects.filter(name=name).exists():
        name = f"{name}（{studio.pk}）"
    group = Group.objects.create(name=name)
    group.permissions.add(_admin_access())
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(group=group, page=studio, permission=_perm("wagtailcore", codename))

    root = Collection.get_first_root_node()
    collection = root.add_child(instance=Collection(name=_collection_name(studio)))
    for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=_perm(app_label, codename)
        )
    return StudioSpace.objects.create(studio=studio, group=group, collection=collection)


def _collection_name(studio):
    return f"{studio.title}（{studio.pk}）"


@transaction.atomic
def rename_studio_space(studio):
    """A studio renamed (its new title published): its editors' group and media collection
    follow, unless an administrator has given them names of their own. Administrators
    pick the group by name in the user editor; one named after the old title misleads."""
    space = StudioSpace.objects.filter(studio=studio).select_related("group", "collection").first()
    if space is None:
        return
    group, collection = space.group, space.collection
    suffix = f"（{studio.pk}）"
    if re.fullmatch(rf".+ 编辑组(?:{suffix})?", group.name) and group.name.removesuffix(suffix) != editor_group_name(
        studio
    ):
        name = editor_group_name(studio)
        if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
            name += suffix
        group.name = name
        group.save(update_fields=["name"])
    if collection.name.endswith(suffix) and collection.name != _collection_name(studio):
        collection.name = _collection_name(studio)
        collection.save(update_fields=["name"])


def add_editor(studio, user):
    """Make ``user`` an editor of ``studio`` (the same as ticking the group in the user editor)."""
    space = ensure_studio_space(studio)
    user.groups.add(space.group)
    return space


def ensure_role_groups():
    """The reviewer groups: admin access and the promotion snippet permissions."""
    groups = {}
    for role, name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(_admin_access(), *[_perm(a, c) for a, c in REVIEWER_MODEL_PERMISSIONS])
        groups[role] = group
    return groups


def _ensure_task(name, scope, groups):
    task = ScopedGroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = ScopedGroupApprovalTask.objects.create(name=name, scope=scope)
    task.groups.add(*groups)
    return task


@transaction.atomic
def ensure_workflow():
    """学校审核 → 省级审核 → 发布, assigned to ``/studios/`` (and so to every studio's pages)."""
    groups = ensure_role_groups()
    ministry = groups[ReviewerRole.MINISTRY]
    school_task = _ensure_task(SCHOOL_TASK_NAME, TaskScope.SCHOOL, [groups[ReviewerRole.SCHOOL], ministry])
    province_task = _ensure_task(PROVINCE_TASK_NAME, TaskScope.PROVINCE, [groups[ReviewerRole.PROVINCE], ministry])

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=school_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=province_task, sort_order=1)

    index = StudioIndexPage.objects.first()
    if index is not None and not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=workflow)
    return workflow


def ensure_all_studio_spaces():
    created = 0
    for studio in StudioPage.objects.filter(space__isnull=True):
        ensure_studio_space(studio)
        created += 1
    return created
