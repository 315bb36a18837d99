"""Update gallery images saved without a ``sort_order`` (the demo loader) get their creation order."""

from django.db import migrations

from core.orderable import migration_operation


class Migration(migrations.Migration):
    dependencies = [("studios", "0002_members_in_listed_order")]

    operations = [migration_operation("studios", "StudioUpdateGalleryImage", "page")]
