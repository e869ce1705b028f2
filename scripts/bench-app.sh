#!/usr/bin/env bash
# Compares Gigma Profile with a bare Tauri v2 app built in the same run:
# one window and one static page, with the Tauri version of Cargo.lock and
# the release profile and bundle settings of this repository. Over RUNS runs
# of each it reports medians of:
#   - the time from process start to the first paint;
#   - the time to the profile card painted: from the cache (a saved session
#     and cached profile), from the sandbox (a saved session, no cache) and
#     in demo mode (--demo, sandbox inside the app);
#   - PSS and RSS of the app plus its WebKit processes once the card shows;
#   - the size of the release binary and of the .deb;
#   - the round trip UI -> Rust -> sandbox -> UI of load_counterparty,
#     against curl's time for the same request to the same sandbox.
# It prints the ratios and writes them to BENCHMARKS.md, between the
# bench-app markers, with the command, the machine and the date.
#
# Usage: scripts/bench-app.sh [--no-build] [--no-write] [RUNS]   (default 5)
#   --no-build  reuse the release builds and .deb files of an earlier run
#   --no-write  print the results without changing BENCHMARKS.md
#   BENCH_APP_BINARY=PATH  measure another build of the app, e.g. a copy
#                          kept from before a change (implies --no-write)
# Needs: the packages `cargo xtask run` installs, plus xvfb, dbus,
# gnome-keyring, curl and npm. It installs nothing through apt. The Tauri
# CLI is the one pinned in package-lock.json, installed into node_modules/
# by `npm ci`. Work files go to target/bench-app.
#
# The app reports its milestones when GIGMA_BENCH_MILESTONES=1 (see
# src-tauri/bench.rs); the bare app always does. Each line on standard
# error reads `gigma-bench NAME UNIX_SECONDS [VALUE]`.

set -euo pipefail
export LC_ALL=C

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
bench_dir="$target_dir/bench-app"
bare_dir="$bench_dir/bare"
cli="$repo_root/node_modules/.bin/tauri"
samples="$bench_dir/samples.txt"

app_binary="${BENCH_APP_BINARY:-$target_dir/release/gigma-profile}"
bare_binary="$target_dir/release/bench-bare-app"
sandbox_binary="$target_dir/release/gigma-sandbox"
seed_binary="$target_dir/debug/examples/bench-seed"

# load_counterparty calls per run that the UI times (ui/js/bench.js) and
# requests per curl invocation, so both sides have as many samples.
round_trips=20
# A run that has not reached its last milestone by then has failed.
run_timeout_seconds=60
# Memory is read this long after the last milestone, so the page is idle.
settle_seconds=1
# Milestones in the order they happen; the bare app has no window_shown,
# bootstrap_done, restore_done or card_shown.
milestones=(main setup_done page_loaded window_shown bootstrap_done restore_done first_paint card_shown)

usage() {
    echo "usage: scripts/bench-app.sh [--no-build] [--no-write] [RUNS]   (RUNS: default 5)" >&2
    exit 2
}

fail() {
    echo "bench-app: $*" >&2
    exit 1
}

median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "–"; else print a[int((NR + 1) / 2)] }'
}

# Median of the samples named $1 in $samples.
sample_median() {
    awk -v name="$1" '$1 == name { print $2 }' "$samples" | median
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ---------------------------------------------------------------------------
# The measuring part. It runs inside xvfb-run and dbus-run-session, started
# by the code at the bottom of this file, and appends "NAME VALUE" lines to
# $samples.

# Prints the ids of every process below $1.
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        echo "$child"
        descendants "$child"
    done
}

# Prints "PSS_KIB RSS_KIB" summed over the processes given.
tree_memory() {
    local pid pss=0 rss=0 p r
    for pid in "$@"; do
        read -r p r < <(awk '/^Pss:/ { p = $2 } /^Rss:/ { r = $2 } END { print p + 0, r + 0 }' \
            "/proc/$pid/smaps_rollup" 2>/dev/null || echo "0 0")
        pss=$((pss + p))
        rss=$((rss + r))
    done
    echo "$pss $rss"
}

# Stops the processes given, the app first, and waits until all are gone.
stop_processes() {
    local pid deadline
    kill -TERM "$1" 2>/dev/null || true
    deadline=$((SECONDS + 5))
    for pid in "$@"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
            sleep 0.05
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    wait "$1" 2>/dev/null || true
}

# Prints the milliseconds from $2 (a Unix time) to the milestone $3 in the
# log $1, or nothing when the log has no such milestone.
milestone_ms() {
    awk -v start="$2" -v name="$3" \
        '$1 == "gigma-bench" && $2 == name { printf "%.1f\n", ($3 - start) * 1000; exit }' "$1"
}

# Runs one start of an app and records its samples under the name PREFIX.
# Usage: run_once PREFIX LAST_MILESTONE COMMAND...
run_once() {
    local prefix="$1" last="$2"
    shift 2
    local log="$bench_dir/logs/$prefix-$run.log"
    local started pid deadline processes name ms

    : >"$log"
    started="$EPOCHREALTIME"
    "$@" >"$log.stdout" 2>"$log" &
    pid=$!

    deadline=$((SECONDS + run_timeout_seconds))
    until grep -q "^gigma-bench $last " "$log"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            fail "$prefix exited before '$last'; its log: $log"
        fi
        if ((SECONDS >= deadline)); then
            stop_processes "$pid" $(descendants "$pid")
            fail "$prefix did not reach '$last' in $run_timeout_seconds s; its log: $log"
        fi
        sleep 0.02
    done

    sleep "$settle_seconds"
    processes=("$pid" $(descendants "$pid"))
    read -r pss rss < <(tree_memory "${processes[@]}")
    stop_processes "${processes[@]}"

    # A warm-up run fills caches (fonts, WebKit) and is not counted.
    if [[ "$run" == warmup ]]; then
        return
    fi
    for name in "${milestones[@]}"; do
        ms="$(milestone_ms "$log" "$started" "$name")"
        if [[ -n "$ms" ]]; then
            echo "${prefix}_$name $ms" >>"$samples"
        fi
    done
    echo "${prefix}_pss_kib $pss" >>"$samples"
    echo "${prefix}_rss_kib $rss" >>"$samples"
    echo "${prefix}_processes ${#processes[@]}" >>"$samples"
    awk -v name="${prefix}_round_trip_ms" '$1 == "gigma-bench" && $2 == "round_trip" { print name, $4 }' \
        "$log" >>"$samples"
}

# Prints the time_total of each of $round_trips GETs of the profile in one
# curl process, in milliseconds: the first opens the connection, the others
# reuse it, as the app's client does.
curl_round_trips() {
    local api="$1" token="$2" arguments=() i
    for ((i = 0; i < round_trips; i++)); do
        arguments+=(-o /dev/null "$api/counterparty")
    done
    curl -s --fail -H "Token: sandbox-app-token" -H "Authorization: Bearer $token" \
        -w '%{time_total}\n' "${arguments[@]}" |
        awk '{ printf "%.3f\n", $1 * 1000 }'
}

measure() {
    local runs="$1" api token rounds
    printf bench-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    export WEBKIT_DISABLE_DMABUF_RENDERER=1 GIGMA_BENCH_MILESTONES=1
    mkdir -p "$bench_dir/logs"

    GIGMA_LOG=warn "$sandbox_binary" >"$bench_dir/logs/sandbox.stdout" 2>"$bench_dir/logs/sandbox.log" &
    # Global, for the trap that runs after this function has returned.
    sandbox_pid=$!
    trap 'kill "$sandbox_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 100); do
        api="$(awk '/^Gigma sandbox at / { print $4 }' "$bench_dir/logs/sandbox.stdout")"
        [[ -n "$api" ]] && break
        sleep 0.05
    done
    [[ -n "$api" ]] || fail "the sandbox did not start; see $bench_dir/logs/sandbox.log"

    "$seed_binary" "$api"
    local profiles="$XDG_DATA_HOME/ru.gigma.profile/profiles"
    [[ -d "$profiles" ]] || fail "bench-seed left no cached profile in $profiles"

    curl -s --fail -H "Token: sandbox-app-token" -H 'Content-Type: application/json' \
        -d '{"phone": "79999999990"}' "$api/counterparty/send_password" >/dev/null
    token="$(curl -s --fail -H "Token: sandbox-app-token" -H 'Content-Type: application/json' \
        -d '{"phone": "79999999990", "password": "1111"}' "$api/counterparty/login" |
        node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () =>
            console.log(JSON.parse(s).counterparty.access_token.value))')"

    # The apps take turns within each round, so load from other jobs on the
    # machine spreads over all of them alike.
    rounds=("warmup" $(seq "$runs"))
    for run in "${rounds[@]}"; do
        echo "  round $run of $runs"
        run_once bare first_paint "$bare_binary"
        run_once cache done "$app_binary"
        rm -rf "$profiles"
        run_once sandbox done "$app_binary"
        run_once demo done "$app_binary" --demo
        if [[ "$run" != warmup ]]; then
            curl_round_trips "$api" "$token" | tail -n +2 | sed 's/^/curl_round_trip_ms /' >>"$samples"
        fi
    done
}

if [[ "${1:-}" == "--measure" ]]; then
    run=""
    measure "$2"
    exit 0
fi

# ---------------------------------------------------------------------------
# The driving part: build, run the measuring part, report.

build=1
write=1
runs=5
if [[ -n "${BENCH_APP_BINARY:-}" ]]; then
    write=0
fi
for argument in "$@"; do
    case "$argument" in
    --no-build) build=0 ;;
    --no-write) write=0 ;;
    -h | --help) usage ;;
    *)
        [[ "$argument" =~ ^[1-9][0-9]*$ ]] || usage
        runs="$argument"
        ;;
    esac
done

missing=()
for tool in xvfb-run:xvfb dbus-run-session:dbus gnome-keyring-daemon:gnome-keyring curl:curl npm:npm node:nodejs; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if ((${#missing[@]} > 0)); then
    fail "missing tools; install them with: sudo apt-get install ${missing[*]}"
fi

# Writes the bare app's sources into $bare_dir. Its Tauri and tauri-build
# versions are pinned to the ones in Cargo.lock, and Cargo.lock is copied so
# every other crate resolves to the same version too.
generate_bare_app() {
    local tauri_version tauri_build_version
    tauri_version="$(awk '/^name = "tauri"$/ { getline; gsub(/[^0-9.]/, ""); print }' "$repo_root/Cargo.lock")"
    tauri_build_version="$(awk '/^name = "tauri-build"$/ { getline; gsub(/[^0-9.]/, ""); print }' "$repo_root/Cargo.lock")"
    [[ -n "$tauri_version" && -n "$tauri_build_version" ]] || fail "no tauri or tauri-build in Cargo.lock"

    rm -rf "$bare_dir"
    mkdir -p "$bare_dir/src" "$bare_dir/dist"
    cp "$repo_root/Cargo.lock" "$bare_dir/Cargo.lock"
    cp -r "$repo_root/icons" "$bare_dir/icons"

    {
        cat <<EOF
# Generated by scripts/bench-app.sh: the baseline the app is compared with.
[package]
name = "bench-bare-app"
version = "0.1.0"
edition = "2021"

[dependencies]
tauri = { version = "=$tauri_version", features = [] }

[build-dependencies]
tauri-build = { version = "=$tauri_build_version", features = [] }

# A workspace of its own, although it sits below the repository's.
[workspace]

EOF
        # The repository's release profile, every [profile.release*] table.
        awk '/^\[/ { copy = ($0 ~ /^\[profile\.release[].]/) } copy' "$repo_root/Cargo.toml"
    } >"$bare_dir/Cargo.toml"

    cat >"$bare_dir/build.rs" <<'EOF'
fn main() {
    tauri_build::build();
}
EOF

    cat >"$bare_dir/src/main.rs" <<'EOF'
//! The baseline for scripts/bench-app.sh: one window, one static page, and
//! the milestone lines the script reads, in the same format as the app's.

use std::time::{SystemTime, UNIX_EPOCH};

fn milestone(name: &str) {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    eprintln!("gigma-bench {name} {}.{:06}", now.as_secs(), now.subsec_micros());
}

#[tauri::command]
async fn bench_milestone(name: String) {
    milestone(&name);
}

fn main() {
    milestone("main");
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![bench_milestone])
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                milestone("page_loaded");
            }
        })
        .setup(|_| {
            milestone("setup_done");
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the bare app failed to start");
}
EOF

    cat >"$bare_dir/dist/index.html" <<'EOF'
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Bare Tauri app</title>
</head>
<body>
  <h1>Bare Tauri app</h1>
  <p>One window, one static page.</p>
  <script>
    // The second animation frame starts after the first one is on screen.
    requestAnimationFrame(() => requestAnimationFrame(() =>
      window.__TAURI_INTERNALS__.invoke("bench_milestone", { name: "first_paint" })));
  </script>
</body>
</html>
EOF

    # The window gets the app's size; the bundle section is copied whole.
    node -e '
        const fs = require("fs");
        const [source, destination] = process.argv.slice(1);
        const app = JSON.parse(fs.readFileSync(source, "utf8"));
        const window = app.app.windows[0];
        const bare = {
            productName: "Bare Tauri App",
            mainBinaryName: "bench-bare-app",
            identifier: "ru.gigma.benchbare",
            build: { frontendDist: "dist" },
            app: {
                windows: [{ title: "Bare Tauri app", width: window.width, height: window.height }],
                security: { csp: null },
            },
            bundle: app.bundle,
        };
        fs.writeFileSync(destination, JSON.stringify(bare, null, 2) + "\n");
    ' "$repo_root/tauri.conf.json" "$bare_dir/tauri.conf.json"
}

if ((build)); then
    # The CLI version pinned in package-lock.json, as `cargo xtask deb` uses.
    if ! (cd "$repo_root" && npm ls --silent @tauri-apps/cli >/dev/null 2>&1); then
        echo "Installing the Tauri CLI from package-lock.json (npm ci) ..."
        (cd "$repo_root" && npm ci --no-audit --no-fund)
    fi
    generate_bare_app

    echo "Building Gigma Profile and its .deb (release; 8+ minutes on 2 cores the first time) ..."
    (cd "$repo_root" && "$cli" build --ci --bundles deb)
    echo "Building the bare app and its .deb against the same target folder ..."
    (cd "$bare_dir" && CARGO_TARGET_DIR="$target_dir" "$cli" build --ci --bundles deb)
    echo "Building the sandbox (release) and bench-seed ..."
    (cd "$repo_root" && cargo build --quiet --release -p gigma-sandbox)
    (cd "$repo_root" && cargo build --quiet --example bench-seed)
fi

for file in "$app_binary" "$bare_binary" "$sandbox_binary" "$seed_binary"; do
    [[ -x "$file" ]] || fail "$file is missing; run without --no-build"
done

# Prints the newest .deb whose name starts with $1.
newest_deb() {
    ls -t "$target_dir/release/bundle/deb/$1"_*.deb 2>/dev/null | head -n 1
}
app_deb="$(newest_deb "Gigma Profile")"
bare_deb="$(newest_deb "Bare Tauri App")"
[[ -n "$app_deb" && -n "$bare_deb" ]] || fail "a .deb is missing in $target_dir/release/bundle/deb; run without --no-build"

home="$bench_dir/home"
rm -rf "$home" "$bench_dir/logs" "$samples"
mkdir -p "$home"
load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"

echo "Measuring $runs rounds (plus one warm-up) under Xvfb ..."
# xvfb-run gives a virtual screen, dbus-run-session a session bus with a
# Secret Service of its own, and HOME a throwaway folder, as in the e2e test.
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache" \
    xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
    dbus-run-session -- bash "${BASH_SOURCE[0]}" --measure "$runs"
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------
# Report.

bare_paint="$(sample_median bare_first_paint)"
app_paint="$(sample_median cache_first_paint)"
cache_card="$(sample_median cache_card_shown)"
sandbox_card="$(sample_median sandbox_card_shown)"
demo_card="$(sample_median demo_card_shown)"
bare_pss="$(sample_median bare_pss_kib)"
bare_rss="$(sample_median bare_rss_kib)"
app_pss="$(sample_median cache_pss_kib)"
app_rss="$(sample_median cache_rss_kib)"
demo_pss="$(sample_median demo_pss_kib)"
app_trip="$(sample_median cache_round_trip_ms)"
curl_trip="$(sample_median curl_round_trip_ms)"
app_bin_size="$(stat -c %s "$app_binary")"
bare_bin_size="$(stat -c %s "$bare_binary")"
app_deb_size="$(stat -c %s "$app_deb")"
bare_deb_size="$(stat -c %s "$bare_deb")"

verdict() {
    awk -v value="$1" -v limit="$2" 'BEGIN { print (value <= limit) ? "met" : "NOT met" }'
}
trip_extra="$(awk -v a="$app_trip" -v b="$curl_trip" 'BEGIN { printf "%.2f", a - b }')"

report="$bench_dir/report.md"
{
    echo "Command: \`scripts/bench-app.sh $runs\` ($runs rounds after one warm-up round; medians)."
    echo
    echo "Machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB," \
        "$(. /etc/os-release && echo "$PRETTY_NAME"), $(rustc --version | cut -d ' ' -f 1-2)," \
        "WebKitGTK $(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)," \
        "Tauri $(awk '/^name = "tauri"$/ { getline; gsub(/[^0-9.]/, ""); print }' "$repo_root/Cargo.lock")," \
        "Xvfb, WEBKIT_DISABLE_DMABUF_RENDERER=1 for both apps." \
        "Load average $load_before before and $load_after after."
    echo
    echo "Date: $(date -u +%Y-%m-%d)."
    echo
    echo "| measure | bare app | Gigma Profile | ratio | target |"
    echo "|---|---:|---:|---:|---|"
    echo "| start to first paint (ms) | $bare_paint | $app_paint | $(ratio "$app_paint" "$bare_paint") |" \
        "≤ 1.2×: $(verdict "$(ratio "$app_paint" "$bare_paint")" 1.2) |"
    echo "| start to card painted, from the cache (ms) | $bare_paint | $cache_card | $(ratio "$cache_card" "$bare_paint") |" \
        "≤ 1.2×: $(verdict "$(ratio "$cache_card" "$bare_paint")" 1.2) |"
    echo "| start to card painted, from the sandbox (ms) | $bare_paint | $sandbox_card | $(ratio "$sandbox_card" "$bare_paint") | |"
    echo "| start to card painted, demo mode (ms) | $bare_paint | $demo_card | $(ratio "$demo_card" "$bare_paint") | |"
    echo "| PSS, app + WebKit processes (MiB) | $(mib "$bare_pss") | $(mib "$app_pss") | $(ratio "$app_pss" "$bare_pss") |" \
        "≤ 1.2×: $(verdict "$(ratio "$app_pss" "$bare_pss")" 1.2) |"
    echo "| RSS, app + WebKit processes (MiB) | $(mib "$bare_rss") | $(mib "$app_rss") | $(ratio "$app_rss" "$bare_rss") | |"
    echo "| PSS in demo mode (MiB) | $(mib "$bare_pss") | $(mib "$demo_pss") | $(ratio "$demo_pss" "$bare_pss") | |"
    echo "| release binary (MiB) | $(mib $((bare_bin_size / 1024))) | $(mib $((app_bin_size / 1024))) | $(ratio "$app_bin_size" "$bare_bin_size") | |"
    echo "| .deb (MiB) | $(mib $((bare_deb_size / 1024))) | $(mib $((app_deb_size / 1024))) | $(ratio "$app_deb_size" "$bare_deb_size") |" \
        "≤ 1.3×: $(verdict "$(ratio "$app_deb_size" "$bare_deb_size")" 1.3) |"
    echo
    echo "| round trip of load_counterparty (ms) | curl | Gigma Profile | difference | target |"
    echo "|---|---:|---:|---:|---|"
    echo "| warm connection, $((runs * (round_trips - 1))) curl and $((runs * round_trips)) app samples | $curl_trip | $app_trip | +$trip_extra |" \
        "≤ curl + 5 ms: $(verdict "$trip_extra" 5) |"
    echo
    echo "Milestones inside the app (median ms from process start):"
    echo
    echo "| milestone | bare app | from the cache | from the sandbox | demo mode |"
    echo "|---|---:|---:|---:|---:|"
    for name in "${milestones[@]}"; do
        echo "| $name | $(sample_median "bare_$name") | $(sample_median "cache_$name") |" \
            "$(sample_median "sandbox_$name") | $(sample_median "demo_$name") |"
    done
} >"$report"

echo
cat "$report"

if ((write)); then
    begin="<!-- bench-app: begin, written by scripts/bench-app.sh -->"
    end="<!-- bench-app: end -->"
    benchmarks="$repo_root/BENCHMARKS.md"
    if ! grep -qF "$begin" "$benchmarks"; then
        printf '\n## App against a bare Tauri app\n\n%s\n%s\n' "$begin" "$end" >>"$benchmarks"
    fi
    awk -v begin="$begin" -v end="$end" -v report="$report" '
        $0 == begin { print; while ((getline line < report) > 0) print line; skip = 1; next }
        $0 == end { skip = 0 }
        !skip' "$benchmarks" >"$benchmarks.tmp"
    mv "$benchmarks.tmp" "$benchmarks"
    echo
    echo "Updated $benchmarks."
fi
