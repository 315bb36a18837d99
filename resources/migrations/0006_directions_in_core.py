"""The 建设方向 relation points at ``core.Direction`` (the same table, moved from ``home``):
a change of the migration state only."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0005_download_once_per_client_per_day"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="resourcepage",
                    name="directions",
                    field=modelcluster.fields.ParentalManyToManyField(
                        help_text="选择 1-3 个建设方向",
                        related_name="resources",
                        to="core.direction",
                        verbose_name="建设方向",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
