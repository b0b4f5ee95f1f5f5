#!/usr/bin/env bash
# Chung Sức — install what the build and the tests need, and only what is missing.
# Safe to run again: every step first checks whether its tool is already there.
#   - Rust target wasm32-unknown-unknown (rustup), and the pinned nightly of scripts/wasm-toolchain
#     with rust-src for the app's release build
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (crates.io)
#   - Debian's chromium + chromium-driver (apt-get), for the end-to-end tests
#   - Debian's firefox-esr, webkit2gtk-driver (WebKitGTK's MiniBrowser + WebKitWebDriver) and xvfb
#     (apt-get), and geckodriver (crates.io), for the cross-engine smoke tests
#   - npm devDependencies (playwright-core, selenium-webdriver, axe-core, binaryen's wasm-opt, lighthouse for scripts/bench-load.mjs) into ./node_modules
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ -t 1 ]]; then C_B=$'\033[1;34m' C_R=$'\033[1;31m' C_0=$'\033[0m'; else C_B="" C_R="" C_0=""; fi
say() { printf "%s[setup]%s %s\n" "$C_B" "$C_0" "$*"; }
die() { printf "%s[setup] LỖI / ERROR:%s %s\n" "$C_R" "$C_0" "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
command -v node >/dev/null || die "node not found: install Node.js 20+ first"
command -v npm >/dev/null || die "npm not found: install Node.js 20+ (with npm) first"

# 1. wasm32 target -------------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
  say "Rust target wasm32-unknown-unknown: already installed"
else
  say "Rust target wasm32-unknown-unknown: installing (rustup target add)"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The pinned nightly the app's release build uses (scripts/build.sh: std rebuilt for size,
#     panics as a bare trap), with the standard library's source and the wasm32 target ----------
WASM_TOOLCHAIN="$(head -n1 scripts/wasm-toolchain)"
if rustup run "$WASM_TOOLCHAIN" rustc --version >/dev/null 2>&1 \
   && rustup component list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null | grep -qx 'rust-src' \
   && rustup target list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
  say "Rust $WASM_TOOLCHAIN (rust-src, wasm32): already installed"
else
  say "Rust $WASM_TOOLCHAIN: installing (rustup; the app's release build, about 1 minute)"
  rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli, the exact version pinned in Cargo.lock --------------------
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[[ -n "$WBG_VERSION" ]] || die "could not read the wasm-bindgen version from Cargo.lock"
have_wbg="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$have_wbg" == "$WBG_VERSION" ]]; then
  say "wasm-bindgen-cli $WBG_VERSION: already installed"
else
  say "wasm-bindgen-cli: have '${have_wbg:-none}', need $WBG_VERSION — installing with cargo (about 2 minutes)"
  # Not --locked: the CLI's own lockfile wants a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
  have_wbg="$(wasm-bindgen --version | awk '{print $2}')"
  [[ "$have_wbg" == "$WBG_VERSION" ]] || die "wasm-bindgen --version prints $have_wbg, expected $WBG_VERSION"
fi

# 3. Chromium (Debian's) for the end-to-end tests -------------------------------
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  say "chromium + chromium-driver: already installed ($(/usr/bin/chromium --version 2>/dev/null || echo '?'))"
else
  SUDO=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || die "chromium is missing and we are not root (no sudo): run 'apt-get install chromium chromium-driver' as root"
    SUDO="sudo"
  fi
  say "chromium: installing Debian's chromium and chromium-driver (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends chromium chromium-driver; then
    say "apt-get install failed — running apt-get update and trying again"
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
  fi
  [[ -x /usr/bin/chromium ]] || die "chromium still missing after apt-get install"
fi

# 4. Firefox ESR, WebKitGTK and Xvfb (Debian's) for the cross-engine smoke tests -------------
webkit_ok() { command -v WebKitWebDriver >/dev/null && dpkg -s webkit2gtk-driver >/dev/null 2>&1; }
if [[ -x /usr/bin/firefox-esr ]] && webkit_ok && command -v Xvfb >/dev/null; then
  say "firefox-esr + webkit2gtk-driver + xvfb: already installed ($(/usr/bin/firefox-esr --version 2>/dev/null || echo '?'); WebKitGTK $(dpkg-query -W -f='${Version}' webkit2gtk-driver))"
else
  SUDO=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || die "firefox-esr/webkit2gtk-driver/xvfb missing and we are not root (no sudo): run 'apt-get install firefox-esr webkit2gtk-driver xvfb' as root"
    SUDO="sudo"
  fi
  say "firefox-esr, webkit2gtk-driver, xvfb: installing Debian's packages (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y --no-install-recommends firefox-esr webkit2gtk-driver xvfb; then
    say "apt-get install failed — running apt-get update and trying again"
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends firefox-esr webkit2gtk-driver xvfb
  fi
  [[ -x /usr/bin/firefox-esr ]] || die "firefox-esr still missing after apt-get install"
  webkit_ok || die "WebKitWebDriver still missing after apt-get install"
  command -v Xvfb >/dev/null || die "Xvfb still missing after apt-get install"
fi

# 5. geckodriver (crates.io) — the WebDriver server in front of Firefox ----------------------
if geckodriver --version >/dev/null 2>&1; then
  say "geckodriver: already installed ($(geckodriver --version | head -n1))"
else
  say "geckodriver: installing with cargo (about 2 minutes)"
  if ! cargo install geckodriver --locked; then
    say "cargo install --locked failed — trying without --locked"
    cargo install geckodriver
  fi
  geckodriver --version >/dev/null 2>&1 || die "geckodriver --version fails after cargo install"
fi

# 6. npm packages (playwright-core, selenium-webdriver, axe-core, binaryen) ----------------------------
npm_ok() {
  [[ -x node_modules/.bin/wasm-opt && -f node_modules/playwright-core/package.json \
     && -f node_modules/selenium-webdriver/package.json && -f node_modules/axe-core/axe.min.js ]] || return 1
  # Installed versions must match what package-lock.json pins.
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [p, info] of Object.entries(lock.packages || {})) {
      if (!p) continue;
      let got;
      try { got = JSON.parse(fs.readFileSync(p + "/package.json", "utf8")).version; } catch { process.exit(1); }
      if (got !== info.version) process.exit(1);
    }' 2>/dev/null
}
if [[ -f package-lock.json ]]; then
  if npm_ok; then
    say "npm packages (playwright-core, selenium-webdriver, axe-core, binaryen): already installed as locked"
  else
    say "npm packages: installing from package-lock.json (npm ci)"
    npm ci --no-audit --no-fund
  fi
else
  say "npm packages: no package-lock.json — npm install"
  npm install --no-audit --no-fund
fi
say "wasm-opt: $(node_modules/.bin/wasm-opt --version)"

say "done"
