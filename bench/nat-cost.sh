#!/usr/bin/env bash
# NAT emulation cost: the same 10,000-device fleet kept alive by CoAP pings, without NAT, behind a
# NAT the pings keep open, and behind a NAT that expires between pings (socket closed and rebound
# every ping), side by side in one run against the minimal responder (so the server's cost stays
# out). Prints CPU seconds (user + system) of each fleetsim process and the ratio to the direct run.
#   bench/nat-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
./fleetsim --version >/dev/null   # builds on first use
python3 - <<'PY'
import json, resource, subprocess, os
rows, base = [], None
for variant in ["direct", "nat", "churn"]:
    out = f"results/bench-nat-cost-{variant}"
    subprocess.run(["rm", "-rf", out])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out + ".log", "w") as log:
        subprocess.run(["./fleetsim", "run", f"bench/nat-cost-{variant}.yaml", "--server", "minimal",
                        "--out", out, "--quiet"], stdout=log, stderr=log)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    s = json.load(open(out + "/summary.json"))
    base = base or cpu
    rows.append((variant, cpu, cpu / base, s["devices"]["registeredAtEnd"], s["keepalive"]["pings"],
                 s["nat"]["expiries"], s["nat"]["rebindings"], s["reachability"]["exact"], s["process"]["peakThreads"]))
print(f'{"variant":<8} {"cpu_s":>7} {"vs_direct":>9} {"reg_end":>8} {"pings":>8} {"expiries":>9} {"rebinds":>8} {"reach":>7} {"threads":>7}')
for r in rows:
    print(f'{r[0]:<8} {r[1]:>7.1f} {r[2]:>9.2f} {r[3]:>8} {r[4]:>8} {r[5]:>9} {r[6]:>8} {r[7]:>7} {r[8]:>7}')
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
