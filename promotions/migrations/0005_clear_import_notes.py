"""Clear the 推荐意见 that case imports wrote into their promotions.

Imports used to write "案例导入时标注的推介级别" as the promotion's note, which the public
推介成果 page shows as the 推荐意见. The note is the reviewer's own words or nothing: the
promotions stay, their note becomes empty.
"""

from django.db import migrations

IMPORT_NOTE = "案例导入时标注的推介级别"


def clear_import_notes(apps, schema_editor):
    Promotion = apps.get_model("promotions", "Promotion")
    Promotion.objects.filter(note=IMPORT_NOTE).update(note="")


class Migration(migrations.Migration):
    dependencies = [
        ("promotions", "0004_remove_promotions_made_without_a_promoter"),
    ]

    operations = [migrations.RunPython(clear_import_notes, migrations.RunPython.noop)]
