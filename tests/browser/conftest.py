"""Real-browser tests: one demo site and one headless Chromium for the whole package.

The site runs in gunicorn on a free port of 127.0.0.1 against a throwaway database (a SQLite
file, or ``<name>_browser`` on the PostgreSQL server when DATABASE_URL names one) and a
throwaway media folder, loaded once with ``manage.py load_demo``. The browser is Debian's
``chromium`` (``CHROMIUM_PATH``, default /usr/bin/chromium), driven by Playwright's sync API;
browsers are never downloaded. Without Chromium (or Playwright) the tests are skipped with
the reason, except under CI (``CI`` set), where that is a failure.

Screenshots go to ``artifacts/screenshots/<journey>-<step>-<viewport>.png``.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .support import PAGE_TYPES, VIEWPORTS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# The demo role accounts (promotions.demo) get this password in the throwaway site.
ROLE_PASSWORD = "browser-journeys-2026"  # noqa: S105 - throwaway test site only
SETUP_TIMEOUT = 600


def _in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_browser_reason():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (
            f"Chromium not found at {CHROMIUM}: run scripts/install_browser.sh as root "
            "(apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH"
        )
    return None


def require_browser():
    reason = missing_browser_reason()
    if reason is None:
        return
    if _in_ci():
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class _Postgres:
    """A throwaway database next to the one DATABASE_URL names."""

    def __init__(self, url):
        import psycopg

        self.psycopg = psycopg
        parts = urlsplit(url)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        self.name = f"{parts.path.lstrip('/') or 'bzr'}_browser{'_' + worker if worker else ''}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))

    def _execute(self, sql):
        with self.psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def create(self):
        """The database copied from the test template; False if there is none (migrate it then)."""
        from tests import dbtemplate

        if dbtemplate.copy_template(self.name, self._execute):
            return True
        self.drop()
        self._execute(f'CREATE DATABASE "{self.name}"')
        return False

    def drop(self):
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class LiveSite:
    def __init__(self, base_url, log, env=None):
        self.base_url = base_url
        self.log = log
        self.env = env
        self.role_password = ROLE_PASSWORD

    def url(self, path):
        return self.base_url + path

    def manage(self, *args):
        """Run ``manage.py`` against the site's database (e.g. to move a round's calendar)."""
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture(scope="package")
def live_site(tmp_path_factory, django_db_setup):
    """The demo site served by gunicorn; one database and demo load for the package.

    Its database is a copy of the migrated test template (tests/dbtemplate.py), so only the
    demo load runs here.
    """
    from tests import dbtemplate

    require_browser()
    workdir = tmp_path_factory.mktemp("browser-site")
    log = workdir / "site.log"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_CONFIGURATION")}
    postgres = None
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        postgres = _Postgres(database_url)
        migrated = postgres.create()
        env["DATABASE_URL"] = postgres.url
    else:
        migrated = dbtemplate.copy_template(workdir / "site.sqlite3")
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'site.sqlite3'}"
    env.update(
        DJANGO_SETTINGS_MODULE="tests.browser.server_settings",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONPATH=os.pathsep.join([str(ROOT / "site"), str(ROOT)]),
        DEMO_ROLE_PASSWORD=ROLE_PASSWORD,
        DEMO_ADMIN_PASSWORD=ROLE_PASSWORD,
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    server = None
    port = _free_port()
    try:
        with log.open("ab") as out:
            # The demo's Site gets the address it is served at, as `make run` does.
            steps = [] if migrated else [["migrate", "--noinput", "-v0"]]
            for args in [*steps, ["load_demo", "--address", f"127.0.0.1:{port}"]]:
                started = time.monotonic()
                result = subprocess.run(
                    manage + args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=SETUP_TIMEOUT
                )
                if result.returncode:
                    pytest.fail(f"manage.py {' '.join(args)} failed:\n{_tail(log)}", pytrace=False)
                print(f"[browser] manage.py {args[0]}: {time.monotonic() - started:.1f}s", file=sys.stderr)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers=2",
                "--threads=4",
                f"--bind=127.0.0.1:{port}",
                "--timeout=120",
                f"--error-logfile={log}",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base_url + "/", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the site did not start on {base_url}:\n{_tail(log)}", pytrace=False)
            time.sleep(0.3)
        yield LiveSite(base_url, log, env)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if postgres is not None:
            postgres.drop()
        shutil.rmtree(workdir / "media", ignore_errors=True)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the package."""
    require_browser()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    """``desktop`` (1280×800) or ``phone`` (375×812): every browser test runs on both."""
    return request.param


@pytest.fixture
def new_page(browser, live_site, viewport):
    """Open a page in a fresh browser context (its own cookies) at the test's viewport.

    Uncaught JavaScript errors on any page fail the test.
    """
    contexts = []
    errors = []

    def open_page():
        context = browser.new_context(
            base_url=live_site.base_url, locale="zh-CN", accept_downloads=True, **VIEWPORTS[viewport]
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    if errors:
        pytest.fail("JavaScript errors:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def shot(viewport):
    """``shot(page, journey, step)`` saves artifacts/screenshots/<journey>-<step>-<viewport>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, journey, step, full_page=False):
        path = SCREENSHOTS / f"{journey}-{step}-{viewport}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture(scope="package")
def page_urls(browser, live_site):
    """The path of one page of each type in the demo site, found by following links."""
    context = browser.new_context(base_url=live_site.base_url, **VIEWPORTS["desktop"])
    page = context.new_page()
    urls = {}
    try:
        for name, how in PAGE_TYPES.items():
            if isinstance(how, str):
                urls[name] = how
                continue
            start, selector = how
            page.goto(urls[start])
            href = page.locator(selector).first.get_attribute("href")
            assert href, f"no link {selector!r} on {urls[start]} to reach a {name} page"
            urls[name] = href
    finally:
        context.close()
    return urls
