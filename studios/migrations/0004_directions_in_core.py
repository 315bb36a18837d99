"""The 建设方向 relation points at ``core.Direction`` (the same table, moved from ``home``):
a change of the migration state only."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("studios", "0003_gallery_images_in_listed_order"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="studiopage",
                    name="directions",
                    field=modelcluster.fields.ParentalManyToManyField(
                        help_text="选择 1-3 个建设方向",
                        related_name="studios",
                        to="core.direction",
                        verbose_name="建设方向",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
