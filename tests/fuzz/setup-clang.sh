#!/usr/bin/env bash
# Installs clang and its sanitizer/libFuzzer runtimes (Debian's clang and
# libclang-rt-14-dev) when a fuzz target cannot be linked, the way
# tools/setup.sh installs the build tools: as root with apt, otherwise it
# prints the exact command and fails.
set -euo pipefail
cc=${FUZZ_CC:-clang}
probe() {
  local dir
  dir=$(mktemp -d)
  printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$dir/t.c"
  "$cc" -fsanitize=fuzzer,address,undefined "$dir/t.c" -o "$dir/t" >/dev/null 2>&1
  local ok=$?
  rm -rf "$dir"
  return $ok
}
probe && exit 0
pkgs="clang libclang-rt-14-dev"
if [ "$(id -u)" = 0 ]; then
  echo "setup-clang: installing $pkgs"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
  probe || { echo "setup-clang: $cc still cannot link -fsanitize=fuzzer" >&2; exit 1; }
else
  echo "setup-clang: $cc cannot link -fsanitize=fuzzer,address,undefined; run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y $pkgs" >&2
  exit 1
fi
