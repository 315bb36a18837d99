"""Load a construction standard (建设标准) from its data file (``data/standards/<code>.json``).

A standard is data: its indicators (three levels, with the notice's text), the weights, the
self-evaluation scale and the verdict rules. Loading is idempotent: a second run updates the
texts and weights in place and never deletes an indicator that scores or ratings point at.
"""

import json
from pathlib import Path

from django.db import transaction

STANDARDS_DIR = Path(__file__).resolve().parent / "data" / "standards"


class StandardFileError(ValueError):
    """The data file is not a valid standard (the message says where, in Chinese)."""


def read_standard(path):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StandardFileError(f"无法读取标准文件 {path}：{error}") from error
    for key in ("code", "name", "version", "indicators", "rating_scale", "verdicts"):
        if key not in data:
            raise StandardFileError(f"标准文件 {path} 缺少“{key}”。")
    codes = set()
    for n, item in enumerate(data["indicators"], 1):
        code = item.get("code", "")
        if not code or code in codes:
            raise StandardFileError(f"第{n}项指标 编号：缺少或重复（{code}）。")
        parent = code.rsplit(".", 1)[0] if "." in code else None
        if parent and parent not in codes:
            raise StandardFileError(f"第{n}项指标 编号：上级指标 {parent} 须写在它前面。")
        if "text" in item and not str(item["text"]).strip():
            raise StandardFileError(f"第{n}项指标 指标内容：不能为空。")
        codes.add(code)
    return data


@transaction.atomic
def load_standard(data, apps=None):
    """Create or update the standard described by ``data``; returns it.

    ``apps`` is the app registry of a data migration (historical models), or ``None``.
    """
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    Standard = apps.get_model("assessment", "Standard")
    Indicator = apps.get_model("assessment", "Indicator")
    Assignment = apps.get_model("assessment", "StandardAssignment")

    standard, _created = Standard.objects.update_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "version": data["version"],
            "source": data.get("source", ""),
            "weights_note": data.get("weights_note", ""),
            "rating_scale": data["rating_scale"],
            "verdicts": data["verdicts"],
        },
    )
    by_code = {}
    for order, item in enumerate(data["indicators"]):
        code = item["code"]
        parent_code = code.rsplit(".", 1)[0] if "." in code else None
        is_leaf = "text" in item
        indicator, _created = Indicator.objects.update_or_create(
            standard=standard,
            code=code,
            defaults={
                "parent": by_code.get(parent_code),
                "level": 3 if is_leaf else code.count(".") + 1,
                "name": item.get("name", ""),
                "text": item.get("text", ""),
                "weight": item.get("weight", 0),
                "evidence_rules": item.get("evidence", {}),
                "sort_order": order,
            },
        )
        by_code[code] = indicator
    for school_type in data.get("school_types", []):
        for province in data.get("provinces", [""]):
            Assignment.objects.get_or_create(
                school_type=school_type, province=province, defaults={"standard": standard}
            )
    return standard


def load_all(apps=None):
    return [load_standard(read_standard(path), apps) for path in sorted(STANDARDS_DIR.glob("*.json"))]
