#!/usr/bin/env bash
# Prints the results of `cargo bench -p ocpp-types --bench json` as a markdown
# table: for each case, the mean time of our generated code (through
# serde_json, and through ocpp_types::from_slice: `api`, deserialization
# only), of serde_derive and of the parsing floor (`IgnoredAny`), the ratios,
# and our throughput. Reads criterion's `*/*/new/estimates.json` (the point
# estimate of the mean) and `benchmark.json` (group name, bytes).
#
# Usage: ocpp-types/benches/table.sh [CRITERION_DIR]
# The directory defaults to $CRITERION_HOME, else $CARGO_TARGET_DIR/criterion,
# else target/criterion. Needs only bash, sed, awk and sort.
set -euo pipefail

dir=${1:-${CRITERION_HOME:-${CARGO_TARGET_DIR:-target}/criterion}}
if [[ ! -d $dir ]]; then
    echo "no criterion results in $dir: run cargo bench -p ocpp-types --bench json first" >&2
    exit 1
fi

# The mean, in nanoseconds, of one benchmark's latest run; empty if absent.
mean() {
    local file=$1/new/estimates.json
    [[ -f $file ]] || return 0
    sed -E 's/^\{"mean":\{"confidence_interval":\{[^}]*\},"point_estimate":([-0-9.eE+]+).*/\1/' "$file"
}

rows=$(
    for ocpp in "$dir"/*/ocpp; do
        [[ -f $ocpp/new/benchmark.json ]] || continue
        group=$(dirname "$ocpp")
        info=$ocpp/new/benchmark.json
        # "group_id":"deserialize/KeyValue" and "throughput":{"Bytes":137}
        id=$(sed -E 's/.*"group_id":"([^"]*)".*/\1/' "$info")
        bytes=$(sed -E 's/.*"throughput":\{"Bytes":([0-9]+)\}.*/\1/' "$info")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${id%%/*}" "$bytes" "${id#*/}" \
            "$(mean "$ocpp")" "$(mean "$group/serde_derive")" "$(mean "$group/floor")" \
            "$(mean "$group/ocpp-api")"
    done | sort -t $'\t' -k1,1 -k2,2n
)

if [[ -z $rows ]]; then
    echo "no benchmark named ocpp under $dir" >&2
    exit 1
fi

awk -F '\t' '
function time(ns) {
    if (ns == "") return "-"
    if (ns < 1e3) return sprintf("%.1f ns", ns)
    if (ns < 1e6) return sprintf("%.2f µs", ns / 1e3)
    return sprintf("%.2f ms", ns / 1e6)
}
function ratio(a, b) { return (a == "" || b == "") ? "-" : sprintf("%.2f", a / b) }
BEGIN {
    print "| case | bytes | ocpp | api | serde_derive | floor | ocpp/serde_derive | api/serde_derive | ocpp/floor | ocpp MB/s |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
}
{
    printf "| %s %s | %d | %s | %s | %s | %s | %s | %s | %s | %.0f |\n", $1, $3, $2, \
        time($4), time($7), time($5), time($6), ratio($4, $5), ratio($7, $5), ratio($4, $6), $2 / $4 * 1e3
}' <<<"$rows"
