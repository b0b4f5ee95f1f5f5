#!/usr/bin/env bash
# Chung Sức — benchmark figures (not a test): the same 10 000 generated dossiers evaluated
# natively (the `ntm` CLI) and as WASM in headless Chromium (wasm-bindgen-test-runner).
# First `ntm evaluate` and `ntm consolidate` over 10 000 files against the floor of parsing the same
# files into serde_json::Value, with the ratios; `--cli-only` stops after that part.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
RULES=tests/cases/rules/kiem-thu-day-du.json

CLI_ONLY=0
[[ "${1:-}" == "--cli-only" ]] && CLI_ONLY=1

# The CLI end to end against its floor: the same files read and parsed into serde_json::Value.
echo "[bench] CLI: ntm over 10 000 dossier files (profile cli), against parsing them"
cargo build -q --profile cli -p ntm-core --features cli --bin ntm
NTM="$ROOT/target/cli/ntm"
FILES="$(mktemp -d)"
trap 'rm -rf "$FILES"' EXIT
"$NTM" sample --count 10000 --out "$FILES" >/dev/null
# Best of three runs each, so a passing load spike does not decide the figure.
best_ms() {
  local best=""
  for _ in 1 2 3; do
    local t0 t1 ms
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    [[ -z "$best" || $ms -lt $best ]] && best=$ms
  done
  echo "$best"
}
(
  cd "$FILES"
  floor=$(best_ms "$NTM" parse-only ./*.json)
  eval_ms=$(best_ms "$NTM" evaluate ./*.json)
  cons_ms=$(best_ms "$NTM" consolidate ./*.json)
  echo "  đọc + phân tích JSON (sàn): ${floor} ms"
  awk -v f="$floor" -v e="$eval_ms" -v c="$cons_ms" 'BEGIN {
    printf "  ntm evaluate:               %d ms (%.2f× sàn)\n", e, e / f
    printf "  ntm consolidate:            %d ms (%.2f× sàn)\n", c, c / f }'
  echo "  tải máy: $(uptime | sed 's/.*load average/load average/')"
)
[[ $CLI_ONLY == 1 ]] && exit 0

echo "[bench] setup (installs what is missing)"
bash scripts/setup.sh >/dev/null

echo "[bench] native: cargo run --profile cli … ntm bench --count 10000"
cargo run -q --profile cli -p ntm-core --features cli --bin ntm -- bench --count 10000 --rules "$RULES"

echo "[bench] WASM in headless Chromium (release profile, as shipped: opt-level z)"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release -p ntm-core --target wasm32-unknown-unknown --test wasm_bench -- --nocapture 2>&1 \
  | grep -E "WASM|đọc|đánh giá|xuất|test result"

echo "[bench] browser: import 1 000 dossier files on the Tổng hợp page (built app, headless Chromium)"
[[ -f dist/index.html ]] || bash scripts/build.sh >/dev/null
SAMPLES="$(mktemp -d)"
trap 'rm -rf "$SAMPLES" "$FILES"' EXIT
cargo run -q --profile cli -p ntm-core --features cli --bin ntm -- sample --count 1000 --out "$SAMPLES" >/dev/null
node tests/bench/import-files.mjs "$SAMPLES"

echo "[bench] first load: time-to-usable at 1,6 Mbit/s / 150 ms (gzip), commune entry and full app; Lighthouse"
node scripts/bench-load.mjs
