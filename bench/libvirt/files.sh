#!/usr/bin/env bash
# Prints, one per line, the translation units of libvirt's src/{qemu,util,conf,cpu,
# security} that build/compile_commands.json lists (absolute paths; --relative for
# paths relative to the source tree). Each file once, sorted.
#   bench/libvirt/files.sh [--relative]
# The tree is the one bench/libvirt/setup.sh prepared under
# ${LW_LIBVIRT_DIR:-/var/tmp/lockwarden-libvirt}.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${LW_LIBVIRT_DIR:-/var/tmp/lockwarden-libvirt}
build=
for d in "$dir"/libvirt-[0-9]*/build; do
  if [ -f "$d/compile_commands.json" ]; then build=$d; fi
done
if [ -z "$build" ]; then
  echo "files.sh: error: no libvirt-*/build/compile_commands.json under $dir; run bench/libvirt/setup.sh" >&2
  exit 2
fi
exec /usr/bin/python3 "$here/corpus.py" files --build "$build" "$@"
