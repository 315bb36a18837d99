"""A studio renamed: its editors' group and media collection follow the published title."""

from django.contrib.auth.models import Group

from promotions.models import StudioSpace
from tests.factories import make_studio


def rename(studio, title, *, publish=True):
    studio.title = title
    revision = studio.save_revision()
    if publish:
        revision.publish()
    return StudioSpace.objects.select_related("group", "collection").get(studio=studio)


def test_group_and_collection_follow_the_published_title(db):
    studio = make_studio("春晖班主任工作室")
    space = StudioSpace.objects.get(studio=studio)
    assert space.group.name == "春晖班主任工作室 编辑组"
    assert space.collection.name == f"春晖班主任工作室（{studio.pk}）"

    space = rename(studio, "春晖德育班主任工作室", publish=False)  # a draft: nothing yet
    assert space.group.name == "春晖班主任工作室 编辑组"

    space = rename(studio, "春晖德育班主任工作室")
    assert space.group.name == "春晖德育班主任工作室 编辑组"
    assert space.collection.name == f"春晖德育班主任工作室（{studio.pk}）"


def test_name_taken_by_another_group_gets_the_studio_id(db):
    Group.objects.create(name="明德班主任工作室 编辑组")  # e.g. an older studio of that name
    studio = make_studio("明德德育工作室")
    space = rename(studio, "明德班主任工作室")
    assert space.group.name == f"明德班主任工作室 编辑组（{studio.pk}）"
    space = rename(studio, "遵义明德班主任工作室")  # free again: the suffix goes
    assert space.group.name == "遵义明德班主任工作室 编辑组"


def test_names_an_administrator_chose_are_kept(db):
    studio = make_studio("蜀光班主任工作室")
    space = StudioSpace.objects.select_related("group", "collection").get(studio=studio)
    space.group.name = "成都市蜀光工作室编辑"
    space.group.save()
    space.collection.name = "蜀光工作室素材"
    space.collection.save()
    space = rename(studio, "成都蜀光班主任工作室")
    assert space.group.name == "成都市蜀光工作室编辑"
    assert space.collection.name == "蜀光工作室素材"
