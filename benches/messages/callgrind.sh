#!/usr/bin/env bash
# Instructions per call, counted by valgrind's callgrind (which machine load
# does not move), of the messages benchmark: each document of src/lib.rs
# read with ocpp_types::v201 (serde_json::from_slice: `ocpp`;
# ocpp_types::from_slice: `api`) and with rust-ocpp, and the value each read
# written back with serde_json::to_vec.
#
# Every case is its own binary with that one call in it, as in
# ocpp-types/benches/callgrind.sh; the ocpp-types cases are built with
# `--features ocpp-types`, the rust-ocpp ones with `--features rust-ocpp`
# (the two can't share a build, see Cargo.toml).
#
# Usage: benches/messages/callgrind.sh [MESSAGE...]   (default: all four)
# Environment: OCPP_FEATURES: more features for the ocpp-types side (such
# as float_roundtrip); CALLGRIND_DIR: the scratch crate's directory.
# Needs valgrind. Prints a markdown table. About 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }

work=${CALLGRIND_DIR:-$(mktemp -d)}
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "callgrind-message"
version = "0.0.0"
edition = "2021"
publish = false

[features]
ocpp-types = ["bench/ocpp-types", "dep:ocpp-types"]
rust-ocpp = ["bench/rust-ocpp"]
float_roundtrip = ["bench/float_roundtrip"]

[dependencies]
bench = { package = "ocpp-messages-bench", path = "$here" }
ocpp-types = { path = "$here/../../ocpp-types", optional = true }
serde_json = "1"

[profile.release]
debug = 1

[workspace]
TOML
cp Cargo.lock "$work/"
binary=${CARGO_TARGET_DIR:-$work/target}/release/callgrind-message

messages=("$@")
[[ ${#messages[@]} -gt 0 ]] || messages=(BootNotificationRequest SetChargingProfileRequest NotifyReportRequest TransactionEventRequest)

# Instructions per call of one way (`$2`) of one message (`$1`).
count() {
    local message=$1 way=$2 side features setup="" call
    case $way in
        ocpp | api | write-ocpp) side=ours features="ocpp-types${OCPP_FEATURES:+,$OCPP_FEATURES}" ;;
        *) side=theirs features=rust-ocpp ;;
    esac
    case $way in
        ocpp | rust-ocpp) call="black_box(serde_json::from_slice::<T>(black_box(&doc)).unwrap());" ;;
        api) call="black_box(ocpp_types::from_slice::<T>(black_box(&doc)).unwrap());" ;;
        write-*)
            setup="let value: T = serde_json::from_slice(&doc).unwrap();"
            call="black_box(serde_json::to_vec(black_box(&value)).unwrap());"
            ;;
    esac
    cat > "$work/src/main.rs" <<RUST
use std::hint::black_box;
type T = bench::$side::$message;
fn main() {
    let runs: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let doc = bench::document("$message");
    $setup
    for _ in 0..runs {
        $call
    }
}
RUST
    (cd "$work" && cargo build --release --quiet --features "$features")
    # Two run counts: the difference is the cost of the calls alone.
    local small large
    small=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" 10 2>&1 |
        sed -n 's/.*Collected : //p')
    large=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" 110 2>&1 |
        sed -n 's/.*Collected : //p')
    echo $(((large - small) / 100))
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "| message | bytes | read: ocpp | api | rust-ocpp | ocpp/rust-ocpp | write: ocpp | rust-ocpp | ocpp/rust-ocpp |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
# The documents' sizes, and a check that the rust-ocpp side reads them all.
sizes=$(cargo run -q --release --example accept --features rust-ocpp)
for m in "${messages[@]}"; do
    bytes=$(sed -n "s/^  $m: \([0-9]*\) bytes read.*/\1/p" <<<"$sizes")
    ocpp=$(count "$m" ocpp)
    api=$(count "$m" api)
    theirs=$(count "$m" rust-ocpp)
    write=$(count "$m" write-ocpp)
    write_theirs=$(count "$m" write-rust-ocpp)
    echo "| $m | $bytes | $ocpp | $api | $theirs | $(ratio "$ocpp" "$theirs") | $write | $write_theirs | $(ratio "$write" "$write_theirs") |"
done
