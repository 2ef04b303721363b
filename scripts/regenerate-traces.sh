#!/usr/bin/env bash
# Regenerates the committed minimised trace (tests/Snapshots/Traces/<scenario>.min.trace.json) and its
# verified rendering (tests/Snapshots/CommittedTraceTests.Rendering_<scenario>.verified.txt) for every
# built-in scenario whose expected verdict is a bug, or only for the scenarios named as arguments.
# Exploration uses the repository's coyote.json, so the result is the same on every machine; review the
# diff of the verified files before committing. The suite fails while a seeded bug has no committed trace.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
mc() { dotnet src/Cli/bin/Release/net10.0/modelcheck.dll "$@"; }

# "name  expected  description": every scenario whose expected verdict is not "pass".
declare -A expected
while read -r name verdict _; do
  # A scenario that accepts several kinds lists them as "fatal|exception"; its trace is of the first.
  [ "$verdict" != pass ] && expected[$name]=${verdict%%|*}
done < <(mc list "$@")
if [ ${#expected[@]} -eq 0 ]; then echo "no scenario with an expected bug${*:+ among: $*}"; exit 0; fi
names=$(printf '%s\n' "${!expected[@]}" | sort)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# --all-bugs: the trace of the expected kind is kept even when another kind is found first.
# Random, as the committed traces were found: the portfolio with --all-bugs would share the budget with DFS.
mc test $names --strategy random --all-bugs --minimize --no-progress --outdir "$work" >"$work/test.log" || true
# A bug that random sampling does not reach within the budget (chm/J-5 needs three preemptions) is taken
# from the portfolio, whose deepening DFS finds it in an order that depends on no seed.
for name in $names; do
  file=${name//\//_}
  [ -f "$work/$file.${expected[$name]}.min.trace.json" ] && continue
  mc test "$name" --minimize --no-progress --outdir "$work/portfolio" >>"$work/test.log" || true
  [ -f "$work/portfolio/$file.min.trace.json" ] && cp "$work/portfolio/$file.min.trace.json" "$work/$file.${expected[$name]}.min.trace.json"
done

traces=tests/Snapshots/Traces
mkdir -p "$traces"
missing=0
for name in $names; do
  file=${name//\//_}
  minimised="$work/$file.${expected[$name]}.min.trace.json"
  if [ ! -f "$minimised" ]; then
    echo "MISSING  $name: no ${expected[$name]} bug found within coyote.json's budget" >&2
    missing=1
    continue
  fi
  cp "$minimised" "$traces/$file.min.trace.json"
  rm -f "tests/Snapshots/CommittedTraceTests.Rendering_$file.verified.txt"
  echo "$name  ${expected[$name]}"
  grep -A3 "minimised $minimised" "$work/test.log" | sed -n '2,4p' | sed 's/^ */    /' 
done

# Accept the renderings of the new traces (MODELCHECK_ACCEPT is ignored when CI=true).
MODELCHECK_ACCEPT=1 CI= dotnet test tests/Snapshots -v quiet -nologo --filter "FullyQualifiedName~CommittedTraceTests" >/dev/null
exit $missing
