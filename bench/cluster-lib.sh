# Shared by the clustered benchmarks (bench/scale.sh, bench/cluster-vs-single.sh); sourced, not run.
# Builds fleetsim if needed, copies the jar to a private directory ($copy, so that a rebuild during
# the benchmark cannot disturb it), writes the scenario with arrival rate $rate to $scenario, sets
# a random cluster secret, and stops the agents started (their pids in agent_pids) on exit.
./fleetsim --version >/dev/null   # builds on first use
copy="$(mktemp -d)"
agent_pids=()
stop_agents() {
  for p in "${agent_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${agent_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  agent_pids=()
}
trap 'stop_agents; rm -rf "$copy"' EXIT
cp -r simulator/target/fleetsim.jar simulator/target/lib "$copy/"
scenario="$copy/scale.yaml"
sed "s/^  rate: .*/  rate: $rate/" bench/scale.yaml > "$scenario"
FLEETSIM_CLUSTER_SECRET="$(head -c 24 /dev/urandom | base64)"
export FLEETSIM_CLUSTER_SECRET
