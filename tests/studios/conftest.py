"""The promotions tests' world (studios in two provinces, one account per role), for the tests of
what studio editors do in the page editor."""

from tests.promotions.conftest import shared_world, world  # noqa: F401
