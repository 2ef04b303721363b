#!/usr/bin/env bash
# Runs every scenario that applies under Coyote through `dotnet coyote test` (Coyote's default portfolio
# of strategies) and compares Coyote's verdict with the scenario's expected one. Usage, from the
# repository root after `dotnet tool restore` and `dotnet build -c Release`:
#   scripts/coyote-test-all.sh [ITERATIONS] [PATTERN...]        (default 2000 iterations, every scenario)
# Prints one line per scenario (scenario, expected, Coyote's verdict, iterations) and exits 1 if any differs.
set -uo pipefail
cd "$(dirname "$0")/.."
export COYOTE_CLI_TELEMETRY_OPTOUT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
iterations=${1:-2000}; shift || true
dll=tests/Coyote/bin/Release/net10.0/ModelCheck.Tests.Coyote.dll
modelcheck=src/Cli/bin/Release/net10.0/modelcheck.dll
for f in "$dll" "$modelcheck"; do
  [ -f "$f" ] || { echo "coyote-test-all: $f not found; run 'dotnet build -c Release' first" >&2; exit 2; }
done
if dotnet coyote --version 2>&1 | grep -qE "Could not execute|dotnet tool restore"; then echo "coyote-test-all: the Coyote CLI is not restored; run 'dotnet tool restore'" >&2; exit 2; fi
out=$(mktemp -d)
status=0
while read -r name expected engines _; do
  [ "$engines" = coyote ] || continue
  method=$(printf '%s' "$name" | sed 's/[^A-Za-z0-9]/_/g')
  dotnet coyote test "$dll" -m "$method" -i "$iterations" -o "$out/$method" > "$out/$method.log" 2>&1
  observed=$(grep -m1 -oE '^\[[a-z-]+\]' "$out/$method.log" | tr -d '[]')
  [ -n "$observed" ] || observed=$(grep -q 'Found 0 bugs' "$out/$method.log" && echo pass || echo "error (see $out/$method.log)")
  explored=$(grep -oE 'Explored [0-9]+' "$out/$method.log" | grep -oE '[0-9]+' || echo '?')
  mark=ok; [ "$observed" = "$expected" ] || { mark=DIFFERS; status=1; }
  printf '%-48s %-17s %-17s %6s  %s\n' "$name" "$expected" "$observed" "$explored" "$mark"
done < <(dotnet "$modelcheck" list "$@")
exit $status
