#!/usr/bin/env bash
# Builds lockwarden for the newest installed LLVM (19 by default) in build/, then runs the
# plugin over the bundled example, examples/driver/*.c, and prints its diagnostics.
# Warnings are the point of the example: exit 0 with warnings, 1 only if clang failed
# (a compile error or a plugin that did not load).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh 19
cmake -S . -B build
cmake --build build -j2

clang=$(cat build/lw-clang)
plugin=build/lib/lockwarden.so

shopt -s nullglob
files=(examples/driver/*.c)
if [ ${#files[@]} -eq 0 ]; then
  echo "example.sh: error: no examples/driver/*.c" >&2
  exit 1
fi

status=0
for f in "${files[@]}"; do
  echo "==== $f ===="
  "$clang" -fplugin="$plugin" -fsyntax-only -I annotations -I examples/driver "$f" || status=1
done
exit "$status"
