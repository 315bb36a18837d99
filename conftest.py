import pytest


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """The test database, copied from a template migrated once per code version (tests/dbtemplate.py).

    Replaces pytest-django's fixture of the same name; falls back to it (Django's own creation)
    for ``--no-migrations`` and for databases that are neither SQLite in memory nor PostgreSQL.
    """
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    from tests import dbtemplate

    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        old_config = None
        if django_db_use_migrations and aliases <= {"default"}:
            old_config = dbtemplate.setup_databases(verbosity, keepdb, serialize="default" in serialized_aliases)
        if old_config is None:
            if not django_db_use_migrations:
                _disable_migrations()
            old_config = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
    yield
    with django_db_blocker.unblock():
        teardown_databases(old_config, verbosity=verbosity, keepdb=keepdb)


@pytest.fixture(autouse=True)
def _fresh_local_cache():
    """Empty Django's in-memory cache after each test. It is outside the database, so a test's
    rolled-back changes would leave fragments and page-cache versions behind for the next test,
    which may show the same primary keys (SQLite reuses them after a rollback; data shared by a
    module keeps them). Only the in-process backend: a Redis a developer points the tests at may
    hold other data."""
    yield
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture
def admin_search_index(settings):
    """Wagtail's admin search index updated on save, as on a real site (off in the test settings)."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}


@pytest.fixture
def site_tree(db):
    """The home page and the section index pages."""
    from tests.factories import site_tree as build

    return build()


# Folders whose test files share one expensive package fixture: scheduled onto xdist workers
# as a few units, not file by file (``--dist loadfile`` would give each file its own worker,
# and each worker would build the fixture again: tests/browser copies a database, loads the
# demo site and starts gunicorn, about 30 s). The browser journeys are two units of about
# the same length, so that both workers of the suite share them (the longest unit bounds the
# suite's time).
SHARED_SETUP_FOLDERS = ("tests/browser/",)
SHARED_SETUP_SPLIT = {
    "tests/browser/test_admin_journeys.py": "tests/browser/:admin",
    "tests/browser/test_selection_journey.py": "tests/browser/:admin",
    "tests/browser/test_assessment_journey.py": "tests/browser/:admin",
}


@pytest.hookimpl(optionalhook=True)  # unknown without xdist (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class FolderAwareScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            for path, unit in SHARED_SETUP_SPLIT.items():
                if nodeid.startswith(path):
                    return unit
            for folder in SHARED_SETUP_FOLDERS:
                if nodeid.startswith(folder):
                    return folder
            return super()._split_scope(nodeid)

    return FolderAwareScheduling(config, log)
