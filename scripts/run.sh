#!/usr/bin/env bash
# The README's first command: install, migrate, load the demo content and serve on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh requirements.txt
# The admin's Chinese (locale/); without gettext the admin still runs, partly in English.
bash scripts/compile_messages.sh || echo "run: translations not compiled: parts of the admin will be in English." >&2
# The demo settings: DEBUG off, so visitors get the site's Chinese 404 and 500 pages.
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.demo}
.venv/bin/python manage.py migrate --noinput
ADDRESS="${HOST:-127.0.0.1}:${PORT:-8000}"
.venv/bin/python manage.py load_demo --address "$ADDRESS"  # the demo's Site: absolute links point here
exec .venv/bin/python manage.py runserver "$ADDRESS"
