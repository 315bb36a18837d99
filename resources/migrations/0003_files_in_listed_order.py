"""Resource files saved without a ``sort_order`` (the demo loader) get their creation order."""

from django.db import migrations

from core.orderable import migration_operation


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_handbooks_and_resources")]

    operations = [migration_operation("resources", "ResourceFile", "page")]
