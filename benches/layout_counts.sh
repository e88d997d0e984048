#!/usr/bin/env bash
# Readability of the diagram (issue 15): for each site, koseizu's crossing
# pairs and links drawn through a box, beside Graphviz dot's on koseizu's own
# DOT of the same diagram, with the link counts (equal: nothing dropped) and
# the wall time of the whole `koseizu map` run.
#
# Sites: the bundled sample (data/), the golden synthetic site, the map
# bench's 40-segment 5,000-device hospital and a 100,000-device, 200-segment
# one (both written by benches/map.rs from koseizu::synth).
#
# Needs: graphviz, python3 (apt-get install -y graphviz).
# Usage: benches/layout_counts.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin koseizu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
KOSEIZU_BENCH_WRITE_SITE="$work/big" cargo bench --quiet --bench map >/dev/null
KOSEIZU_BENCH_WRITE_HUGE_SITE="$work/huge" cargo bench --quiet --bench map >/dev/null
bin=target/release/koseizu

printf '%-8s %-40s %s\n' site "koseizu (links, crossing pairs, through boxes)" "time"
for s in sample:data synth:tests/golden/synth-site big:"$work/big" huge:"$work/huge"; do
    name=${s%%:*}
    dir=${s#*:}
    start=$(date +%s.%N)
    "$bin" map "$dir" --no-scans -o "$work/$name.svg" >/dev/null 2>&1
    end=$(date +%s.%N)
    "$bin" map "$dir" --no-scans --format dot -o "$work/$name.dot" >/dev/null 2>&1
    dot -Tjson "$work/$name.dot" >"$work/$name.json"
    echo "== $name ($(echo "$end - $start" | bc -l | cut -c1-5) s for koseizu map)"
    python3 benches/crossings.py "$work/$name.svg" "$work/$name.json"
done
