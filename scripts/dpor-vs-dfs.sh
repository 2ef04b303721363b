#!/usr/bin/env bash
# The table of issue 10: executions and time to explore each correct scenario completely, under
# depth-first search (within the scenario's declared preemption bound, as the main job's DFS runs it)
# and under DPOR without a bound (optimal, and with --source also source-DPOR). One worker each, so the
# times compare; each run stops after TIMEOUT seconds (default 60), and then its row says so.
# Under tso and ra DPOR explores as DFS does, unreduced (its row says "as dfs").
#
#   scripts/dpor-vs-dfs.sh [--source] [TIMEOUT [PATTERN...]]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source_too=0
if [ "${1:-}" = --source ]; then source_too=1; shift; fi
timeout=${1:-60}
shift || true
dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
mc() { dotnet src/Cli/bin/Release/net10.0/modelcheck.dll "$@"; }

names=()
while read -r name verdict _; do
  if [ "$verdict" = pass ]; then names+=("$name"); fi
done < <(mc list "$@")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run: "EXECUTIONS|SECONDS|COMPLETENESS", from the report's explored and timing lines.
run() {
  local name=$1; shift
  mc test "${name%?}?" --workers 1 --iterations 100000000 --timeout "$timeout" --no-progress --outdir "$work/traces" "$@" >"$work/out" 2>&1 || true
  local explored executions blocked seconds completeness
  explored=$(grep -m1 '^  explored' "$work/out" || true)
  executions=$(sed -E 's/^  explored +([0-9]+) executions.*/\1/' <<<"$explored")
  blocked=$(sed -nE 's/.*\(([0-9]+) stopped as redundant.*/\1/p' <<<"$explored")
  seconds=$(grep -m1 '^  timing' "$work/out" | sed -E 's/.*: ([0-9.]+)s,.*/\1/')
  case $explored in
    *"complete within"*) completeness="within $(sed -E 's/.*complete within ([0-9]+) preemption.*/\1/' <<<"$explored")" ;;
    *complete*) completeness=complete ;;
    *) completeness="not complete" ;;
  esac
  echo "${executions}${blocked:+ ($blocked blocked)}|${seconds}|${completeness}"
}

header="| scenario | memory | DFS executions | DFS s | DFS verdict | optimal DPOR executions | DPOR s | DPOR verdict |"
rule="| --- | --- | --- | --- | --- | --- | --- | --- |"
if [ $source_too = 1 ]; then
  header="$header source-DPOR executions | source s |"
  rule="$rule --- | --- |"
fi
echo "$header"
echo "$rule"
for name in "${names[@]}"; do
  memory=$(mc test "${name%?}?" --iterations 1 --strategy random --no-progress --outdir "$work/traces" 2>/dev/null | sed -nE '1s/.*memory ([a-z]+).*/\1/p')
  memory=${memory:-sc}
  IFS='|' read -r dfs_n dfs_s dfs_v <<<"$(run "$name" --strategy dfs)"
  if [ "$memory" = sc ]; then
    IFS='|' read -r dpor_n dpor_s dpor_v <<<"$(run "$name" --strategy dpor --dpor optimal)"
  else
    dpor_n="as dfs"; dpor_s=""; dpor_v=""
  fi
  row="| $name | $memory | $dfs_n | $dfs_s | $dfs_v | $dpor_n | $dpor_s | $dpor_v |"
  if [ $source_too = 1 ] && [ "$memory" = sc ]; then
    IFS='|' read -r src_n src_s _ <<<"$(run "$name" --strategy dpor --dpor source)"
    row="$row $src_n | $src_s |"
  elif [ $source_too = 1 ]; then
    row="$row | |"
  fi
  echo "$row"
done
