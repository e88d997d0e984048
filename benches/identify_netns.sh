#!/usr/bin/env bash
# Issue 13's speed bench: what identifying 20 perimeter devices adds to a
# scan under the default caps (1,000 pps, 20 pps per host). The LAN is the
# tests' own namespace testbed (tests/testbed: 198.18.0.0/24 inside,
# 198.19.0.0/16 as "outside", no link to this machine's interfaces): 20
# routers, each running `openssl s_server -www` (self-signed certificate)
# on 443 and OpenSSH's sshd on 22. The test scans the LAN twice
# (`--identify none`, then with identification), counts every frame on the
# scanner's switch port (per-host cap, destination ports) and prints the
# figure for BENCHMARKS.md; the namespaces are deleted when it ends.
#
#   sudo benches/identify_netns.sh          # RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
if [ "$(id -u)" != 0 ]; then
    echo "identify_netns.sh: needs root (network namespaces)" >&2
    exit 2
fi
for tool in openssl sshd tcpdump; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
        echo "identify_netns.sh: $tool is not installed" >&2
        exit 2
    }
done
for run in $(seq 1 "$RUNS"); do
    echo "run $run:"
    CI=1 cargo test -q --test identify_netns twenty -- --nocapture 2>&1 \
        | grep -E "perimeter devices|test result|panicked"
done
