#!/usr/bin/env bash
# Gas of every main call, from receipts: starts a throw-away anvil, broadcasts GasScenario.s.sol to
# it with forge (npm solc through solc-wrapper.sh), and prints a markdown table of the receipts.
#   contracts/test/gas/gas-report.sh > /tmp/gas.md
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
contracts="$(cd "$here/../.." && pwd)"
repo="$(dirname "$contracts")"
port="${ANVIL_PORT:-18545}"
out="$contracts/cache/gas-broadcast"

"$repo/node_modules/.bin/anvil" --port "$port" --hardfork cancun --silent &
anvil_pid=$!
trap 'kill "$anvil_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  if node -e "fetch('http://127.0.0.1:$port',{method:'POST',headers:{'content-type':'application/json'},body:'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}'}).then(()=>process.exit(0),()=>process.exit(1))"; then break; fi
  sleep 0.2
done

cd "$contracts"
rm -rf "$out"
FOUNDRY_BROADCAST="$out" "$repo/node_modules/.bin/forge" script test/gas/GasScenario.s.sol:GasScenario \
  --use "$contracts/solc-wrapper.sh" --offline --rpc-url "http://127.0.0.1:$port" \
  --broadcast --slow --non-interactive --skip-simulation >&2
run="$(find "$out" -name run-latest.json | head -n 1)"
node "$here/receipts-to-markdown.mjs" "$run"
