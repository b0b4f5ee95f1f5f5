#!/usr/bin/env bash
# Chung Sức — run every check and test (this is what CI runs through .ci/run).
#   setup → cargo fmt --check → clippy (native + wasm32) → cargo test (core unit + golden tests)
#   → bounded fuzzing of the import parsers → build the CLI → release build of the app → end-to-end tests in headless Chromium
#   → cross-engine smoke tests (Firefox ESR, WebKitGTK under Xvfb; tests/engines/).
# Stops at the first failing step, prints a summary with each step's time, exits non-zero on failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

if [[ -t 1 ]]; then C_B=$'\033[1;34m' C_G=$'\033[1;32m' C_R=$'\033[1;31m' C_0=$'\033[0m'; else C_B="" C_G="" C_R="" C_0=""; fi
say() { printf "%s[test]%s %s\n" "$C_B" "$C_0" "$*"; }

START_ALL=$SECONDS
declare -a NAMES=() RESULTS=() TIMES=()
CURRENT=""

summary() {
  local rc=$?
  echo
  echo "================ Chung Sức — test summary ================"
  local i
  for i in "${!NAMES[@]}"; do
    printf '  %-4s %-58s %4ss\n' "${RESULTS[$i]}" "${NAMES[$i]}" "${TIMES[$i]}"
  done
  if [[ -n "$CURRENT" ]]; then
    printf '  %-4s %-58s\n' "FAIL" "$CURRENT"
  fi
  local total=$((SECONDS - START_ALL))
  echo "  total time: $((total / 60)) min $((total % 60)) s"
  if [[ $rc -eq 0 ]]; then
    echo "${C_G}ALL STEPS PASSED${C_0}"
  else
    echo "${C_R}FAILED at: ${CURRENT:-?} (exit $rc)${C_0}"
  fi
  echo "=========================================================="
}
trap summary EXIT

step() {
  local name="$1"; shift
  CURRENT="$name"
  echo
  say "▶ $name"
  say "  \$ $*"
  local t0=$SECONDS
  "$@"
  NAMES+=("$name"); RESULTS+=("ok"); TIMES+=("$((SECONDS - t0))")
  CURRENT=""
}

step "setup (install what is missing)"          bash scripts/setup.sh
step "rustfmt check"                            cargo fmt --all -- --check
step "clippy, native, all targets"              cargo clippy --workspace --all-targets --all-features -- -D warnings
step "clippy, wasm32 (core + app)"               cargo clippy --workspace --target wasm32-unknown-unknown -- -D warnings
step "cargo test (core unit, golden, CLI tests)" cargo test --workspace --all-features
step "fuzz every import parser (bounded: 3 000 cases each)" env PROPTEST_CASES=3000 cargo test -p ntm-core --test fuzz_imports
step "build the CLI (ntm, profile cli)"         cargo build --profile cli -p ntm-core --features cli --bin ntm
step "release build of the app (dist/)"         bash scripts/build.sh
step "first-load size of each entry (budgets: scripts/size-budget.txt)" bash scripts/size.sh
e2e() {
  rm -rf tests/e2e/artifacts  # screenshots of this run only
  node --test "$@"
}

step "end-to-end tests (headless Chromium)"     e2e --test-concurrency=1 --test-reporter=spec tests/e2e/
step "cross-engine smoke (Firefox ESR, WebKitGTK)"  node --test --test-reporter=spec tests/engines/
