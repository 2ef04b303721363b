#!/usr/bin/env bash
# The wall-clock speed-up of `--workers 2` over `--workers 1`, and complete explorations on 1 and 2
# workers. Prints two tables; the figures mean something only on an otherwise idle machine (the load
# average is printed beside them), so quote the ratios of one run.
#
# 1. One correct scenario of each map family (gomap, syncmap, chm, the lock-wrapped maps, the Swiss
#    table, HashTrieMap) under random: ITERATIONS executions (default 20000), each run REPEATS times
#    (default 3) on 1 and on 2 workers, the median exploration time of each. The output of the two runs
#    must be the same bytes (the "same" column); a run that differs is a bug of the partition.
# 2. Complete explorations of the largest correct scenarios (once each on 1 and 2 workers; COMPLETE
#    lists them as scenario:strategy[:preemption bound], default below). DPOR on two workers runs its
#    cut search, whose execution count differs slightly from one worker's (docs/many-machines.md).
#
# Times are the CLI's own exploration times (its `timing` line), which leave out process start-up. The
# "cpu 2/1" column is the processor time of the two-worker process over the one-worker process (from
# /usr/bin/time, when there is one): the work parallel running adds, which a loaded machine does not hide.
#
#   scripts/speedup.sh
#   ITERATIONS=50000 REPEATS=5 COMPLETE="chm/correct/resize-under-get:dfs:100" scripts/speedup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
iterations=${ITERATIONS:-20000}
repeats=${REPEATS:-3}
# The dfs bound of 100 preemptions never cuts: the scenario's declared bound would otherwise apply.
complete=${COMPLETE:-"chm/correct/resize-under-get:dfs:100 chm/correct/insert-behind-double-claim:dpor chm/correct/update-during-resize:dpor"}
families=(
  gomap/range-across-grow/reduced
  syncmap/correct/conditional
  chm/correct/three-tasks
  gomap/locked/mutex
  swissmap/range-across-grow/reduced
  hashtriemap/correct/expand-under-load
)

dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -f '%U %S' -o "$work/cpu"); fi

# run NAME STRATEGY ITERATIONS WORKERS TAG [BOUND]: explores (without coyote.json's time budget), keeps
# stdout in $work/TAG, adds the processor seconds to $work/TAG.cpu, prints the exploration time in seconds.
run() {
  local status=0 bound=()
  if [ -n "${6:-}" ]; then bound=(--strategy-value "$6"); fi
  "${timer[@]}" dotnet src/Cli/bin/Release/net10.0/modelcheck.dll test "$1" --strategy "$2" "${bound[@]}" -i "$3" \
    --workers "$4" --timeout 86400 --outdir "$work/traces-$5" --no-progress >"$work/$5" 2>"$work/$5.err" || status=$?
  if [ -f "$work/cpu" ]; then
    awk '{ print $1 + $2 }' "$work/cpu" >>"$work/$5.cpu"
    rm -f "$work/cpu"
  fi
  if [ $status -gt 1 ]; then
    echo "modelcheck failed (exit $status) on $1:" >&2
    cat "$work/$5.err" >&2
    exit 2
  fi
  sed -nE 's/^ *timing +[^ ]+: ([0-9.]+)s,.*/\1/p' "$work/$5.err" | head -n 1
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
# The processor time of the two-worker runs over the one-worker runs, or - without /usr/bin/time.
cpu() {
  if [ -s "$work/one.cpu" ] && [ -s "$work/two.cpu" ]; then
    ratio "$(awk '{ s += $1 } END { print s }' "$work/two.cpu")" "$(awk '{ s += $1 } END { print s }' "$work/one.cpu")"
  else
    echo -
  fi
  rm -f "$work/one.cpu" "$work/two.cpu"
}
executions() { sed -nE 's/^ *explored +([0-9]+) executions.*/\1/p' "$work/$1" | head -n 1; }
load() { cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || uptime; }

echo "machine: $(nproc) cores; load average at start: $(load)"
echo
echo "random, $iterations executions, median of $repeats runs"
printf '%-40s %12s %10s %10s %9s %8s %5s\n' scenario executions "1 worker" "2 workers" speed-up "cpu 2/1" same
for name in "${families[@]}"; do
  one=() two=()
  for _ in $(seq "$repeats"); do
    one+=("$(run "$name" random "$iterations" 1 one)")
    two+=("$(run "$name" random "$iterations" 2 two)")
  done
  t1=$(printf '%s\n' "${one[@]}" | median)
  t2=$(printf '%s\n' "${two[@]}" | median)
  same=no
  if cmp -s "$work/one" "$work/two"; then same=yes; fi
  printf '%-40s %12s %9ss %9ss %9s %8s %5s\n' "$name" "$(executions one)" "$t1" "$t2" "$(ratio "$t1" "$t2")" "$(cpu)" "$same"
done
echo
echo "complete explorations, once each"
printf '%-40s %-8s %21s %10s %10s %9s %8s\n' scenario strategy "executions (1 / 2)" "1 worker" "2 workers" speed-up "cpu 2/1"
for entry in $complete; do
  IFS=: read -r name strategy bound <<<"$entry"
  t1=$(run "$name" "$strategy" 2000000000 1 one "$bound")
  t2=$(run "$name" "$strategy" 2000000000 2 two "$bound")
  for tag in one two; do
    if ! grep -q 'complete' "$work/$tag"; then echo "warning: $name ($strategy, $tag worker(s)) did not complete" >&2; fi
  done
  printf '%-40s %-8s %21s %9ss %9ss %9s %8s\n' "$name" "$strategy" "$(executions one) / $(executions two)" "$t1" "$t2" "$(ratio "$t1" "$t2")" "$(cpu)"
done
echo
echo "load average at end: $(load)"
