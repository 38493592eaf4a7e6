#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing.
#   tools/setup.sh build     emcc, a C compiler, node + npm, npm packages
#   tools/setup.sh test      the above, plus Chromium for the browser tests
# As root it installs Debian packages itself; otherwise it prints the command.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-build}

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing $*"
    export DEBIAN_FRONTEND=noninteractive
    [ -n "${apt_updated:-}" ] || { apt-get update -qq; apt_updated=1; }
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "setup: missing $*; run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $*" >&2
    exit 1
  fi
}

missing=()
command -v emcc >/dev/null 2>&1 || missing+=(emscripten)
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if [ "$want" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
((${#missing[@]} == 0)) || apt_install "${missing[@]}"

# Debian packages npm separately; some nodejs builds bundle it (and conflict
# with Debian's npm), so ask for it only once node is there without it.
command -v npm >/dev/null 2>&1 || apt_install npm

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "setup: Node.js $(node --version) is too old; 18 or later is needed (node --test)" >&2
  exit 1
fi

# npm ci when the installed tree (npm records it in node_modules/.package-lock.json)
# is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
