#!/usr/bin/env bash
# Sustained registration rate over CoAP/UDP: bench/udp-sustained.yaml (devices arriving at
# 10,000/s, then three overlapping reconnect storms that keep registrations coming for ~5 s more),
# against the minimal responder and/or Leshan; prints the best three seconds of timeline.csv with
# the busiest period, the registrations in all, the devices' session resets, retransmissions and
# the summary's cpu block. Results stay in results/bench-sustained-*.
#   bench/udp-sustained.sh                      # 19,000 devices against the minimal responder
#   SERVERS="minimal leshan" bench/udp-sustained.sh 19000 "off 3"   # other servers, --warmup values
#   JAVA_OPTS="-Xms2g" bench/udp-sustained.sh                       # JVM options (default -Xms256m)
# Runs a private copy of the built jar, so a rebuild during the benchmark cannot disturb it.
# Needs python3 (to read summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
devices="${1:-19000}"
warmups="${2:-off}"
servers="${SERVERS:-minimal}"
source bench/private-jar.sh   # builds on first use; sets copy
printf '%-8s %-6s %7s %10s %9s %13s %9s %9s %9s %8s  %s\n' server warmup devices registered all_reg_s registrations resets peak_per_s best3s_per_s retrans \
    'cpu s: simulator / server / jit / gc / other (wall s x cores); busiest threads'
for server in $servers; do
  for w in $warmups; do
    out="results/bench-sustained-$server-$devices-warmup-$w"
    rm -rf "$out"
    java ${JAVA_OPTS:--Xms256m} -jar "$copy/fleetsim.jar" run bench/udp-sustained.yaml --devices "$devices" --server "$server" \
        --warmup "$w" --out "$out" --quiet >/dev/null 2>"$out.log" || true
    if [[ ! -f "$out/summary.json" ]]; then echo "$server $devices: no summary, see $out.log"; continue; fi
    python3 - "$out/summary.json" "$server" "$devices" "$w" <<'PY'
import json, os, sys
sys.path.insert(0, "bench")
from timeline_rates import best3, peak, rows
s = json.load(open(sys.argv[1]))
r = rows(os.path.dirname(sys.argv[1]))
d = s["devices"]
at = d.get("allRegisteredAtSeconds")
c = s.get("cpu") or {}
sec = c.get("seconds") or {}
cpu = (f'{sec.get("simulator", 0):.1f} / {sec.get("server", 0):.1f} / {sec.get("jit", 0):.1f} / '
       f'{sec.get("gc", 0):.1f} / {sec.get("other", 0):.1f} ({c.get("wallSeconds", 0):.1f} x {c.get("cores", 0)}); '
       + ", ".join(f'{t["name"]} {t["seconds"]:.1f}' for t in c.get("busiestThreads", [])[:4])) if c else "-"
print(f'{sys.argv[2]:<8} {sys.argv[4]:<6} {sys.argv[3]:>7} {d["registered"]:>10} {at if at is not None else "-":>9} '
      f'{s["registration"]["successes"]:>13} {d.get("sessionResets", 0):>9} {peak(r):>9.0f} {best3(r):>9.0f} '
      f'{s["retransmissions"]:>8}  {cpu}')
PY
  done
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"
