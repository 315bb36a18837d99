"""Remove the promotions that a case's 推介级别 field made by itself, and re-derive that field.

Until now, saving a live case (a draft included) or publishing it created a Promotion at the
level its editor had chosen, with no 推介人 and the note below. Those records are removed;
promotions made by a person are kept. Every case's 推介级别 then becomes the highest level
among the promotions it still has. Run ``manage.py audit_promotions`` to list any remaining
promotion without a 推介人, ``manage.py import_cases DIR --by <administrator>`` to restore
imported levels in an administrator's name, and ``manage.py rebuild_search_index`` so that the
search facet follows.
"""

from django.db import migrations

MADE_BY_THE_CASE_FIELD = "案例导入时标注的推介级别"
LEVEL_RANK = ["none", "school", "province", "ministry"]


def remove_and_rederive(apps, schema_editor):
    Promotion = apps.get_model("promotions", "Promotion")
    CasePage = apps.get_model("cases", "CasePage")

    case_ids = CasePage.objects.values("pk")
    Promotion.objects.filter(created_by__isnull=True, note=MADE_BY_THE_CASE_FIELD, page_id__in=case_ids).delete()

    levels = {}
    for page_id, level in Promotion.objects.filter(page_id__in=case_ids).values_list("page_id", "level"):
        levels.setdefault(page_id, set()).add(level)
    by_level = {}
    for case_id, current in CasePage.objects.values_list("pk", "promotion_level"):
        held = levels.get(case_id, set())
        highest = next((level for level in reversed(LEVEL_RANK) if level in held), "none")
        if highest != current:
            by_level.setdefault(highest, []).append(case_id)
    for level, ids in by_level.items():
        CasePage.objects.filter(pk__in=ids).update(promotion_level=level)


class Migration(migrations.Migration):
    dependencies = [
        ("promotions", "0003_promoter_help_text"),
        ("cases", "0004_promotion_level_follows_promotions"),
    ]

    operations = [migrations.RunPython(remove_and_rederive, migrations.RunPython.noop)]
