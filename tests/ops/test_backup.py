"""backup / restore of the embedded SQLite database and the media folder."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.images.models import Image

from studios.models import StudioPage
from tests.factories import make_image, make_studio

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="backup/restore 针对内置 SQLite；PostgreSQL 用 pg_dump"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@sqlite_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_trip_brings_back_pages_and_media(client, media, tmp_path):
    studio = make_studio("春晖班主任工作室")
    image = make_image("春晖活动照片", size=(80, 60))
    image_bytes = Path(image.file.path).read_bytes()
    archive = tmp_path / "site.tar.gz"

    call_command("backup", output=str(archive))

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert "database.sqlite3" in names
    assert f"media/{image.file.name}" in names
    assert manifest["format"] == "bzr-backup"
    assert manifest["media"]["files"] == 1

    # Lose the content: the page is deleted, the image and its file are gone.
    studio_url = studio.url
    StudioPage.objects.get(pk=studio.pk).delete()
    image.delete()
    assert not (media / image.file.name).exists()
    assert client.get(studio_url).status_code == 404

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))

    call_command("restore", str(archive), force=True)

    assert StudioPage.objects.filter(title="春晖班主任工作室").exists()
    restored = Image.objects.get(title="春晖活动照片")
    assert (media / restored.file.name).read_bytes() == image_bytes
    response = client.get(studio_url)
    assert response.status_code == 200
    assert "春晖班主任工作室" in response.content.decode()


@sqlite_only
@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, media):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        note = tmp_path / "readme.txt"
        note.write_text("随便一个压缩包")
        tar.add(note, arcname="readme.txt")
    with pytest.raises(CommandError, match="manifest"):
        call_command("restore", str(bogus), force=True)


@sqlite_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_tampered_database(tmp_path, media):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive))
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "database.sqlite3":
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="校验值"):
        call_command("restore", str(tampered), force=True)


def test_restore_of_a_missing_file_says_so_in_chinese(tmp_path, db):
    with pytest.raises(CommandError, match="找不到备份文件|SQLite"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))


@pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL 上才检查拒绝信息")
@pytest.mark.django_db
def test_backup_on_postgresql_points_to_pg_dump(tmp_path):
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", output=str(tmp_path / "x.tar.gz"))
