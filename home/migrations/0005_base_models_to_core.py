"""The 建设方向 rows and the site settings now belong to ``core`` (``core.0001_initial``):
``home`` forgets them, after every relation to them points there. The tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_site_identity_info_page"),
        ("core", "0001_initial"),
        ("cases", "0005_directions_in_core"),
        ("resources", "0006_directions_in_core"),
        ("studios", "0004_directions_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Direction"),
                migrations.DeleteModel(name="EditorGuidance"),
                migrations.DeleteModel(name="SiteIdentity"),
            ],
            database_operations=[],
        ),
    ]
