#!/usr/bin/env bash
# The wall-clock speed-up of `--workers 2` over `--workers 1`, and complete explorations on 1 and 2
# workers, with the figures that explain them. Prints two tables; the wall-clock figures mean something
# only on an otherwise idle machine (the load average is printed beside them; on a shared machine the
# kernel's autogroup scheduling gives each session one share of the cores however many threads it runs),
# so quote the ratios of one run. The other columns come from `test --diagnostics` and hold under load.
#
# 1. One correct scenario of each map family (gomap, syncmap, chm, the lock-wrapped maps, the Swiss
#    table, HashTrieMap) under random: ITERATIONS executions (default 20000), each run REPEATS times
#    (default 3) on 1 and on 2 workers, the median exploration time of each. The output of the two runs
#    must be the same bytes (the "same" column); a run that differs is a bug of the partition.
# 2. Complete explorations, once each on 1 and 2 workers (COMPLETE lists them as
#    scenario:strategy[:preemption bound]): by default one correct scenario of each map family, with a
#    bound that makes its depth-first search take 10-40 s on one worker of a quiet machine (the classic Go
#    map has none that large: its largest, gomap/sequential/faithful, is 2,048 executions), then the
#    largest correct scenario, chm/correct/update-during-resize under DPOR. A depth-first search must print
#    the same bytes on 1 and 2 workers ("same"); DPOR on two workers runs its cut search, whose execution
#    count differs slightly from one worker's (docs/many-machines.md), so its "same" column says "cut".
#    On a quiet 2-core machine the section takes about 4 minutes.
#
# Columns:
#   1 worker, 2 workers  the CLI's exploration time (its `timing` line: no process start-up)
#   speed-up             1 worker's time over 2 workers'
#   ceiling              what this machine gives two independent jobs: the one-worker run twice at once, as
#                        two processes; 2 x (its time alone) over (the slower of the pair). On the 2-core VMs
#                        here it is under 2x (the vCPUs slow each other even for two unrelated processes),
#                        and no partition of one exploration can beat it
#   cpu 2/1              processor time of the exploration on 2 workers over 1 (all threads: workers,
#                        collector, compiler): the work parallel running adds, which load does not hide
#   worker cpu           processor time of each worker thread: 1 worker's, then the 2 workers' (balance)
#   cpu-bound            1 worker's thread time over the busier of the 2 workers': the speed-up when each
#                        worker has a core of its own and nothing else runs (no collection, no compiler)
#   gc 1 | 2             garbage collections (all generations) and their pause time, on 1 and on 2 workers
#   locks                Monitor lock contentions on 2 workers
#
# The engine's code is compiled at a run's first executions (about 0.25 s of processor time, which two
# workers share only in part), so the random rows' runs of a second or two understate the speed-up of the
# exploration itself; ITERATIONS=100000 gives runs of several seconds.
#
#   scripts/speedup.sh
#   ITERATIONS=100000 REPEATS=5 COMPLETE="chm/correct/resize-under-get:dfs:100" scripts/speedup.sh
#   FAMILIES=" " scripts/speedup.sh        (the complete explorations only)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
iterations=${ITERATIONS:-20000}
repeats=${REPEATS:-3}
# A dfs bound of 100 preemptions never cuts: the scenario's declared bound would otherwise apply.
complete=${COMPLETE:-"chm/correct/resize-under-get:dfs:100 syncmap/correct/conditional:dfs:3 hashtriemap/correct/lazy-init:dfs:4 gomap/sequential/faithful:dfs:100 gomap/sharded:dfs:3 swissmap/compare/growth-work:dfs:100 chm/correct/update-during-resize:dpor"}
# FAMILIES: the random rows' scenarios, one of each map family (" ": none).
read -r -a families <<<"${FAMILIES:-gomap/range-across-grow/reduced syncmap/correct/conditional chm/correct/three-tasks gomap/locked/mutex swissmap/range-across-grow/reduced hashtriemap/correct/expand-under-load}"

dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run NAME STRATEGY ITERATIONS WORKERS TAG [BOUND]: explores (without coyote.json's time budget), keeps
# stdout in $work/TAG and the timing and diagnostics in $work/TAG.err, prints the exploration time in seconds.
run() {
  local status=0 bound=()
  if [ -n "${6:-}" ]; then bound=(--strategy-value "$6"); fi
  dotnet src/Cli/bin/Release/net10.0/modelcheck.dll test "$1" --strategy "$2" "${bound[@]}" -i "$3" \
    --workers "$4" --timeout 86400 --outdir "$work/traces-$5" --no-progress --diagnostics >"$work/$5" 2>"$work/$5.err" || status=$?
  if [ $status -gt 1 ]; then
    echo "modelcheck failed (exit $status) on $1:" >&2
    cat "$work/$5.err" >&2
    exit 2
  fi
  # The process's processor time, summed over the repeats for the "cpu 2/1" column.
  sed -nE 's/^ *process +cpu ([0-9.]+)s.*/\1/p' "$work/$5.err" >>"$work/$5.cpu"
  sed -nE 's/^ *timing +[^ ]+: ([0-9.]+)s,.*/\1/p' "$work/$5.err" | head -n 1
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
sum() { awk '{ s += $1 } END { print s + 0 }' "$1"; }
# The processor time of the two-worker runs over the one-worker runs.
cpu() {
  ratio "$(sum "$work/two.cpu")" "$(sum "$work/one.cpu")"
  rm -f "$work/one.cpu" "$work/two.cpu"
}
executions() { sed -nE 's/^ *explored +([0-9]+) executions.*/\1/p' "$work/$1" | head -n 1; }
# The worker threads' processor times of the last run TAG, as "a/b" in seconds.
threads() { sed -nE 's/^ *workers +[0-9]+: .*cpu ([^,]+), wall.*/\1/p' "$work/$1.err" | tr -d 's ' ; }
# 1 worker's thread time over the busier of 2 workers' threads.
bound() {
  awk -v one="$(threads one)" -v two="$(threads two)" 'BEGIN {
    n = split(two, t, "/"); m = 0; for (i = 1; i <= n; i++) if (t[i] + 0 > m) m = t[i] + 0
    printf "%.2fx", (m > 0 ? one / m : 0) }'
}
# Collections (all generations) and pause of the last run TAG: "12 0.08s".
gc() { sed -nE 's/^ *process .*gc ([0-9]+) gen0 \/ ([0-9]+) gen1 \/ ([0-9]+) gen2, paused ([0-9.]+s).*/\1 \2 \3 \4/p' "$work/$1.err" | awk '{ printf "%d %s", $1 + $2 + $3, $4 }'; }
locks() { sed -nE 's/.*lock contentions ([0-9]+).*/\1/p' "$work/$1.err"; }
load() { cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || uptime; }

echo "machine: $(nproc) cores; load average at start: $(load)"
if [ ${#families[@]} -gt 0 ]; then
echo
echo "random, $iterations executions, median of $repeats runs (diagnostics of the last)"
printf '%-38s %10s %9s %9s %8s %7s %7s %-16s %9s %-23s %5s %4s\n' scenario executions "1 worker" "2 workers" speed-up ceiling "cpu 2/1" "worker cpu 1|2" cpu-bound "gc 1 | 2" locks same
for name in "${families[@]}"; do
  one=() two=() pair=()
  for _ in $(seq "$repeats"); do
    one+=("$(run "$name" random "$iterations" 1 one)")
    two+=("$(run "$name" random "$iterations" 2 two)")
    run "$name" random "$iterations" 1 pa >"$work/pa.time" & run "$name" random "$iterations" 1 pb >"$work/pb.time" & wait
    pair+=("$(sort -g "$work/pa.time" "$work/pb.time" | tail -n 1)")
  done
  t1=$(printf '%s\n' "${one[@]}" | median)
  t2=$(printf '%s\n' "${two[@]}" | median)
  tp=$(printf '%s\n' "${pair[@]}" | median)
  same=no
  if cmp -s "$work/one" "$work/two"; then same=yes; fi
  printf '%-38s %10s %8ss %8ss %8s %7s %7s %-16s %9s %-23s %5s %4s\n' "$name" "$(executions one)" "$t1" "$t2" "$(ratio "$t1" "$t2")" \
    "$(ratio "$(awk -v t="$t1" 'BEGIN { print 2 * t }')" "$tp")" "$(cpu)" \
    "$(threads one)|$(threads two)" "$(bound)" "$(gc one) | $(gc two)" "$(locks two)" "$same"
done
fi
echo
echo "complete explorations, once each"
printf '%-40s %-10s %21s %9s %9s %8s %7s %-20s %9s %-25s %4s\n' scenario strategy "executions (1 / 2)" "1 worker" "2 workers" speed-up "cpu 2/1" "worker cpu 1|2" cpu-bound "gc 1 | 2" same
for entry in $complete; do
  IFS=: read -r name strategy bound <<<"$entry"
  t1=$(run "$name" "$strategy" 2000000000 1 one "$bound")
  t2=$(run "$name" "$strategy" 2000000000 2 two "$bound")
  for tag in one two; do
    if ! grep -q 'complete' "$work/$tag"; then echo "warning: $name ($strategy, $tag worker(s)) did not complete" >&2; fi
  done
  same=no
  if [ "$strategy" = dpor ]; then same=cut; elif cmp -s "$work/one" "$work/two"; then same=yes; fi
  printf '%-40s %-10s %21s %8ss %8ss %8s %7s %-20s %9s %-25s %4s\n' "$name" "$strategy${bound:+ $bound}" "$(executions one) / $(executions two)" "$t1" "$t2" "$(ratio "$t1" "$t2")" "$(cpu)" \
    "$(threads one)|$(threads two)" "$(bound)" "$(gc one) | $(gc two)" "$same"
done
echo
echo "load average at end: $(load)"
