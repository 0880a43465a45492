#!/usr/bin/env bash
# Observation load benchmark against the minimal responder, which observes /3303/0/5700 on every
# device that registers and counts the notifications (responder.json). Three parts, one line each:
#   unobserved  the same fleet, nobody observes: the heap per device without observations
#   observed    every device observed, values stepping every 10 s: DEVICES/10 notifications/s
#   step        the observed fleet at higher rates (RATES, notifications/s), to see which side's
#               CPU saturates first: the simulator's (vert.x-eventloop-*) or the responder's
# Columns: sent/s and recv/s over the whole run (the registration ramp included), threads min-max
# over the timeline's periods, heap after a forced GC per registered device, CPU seconds of each
# side as a share of the wall time of one core.
#   bench/notifications.sh                                  # 10,000 devices, 300 s, 1000 2000 5000 /s
#   DEVICES=1000 DURATION=60 RATES="1000 2000" bench/notifications.sh   # a quick look
# Runs a private copy of the built jar, so a rebuild during the benchmark cannot disturb it.
# Needs python3 (to read summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
devices="${DEVICES:-10000}"
seconds="${DURATION:-300}"
rates="${RATES:-1000 2000 5000}"
source bench/private-jar.sh   # builds on first use; sets copy
printf '%-10s %7s %7s %8s %8s %8s %8s %8s %9s %7s %7s %s\n' \
    mode devices rate_set sent_per_s recv_per_s lost threads heap_mb b_per_dev sim_cpu srv_cpu busiest
run() {  # mode, seconds between value steps, observe path or ""
  local mode="$1" step="$2" observe="$3" rate_set="$4"
  local scenario="$copy/$mode.yaml" out="results/bench-notif-$mode-$devices"
  sed "s/^durationSeconds: .*/durationSeconds: $seconds/; s/changeEverySeconds: [0-9.]*/changeEverySeconds: $step/" \
      bench/notifications.yaml > "$scenario"
  rm -rf "$out"
  local args=(run "$scenario" --devices "$devices" --server minimal --out "$out" --quiet --measure-heap)
  [[ -n "$observe" ]] && args+=(--observe "$observe")
  java -Xms256m -jar "$copy/fleetsim.jar" "${args[@]}" >/dev/null 2>"$out.log" || true
  if [[ ! -f "$out/summary.json" ]]; then echo "$mode $devices: no summary, see $out.log"; return; fi
  python3 - "$out" "$mode" "$devices" "$rate_set" <<'PY'
import csv, json, os, sys
out, mode, n, rate_set = sys.argv[1:]
s = json.load(open(os.path.join(out, "summary.json")))
r = json.load(open(os.path.join(out, "responder.json"))) if os.path.exists(os.path.join(out, "responder.json")) else None
rows = list(csv.DictReader(open(os.path.join(out, "timeline.csv"))))
threads = [int(x["threads"]) for x in rows if x.get("threads")]
secs = s["durationSeconds"]["simulated"]
nt = s.get("notifications", {})
sent = sum(nt.get("sent", {}).values()) if nt else 0
recv = (r["notifications"]["CON"] + r["notifications"]["NON"]) if r else 0
p, c = s["process"], s["cpu"]
reg = max(1, s["devices"]["registeredAtEnd"])
wall = c["wallSeconds"]
busiest = c["busiestThreads"][0] if c["busiestThreads"] else {"name": "-", "seconds": 0}
print(f'{mode:<10} {n:>7} {rate_set:>7} {sent / secs:>8.0f} {recv / secs:>8.0f} {nt.get("lost", 0) if nt else 0:>8} '
      f'{(str(min(threads)) + "-" + str(max(threads))) if threads else "-":>8} {p["heapAfterGcMb"]:>8.1f} '
      f'{p["heapAfterGcMb"] * 1048576 / reg:>9.0f} {100 * c["seconds"]["simulator"] / wall:>6.0f}% '
      f'{100 * c["seconds"]["server"] / wall:>6.0f}% {busiest["name"]} {busiest["seconds"]:.1f}s/{wall:.0f}s')
PY
}
run unobserved 10 "" 0
run observed 10 /3303/0/5700 "$((devices / 10))"
for rate in $rates; do
  step=$(python3 -c "print(round($devices / $rate, 3))")
  run "step-$rate" "$step" /3303/0/5700 "$rate"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
