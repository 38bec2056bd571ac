#!/usr/bin/env bash
# Footprint benchmark (issue 2's targets; measured here, never asserted in a
# test): start-up time of `--version` and `platforms` (median of many runs,
# target ≤ 2 ms), size of the stripped release binary (target ≤ 8 MB), and
# peak memory of one `client create` against a local contract-v0 stub
# (target ≤ 20 MiB).
#
#   bench/footprint.sh            build the release binary, then measure
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -q
BIN=${CARGO_TARGET_DIR:-target}/release/carto-mcp
RUNS=${RUNS:-200}

median_ms() { # command... ; prints the median wall time in ms over $RUNS runs
  python3 - "$RUNS" "$@" <<'PY'
import subprocess, sys, time, statistics
runs = int(sys.argv[1]); cmd = sys.argv[2:]
ts = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    ts.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(ts):.2f}")
PY
}

# The cost of starting any process here, to tell our start-up from the OS's.
base=$(median_ms /bin/true)
ver=$(median_ms "$BIN" --version)
plat=$(median_ms "$BIN" platforms)
size=$(stat -c %s "$BIN")

# A contract-v0 stub that answers one create, on a free loopback port.
port_file=$(mktemp)
python3 - "$port_file" <<'PY' &
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        n = int(self.headers.get("content-length", 0)); body = json.loads(self.rfile.read(n))
        body.update(clientId="bench-client", clientSecret="bench-secret", createdAt="2026-01-01T00:00:00Z")
        out = json.dumps(body).encode()
        self.send_response(201); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(out))); self.end_headers(); self.wfile.write(out)
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.handle_request()
PY
stub=$!
for _ in $(seq 50); do [[ -s "$port_file" ]] && break; sleep 0.1; done
port=$(cat "$port_file"); rm -f "$port_file"
rss_kb=$(CARTO_API_TOKEN=bench-token CARTO_MCP_BACKEND=api /usr/bin/time -f %M "$BIN" \
  --api-url "http://127.0.0.1:$port" client create --platform claude --output json 2>&1 >/dev/null | tail -1)
wait "$stub" 2>/dev/null || true

printf '%-34s %10s %10s\n' "measure" "value" "target"
printf '%-34s %8s ms %10s\n' "process start (/bin/true)" "$base" "-"
printf '%-34s %8s ms %10s\n' "carto-mcp --version (median)" "$ver" "≤ 2 ms"
printf '%-34s %8s ms %10s\n' "carto-mcp platforms (median)" "$plat" "≤ 2 ms"
printf '%-34s %8.2f MB %10s\n' "stripped release binary" "$(echo "$size / 1000000" | bc -l)" "≤ 8 MB"
printf '%-34s %8.2f MiB %9s\n' "peak RSS of client create" "$(echo "$rss_kb / 1024" | bc -l)" "≤ 20 MiB"
