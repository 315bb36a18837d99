"""Orderable children (members, gallery images, files) saved without a ``sort_order``.

Wagtail's inline panels and the importers number them; assigning a list to a
modelcluster relation in code (the demo loader before 2026-11-30) does not, and with
every ``sort_order`` empty PostgreSQL returns the children in any order. Data
migrations call ``number_unordered`` to give them their creation order, which is the
order they were listed in.
"""


def number_unordered(model, parent_field: str) -> None:
    """Number the children of every parent that has a child without ``sort_order`` (a
    historical model from ``apps.get_model``), in creation order."""
    parents = model.objects.filter(sort_order__isnull=True).values_list(f"{parent_field}_id", flat=True).distinct()
    for parent_id in list(parents):
        children = list(model.objects.filter(**{f"{parent_field}_id": parent_id}).order_by("pk"))
        for position, child in enumerate(children):
            child.sort_order = position
        model.objects.bulk_update(children, ["sort_order"])


def migration_operation(app_label: str, model_name: str, parent_field: str):
    from django.db import migrations

    def forwards(apps, schema_editor):
        number_unordered(apps.get_model(app_label, model_name), parent_field)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
