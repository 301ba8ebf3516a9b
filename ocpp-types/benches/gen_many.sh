#!/usr/bin/env bash
# The build cost of #[ocpp_type]: generates crates of N types (a mix of
# enums and structs of 2 to 6 fields, some closed, some referring to earlier
# types), each depending on ocpp-types by path, plus one function that reads
# and writes every type with serde_json (so that the generated Serialize and
# Deserialize are compiled too, not only expanded), and times `cargo build`
# of each crate alone (its dependencies built beforehand), with one job and
# no incremental compilation.
#
# Usage: ocpp-types/benches/gen_many.sh [N...]        (default: 250 500 1000)
# Environment:
#   MODES=ocpp|serde|"ocpp serde"   what to generate (default: ocpp serde);
#                                   serde: the same types with serde_derive,
#                                   for comparison
#   PROFILE=dev|release             (default: dev)
#   OUT=/tmp/ocpp-many              where the crates and their target go
#   OCPP_TYPES=path                 the ocpp-types crate (default: this one)
# Prints a markdown table of seconds per build (wall and CPU). Needs bash,
# awk and cargo.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ocpp_types=${OCPP_TYPES:-$here}
out=${OUT:-/tmp/ocpp-many}
profile=${PROFILE:-dev}
modes=${MODES:-ocpp serde}
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(250 500 1000)

words=(Accepted Rejected Pending Faulted Charging Finishing Reserved Unavailable
    Preparing Available SuspendedEv SuspendedEvse)
fields=(id status vendor_id message_id data timestamp connector_id meter_value
    info key value read_only)

# One type, number $1, for mode $2, on stdout.
type_source() {
    local i=$1 mode=$2 j kind variants n closed ty
    if ((i % 4 == 0)); then
        variants=$((3 + i % 6))
        echo "/// Enum $i of the generated spec"
        if [[ $mode == ocpp ]]; then
            echo "#[ocpp_type]"
        else
            echo "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]"
        fi
        echo "pub enum T$i {"
        for ((j = 0; j < variants; j++)); do
            echo "    ${words[(i + j) % ${#words[@]}]},"
        done
        echo "}"
        return
    fi
    n=$((2 + i % 5))
    closed=$((i % 3 == 1))
    echo "/// Struct $i of the generated spec"
    if [[ $mode == ocpp ]]; then
        ((closed)) && echo "#[ocpp_type(deny_unknown_fields)]" || echo "#[ocpp_type]"
    else
        echo "#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]"
        ((closed)) && echo "#[serde(deny_unknown_fields)]"
    fi
    echo "pub struct T$i {"
    for ((j = 0; j < n; j++)); do
        kind=$(((i + j) % 7))
        case $kind in
        0) ty="String" ;;
        1) ty="Option<String>" ;;
        2) ty="bool" ;;
        3) ty="Option<i32>" ;;
        4) ty="u32" ;;
        5) ty="Vec<String>" ;;
        6) ty="Option<T$((i - 1))>" ;;
        esac
        echo "    /// Field $j of struct $i"
        if [[ $mode == serde && $ty == Option* ]]; then
            echo '    #[serde(skip_serializing_if = "Option::is_none")]'
        fi
        echo "    pub ${fields[(i + j) % ${#fields[@]}]}: $ty,"
    done
    echo "}"
}

# The crate of $1 types for mode $2, in directory $3.
generate() {
    local n=$1 mode=$2 dir=$3 i deps
    mkdir -p "$dir/src"
    if [[ $mode == ocpp ]]; then
        deps="ocpp-types = { path = \"$ocpp_types\" }"
    else
        deps='serde = { version = "1", features = ["derive"] }'
    fi
    deps+=$'\nserde_json = "1"'
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "many-$mode-$n"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$deps

[workspace]
EOF
    {
        echo "//! $n generated types ($mode)."
        if [[ $mode == ocpp ]]; then
            echo "use ocpp_types::ocpp_type;"
        else
            echo "use serde::{Deserialize, Serialize};"
        fi
        for ((i = 0; i < n; i++)); do
            echo
            type_source "$i" "$mode"
        done
        echo
        echo "/// Reads the document \\`json\\` as type number \\`index\\` and writes it back."
        echo "pub fn round_trip(index: usize, json: &str) -> Option<String> {"
        echo "    match index {"
        for ((i = 0; i < n; i++)); do
            echo "        $i => serde_json::to_string(&serde_json::from_str::<T$i>(json).ok()?).ok(),"
        done
        echo "        _ => None,"
        echo "    }"
        echo "}"
    } >"$dir/src/lib.rs"
}

export CARGO_TARGET_DIR=$out/target CARGO_BUILD_JOBS=1 CARGO_INCREMENTAL=0
declare -A wall cpu lines
for mode in $modes; do
    for n in "${sizes[@]}"; do
        dir=$out/$mode-$n
        generate "$n" "$mode" "$dir"
        lines[$mode-$n]=$(wc -l <"$dir/src/lib.rs")
        # Dependencies first, untimed; then the crate alone. Wall time, and
        # CPU time (user + system: steadier on a busy machine).
        (cd "$dir" && cargo build -q --profile "$profile")
        touch "$dir/src/lib.rs"
        times=$( { TIMEFORMAT='%R %U %S'; time (cd "$dir" && cargo build -q --profile "$profile"); } 2>&1)
        read -r real user sys <<<"$times"
        wall[$mode-$n]=$real
        cpu[$mode-$n]=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        echo "built $mode-$n: ${wall[$mode-$n]} s wall, ${cpu[$mode-$n]} s CPU" >&2
    done
done

header="| types | lines |"
rule="|---:|---:|"
for m in $modes; do
    header+=" $m wall s | $m CPU s | $m CPU ms/type |"
    rule+="---:|---:|---:|"
done
echo "$header"
echo "$rule"
first=${modes%% *}
for n in "${sizes[@]}"; do
    row="| $n | ${lines[$first-$n]} |"
    for m in $modes; do
        row+=" ${wall[$m-$n]} | ${cpu[$m-$n]} |"
        row+=" $(awk -v s="${cpu[$m-$n]}" -v n="$n" 'BEGIN { printf "%.1f", s * 1000 / n }') |"
    done
    echo "$row"
done
