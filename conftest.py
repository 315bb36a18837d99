import pytest


@pytest.fixture
def site_tree(db):
    """The home page and the section index pages."""
    from tests.factories import site_tree as build

    return build()
