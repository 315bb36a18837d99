"""Check the relevance corpus plan (plan.json) against its studio table (studios.json).

Plain Python, no Django: ``python tests/search/relevance/corpus/check_plan.py``.
The labels (directions, categories, school types, …) are read from
``home/choices.py`` with ``ast``, so the check follows the code without importing it.
The studio rules are those of ``studios/rules.py`` and ``studios/importer.py``
(5-10 members, 1-3 directions, a 2-3 year cycle, names split on 、,，;； and newlines).

Prints a summary (categories × directions, school types, years, promotion levels,
the vocabulary variants of each concept and the titles that do not name their
concept) and exits 1 if anything is wrong.
"""

import ast
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
CHOICES = REPO / "home" / "choices.py"

STUDIO_COLUMNS = [
    "序号",
    "工作室名称",
    "省份",
    "城市",
    "学校",
    "学校类型",
    "工作室级别",
    "主持人",
    "主持人职称",
    "班主任年限",
    "成员",
    "建设方向",
    "建设模式",
    "立项年份",
    "建设周期",
    "简介",
]
PLAN_KEYS = [
    "id",
    "案例名称",
    "工作室",
    "学校",
    "案例类别",
    "建设方向",
    "作者",
    "年度",
    "推介级别",
    "premise",
    "vocabulary",
    "keywords",
]
LIST_SEPARATORS = re.compile(r"[、,，;；\n]")

CASE_COUNT = 100
CATEGORY_RANGE = (15, 25)
CASE_DIRECTIONS = (1, 2)
AUTHORS = (1, 3)
YEARS = (2021, 2025)
KEYWORDS = (3, 6)
SENTENCES = (2, 3)
INTRODUCTION_LENGTH = (80, 200)
STUDIO_COUNT = 18
MIN_PROVINCES = 12
# About a third of the titles should not name their concept (neither a vocabulary word nor a keyword).
UNNAMED_TITLE_SHARE = (0.25, 0.5)

# Concepts written with deliberately different words across cases. A variant matches a
# case when it occurs in one of the case's vocabulary items. Every variant must be used,
# and a concept used by several cases must be told with more than one variant.
CONCEPTS = {
    "家庭经济困难": ["家庭经济困难学生", "贫困生", "资助对象", "建档立卡户"],
    "心理危机": ["心理危机", "自伤", "轻生念头", "抑郁症"],
    "网络与手机": ["网络成瘾", "沉迷手机游戏", "手机依赖", "网络直播打赏", "饭圈"],
    "欺凌": ["校园欺凌", "校园霸凌", "被孤立"],
    "留守": ["留守学生", "留守儿童", "父母外出务工", "监护缺位"],
    "实习": ["顶岗实习", "跟岗实习", "企业实习", "自主实习", "现代学徒制", "订单班"],
    "恋爱": ["早恋", "情感困惑"],
    "学习动力": ["学习动力不足", "厌学情绪", "旷课", "学业预警", "挂科"],
    "家庭结构": ["单亲家庭", "父母离异", "重组家庭", "丧亲"],
    "宿舍关系": ["宿舍矛盾", "寝室冲突"],
    "班干部": ["班干部", "学生干部", "轮值班长"],
    "技能比赛与证书": ["技能大赛", "技能竞赛", "1+X证书"],
    "诈骗与借贷": ["电信网络诈骗", "刷单诈骗", "网络贷款", "校园贷", "传销"],
    "生涯": ["职业规划", "职业生涯规划", "生涯规划", "生涯选择"],
    "升学": ["职教高考", "专升本", "考研", "考编"],
    "思想引领": ["红色研学", "红色文化", "乡村振兴", "北大荒精神", "躺平", "支教"],
    "网络育人": ["班级公众号", "易班", "网络谣言", "网络育人"],
    "家校沟通方式": ["家访", "家长会", "家长微信群", "家校联系本", "家委会", "家长开放日"],
    "残疾与疾病": ["听力障碍", "肢体残疾", "1型糖尿病", "白血病", "癫痫发作"],
}
# One case each, on purpose: printed, never required to vary.
SINGLE_TOPICS = {
    "突发事件": [
        "防溺水",
        "突发疾病",
        "传染病防控",
        "实训安全事故",
        "打架斗殴",
        "离家出走",
        "中暑",
        "山洪预警",
        "违章电器",
        "意外伤害",
        "电信网络诈骗",
        "传销",
        "心理危机",
    ],
    "少见题材": [
        "苗绣",
        "随迁子女",
        "退役士兵",
        "直播打赏",
        "开盒",
        "毕业论文",
        "家长过度干预",
        "控辍保学",
        "劳动教育",
        "少数民族学生",
        "偷窃",
        "抽烟",
        "撒谎",
    ],
}


# --- labels from home/choices.py --------------------------------------------------------


def load_choices(path=CHOICES):
    """``{class name: [label, …]}`` for every TextChoices class in home/choices.py."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    choices = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        labels = []
        for item in node.body:
            if isinstance(item, ast.Assign) and isinstance(item.value, ast.Tuple) and len(item.value.elts) == 2:
                label = item.value.elts[1]
                if isinstance(label, ast.Call) and label.args and isinstance(label.args[0], ast.Constant):
                    labels.append(label.args[0].value)
        if labels:
            choices[node.name] = labels
    return choices


def province_names(labels):
    """Every accepted spelling: the full name and (like value_for_label) the short one."""
    names = {}
    for label in labels:
        names[label] = label
        if label == "新疆生产建设兵团":
            continue
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if label.endswith(suffix):
                names[label[: -len(suffix)]] = label
                break
    return names


def split_list(text):
    return [part.strip() for part in LIST_SEPARATORS.split(str(text or "")) if part.strip()]


def parse_int(value, unit="年"):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value or "").strip()
    if text.endswith(unit):
        text = text[: -len(unit)].strip()
    return int(text) if re.fullmatch(r"\d+", text) else None


def sentences(text):
    # A sentence ends with 。！？ (a closing quote may follow); 。” counts once.
    return [s for s in re.split(r"(?<=[。！？])(?![”’」])", text) if s.strip()]


def width(text):
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(text))


def pad(text, size):
    return str(text) + " " * max(0, size - width(text))


# --- checks -----------------------------------------------------------------------------


def check_studios(studios, choices, errors):
    provinces = province_names(choices["Province"])
    schools, names = Counter(), Counter()
    for studio in studios:
        where = f"工作室 {studio.get('序号')}"
        if list(studio) != STUDIO_COLUMNS:
            errors.append(f"{where}：列应为 {STUDIO_COLUMNS}，实际为 {list(studio)}")
            continue
        where = f"工作室 {studio['序号']}（{studio['工作室名称']}）"
        schools[studio["学校"]] += 1
        names[studio["工作室名称"]] += 1
        for column in ("工作室名称", "学校", "主持人", "城市", "主持人职称"):
            if not str(studio[column]).strip():
                errors.append(f"{where}：{column}不能为空")
        if studio["省份"] not in provinces:
            errors.append(f"{where}：省份“{studio['省份']}”不是导入程序接受的名称")
        for column, kind in (
            ("学校类型", "SchoolType"),
            ("工作室级别", "StudioLevel"),
            ("建设模式", "ConstructionModel"),
        ):
            if studio[column] not in choices[kind]:
                errors.append(f"{where}：{column}“{studio[column]}”不在 {choices[kind]} 中")
        members = split_list(studio["成员"])
        if not 5 <= len(members) <= 10:
            errors.append(f"{where}：成员应为 5-10 人，实际 {len(members)} 人")
        if len(set(members)) != len(members):
            errors.append(f"{where}：成员重复")
        if studio["主持人"] in members:
            errors.append(f"{where}：主持人不应再列入成员")
        directions = split_list(studio["建设方向"])
        if not 1 <= len(directions) <= 3:
            errors.append(f"{where}：建设方向应为 1-3 个，实际 {len(directions)} 个")
        for direction in directions:
            if direction not in choices["Direction"]:
                errors.append(f"{where}：建设方向“{direction}”无效")
        cycle = parse_int(studio["建设周期"])
        if cycle is None or not 2 <= cycle <= 3:
            errors.append(f"{where}：建设周期应为 2-3 年，实际“{studio['建设周期']}”")
        if parse_int(studio["立项年份"]) is None:
            errors.append(f"{where}：立项年份不是整数")
        if parse_int(studio["班主任年限"]) is None:
            errors.append(f"{where}：班主任年限不是整数")
        length = len(studio["简介"])
        if not INTRODUCTION_LENGTH[0] <= length <= INTRODUCTION_LENGTH[1]:
            errors.append(f"{where}：简介 {length} 字，应为 {INTRODUCTION_LENGTH[0]}-{INTRODUCTION_LENGTH[1]} 字")
    for school, count in schools.items():
        if count > 1:
            errors.append(f"学校“{school}”有 {count} 个工作室（每所学校只应出现一次）")
    for name, count in names.items():
        if count > 1:
            errors.append(f"工作室名称“{name}”重复 {count} 次")
    if len(studios) != STUDIO_COUNT:
        errors.append(f"应有 {STUDIO_COUNT} 个工作室，实际 {len(studios)} 个")
    used_provinces = {provinces.get(s["省份"]) for s in studios}
    if len(used_provinces) < MIN_PROVINCES:
        errors.append(f"只覆盖 {len(used_provinces)} 个省份，应至少 {MIN_PROVINCES} 个")
    for kind, column in (("Direction", "建设方向"), ("ConstructionModel", "建设模式")):
        used = {d for s in studios for d in split_list(s[column])}
        missing = [label for label in choices[kind] if label not in used]
        if missing:
            errors.append(f"没有工作室使用{column}：{'、'.join(missing)}")
    people = Counter(name for s in studios for name in [s["主持人"], *split_list(s["成员"])])
    for name, count in people.items():
        if count > 1:
            errors.append(f"“{name}”在多个工作室出现（作者检索会混淆）")


def check_plan(plan, studios, choices, errors):
    by_name = {s["工作室名称"]: s for s in studios}
    ids = [case.get("id") for case in plan]
    expected = [f"c{n:03d}" for n in range(1, CASE_COUNT + 1)]
    if ids != expected:
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        errors.append(f"id 应为 c001..c{CASE_COUNT:03d} 依次排列（重复：{duplicates or '无'}）")
    titles = Counter()
    for case in plan:
        where = case.get("id", "?")
        if list(case) != PLAN_KEYS:
            errors.append(f"{where}：键应为 {PLAN_KEYS}，实际为 {list(case)}")
            continue
        titles[(case["工作室"], case["案例名称"])] += 1
        studio = by_name.get(case["工作室"])
        if studio is None:
            errors.append(f"{where}：工作室“{case['工作室']}”不在 studios.json 中")
            continue
        if case["学校"] != studio["学校"]:
            errors.append(f"{where}：学校“{case['学校']}”与工作室的学校“{studio['学校']}”不一致")
        if case["案例类别"] not in choices["CaseCategory"]:
            errors.append(f"{where}：案例类别“{case['案例类别']}”无效")
        directions = split_list(case["建设方向"])
        if not CASE_DIRECTIONS[0] <= len(directions) <= CASE_DIRECTIONS[1] or len(set(directions)) != len(directions):
            errors.append(f"{where}：建设方向应为 {CASE_DIRECTIONS[0]}-{CASE_DIRECTIONS[1]} 个不同的方向")
        studio_directions = split_list(studio["建设方向"])
        for direction in directions:
            if direction not in choices["Direction"]:
                errors.append(f"{where}：建设方向“{direction}”无效")
            elif direction not in studio_directions:
                errors.append(f"{where}：建设方向“{direction}”不是该工作室的方向（{studio['建设方向']}）")
        authors = split_list(case["作者"])
        team = [studio["主持人"], *split_list(studio["成员"])]
        if not AUTHORS[0] <= len(authors) <= AUTHORS[1] or len(set(authors)) != len(authors):
            errors.append(f"{where}：作者应为 {AUTHORS[0]}-{AUTHORS[1]} 个不同的人")
        for author in authors:
            if author not in team:
                errors.append(f"{where}：作者“{author}”不是{studio['工作室名称']}的主持人或成员")
        if "、".join(authors) != case["作者"]:
            errors.append(f"{where}：作者请用“、”分隔（导入后也是这样保存的）")
        year = case["年度"]
        if not isinstance(year, int) or not YEARS[0] <= year <= YEARS[1]:
            errors.append(f"{where}：年度应为 {YEARS[0]}-{YEARS[1]} 的整数")
        elif year < parse_int(studio["立项年份"]):
            errors.append(f"{where}：年度 {year} 早于工作室立项年份 {studio['立项年份']}")
        if case["推介级别"] not in choices["PromotionLevel"]:
            errors.append(f"{where}：推介级别“{case['推介级别']}”无效")
        count = len(sentences(case["premise"]))
        if not SENTENCES[0] <= count <= SENTENCES[1]:
            errors.append(f"{where}：premise 应为 {SENTENCES[0]}-{SENTENCES[1]} 句，实际 {count} 句")
        for name in team:
            if name in case["premise"]:
                errors.append(f"{where}：premise 里出现了教师姓名“{name}”（写“班主任”即可）")
        if not case["vocabulary"] or not all(isinstance(v, str) and v for v in case["vocabulary"]):
            errors.append(f"{where}：vocabulary 应为非空的词语列表")
        if not KEYWORDS[0] <= len(case["keywords"]) <= KEYWORDS[1]:
            errors.append(f"{where}：keywords 应为 {KEYWORDS[0]}-{KEYWORDS[1]} 个")
        if len(case["案例名称"]) > 60:
            errors.append(f"{where}：案例名称过长")
    for (studio, title), count in titles.items():
        if count > 1:
            errors.append(f"{studio}的案例名称“{title}”重复（导入时同一工作室的同名案例只能出现一次）")
    categories = Counter(case["案例类别"] for case in plan)
    for category in choices["CaseCategory"]:
        if not CATEGORY_RANGE[0] <= categories[category] <= CATEGORY_RANGE[1]:
            errors.append(
                f"案例类别“{category}”有 {categories[category]} 个案例，应为 {CATEGORY_RANGE[0]}-{CATEGORY_RANGE[1]} 个"
            )
    check_concepts(plan, errors)
    unnamed = [case for case in plan if not names_concept(case)]
    share = len(unnamed) / len(plan)
    if not UNNAMED_TITLE_SHARE[0] <= share <= UNNAMED_TITLE_SHARE[1]:
        errors.append(
            f"不直接点出主题词的标题占 {share:.0%}，应在 {UNNAMED_TITLE_SHARE[0]:.0%}-{UNNAMED_TITLE_SHARE[1]:.0%}"
        )


def names_concept(case):
    title = case["案例名称"]
    return any(word in title for word in [*case["vocabulary"], *case["keywords"]])


def concept_uses(plan, variants):
    return {
        variant: [c["id"] for c in plan if any(variant in item for item in c["vocabulary"])] for variant in variants
    }


def check_concepts(plan, errors):
    for concept, variants in CONCEPTS.items():
        uses = concept_uses(plan, variants)
        for variant, ids in uses.items():
            if not ids:
                errors.append(f"概念“{concept}”的说法“{variant}”没有任何案例使用")
        if sum(bool(ids) for ids in uses.values()) < 2:
            errors.append(f"概念“{concept}”只有一种说法")


# --- report -----------------------------------------------------------------------------


def report(plan, studios, choices):
    by_name = {s["工作室名称"]: s for s in studios}
    directions = choices["Direction"]
    categories = choices["CaseCategory"]
    print(f"工作室 {len(studios)} 个；案例 {len(plan)} 个\n")

    print("案例类别 × 建设方向（两个方向的案例两列都计）")
    first = max(width(c) for c in categories) + 2
    cols = [max(width(d), 3) + 2 for d in directions]
    print(pad("", first) + "".join(pad(d, w) for d, w in zip(directions, cols, strict=True)) + "合计")
    table = defaultdict(Counter)
    for case in plan:
        for direction in split_list(case["建设方向"]):
            table[case["案例类别"]][direction] += 1
    for category in categories:
        total = sum(1 for case in plan if case["案例类别"] == category)
        row = "".join(pad(table[category][d] or "·", w) for d, w in zip(directions, cols, strict=True))
        print(pad(category, first) + row + str(total))
    column_totals = [sum(table[c][d] for c in categories) for d in directions]
    print(pad("合计", first) + "".join(pad(t, w) for t, w in zip(column_totals, cols, strict=True)) + str(len(plan)))

    print("\n按学校类型 × 案例类别")
    for school_type in choices["SchoolType"]:
        counts = Counter(c["案例类别"] for c in plan if by_name[c["工作室"]]["学校类型"] == school_type)
        studios_of_type = sum(1 for s in studios if s["学校类型"] == school_type)
        parts = "  ".join(f"{category} {counts[category]}" for category in categories)
        print(f"  {school_type}（{studios_of_type} 个工作室，{sum(counts.values())} 个案例）：{parts}")

    print("\n每个工作室的案例数")
    per_studio = Counter(c["工作室"] for c in plan)
    for studio in studios:
        print(
            f"  {pad(studio['工作室名称'], 30)}{studio['学校类型']}  {studio['省份']}  {per_studio[studio['工作室名称']]}"
        )

    years = Counter(c["年度"] for c in plan)
    print("\n年度：" + "  ".join(f"{y} {years[y]}" for y in sorted(years)))
    levels = Counter(c["推介级别"] for c in plan)
    print("推介级别：" + "  ".join(f"{label} {levels[label]}" for label in choices["PromotionLevel"]))

    print("\n同一概念的不同说法（说法 → 使用它的案例）")
    for concept, variants in CONCEPTS.items():
        uses = concept_uses(plan, variants)
        print(f"  {concept}：" + "；".join(f"{v} {','.join(ids) or '—'}" for v, ids in uses.items()))
    print("\n只有个别案例涉及的题材")
    for group, topics in SINGLE_TOPICS.items():
        uses = concept_uses(plan, topics)
        print(f"  {group}：" + "；".join(f"{t} {','.join(ids) or '—'}" for t, ids in uses.items()))

    unnamed = [case for case in plan if not names_concept(case)]
    print(f"\n标题不含本案任何 vocabulary/keywords 词语的案例：{len(unnamed)} 个（{len(unnamed) / len(plan):.0%}）")
    for case in unnamed:
        print(f"  {case['id']} {case['案例名称']}")


def main():
    studios = json.loads((HERE / "studios.json").read_text(encoding="utf-8"))
    plan = json.loads((HERE / "plan.json").read_text(encoding="utf-8"))
    choices = load_choices()
    errors = []
    check_studios(studios, choices, errors)
    check_plan(plan, studios, choices, errors)
    report(plan, studios, choices)
    if errors:
        print(f"\n发现 {len(errors)} 处问题：")
        for error in errors:
            print(f"  ✗ {error}")
        return 1
    print("\n检查通过。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
