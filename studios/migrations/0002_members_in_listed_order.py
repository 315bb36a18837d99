"""Members saved without a ``sort_order`` (the demo loader before this fix) get one, in the
order they were created (the listed order): left empty, PostgreSQL returns them in any order."""

from django.db import migrations

from core.orderable import migration_operation


class Migration(migrations.Migration):
    dependencies = [("studios", "0001_initial")]

    operations = [migration_operation("studios", "StudioMember", "studio")]
