#!/usr/bin/env bash
# A small mutation check: does the suite go red when the code breaks?
#
# Usage:
#   bash scripts/mutants.sh [--list FILE] [--llvm N] [--only NAME]... [-j N] [--check]
#
#   --list FILE  the mutants (default scripts/mutants.txt; format below)
#   --llvm N     the LLVM/Clang major version to build and test with (default 19,
#                or $LW_LLVM_VERSION)
#   --only NAME  run only this mutant (repeatable)
#   -j N         build jobs (default 2)
#   --check      only check the list: every file exists and every anchor occurs
#                exactly once (no build)
#
# For each mutant the script copies the tree (without build/ and .git) to a scratch
# folder, $LW_MUTANTS_DIR (default build/mutants), replaces the mutant's anchor text
# in its file, builds in a scratch build folder that is kept between mutants and
# between runs (so only the changed file recompiles), runs ctest, and puts the file
# back.  A mutant is KILLED when ctest fails (the failing tests are named) and
# SURVIVED when the whole suite passes.  The unmutated tree is built and tested
# first: if it is already red, nothing can be learnt and the script stops.  Each
# mutant's ctest output is kept in <scratch>/logs/<name>.log.
#
# Exit status: 0 every mutant was killed; 1 some survived; 2 the list is broken
# (an anchor not found exactly once, a file missing, a mutant that does not
# compile) or the unmutated suite fails.
#
# The list: blocks separated by blank lines, '#' starts a comment line.
#
#   [name]                   a short id, unique in the list
#   file: checker/core/ir.c  the file, relative to the top of the tree
#   find: TEXT               text that must occur exactly once in the file
#   replace: TEXT            what it becomes
#
# TEXT is the rest of the line after "find: " / "replace: ", taken literally
# except for the escapes \n (newline), \t (tab) and \\ (backslash), so an anchor
# can span lines and keep its indentation.  An anchor that does not occur exactly
# once makes the script refuse to run (exit 2), so the list cannot silently rot
# when the code it names changes.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
top=$(pwd -P)

list=scripts/mutants.txt
llvm=${LW_LLVM_VERSION:-19}
jobs=2
only=()
check_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --list) list=$2; shift 2 ;;
    --llvm) llvm=$2; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    --check) check_only=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "mutants.sh: error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# The list's parser and the text replacement, in Python (exact substrings,
# multi-line anchors).  Subcommands:
#   names LIST TOP        checks the list against TOP; prints "name<TAB>file" lines
#   apply LIST TOP NAME DEST   writes TOP/file with NAME's change to DEST/file
tool() {
  python3 - "$@" <<'PY'
import os, re, sys

def die(msg):
    sys.stderr.write("mutants.sh: error: " + msg + "\n")
    sys.exit(2)

def unescape(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}.get(m.group(1), m.group(0)), s)

def parse(path):
    try:
        lines = open(path, encoding="utf-8").read().split("\n")
    except OSError as e:
        die("%s: %s" % (path, e.strerror))
    muts, cur = [], None
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[([A-Za-z0-9_.-]+)\]", line.strip())
        if m:
            cur = {"name": m.group(1), "line": no}
            muts.append(cur)
            continue
        m = re.match(r"(file|find|replace): ?(.*)$", line)
        if not m or cur is None:
            die("%s:%d: expected '[name]', 'file:', 'find:' or 'replace:'" % (path, no))
        if m.group(1) in cur:
            die("%s:%d: a second '%s:' in mutant '%s'" % (path, no, m.group(1), cur["name"]))
        cur[m.group(1)] = m.group(2) if m.group(1) == "file" else unescape(m.group(2))
    seen = set()
    for mu in muts:
        for k in ("file", "find", "replace"):
            if k not in mu:
                die("%s:%d: mutant '%s' has no '%s:'" % (path, mu["line"], mu["name"], k))
        if mu["name"] in seen:
            die("%s:%d: a second mutant named '%s'" % (path, mu["line"], mu["name"]))
        seen.add(mu["name"])
        if mu["find"] == mu["replace"]:
            die("%s:%d: mutant '%s' changes nothing" % (path, mu["line"], mu["name"]))
    return muts

def source(top, mu, listpath):
    p = os.path.join(top, mu["file"])
    try:
        text = open(p, encoding="utf-8").read()
    except OSError as e:
        die("%s:%d: mutant '%s': %s: %s" % (listpath, mu["line"], mu["name"], mu["file"], e.strerror))
    n = text.count(mu["find"])
    if n != 1:
        die("%s:%d: mutant '%s': its anchor occurs %d times in %s (must be exactly once)"
            % (listpath, mu["line"], mu["name"], n, mu["file"]))
    return text

cmd, listpath, top = sys.argv[1], sys.argv[2], sys.argv[3]
muts = parse(listpath)
if cmd == "names":
    if not muts:
        die("%s: no mutants" % listpath)
    for mu in muts:
        source(top, mu, listpath)
        print("%s\t%s" % (mu["name"], mu["file"]))
elif cmd == "apply":
    name, dest = sys.argv[4], sys.argv[5]
    mu = next((m for m in muts if m["name"] == name), None)
    if mu is None:
        die("no mutant named '%s' in %s" % (name, listpath))
    text = source(top, mu, listpath)
    with open(os.path.join(dest, mu["file"]), "w", encoding="utf-8") as f:
        f.write(text.replace(mu["find"], mu["replace"]))
PY
}

table=$(tool names "$list" "$top") || exit 2
names=()
files=()
while IFS=$'\t' read -r n f; do
  if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qxF -- "$n"; then
    continue
  fi
  names+=("$n")
  files+=("$f")
done <<<"$table"
for o in "${only[@]+"${only[@]}"}"; do
  grep -qP "^\Q$o\E\t" <<<"$table" || { echo "mutants.sh: error: no mutant named '$o' in $list" >&2; exit 2; }
done
echo "mutants.sh: $list: ${#names[@]} mutant(s), anchors found once each"
[ "$check_only" -eq 1 ] && exit 0

scratch=${LW_MUTANTS_DIR:-build/mutants}
mkdir -p "$scratch" || exit 2
scratch=$(cd "$scratch" && pwd -P)
src=$scratch/src
bld=$scratch/build-llvm-$llvm
logs=$scratch/logs
case "$src/" in
  "$top"/build/*|"$top"/build-*) ;;
  "$top"/*) echo "mutants.sh: error: the scratch folder $scratch is inside the tree but not under build/" >&2; exit 2 ;;
esac

# A fresh copy of the tree.  tar keeps modification times, so the kept build
# folder recompiles only what changed since the last run.  A file mutated by an
# earlier run has object files newer than its original: every file ever
# mutated in this scratch folder (recorded in <scratch>/mutated) and every file
# of the list is touched, so that it is compiled again from the original.
rm -rf "$src" && mkdir -p "$src" "$logs" || exit 2
tar -C "$top" --exclude=./build --exclude='./build-*' --exclude=./.git -cf - . | tar -C "$src" -xf - || exit 2
touch "$scratch/mutated"
{ cut -f2 <<<"$table"; cat "$scratch/mutated"; } | sort -u | while IFS= read -r f; do
  if [ -f "$src/$f" ]; then
    touch "$src/$f"
  fi
done

build() {
  cmake -S "$src" -B "$bld" -DLLVM_VERSION="$llvm" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$1" 2>&1 &&
    cmake --build "$bld" -j"$jobs" >>"$1" 2>&1
}

# ctest's failing tests, from its summary ("  3 - unit-options (Failed)").
failed_tests() {
  sed -n '/The following tests FAILED:/,$p' "$1" | sed -nE 's/^[[:space:]]*[0-9]+ - ([^ ]+) .*/\1/p' | paste -sd, -
}

echo "==== the unmutated tree (LLVM $llvm) ===="
if ! build "$logs/unmutated.build.log"; then
  echo "mutants.sh: error: the unmutated tree does not build; see $logs/unmutated.build.log" >&2
  exit 2
fi
if ! ctest --test-dir "$bld" --output-on-failure --no-tests=error --timeout 600 >"$logs/unmutated.log" 2>&1; then
  echo "mutants.sh: error: the suite fails without any mutant ($(failed_tests "$logs/unmutated.log")); see $logs/unmutated.log" >&2
  exit 2
fi

results=()
survived=0
broken=0
for i in "${!names[@]}"; do
  n=${names[$i]}
  f=${files[$i]}
  echo "==== mutant $n ($f) ===="
  grep -qxF -- "$f" "$scratch/mutated" || echo "$f" >>"$scratch/mutated"
  tool apply "$list" "$top" "$n" "$src" || exit 2
  if ! build "$logs/$n.build.log"; then
    results+=("NOBUILD   $n  (see $logs/$n.build.log)")
    broken=$((broken + 1))
  elif ctest --test-dir "$bld" --output-on-failure --no-tests=error --stop-on-failure --timeout 600 >"$logs/$n.log" 2>&1; then
    results+=("SURVIVED  $n")
    survived=$((survived + 1))
  else
    results+=("KILLED    $n  (by $(failed_tests "$logs/$n.log"))")
  fi
  # Back to the original, newer than the mutant's object files.
  cp "$top/$f" "$src/$f" && touch "$src/$f" || exit 2
done

echo "==== summary ===="
printf '%s\n' "${results[@]}"
echo "${#names[@]} mutants: $((${#names[@]} - survived - broken)) killed, $survived survived, $broken did not build"
if [ "$broken" -gt 0 ]; then
  exit 2
fi
[ "$survived" -eq 0 ]
