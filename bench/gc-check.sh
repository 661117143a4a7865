#!/usr/bin/env bash
# The allocation check of the engine benchmark: runs Linreg1dEngineBenchmark under JMH's GC profiler at two
# ensemble sizes (CLI's 41 recording times, 1 thread) and fails unless the bytes allocated per run stay flat
# as the ensemble grows: a whole run may allocate its per-worker accumulators (megabytes, once), but nothing
# per block. A boxed vector allocates about 40 bytes per trajectory-step, i.e. 8000 bytes per trajectory at
# 200 steps, so the bound of 16 bytes per trajectory separates the two states by 500x.
#   usage: bench/gc-check.sh [JMH options...]        e.g. bench/gc-check.sh -f 2
set -euo pipefail
# shellcheck source=bench/java.sh
. "$(dirname "${BASH_SOURCE[0]}")/java.sh"
bench_prepare
small=16384 large=65536 bound=16
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bench_dir/run.sh" 'Linreg1dEngineBenchmark.run$' -p trajectories="$small,$large" -p steps=200 -p threads=1 \
  -p records=log:40 -prof gc -f 1 -wi 2 -i 2 -w 1s -r 1s -rf json -rff "$work/gc.json" "$@" >"$work/jmh.log" 2>&1 ||
  { cat "$work/jmh.log" >&2; exit 1; }
python3 - "$work/gc.json" "$small" "$large" "$bound" <<'PY'
import json, sys
runs, small, large, bound = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
norm = {}
for r in runs:
    norm[int(r["params"]["trajectories"])] = r["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]
per_traj = (norm[large] - norm[small]) / (large - small)
print(f"bytes allocated per run: {norm[small]:.4g} at {small} trajectories, {norm[large]:.4g} at {large}; "
      f"{per_traj:.3g} bytes per extra trajectory (bound {bound:g})")
sys.exit(0 if per_traj <= bound else 1)
PY
