#!/usr/bin/env bash
# Benchmark (not a test): `carto-mcp check` against the MCP TypeScript SDK's own
# client, both doing the complete MCP OAuth flow headlessly against the e2e stack
# (tests/e2e): 401 -> PRM -> AS metadata -> PKCE authorization code (+resource)
# -> token -> initialize -> tools/list.
#
#   bench/check-vs-sdk.sh [MCP_URL]
#
# Env: RUNS (default 5), CARTO_MCP_BIN (default target/release/carto-mcp),
#      MCP_URL (default $E2E_MCP_BASE/mcp/ac_good).
# Uses the running stack (tests/e2e/.state/env); starts it (and stops it at the
# end) when it is not running. Prints medians of wall time (whole process,
# start-up included, measured around /usr/bin/time) and peak RSS (/usr/bin/time -v),
# and the ratios.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/tests/e2e"
RUNS="${RUNS:-5}"
BIN="${CARTO_MCP_BIN:-$ROOT/target/release/carto-mcp}"
TIME=/usr/bin/time

[[ -x "$TIME" ]] || { echo "bench: $TIME is missing (apt-get install time)" >&2; exit 1; }

started_stack=0
if ! "$E2E/stack.sh" status >/dev/null 2>&1; then
  echo "bench: starting the e2e stack" >&2
  "$E2E/stack.sh" start >/dev/null
  started_stack=1
fi
# shellcheck disable=SC1091
source "$E2E/.state/env"
MCP_URL="${1:-${MCP_URL:-$E2E_MCP_BASE/mcp/ac_good}}"

WORK="$(mktemp -d)"
CLIENT_ID="bench-$(date +%s)-$$"
cleanup() {
  curl -s -o /dev/null -X DELETE "$E2E_AS_ADMIN/clients/$CLIENT_ID" || true
  rm -rf "$WORK"
  if [[ $started_stack == 1 ]]; then "$E2E/stack.sh" stop; fi
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
REDIRECT_URI="http://127.0.0.1:$(free_port)/callback"
CLIENT_SECRET="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
printf '%s' "$CLIENT_SECRET" >"$WORK/secret"

status=$(curl -s -o "$WORK/client.json" -w '%{http_code}' -X PUT "$E2E_AS_ADMIN/clients/$CLIENT_ID" \
  -H 'content-type: application/json' \
  -d "{\"client_secret\":\"$CLIENT_SECRET\",\"redirect_uris\":[\"$REDIRECT_URI\"],\"token_endpoint_auth_method\":\"client_secret_basic\",\"interaction\":\"approve\"}")
[[ $status == 201 || $status == 200 ]] || { echo "bench: creating the client failed (HTTP $status): $(cat "$WORK/client.json")" >&2; exit 1; }

now_ns() { date +%s%N; }
# Requests the AS and the MCP server have served so far (both count them).
served() {
  echo $(( $(curl -s "$E2E_AS_URL/__requests" | node -pe 'JSON.parse(require("fs").readFileSync(0)).count') \
         + $(curl -s "$E2E_MCP_BASE/__requests" | node -pe 'JSON.parse(require("fs").readFileSync(0)).count') ))
}
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "-"; exit} if (NR%2) print a[(NR+1)/2]; else printf "%d\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo "bench: MCP URL $MCP_URL, client $CLIENT_ID, redirect URI $REDIRECT_URI, $RUNS runs each" >&2

# --- MCP TypeScript SDK client ------------------------------------------------
: >"$WORK/sdk.wall"; : >"$WORK/sdk.rss"; : >"$WORK/sdk.flow"; : >"$WORK/sdk.req"
sdk_ok=0
for i in $(seq 1 "$RUNS"); do
  n0=$(served)
  t0=$(now_ns)
  if "$TIME" -v -o "$WORK/sdk.time" node "$E2E/sdk-client.mjs" --mcp-url "$MCP_URL" --client-id "$CLIENT_ID" \
      --client-secret-stdin --redirect-uri "$REDIRECT_URI" <"$WORK/secret" >"$WORK/sdk.out" 2>"$WORK/sdk.err"; then
    echo $((($(now_ns) - t0) / 1000000)) >>"$WORK/sdk.wall"
    echo $(( $(served) - n0 )) >>"$WORK/sdk.req"
    sdk_ok=$((sdk_ok + 1))
    rss_kb "$WORK/sdk.time" >>"$WORK/sdk.rss"
    node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).total_ms)' "$WORK/sdk.out" >>"$WORK/sdk.flow"
    echo "  sdk run $i: $(tail -n1 "$WORK/sdk.wall") ms wall, $(tail -n1 "$WORK/sdk.flow") ms flow, $(tail -n1 "$WORK/sdk.rss") KB peak RSS, tools $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).tools.join(","))' "$WORK/sdk.out")" >&2
  else
    echo "  sdk run $i FAILED: $(cat "$WORK/sdk.out") $(tail -n 5 "$WORK/sdk.err")" >&2
  fi
done

# --- carto-mcp check -------------------------------------------------------------
: >"$WORK/cm.wall"; : >"$WORK/cm.rss"; : >"$WORK/cm.req"
cm_ok=0
cm_note=""
if [[ ! -x "$BIN" ]]; then
  cm_note="not run: $BIN is missing (cargo build --release, or set CARTO_MCP_BIN)"
  echo "bench: carto-mcp $cm_note" >&2
else
  for i in $(seq 1 "$RUNS"); do
    n0=$(served)
    t0=$(now_ns)
    if "$TIME" -v -o "$WORK/cm.time" "$BIN" check "$MCP_URL" --browser http --client-id "$CLIENT_ID" \
        --client-secret-stdin --redirect-uri "$REDIRECT_URI" <"$WORK/secret" >"$WORK/cm.out" 2>"$WORK/cm.err"; then
      echo $((($(now_ns) - t0) / 1000000)) >>"$WORK/cm.wall"
      echo $(( $(served) - n0 )) >>"$WORK/cm.req"
      cm_ok=$((cm_ok + 1))
      rss_kb "$WORK/cm.time" >>"$WORK/cm.rss"
      echo "  carto-mcp run $i: $(tail -n1 "$WORK/cm.wall") ms wall, $(tail -n1 "$WORK/cm.rss") KB peak RSS" >&2
    else
      rc=$(awk -F': ' '/Exit status/ {print $2}' "$WORK/cm.time")
      echo "  carto-mcp run $i FAILED (exit ${rc:-?}):" >&2
      tail -n 15 "$WORK/cm.out" "$WORK/cm.err" | sed 's/^/    /' >&2
    fi
  done
  [[ $cm_ok -gt 0 ]] || cm_note="every run failed (see above)"
fi

sdk_wall=$(median <"$WORK/sdk.wall"); sdk_flow=$(median <"$WORK/sdk.flow"); sdk_rss=$(median <"$WORK/sdk.rss")
cm_wall=$(median <"$WORK/cm.wall"); cm_rss=$(median <"$WORK/cm.rss")
sdk_req=$(median <"$WORK/sdk.req"); cm_req=$(median <"$WORK/cm.req")

echo
echo "check-vs-sdk: $MCP_URL ($RUNS runs each, medians)"
printf '  %-28s %10s %14s %10s %8s\n' "client" "wall ms" "peak RSS MB" "requests" "ok"
printf '  %-28s %10s %14s %10s %8s\n' "MCP TS SDK $(node -p 'require(process.argv[1]).version' "$E2E/node_modules/@modelcontextprotocol/sdk/package.json")" \
  "$sdk_wall" "$( [[ $sdk_rss == - ]] && echo - || awk -v k="$sdk_rss" 'BEGIN{printf "%.1f", k/1024}')" "$sdk_req" "$sdk_ok/$RUNS"
printf '  %-28s %10s %14s %10s %8s\n' "carto-mcp check" \
  "$cm_wall" "$( [[ $cm_rss == - ]] && echo - || awk -v k="$cm_rss" 'BEGIN{printf "%.1f", k/1024}')" "$cm_req" "$cm_ok/$RUNS"
echo "  (SDK in-process flow time, without node start-up: ${sdk_flow} ms)"
if [[ $cm_wall != - && $sdk_wall != - && $cm_wall -gt 0 ]]; then
  awk -v s="$sdk_wall" -v c="$cm_wall" 'BEGIN{printf "  wall-time ratio SDK / carto-mcp: %.2fx\n", s/c}'
  awk -v s="$sdk_rss" -v c="$cm_rss" 'BEGIN{printf "  peak-RSS ratio SDK / carto-mcp: %.2fx\n", s/c}'
else
  echo "  ratio: n/a (carto-mcp ${cm_note:-has no successful run})"
fi
