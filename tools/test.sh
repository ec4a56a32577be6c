#!/usr/bin/env bash
# Runs every test of the project: the .NET test projects (against real Azurite, anvil and the
# Service Bus emulator, which the fixtures start themselves), the contracts' staleness check,
# the forge tests and the Bicep build/lint. Results (TRX) go to .mlgov/test-results/.
#   tools/test.sh          everything (what CI runs)
#   tools/test.sh --fast   the pure tests only, in seconds: Core, Trust, every domain library's tests
#                          (tests/MLGov.<Service>.Tests for domain/<Service>) and the contract
#                          definitions; no Azurite, anvil, emulator, forge or bicep, and no function
#                          app build (so the architecture rules, which inspect the apps, run in the full suite)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/.mlgov/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0

fast=0
case "${1:-}" in
  --fast) fast=1 ;;
  "") ;;
  *) echo "usage: mlgov test [--fast]" >&2; exit 2 ;;
esac

if [ "$fast" = 1 ]; then
  projects=(tests/MLGov.Core.Tests tests/MLGov.Trust.Tests tests/MLGov.Contracts.Tests)
  for domain in domain/*/; do
    service="$(basename "$domain")"
    [ -d "tests/MLGov.$service.Tests" ] && projects+=("tests/MLGov.$service.Tests")
  done
  echo "== .NET pure tests: ${projects[*]}"
  for project in "${projects[@]}"; do
    dotnet build "$project" --nologo -v quiet -clp:ErrorsOnly || exit 1
  done
  for project in "${projects[@]}"; do
    dotnet test "$project" --no-build --nologo --logger "trx" --results-directory "$results" || status=1
  done
else
  echo "== contracts: artifacts match the sources"
  node contracts/build.mjs --check || status=1

  if [ -x contracts/forge-test.sh ]; then
    echo "== contracts: forge tests"
    contracts/forge-test.sh || status=1
  fi

  if [ -x infra/bicep-check.sh ]; then
    echo "== infrastructure: bicep build and lint"
    infra/bicep-check.sh || status=1
  fi

  echo "== .NET tests"
  dotnet build MLGovFunctions.sln --nologo -v quiet -clp:ErrorsOnly || exit 1
  dotnet test MLGovFunctions.sln --no-build --nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false || status=1
fi

# .ci/run prints the summary itself, so that it is the last line even when a step above failed.
if [ -z "${MLGOV_SUMMARY_BY_CALLER:-}" ]; then
  node tools/test-summary.mjs "$results"
fi
exit $status
