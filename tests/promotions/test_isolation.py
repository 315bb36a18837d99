"""A studio editor sees and edits only their own studio's pages and media, through the admin."""

from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from promotions.models import StudioSpace
from studios.models import StudioUpdatePage
from tests.factories import make_update

from .conftest import login
from .helpers import document_in, image_in, update_form


def refused(response):
    """Wagtail answers a permission failure with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and "/login/" not in response["Location"])


def page_html(response):
    """The HTML of an admin page or of a chooser modal (which answers JSON)."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_studio_gets_editors_group_and_collection(world):
    space = StudioSpace.objects.get(studio=world.studio_a)
    assert space.group.name == "春晖班主任工作室 编辑组"
    codenames = set(
        GroupPagePermission.objects.filter(group=space.group, page=world.studio_a).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    assert space.collection.get_parent().is_root()
    collection_perms = set(space.group.collection_permissions.values_list("permission__codename", flat=True))
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= collection_perms


def test_editor_edits_own_studio_but_not_another(client, world):
    login(client, world.editor_a)
    own = client.get(reverse("wagtailadmin_pages:edit", args=[world.studio_a.pk]))
    assert own.status_code == 200
    other = client.get(reverse("wagtailadmin_pages:edit", args=[world.studio_b.pk]))
    assert refused(other)
    update_b = make_update(world.studio_b, "明德工作室主题班会")
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[update_b.pk])))
    assert refused(client.get(reverse("wagtailadmin_pages:add_subpage", args=[world.studio_b.pk])))


def test_explorer_shows_only_own_studio(client, world):
    make_update(world.studio_a, "春晖工作室读书交流会")
    make_update(world.studio_b, "明德工作室家长开放日")
    login(client, world.editor_a)
    own = client.get(reverse("wagtailadmin_explore", args=[world.studio_a.pk]))
    assert own.status_code == 200
    assert "春晖工作室读书交流会" in own.content.decode()
    assert refused(client.get(reverse("wagtailadmin_explore", args=[world.studio_b.pk])))
    index = client.get(reverse("wagtailadmin_explore", args=[world.studio_a.get_parent().pk]))
    assert "明德班主任工作室" not in index.content.decode() or refused(index)


def test_admin_search_finds_only_own_pages(client, world, settings):
    # Wagtail's stock database backend: this test is about the permission filter of the
    # admin search, not about Chinese word segmentation (the search app tests that).
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    make_update(world.studio_a, "春晖 心理沙龙", publish=False)
    make_update(world.studio_b, "明德 心理沙龙", publish=False)
    login(client, world.editor_a)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "心理沙龙"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "春晖 心理沙龙" in html
    assert "明德 心理沙龙" not in html


def test_images_and_documents_limited_to_own_collection(client, world):
    space_a, space_b = world.studio_a.space, world.studio_b.space
    img_a = image_in(space_a.collection, "春晖活动照片")
    img_b = image_in(space_b.collection, "明德活动照片")
    doc_a = document_in(space_a.collection, "春晖班级公约")
    doc_b = document_in(space_b.collection, "明德班级公约")
    login(client, world.editor_a)
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        html = page_html(client.get(url))
        assert "春晖活动照片" in html
        assert "明德活动照片" not in html
    for url in (reverse("wagtaildocs:index"), reverse("wagtaildocs_chooser:choose")):
        html = page_html(client.get(url))
        assert "春晖班级公约" in html
        assert "明德班级公约" not in html
    assert client.get(reverse("wagtailimages:edit", args=[img_a.pk])).status_code == 200
    assert refused(client.get(reverse("wagtailimages:edit", args=[img_b.pk])))
    assert client.get(reverse("wagtaildocs:edit", args=[doc_a.pk])).status_code == 200
    assert refused(client.get(reverse("wagtaildocs:edit", args=[doc_b.pk])))


def test_cannot_preview_another_studios_draft(client, world):
    draft_b = make_update(world.studio_b, "明德工作室未发布草稿", publish=False)
    draft_a = make_update(world.studio_a, "春晖工作室未发布草稿", publish=False)
    login(client, world.editor_a)
    own = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft_a.pk]))
    assert own.status_code == 200
    assert refused(client.get(reverse("wagtailadmin_pages:view_draft", args=[draft_b.pk])))
    assert refused(client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[draft_b.pk])))
    # and the public URL of an unpublished page is not served
    assert client.get(draft_b.url or "/studios/x/").status_code == 404


def test_editor_creates_and_submits_but_cannot_publish(client, world):
    login(client, world.editor_a)
    add_url = reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", world.studio_a.pk])
    form = client.get(add_url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    response = client.post(add_url, update_form("春晖工作室班级公约研讨", "class-rules", **{"action-publish": "1"}))
    page = StudioUpdatePage.objects.get(slug="class-rules")
    assert response.status_code == 302
    assert not page.live  # the publish request was refused: a draft was saved instead

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit_url, update_form("春晖工作室班级公约研讨", "class-rules", **{"action-submit": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == "学校审核"

    refused_add = client.post(
        reverse("wagtailadmin_pages:add", args=["studios", "studioupdatepage", world.studio_b.pk]),
        update_form("越权创建", "intrude"),
    )
    assert refused(refused_add)
    assert not Page.objects.filter(slug="intrude").exists()


def test_what_an_editor_uploads_in_the_choosers_goes_into_their_studio_collection(client, world):
    """The choosers' upload tabs file a photo or a document in the editor's studio collection,
    where the choosers then offer it to them (and not to another studio's editor)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (30, 110, 70)).save(buffer, "PNG")
    login(client, world.editor_a)
    photo = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "春晖班会现场",
            "image-chooser-upload-file": SimpleUploadedFile("banhui.png", buffer.getvalue(), "image/png"),
        },
    )
    assert photo.status_code == 200 and photo.json()["step"] == "chosen", photo.content.decode()[:300]
    document = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "春晖班级公约模板",
            "document-chooser-upload-file": SimpleUploadedFile("gongyue.txt", "班级公约".encode(), "text/plain"),
        },
    )
    assert document.status_code == 200 and document.json()["step"] == "chosen", document.content.decode()[:300]

    collection = world.studio_a.space.collection
    assert Image.objects.get(title="春晖班会现场").collection == collection
    assert Document.objects.get(title="春晖班级公约模板").collection == collection
    assert "春晖班会现场" in page_html(client.get(reverse("wagtailimages_chooser:choose")))
    login(client, world.editor_b)
    assert "春晖班会现场" not in page_html(client.get(reverse("wagtailimages_chooser:choose")))
    assert "春晖班级公约模板" not in page_html(client.get(reverse("wagtaildocs_chooser:choose")))
