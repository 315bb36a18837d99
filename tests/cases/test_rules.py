"""The 3000-character rule (cases.rules), through the model's clean() as the admin and import use it."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import CaseBodyBlock, CasePage
from cases.rules import MAX_BODY_CHARACTERS, count_characters, plain_text, validate_case_body
from core.choices import CaseCategory


def stream(*children):
    return CaseBodyBlock().to_python([{"type": kind, "value": value} for kind, value in children])


def test_whitespace_does_not_count_but_fullwidth_punctuation_does():
    text = "班级\u3000文化，“建设”！\n\t 共\u00a0同 成长。"
    # 班级文化建设共同成长 = 10 characters; ，“”！。 = 5 full-width punctuation marks.
    assert count_characters(text) == 15


def test_markup_is_not_counted():
    body = stream(("paragraph", '<p><b>家校</b><i>沟通</i> <a href="https://example.org/x">链接</a>&amp;</p>'))
    assert count_characters(plain_text(body)) == len("家校沟通链接&")


def test_every_block_kind_counts_its_text():
    body = stream(
        ("heading", {"text": "一、背景", "size": "h2"}),
        ("paragraph", "<p>正文段落</p><ul><li>列表项</li></ul>"),
        ("quote", {"text": "引用内容", "attribution": "出处"}),
        ("table", {"data": [["表头", "<b>单元格</b>"], [None, "数据"]], "table_caption": "表题"}),
        ("embed", None),
    )
    text = plain_text(body)
    for piece in ["一、背景", "正文段落", "列表项", "引用内容", "出处", "表头", "单元格", "数据", "表题"]:
        assert piece in text
    assert "<b>" not in text
    assert count_characters(text) == len("一、背景正文段落列表项引用内容出处表头单元格数据表题")


def exactly(n):
    """A paragraph with n counted characters, padded with markup, spaces, U+3000 and full-width punctuation."""
    unit = "案例，"  # 3 characters, one of them full-width punctuation
    words = unit * (n // 3) + "字" * (n % 3)
    spaced = "\u3000".join(words[i : i + 50] for i in range(0, len(words), 50))
    return f"<p><b>{spaced[:20]}</b> {spaced[20:]}&nbsp; </p>"


@pytest.mark.parametrize(("n", "ok"), [(MAX_BODY_CHARACTERS, True), (MAX_BODY_CHARACTERS + 1, False)])
def test_limit_at_3000_and_3001(n, ok):
    body = stream(("paragraph", exactly(n)))
    assert count_characters(plain_text(body)) == n
    if ok:
        assert validate_case_body(body) == n
    else:
        with pytest.raises(ValidationError) as excinfo:
            validate_case_body(body)
        assert excinfo.value.messages == ["正文不能超过 3000 字（不含空白字符），当前为 3001 字，请删减 1 字。"]


def test_split_over_blocks_is_still_counted_as_one_body():
    body = stream(("heading", {"text": "标" * 1000, "size": "h2"}), ("paragraph", "<p>" + "字" * 2001 + "</p>"))
    with pytest.raises(ValidationError):
        validate_case_body(body)


def test_model_clean_refuses_a_long_body_and_reports_it_on_the_body(db):
    case = CasePage(
        title="超长案例",
        authors="王芳",
        category=CaseCategory.EMERGENCY,
        year=2025,
        summary="摘要",
        body=stream(("paragraph", exactly(3001))),
    )
    with pytest.raises(ValidationError) as excinfo:
        case.clean()
    assert "当前为 3001 字" in " ".join(excinfo.value.message_dict["body"])
    assert "directions" in excinfo.value.message_dict  # no direction chosen


def test_model_clean_refuses_a_long_summary(db):
    case = CasePage(title="案例", authors="王芳", category=CaseCategory.EMERGENCY, year=2025, summary="摘" * 201)
    with pytest.raises(ValidationError) as excinfo:
        case.clean()
    assert "摘要不能超过 200 字，当前为 201 字。" in excinfo.value.message_dict["summary"]


def test_image_captions_count_but_not_the_image(db):
    from tests.factories import make_image

    image = make_image("一张很长很长的图片标题")
    body = stream(("image", {"image": image.pk, "caption": "班会现场"}), ("paragraph", "<p>正文</p>"))
    assert count_characters(plain_text(body)) == len("班会现场正文")
