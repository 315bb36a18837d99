"""The 建设标准 as data: every indicator of the notice's table, loaded by the migration."""

import json

import pytest
from django.core.management import CommandError, call_command

from assessment.loader import STANDARDS_DIR, load_standard, read_standard
from assessment.models import Indicator, Standard, StandardAssignment, standard_for
from core.choices import SchoolType
from tests.factories import make_studio

pytestmark = pytest.mark.django_db

NOTICE_TABLE = [  # (code, first words of the third-level indicator as the notice prints them)
    ("1.1.1", "学校高度重视，班主任工作和队伍建设纳入学校党建工作规划"),
    ("1.1.3", "工作室建设工作领导小组定期听取建设情况汇报"),
    ("1.2.1", "工作室是在学校党组织领导下"),
    ("2.2.3", "牵头工作室建设的主持人或负责人"),
    ("3.3.1", "制订年度安排，做到年初有工作计划、有任务台账"),
    ("3.3.2", "对工作室成员知识储备、实践基础、个性特点、工作理念、发展诉求等情况了解深入，建有工作室成员成长档案"),
    ("4.4.2", "建成班级文化建设、重点学生帮扶、典型学生教育、家校沟通协调、突发事件处置等案例库"),
    ("4.5.1", "班级建设水平明显提升"),
    ("5.2", "工作室成员优先参加各级培训、活动和班主任能力比赛等"),
]


def test_the_migration_loads_every_indicator_of_the_ministry_table():
    standard = Standard.objects.get(code="moe-zz-2022")
    assert standard.indicators.filter(level=1).count() == 5
    assert list(standard.indicators.filter(level=1).values_list("name", flat=True)) == [
        "总体要求",
        "工作室成员",
        "建设实践",
        "建设成效",
        "工作保障",
    ]
    assert standard.indicators.filter(level=2).count() == 15
    assert standard.third_level().count() == 32
    assert sum(i.weight for i in standard.third_level()) == 100
    for code, start in NOTICE_TABLE:
        assert standard.indicators.get(code=code).text.startswith(start), code
    # 工作保障 has no second level in the notice: its indicators hang from the first level.
    assert standard.indicators.get(code="5.1").parent.name == "工作保障"
    assert standard.indicators.get(code="3.3.2").path_label == "建设实践 › 组织实施 › 3.3.2"


def test_the_standard_applies_to_vocational_studios_only(world):
    assert standard_for(world.studio_a).code == "moe-zz-2022"
    university = make_studio("启航班主任工作室", school_type=SchoolType.UNIVERSITY)
    assert standard_for(university) is None


def test_a_second_standard_is_added_as_data_and_reloading_is_idempotent(tmp_path, world):
    data = json.loads((STANDARDS_DIR / "moe-zz-2022.json").read_text(encoding="utf-8"))
    data.update(code="gz-gx-2024", name="贵州省高校班主任工作室建设标准", version="2024", school_types=["university"])
    data["provinces"] = ["guizhou"]
    path = tmp_path / "gz.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("load_standards", str(path))
    call_command("load_standards", str(path))
    assert Standard.objects.count() == 2
    assert Indicator.objects.filter(standard__code="gz-gx-2024", level=3).count() == 32
    guizhou_university = make_studio("黔灵班主任工作室", school_type=SchoolType.UNIVERSITY)
    assert standard_for(guizhou_university).code == "gz-gx-2024"
    assert StandardAssignment.objects.filter(standard__code="gz-gx-2024").count() == 1


def test_a_broken_file_is_refused_with_a_chinese_message_and_loads_nothing(tmp_path):
    data = read_standard(STANDARDS_DIR / "moe-zz-2022.json")
    data["code"] = "broken"
    data["indicators"].append({"code": "9.9.9", "text": "没有上级"})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="上级指标 9.9 须写在它前面"):
        call_command("load_standards", str(path))
    assert not Standard.objects.filter(code="broken").exists()


def test_verdicts_follow_the_standards_thresholds():
    standard = load_standard(read_standard(STANDARDS_DIR / "moe-zz-2022.json"))
    assert standard.verdict_for("annual", 85) == "优秀"
    assert standard.verdict_for("midterm", 84.99) == "合格"
    assert standard.verdict_for("annual", 59.99) == "不合格"
    assert standard.verdict_for("acceptance", 60) == "通过"
    assert standard.verdict_for("acceptance", 59) == "不通过"
