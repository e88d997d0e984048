#!/usr/bin/env bash
# Times `koseizu map` (release) against Graphviz `dot -Tsvg` on the same
# diagram (koseizu's own DOT output), with peak memory, on the benchmark's
# large hospital: 5,000 devices, 40 segments, 20 external connections.
#
# Needs: graphviz and GNU time (apt-get install -y graphviz time).
# Usage: benches/map_vs_dot.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin koseizu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site="$work/site"
# The bench harness writes its site folder when asked (see benches/map.rs).
KOSEIZU_BENCH_WRITE_SITE="$site" cargo bench --quiet --bench map >/dev/null
bin=target/release/koseizu

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
    printf '%-28s wall %s   peak RSS %6.1f MB\n' "$label" "$wall" "$(echo "$rss / 1024" | bc -l)"
}

echo "site: $(($(wc -l <"$site/devices.csv") - 1)) devices, $(($(wc -l <"$site/segments.csv") - 1)) segments"
measure "koseizu map --format svg" "$bin" map "$site" --no-scans -o "$work/diagram.svg"
measure "koseizu map --format dot" "$bin" map "$site" --no-scans --format dot -o "$work/diagram.dot"
measure "dot -Tsvg (same diagram)" dot -Tsvg "$work/diagram.dot" -o "$work/dot.svg"
ls -l "$work/diagram.svg" "$work/dot.svg" | awk '{printf "%-40s %8d bytes\n", $NF, $5}'
