#!/usr/bin/env bash
# Installs, from Debian's archive, what building and testing lockwarden needs for the
# LLVM/Clang major versions given (default: 14 19). Installs only what is missing, and
# does nothing (no apt-get update) when all is there. Needs root only when installing.
#
#   scripts/deps.sh            # LLVM 14 and 19
#   scripts/deps.sh 19         # LLVM 19 (plus llvm-14-tools, whose lit.py the tests use)
#   scripts/deps.sh fuzz       # what scripts/fuzz.sh needs (LLVM 19 and its libFuzzer); the
#                              # build and the tests do not need it
set -euo pipefail

versions=()
fuzz=0
for a in "$@"; do
  if [ "$a" = fuzz ]; then fuzz=1; versions+=(19); else versions+=("$a"); fi
done
if [ ${#versions[@]} -eq 0 ]; then
  versions=(14 19)
fi

pkgs=(cmake make gcc g++ python3 pkg-config libcmocka-dev libjansson-dev libmsgpack-dev libyaml-dev libxxhash-dev libglib2.0-dev sparse meson ninja-build
      llvm-14-tools)
for n in "${versions[@]}"; do
  case "$n" in
    ''|*[!0-9]*) echo "deps.sh: error: '$n' is not an LLVM major version (e.g. 19)" >&2; exit 2 ;;
  esac
  pkgs+=("clang-$n" "llvm-$n-dev" "libclang-$n-dev" "llvm-$n-tools")
done

if [ "$fuzz" -eq 1 ]; then
  pkgs+=(libclang-rt-19-dev)
fi

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then
    case " ${missing[*]-} " in *" $p "*) ;; *) missing+=("$p") ;; esac
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps.sh: all present for LLVM ${versions[*]}"
  exit 0
fi

echo "deps.sh: missing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "deps.sh: error: not root; install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "deps.sh: installed: ${missing[*]}"
