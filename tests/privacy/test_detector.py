"""The detector alone (pure functions): what it finds, where, how it is masked, and what it leaves."""

import pytest

from privacy.detector import BLOCKING, WARNING, id_check_digit, luhn_valid, mask, scan


def with_check_digit(first17):
    return first17 + id_check_digit(first17)


ID = with_check_digit("52010219900307123")  # 贵阳市南明区, 1990-03-07
CARD = next(f"622202123456789012{d}" for d in range(10) if luhn_valid(f"622202123456789012{d}"))


def kinds(text, **options):
    return [(finding.kind, finding.severity) for finding in scan(text, **options)]


def found(text, **options):
    return [finding.text for finding in scan(text, **options)]


# ID numbers -------------------------------------------------------------------------------
def test_gb11643_check_digit():
    # The standard's example: 11010519491231002X.
    assert id_check_digit("11010519491231002") == "X"


def test_valid_18_digit_id_is_blocking_with_position_and_mask():
    text = f"该生身份证号为{ID}，现就读一年级。"
    (finding,) = scan(text)
    assert (finding.kind, finding.severity) == ("id_card", BLOCKING)
    assert text[finding.start : finding.end] == ID
    assert finding.masked == "5201**********" + ID[-4:]


@pytest.mark.parametrize(
    "number",
    [
        ID[:-1] + ("0" if ID[-1] != "0" else "1"),  # wrong check digit
        with_check_digit("52010219900230123"),  # 30 February
        with_check_digit("52010221000101123"),  # born in the future
    ],
)
def test_invalid_id_numbers_are_not_findings(number):
    assert kinds(f"编号{number}") == []


def test_id_with_x_and_spaces_and_full_width_digits():
    x_id = "11010519491231002X"
    assert kinds(f"身份证{x_id.lower()}") == [("id_card", BLOCKING)]
    assert kinds(f"身份证 {ID[:6]} {ID[6:14]} {ID[14:]}") == [("id_card", BLOCKING)]
    full_width = ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    (finding,) = scan(f"证件号码：{full_width}")
    assert finding.kind == "id_card" and finding.text == full_width


def test_15_digit_old_id_needs_a_valid_date():
    assert kinds("旧身份证520102900307123") == [("id_card", BLOCKING)]
    assert kinds("旧身份证520102901332123") == []  # month 13


# Phones -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "number",
    ["13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "+8613800138000", "0086-13800138000",
     "１３８００１３８０００", "＋８６ １３８ ００１３ ８０００", "19912345678"],
)  # fmt: skip
def test_every_mobile_format_is_blocking(number):
    text = f"家长电话：{number}。"
    (finding,) = scan(text)
    assert finding.kind == "mobile" and finding.severity == BLOCKING
    assert text[finding.start : finding.end] == number
    assert finding.masked.count("*") >= 4 and finding.masked[-4:] == number[-4:]


@pytest.mark.parametrize("text", ["编号12800138000", "138001380001", "订单号1380013800012", "2024年12月31日"])
def test_phone_like_numbers_that_fail_validation_are_not_findings(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "number", ["0851-86812345", "(0851)86812345", "（010）6609 6478", "010-66096478转123", "0851 8681 2345"]
)
def test_landlines_with_area_code_are_blocking(number):
    assert kinds(f"家里电话{number}") == [("landline", BLOCKING)]


def test_dates_and_ranges_are_not_landlines():
    assert kinds("2024-10-18 至 2025-01-05，共 0851 户") == []


# Cards, contacts, numbers ------------------------------------------------------------------
def test_luhn_valid_bank_cards_are_blocking_and_invalid_ones_are_not():
    grouped = " ".join(CARD[i : i + 4] for i in range(0, len(CARD), 4))
    assert kinds(f"资助卡号{CARD}") == [("bank_card", BLOCKING)]
    assert kinds(f"卡号 {grouped}") == [("bank_card", BLOCKING)]
    wrong = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    assert kinds(f"卡号{wrong}") == []


def test_qq_wechat_and_email_introduced_as_contact_are_blocking():
    assert kinds("家长QQ：12345678") == [("qq", BLOCKING)]
    assert kinds("加了他的微信号 wxid_abc123 后") == [("wechat", BLOCKING)]
    assert kinds("学生邮箱：li.ming2008@qq.com") == [("email", BLOCKING)]
    assert found("学生邮箱：li.ming2008@qq.com") == ["li.ming2008@qq.com"]
    assert mask("li.ming2008@qq.com", "email") == "l***@qq.com"


def test_contacts_not_introduced_as_a_persons_contact_are_not_findings():
    assert kinds("参考 https://www.moe.gov.cn/ 与 user@example.org 的格式说明") == []
    assert kinds("请加入QQ工作群（群号：859756626）") == []
    assert kinds("工作室微信公众号“黔行班主任”") == []


def test_student_numbers():
    assert kinds("学号：20230156") == [("student_number", BLOCKING)]
    assert kinds("学籍号G520102200801011234") == [("student_number", BLOCKING)]


@pytest.mark.parametrize(
    "text",
    [
        "家住幸福路12号3栋2单元501室",
        "住在中山西路8号502室",
        "住在阳光小区3栋2单元501",
        "家在柳树村三组",
        "老家是石板村5组",
    ],
)
def test_exact_home_addresses_are_blocking(text):
    assert [kind for kind, _ in kinds(text)] == ["address"]


def test_school_addresses_without_a_room_are_not_home_addresses():
    assert kinds("邮寄至贵安新区安康大道6号贵州医科大学") == []


@pytest.mark.parametrize(
    "text",
    ["2023年9月1日入学", "共资助12000元", "ISBN 978-7-04-052345-6", "第3期 第2023001号文件", "占比 35.6%",
     "2022年教育部印发通知", "邮编：561113", "全班45名学生"],
)  # fmt: skip
def test_ordinary_numbers_are_not_findings(text):
    assert kinds(text) == []


# Work contacts -------------------------------------------------------------------------------
def test_a_notices_work_contact_is_a_warning_but_a_familys_stays_blocking():
    assert kinds("联系人及电话：张建鹏 010-66096478") == [("work_contact", WARNING)]
    assert kinds("联系人：王老师，家长电话：13800138000") == [("mobile", BLOCKING)]
    assert kinds("联系方式：学生母亲13800138000") == [("mobile", BLOCKING)]
    assert kinds("联系人及电话：张建鹏 010-66096478", work_contacts_allowed=True) == []


# Names ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [("学生王小明今年16岁", "王小明"), ("该生刘洋，平时沉默", "刘洋"), ("王小明同学主动认错", "王小明"),
     ("母亲刘芳说", "刘芳"), ("陈晓雨的父亲在外打工", "陈晓雨"), ("家长：赵建国", "赵建国")],
)  # fmt: skip
def test_names_next_to_student_or_family_words_are_warnings(text, name):
    (finding,) = scan(text)
    assert (finding.kind, finding.severity, finding.text) == ("name", WARNING, name)
    assert finding.masked == name[0] + "*" * (len(name) - 1)


@pytest.mark.parametrize(
    "text",
    ["学生小明今年16岁", "王同学主动认错", "学生李某与同学", "该生张某某", "学生张伟（化名）", "学生陈晨（均为化名）",
     "王小明今年16岁", "周围的同学有些慌乱", "学生成长档案", "父亲常年在外", "家长向老师反映", "许多家长"],
)  # fmt: skip
def test_pseudonyms_names_without_context_and_ordinary_words_are_not_names(text):
    assert kinds(text) == []


def test_public_names_of_the_studio_are_not_flagged():
    assert kinds("学生王芳老师的课", public_names={"王芳"}) == []
    assert kinds("学生王芳说", public_names={"李明"}) == [("name", WARNING)]


def test_school_and_class_are_a_warning():
    assert kinds("贵阳市第一中等职业学校2023级电子商务2班") == [("school_class", WARNING)]


# Positions and speed -----------------------------------------------------------------------
def test_positions_index_the_original_text_and_findings_are_ordered():
    text = f"学生王小明，身份证{ID}，家长电话１３８００１３８０００，住幸福路12号501室。"
    findings = scan(text)
    assert [f.kind for f in findings] == ["name", "id_card", "mobile", "address"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
