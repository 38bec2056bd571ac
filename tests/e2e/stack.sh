#!/usr/bin/env bash
# Real-peer e2e stack for carto-mcp: authorization server (as.mjs) + MCP server (mcp.mjs).
#
#   tests/e2e/stack.sh start   # npm ci if needed, start both on 127.0.0.1, write .state/env
#   tests/e2e/stack.sh env     # print .state/env (export lines)
#   tests/e2e/stack.sh status  # is it running?
#   tests/e2e/stack.sh stop    # stop what `start` started (by pid), remove .state/env
#
# Ports are chosen by the kernel (free ports on 127.0.0.1) unless E2E_AS_PORT /
# E2E_MCP_PORT are set. Logs: .state/as.log, .state/mcp.log.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="$DIR/.state"
ENV_FILE="$STATE/env"
START_TIMEOUT=30

die() { echo "stack.sh: $*" >&2; exit 1; }

alive() { # alive NAME -> 0 if the recorded pid runs our script
  local pidf="$STATE/$1.pid" pid
  [[ -f "$pidf" ]] || return 1
  pid="$(cat "$pidf")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$DIR/$1.mjs"
}

ensure_deps() {
  command -v node >/dev/null || die "node is not installed"
  local want have=""
  want="$(sha256sum "$DIR/package-lock.json" | cut -d' ' -f1)"
  [[ -f "$DIR/node_modules/.e2e-lock-sha256" ]] && have="$(cat "$DIR/node_modules/.e2e-lock-sha256")"
  if [[ ! -d "$DIR/node_modules" || "$want" != "$have" ]]; then
    echo "stack.sh: installing dependencies (npm ci)" >&2
    (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
    echo "$want" >"$DIR/node_modules/.e2e-lock-sha256"
  fi
}

stop_one() { # stop_one NAME
  local pidf="$STATE/$1.pid" pid i
  if alive "$1"; then
    pid="$(cat "$pidf")"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "stack.sh: stopped $1 (pid $pid)" >&2
  fi
  rm -f "$pidf" "$STATE/$1.url"
}

fail_start() {
  echo "stack.sh: $*" >&2
  for f in as mcp; do
    if [[ -f "$STATE/$f.log" ]]; then
      echo "----- $STATE/$f.log (last 60 lines) -----" >&2
      tail -n 60 "$STATE/$f.log" >&2
    fi
  done
  stop_one mcp; stop_one as
  rm -f "$ENV_FILE"
  exit 1
}

wait_ready() { # wait_ready NAME -> prints base URL
  local name=$1 deadline=$((SECONDS + START_TIMEOUT)) url
  while ((SECONDS < deadline)); do
    # (only kill -0 here: right after the fork the cmdline may not show node yet)
    kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null || fail_start "$name exited during start-up"
    if [[ -s "$STATE/$name.url" ]]; then
      url="$(cat "$STATE/$name.url")"
      if curl -fsS --max-time 2 "$url/healthz" >/dev/null 2>&1; then
        echo "$url"; return 0
      fi
    fi
    sleep 0.2
  done
  fail_start "$name did not come up within ${START_TIMEOUT}s"
}

start_one() { # start_one NAME ARGS...
  local name=$1; shift
  rm -f "$STATE/$name.url"
  # setsid: own process group, so the caller's Ctrl-C does not hit the server.
  setsid node "$DIR/$name.mjs" "$@" --ready-file "$STATE/$name.url" >"$STATE/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/$name.pid"
}

cmd_start() {
  mkdir -p "$STATE"
  if alive as && alive mcp && [[ -f "$ENV_FILE" ]]; then
    echo "stack.sh: already running" >&2
    cat "$ENV_FILE"; return 0
  fi
  stop_one mcp; stop_one as
  rm -f "$STATE/as.log" "$STATE/mcp.log"
  ensure_deps
  command -v curl >/dev/null || die "curl is required"

  start_one as --port "${E2E_AS_PORT:-0}"
  local as_url mcp_base
  as_url="$(wait_ready as)"
  start_one mcp --port "${E2E_MCP_PORT:-0}" --as-url "$as_url"
  mcp_base="$(wait_ready mcp)"

  cat >"$ENV_FILE.tmp" <<EOF
export E2E_AS_URL=$as_url
export E2E_MCP_BASE=$mcp_base
export E2E_AS_ADMIN=$as_url/admin
export E2E_BROWSER=$DIR/browser.sh
EOF
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  echo "stack.sh: AS $as_url (pid $(cat "$STATE/as.pid")), MCP $mcp_base (pid $(cat "$STATE/mcp.pid"))" >&2
  cat "$ENV_FILE"
}

cmd_stop() {
  stop_one mcp
  stop_one as
  rm -f "$ENV_FILE"
}

cmd_env() {
  [[ -f "$ENV_FILE" ]] || die "not running (no $ENV_FILE); run: $DIR/stack.sh start"
  cat "$ENV_FILE"
}

cmd_status() {
  local rc=0 n
  for n in as mcp; do
    if alive "$n"; then echo "$n: running (pid $(cat "$STATE/$n.pid"))"; else echo "$n: stopped"; rc=1; fi
  done
  return $rc
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
