#!/usr/bin/env bash
# Regenerates the committed `modelcheck orders` tables (tests/Snapshots/OrdersTests.Table_<name>.verified.txt)
# and the minimised traces they name (tests/Snapshots/Orders/<name>/), for every table or only those named
# as arguments: chm, syncmap, hashtriemap, cow, litmus, litmus-causality. Each weakening runs every scenario
# that reaches the site under ra (and tso where it differs), with coyote.json's portfolio and the bound given
# below, so the tables are the same on every machine unless an exploration hits coyote.json's timeout
# (the table then says "not complete"). This is the long run (tens of minutes on a quiet 2-core machine);
# the suite checks the committed tables cheaply (tests/Snapshots/OrdersTests.cs) and runs `litmus` live.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
mc() { dotnet src/Cli/bin/Release/net10.0/modelcheck.dll "$@"; }

# name -> preemption bound ("-": none, every schedule) and scenario patterns. The bound keeps ra's larger
# spaces within reach; each table's first section says how completely each scenario was explored.
declare -A runs=(
  [chm]="1 chm/correct/*"
  [syncmap]="1 syncmap/correct/*"
  [hashtriemap]="1 hashtriemap/correct/*"
  [cow]="2 gomap/cow/ra"
  [litmus]="- litmus/MP* litmus/SB+fences memory/release-acquire-publication-ra"
  [litmus-causality]="- litmus/WRC* litmus/ISA2*"
)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(litmus litmus-causality cow chm syncmap hashtriemap)
for name in "${names[@]}"; do
  [ -n "${runs[$name]:-}" ] || { echo "unknown table '$name' (one of: ${!runs[*]})" >&2; exit 2; }
  read -r bound patterns <<<"${runs[$name]}"
  out=tests/Snapshots/Orders/$name
  rm -rf "$out"
  mkdir -p "$out"
  start=$(date +%s)
  # shellcheck disable=SC2086  # the patterns are words
  bounded=()
  [ "$bound" != - ] && bounded=(--strategy-value "$bound")
  mc orders $patterns "${bounded[@]}" --outdir "$out" --no-progress >"tests/Snapshots/OrdersTests.Table_$name.verified.txt"
  echo "$name: $(grep -E '^[0-9]+ sites?:' "tests/Snapshots/OrdersTests.Table_$name.verified.txt") ($(( $(date +%s) - start )) s)"
done
