#!/usr/bin/env bash
# Builds lockwarden for LLVM 19 in build/, writes a compilation database for the
# bundled example (examples/driver/*.c, a small multi-file libvirt-style driver) and
# runs `lockwarden -p` over it: every file analysed, linked, one report.
# Findings are the point of the example: exit 0 with findings, non-zero only if
# something could not be analysed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh 19
cmake -S . -B build
cmake --build build -j2

# A compilation database for the example, as a build system would write it.
mkdir -p build/example
python3 - <<'PY'
import json, os
root = os.getcwd()
src = os.path.join(root, "examples", "driver")
units = sorted(f for f in os.listdir(src) if f.endswith(".c"))
db = [{"directory": src,
       "arguments": ["cc", "-std=gnu11", "-I" + os.path.join(root, "annotations"), "-c", f, "-o", f[:-2] + ".o"],
       "file": os.path.join(src, f)} for f in units]
with open(os.path.join(root, "build", "example", "compile_commands.json"), "w") as out:
    json.dump(db, out, indent=2)
PY

# Whole-program mode: every file's facts, linked, one report. Findings are the
# point of the example: exit status 1 (findings) is success here.
status=0
build/bin/lockwarden -p build/example || status=$?
if [ "$status" -gt 1 ]; then
  exit "$status"
fi
exit 0
