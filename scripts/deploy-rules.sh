#!/usr/bin/env bash
# Chung Sức — ship a province's rules file with a built app, without rebuilding the wasm.
#
#   bash scripts/deploy-rules.sh DIST FILE.json    check FILE with the core, copy it to
#                                                  DIST/bo-tieu-chi.json, refresh the precache list
#   bash scripts/deploy-rules.sh DIST --remove     take the deployment's rules file away again
#   bash scripts/deploy-rules.sh --check FILE.json only check FILE (what build.sh does first)
#
# The app loads DIST/bo-tieu-chi.json at start (docs/rules-format.md, "Bộ tiêu chí của đơn vị
# triển khai"). Copying the file by hand is not enough: index.html and the service worker's list
# must name it, which scripts/precache.mjs writes.
# NTM_BIN=path/to/ntm skips building the command-line tool.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
NAME="bo-tieu-chi.json"

die() { printf "[deploy-rules] LỖI: %s\n" "$*" >&2; exit 1; }
usage() { die "cách dùng: deploy-rules.sh DIST TỆP.json | deploy-rules.sh DIST --remove | deploy-rules.sh --check TỆP.json"; }

# The core reads the file exactly as the app will; its Vietnamese message is the build's.
check() {
  local file="$1"
  [[ -f "$file" ]] || die "không thấy tệp bộ tiêu chí: $file"
  local ntm="${NTM_BIN:-}"
  if [[ -z "$ntm" ]]; then
    (cd "$ROOT" && cargo build -q -p ntm-core --features cli --bin ntm)
    ntm="$ROOT/target/debug/ntm"
  fi
  local out
  if ! out="$("$ntm" rules "$file" 2>&1)"; then
    die "tệp bộ tiêu chí không hợp lệ — ${out#Lỗi: }"
  fi
  IFS=$'\t' read -r id hash title <<<"$out"
  printf "[deploy-rules] hợp lệ: %s — %s (%s)\n" "$id" "$title" "${hash#sha256:}" | cut -c1-160
}

[[ $# -eq 2 ]] || usage
if [[ "$1" == "--check" ]]; then
  check "$2"
  exit 0
fi
DIST="$1"
[[ -f "$DIST/index.html" ]] || die "$DIST/index.html không có: hãy build trước (bash scripts/build.sh)"
if [[ "$2" == "--remove" ]]; then
  rm -f "$DIST/$NAME"
else
  check "$2"
  cp "$2" "$DIST/$NAME"
fi
node "$ROOT/scripts/precache.mjs" "$DIST"
