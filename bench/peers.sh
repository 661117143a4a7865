#!/usr/bin/env bash
# The Java engine against its peers, in one invocation on one machine: runs ../shared/peers/run_peers.sh
# (native C with Philox4x32-10 + Box-Muller, and NumPy, both one thread), then Linreg1dEngineBenchmark at the
# same sizes on 1 thread and on all cores, and prints traj-steps/s of each with the ratios Java/C, Java/NumPy.
#   usage: bench/peers.sh [TRAJ [STEPS]] [JMH options...]     (defaults 1048576 200; lr is 0.5 throughout)
#   e.g.   bench/peers.sh                                     the comparison for bench/RESULTS.md
#          bench/peers.sh 65536 100 -f 1 -wi 1 -i 1 -w 1s -r 1s   a smoke run
set -euo pipefail
# shellcheck source=bench/java.sh
. "$(dirname "${BASH_SOURCE[0]}")/java.sh"

traj=1048576 steps=200 lr=0.5
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then traj=$1; shift; fi
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then steps=$1; shift; fi
peers="$bench_root/../shared/peers/run_peers.sh"
[ -f "$peers" ] || { echo "bench: $peers not found (the shared folder sits beside the repository)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 is needed (NumPy peer and this table)" >&2; exit 2; }
bench_prepare

cores=$(nproc)
model=$(lscpu | sed -nE 's/^Model name:[[:space:]]*//p' | head -n1)
jdk=$("$bench_java" -version 2>&1 | sed -n '1p;2p' | paste -sd '\t' - | sed 's/\t/; /')
machine="machine: ${model:-unknown CPU}, $cores cores; $jdk"
echo "$machine"
echo "sizes: $traj trajectories x $steps steps, lr = $lr (the NumPy peer runs a quarter of the steps)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$peers" "$traj" "$steps" "$lr" | tee "$work/peers.txt"

threads=1
[ "$cores" -gt 1 ] && threads="1,$cores"
echo "== Java (Linreg1dEngineBenchmark, threads $threads)"
"$bench_dir/run.sh" Linreg1dEngineBenchmark -p trajectories="$traj" -p steps="$steps" -p threads="$threads" \
  -rf json -rff "$work/java.json" "$@"

python3 - "$work/peers.txt" "$work/java.json" "$machine" "$traj" "$steps" <<'PY'
import json, math, re, sys

def peer_rates(path):
    rates, who = {}, None
    for line in open(path):
        if line.startswith("== native C"):
            who = "c"
        elif line.startswith("== NumPy"):
            who = "numpy"
        m = re.search(r"traj_steps_per_s=([0-9.eE+-]+)", line)
        if m and who:
            rates[who] = float(m.group(1))
    return rates

peers = peer_rates(sys.argv[1])
java = {}
for r in json.load(open(sys.argv[2])):
    p = r["params"]
    sec = r.get("secondaryMetrics", {}).get("trajectorySteps")
    if sec:
        score, err = float(sec["score"]), float(sec["scoreError"])  # JMH writes "NaN" as a string
    else:  # runs/s times the trajectory-steps of one run
        per_run = int(p["trajectories"]) * int(p["steps"])
        score = float(r["primaryMetric"]["score"]) * per_run
        err = float(r["primaryMetric"]["scoreError"]) * per_run
    java[int(p["threads"])] = (score, err)

def fmt(x):
    return "n/a" if x is None or math.isnan(x) else f"{x:.3e}"

def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"

c, npy = peers.get("c"), peers.get("numpy")
print()
print(sys.argv[3])
print(f"linreg1d, Gaussian data, S = 1, lr = 0.5: {sys.argv[4]} trajectories x {sys.argv[5]} steps")
print(f"{'':<22}{'traj-steps/s':>14}{'+- (99.9%)':>12}{'Java/C':>9}{'Java/NumPy':>12}")
print(f"{'native C, 1 thread':<22}{fmt(c):>14}")
print(f"{'NumPy, 1 thread':<22}{fmt(npy):>14}")
for t in sorted(java):
    score, err = java[t]
    label = f"Java, {t} thread" + ("s" if t > 1 else "")
    print(f"{label:<22}{fmt(score):>14}{fmt(err):>12}{ratio(score, c):>9}{ratio(score, npy):>12}")
if not c or not npy or not java:
    sys.exit("bench: a figure is missing from the peers' or JMH's output")
PY
