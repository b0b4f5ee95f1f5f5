#!/usr/bin/env bash
# Chung Sức — install what is missing, build, and serve the app at http://127.0.0.1:8080
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${PORT:-8080}"

if [[ -t 1 ]]; then C_B=$'\033[1;34m' C_R=$'\033[1;31m' C_0=$'\033[0m'; else C_B="" C_R="" C_0=""; fi
say() { printf "%s[serve]%s %s\n" "$C_B" "$C_0" "$*"; }

say "1/3 setup (installs only what is missing)"
bash scripts/setup.sh
say "2/3 build"
bash scripts/build.sh
say "3/3 serving dist/ — mở / open  http://127.0.0.1:${PORT}/   (Ctrl+C để dừng / to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
