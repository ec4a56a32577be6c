#!/usr/bin/env bash
# Runs the forge tests of contracts/test offline with the npm toolchain (CI calls this script).
#   contracts/forge-test.sh                    all unit, fuzz and invariant tests
#   contracts/forge-test.sh --gas-report       the same, plus the per-function gas table
#   contracts/forge-test.sh --match-contract StakingPool -vvv   any other forge test options
# Needs `npm ci` first (forge from @foundry-rs/forge, solc from solc, OpenZeppelin from npm).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
forge="$repo/node_modules/.bin/forge"
if [[ ! -x "$forge" ]]; then
  echo "forge not found at $forge; run npm ci in $repo" >&2
  exit 2
fi
cd "$here"
exec "$forge" test --use "$here/solc-wrapper.sh" --offline "$@"
