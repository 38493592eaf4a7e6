#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing.
#   tools/setup.sh build     emcc, a C compiler, node + npm, npm packages
#   tools/setup.sh test      the above, plus Chromium for the browser tests
# As root it installs Debian packages itself; otherwise it prints the command.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-build}

missing=()
command -v emcc >/dev/null 2>&1 || missing+=(emscripten)
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "$want" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi

if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}; run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# npm ci when node_modules is absent or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
