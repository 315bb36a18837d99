import pytest


@pytest.fixture
def site_tree(db):
    """The home page and the section index pages."""
    from tests.factories import site_tree as build

    return build()


# Folders whose test files share one expensive package fixture: scheduled onto one xdist
# worker as a single unit (``--dist loadfile`` would give each file its own worker, and
# each worker would build the fixture again: tests/browser migrates a database, loads the
# demo site and starts gunicorn).
SHARED_SETUP_FOLDERS = ("tests/browser/",)


@pytest.hookimpl(optionalhook=True)  # unknown without xdist (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class FolderAwareScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            for folder in SHARED_SETUP_FOLDERS:
                if nodeid.startswith(folder):
                    return folder
            return super()._split_scope(nodeid)

    return FolderAwareScheduling(config, log)
