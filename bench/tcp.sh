#!/usr/bin/env bash
# TCP and TLS benchmark: connects (and, for tls, TLS handshakes) + registrations per second, threads
# and RSS, for each transport and fleet size, against the embedded java-coap TCP/TLS endpoints in
# the same process (so the figures hold both ends). Results stay in results/bench-tcp-*.
#   bench/tcp.sh                 # 1,000 and 5,000 devices
#   bench/tcp.sh 2000            # other sizes
# Needs python3 (to read summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 5000)
./fleetsim --version >/dev/null   # builds on first use
sed 's/^  transport: tcp$/  transport: tls/; s/^name: bench-tcp$/name: bench-tls/' bench/tcp.yaml > results/bench-tls.yaml
printf '%-5s %-8s %10s %10s %12s %8s %8s %9s %9s %8s\n' proto devices registered all_reg_s connect_per_s threads rss_mb heap_mb pings reconn
for n in "${sizes[@]}"; do
  for proto in tcp tls; do
    file=bench/tcp.yaml; [[ $proto == tls ]] && file=results/bench-tls.yaml
    out="results/bench-tcp-$proto-$n"
    rm -rf "$out"
    ./fleetsim run "$file" --devices "$n" --out "$out" --quiet --measure-heap >/dev/null 2>"$out.log" || true
    if [[ ! -f "$out/summary.json" ]]; then echo "$proto $n: no summary, see $out.log"; continue; fi
    python3 - "$out/summary.json" "$proto" "$n" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
d, p, k, r = s["devices"], s["process"], s["keepalive"], s["reconnect"]
at = d.get("allRegisteredAtSeconds")
# not all registered within the run: registrations per simulated second of the run, a lower bound
rate = (d["registered"] / at) if at else d["registered"] / s["durationSeconds"]["simulated"]
print(f'{sys.argv[2]:<5} {sys.argv[3]:<8} {d["registered"]:>10} {at if at is not None else "-":>10} {rate:>12.0f} '
      f'{p["peakThreads"]:>8} {p["peakRssMb"]:>8.0f} {p["heapAfterGcMb"]:>9.1f} {k["pings"]:>9} {r["count"]:>8}')
PY
  done
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
