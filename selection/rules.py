"""Eligibility rules of a programme (评选项目), as data.

A programme stores its rules as a list of small dictionaries (``Programme.rules``), e.g.::

    {"kind": "title", "at_least": 2}
    {"kind": "head_teacher_years", "at_least": 3}
    {"kind": "achievements", "at_least": 2, "min_level": 2, "kinds": ["personal-honour", ...]}

:func:`build_rules` turns them into rule objects; each one checks an application and explains
its result in Chinese (:class:`RuleResult`). A new province's programme is a new list, not new
code. ``"hard": false`` makes a rule advisory: shown in the panel, not blocking submission.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from core.choices import SchoolType

from .choices import AchievementKind, AchievementLevel, TitleRank


@dataclass(frozen=True)
class RuleResult:
    name: str  # what the rule asks, e.g. 职称：讲师（中级）及以上
    passed: bool
    reason: str  # why it passed or failed, in terms of the application
    hard: bool = True


class Rule:
    kind = ""
    name = ""

    def __init__(self, spec):
        self.spec = spec
        self.hard = bool(spec.get("hard", True))

    def check(self, application):
        raise NotImplementedError

    def result(self, passed, reason):
        return RuleResult(self.describe(), passed, reason, self.hard)

    @staticmethod
    def _int(spec, key, minimum=0):
        value = spec.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise ValidationError(f"规则“{spec.get('kind')}”的“{key}”应为不小于 {minimum} 的整数。")
        return value


class TitleRule(Rule):
    """专业技术职称不低于某一层级。"""

    kind = "title"

    def __init__(self, spec):
        super().__init__(spec)
        self.at_least = self._int(spec, "at_least", 1)
        if self.at_least not in TitleRank.values:
            raise ValidationError("职称规则的“at_least”应为 1-4（初级、中级、副高级、正高级）。")

    def describe(self):
        return f"职称：{str(TitleRank(self.at_least).label)}及以上"

    def check(self, application):
        rank = application.host_title_rank
        if rank is None:
            return self.result(False, "尚未选择职称层级。")
        label = str(TitleRank(rank).label)
        if rank >= self.at_least:
            return self.result(True, f"主持人职称为{label}，符合要求。")
        return self.result(False, f"主持人职称为{label}，低于要求的{str(TitleRank(self.at_least).label)}。")


class InPostRule(Rule):
    """在职在岗。"""

    kind = "in_post"

    def describe(self):
        return "在职在岗教师"

    def check(self, application):
        if application.host_in_post:
            return self.result(True, "主持人为在职在岗教师。")
        return self.result(False, "申报书未确认主持人在职在岗。")


class HeadTeacherYearsRule(Rule):
    """连续担任班主任不少于 N 年。"""

    kind = "head_teacher_years"

    def __init__(self, spec):
        super().__init__(spec)
        self.at_least = self._int(spec, "at_least", 1)

    def describe(self):
        return f"连续从事班主任工作 {self.at_least} 年及以上"

    def check(self, application):
        years = application.host_years
        if years is None:
            return self.result(False, "尚未填写连续担任班主任的年数。")
        if years >= self.at_least:
            return self.result(True, f"已连续担任班主任 {years} 年。")
        return self.result(False, f"已连续担任班主任 {years} 年，还差 {self.at_least - years} 年。")


class AchievementsRule(Rule):
    """列出的业绩条件中至少满足 N 项，每项级别不低于某一级别并附证明材料。"""

    kind = "achievements"

    def __init__(self, spec):
        super().__init__(spec)
        self.at_least = self._int(spec, "at_least", 1)
        self.min_level = self._int(spec, "min_level", 1)
        if self.min_level not in AchievementLevel.values:
            raise ValidationError("业绩规则的“min_level”应为 1-4（校级、市（厅）级、省级、国家级）。")
        self.kinds = list(spec.get("kinds") or AchievementKind.values)
        unknown = [kind for kind in self.kinds if kind not in AchievementKind.values]
        if unknown:
            raise ValidationError(f"业绩规则中有未知的业绩类型：{'、'.join(unknown)}。")
        if self.at_least > len(self.kinds):
            raise ValidationError("业绩规则要求满足的项数多于列出的业绩类型数。")

    def describe(self):
        level = str(AchievementLevel(self.min_level).label)
        return f"业绩条件：以下 {len(self.kinds)} 项中至少满足 {self.at_least} 项（{level}及以上，附证明材料）"

    def check(self, application):
        met, not_counted = {}, []
        for achievement in application.achievement_list():
            kind_label = (
                str(AchievementKind(achievement.kind).label) if achievement.kind in AchievementKind.values else ""
            )
            if achievement.kind not in self.kinds:
                not_counted.append(f"“{achievement.title}”不属于本项目列出的业绩类型")
            elif achievement.level is None or achievement.level < self.min_level:
                level = str(AchievementLevel(achievement.level).label) if achievement.level else "未填级别"
                not_counted.append(f"“{achievement.title}”为{level}，不计入")
            elif not (achievement.evidence or achievement.paper_evidence):
                not_counted.append(f"“{achievement.title}”缺少证明材料，不计入")
            else:
                met.setdefault(achievement.kind, kind_label)
        parts = [f"满足 {len(met)} 项" + (f"（{'、'.join(met.values())}）" if met else "")]
        if not_counted:
            parts.append("；".join(not_counted))
        reason = "；".join(parts) + "。"
        if len(met) >= self.at_least:
            return self.result(True, reason)
        return self.result(False, f"{reason}还需 {self.at_least - len(met)} 项。")

    def kind_labels(self):
        return [str(AchievementKind(kind).label) for kind in self.kinds]


class TeamSizeRule(Rule):
    """团队成员人数（不含主持人）。"""

    kind = "team_size"

    def __init__(self, spec):
        super().__init__(spec)
        self.min = self._int(spec, "min", 0)
        self.max = self._int(spec, "max", self.min)

    def describe(self):
        return f"团队成员 {self.min}-{self.max} 人（不含主持人）"

    def check(self, application):
        count = len(application.member_list())
        if self.min <= count <= self.max:
            return self.result(True, f"已填写 {count} 名成员。")
        return self.result(False, f"已填写 {count} 名成员，应为 {self.min}-{self.max} 人。")


class DirectionsRule(Rule):
    """建设方向个数。"""

    kind = "directions"

    def __init__(self, spec):
        super().__init__(spec)
        self.min = self._int(spec, "min", 1)
        self.max = self._int(spec, "max", self.min)

    def describe(self):
        return f"建设方向 {self.min}-{self.max} 个"

    def check(self, application):
        count = len(application.directions or [])
        if self.min <= count <= self.max:
            return self.result(True, f"已选择 {count} 个建设方向。")
        return self.result(False, f"已选择 {count} 个建设方向，应为 {self.min}-{self.max} 个。")


class SchoolTypeRule(Rule):
    """申报学校的类型。"""

    kind = "school_type"

    def __init__(self, spec):
        super().__init__(spec)
        self.value = spec.get("value")
        if self.value not in SchoolType.values:
            raise ValidationError(f"学校类型规则的“value”应为 {'、'.join(SchoolType.values)} 之一。")

    def describe(self):
        return f"面向{SchoolType(self.value).label}"

    def check(self, application):
        label = SchoolType(self.value).label
        if application.school_type == self.value:
            return self.result(True, f"{application.school or '申报学校'}属于{label}。")
        current = SchoolType(application.school_type).label if application.school_type else "未填写"
        return self.result(False, f"本项目面向{label}，申报学校类型为{current}。")


RULE_KINDS = {
    cls.kind: cls
    for cls in (
        TitleRule,
        InPostRule,
        HeadTeacherYearsRule,
        AchievementsRule,
        TeamSizeRule,
        DirectionsRule,
        SchoolTypeRule,
    )
}


def build_rules(specs):
    """Rule objects for a programme's ``rules`` list; a ValidationError in Chinese for a bad list."""
    if not isinstance(specs, list):
        raise ValidationError("资格条件应为规则列表。")
    rules = []
    for number, spec in enumerate(specs, start=1):
        if not isinstance(spec, dict) or spec.get("kind") not in RULE_KINDS:
            kinds = "、".join(RULE_KINDS)
            raise ValidationError(f"第 {number} 条资格条件的类型无效，可用：{kinds}。")
        rules.append(RULE_KINDS[spec["kind"]](spec))
    return rules


def evaluate(application, rules=None):
    """Every rule's result for ``application``, in the programme's order."""
    rules = build_rules(application.programme.rules) if rules is None else rules
    return [rule.check(application) for rule in rules]


def hard_failures(results):
    return [result for result in results if result.hard and not result.passed]
