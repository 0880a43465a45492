#!/usr/bin/env bash
# Connection-setup benchmark: in one script run, the setup rates of the JDK and libraries
# fleetsim is built on (no fleetsim in the loop), then fleetsim's own registration storms against
# the embedded servers, each printed as a share of its limit:
#   (a) full TLS 1.3 / 1.2 handshakes on in-memory SSLEngine pairs (FleetPki EC P-256 certificates,
#       the JDK's default suites, as a run), (b) Scandium DTLS 1.2 PSK handshakes on 127.0.0.1,
#   (c) Vert.x TCP on 127.0.0.1: bare connect + one 16-byte request/echo (tcp), and connect + CSM both
#       ways + a Register-sized request + a 2.01-sized response (tcp-lwm2m, what a device does up to
#       registered; the tcp storm's limit); each cold (first 2 s) and warm; DTLS also prints
#       how many handshakes waited for a retransmission (slow) or were lost and started again;
#   (d) storms of 5,000 devices per transport (udp, tcp, tls, dtls-psk), bench/setup*.yaml.
#   bench/setup.sh               # 5,000 devices, limits measured warm for 8 s
#   bench/setup.sh 2000 4        # other fleet size and warm seconds
#   bench/setup.sh 5000 8 tcp "off 3"   # only the tcp storm, each with --warmup off and --warmup 3,
#                                       # side by side (default: every transport, --warmup auto)
#   LIMITS="dtls-psk tcp tcp-lwm2m" bench/setup.sh ...  # only these limits (default: all)
# The limits run from simulator/target/test-classes (io.fleetsim.bench.SetupLimits). Results stay
# in results/bench-setup-*; each storm's summary.json has the cpu block (simulator vs server vs JIT).
# Needs python3 (to read summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p results
devices="${1:-5000}"
warm="${2:-8}"
transports="${3:-udp tcp tls dtls-psk}"
warmups="${4:-auto}"
./fleetsim --version >/dev/null   # builds the jar on first use
mvn -B -q -o -pl simulator -am test-compile >&2
mvn -B -q -o -pl simulator dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/results/bench-setup.classpath" >/dev/null
java -cp "simulator/target/test-classes:simulator/target/classes:$(cat results/bench-setup.classpath)" \
    io.fleetsim.bench.SetupLimits "$warm" ${LIMITS:-} 2>results/bench-setup-limits.log | tee results/bench-setup-limits.txt
sed 's/^  transport: udp$/  transport: tcp/; s/^name: bench-setup-udp$/name: bench-setup-tcp/' bench/setup.yaml > results/bench-setup-tcp.yaml
sed 's/^  transport: udp$/  transport: tls/; s/^name: bench-setup-udp$/name: bench-setup-tls/' bench/setup.yaml > results/bench-setup-tls.yaml
printf '%-9s %-7s %8s %10s %10s %9s %9s %-10s %9s %8s  %s\n' transport warmup devices registered all_reg_s reg_per_s best3s limit limit_s share \
    'cpu s: simulator / server / jit / gc / other (wall s x cores)'
for transport in $transports; do
for w in $warmups; do
  case $transport in
    udp) file=bench/setup.yaml; limit=- ;;
    tcp) file=results/bench-setup-tcp.yaml; limit=tcp-lwm2m ;;
    tls) file=results/bench-setup-tls.yaml; limit=tls13 ;;
    dtls-psk) file=bench/setup-dtls-psk.yaml; limit=dtls-psk ;;
  esac
  out="results/bench-setup-$transport"
  [[ $w == auto ]] || out="$out-warmup-$w"
  rm -rf "$out"
  ./fleetsim run "$file" --devices "$devices" --warmup "$w" --out "$out" --quiet >/dev/null 2>"$out.log" || true
  if [[ ! -f "$out/summary.json" ]]; then echo "$transport: no summary, see $out.log"; continue; fi
  python3 - "$out/summary.json" "$transport" "$devices" "$limit" results/bench-setup-limits.txt "$w" <<'PY'
import json, os, sys
sys.path.insert(0, "bench")
from timeline_rates import best3 as best3_of, rows as timeline
s = json.load(open(sys.argv[1]))
d = s["devices"]
at = d.get("allRegisteredAtSeconds")
# not all registered within the run: registrations per simulated second of the run, a lower bound
rate = (d["registered"] / at) if at else d["registered"] / s["durationSeconds"]["simulated"]
best3 = best3_of(timeline(os.path.dirname(sys.argv[1])))     # the busiest three consecutive reporting periods
limits = {}
for line in open(sys.argv[5]):
    parts = line.split()
    if len(parts) == 4 and parts[0] == "LIMIT":
        limits[parts[1]] = float(parts[3])
name = sys.argv[4]
limit = limits.get(name)
share = f"{rate / limit:.0%}" if limit else "-"
c = s.get("cpu") or {}
sec = c.get("seconds") or {}
cpu = (f'{sec.get("simulator", 0):.1f} / {sec.get("server", 0):.1f} / {sec.get("jit", 0):.1f} / '
       f'{sec.get("gc", 0):.1f} / {sec.get("other", 0):.1f} ({c.get("wallSeconds", 0):.1f} x {c.get("cores", 0)})') if c else "-"
print(f'{sys.argv[2]:<9} {sys.argv[6]:<7} {sys.argv[3]:>8} {d["registered"]:>10} {at if at is not None else "-":>10} {rate:>9.0f} '
      f'{best3:>9.0f} {name:<10} {limit if limit else "-":>9} {share:>8}  {cpu}')
PY
done
done
echo "limits (per second, first 2 s / warm): $(awk '/^LIMIT/{printf "%s %s/%s  ", $2, $3, $4}' results/bench-setup-limits.txt)"
grep '^DTLS' results/bench-setup-limits.txt || true
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
