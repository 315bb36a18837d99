#!/usr/bin/env bash
# Installs what the browser tests (tests/browser) need from Debian: chromium at
# /usr/bin/chromium (or CHROMIUM_PATH) and fonts-noto-cjk for Chinese glyphs.
# Playwright drives that Chromium; no browser is ever downloaded.
# Never fails: when it cannot install, it says why, and the browser tests are
# skipped with that reason (under CI=true they fail instead).
set -uo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if command -v fc-list >/dev/null 2>&1; then
  fc-list :lang=zh family 2>/dev/null | grep -qi "noto.*cjk" || missing+=(fonts-noto-cjk)
elif [ ! -d /usr/share/fonts/opentype/noto ]; then
  missing+=(fonts-noto-cjk)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install_browser: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") and CJK fonts are present."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install_browser: cannot install ${missing[*]}: not root (run: sudo apt-get install -y ${missing[*]})." >&2
  echo "install_browser: the browser tests will be skipped." >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_browser: cannot install ${missing[*]}: apt-get is not available on this system." >&2
  exit 0
fi
echo "install_browser: installing ${missing[*]} with apt-get …"
if DEBIAN_FRONTEND=noninteractive apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "install_browser: done: $("$CHROMIUM" --version 2>/dev/null || echo "chromium missing at $CHROMIUM")."
else
  echo "install_browser: apt-get failed to install ${missing[*]}; the browser tests will be skipped." >&2
fi
exit 0
