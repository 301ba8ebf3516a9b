#!/usr/bin/env bash
# The messages benchmark, both sides in one run: builds the criterion bench
# twice (`--features ocpp-types`, `--features rust-ocpp`: the two can't share
# a build, see Cargo.toml), checks that each side reads every document, then
# runs the two binaries message by message, one after the other, into one
# criterion directory, and prints the table.
#
# Usage: benches/messages/run.sh [MESSAGE...]   (default: all four)
#        benches/messages/run.sh --table         (the table of the last run)
# Environment:
#   CRITERION_HOME   where the results go (default:
#                    $CARGO_TARGET_DIR/criterion-messages, else
#                    target/criterion-messages under this directory)
#   OCPP_FEATURES    more features of this package for the ocpp-types side,
#                    such as float_roundtrip
# About 2 minutes of measuring, after the builds. Needs bash, sed, awk, sort.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
target=${CARGO_TARGET_DIR:-$here/target}
export CRITERION_HOME=${CRITERION_HOME:-$target/criterion-messages}

# Reads criterion's estimates: one row per message, times in nanoseconds.
table() {
    local dir=$CRITERION_HOME
    mean() {
        local file=$dir/$1/$2/new/estimates.json
        [[ -f $file ]] || return 0
        sed -E 's/^\{"mean":\{"confidence_interval":\{[^}]*\},"point_estimate":([-0-9.eE+]+).*/\1/' "$file"
    }
    local rows=""
    for group in "$dir"/read_*; do
        [[ -d $group ]] || continue
        local name=${group##*/read_}
        local info
        info=$(ls "$group"/*/new/benchmark.json | head -1)
        local bytes
        bytes=$(sed -E 's/.*"throughput":\{"Bytes":([0-9]+)\}.*/\1/' "$info")
        rows+=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s' "$name" "$bytes" \
            "$(mean "read_$name" ocpp)" "$(mean "read_$name" ocpp-api)" "$(mean "read_$name" rust-ocpp)" \
            "$(mean "write_$name" ocpp)" "$(mean "write_$name" rust-ocpp)")$'\n'
    done
    [[ -n $rows ]] || { echo "no results in $dir: run benches/messages/run.sh first" >&2; exit 1; }
    sort -t $'\t' -k2,2n <<<"${rows%$'\n'}" | awk -F '\t' '
    function time(ns) {
        if (ns == "") return "-"
        if (ns < 1e3) return sprintf("%.1f ns", ns)
        if (ns < 1e6) return sprintf("%.2f µs", ns / 1e3)
        return sprintf("%.2f ms", ns / 1e6)
    }
    function ratio(a, b) { return (a == "" || b == "") ? "-" : sprintf("%.2f", a / b) }
    BEGIN {
        print "| message | bytes | read: ocpp | api | rust-ocpp | ocpp/rust-ocpp | write: ocpp | rust-ocpp | ocpp/rust-ocpp |"
        print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    }
    {
        printf "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, time($3), time($4), time($5), \
            ratio($3, $5), time($6), time($7), ratio($6, $7)
    }'
}

if [[ ${1:-} == --table ]]; then
    table
    exit
fi

messages=("$@")
[[ ${#messages[@]} -gt 0 ]] || messages=(BootNotificationRequest SetChargingProfileRequest NotifyReportRequest TransactionEventRequest)

# The bench binary of one side, built.
binary() {
    cargo bench --bench messages --features "$1" --no-run --message-format=json -q |
        grep '"kind":\["bench"\]' | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1
}
ours=$(binary "ocpp-types${OCPP_FEATURES:+,$OCPP_FEATURES}")
theirs=$(binary rust-ocpp)

# Each side reads every document (the bench checks it again).
cargo run -q --release --example accept --features "ocpp-types${OCPP_FEATURES:+,$OCPP_FEATURES}" >&2
cargo run -q --release --example accept --features rust-ocpp >&2

for m in "${messages[@]}"; do
    "$ours" --bench "^(read|write)/$m/" >&2
    "$theirs" --bench "^(read|write)/$m/" >&2
done
table
