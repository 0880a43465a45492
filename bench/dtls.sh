#!/usr/bin/env bash
# DTLS handshake storm: DTLS-PSK and DTLS-ECDHE-ECDSA (x509) fleets against the embedded Leshan
# server (CoAPS endpoint), at each size. Prints handshakes per second (successful handshakes over
# the time until every device had registered), handshake p50/p99, peak threads and RSS of the
# process (simulator and embedded server together). Results stay in results/bench-dtls-*.
#   bench/dtls.sh                # 1,000 and 5,000 devices
#   bench/dtls.sh 2000           # other sizes
# Needs python3 (to read summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 5000)
./fleetsim --version >/dev/null   # builds on first use
printf '%-6s %-8s %10s %10s %10s %9s %9s %8s %8s %9s\n' mode devices handshakes failures all_reg_s hs_per_s hs_p50_ms hs_p99_ms threads rss_mb
for n in "${sizes[@]}"; do
  for mode in psk x509; do
    scenario=bench/dtls.yaml; [[ $mode == x509 ]] && scenario=bench/dtls-x509.yaml
    out="results/bench-dtls-$mode-$n"
    rm -rf "$out"
    ./fleetsim run "$scenario" --devices "$n" --out "$out" --quiet >/dev/null 2>"$out.log" || true
    if [[ ! -f "$out/summary.json" ]]; then echo "$mode $n: no summary, see $out.log"; continue; fi
    python3 - "$out/summary.json" "$mode" "$n" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
d, p, h = s["devices"], s["process"], s["handshake"]
at = d.get("allRegisteredAtSeconds")
rate = (h["successes"] / at) if at else float("nan")
lat = h["latencyMs"]
print(f'{sys.argv[2]:<6} {sys.argv[3]:<8} {h["successes"]:>10} {h["failureCount"]:>10} {at if at is not None else "-":>10} '
      f'{rate:>9.0f} {lat["p50"] or 0:>9.1f} {lat["p99"] or 0:>8.1f} {p["peakThreads"]:>8} {p["peakRssMb"]:>9.0f}')
PY
  done
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
