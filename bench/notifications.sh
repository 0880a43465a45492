#!/usr/bin/env bash
# Observation load benchmark against the minimal responder, which observes /3303/0/5700 on every
# device that registers and counts the notifications (responder.json). Three parts, one line each:
#   unobserved  the same fleet, nobody observes: the heap per device without observations
#   observed    every device observed, values stepping every 10 s: DEVICES/10 notifications/s
#   step        the observed fleet at higher rates (RATES, notifications/s), to see which side's
#               CPU saturates first: the simulator's (vert.x-eventloop-*) or the responder's
# Columns: sent/s and recv/s over the whole run (registration ramp and the De-registers after the
# run's time included); per_step: the notifications sent per registered device and value step up
# to the run's end (sent / the sum over the timeline's periods of registered devices x period /
# step; 1.00 when every step was notified, less when late timers merged steps; the devices'
# first, partial interval after registering counts against it); steady/s: datagrams the devices
# sent per second from one step after all were registered to the run's end; threads min-max over the
# timeline's periods, heap after a forced GC per registered device, CPU seconds of each side as a
# share of the wall time of one core; load: the machine's 1-minute load average at the end.
# DURATION is the observed run's length; the unobserved run and each step run last SHORT seconds.
# REPORT_ONLY=1 prints the table again from the results directories of an earlier run; PARTS
# (default "unobserved observed step") runs only some parts, e.g. PARTS=step RATES="20000 40000".
#   bench/notifications.sh                          # 10,000 devices, 300 s observed, steps of 60 s
#   DEVICES=1000 DURATION=60 SHORT=30 RATES="1000 2000" bench/notifications.sh   # a quick look
# Runs a private copy of the built jar, so a rebuild during the benchmark cannot disturb it.
# Needs python3 (to read summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
devices="${DEVICES:-10000}"
seconds="${DURATION:-300}"
short="${SHORT:-60}"
rates="${RATES:-2000 5000 10000}"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -z "${REPORT_ONLY:-}" ]]; then
  source bench/private-jar.sh   # builds on first use; sets copy
else
  copy="$(mktemp -d)"; trap 'rm -rf "$copy"' EXIT   # only the scenario texts go here
fi
printf '%-10s %7s %7s %8s %8s %8s %8s %8s %8s %8s %9s %7s %7s %5s %s\n' mode devices rate_set sent_per_s \
    recv_per_s per_step steady/s lost threads heap_mb b_per_dev sim_cpu srv_cpu load busiest
run() {  # mode, seconds between value steps, observe path or "", rate set, seconds to run
  local mode="$1" step="$2" observe="$3" rate_set="$4" duration="$5"
  local scenario="$copy/$mode.yaml" out="results/bench-notif-$mode-$devices"
  sed "s/^durationSeconds: .*/durationSeconds: $duration/; s/changeEverySeconds: [0-9.]*/changeEverySeconds: $step/" \
      bench/notifications.yaml > "$scenario"
  if [[ -z "${REPORT_ONLY:-}" ]]; then
    rm -rf "$out"
    local args=(run "$scenario" --devices "$devices" --server minimal --out "$out" --quiet --measure-heap)
    [[ -n "$observe" ]] && args+=(--observe "$observe")
    java -Xms256m -jar "$copy/fleetsim.jar" "${args[@]}" >/dev/null 2>"$out.log" || true
    cut -d' ' -f1 /proc/loadavg > "$out.load"
  fi
  if [[ ! -f "$out/summary.json" ]]; then echo "$mode $devices: no summary, see $out.log"; return; fi
  python3 - "$out" "$mode" "$devices" "$rate_set" "$step" "$duration" <<'PY'
import csv, json, os, sys
out, mode, n, rate_set, step, duration = sys.argv[1:]
step, duration = float(step), float(duration)
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
# device-steps observed: registered devices x time / step, period by period (registered at the period's end)
observed, prev = 0.0, 0.0
for x in rows:
    t = min(float(x["t"]), duration); observed += int(x["registered"]) * max(0.0, t - prev) / step; prev = t
per_step = f'{sent / observed:.2f}' if mode != "unobserved" and observed else "-"
done = s["devices"].get("allRegisteredAtSeconds") or secs
steady = [(float(a["t"]), float(b["t"]), int(b["sent"])) for a, b in zip(rows, rows[1:])
          if float(a["t"]) >= done + step and float(b["t"]) <= duration]
steady_rate = f'{sum(x[2] for x in steady) / sum(x[1] - x[0] for x in steady):.0f}' if steady else "-"
load = open(out + ".load").read().strip() if os.path.exists(out + ".load") else "-"
print(f'{mode:<10} {n:>7} {rate_set:>7} {sent / secs:>8.0f} {recv / secs:>8.0f} {per_step:>8} {steady_rate:>8} '
      f'{nt.get("lost", 0) if nt else 0:>8} '
      f'{(str(min(threads)) + "-" + str(max(threads))) if threads else "-":>8} {p["heapAfterGcMb"]:>8.1f} '
      f'{p["heapAfterGcMb"] * 1048576 / reg:>9.0f} {100 * c["seconds"]["simulator"] / wall:>6.0f}% '
      f'{100 * c["seconds"]["server"] / wall:>6.0f}% {load:>5} {busiest["name"]} {busiest["seconds"]:.1f}s/{wall:.0f}s')
PY
}
parts="${PARTS:-unobserved observed step}"
[[ " $parts " == *" unobserved "* ]] && run unobserved 10 "" 0 "$short"
[[ " $parts " == *" observed "* ]] && run observed 10 /3303/0/5700 "$((devices / 10))" "$seconds"
if [[ " $parts " == *" step "* ]]; then
  for rate in $rates; do
    step=$(python3 -c "print(round($devices / $rate, 3))")
    run "step-$rate" "$step" /3303/0/5700 "$rate" "$short"
  done
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1), load average ${REPORT_ONLY:+now }before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
