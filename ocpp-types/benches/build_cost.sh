#!/usr/bin/env bash
# What ocpp-types costs to build: clean debug builds, each in a fresh target
# directory, of
#   ocpp          ocpp-types alone (with its macro crate, syn, serde and
#                 serde_json), at its default features;
#   serde_derive  the same eight types written with
#                 #[derive(Serialize, Deserialize)] (generated from
#                 benches/mirror/mod.rs, with the derives #[ocpp_type]
#                 writes, and one function that reads and writes each type
#                 with serde_json, as ocpp-types' TYPES does), depending on
#                 serde with derive and serde_json only;
#   both          a program that depends on ocpp-types and on serde with
#                 derive, so that serde_derive is built next to the macro;
#   serde         a program that depends on serde with derive alone;
#   v16, v201,    ocpp-types with that one generated module's feature on
#   v21, everest  (the official OCPP messages of one version, or EVerest's
#                 current types);
#   all           ocpp-types with all four modules;
# and tells how many syn versions the `both` program compiles. The shorthand
# `features` stands for `ocpp v16 v201 v21 everest all`: after the table it
# prints each module's cost over `ocpp` (the crate without modules), per
# generated type (the module's `TypeInfo::of` lines: its `TYPES`).
#
# Every crate is generated under OUT with a copy of the workspace's
# Cargo.lock (so the same versions as the workspace), its dependencies are
# fetched first (`cargo fetch`), and each build is `cargo build --offline`
# of a fresh target directory, timed RUNS times; the median is reported.
# CPU time (user + system of cargo and every rustc it runs) is the figure to
# read on a busy machine; wall time depends on the other load and the cores.
#
# Usage: ocpp-types/benches/build_cost.sh [CASE...]  (default: ocpp serde_derive both serde)
#        ocpp-types/benches/build_cost.sh features
# Environment:
#   RUNS=3                   builds per case
#   OUT=/tmp/ocpp-build-cost where the crates and their targets go
#   OCPP_TYPES=path          the ocpp-types crate (default: this one)
#   CARGO_BUILD_JOBS=N       parallel jobs (default: cargo's, one per core)
#   CARGO_INCREMENTAL        default 0, as for a crate from the registry
# Prints every run, then a markdown table of medians. Needs bash, awk, sort
# and cargo.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ocpp_types=${OCPP_TYPES:-$here}
lock=$ocpp_types/../Cargo.lock
mirror=$here/benches/mirror/mod.rs
out=${OUT:-/tmp/ocpp-build-cost}
runs=${RUNS:-3}
cases=()
for a in "$@"; do
    if [[ $a == features ]]; then cases+=(ocpp v16 v201 v21 everest all); else cases+=("$a"); fi
done
[[ ${#cases[@]} -gt 0 ]] || cases=(ocpp serde_derive both serde)
modules=(v16 v201 v21 everest)
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
unset RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER CARGO_TARGET_DIR

serde_dep='serde = { version = "1", features = ["derive"] }'
ocpp_dep="ocpp-types = { path = \"$ocpp_types\" }"

# The manifest of crate $1 with the dependency lines $2, in directory $3.
manifest() {
    mkdir -p "$3/src"
    cat >"$3/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$2

[workspace]
EOF
    if [[ -f $lock ]]; then cp "$lock" "$3/Cargo.lock"; fi
}

# The mirror types with the derives #[ocpp_type] writes, and a round trip of
# each through serde_json, on stdout.
mirror_source() {
    echo "//! The eight spec types with serde_derive (from benches/mirror/mod.rs)."
    awk '
        /^\/\/!/ { next }
        /^#\[derive\(Serialize, Deserialize\)\]$/ { held = 1; next }
        held && /^#\[/ { attrs = attrs $0 "\n"; next }
        held && /^pub enum / {
            printf "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]\n%s", attrs
            held = 0; attrs = ""
        }
        held && /^pub struct / {
            printf "#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n%s", attrs
            held = 0; attrs = ""
        }
        { print }
        /^pub (enum|struct) / { names[n++] = $3 }
        END {
            print ""
            print "/// Reads the document `json` as type number `index` and writes it back."
            print "pub fn round_trip(index: usize, json: &str) -> Option<String> {"
            print "    match index {"
            for (i = 0; i < n; i++)
                printf "        %d => serde_json::to_string(&serde_json::from_str::<%s>(json).ok()?).ok(),\n", i, names[i]
            print "        _ => None,"
            print "    }"
            print "}"
        }
    ' "$mirror"
}

# The number of generated types of module $1 (or of all of them: `all`).
types_of() {
    local m n=0
    if [[ $1 == all ]]; then
        for m in "${modules[@]}"; do n=$((n + $(types_of "$m"))); done
        echo "$n"
    else
        grep -c 'TypeInfo::of' "$ocpp_types/src/$1.rs"
    fi
}

# The dependency line of ocpp-types with the features $@.
ocpp_with() {
    local list
    list=$(printf '"%s", ' "$@")
    echo "ocpp-types = { path = \"$ocpp_types\", features = [${list%, }] }"
}

# Generates case $1 in directory $2; prints the package to build.
generate() {
    case $1 in
    ocpp)
        manifest build-cost-ocpp "$ocpp_dep" "$2"
        echo "//! Only here to build ocpp-types." >"$2/src/lib.rs"
        echo ocpp-types
        ;;
    serde_derive)
        manifest build-cost-serde-derive "$serde_dep"$'\nserde_json = "1"' "$2"
        mirror_source >"$2/src/lib.rs"
        echo build-cost-serde-derive
        ;;
    both)
        manifest build-cost-both "$ocpp_dep"$'\n'"$serde_dep" "$2"
        echo "//! A program with both ocpp-types and serde_derive." >"$2/src/lib.rs"
        echo build-cost-both
        ;;
    serde)
        manifest build-cost-serde "$serde_dep" "$2"
        echo "//! A program with serde_derive alone." >"$2/src/lib.rs"
        echo build-cost-serde
        ;;
    v16 | v201 | v21 | everest | all)
        if [[ $1 == all ]]; then
            manifest "build-cost-$1" "$(ocpp_with "${modules[@]}")" "$2"
        else
            manifest "build-cost-$1" "$(ocpp_with "$1")" "$2"
        fi
        echo "//! Only here to build ocpp-types with generated modules." >"$2/src/lib.rs"
        echo ocpp-types
        ;;
    *)
        echo "unknown case $1 (ocpp, serde_derive, both, serde, v16, v201, v21, everest, all, or: features)" >&2
        exit 2
        ;;
    esac
}

# The middle value of the numbers given.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A wall cpu units
for c in "${cases[@]}"; do
    dir=$out/$c
    package=$(generate "$c" "$dir")
    (cd "$dir" && cargo fetch -q)
    walls=() cpus=()
    for ((r = 1; r <= runs; r++)); do
        rm -rf "$dir/target"
        times=$( { TIMEFORMAT='%R %U %S'; time (cd "$dir" && cargo build -q --offline -p "$package"); } 2>&1)
        read -r real user sys <<<"$times"
        walls+=("$real")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
        echo "built $c, run $r: ${walls[-1]} s wall, ${cpus[-1]} s CPU" >&2
    done
    wall[$c]=$(median "${walls[@]}")
    cpu[$c]=$(median "${cpus[@]}")
    # The crates in the build, the syn versions among them, and how many
    # syn libraries the last build compiled.
    tree=$(cd "$dir" && cargo tree -q --offline -p "$package" -e normal,build --prefix none)
    crates=$(sed 's/ (.*//' <<<"$tree" | sort -u | wc -l)
    syns=$(awk '$1 == "syn" { print $2 }' <<<"$tree" | sort -u | paste -sd, -)
    built=$(find "$dir/target/debug/deps" -name 'libsyn-*.rlib' | wc -l)
    echo "$c: CPU s ${cpus[*]}; wall s ${walls[*]}; syn ${syns:-none}, built $built time(s)" >&2
    units[$c]="$crates | ${syns:-none} | $built"
done

echo "| case | crates | syn | syn builds | CPU s (median of $runs) | wall s (median of $runs) |"
echo "|---|---:|---|---:|---:|---:|"
for c in "${cases[@]}"; do
    echo "| $c | ${units[$c]} | ${cpu[$c]} | ${wall[$c]} |"
done

# Each module's cost over the crate without modules, per generated type.
modules_run=()
for c in "${cases[@]}"; do
    case $c in v16 | v201 | v21 | everest | all) modules_run+=("$c") ;; esac
done
if [[ ${#modules_run[@]} -gt 0 && -n ${cpu[ocpp]:-} ]]; then
    echo
    echo "| ocpp-types with | types | CPU s | wall s | CPU s over ocpp (${cpu[ocpp]}) | CPU ms per type |"
    echo "|---|---:|---:|---:|---:|---:|"
    for c in "${modules_run[@]}"; do
        n=$(types_of "$c")
        awk -v c="$c" -v n="$n" -v t="${cpu[$c]}" -v w="${wall[$c]}" -v base="${cpu[ocpp]}" 'BEGIN {
            printf "| %s | %d | %s | %s | %.2f | %.0f |\n", (c == "all" ? "all four" : "`" c "`"), n, t, w, t - base, (t - base) / n * 1000
        }'
    done
fi
