#!/usr/bin/env bash
# Cluster scale-out benchmark: a UDP fleet of growing size (default 20,000, 50,000, 100,000 devices)
# run by local agents (`fleetsim agent`, one process per PER_AGENT devices at most) under one
# coordinator (`fleetsim run --cluster`) that holds the embedded server. Per step: devices
# registered, time until all had registered, registrations/s, and per process (coordinator and
# each agent) peak RSS, threads, heap after a full GC; heap per device over the agents.
#   bench/scale.sh                                  # 20000 50000 100000
#   PER_AGENT=2000 DURATION=30 bench/scale.sh 2000 5000   # a small check of the script itself
# Environment: PER_AGENT (18000: under the open-files limit of 20,000 per process), SERVER
# (leshan, or minimal for the minimal responder), RATE (arrival /s, 5000), DURATION (run seconds,
# 90), PORT_BASE (first Hazelcast port, 5801; the step uses PORT_BASE .. PORT_BASE+agents).
# Runs a private copy of the built jar. Needs python3 and jcmd (the JDK's). Results in
# results/scale-<devices>/ (summary.json of the coordinator, agent-<i>.log, processes.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(20000 50000 100000)
per="${PER_AGENT:-18000}"
server="${SERVER:-leshan}"
rate="${RATE:-5000}"
duration="${DURATION:-90}"
base="${PORT_BASE:-5801}"
source bench/cluster-lib.sh

# "rss_kb peak_rss_kb threads heap_used_kb" of a JVM, the heap after a full collection
sample() {
  local pid=$1 heap
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
  awk -v heap="${heap:-0}" '/^VmRSS/{r=$2} /^VmHWM/{h=$2} /^Threads/{t=$2} END{print r, h, t, heap}' "/proc/$pid/status"
}

printf '%-8s %6s %6s %10s %9s %8s %10s %10s %10s %10s %10s %10s\n' server devices agents registered all_reg_s reg_per_s \
    coord_rss coord_thr agent_rss agent_thr agent_heap kb_per_dev
for n in "${sizes[@]}"; do
  k=$(( (n + per - 1) / per ))
  out="results/scale-$n"
  rm -rf "$out"; mkdir -p "$out"
  cluster="fleetsim-scale-$$-$n"
  members="127.0.0.1:$base"
  for ((i = 1; i <= k; i++)); do members="$members,127.0.0.1:$((base + i))"; done
  for ((i = 1; i <= k; i++)); do
    java -Xms256m -jar "$copy/fleetsim.jar" agent --name "agent-$i" --cluster-name "$cluster" \
        --cluster-port $((base + i)) --members "$members" >"$out/agent-$i.log" 2>&1 &
    agent_pids+=($!)
  done
  java -Xms256m -jar "$copy/fleetsim.jar" run "$scenario" --devices "$n" --duration "$duration" --server "$server" \
      --cluster --agents "$k" --agent-timeout 120 --cluster-name "$cluster" --cluster-port "$base" \
      --members "$members" --out "$out/run" --quiet --measure-heap >"$out/coordinator.log" 2>&1 &
  coord=$!
  # once the whole fleet is registered (or the run ends), measure every process while it holds its devices
  : >"$out/processes.txt"
  while kill -0 "$coord" 2>/dev/null; do
    if [[ -f "$out/run/summary.json" ]] && python3 -c "import json,sys; s=json.load(open(sys.argv[1])); \
        sys.exit(0 if s['devices']['registered'] >= int(sys.argv[2]) else 1)" "$out/run/summary.json" "$n" 2>/dev/null; then
      echo "coordinator $coord $(sample "$coord")" >>"$out/processes.txt"
      for ((i = 0; i < k; i++)); do echo "agent-$((i + 1)) ${agent_pids[$i]} $(sample "${agent_pids[$i]}")" >>"$out/processes.txt"; done
      break
    fi
    sleep 2
  done
  # peak RSS at the end of the run: the agents' after it, the coordinator's from its summary
  wait "$coord" || true
  for ((i = 0; i < k; i++)); do
    echo "agent-$((i + 1))-end ${agent_pids[$i]} $(awk '/^VmHWM/{print $2}' "/proc/${agent_pids[$i]}/status" 2>/dev/null)" \
        >>"$out/processes.txt"
  done
  stop_agents
  if [[ ! -f "$out/run/summary.json" ]]; then echo "$server $n: no summary, see $out/coordinator.log"; continue; fi
  python3 - "$out" "$server" "$n" "$k" <<'PY'
import json, sys
out, server, n, k = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
s = json.load(open(f"{out}/run/summary.json"))
d, p = s["devices"], s["process"]
at = d.get("allRegisteredAtSeconds")
rate = d["registered"] / at if at else float("nan")
agents, peaks = [], {}
for line in open(f"{out}/processes.txt"):
    f = line.split()
    if f[0].endswith("-end"):
        if len(f) > 2:
            peaks[f[0][:-4]] = int(f[2])
    elif f[0].startswith("agent"):
        agents.append((f[0], int(f[2]), int(f[4]), int(f[5])))   # name, rss kB, threads, heap kB
rss = max([peaks.get(a[0], a[1]) for a in agents], default=0) / 1024
thr = max([a[2] for a in agents], default=0)
heap = sum(a[3] for a in agents) / 1024
per_dev = heap * 1024 / max(1, d["registered"]) if agents else float("nan")
print(f'{server:<8} {n:>6} {k:>6} {d["registered"]:>10} {at if at is not None else "-":>9} {rate:>8.0f} '
      f'{p["peakRssMb"]:>8.0f}MB {p["peakThreads"]:>10} {rss:>8.0f}MB {thr:>10} {heap:>8.1f}MB {per_dev:>8.1f}KB')
for a in agents:
    print(f'         {a[0]}: peak RSS {peaks.get(a[0], a[1]) / 1024:.0f} MB, threads {a[2]}, heap after GC {a[3] / 1024:.1f} MB'
          f' (sampled once all {n} devices had registered)')
print(f'         coordinator (embedded {server} server): heap after GC {p["heapAfterGcMb"]:.1f} MB')
PY
done
echo "columns: coord_rss/agent_rss peak RSS (agents: the largest), *_thr threads (agents: the most), agent_heap all agents' heap after GC"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1), ulimit -n $(ulimit -n), load $(cut -d' ' -f1-3 /proc/loadavg)"
