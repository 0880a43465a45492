#!/usr/bin/env bash
# Registration storm benchmark: the same fleet against the embedded Leshan server and against the
# minimal in-process responder (which separates the simulator's own cost from the server's), side
# by side in one run. Prints one line per run; results stay in results/bench-*.
#   bench/run.sh                      # 1,000 and 10,000 devices at 5,000 starts/s
#   RATE=10000 bench/run.sh 15000     # other sizes and arrival rates
# Runs a private copy of the built jar, so a rebuild during the benchmark cannot disturb it.
# Needs python3 (to read summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
rate="${RATE:-5000}"
source bench/private-jar.sh   # builds on first use; sets copy
scenario="$copy/storm.yaml"
sed "s/^  rate: .*/  rate: $rate/" bench/registration-storm.yaml > "$scenario"
printf '%-8s %7s %6s %10s %10s %9s %9s %9s %8s %7s %8s %10s %8s\n' \
    server devices rate registered all_reg_s reg_per_s peak_per_s best3s_per_s threads rss_mb heap_mb kb_per_dev retrans
for n in "${sizes[@]}"; do
  for server in minimal leshan; do
    out="results/bench-$server-$n"
    rm -rf "$out"
    java -Xms256m -jar "$copy/fleetsim.jar" run "$scenario" --devices "$n" --server "$server" --out "$out" \
        --quiet --measure-heap >/dev/null 2>"$out.log" || true
    if [[ ! -f "$out/summary.json" ]]; then echo "$server $n: no summary, see $out.log"; continue; fi
    python3 - "$out/summary.json" "$server" "$n" "$rate" <<'PY'
import json, os, sys
sys.path.insert(0, "bench")
from timeline_rates import best3 as best3_of, peak as peak_of, rows as timeline
s = json.load(open(sys.argv[1]))
rows = timeline(os.path.dirname(sys.argv[1]))
peak = peak_of(rows)    # the busiest reporting period, in registrations per simulated second
best3 = best3_of(rows)  # the busiest three consecutive periods: a rate the JIT's warm-up does not decide alone
d, p = s["devices"], s["process"]
at = d.get("allRegisteredAtSeconds")
rate = (d["registered"] / at) if at else float("nan")
kb = p["heapAfterGcMb"] * 1024 / max(1, d["registeredAtEnd"])
print(f'{sys.argv[2]:<8} {sys.argv[3]:>7} {sys.argv[4]:>6} {d["registered"]:>10} {at if at is not None else "-":>10} '
      f'{rate:>9.0f} {peak:>9.0f} {best3:>9.0f} {p["peakThreads"]:>8} {p["peakRssMb"]:>7.0f} {p["heapAfterGcMb"]:>8.1f} {kb:>10.1f} '
      f'{s["retransmissions"]:>8}')
PY
  done
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
