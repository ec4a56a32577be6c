#!/usr/bin/env bash
# Mutation testing with Stryker.NET: how many small faults planted in a library its own tests catch.
# A figure like a benchmark, not a CI gate (it takes minutes per library).
#   tools/mutate.sh              Core and every domain library (domain/<Service>/MLGov.<Service>.Domain.csproj)
#   tools/mutate.sh core|risk|MLGov.Risk.Domain|domain/Risk   just that one
# Each library is mutated against its own tests: Core against tests/MLGov.Core.Tests, a domain
# library against tests/MLGov.<Service>.Tests. Reports go to .mlgov/mutation/<library>/reports/
# (mutation-report.html to browse the survivors). Exits non-zero when Stryker failed to run, not
# for a low score. MLGOV_MUTATE_CONCURRENCY sets Stryker's parallel test runners (default 2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out_root="$root/.mlgov/mutation"
concurrency="${MLGOV_MUTATE_CONCURRENCY:-2}"

# Prints "name|library csproj|test folder" for Core and every domain library.
libraries() {
  echo "MLGov.Core|lib/MLGov.Core/MLGov.Core.csproj|tests/MLGov.Core.Tests"
  local csproj service
  for csproj in domain/*/MLGov.*.Domain.csproj; do
    [ -f "$csproj" ] || continue
    service="$(basename "$(dirname "$csproj")")"
    echo "MLGov.$service.Domain|$csproj|tests/MLGov.$service.Tests"
  done
}

# Picks the libraries an argument names: a short name (core, risk), a project name or a path.
select_libraries() {
  local wanted="${1%/}" name csproj tests
  wanted="${wanted#./}"
  while IFS='|' read -r name csproj tests; do
    local short="${name#MLGov.}"
    short="${short%.Domain}"
    if [ -z "$wanted" ] \
      || [ "${wanted,,}" = "${short,,}" ] || [ "${wanted,,}" = "${name,,}" ] \
      || [ "$wanted" = "$csproj" ] || [ "$wanted" = "$(dirname "$csproj")" ] || [ "$wanted" = "$(basename "$csproj")" ]; then
      echo "$name|$csproj|$tests"
    fi
  done < <(libraries)
}

selected="$(select_libraries "${1:-}")"
if [ -z "$selected" ]; then
  echo "mutate: no library matches '${1:-}'; known: $(libraries | cut -d'|' -f1 | tr '\n' ' ')" >&2
  exit 2
fi

dotnet tool restore >/dev/null

status=0
summary=()
# The list comes in on fd 3 so that Stryker and dotnet cannot swallow it from stdin.
while IFS='|' read -r -u 3 name csproj tests; do
  echo "== mutate: $name against $tests"
  if ! compgen -G "$tests/*.csproj" >/dev/null; then
    echo "mutate: $name has no test project at $tests" >&2
    summary+=("$name: no test project ($tests)")
    status=1
    continue
  fi
  out="$out_root/$name"
  rm -rf "$out"
  mkdir -p "$out"
  # Stryker runs in the test project's folder: at the root it would see the solution and refuse
  # --test-project ("solution context").
  if ! (cd "$tests" && dotnet dotnet-stryker \
    --config-file "$root/tools/stryker-config.json" \
    --project "$(basename "$csproj")" \
    --output "$out" \
    --concurrency "$concurrency" \
    --skip-version-check \
    --break-on-initial-test-failure); then
    echo "mutate: Stryker failed on $name" >&2
    status=1
  fi
  report="$out/reports/mutation-report.json"
  node tools/mutation-summary.mjs "$report" "$name" || status=1
  summary+=("$(node tools/mutation-summary.mjs "$report" "$name" --project-only || true)")
done 3<<< "$selected"

echo "== mutation score"
printf '%s\n' "${summary[@]}"
exit $status
