import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache(settings):
    """Turn the full-page cache on (test settings keep it off) with an empty cache."""
    settings.OPS_PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()
