#!/usr/bin/env bash
# `koseizu listen` against a steady frame rate (issue 9: 100,000 frames per
# second with no kernel drops). Two namespaces of this script's own joined
# by a veth (k9bench-tx: v0, k9bench-rx: v1), no addresses and no route to
# anything else; tcpreplay sends the bench capture into v0, listen reads v1.
# Frames seen and kernel drops come from the snapshot's limitations.
#
# Needs root, tcpreplay and python3 (apt-get install -y tcpreplay).
# Usage: benches/listen_rate.sh [PPS] [FRAMES]   (default 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
pps=${1:-100000}
frames=${2:-1000000}

cargo build --release --quiet --bin koseizu
work=$(mktemp -d)
cleanup() {
    ip netns del k9bench-tx 2>/dev/null || true
    ip netns del k9bench-rx 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
python3 scripts/gen-bench-pcap.py "$work/bench.pcap" 300000000 >/dev/null
ip netns add k9bench-tx
ip netns add k9bench-rx
ip link add v0 netns k9bench-tx type veth peer name v1 netns k9bench-rx
ip -n k9bench-tx link set v0 up
ip -n k9bench-rx link set v1 up
seconds=$(( frames / pps + 6 ))
ip netns exec k9bench-rx target/release/koseizu listen --iface v1 \
    --duration "${seconds}s" -q -o "$work/out.json" &
listener=$!
sleep 2
ip netns exec k9bench-tx tcpreplay -q -K -i v0 --pps="$pps" -L "$frames" \
    --loop=0 "$work/bench.pcap" 2>&1 | grep -E "Rated|Actual" || true
wait "$listener"
echo "load average: $(cut -d' ' -f1 /proc/loadavg)"
python3 - "$work/out.json" <<'PY'
import json, sys
snap = json.load(open(sys.argv[1]))
for line in snap.get("limitations", []):
    if "frames" in line or "dropped" in line:
        print(line)
PY
