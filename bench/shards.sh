#!/usr/bin/env bash
# Sharded runs on this machine: the throughput of one run cut into K = 1, 2, 4 shards run at once (as array
# tasks sharing the machine would), each with cores/K threads (at least 1), plus the merge; then the time to
# merge 64 shards of a 200 x 200 sweep. Whole CLI runs through scripts/sgdmc (JVM start included), wall clock.
#   usage: bench/shards.sh [TRAJ [STEPS]]      (defaults 2097152 2000: linreg1d, lr 0.5, the CLI's 40 record times)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sgdmc="$root/scripts/sgdmc"
traj=${1:-2097152} steps=${2:-2000}
cores=$(nproc)
model=$(lscpu | sed -nE 's/^Model name:[[:space:]]*//p' | head -n1)
echo "machine: ${model:-unknown CPU}, $cores cores; $("$sgdmc" --version | paste -sd ';' -)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
now() { date +%s.%N; }

run=(simulate linreg1d --lr 0.5 --batch 1 --trajectories "$traj" --steps "$steps" --no-progress)
echo "one run: $traj trajectories x $steps steps ($(python3 -c "print(f'{$traj*$steps:.3e}')") trajectory-steps)"
printf '| shards | threads each | wall s (shards) | merge s | traj-steps/s | vs 1 shard |\n|---|---|---|---|---|---|\n'
base=
for k in 1 2 4; do
  threads=$(( cores / k )); [ "$threads" -ge 1 ] || threads=1
  t0=$(now)
  for i in $(seq 0 $((k - 1))); do
    "$sgdmc" "${run[@]}" --threads "$threads" --shard "$i/$k" -o "s$k-$i.h5" > /dev/null &
  done
  wait
  t1=$(now)
  "$sgdmc" merge "m$k.h5" s"$k"-*.h5 > /dev/null
  t2=$(now)
  rate=$(python3 -c "print(f'{$traj*$steps/($t2-$t0):.3e}')")
  base=${base:-$rate}
  printf '| %d | %d | %.1f | %.1f | %s | %.2f |\n' "$k" "$threads" "$(python3 -c "print($t1-$t0)")" \
    "$(python3 -c "print($t2-$t1)")" "$rate" "$(python3 -c "print($rate/$base)")"
done
"$root/scripts/h5same.py" m1.h5 m4.h5 > /dev/null && echo "(K = 1 and K = 4 merged files: same results)"

sweep=(sweep saddle --lr 0.01:2:200 --mu 0:1:200 --trajectories 200 --steps 200 --no-progress)
echo
echo "merge of 64 shards of a 200 x 200 sweep (saddle, 200 trajectories x 200 steps per cell):"
t0=$(now)
for i in $(seq 0 63); do
  "$sgdmc" "${sweep[@]}" --shard "$i/64" -o "w-$i.h5" > /dev/null &
  if (( (i + 1) % cores == 0 )); then wait; fi
done
wait
t1=$(now)
"$sgdmc" merge sweep.h5 w-*.h5 > /dev/null
t2=$(now)
printf '64 shards computed in %.1f s (%d at a time); merge %.1f s; merged file %s\n' "$(python3 -c "print($t1-$t0)")" \
  "$cores" "$(python3 -c "print($t2-$t1)")" "$(du -h sweep.h5 | cut -f1)"
