"""``<id:…>`` in URL patterns: a database id of at most 18 digits.

A bigint holds 19 digits, and a longer number in ``<int:…>`` reaches the database driver,
which cannot convert it (a 500). With this converter it simply matches no URL (a 404).
Importing the module registers it.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
