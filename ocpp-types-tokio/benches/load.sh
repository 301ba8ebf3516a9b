#!/usr/bin/env bash
# The load benchmark (not in CI): simulated 2.0.1 charge points on the
# loopback interface against three servers, each started fresh for each
# run, all in one run of this script on the same machine:
#
# - ours: `load serve`, a CSMS on ocpp-types-tokio;
# - python: the same CSMS with Python's `ocpp` package on `websockets`
#   (installed here into target/load-venv with pip);
# - echo: the floor, a bare tokio-tungstenite server that sends each text
#   message back (WebSocket framing alone, no OCPP).
#
# For each, at CONNECTIONS (default "100 1000 10000") connections: CALLs
# answered per second over SECONDS (default 10) of every charge point
# calling as fast as the answers come, the p50 and p99 latency of a CALL,
# and the server's resident memory per connection, idle and busy. The
# simulated charge points run in one process beside the server: both share
# the machine's cores. Needs `ulimit -n` above the connection count.
#
#   bash ocpp-types-tokio/benches/load.sh
#   CONNECTIONS="100" SECONDS=3 SERVERS="ours echo" bash ocpp-types-tokio/benches/load.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${CONNECTIONS:-100 1000 10000}
seconds=${SECONDS_PER_RUN:-10}
servers=${SERVERS:-ours python echo}

cargo build --quiet --release -p ocpp-types-tokio --example load
load=target/release/examples/load
if [[ " $servers " == *" python "* ]]; then
    venv=target/load-venv
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "ocpp==2.1.0" "websockets==17.4"
fi

port=9400
printf '| server | connections | CALLs/s | p50 | p99 | CALLRESULTs | idle KiB/conn | busy KiB/conn | idle RSS |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $connections; do
    for server in $servers; do
        port=$((port + 1))
        case $server in
            ours) $load serve $port > /tmp/load-server.$$ 2>&1 & ;;
            echo) $load echo $port > /tmp/load-server.$$ 2>&1 & ;;
            python) "$venv/bin/python" ocpp-types-tokio/benches/load_csms.py $port > /tmp/load-server.$$ 2>&1 & ;;
        esac
        pid=$!
        for _ in $(seq 100); do grep -q ready /tmp/load-server.$$ && break; sleep 0.1; done
        line=$($load drive "ws://127.0.0.1:$port" "$n" "$seconds" "$pid" || echo '{}')
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        python3 - "$server" "$line" <<'PY'
import json, sys
server, line = sys.argv[1], json.loads(sys.argv[2] or "{}")
if not line:
    print(f"| {server} | failed | | | | | | | |")
else:
    print(f"| {server} | {line['connections']} | {line['calls_per_second']:,.0f} | {line['p50_ms']:.2f} ms | {line['p99_ms']:.2f} ms "
          f"| {line['callresults']:,} of {line['calls']:,} | {line['idle_kib_per_connection']:.1f} | {line['busy_kib_per_connection']:.1f} "
          f"| {line['idle_rss_mib']:.0f} MiB |")
PY
    done
done
rm -f /tmp/load-server.$$
