"""Original demo text for typical cases, written for this project: ``cases/demo_data/cases.toml``.

For each case-library category: case titles with a summary and keywords, and hand-written
paragraphs for each part of a case narrative (背景、过程、措施、成效、反思). ``cases.demo``
combines them so that every case reads as one story: ``{name}`` is the student's name,
``{major}`` the major and ``{grade}`` the class.
"""

import tomllib
from pathlib import Path

from home.choices import CaseCategory, value_for_label

with open(Path(__file__).resolve().parent / "demo_data" / "cases.toml", "rb") as _file:
    _DATA = tomllib.load(_file)

NAMES = _DATA["names"]
MAJORS = _DATA["majors"]
GRADES = _DATA["grades"]
SECTION_HEADINGS = _DATA["section_headings"]
TABLE_HEADERS = _DATA["table_headers"]
TABLE_ROWS = _DATA["table_rows"]


def _category(label):
    value = value_for_label(CaseCategory, label)
    if value is None:
        raise ValueError(f"cases.toml：“{label}”不是案例库类别")
    return CaseCategory(value)


#: {category: {"titles": [(title, summary, keywords)], "background": [...], "process": [...],
#: "measures": [...], "effect": [...], "reflection": [...]}}, in the file's order.
TEXT = {
    _category(label): {
        key: [tuple(item) if key == "titles" else item for item in items] for key, items in parts.items()
    }
    for label, parts in _DATA["category"].items()
}
