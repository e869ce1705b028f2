#!/usr/bin/env bash
# Compares gigma-avatar with vipsthumbnail and ImageMagick on making a
# 512x512 avatar (centre crop) from a 24-megapixel JPEG, baseline and
# progressive: median wall time
# and maximum resident memory over RUNS runs of each tool, plus the median
# CPU time (user + system), which other load on the machine disturbs less.
#
# Usage: scripts/bench-avatar.sh [RUNS]      (default 5)
# Needs: vipsthumbnail (libvips-tools), ImageMagick's convert (imagemagick)
# and GNU time at /usr/bin/time (time). It installs nothing itself.
# Work files go to $BENCH_DIR (default target/bench-avatar).

set -euo pipefail

runs="${1:-5}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench-avatar: RUNS must be a positive whole number, got '$runs'" >&2
    exit 2
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_dir="${BENCH_DIR:-$repo_root/target/bench-avatar}"
# Each run is stopped after this many seconds, so a hung tool cannot stall
# the benchmark.
run_timeout=120

missing=()
command -v vipsthumbnail >/dev/null || missing+=("libvips-tools")
if ! convert -version 2>/dev/null | grep -q ImageMagick; then
    missing+=("imagemagick")
fi
if ! /usr/bin/time --version 2>&1 | grep -q "GNU"; then
    missing+=("time")
fi
if ((${#missing[@]} > 0)); then
    echo "bench-avatar: missing tools; install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

mkdir -p "$bench_dir"
photo="$bench_dir/photo-6000x4000.jpg"
if [[ ! -s "$photo" ]]; then
    echo "Generating $photo (6000x4000 fractal plasma, seed 42, quality 92)..."
    # Fractal plasma has the noise and smooth gradients of a photo, and at
    # quality 92 it is 7.8 MB, within the usual size of a 24-megapixel phone
    # photo.
    timeout 300 convert -seed 42 -size 6000x4000 plasma:fractal -quality 92 "$photo"
fi

progressive="$bench_dir/photo-6000x4000-progressive.jpg"
if [[ ! -s "$progressive" ]]; then
    echo "Generating $progressive from the same pixels..."
    timeout 300 convert "$photo" -interlace JPEG -quality 92 "$progressive"
fi

echo "Building gigma-avatar (release)..."
(cd "$repo_root" && cargo build --release --quiet -p gigma-avatar)
ours="$repo_root/target/release/gigma-avatar"

# Prints "WALL_SECONDS KIB CPU_SECONDS" for one bounded run of the command.
measure() {
    local stats
    stats="$(mktemp)"
    if ! timeout "$run_timeout" /usr/bin/time -o "$stats" -f '%e %M %U %S' "$@" >/dev/null 2>"$stats.err"; then
        echo "bench-avatar: failed or timed out: $*" >&2
        cat "$stats.err" >&2
        rm -f "$stats" "$stats.err"
        exit 1
    fi
    awk 'END { printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$stats"
    rm -f "$stats" "$stats.err"
}

median() {
    sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# Runs one tool RUNS times after one warm-up run and prints
# "MEDIAN_WALL_SECONDS MAX_KIB MEDIAN_CPU_SECONDS".
bench() {
    local wall_times=() cpu_times=() max_kib=0 seconds kib cpu
    measure "$@" >/dev/null
    for ((i = 0; i < runs; i++)); do
        read -r seconds kib cpu < <(measure "$@")
        wall_times+=("$seconds")
        cpu_times+=("$cpu")
        if ((kib > max_kib)); then
            max_kib=$kib
        fi
    done
    echo "$(printf '%s\n' "${wall_times[@]}" | median) $max_kib $(printf '%s\n' "${cpu_times[@]}" | median)"
}

# Prints the result table for one photo and sets ours_s, ours_kib, vips_s
# and vips_kib for the target check.
compare_tools() {
    local photo="$1" label="$2"
    local ours_cpu vips_cpu im_s im_kib im_cpu
    # All three write quality-85 JPEGs without metadata, so they do the
    # same work: a centre crop to 512x512 of the resized photo.
    echo "Running each tool $runs times (plus one warm-up run) on the $label photo..."
    read -r ours_s ours_kib ours_cpu < <(bench "$ours" prepare "$photo" "$bench_dir/ours.jpg")
    read -r vips_s vips_kib vips_cpu < <(bench vipsthumbnail "$photo" -s 512x512 --smartcrop centre \
        -o "$bench_dir/vips.jpg[Q=85,strip]")
    read -r im_s im_kib im_cpu < <(bench convert "$photo" -thumbnail '512x512^' -gravity center \
        -extent 512x512 -quality 85 "$bench_dir/convert.jpg")

    echo
    echo "$label JPEG, 6000x4000:"
    echo
    echo "| tool | median wall time (s) | max RSS (MiB) | median CPU time (s) | wall time ours/tool | memory ours/tool |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| gigma-avatar | $ours_s | $(mib "$ours_kib") | $ours_cpu | 1.00 | 1.00 |"
    echo "| vipsthumbnail | $vips_s | $(mib "$vips_kib") | $vips_cpu | $(ratio "$ours_s" "$vips_s") | $(ratio "$ours_kib" "$vips_kib") |"
    echo "| convert | $im_s | $(mib "$im_kib") | $im_cpu | $(ratio "$ours_s" "$im_s") | $(ratio "$ours_kib" "$im_kib") |"
    echo
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Progressive JPEGs are decoded differently (all coefficients are kept
# until the last scan), so they are measured separately. The targets apply
# to the baseline photo, which is what cameras and phones write.
compare_tools "$progressive" "progressive"
compare_tools "$photo" "baseline"

time_ok="$(awk -v a="$ours_s" -v b="$vips_s" 'BEGIN { print (a <= b) ? "met" : "NOT met" }')"
memory_ok="$(awk -v a="$ours_kib" -v b="$vips_kib" 'BEGIN { print (a <= 1.5 * b) ? "met" : "NOT met" }')"
echo "Baseline photo, target wall time <= 1.0x vipsthumbnail: $time_ok ($(ratio "$ours_s" "$vips_s")x)"
echo "Baseline photo, target memory <= 1.5x vipsthumbnail: $memory_ok ($(ratio "$ours_kib" "$vips_kib")x)"
