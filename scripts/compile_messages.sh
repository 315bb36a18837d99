#!/usr/bin/env bash
# Compiles the project's translations (locale/zh_Hans/LC_MESSAGES/*.po → *.mo) with Django's
# compilemessages. That needs GNU gettext's msgfmt: installed with apt-get when it is missing
# and this runs as root; otherwise it says what to install and fails.
# Run by scripts/run.sh and scripts/test.sh; the .mo files are build output, not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v msgfmt >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "compile_messages: installing gettext (msgfmt) with apt-get …"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gettext >/dev/null
  else
    echo "compile_messages: msgfmt not found; install GNU gettext (sudo apt-get install gettext) and run again." >&2
    exit 1
  fi
fi
# Only the project's locale folder: compilemessages would otherwise walk into .venv and media.
.venv/bin/python manage.py compilemessages --locale zh_Hans \
  --ignore=.venv --ignore=var --ignore=media --ignore=static_collected --ignore=artifacts -v0
