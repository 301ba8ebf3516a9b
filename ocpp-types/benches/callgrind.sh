#!/usr/bin/env bash
# Instructions per call, counted by valgrind's callgrind, which machine load
# does not move: for each document of the benchmark corpus (corpus/mod.rs),
# reading it with the code #[ocpp_type] generates (serde_json::from_slice:
# `ocpp`; ocpp_types::from_slice: `api`; ocpp_types::from_slice_with and
# Policy::TOLERANT: `lenient`) and with its serde_derive mirror
# (mirror/mod.rs), and writing it with each.
#
# Every case is its own binary, built with only that one call in it: a
# binary that holds two paths shares their generic instantiations, and the
# compiler then inlines differently than in a program that holds one, by up
# to 10-20% (criterion's json bench, which holds all of them, shows this).
#
# Usage: ocpp-types/benches/callgrind.sh [CASE...]   (default: all cases)
# Needs valgrind. Prints a markdown table. Takes about 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }

work=${CALLGRIND_DIR:-$(mktemp -d)}
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "callgrind-case"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
ocpp-types = { path = "$root/ocpp-types", features = ["preserve_order", "float_roundtrip"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[profile.release]
debug = 1

[workspace]
TOML
cp Cargo.lock "$work/"

cases=("$@")
if [[ ${#cases[@]} -eq 0 ]]; then
    cases=(DataTransferStatus DataTransferRequest DataTransferResponse KeyValue
        GetConfigurationResponse ConfigurationStatus SecurityEventEnum SecurityEvent
        GetConfigurationResponse-10)
fi

# The corpus value of a case, as a Rust expression.
value() {
    case $1 in
        DataTransferStatus) echo "ocpp_types::DataTransferStatus::UnknownVendorId" ;;
        ConfigurationStatus) echo "ocpp_types::ConfigurationStatus::RebootRequired" ;;
        SecurityEventEnum) echo "ocpp_types::SecurityEventEnum::InvalidChargingStationCertificate" ;;
        DataTransferRequest) echo "corpus::data_transfer_request()" ;;
        DataTransferResponse) echo "corpus::data_transfer_response()" ;;
        KeyValue) echo "corpus::key_value()" ;;
        SecurityEvent) echo "corpus::security_event()" ;;
        GetConfigurationResponse) echo "corpus::configuration(corpus::STANDARD_KEYS.len())" ;;
        GetConfigurationResponse-*) echo "corpus::configuration(${1#*-})" ;;
    esac
}

# Instructions per call of one way (`$2`) of one case (`$1`).
count() {
    local case=$1 way=$2 ty=${1%%-*} call
    case $way in
        ocpp) call="black_box(serde_json::from_slice::<ocpp_types::$ty>(black_box(&doc)).unwrap());" ;;
        api) call="black_box(ocpp_types::from_slice::<ocpp_types::$ty>(black_box(&doc)).unwrap());" ;;
        lenient) call="black_box(ocpp_types::from_slice_with::<ocpp_types::$ty>(black_box(&doc), ocpp_types::Policy::TOLERANT).unwrap());" ;;
        serde_derive) call="black_box(serde_json::from_slice::<mirror::$ty>(black_box(&doc)).unwrap());" ;;
        write-ocpp) call="black_box(serde_json::to_vec(black_box(&ours)).unwrap());" ;;
        write-serde_derive) call="black_box(serde_json::to_vec(black_box(&theirs)).unwrap());" ;;
    esac
    cat > "$work/src/main.rs" <<RUST
#![allow(dead_code, unused)]
use std::hint::black_box;
#[path = "$root/ocpp-types/benches/corpus/mod.rs"]
mod corpus;
#[path = "$root/ocpp-types/benches/mirror/mod.rs"]
mod mirror;
fn main() {
    let runs: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let ours = $(value "$case");
    let doc = serde_json::to_vec(&ours).unwrap();
    let theirs: mirror::$ty = serde_json::from_slice(&doc).unwrap();
    for _ in 0..runs {
        $call
    }
}
RUST
    (cd "$work" && cargo build --release --quiet)
    # Two run counts: the difference is the cost of the calls alone.
    local small large
    small=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/target/release/callgrind-case" 10 2>&1 |
        sed -n 's/.*Collected : //p')
    large=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/target/release/callgrind-case" 210 2>&1 |
        sed -n 's/.*Collected : //p')
    echo $(((large - small) / 200))
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

echo "| case | read: ocpp | api | lenient | serde_derive | ocpp/serde_derive | api/serde_derive | lenient/serde_derive | write: ocpp | serde_derive | ocpp/serde_derive |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for case in "${cases[@]}"; do
    ocpp=$(count "$case" ocpp)
    api=$(count "$case" api)
    lenient=$(count "$case" lenient)
    derive=$(count "$case" serde_derive)
    write=$(count "$case" write-ocpp)
    write_derive=$(count "$case" write-serde_derive)
    echo "| $case | $ocpp | $api | $lenient | $derive | $(ratio "$ocpp" "$derive") | $(ratio "$api" "$derive") | $(ratio "$lenient" "$derive") | $write | $write_derive | $(ratio "$write" "$write_derive") |"
done
