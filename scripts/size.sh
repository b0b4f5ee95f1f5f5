#!/usr/bin/env bash
# Chung Sức — gzip -9 size of each WASM entry's first load (everything fetched before the app is
# usable: index.html, boot.js, styles.css, pkg/<entry>.js, pkg/<entry>_bg.wasm, and pages.css for
# the full entry ntm_app, which public/boot.js loads with it), against the budgets in
# scripts/size-budget.txt. Fails (exit 1) when an entry passes its budget.
#   bash scripts/size.sh [DIST]      (after scripts/build.sh; DIST defaults to dist/)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-${DIST:-$ROOT/dist}}"
BUDGETS="$ROOT/scripts/size-budget.txt"

gz() { gzip -9c "$1" | wc -c; }
one() {
  # The one file matching a glob (hashed names), or an error naming it.
  local found=("$DIST"/$1)
  [[ ${#found[@]} -eq 1 && -f "${found[0]}" ]] || { echo "size: expected one $1 in $DIST" >&2; exit 2; }
  printf '%s' "${found[0]}"
}

[[ -f "$DIST/index.html" ]] || { echo "size: $DIST/index.html missing: run scripts/build.sh" >&2; exit 2; }
shell=$(( $(gz "$DIST/index.html") + $(gz "$(one 'boot.*.js')") + $(gz "$(one 'styles.*.css')") ))
pages=$(gz "$(one 'pages.*.css')")
printf '%-10s %10s %10s %10s %10s  %s\n' entry js wasm pages.css total "budget (shell: index.html + boot.js + styles.css = $shell B)"

fail=0
while read -r entry budget; do
  [[ -z "$entry" || "$entry" == \#* ]] && continue
  js=$(gz "$(one "pkg/$entry.*.js")")
  wasm=$(gz "$(one "pkg/${entry}_bg.*.wasm")")
  # Only the full entry fetches the other pages' stylesheet.
  css=0
  [[ "$entry" == ntm_app ]] && css=$pages
  total=$((shell + js + wasm + css))
  verdict="ok"
  if ((total > budget)); then verdict="OVER BUDGET"; fail=1; fi
  printf '%-10s %10s %10s %10s %10s  %s B  %s (%s KB)\n' "$entry" "$js" "$wasm" "$css" "$total" "$budget" "$verdict" "$((total / 1024))"
done <"$BUDGETS"
exit "$fail"
