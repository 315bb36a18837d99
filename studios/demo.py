"""Demo studios and their updates (工作动态) for ``manage.py load_demo``.

The content is data, in ``studios/demo_data/``: ``studios.toml`` (the studios, with the
choices written as in the studio information table), ``updates.toml`` (their updates) and
``members.toml`` (the names and titles members are drawn from). Idempotent: a studio is
found by its slug below ``/studios/``, an update by its slug below its studio, an image by
its title; what exists is left as it is (an editor may have changed it). The schools and
people are fictional; the text was written for this project.
"""

import functools
import json
import random
import tomllib
from pathlib import Path

from django.db import transaction

from core import choices
from core.demo_images import banner, portrait, qr_like, wagtail_image
from core.models import Direction as DirectionRow
from core.slugs import change_slug, pinyin_slug
from core.structure import ensure_site_structure

DATA = Path(__file__).resolve().parent / "demo_data"
# Fields written as the Chinese label of a choice (as in the studio information table).
CHOICE_FIELDS = {
    "school_type": choices.SchoolType,
    "province": choices.Province,
    "level": choices.StudioLevel,
    "status": choices.StudioStatus,
    "construction_model": choices.ConstructionModel,
}


def read(name):
    with open(DATA / name, "rb") as handle:
        return tomllib.load(handle)


def choice(vocabulary, label, where):
    value = choices.value_for_label(vocabulary, label)
    if value is None:
        raise ValueError(f"{where}：“{label}”不是有效的选项")
    return value


@functools.cache
def demo_data():
    """``(studios, updates by studio slug, featured slugs, members)`` from the data files."""
    studios_file, members = read("studios.toml"), read("members.toml")
    studios = []
    for item in studios_file["studio"]:
        where = f"studios.toml {item['slug']}"
        studio = dict(item)
        for field, vocabulary in CHOICE_FIELDS.items():
            studio[field] = choice(vocabulary, item[field], where)
        studio["directions"] = [choice(choices.Direction, label, where) for label in item["directions"]]
        studio["work_carriers"] = [choice(choices.WorkCarrier, label, where) for label in item["work_carriers"]]
        studios.append(studio)
    updates = {}
    for item in read("updates.toml")["update"]:
        update = dict(item)
        update["slug"] = pinyin_slug(item["title"])  # as an editor's page gets it (core.slugs)
        update["kind"] = choice(choices.WorkCarrier, item["kind"], f"updates.toml {item['title']}")
        update["sections"] = [(section["heading"] or None, section["text"]) for section in update.pop("section")]
        update["activities"] = update.pop("activity", [])
        updates.setdefault(update.pop("studio"), []).append(update)
    return studios, updates, studios_file["featured"], members


def demo_members(studio_data):
    """5-10 members with roles, titles, subjects and years, stable for a studio."""
    rng = random.Random(studio_data["slug"])  # noqa: S311 - stable demo data, not security
    members_data = demo_data()[3]
    surnames, given_names = members_data["surnames"], members_data["given_names"]
    pool = members_data["pools"][studio_data["member_pool"]]
    titles, subjects = pool["titles"], pool["subjects"]
    used = {studio_data["host_name"]}
    members = []
    for i in range(studio_data["member_count"]):
        name = studio_data["host_name"]
        while name in used:
            name = rng.choice(surnames) + rng.choice(given_names)
        used.add(name)
        if i == 0:
            role, years = "副主持人", rng.randint(8, 15)
        elif i <= 2:
            role, years = "核心成员", rng.randint(5, 12)
        elif i == studio_data["member_count"] - 1 and studio_data["member_count"] >= 8:
            role, years = "校外专家", None
        else:
            role, years = "成员", rng.randint(1, 6)
        title = (
            titles[i % len(titles)]
            if role != "校外专家"
            else rng.choice(["家庭教育指导师", "心理咨询师", "企业培训师"])
        )
        subject = subjects[(i + rng.randint(0, 2)) % len(subjects)] if role != "校外专家" else ""
        members.append({"name": name, "role": role, "title": title, "subject": subject, "years": years})
    return members


# --- loading ---------------------------------------------------------------------------


def rich(paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def update_body(studio, data, image):
    """The update's StreamField content as raw block data (paragraphs, headings, image, quote, table)."""
    blocks = []
    sections = data["sections"]
    for i, (heading, text) in enumerate(sections):
        if heading:
            blocks.append({"type": "heading", "value": {"text": heading, "size": "h2"}})
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        if i == 0:
            blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "decorative": False, "alt_text": data["caption"]},
                        "caption": data["caption"],
                    },
                }
            )
    if data.get("table"):
        blocks.append(
            {
                "type": "table",
                "value": {
                    "data": data["table"],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            }
        )
    if data.get("quote"):
        text, attribution = data["quote"]
        blocks.append({"type": "quote", "value": {"text": text, "attribution": attribution}})
    return json.dumps(blocks, ensure_ascii=False)


def _publish(page):
    page.save_revision().publish()


def ensure_studio(index, data):
    """Create the studio with its images if its slug is not taken yet; return ``(studio, created)``."""
    from studios.models import StudioMember, StudioPage

    existing = StudioPage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False

    title = data["title"]
    fields = {
        key: data[key]
        for key in (
            "title",
            "slug",
            "school",
            "school_type",
            "province",
            "city",
            "level",
            "status",
            "cycle_start_year",
            "cycle_years",
            "construction_model",
            "host_name",
            "host_title",
            "host_years",
            "host_honours",
            "carriers_note",
            "wechat_account",
            "video_account",
        )
    }
    studio = StudioPage(
        **fields,
        introduction=rich(data["introduction"]),
        philosophy=rich(data["philosophy"]),
        work_carriers=[str(value) for value in data["work_carriers"]],
        search_description=data["introduction"][0][:150],
        live=True,
    )
    studio.directions = list(DirectionRow.objects.filter(code__in=data["directions"]))
    # In the listed order (副主持人 first): sort_order is set by the admin's inline panel and
    # the importer, not by assigning the list; left empty, PostgreSQL returns any order.
    studio.members = [StudioMember(**member, sort_order=i) for i, member in enumerate(demo_members(data))]
    index.add_child(instance=studio)
    # The studio's pictures go into its own collection (made with the studio), where its
    # editors find them in the image chooser.
    studio.host_photo = wagtail_image(
        f"{title}·主持人{data['host_name']}",
        lambda: portrait(data["host_name"], seed=data["slug"]),
        filename=f"demo-{data['slug']}-host.jpg",
        collection=studio.space.collection,
    )
    studio.wechat_qr = wagtail_image(
        f"{title}·公众号二维码（示意）",
        lambda: qr_like(data["wechat_account"]),
        filename=f"demo-{data['slug']}-qr.png",
        collection=studio.space.collection,
    )
    _publish(studio)
    return studio, True


def ensure_update(studio, data, collection):
    from studios.models import StudioUpdateGalleryImage, StudioUpdatePage

    existing = StudioUpdatePage.objects.child_of(studio).filter(slug__in=[data["slug"], data.get("was")]).first()
    if existing is not None:
        if existing.slug != data["slug"]:  # loaded before pinyin addresses: move, redirecting the old one
            change_slug(existing, data["slug"])
        return False
    subtitle = f"{studio.title} · {data['date'].year}年{data['date'].month}月"
    prefix = f"{studio.title}·{data['title']}"
    cover = wagtail_image(
        f"{prefix}·封面",
        lambda: banner(data["title"], seed=prefix, subtitle=subtitle),
        filename=f"demo-{studio.slug}-{data['slug']}-cover.jpg",
        collection=collection,
    )
    photo = wagtail_image(
        f"{prefix}·{data['caption']}",
        lambda: banner(data["caption"], seed=prefix + "photo", size=(960, 640)),
        filename=f"demo-{studio.slug}-{data['slug']}-photo.jpg",
        collection=collection,
    )
    update = StudioUpdatePage(
        title=data["title"],
        slug=data["slug"],
        date=data["date"],
        activity_kind=str(data["kind"]),
        summary=data["summary"],
        cover=cover,
        body=update_body(studio, data, photo),
        search_description=data["summary"],
        live=True,
    )
    # A gallery on about half of the updates (those of even months): two more scenes.
    if len(data["sections"]) > 1 and data["date"].month % 2 == 0:
        captions = [section[0] for section in data["sections"][1:] if section[0]][:2]
        update.gallery_images = [
            StudioUpdateGalleryImage(
                image=wagtail_image(
                    f"{prefix}·图集{i}",
                    lambda caption=caption, i=i: banner(caption, seed=f"{prefix}gallery{i}", size=(800, 600)),
                    filename=f"demo-{studio.slug}-{data['slug']}-gallery{i}.jpg",
                    collection=collection,
                ),
                caption=caption,
                sort_order=i - 1,
            )
            for i, caption in enumerate(captions, start=1)
        ]
    update.activities = [activity_record(update, item) for item in data["activities"]]
    studio.add_child(instance=update)
    _publish(update)
    return True


def activity_record(update, item):
    """An activity (辐射带动) the update records, validated as the page editor validates it. The
    record type is the update's ``activities`` relation, defined by the 建设台账 (assessment) app."""
    model = type(update)._meta.get_field("activities").related_model
    where = f"updates.toml {update.slug}"
    labels = {str(label): value for value, label in model._meta.get_field("kind").choices}
    levels = {str(label): value for value, label in model._meta.get_field("competition_level").choices}
    if item["kind"] not in labels:
        raise ValueError(f"{where}：“{item['kind']}”不是有效的活动类型")
    activity = model(
        kind=labels[item["kind"]],
        date=item["date"],
        place=item["place"],
        participants=item["participants"],
        schools_reached=item["schools"],
        provinces=item.get("provinces", ""),
        is_public=item["public"],
        competition_level=levels[item["competition"]] if item.get("competition") else "",
    )
    activity.full_clean(exclude=["studio", "update_page", "title"])
    return activity


def feature_studios(home):
    """Point the home page's 推荐工作室 at the demo's featured studios, unless an editor already chose."""
    from studios.models import StudioPage

    home = home.specific
    if home.featured_studios.exists():
        return False
    featured = demo_data()[2]
    by_slug = {studio.slug: studio for studio in StudioPage.objects.filter(slug__in=featured)}
    home.featured_studios = [by_slug[slug] for slug in featured if slug in by_slug]
    _publish(home)
    return True


@transaction.atomic
def demo_studios():
    """The live studio profiles other demo modules spread their cases and resources over, in tree
    order. Studios established by a selection round (``selection``: 立项 links the application)
    are left out, so that the selection demo's studios do not reshuffle them on the next run."""
    from studios.models import StudioPage

    return StudioPage.objects.live().filter(application__isnull=True).order_by("path")


def load(stdout):
    """Create the demo studios, their updates and the home page's featured studios (idempotent)."""
    from studios.models import StudioIndexPage

    studios, updates, _featured, _members = demo_data()
    home = ensure_site_structure()
    index = StudioIndexPage.objects.get()
    created_studios = created_updates = 0
    for data in studios:
        studio, created = ensure_studio(index, data)
        created_studios += created
        for update in updates.get(data["slug"], []):
            created_updates += ensure_update(studio, update, studio.space.collection)
    feature_studios(home)
    stdout.write(
        f"工作室演示数据：新建工作室 {created_studios} 个、工作动态 {created_updates} 条"
        f"（共 {len(studios)} 个工作室、{sum(len(items) for items in updates.values())} 条动态）。"
    )
