"""Members saved without a ``sort_order`` (the demo loader before this fix) get one, in the
order they were created (the listed order): left empty, PostgreSQL returns them in any order."""

from django.db import migrations


def number_members(apps, schema_editor):
    StudioMember = apps.get_model("studios", "StudioMember")
    studios = StudioMember.objects.filter(sort_order__isnull=True).values_list("studio_id", flat=True).distinct()
    for studio_id in list(studios):
        members = list(StudioMember.objects.filter(studio_id=studio_id).order_by("pk"))
        for position, member in enumerate(members):
            member.sort_order = position
        StudioMember.objects.bulk_update(members, ["sort_order"])


class Migration(migrations.Migration):
    dependencies = [("studios", "0001_initial")]

    operations = [migrations.RunPython(number_members, migrations.RunPython.noop)]
