# Sourced by bench scripts, from the repository root: builds fleetsim on first use, then copies
# the built jar and its libraries into a temporary directory, removed when the script exits, so a
# rebuild during the benchmark cannot disturb it. Sets copy (run "$copy/fleetsim.jar").
./fleetsim --version >/dev/null
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp -r simulator/target/fleetsim.jar simulator/target/lib "$copy/"
