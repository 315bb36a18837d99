"""Test data builders, in one place for every test module."""

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from core.choices import ConstructionModel, Direction, Province, SchoolType
from core.models import Direction as DirectionRow
from home.structure import ensure_site_structure
from ops.pagecache import COMMON_SCOPE, bump_fragments, bump_generation
from studios.models import StudioIndexPage, StudioMember, StudioPage, StudioUpdatePage

_counter = itertools.count(1)


def render_afresh():
    """Retire every kept fragment and what every page reads (the content generation), as a
    change does: the next request renders its page in full (query counts, N+1 guards)."""
    bump_fragments(COMMON_SCOPE)
    bump_generation()


def site_tree():
    """The home page and the section index pages (idempotent)."""
    return ensure_site_structure()


def directions(*codes):
    return list(DirectionRow.objects.filter(code__in=codes or [Direction.CLASS_MANAGEMENT]))


def make_image(title="测试图片", size=(64, 48), color=(30, 110, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"test-{next(_counter)}.png"))


def make_studio(
    title=None,
    *,
    school=None,
    province=Province.GUIZHOU,
    school_type=SchoolType.VOCATIONAL,
    direction_codes=(Direction.CLASS_MANAGEMENT,),
    member_count=5,
    publish=True,
    **fields,
):
    """Create a valid studio page below ``/studios/`` (5 members, 1 direction by default)."""
    site_tree()
    index = StudioIndexPage.objects.get()
    n = next(_counter)
    title = title or f"测试班主任工作室{n}"
    studio = StudioPage(
        title=title,
        slug=fields.pop("slug", f"studio-{n}"),
        school=school or f"测试职业学校{n}",
        school_type=school_type,
        province=province,
        city=fields.pop("city", "贵阳市"),
        construction_model=fields.pop("construction_model", ConstructionModel.MASTER_TEACHER),
        host_name=fields.pop("host_name", "王老师"),
        cycle_years=fields.pop("cycle_years", 3),
        live=publish,
        **fields,
    )
    studio.directions = directions(*direction_codes)
    studio.members = [StudioMember(name=f"成员{i}", role="成员", sort_order=i) for i in range(member_count)]
    index.add_child(instance=studio)
    if publish:
        studio.save_revision().publish()
    else:
        studio.save_revision()
    return studio


def make_update(studio, title=None, *, date=None, publish=True, **fields):
    n = next(_counter)
    update = StudioUpdatePage(
        title=title or f"工作动态{n}",
        slug=fields.pop("slug", f"update-{n}"),
        date=date or datetime.date(2025, 3, 1),
        live=publish,
        **fields,
    )
    studio.add_child(instance=update)
    if publish:
        update.save_revision().publish()
    return update


def promoter():
    """The administrator in whose name test promotions are made (every promotion has a 推介人)."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="promoter", defaults={"is_superuser": True, "is_staff": True, "email": "promoter@example.cn"}
    )
    return user


def make_promotion(page, level, year=2025, *, by=None, **fields):
    from promotions.models import Promotion

    return Promotion.objects.create(page=page, level=level, year=year, created_by=by or promoter(), **fields)
