"""Finds students' and families' personal information in plain text (pure functions, no Django).

:func:`scan` returns :class:`Finding` objects with their position in the text it was given.
*Blocking* findings (ID numbers, phones, bank cards, personal QQ/WeChat/e-mail contacts, 学号,
exact home addresses) stop submission and publication; *warnings* (likely real names next to
student or family words, school + class identifiers, contacts introduced as an office's work
contact) need the editor's confirmation. Rules, reasons and limits: ``docs/privacy.md``.

Digits are matched after a 1:1 full-width → half-width mapping, so positions stay those of
the original text and ``１３８ ００１３ ８０００`` is found like ``138 0013 8000``.
"""

import datetime
import re
from dataclasses import dataclass

BLOCKING = "blocking"
WARNING = "warning"

# Full-width digits, letters and the signs numbers and addresses are written with, and the
# ideographic space, mapped one character to one (positions do not move). Full-width punctuation
# such as ，。 is left alone: it is in nearly every sentence and the patterns accept it as it is.
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0b\uff0d\uff0e\uff20\uff3f\u3000]")


def _half_width(match):
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def normalise(text):
    """``text`` with full-width digits, letters and number signs made half-width; same length."""
    return _FULL_WIDTH.sub(_half_width, text) if _FULL_WIDTH.search(text) else text


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KIND_LABELS
    severity: str  # BLOCKING or WARNING
    start: int
    end: int
    text: str

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    @property
    def masked(self):
        return mask(self.text, self.kind)

    @property
    def blocking(self):
        return self.severity == BLOCKING


KIND_LABELS = {
    "id_card": "身份证号",
    "mobile": "手机号",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "qq": "QQ号",
    "wechat": "微信号",
    "email": "电子邮箱",
    "student_number": "学号/学籍号",
    "address": "家庭住址",
    "work_contact": "工作联系方式",
    "name": "疑似真实姓名",
    "school_class": "学校和班级",
    "image": "图片",
    "unreadable": "无法检查的附件",
}


def mask(value, kind=None):
    """Keep enough to recognise a finding, hide the rest: ``5201**********1234``, ``138****5678``."""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if kind == "name":
        return value[:1] + "*" * (len(value) - 1)
    if kind in ("image", "unreadable"):
        return value
    chars = [c for c in value if not c.isspace()]
    n = len(chars)
    if kind == "mobile" or (n == 11 and "".join(chars).isdigit()):
        keep_head, keep_tail = 3, 4
    elif n >= 12:
        keep_head, keep_tail = 4, 4
    elif n >= 6:
        keep_head, keep_tail = 2, 2
    else:
        keep_head, keep_tail = 1, 0
    return "".join(chars[:keep_head]) + "*" * (n - keep_head - keep_tail) + "".join(chars[n - keep_tail :])


# ---------------------------------------------------------------------------------------------
# Numbers
_SEP = r"[ \-\u00a0]?"

_ID18 = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5})" + _SEP + r"((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"" + _SEP + r"(\d{3}[0-9Xx])(?![0-9A-Za-z])"
)
_ID15 = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\d{3}(?![0-9A-Za-z])")
# A run of digits and the signs phone and card numbers are written with. The number patterns are
# tried only inside runs with at least 7 digits (most text has few), not at every character.
_NUMBER_RUN = re.compile(r"[0-9+(（][0-9 +\-()（）\u00a0Xx]{6,}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?<!\d-)(?:(?:\+|00)?86[ \-]?)?(1[3-9]\d)[ \-]?(\d{4})[ \-]?(\d{4})(?![0-9A-Za-z])"
)
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?<!\d[ \-])(?:[(（]\s*(0\d{2,3})\s*[)）]\s*|(0\d{2,3})[ \-])([2-9]\d{2,3})[ \-]?(\d{4})"
    r"(?:(?:转|-|ext\.?)\d{1,5})?(?![0-9A-Za-z])"
)
_CARD = re.compile(r"(?<![0-9A-Za-z])([3-6]\d{3}(?:[ \-]?\d{4}){2,3}(?:[ \-]?\d{1,3})?)(?![0-9A-Za-z])")

_QQ = re.compile(r"(?:QQ|qq|Qq|扣扣)\s*(?:号码|号)?\s*(?:是|为)?\s*[:：]?\s*([1-9]\d{4,11})(?!\d)")
_WECHAT = re.compile(
    r"(?:微信号|微信|WeChat|wechat|vx|VX|wx|WX)\s*(?:号)?\s*(?:是|为)?\s*[:：]?\s*([A-Za-z][A-Za-z0-9_\-]{5,19})(?![A-Za-z0-9_\-])"
)
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_EMAIL_INTRO = re.compile(r"(?:邮箱|信箱|电子邮件|e-?mail|E-?mail|EMAIL|邮件地址|联系)")
_STUDENT_NUMBER = re.compile(
    r"(?:学籍号|学籍编号|学号|考生号|准考证号)\s*(?:是|为)?\s*[:：]?\s*([A-Za-z]{0,2}\d{4,20})(?!\d)"
)

_CN_NUM = "一二三四五六七八九十百零〇"
# Home addresses are found from their anchor (…路12号, …小区3栋, …村…组) and extended back over the
# place name: a pattern that starts with a run of Chinese characters is tried at every character.
_ADDRESS_ANCHORS = (
    # …路/街/巷/道/弄 12号 (3栋 2单元) 501室
    (
        re.compile(
            r"(?:路|街|巷|道|弄|胡同)\d{1,5}号(?:院)?(?:[\-之]?\d{1,4}(?:栋|幢|号楼|座))?"
            r"(?:[\-]?\d{1,3}单元)?[\-]?\d{1,5}(?:室|房|号房)"
        ),
        1,
        12,
    ),
    # …小区/花园/苑 3栋2单元501(室)
    (re.compile(r"(?:小区|花园|家园|公寓|苑|新村)\d{1,4}(?:栋|幢|号楼|座)\d{0,3}(?:单元)?\d{2,5}(?:室|号|房)?"), 2, 12),
    # …村…组
    (re.compile(rf"村(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})组"), 1, 6),
)

# Words before a number that make it an office's work contact (a notice's 联系方式, a submission
# address), unless the same sentence speaks of a student or a family member.
_WORK_CONTACT = re.compile(
    r"联系人|联系方式|联系电话|收件人|咨询电话|办公电话|办公室电话|值班电话|监督电话|服务热线|热线|"
    r"报送至|发送至|提交至|报名电话|传真"
)
_PERSONAL_CONTEXT = re.compile(
    r"学生|同学|该生|家长|父亲|母亲|爸爸|妈妈|爷爷|奶奶|外公|外婆|姥姥|姥爷|监护人|孩子|儿子|女儿|本人"
)
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def id_check_digit(first17):
    """The GB 11643 check character of the first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _valid_date(yyyymmdd):
    try:
        date = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return date <= datetime.date.today()


def valid_id18(number):
    digits = re.sub(r"[ \-\u00a0]", "", number)
    if len(digits) != 18 or not digits[:17].isdigit():
        return False
    return _valid_date(digits[6:14]) and id_check_digit(digits[:17]) == digits[17].upper()


def valid_id15(number):
    return len(number) == 15 and number.isdigit() and _valid_date("19" + number[6:12])


def luhn_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        n = int(char)
        if position % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


#: How far back a work-contact word (联系人, 报送至 …) counts, and a student or family word.
WORK_CONTACT_WIDTH = 80
PERSONAL_WIDTH = 20


def _context_before(text, start, width=WORK_CONTACT_WIDTH):
    """The text before ``start`` in the same sentence, at most ``width`` characters."""
    window = text[max(0, start - width) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _contact_severity(text, start):
    """Blocking, unless the number is introduced as an office's work contact (a work-contact word
    earlier in its sentence) with no student or family word just before it (then a warning the
    editor confirms: “家长联系电话：…” stays blocking)."""
    if _WORK_CONTACT.search(_context_before(text, start)) and not _PERSONAL_CONTEXT.search(
        _context_before(text, start, PERSONAL_WIDTH)
    ):
        return WARNING
    return BLOCKING


# ---------------------------------------------------------------------------------------------
# Names
# Common surnames. Left out on purpose: those that mostly begin ordinary words after 学生/家长
# (高 成 安 方 向 于 常 时 万 白 文 石 管 关 党 全 任 金 江 毛 程 付 余 史 夏 田 龙 武 康 严), so that
# “学生成长”“家长向老师反映”“父亲常年在外” are not names.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋杜叶魏苏吕丁沈"
    "姜范崔汪陆廖谭姚卢熊陶戴郝孟邹尹秦邱贺钟侯邵薛雷赖龚顾孔黎易乔段汤钱殷郁尤"
)
# Characters that do not end a given name: they start the words that follow a name.
# Characters that do not continue a given name: function words and the words that follow a name
# (学生王明说 → 王明). Characters common in given names (思、德、安、成、心、学、家 …) are not here.
_NOT_GIVEN = set(
    "的地得了着过是在和与及或跟同也都就又还被把对向从为以于说讲称表认觉感会能要想去来到上下中里外"
    "后前时们自本该这那其每各有无没不很更最太非均已曾将并而且但却则因所如若即便虽既等某"
    "理习绩干部代员工作管质情况问题行为品教育评价课堂宿舍班级资助关帮扶谈话沟通交流参加积极主动"
    "年月日岁个次名位些点给让叫请使找带送吃喝打开看听写读做用提出入住回到走跑哭笑骂道"
    "：:，,。、；;！!？?（）()“”\"' \n\t"
)
# Ordinary words that begin with a surname character (“周围的同学”, “许多家长”).
_NOT_NAME_WORDS = (
    "周围 周末 周边 周日 周一 周二 周三 周四 周五 周六 周岁 周期 周到 周全 黄金 黄昏 林业 陈述 陈列 陈旧 许多 许久 许可 "
    "孙子 孙女 胡乱 胡同 何时 何况 何必 何处 罗列 宋体 唐突 曾经 曾是 肖像 董事 杜绝 叶子 苏醒 丁点 范围 范文 范畴 "
    "陆续 陆地 熊孩子 陶冶 戴上 戴着 贺卡 钟头 钟点 雷同 赖床 顾问 顾及 顾客 黎明 易于 段落 钱财 殷切 郁闷 尤其 "
    "张贴 张开 张罗 马上 马虎 郑重 谢谢 谢绝 汤圆 秦岭 邱陵 乔装 姜汤 汪洋 吴语 邓小 蒋介 卢沟 潘多"
)
NOT_NAMES = set(_NOT_NAME_WORDS.split())
_STUDENT_WORDS = (
    "学生|同学|该生|家长|父亲|母亲|爸爸|妈妈|爷爷|奶奶|外公|外婆|姥姥|姥爷|监护人|哥哥|姐姐|弟弟|妹妹|"
    "学员|班长|团支书|课代表|舍友|室友"
)
_SURNAME_CLASS = "[" + "".join(sorted(SURNAMES)) + "]"
_GIVEN = r"[\u4e00-\u9fff]"
# 学生王小明 / 家长：李建国 / 母亲刘芳
_NAME_AFTER_WORD = re.compile(rf"(?:{_STUDENT_WORDS})[:：]?({_SURNAME_CLASS}{_GIVEN}{{1,2}})")
# 王小明同学 / 王小明的父亲 / 刘芳家长
_NAME_BEFORE_WORD = re.compile(
    rf"({_SURNAME_CLASS}{_GIVEN}{{1,2}})(?=同学|的(?:父亲|母亲|爸爸|妈妈|家长|爷爷|奶奶|监护人)|家长|妈妈|爸爸)"
)
_PSEUDONYM_NEAR = re.compile(r"化名|均为化名|系化名|非真名|(?:某|某某|X|x|×|＊|\*)")

_SCHOOL = re.compile(r"学校|中学|小学|职校|技校|学院|大学|中专")
_CLASS_AFTER_SCHOOL = re.compile(
    r"[\u4e00-\u9fff0-9]{0,12}?(?:\d{2,4}级)?[\u4e00-\u9fff]{0,10}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})班"
)


def _is_han(char):
    return "\u4e00" <= char <= "\u9fff"


def _extend_back(text, start, least, most):
    """The start of the run of Chinese characters (at most ``most``) ending at ``start``; ``None``
    when it is shorter than ``least``."""
    begin = start
    while begin > 0 and start - begin < most and _is_han(text[begin - 1]):
        begin -= 1
    return begin if start - begin >= least else None


def _given_ok(name):
    return all(char not in _NOT_GIVEN for char in name[1:])


def _trim_name(name):
    """``王小明`` from a 3-character candidate whose last character starts the next word."""
    if len(name) == 3 and name[2] in _NOT_GIVEN:
        return name[:2]
    return name


def _is_pseudonym(text, start, end):
    after = text[end : end + 8]
    return bool(
        _PSEUDONYM_NEAR.match(text[end : end + 2]) or "化名" in after or "化名" in text[max(0, start - 6) : start]
    )


def _name_findings(text, public_names):
    found = {}
    for pattern, trim in ((_NAME_AFTER_WORD, True), (_NAME_BEFORE_WORD, False)):
        for match in pattern.finditer(text):
            name = _trim_name(match.group(1)) if trim else match.group(1)
            start = match.start(1)
            end = start + len(name)
            if len(name) < 2 or not _given_ok(name) or name[:2] in NOT_NAMES or name in public_names:
                continue
            if any(public.startswith(name) or name.startswith(public) for public in public_names if len(public) >= 2):
                continue
            if _is_pseudonym(text, start, end):
                continue
            found.setdefault(start, Finding("name", WARNING, start, end, name))
    return list(found.values())


# ---------------------------------------------------------------------------------------------
def scan(text, public_names=(), *, work_contacts_allowed=False):
    """Every finding in ``text``, ordered by position; overlapping findings keep the first kind.

    ``public_names``: names public on the studio (host, members, authors), never flagged.
    ``work_contacts_allowed``: the text is a place where an office's contact belongs (not used for
    case bodies); contacts introduced as work contacts are then not reported at all.
    """
    if not text:
        return []
    norm = normalise(text)
    public_names = frozenset(n for n in public_names if n)
    findings = []
    taken = []

    def free(start, end):
        return all(end <= s or start >= e for s, e in taken)

    def add(kind, severity, start, end):
        if free(start, end):
            taken.append((start, end))
            findings.append(Finding(kind, severity, start, end, text[start:end]))

    runs = [match.span() for match in _NUMBER_RUN.finditer(norm) if sum(c.isdigit() for c in match.group()) >= 7]

    def in_runs(pattern):
        for begin, end in runs:  # one character more: the patterns' look-ahead sees what follows
            yield from pattern.finditer(norm, begin, min(len(norm), end + 1))

    for match in in_runs(_ID18):
        if valid_id18(match.group(0)):
            add("id_card", BLOCKING, match.start(), match.end())
    for match in in_runs(_ID15):
        if valid_id15(match.group(0)):
            add("id_card", BLOCKING, match.start(), match.end())
    for match in in_runs(_CARD):
        digits = re.sub(r"[ \-]", "", match.group(1))
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and len(set(digits)) > 2:
            add("bank_card", BLOCKING, match.start(1), match.end(1))
    for match in _STUDENT_NUMBER.finditer(norm):
        add("student_number", BLOCKING, match.start(1), match.end(1))
    for pattern, kind in ((_MOBILE, "mobile"), (_LANDLINE, "landline")):
        for match in in_runs(pattern):
            if not free(match.start(), match.end()):
                continue
            severity = _contact_severity(norm, match.start())
            if severity == WARNING:
                if work_contacts_allowed:
                    taken.append((match.start(), match.end()))
                    continue
                kind_found = "work_contact"
            else:
                kind_found = kind
            add(kind_found, severity, match.start(), match.end())
    for pattern, kind in ((_QQ, "qq"), (_WECHAT, "wechat")):
        for match in pattern.finditer(norm):
            add(kind, _contact_severity(norm, match.start()), match.start(1), match.end(1))
    for match in _EMAIL.finditer(norm) if "@" in norm else ():
        before = _context_before(norm, match.start(), 12)
        if not _EMAIL_INTRO.search(before) and not _PERSONAL_CONTEXT.search(before):
            continue
        severity = _contact_severity(norm, match.start())
        if severity == WARNING and work_contacts_allowed:
            continue
        add("email" if severity == BLOCKING else "work_contact", severity, match.start(), match.end())
    for pattern, least, most in _ADDRESS_ANCHORS:
        for match in pattern.finditer(norm):
            begin = _extend_back(norm, match.start(), least, most)
            if begin is not None:
                add("address", BLOCKING, begin, match.end())
    for finding in _name_findings(norm, public_names):
        add(finding.kind, finding.severity, finding.start, finding.end)
    for match in _SCHOOL.finditer(norm):
        begin = _extend_back(norm, match.start(), 2, 20)
        school_class = _CLASS_AFTER_SCHOOL.match(norm, match.end())
        if begin is not None and school_class:
            add("school_class", WARNING, begin, school_class.end())
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def blocking(findings):
    return [finding for finding in findings if finding.blocking]


def warnings(findings):
    return [finding for finding in findings if not finding.blocking]
