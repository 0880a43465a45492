#!/usr/bin/env bash
# The same UDP fleet (default 15,000 devices, bench/scale.yaml) from one process and from AGENTS
# local agents (default 3) under a coordinator, against the embedded server; prints the counts
# and the latency percentiles of both side by side, so that a clustered run can be checked to
# measure what a single process measures.
#   bench/cluster-vs-single.sh                   # 15000 devices, 3 agents
#   DURATION=25 bench/cluster-vs-single.sh 3000  # a small check of the script itself
# Environment: AGENTS (3), SERVER (leshan or minimal), RATE (arrival /s, 5000), DURATION (90),
# PORT_BASE (5821). Runs a private copy of the built jar; needs python3. Results in
# results/cvs-single-<n>/ and results/cvs-cluster-<n>/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
n="${1:-15000}"
k="${AGENTS:-3}"
server="${SERVER:-leshan}"
rate="${RATE:-5000}"
duration="${DURATION:-90}"
base="${PORT_BASE:-5821}"
source bench/cluster-lib.sh

single="results/cvs-single-$n"
clustered="results/cvs-cluster-$n"
rm -rf "$single" "$clustered"
java -Xms256m -jar "$copy/fleetsim.jar" run "$scenario" --devices "$n" --duration "$duration" --server "$server" \
    --out "$single" --quiet >"$single.log" 2>&1 || true

cluster="fleetsim-cvs-$$"
members="127.0.0.1:$base"
for ((i = 1; i <= k; i++)); do members="$members,127.0.0.1:$((base + i))"; done
mkdir -p "$clustered"
for ((i = 1; i <= k; i++)); do
  java -Xms256m -jar "$copy/fleetsim.jar" agent --cluster-name "$cluster" --cluster-port $((base + i)) \
      --members "$members" >"$clustered/agent-$i.log" 2>&1 &
  agent_pids+=($!)
done
java -Xms256m -jar "$copy/fleetsim.jar" run "$scenario" --devices "$n" --duration "$duration" --server "$server" \
    --cluster --agents "$k" --agent-timeout 120 --cluster-name "$cluster" --cluster-port "$base" --members "$members" \
    --out "$clustered/run" --quiet >"$clustered.log" 2>&1 || true
stop_agents

python3 - "$single/summary.json" "$clustered/run/summary.json" "$k" <<'PY'
import json, os, sys
runs = []
for path in sys.argv[1:3]:
    runs.append(json.load(open(path)) if os.path.exists(path) else None)
rows = [("devices.planned", lambda s: s["devices"]["planned"]),
        ("devices.registered", lambda s: s["devices"]["registered"]),
        ("devices.registeredAtEnd", lambda s: s["devices"]["registeredAtEnd"]),
        ("devices.allRegisteredAtSeconds", lambda s: s["devices"].get("allRegisteredAtSeconds")),
        ("registration.attempts", lambda s: s["registration"]["attempts"]),
        ("registration.successes", lambda s: s["registration"]["successes"]),
        ("update.successes", lambda s: s["update"]["successes"]),
        ("retransmissions", lambda s: s["retransmissions"])]
for section in ("registration", "update"):
    for q in ("count", "p50", "p90", "p99", "p999", "max"):
        rows.append((f"{section}.latencyMs.{q}", lambda s, section=section, q=q: s[section]["latencyMs"].get(q)))
print(f'{"":34} {"one process":>14} {"%s agents" % sys.argv[3]:>14}')
for name, get in rows:
    cells = []
    for s in runs:
        try:
            v = get(s) if s else "no summary"
        except (KeyError, TypeError):
            v = "-"
        cells.append("-" if v is None else v)
    print(f'{name:34} {str(cells[0]):>14} {str(cells[1]):>14}')
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
