#!/usr/bin/env bash
# Chung Sức — benchmark figures (not a test): the same 10 000 generated dossiers evaluated
# natively (the `ntm` CLI) and as WASM in headless Chromium (wasm-bindgen-test-runner).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
RULES=tests/cases/rules/kiem-thu-day-du.json

echo "[bench] setup (installs what is missing)"
bash scripts/setup.sh >/dev/null

echo "[bench] native: cargo run --profile bench-cli … ntm bench --count 10000"
cargo run -q --profile bench-cli -p ntm-core --features cli --bin ntm -- bench --count 10000 --rules "$RULES"

echo "[bench] WASM in headless Chromium (release profile, as shipped: opt-level z)"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release -p ntm-core --target wasm32-unknown-unknown --test wasm_bench -- --nocapture 2>&1 \
  | grep -E "WASM|đọc|đánh giá|xuất|test result"

echo "[bench] browser: import 1 000 dossier files on the Tổng hợp page (built app, headless Chromium)"
[[ -f dist/index.html ]] || bash scripts/build.sh >/dev/null
SAMPLES="$(mktemp -d)"
trap 'rm -rf "$SAMPLES"' EXIT
cargo run -q --profile bench-cli -p ntm-core --features cli --bin ntm -- sample --count 1000 --out "$SAMPLES" >/dev/null
node tests/bench/import-files.mjs "$SAMPLES"
