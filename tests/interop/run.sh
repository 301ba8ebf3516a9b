#!/usr/bin/env bash
# The `csms` and `charge-point` examples against an independent peer,
# Python's `ocpp` package on `websockets` (installed into target/interop-venv
# with pip; not in CI, which has only a Rust toolchain), in 1.6 and 2.0.1:
# our CSMS with Python's charge point, and Python's CSMS with our charge
# point. Prints one line per pair; exits 1 if any failed.
#
#   bash tests/interop/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --example csms --example charge-point
venv=target/interop-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "ocpp==2.1.0" "websockets==17.4"
python=$venv/bin/python
peer=tests/interop/peer.py
examples=target/debug/examples
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
failed=0

for version in v16 v201; do
    # Our CSMS, Python's charge point.
    $examples/csms --version all --port 0 > "$out/csms" 2> "$out/csms.err" &
    csms=$!
    for _ in $(seq 100); do grep -q listening "$out/csms" && break; sleep 0.1; done
    port=$(sed -n 's/^listening on ws:\/\/127.0.0.1://p' "$out/csms")
    if timeout 60 "$python" $peer charge-point $version "ws://127.0.0.1:$port/PY-$version" > "$out/py" 2>&1; then
        echo "ok   our csms, python-ocpp charge point, $version: $(grep -c '^< \[2,' "$out/csms") CALLs answered"
    else
        echo "FAIL our csms, python-ocpp charge point, $version:"; cat "$out/py" "$out/csms.err"; failed=1
    fi
    kill $csms; wait $csms 2>/dev/null || true

    # Python's CSMS, our charge point.
    port=$((9500 + RANDOM % 400))
    "$python" $peer csms $version $port > "$out/pycsms" 2>&1 &
    pycsms=$!
    for _ in $(seq 100); do grep -q ready "$out/pycsms" && break; sleep 0.1; done
    if timeout 60 $examples/charge-point --version $version "ws://127.0.0.1:$port/RS-$version" > "$out/cp" 2> "$out/cp.err"; then
        echo "ok   python-ocpp csms, our charge point, $version: $(grep -c '^> \[2,' "$out/cp") CALLs answered; $(grep -o '^asked: [A-Za-z]*' "$out/pycsms" | head -1)"
    else
        echo "FAIL python-ocpp csms, our charge point, $version:"; cat "$out/cp.err" "$out/pycsms"; failed=1
    fi
    kill $pycsms; wait $pycsms 2>/dev/null || true
done
exit $failed
