"""The 建设方向 rows and the site settings moved from ``home`` to ``core`` (``core.0001_initial``):
on a database upgraded in place, their content-type rows are renamed, so that the permissions
given on them (and revisions, log entries) stay attached."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from core.models import Direction, EditorGuidance, SiteIdentity

migration = importlib.import_module("core.migrations.0001_initial")


@pytest.fixture
def clean_content_type_cache():
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.mark.django_db
def test_the_moved_models_keep_their_tables():
    assert [model._meta.db_table for model in (Direction, EditorGuidance, SiteIdentity)] == [
        "home_direction",
        "home_editorguidance",
        "home_siteidentity",
    ]
    assert Direction.objects.count() == 9  # made after migrate, from the vocabulary


@pytest.mark.django_db
def test_an_upgraded_database_keeps_the_permissions_given_under_home(clean_content_type_cache):
    # The database as ``home`` left it: the rows under ``home``, and a group allowed to edit 平台信息.
    moved = ContentType.objects.filter(app_label="core", model__in=migration.MOVED)
    ids = set(moved.values_list("pk", flat=True))
    moved.update(app_label="home")
    group = Group.objects.create(name="平台信息编辑")
    group.permissions.add(Permission.objects.get(codename="change_siteidentity"))
    # post_migrate of a partial run made a row under ``core`` meanwhile: the old one wins.
    ContentType.objects.create(app_label="core", model="direction")

    migration.rename_content_types("home", "core")(apps, None)

    rows = ContentType.objects.filter(model__in=migration.MOVED)
    assert set(rows.values_list("app_label", flat=True)) == {"core"}
    assert set(rows.values_list("pk", flat=True)) == ids
    assert [p.content_type.app_label for p in group.permissions.all()] == ["core"]
    ContentType.objects.clear_cache()
    user = group.user_set.create(username="editor")
    assert user.has_perm("core.change_siteidentity")


@pytest.mark.django_db
def test_a_new_database_has_no_rows_to_rename(clean_content_type_cache):
    ContentType.objects.filter(model__in=migration.MOVED).delete()
    migration.rename_content_types("home", "core")(apps, None)
    assert not ContentType.objects.filter(model__in=migration.MOVED).exists()
