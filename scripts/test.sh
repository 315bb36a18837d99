#!/usr/bin/env bash
# The README's test command. Installs what it needs, then runs the gates:
# manage.py check, makemigrations --check, ruff, and the test suite on SQLite;
# and the suite again on PostgreSQL when TEST_DATABASE_URL is set
# (e.g. postgres://postgres@127.0.0.1:5432/bzr).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh requirements-dev.txt
# Debian's chromium and CJK fonts for the browser tests (installed when missing and possible;
# otherwise those tests are skipped with the reason).
bash scripts/install_browser.sh
# The admin's Chinese (locale/): the tests check what a user reads.
bash scripts/compile_messages.sh
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.test
export PYTHONDONTWRITEBYTECODE=1

echo "== manage.py check"
$PY manage.py check
echo "== makemigrations --check"
$PY manage.py makemigrations --check --dry-run
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

# Both cores: pytest-xdist (override with PYTEST_WORKERS=0 to run in one process).
WORKERS=(-n "${PYTEST_WORKERS:-2}" --dist loadfile)
[ "${PYTEST_WORKERS:-2}" = "0" ] && WORKERS=(-p no:xdist)

# Tests that need a transactional database (backup/restore, threads as server workers) flush it when they end; under
# xdist they could run before other tests of their worker, so they get a process of their own.
SERIAL_TESTS=(tests/ops/test_backup.py tests/ops/test_stampede.py)

run_suite() {
  if [ $# -gt 0 ]; then
    $PY -m pytest "${WORKERS[@]}" "$@"
  else
    $PY -m pytest "${WORKERS[@]}" "${SERIAL_TESTS[@]/#/--ignore=}"
    $PY -m pytest -p no:xdist "${SERIAL_TESTS[@]}"
  fi
}

# With both databases, two kinds of tests run in one pass only (every test still runs once on every
# call; README, "Tests and CI"): the browser journeys (a real Chromium against the site served by
# gunicorn: what they test is the pages, not the database) in the SQLite pass, the embedded
# default that `make run` serves; the Elasticsearch tests (a cluster that holds its own index; the
# database only feeds it) in the PostgreSQL pass, the database production pairs it with.
# Without TEST_DATABASE_URL the SQLite pass runs everything.
SQLITE_ONLY=() PG_ONLY=()
if [ -n "${TEST_DATABASE_URL:-}" ] && [ $# -eq 0 ]; then
  SQLITE_ONLY=(-m "not elasticsearch") PG_ONLY=(-m "not browser")
fi

echo "== tests on SQLite"
(unset DATABASE_URL; WORKERS+=("${SQLITE_ONLY[@]}"); run_suite "$@")

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== tests on PostgreSQL (${TEST_DATABASE_URL%%@*}@…)"
  (export DATABASE_URL="$TEST_DATABASE_URL"; WORKERS+=(--create-db "${PG_ONLY[@]}"); run_suite "$@")
fi
