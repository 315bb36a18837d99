"""The project's Chinese for the admin (locale/zh_Hans): well formed, compiled, and winning
over Wagtail's own catalogue in what the admin renders."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from ops.checks import compiled_translations, stale_translations
from promotions.accounts import add_editor
from tests.factories import make_studio, make_update
from tests.promotions.conftest import make_user

LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def po_entries(path):
    """``[(msgid, msgid_plural, [msgstr, ...])]`` of a .po file (the header left out)."""

    def joined(block, keyword):
        match = re.search(rf'^{keyword} ((?:".*"\n?)+)', block, re.M)
        return "".join(re.findall(r'"(.*)"', match.group(1))) if match else None

    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        msgid = joined(block, "msgid")
        if not msgid:
            continue
        strings = [joined(block, re.escape(key)) for key in re.findall(r"^(msgstr(?:\[\d\])?) ", block, re.M)]
        entries.append((msgid, joined(block, "msgid_plural"), strings))
    return entries


@pytest.fixture(scope="module", autouse=True)
def compiled():
    if stale_translations(settings.LOCALE_PATHS):
        pytest.fail("locale/ 的译文没有编译：先运行 bash scripts/compile_messages.sh", pytrace=False)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_entry_is_translated_with_the_placeholders_of_its_msgid(domain):
    entries = po_entries(LOCALE / f"{domain}.po")
    assert len(entries) > (300 if domain == "django" else 15)
    for msgid, plural, strings in entries:
        assert strings and all(strings), f"未翻译：{msgid!r}"
        allowed = set(PLACEHOLDER.findall(msgid)) | set(PLACEHOLDER.findall(plural or ""))
        for string in strings:
            unknown = set(PLACEHOLDER.findall(string)) - allowed
            assert not unknown, f"{msgid!r} 的译文用了原文没有的占位符 {unknown}"


def test_the_project_translations_override_wagtails():
    with translation.override("zh-hans"):
        assert translation.gettext("Promote") == "网址与SEO"  # Wagtail: 推荐, beside the platform's 推介
        assert translation.gettext("live") == "已发布"  # Wagtail: 在用
        assert translation.gettext("Awaiting your review") == "待我审核"
        assert translation.gettext("Autosave is paused") == "自动保存已暂停"  # Wagtail: untranslated
        # Wagtail: “添加 推介”, “推介 '…' 已创建。”
        assert translation.gettext("Add %(model_name)s") % {"model_name": "推介"} == "添加推介"
        created = translation.gettext("%(model_name)s '%(object)s' created.")
        assert (
            created % {"model_name": "推介", "object": "部级推介：家访实录（2026）"}
            == "推介“部级推介：家访实录（2026）”已创建。"
        )
        # Wagtail: “1 分钟 之前”; Django: “2 日”
        assert translation.gettext("%(time_period)s ago") % {"time_period": "1 分钟"} == "1 分钟前"
        assert translation.ngettext("%(num)d day", "%(num)d days", 2) % {"num": 2} == "2 天"


def test_a_missing_or_stale_catalogue_is_a_system_check_warning(tmp_path, settings):
    messages = tmp_path / "zh_Hans" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_text('msgid "Live"\nmsgstr "已发布"\n', encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    [warning] = compiled_translations(None)
    assert warning.id == "ops.W002"
    assert "compile_messages" in warning.hint


def test_the_editor_form_renders_the_corrected_words(client, db):
    studio = make_studio("春晖班主任工作室")
    update = make_update(studio, "家校共育沙龙", publish=False)
    editor = make_user("editor_locale")
    add_editor(studio, editor)
    client.force_login(editor)
    response = client.get(f"/admin/pages/{update.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "网址与SEO" in html
    assert ">推荐<" not in html
    assert "Autosave is paused" not in html
    assert "自动保存已暂停" in html
