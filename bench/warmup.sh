#!/usr/bin/env bash
# JIT warm-up benchmark: in one script run, the same registration storm (bench/warmup.yaml,
# 3,000 devices arriving at once, udp and a tcp copy) in a fresh JVM each, with `--warmup off`
# and with `--warmup SECONDS`, side by side: devices registered by 2, 4 and 8 s of the run
# clock, when all had registered, and what the warm-up itself did (summary.json: warmup).
#   bench/warmup.sh              # 3,000 devices, warm-up 3 s
#   bench/warmup.sh 5000 5       # other fleet size and warm-up seconds
# Results stay in results/bench-warmup-*. Needs python3 (to read summary.json and timeline.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
devices="${1:-3000}"
warm="${2:-3}"
./fleetsim --version >/dev/null   # builds the jar on first use
sed 's/^  transport: udp$/  transport: tcp/; s/^name: bench-warmup-udp$/name: bench-warmup-tcp/' bench/warmup.yaml \
    > results/bench-warmup-tcp.yaml
printf '%-9s %-7s %9s %9s %9s %10s %9s %11s\n' transport warmup 'reg by 2s' 'reg by 4s' 'reg by 8s' \
    all_reg_s warmup_s warmup_ops
for transport in udp tcp; do
  file=bench/warmup.yaml
  [[ $transport == tcp ]] && file=results/bench-warmup-tcp.yaml
  for w in off "$warm"; do
    out="results/bench-warmup-$transport-$w"
    rm -rf "$out"
    ./fleetsim run "$file" --devices "$devices" --warmup "$w" --out "$out" --quiet >/dev/null 2>"$out.log" || true
    if [[ ! -f "$out/summary.json" ]]; then echo "$transport $w: no summary, see $out.log"; continue; fi
    python3 - "$out" "$transport" "$w" <<'PY'
import csv, json, os, sys
out, transport, w = sys.argv[1:4]
s = json.load(open(os.path.join(out, "summary.json")))
rows = list(csv.DictReader(open(os.path.join(out, "timeline.csv"))))
# devices registered by simulated second x, interpolated between the timeline's rows (a busy
# machine stretches its reporting periods)
points = [(0.0, 0.0)]
for r in rows:
    points.append((float(r["t"]), points[-1][1] + float(r["registrations"])))
def by(x):
    for (t0, n0), (t1, n1) in zip(points, points[1:]):
        if t1 >= x:
            return n0 + (n1 - n0) * (x - t0) / (t1 - t0) if t1 > t0 else n1
    return points[-1][1]
at = s["devices"].get("allRegisteredAtSeconds")
wu = s.get("warmup", {})
print("%-9s %-7s %9d %9d %9d %10s %9s %11s" % (transport, w, by(2), by(4), by(8),
      "-" if at is None else "%.2f" % at, wu.get("seconds", "-"), wu.get("operations", "-")))
PY
  done
done
