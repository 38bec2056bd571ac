#!/usr/bin/env bash
# $BROWSER for the e2e stack: `browser.sh <authorization-url>`.
# Drives Debian's chromium headless through the e2e AS login/consent pages until
# the redirect URI (the CLI's loopback listener) answers. See browser.mjs for the
# environment variables (E2E_BROWSER_USER, E2E_BROWSER_ACTION, E2E_CHROMIUM).
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -d "$DIR/node_modules/playwright-core" ]]; then
  echo "browser.sh: $DIR/node_modules is missing; run: $DIR/stack.sh start (or npm ci in $DIR)" >&2
  exit 1
fi
if [[ -z "${E2E_CHROMIUM:-}" ]]; then
  E2E_CHROMIUM="$(command -v chromium || true)"
  export E2E_CHROMIUM
fi
exec node "$DIR/browser.mjs" "$@"
