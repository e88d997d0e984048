#!/usr/bin/env bash
# `koseizu report` end to end on the report bench's hospital (5,000 devices,
# 40 segments, 20 external connections, one scan): the release binary's wall
# time and peak memory over 7 runs, and the report's size (issue 11: <= 1 s,
# <= 5 MB).
#
# Needs: GNU time (apt-get install -y time).
# Usage: benches/report_end_to_end.sh        (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin koseizu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
KOSEIZU_BENCH_WRITE_SITE="$work/site" cargo bench --quiet --bench report >/dev/null
for i in 1 2 3 4 5 6 7; do
    /usr/bin/time -f "run $i: %e s wall, %M KB peak" \
        target/release/koseizu report "$work/site" -o "$work/report-$i.html" >/dev/null
done
echo "report size: $(stat -c %s "$work/report-1.html") bytes"
