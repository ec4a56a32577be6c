#!/usr/bin/env bash
# Builds and lints the Bicep of infra/bicep with the pinned Bicep CLI (NuGet package
# Azure.Bicep.CommandLine.linux-x64, fetched once into infra/tools/.packages) and fails on any
# warning or error. bicepconfig.json already raises every linter rule to error; compiler warnings
# (BCPxxx) are caught here by reading the diagnostics.
#
#   bash infra/bicep-check.sh            # build + lint main.bicep, every module, every .bicepparam
#   bash infra/bicep-check.sh --fetch    # only make sure the CLI is there; prints its path
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="0.49.2"
bicep="$infra/tools/.packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -x "$bicep" ]]; then
  echo "bicep-check: fetching Azure.Bicep.CommandLine.linux-x64 $version from NuGet" >&2
  dotnet restore "$infra/tools/BicepCli/BicepCli.csproj" --verbosity quiet -p:BicepCliVersion="$version" >&2
  chmod +x "$bicep"
fi
if [[ "${1:-}" == "--fetch" ]]; then
  echo "$bicep"
  exit 0
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$infra/bicep"

# Parameter files read the deployment's identity from the environment. Give the check fixed example
# values and never the operator's real keys, whatever the calling shell holds.
check_env=(
  -u MLGOV_CHAIN_OPERATOR_KEY -u MLGOV_VC_ISSUER_KEY -u MLGOV_CONTRACTS -u MLGOV_PROFILE -u MLGOV_ALERT_ACTION_GROUP_ID
  AZURE_ENV_NAME=mlgov-check AZURE_LOCATION=westeurope
  MLGOV_CHAIN_RPC_URL=https://rpc.example.invalid MLGOV_CHAIN_ID=11155111
)

failures=0
diagnostics=0
run() {
  local label="$1"; shift
  local log rc=0
  log="$(env "${check_env[@]}" "$@" 2>&1 >/dev/null)" || rc=$?
  local count
  count="$(grep -cE ' : (Warning|Error) ' <<<"$log" || true)"
  if [[ -n "$log" ]]; then printf '%s\n' "$log" >&2; fi
  if [[ $rc -ne 0 || $count -ne 0 ]]; then
    echo "bicep-check: $label FAILED (exit $rc, $count warnings/errors)" >&2
    failures=$((failures + 1))
  else
    echo "bicep-check: $label ok"
  fi
  diagnostics=$((diagnostics + count))
}

run "build main.bicep" "$bicep" build main.bicep --outfile "$out/main.json"
run "lint **/*.bicep" "$bicep" lint --pattern "$infra/bicep/**/*.bicep"
run "build-params *.bicepparam" "$bicep" build-params --pattern "$infra/bicep/*.bicepparam" --outdir "$out"

echo "bicep-check: $diagnostics warnings/errors, $failures failed step(s)"
[[ $failures -eq 0 ]]
