"""Each eligibility rule at its boundaries, rule configuration errors, uploads and score aggregation."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.choices import Direction, SchoolType
from selection.choices import AchievementKind, AchievementLevel, TitleRank
from selection.models import Programme, aggregate_scores
from selection.rules import build_rules, hard_failures
from selection.uploads import MAX_EVIDENCE_BYTES, validate_evidence

from .builders import PDF_BYTES, guizhou_programme, make_application

pytestmark = pytest.mark.django_db

K, L = AchievementKind, AchievementLevel


def result(application, name_part):
    matches = [r for r in application.eligibility() if name_part in r.name]
    assert len(matches) == 1, [r.name for r in application.eligibility()]
    return matches[0]


@pytest.fixture
def programme():
    return guizhou_programme()


def test_a_complete_application_meets_every_guizhou_rule(programme):
    application = make_application(programme)
    results = application.eligibility()
    assert [r.name for r in results] == [
        "面向高校",
        "在职在岗教师",
        "职称：中级（讲师及相当职称）及以上",
        "连续从事班主任工作 3 年及以上",
        "业绩条件：以下 6 项中至少满足 2 项（市（厅）级及以上，附证明材料）",
        "团队成员 5-10 人（不含主持人）",
        "建设方向 1-3 个",
    ]
    assert hard_failures(results) == []
    assert application.submission_problems() == []


@pytest.mark.parametrize(("years", "passed"), [(2, False), (3, True), (4, True)])
def test_head_teacher_years_boundary(programme, years, passed):
    rule = result(make_application(programme, years=years), "班主任工作")
    assert rule.passed is passed
    assert (f"已连续担任班主任 {years} 年" in rule.reason) is True
    if not passed:
        assert "还差 1 年" in rule.reason


@pytest.mark.parametrize(
    ("rank", "passed"), [(TitleRank.JUNIOR, False), (TitleRank.INTERMEDIATE, True), (TitleRank.SENIOR, True)]
)
def test_title_at_least_lecturer(programme, rank, passed):
    rule = result(make_application(programme, rank=rank), "职称")
    assert rule.passed is passed
    if not passed:
        assert "低于要求的中级" in rule.reason


def test_not_in_post_fails(programme):
    rule = result(make_application(programme, host_in_post=False), "在职在岗")
    assert not rule.passed


def test_exactly_two_achievements_pass_one_fails(programme):
    two = make_application(programme, achievements=[(K.PERSONAL_HONOUR, L.CITY), (K.CLASS_HONOUR, L.CITY)])
    assert result(two, "业绩条件").passed
    one = make_application(programme, achievements=[(K.PERSONAL_HONOUR, L.NATIONAL)])
    rule = result(one, "业绩条件")
    assert not rule.passed
    assert "还需 1 项" in rule.reason


def test_school_level_achievements_are_not_counted(programme):
    application = make_application(
        programme, achievements=[(K.PERSONAL_HONOUR, L.PROVINCE), (K.CLASS_HONOUR, L.SCHOOL)]
    )
    rule = result(application, "业绩条件")
    assert not rule.passed
    assert "为校级，不计入" in rule.reason


def test_two_achievements_of_one_kind_count_once(programme):
    application = make_application(programme, achievements=[(K.RESEARCH, L.PROVINCE), (K.RESEARCH, L.NATIONAL)])
    rule = result(application, "业绩条件")
    assert not rule.passed
    assert "满足 1 项" in rule.reason


def test_an_achievement_without_evidence_is_not_counted(programme):
    application = make_application(programme)
    achievement = application.achievements.first()
    achievement.evidence = ""
    achievement.save()
    rule = result(application, "业绩条件")
    assert not rule.passed
    assert "缺少证明材料" in rule.reason


@pytest.mark.parametrize(("members", "passed"), [(4, False), (5, True), (10, True), (11, False)])
def test_team_size(programme, members, passed):
    assert result(make_application(programme, members=members), "团队成员").passed is passed


@pytest.mark.parametrize(("count", "passed"), [(0, False), (1, True), (3, True), (4, False)])
def test_directions(programme, count, passed):
    directions = list(Direction.values)[:count]
    assert result(make_application(programme, directions=directions), "建设方向").passed is passed


def test_school_type(programme):
    rule = result(make_application(programme, school_type=SchoolType.VOCATIONAL), "面向")
    assert not rule.passed
    assert rule.reason == "本项目面向高校，申报学校类型为中职。"


def test_failed_hard_rules_block_submission_and_say_why(programme):
    application = make_application(programme, years=2, members=4)
    problems = application.submission_problems()
    assert "连续从事班主任工作 3 年及以上：已连续担任班主任 2 年，还差 1 年。" in problems
    assert any(p.startswith("团队成员 5-10 人") for p in problems)


def test_an_advisory_rule_does_not_block(db):
    from .builders import vocational_programme

    programme = vocational_programme()
    application = make_application(
        programme,
        school_type=SchoolType.VOCATIONAL,
        years=5,
        achievements=[(K.PERSONAL_HONOUR, L.PROVINCE)],
    )
    advisory = [r for r in application.eligibility() if not r.hard]
    assert len(advisory) == 1 and not advisory[0].passed
    assert application.submission_problems() == []


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"kind": "age"}, "第 1 条资格条件的类型无效"),
        ({"kind": "title", "at_least": 7}, "职称规则"),
        ({"kind": "head_teacher_years"}, "“at_least”应为不小于 1 的整数"),
        ({"kind": "achievements", "at_least": 2, "min_level": 2, "kinds": ["medal"]}, "未知的业绩类型：medal"),
    ],
)
def test_bad_rule_configuration_is_explained(spec, message):
    with pytest.raises(ValidationError) as exc:
        build_rules([spec])
    assert message in exc.value.messages[0]


def test_a_programme_with_bad_rules_or_calendar_does_not_validate(programme):
    programme.rules = [{"kind": "title", "at_least": 0}]
    programme.publicity_end = programme.apply_deadline
    with pytest.raises(ValidationError) as exc:
        programme.full_clean()
    assert "rules" in exc.value.message_dict
    assert "公示结束" in exc.value.message_dict["publicity_end"][0]
    assert Programme.objects.get(pk=programme.pk).rules != programme.rules


@pytest.mark.parametrize(
    ("totals", "expected"),
    [([], None), ([80], 80), ([70, 80, 90, 100], 85), ([60, 80, 82, 84, 99], 82), ([50, 70, 70, 70, 70, 100], 70)],
)
def test_score_aggregation_drops_highest_and_lowest_from_five(totals, expected):
    assert aggregate_scores(totals) == expected


def test_evidence_type_and_size_are_checked_before_parsing():
    validate_evidence(SimpleUploadedFile("honour.pdf", PDF_BYTES))
    validate_evidence(SimpleUploadedFile("photo.PNG", b"\x89PNG\r\n\x1a\n" + b"0" * 20))
    cases = [
        (SimpleUploadedFile("honour.docx", PDF_BYTES), "只能是 PDF、JPG 或 PNG"),
        (SimpleUploadedFile("honour.pdf", b"MZ\x90\x00 not a pdf"), "内容与文件类型不符"),
        (SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * MAX_EVIDENCE_BYTES), "不能超过 5 MB"),
    ]
    for upload, message in cases:
        with pytest.raises(ValidationError) as exc:
            validate_evidence(upload)
        assert message in exc.value.messages[0]
