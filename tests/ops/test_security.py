"""Security: headers, deploy checks, login throttling, uploads, rich text, unpublished media."""

import copy
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.rich_text import RichText

from tests.factories import make_studio, make_update
from tests.factories import site_tree as build_site_tree
from tests.fixtures.shared import built_once

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker):
    """The home page, the section index pages and a studio, built once for the module
    (tests/fixtures/shared.py) instead of once per test: each test adds its own pages, documents
    and restrictions below them, and they are rolled back after it."""
    with built_once(django_db_blocker):
        yield build_site_tree(), make_studio()


@pytest.fixture
def site_tree(db, shared_site):
    return copy.deepcopy(shared_site[0])


@pytest.fixture
def studio(site_tree, shared_site):
    return copy.deepcopy(shared_site[1])


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.cn", "pw-not-used")
    client.force_login(user)
    return client


# --- headers -------------------------------------------------------------------------------


def _directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_send_a_strict_content_security_policy(client, site_tree):
    csp = _directives(client.get("/")["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


def test_the_print_button_handler_is_the_only_inline_script_allowed(client, site_tree):
    import base64
    import hashlib

    print_hash = base64.b64encode(hashlib.sha256(b"window.print()").digest()).decode()
    csp = _directives(client.get("/")["Content-Security-Policy"])
    inline = [s for s in csp["script-src"] if s.startswith("'sha256-")]
    assert inline == [f"'sha256-{print_hash}'"]


def test_admin_gets_the_relaxed_policy_it_needs(client, site_tree):
    csp = _directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'self'"]  # the page preview is a same-origin iframe


def test_other_security_headers(client, site_tree):
    response = client.get("/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert len(response["X-Request-ID"]) >= 16


def test_a_sane_proxy_request_id_is_kept_and_a_bad_one_replaced(client, site_tree):
    assert client.get("/", HTTP_X_REQUEST_ID="req-12345678")["X-Request-ID"] == "req-12345678"
    assert client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


# --- manage.py check --deploy ----------------------------------------------------------------


def _deploy_check(**extra_env):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k7#Vq2!pZ9xR4mL8sT1wY6nB3cF5hJ0dG-aE_uK@oI$eW^rQ&zX*vN%yM",
        "ALLOWED_HOSTS": "bzr.example.cn",
        "DATABASE_URL": f"sqlite:///{BASE_DIR / 'var' / 'deploy-check.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = _deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_fails_while_the_default_site_is_localhost(site_tree):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    for hostname, port in (("localhost", 80), ("127.0.0.1", 8000)):
        Site.objects.filter(pk=site.pk).update(hostname=hostname, port=port)
        with pytest.raises(SystemCheckError, match="ops.E001"):
            call_command("check", deploy=True, tags=["sites"], stdout=io.StringIO())
    Site.objects.filter(pk=site.pk).update(hostname="bzr.example.cn", port=443)
    call_command("check", deploy=True, tags=["sites"], stdout=io.StringIO())


def test_check_deploy_warns_when_the_page_cache_is_per_process():
    result = _deploy_check(REDIS_URL="")
    assert result.returncode != 0
    assert "ops.W001" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "command",
    [["manage.py", "check"], ["-c", "import sys; sys.path.insert(0, 'site'); import config.wsgi"]],
    ids=["manage.py", "wsgi"],
)
def test_production_without_a_secret_key_says_so_in_one_line(command):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY"))}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, *command], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "缺少环境变量 SECRET_KEY" in lines[0] and "The environment variable SECRET_KEY is not set" in lines[0]


# --- login throttling -------------------------------------------------------------------------


@override_settings(AXES_ENABLED=True)
def test_admin_login_locks_out_after_five_failures_with_a_chinese_message(client, site_tree):
    get_user_model().objects.create_user("banzhuren", "b@example.cn", "Correct-horse-42", is_staff=True)

    for _ in range(4):
        response = client.post("/admin/login/", {"username": "banzhuren", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    fifth = client.post("/admin/login/", {"username": "banzhuren", "password": "wrong"})
    assert fifth.status_code == 429
    locked = client.post("/admin/login/", {"username": "banzhuren", "password": "Correct-horse-42"})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录失败次数过多" in page
    assert "15 分钟" in page
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_a_successful_login_before_the_limit_resets_the_count(client, site_tree):
    get_user_model().objects.create_user("jiaoshi", "j@example.cn", "Correct-horse-42", is_staff=True)
    for _ in range(4):
        client.post("/admin/login/", {"username": "jiaoshi", "password": "wrong"})
    ok = client.post("/admin/login/", {"username": "jiaoshi", "password": "Correct-horse-42"})
    assert ok.status_code == 302
    client.logout()
    for _ in range(4):
        assert client.post("/admin/login/", {"username": "jiaoshi", "password": "wrong"}).status_code == 200


def production_proxy_settings(monkeypatch):
    """The client-address settings of config.settings.production (one nginx in front, its default)."""
    import importlib

    monkeypatch.setenv("SECRET_KEY", "only-for-this-import")
    monkeypatch.delenv("TRUSTED_PROXY_HOPS", raising=False)
    production = importlib.reload(importlib.import_module("config.settings.production"))
    names = ["AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT", "IPWARE_STRICT"]
    return {name: getattr(production, name, None) for name in names}


def through_nginx(client, username, password, client_address, forged=None):
    """A login as nginx forwards it: X-Forwarded-For is what the client sent plus its real address."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return client.post("/admin/login/", {"username": username, "password": password}, HTTP_X_FORWARDED_FOR=forwarded)


def test_behind_the_proxy_a_lockout_is_per_user_name_and_client_address(client, site_tree, monkeypatch):
    from axes.models import AccessAttempt

    get_user_model().objects.create_user("shenheyuan", "s@example.cn", "Correct-horse-42", is_staff=True)
    get_user_model().objects.create_user("guanliyuan", "g@example.cn", "Correct-horse-43", is_staff=True)
    attacker, reviewer = "203.0.113.9", "198.51.100.7"
    with override_settings(AXES_ENABLED=True, **production_proxy_settings(monkeypatch)):
        for _ in range(4):
            assert through_nginx(client, "shenheyuan", "wrong", attacker).status_code == 200
        assert through_nginx(client, "shenheyuan", "wrong", attacker).status_code == 429
        assert AccessAttempt.objects.get(username="shenheyuan").ip_address == attacker
        # Writing the reviewer's address into the header does not make the attacker the reviewer.
        forged = through_nginx(client, "shenheyuan", "Correct-horse-42", attacker, forged=reviewer)
        assert forged.status_code == 429

        # The reviewer, from their own address, is not locked out; nor is another account.
        assert through_nginx(client, "shenheyuan", "Correct-horse-42", reviewer).status_code == 302
        client.logout()
        assert through_nginx(client, "guanliyuan", "Correct-horse-43", attacker).status_code == 302


# --- uploads ------------------------------------------------------------------------------------


def _png(size):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (20, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def _root_collection():
    return Collection.get_first_root_node()


def test_document_of_a_forbidden_type_is_refused_in_chinese(admin_client, site_tree):
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00 not a document", content_type="application/octet-stream")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "安装程序", "file": upload, "collection": _root_collection().pk}
    )
    assert response.status_code == 200
    assert not Document.objects.filter(title="安装程序").exists()
    errors = _errors(response)
    assert "exe" in errors
    assert _is_chinese(errors)


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_document_too_big_is_refused_in_chinese(admin_client, site_tree):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + b"0" * 4096, content_type="application/pdf")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "过大的报告", "file": upload, "collection": _root_collection().pk}
    )
    assert not Document.objects.filter(title="过大的报告").exists()
    assert "文件过大" in _errors(response)


def test_documents_allowed_by_type_and_size_are_accepted(admin_client, site_tree):
    upload = SimpleUploadedFile("plan.txt", "班级工作计划".encode(), content_type="text/plain")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "工作计划", "file": upload, "collection": _root_collection().pk}
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="工作计划").exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=10_000)
def test_image_with_too_many_pixels_is_refused_in_chinese(admin_client, site_tree):
    upload = SimpleUploadedFile("huge.png", _png((200, 100)), content_type="image/png")
    response = admin_client.post(
        "/admin/images/add/", {"title": "超大图片", "file": upload, "collection": _root_collection().pk}
    )
    assert not Image.objects.filter(title="超大图片").exists()
    assert "像素过多" in _errors(response)


def test_the_configured_pixel_and_size_limits():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 40_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert "exe" not in settings.WAGTAILDOCS_EXTENSIONS and "html" not in settings.WAGTAILDOCS_EXTENSIONS


def test_image_of_a_wrong_type_is_refused_in_chinese(admin_client, site_tree):
    upload = SimpleUploadedFile("photo.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    response = admin_client.post(
        "/admin/images/add/", {"title": "伪装图片", "file": upload, "collection": _root_collection().pk}
    )
    assert not Image.objects.filter(title="伪装图片").exists()
    assert _is_chinese(_errors(response))


def test_uploaded_images_and_their_renditions_are_at_unguessable_addresses(admin_client, site_tree):
    """Media are served without permission checks: an image uploaded for a draft must not be
    found by guessing its file name (ops/media.py)."""
    import re

    for _ in range(2):  # the same file name twice
        upload = SimpleUploadedFile("IMG_0001.png", _png((80, 60)), content_type="image/png")
        response = admin_client.post(
            "/admin/images/add/", {"title": "草稿配图", "file": upload, "collection": _root_collection().pk}
        )
        assert response.status_code in (200, 302)
    images = list(Image.objects.filter(title="草稿配图"))
    assert len(images) == 2
    names = [image.file.name for image in images]
    for name in names:
        assert re.fullmatch(r"original_images/[0-9a-f]{16}_IMG_0001\.png", name), name
    assert len({name.split("/")[1][:16] for name in names}) == 2  # a fresh token per upload
    for image in images:
        token = image.file.name.split("/")[1][:16]
        for spec in ("max-165x165", "fill-640x360-c100|format-webp"):
            assert f"/images/{token}" in image.get_rendition(spec).url, spec
        # a spec so long that little of the original name is left: a token of its own
        url = image.get_rendition("fill-1200x675-c100|format-webp|webpquality-80").url
        assert re.search(r"/images/[0-9a-f]{16}[._]", url), url
    long = SimpleUploadedFile("长" * 40 + "x" * 120 + ".png", _png((8, 8)), content_type="image/png")
    admin_client.post("/admin/images/add/", {"title": "长文件名", "file": long, "collection": _root_collection().pk})
    assert len(Image.objects.get(title="长文件名").file.name) <= 100


def _errors(response):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select(".error-message, .errorlist, .help-critical, [role=alert], .w-field__errors")
    return " ".join(node.get_text(" ", strip=True) for node in found)


def _is_chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# --- rich text --------------------------------------------------------------------------------


def test_scripts_and_event_handlers_never_survive_in_rich_text(client, site_tree, studio):
    hostile = (
        '<p>班会实录<script>alert("x")</script></p>'
        '<p><img src="x" onerror="alert(1)">图片</p>'
        '<p><a href="javascript:alert(2)">链接</a><a href="https://example.cn/">正常链接</a></p>'
    )
    update = make_update(studio, "带有危险代码的动态", body=[("paragraph", RichText(hostile))])
    html = client.get(update.url).content.decode()
    assert "班会实录" in html
    assert 'href="https://example.cn/"' in html
    assert "alert(" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    update.refresh_from_db()
    assert "<script" not in update.body[0].value.source


def test_wagtail_internal_links_and_block_keys_are_kept():
    from ops.sanitize import clean_html

    source = '<p data-block-key="a1b2c">见<a linktype="page" id="3">案例</a></p><embed embedtype="image" id="4" format="left" alt="活动照片"/>'
    cleaned = clean_html(source)
    assert '<p data-block-key="a1b2c">' in cleaned
    assert '<a linktype="page" id="3">案例</a>' in cleaned
    assert 'embedtype="image"' in cleaned and 'format="left"' in cleaned


# --- drafts, private pages and documents ----------------------------------------------------


def test_draft_page_url_is_404(client, site_tree, studio):
    draft = make_update(studio, "尚未发布的动态", publish=False)
    response = client.get(f"{studio.url}{draft.slug}/")
    assert response.status_code == 404
    assert "尚未发布的动态" not in response.content.decode()


def test_private_page_redirects_to_login(client, site_tree, studio):
    update = make_update(studio, "仅限登录查看")
    PageViewRestriction.objects.create(page=update, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(update.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def _document(title, collection=None):
    return Document.objects.create(
        title=title,
        collection=collection or _root_collection(),
        file=ContentFile("班主任工作室资料".encode(), name=f"{title}.txt"),
    )


def _doc_link(document):
    return f'<p><a linktype="document" id="{document.pk}">{document.title}</a></p>'


def test_document_linked_from_a_live_page_is_downloadable(client, site_tree, studio):
    document = _document("公开资料")
    make_update(studio, body=[("paragraph", RichText(_doc_link(document)))])
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "班主任工作室资料"


def test_document_attached_only_to_a_draft_is_404_to_visitors(client, site_tree, studio):
    document = _document("草稿附件")
    make_update(studio, body=[("paragraph", RichText(_doc_link(document)))], publish=False)
    assert client.get(document.url).status_code == 404


def test_document_added_only_in_a_draft_revision_of_a_live_page_is_404(client, site_tree, studio):
    update = make_update(studio, "已发布的动态")
    document = _document("修订草稿附件")
    update.body = [("paragraph", RichText(_doc_link(document)))]
    update.save_revision()
    assert client.get(document.url).status_code == 404


def test_document_used_by_nothing_is_404_to_visitors_but_served_to_its_editors(client, admin_client, site_tree):
    document = _document("未使用的文件")
    url = document.url
    assert admin_client.get(url).status_code == 200
    admin_client.logout()
    assert client.get(url).status_code == 404


def test_document_of_a_private_page_is_404(client, site_tree, studio):
    document = _document("内部资料")
    update = make_update(studio, body=[("paragraph", RichText(_doc_link(document)))])
    PageViewRestriction.objects.create(page=update, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(document.url).status_code == 404


def test_document_in_a_private_collection_asks_for_login(client, site_tree, studio):
    private = _root_collection().add_child(instance=Collection(name="内部文件"))
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = _document("内部集合文件", collection=private)
    make_update(studio, body=[("paragraph", RichText(_doc_link(document)))])
    response = client.get(document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_another_studios_editor_cannot_fetch_a_draft_document(client, site_tree, studio):
    """An editor with rights on one collection cannot read another studio's unpublished files."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupCollectionPermission

    root = _root_collection()
    mine = root.add_child(instance=Collection(name="甲工作室"))
    theirs = root.add_child(instance=Collection(name="乙工作室"))
    group = Group.objects.create(name="甲工作室编辑")
    for codename in ("add_document", "change_document", "choose_document"):
        GroupCollectionPermission.objects.create(
            group=group, collection=mine, permission=Permission.objects.get(codename=codename)
        )
    editor = get_user_model().objects.create_user("jia", "jia@example.cn", "pw-not-used")
    editor.groups.add(group)
    own = _document("甲的草稿文件", collection=mine)
    other = _document("乙的草稿文件", collection=theirs)
    make_update(studio, body=[("paragraph", RichText(_doc_link(other) + _doc_link(own)))], publish=False)
    client.force_login(editor)
    assert client.get(own.url).status_code == 200
    assert client.get(other.url).status_code == 404


def test_video_embeds_from_known_hosts_are_allowed_and_widenable(client, site_tree, settings):
    csp = _directives(client.get("/")["Content-Security-Policy"])
    assert "https://player.bilibili.com" in csp["frame-src"]
    assert "https://evil.example" not in csp["frame-src"]
    settings.OPS_CSP_EXTRA = {"frame-src": ["https://video.example.cn"]}
    from django.test import Client

    widened = _directives(Client().get("/")["Content-Security-Policy"])
    assert "https://video.example.cn" in widened["frame-src"]
