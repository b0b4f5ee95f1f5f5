#!/usr/bin/env bash
# Chung Sức — release build of the browser app into dist/.
#   cargo (pinned nightly, wasm32, release, std rebuilt for size; one [[bin]] per entry) → wasm-bindgen (--target web) → wasm-opt -Oz
#   (npm binaryen) per entry → copy public/
#   → the deployment's rules file if RULES_FILE is given (checked first by the core)
#   → hashed asset names and the service worker's precache list (scripts/precache.mjs)
# Needs what scripts/setup.sh installs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The province's rules file shipped with the app: RULES_FILE=bo-tieu-chi-ha-nam.json bash scripts/build.sh
# (a path from where the build is started).
RULES_FILE="${RULES_FILE:+$(realpath -m "$RULES_FILE")}"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

if [[ -t 1 ]]; then C_B=$'\033[1;34m' C_R=$'\033[1;31m' C_0=$'\033[0m'; else C_B="" C_R="" C_0=""; fi
say() { printf "%s[build]%s %s\n" "$C_B" "$C_0" "$*"; }
die() { printf "%s[build] LỖI / ERROR:%s %s\n" "$C_R" "$C_0" "$*" >&2; exit 1; }

DIST="${DIST:-$ROOT/dist}"  # another folder: DIST=/tmp/x bash scripts/build.sh
# The WASM entries ([[bin]]s of app/Cargo.toml): ntm_app has every page, xa only Tự đánh giá
# (a commune's first load), ntm_excel the .xlsx writer and reader (loaded on demand). Each gives
# pkg/<entry>.js + pkg/<entry>_bg.wasm; public/boot.js picks one and loads others on demand
# (globalThis.ntmLoad). docs/architecture.md, "Entries".
ENTRIES=(ntm_app xa ntm_excel)
# Never Debian's wasm-opt (binaryen 108): it silently breaks wasm-bindgen 0.2.130 output.
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"

command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found: run scripts/setup.sh"
[[ -x "$WASM_OPT" ]] || die "node_modules/.bin/wasm-opt not found: run scripts/setup.sh"

if [[ -n "$RULES_FILE" ]]; then
  # Checked before the long build: a bad file stops it with the core's message.
  say "rules file: $RULES_FILE"
  bash scripts/deploy-rules.sh --check "$RULES_FILE" || die "RULES_FILE bị từ chối (xem thông báo ở trên)"
fi

# The pinned nightly (scripts/setup.sh installs it) rebuilds std for size, and a panic is a bare
# trap: no panic formatting, messages or source locations in the download (issue 11: −42 KB gzip
# on the commune's first load). boot.js shows a message if the app ever traps. Everything else
# (clippy, tests, the CLI) stays on stable. The flags add to .cargo/config.toml's.
WASM_TOOLCHAIN="$(head -n1 scripts/wasm-toolchain)"
say "cargo +$WASM_TOOLCHAIN build --release --target wasm32-unknown-unknown -p ntm-app (${ENTRIES[*]}; std rebuilt for size)"
cargo "+$WASM_TOOLCHAIN" build --release --target wasm32-unknown-unknown -p ntm-app \
  --config 'target.wasm32-unknown-unknown.rustflags = ["-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none", "--cfg", "ntm_speed"]' \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
  $(printf -- '--bin %s ' "${ENTRIES[@]}")

rm -rf "$DIST"
mkdir -p "$DIST/pkg"
for entry in "${ENTRIES[@]}"; do
  say "wasm-bindgen $entry → dist/pkg"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$DIST/pkg" "target/wasm32-unknown-unknown/release/$entry.wasm"
  wasm="$DIST/pkg/${entry}_bg.wasm"
  if [[ "${NO_WASM_OPT:-0}" == "1" ]]; then
    say "  wasm-opt: skipped (NO_WASM_OPT=1)"
    continue
  fi
  # The features rustc 1.95 enables by default for wasm32-unknown-unknown
  # (bulk memory, non-trapping float-to-int, sign-ext, mutable globals, multivalue,
  # reference types); wasm-opt must be told, or it refuses/rewrites them.
  "$WASM_OPT" -Oz \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-multivalue --enable-reference-types \
    -o "$wasm.opt" "$wasm"
  say "  wasm-opt -Oz: $(stat -c %s "$wasm") B before, $(stat -c %s "$wasm.opt") B after"
  mv "$wasm.opt" "$wasm"
done

say "copy public/ → dist/"
if compgen -G "public/*" >/dev/null; then
  cp -R public/. "$DIST/"
else
  say "  (public/ is empty)"
fi
[[ -f "$DIST/index.html" ]] || die "dist/index.html missing (public/index.html?)"

if [[ -n "$RULES_FILE" ]]; then
  say "rules file → dist/bo-tieu-chi.json"
  cp "$RULES_FILE" "$DIST/bo-tieu-chi.json"
fi

say "content-hashed names + the service worker's precache list (scripts/precache.mjs)"
node scripts/precache.mjs "$DIST"

say "sizes (raw / gzip -9):"
size_line() {
  local f="$1"
  printf '  %-36s %9s B  %9s B gzip\n' "${f#"$DIST"/}" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
}
while IFS= read -r -d '' f; do size_line "$f"; done < <(find "$DIST" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0 | sort -z)
say "done: $DIST"
