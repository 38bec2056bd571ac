#!/usr/bin/env bash
# Runs every client scenario of the official MCP conformance suite
# (@modelcontextprotocol/conformance, pinned in tests/e2e/package.json) with
# `carto-mcp check --conformance` as the client, and prints a table:
# scenario | result | failing checks. No expected-failures list: any
# FAILURE or WARNING, a client timeout, or an unexpected client error fails
# the run (exit 1).
#
#   bash tests/e2e/conformance.sh                      # every client scenario
#   bash tests/e2e/conformance.sh -s auth/scope-step-up -s tools_call
#   CARTO_MCP_BIN=target/release/carto-mcp bash tests/e2e/conformance.sh
#   CONFORMANCE_JOBS=1 bash tests/e2e/conformance.sh   # one scenario at a time
#
# Each scenario's full output (the suite's checks.json, the client's stdout
# and stderr, the harness log) is kept under tests/e2e/.state/conformance/.
set -euo pipefail

E2E="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
PINNED="0.1.13"

scenarios=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -s|--scenario) scenarios+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "conformance.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

command -v node >/dev/null || { echo "conformance.sh: node is needed (Node 20)" >&2; exit 1; }

# The suite, exactly the pinned version (npm ci from the lockfile).
SUITE="$E2E/node_modules/.bin/conformance"
if [[ ! -x "$SUITE" ]]; then
  echo "conformance.sh: installing the test stack's dependencies (npm ci)" >&2
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
version="$("$SUITE" --version)"
if [[ "$version" != "$PINNED" ]]; then
  echo "conformance.sh: expected @modelcontextprotocol/conformance $PINNED, found $version (run npm ci in tests/e2e)" >&2
  exit 1
fi

# The client under test: the project's own binary.
BIN="${CARTO_MCP_BIN:-$ROOT/target/debug/carto-mcp}"
if [[ -z "${CARTO_MCP_BIN:-}" ]]; then
  (cd "$ROOT" && cargo build --locked --quiet --all-features --bin carto-mcp)
fi
[[ -x "$BIN" ]] || { echo "conformance.sh: no binary at $BIN" >&2; exit 1; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
case "$BIN" in *" "*) echo "conformance.sh: the suite splits its command on spaces; move $BIN to a path without spaces" >&2; exit 1 ;; esac

# Every client scenario the suite lists (`conformance list --client`).
if [[ ${#scenarios[@]} -eq 0 ]]; then
  mapfile -t scenarios < <("$SUITE" list --client | sed -n 's/^  - //p')
fi
[[ ${#scenarios[@]} -gt 0 ]] || { echo "conformance.sh: the suite listed no client scenarios" >&2; exit 1; }

OUT="$E2E/.state/conformance"
rm -rf "$OUT"
mkdir -p "$OUT"
MANIFEST="$OUT/manifest.tsv"
: > "$MANIFEST"

run_one() {
  local s="$1" dir="$OUT/${1//\//__}" rc=0
  mkdir -p "$dir"
  # The client gets no terminal and no CARTO account: a clean environment.
  env -u CARTO_MCP_CLIENT_ID -u CARTO_MCP_CLIENT_SECRET -u CARTO_MCP_TOKEN -u BROWSER \
    HOME="$dir/home" NO_COLOR=1 \
    "$SUITE" client --command "$BIN check --conformance" --scenario "$s" \
    --timeout 30000 -o "$dir" </dev/null >"$dir/harness.log" 2>&1 || rc=$?
  printf '%s\t%s\t%s\n' "$s" "$rc" "$dir" >> "$MANIFEST"
}

JOBS="${CONFORMANCE_JOBS:-4}"
echo "Running ${#scenarios[@]} client scenarios of @modelcontextprotocol/conformance $version against $BIN ($JOBS at a time)" >&2
running=0
for s in "${scenarios[@]}"; do
  run_one "$s" &
  running=$((running + 1))
  if [[ $running -ge $JOBS ]]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

node "$E2E/conformance-table.mjs" "$MANIFEST" "${scenarios[@]}"
