"""``core.orderable.number_unordered``: the data migrations' numbering of unordered children."""

from core.orderable import number_unordered
from studios.models import StudioMember
from tests.factories import make_studio


def test_children_without_an_order_get_their_creation_order(db):
    unordered = make_studio("春晖班主任工作室", member_count=6)
    ordered = make_studio("明德班主任工作室", member_count=5)
    StudioMember.objects.filter(studio=unordered).update(sort_order=None)
    StudioMember.objects.filter(studio=ordered, name="成员0").update(sort_order=9)  # chosen in the admin

    number_unordered(StudioMember, "studio")

    members = StudioMember.objects.filter(studio=unordered).order_by("sort_order")
    assert [m.name for m in members] == [f"成员{i}" for i in range(6)]
    assert [m.sort_order for m in members] == list(range(6))
    assert StudioMember.objects.get(studio=ordered, name="成员0").sort_order == 9  # left alone
