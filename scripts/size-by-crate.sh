#!/usr/bin/env bash
# Prints how much of the app's release binary each crate takes, from the
# sizes of its symbols, largest first. BENCHMARKS.md quotes it.
#
# Usage: scripts/size-by-crate.sh [BINARY]
#   Without BINARY it builds the app with the `release-symbols` profile, the
#   release profile that keeps the symbols, and reads
#   target/release-symbols/gigma-profile. The first build took 9 minutes on
#   2 cores.
#
# A symbol counts for the crate that starts its demangled name, so generic
# code counts for the crate that defines it (`core`, `alloc`), not for the
# one that uses it. Symbols without a crate path count as "[C or other]".

set -euo pipefail
export LC_ALL=C

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
binary="${1:-}"

if [[ -z "$binary" ]]; then
    (cd "$repo_root" && cargo build --profile release-symbols -p gigma-profile --features custom-protocol)
    binary="$target_dir/release-symbols/gigma-profile"
fi
if [[ ! -f "$binary" ]]; then
    echo "size-by-crate: $binary not found; give an unstripped binary or no argument" >&2
    exit 1
fi

# nm prints "ADDRESS SIZE TYPE NAME"; code (t, T, w, W) and read-only or
# initialised data (r, R, d, D) count, zero-filled data (b, B) does not.
nm --print-size --size-sort --demangle "$binary" | awk '
    function hex(text,    value, i) {
        value = 0
        for (i = 1; i <= length(text); i++) {
            value = value * 16 + index("0123456789abcdef", tolower(substr(text, i, 1))) - 1
        }
        return value
    }

    $3 ~ /^[tTwWrRdD]$/ {
        size = hex($2)
        name = $0
        sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", name)
        crate = "[C or other]"
        if (match(name, /^<?(&(mut )?)?(dyn )?[A-Za-z_][A-Za-z0-9_]*::/)) {
            crate = substr(name, RSTART, RLENGTH - 2)
            sub(/^<?(&(mut )?)?(dyn )?/, "", crate)
        } else if (index(name, "::") > 0) {
            crate = "[generic]"
        }
        sizes[crate] += size
        total += size
    }
    END {
        printf "%8.2f MiB  all symbols\n", total / 1048576
        for (crate in sizes) printf "%8.2f MiB  %s\n", sizes[crate] / 1048576, crate | "sort -rn | head -n 40"
    }'
