#!/usr/bin/env bash
# The README's test command. On a fresh machine with only the .NET SDK it first installs what the suite
# needs beyond it: Debian's `chromium` for the HTML report tests (apt-get, as root or through sudo), and
# the local .NET tools of .config/dotnet-tools.json. Then it runs `dotnet test` with any arguments given.
# `.ci/run` calls this same script.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 COYOTE_CLI_TELEMETRY_OPTOUT=1
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "scripts/test.sh: installing chromium for the HTML report tests" >&2
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi
# The Coyote CLI rewrites tests/Coyote during the build and the Coyote tests run it: stop here without it.
if ! dotnet tool restore >/dev/null; then
  echo "scripts/test.sh: 'dotnet tool restore' failed: the Coyote CLI (.config/dotnet-tools.json) is needed to build and test" >&2
  exit 1
fi
exec dotnet test "$@"
