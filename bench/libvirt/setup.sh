#!/usr/bin/env bash
# Prepares libvirt 9.0.0 (Debian 12's source package) as a corpus for lockwarden:
# the source, its build dependencies, a meson build directory whose
# compile_commands.json covers src/{qemu,util,conf,cpu,security}, and the generated
# headers those translation units include. Then checks that every such TU parses
# with clang (-fsyntax-only) and prints a summary. See bench/libvirt/README.md.
#
#   bench/libvirt/setup.sh
#
# Variables:
#   LW_LIBVIRT_DIR   where libvirt goes (default /var/tmp/lockwarden-libvirt); never
#                    inside this repository
#   LW_CLANG         the clang used for the check (default clang-19)
#   LW_JOBS          parallel jobs for ninja and the check (default: nproc)
#
# Idempotent: every step is skipped when its result is already there (stamp files
# in the folder, or meson's and ninja's own state). Exit 0 when every TU parses, 1
# otherwise (after the summary), 2 on a setup error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dir=${LW_LIBVIRT_DIR:-/var/tmp/lockwarden-libvirt}
clang=${LW_CLANG:-clang-19}
jobs=${LW_JOBS:-$(nproc)}
# Debian's own tools first: meson, python3 (libvirt's generators), rpcgen. A pyenv or
# other python3 earlier in PATH would otherwise be picked up by meson's find_program.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export DEBIAN_FRONTEND=noninteractive
py=/usr/bin/python3

die() { echo "setup.sh: error: $*" >&2; exit 2; }
log() { echo "setup.sh: $*"; }

dir=$(realpath -m "$dir")
case "$dir/" in
  "$(realpath "$repo")/"*) die "LW_LIBVIRT_DIR ($dir) is inside the repository; put it elsewhere" ;;
esac
mkdir -p "$dir"
log "libvirt folder: $dir"

need_root() {
  [ "$(id -u)" -eq 0 ] || die "$1 needs root (apt-get); run as root or do it by hand"
}

# --- timing -------------------------------------------------------------------
declare -a step_names=() step_secs=() step_notes=()
step() { # step NAME FUNCTION: runs FUNCTION, records its wall time and its note
  local name=$1 fn=$2 t0 t1
  note=done
  log "== $name"
  t0=$(date +%s.%N)
  "$fn"
  t1=$(date +%s.%N)
  step_names+=("$name"); step_secs+=("$(echo "$t1 - $t0" | bc)"); step_notes+=("$note")
  printf 'setup.sh: == %s: %.1f s (%s)\n' "$name" "$(echo "$t1 - $t0" | bc)" "$note"
}
print_times() {
  local i
  echo "setup.sh: step times (this run):"
  for i in "${!step_names[@]}"; do
    printf '  %-22s %8.1f s  %s\n' "${step_names[$i]}" "${step_secs[$i]}" "${step_notes[$i]}"
  done
}

# --- 2. deb-src ------------------------------------------------------------------
# Looks at the active apt sources (sources.list, sources.list.d/*.list and *.sources),
# in both formats. If no enabled deb-src entry covers this release's suite, writes
# /etc/apt/sources.list.d/lockwarden-deb-src.sources with the URIs, suites,
# components and Signed-By of the existing `deb` entries for this release (suites
# named after VERSION_CODENAME: bookworm, bookworm-updates, bookworm-security...;
# third-party repositories are left out, they seldom serve sources).
srcfile=/etc/apt/sources.list.d/lockwarden-deb-src.sources
sources_py='
import glob, os, re, sys
codename = ""
for line in open("/etc/os-release"):
    if line.startswith("VERSION_CODENAME="):
        codename = line.split("=", 1)[1].strip().strip("\"")
if not codename:
    sys.exit("no VERSION_CODENAME in /etc/os-release")
def ours(suite):
    return suite == codename or suite.startswith(codename + "-") or suite.startswith(codename + "/")
files = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")) \
        + sorted(glob.glob("/etc/apt/sources.list.d/*.sources"))
entries = []  # (types, uris, suites, components, signed_by)
for f in files:
    if not os.path.isfile(f):
        continue
    text = open(f, encoding="utf-8", errors="replace").read()
    if f.endswith(".list"):
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            m = re.match(r"(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$", line)
            if not m:
                continue
            opts = dict(o.split("=", 1) for o in (m.group(2) or "").split() if "=" in o)
            entries.append(([m.group(1)], [m.group(3)], [m.group(4)], m.group(5).split(),
                            opts.get("signed-by", "")))
    else:
        for para in re.split(r"\n\s*\n", text):
            fields, key = {}, None
            for line in para.splitlines():
                if line.startswith("#") or not line.strip():
                    continue
                if line[0] in " \t" and key:
                    fields[key] += "\n" + line.strip()
                    continue
                if ":" in line:
                    key, val = line.split(":", 1)
                    key = key.strip().lower()
                    fields[key] = val.strip()
            if "types" not in fields or fields.get("enabled", "yes").lower() == "no":
                continue
            entries.append((fields["types"].split(), fields.get("uris", "").split(),
                            fields.get("suites", "").split(), fields.get("components", "").split(),
                            fields.get("signed-by", "")))
if any("deb-src" in t and any(ours(s) for s in su) for t, u, su, c, sb in entries):
    print("present")
    sys.exit(0)
out = []
for t, u, su, c, sb in entries:
    su = [s for s in su if ours(s)]
    if "deb" not in t or not su or not u:
        continue
    para = ["Types: deb-src", "URIs: " + " ".join(u), "Suites: " + " ".join(su),
            "Components: " + " ".join(c)]
    if sb and "\n" not in sb:
        para.append("Signed-By: " + sb)
    out.append("\n".join(para))
if not out:
    sys.exit("no deb entry for suite %s in the apt sources: cannot derive a deb-src line" % codename)
print("# Written by lockwarden bench/libvirt/setup.sh: source packages for the")
print("# suites of the deb entries already here (apt-get source / build-dep).")
print("# Remove this file to undo.")
print("\n\n".join(out))
'
src_known() { # does apt know the source package? (grep reads all: no SIGPIPE under pipefail)
  apt-cache showsrc libvirt 2>/dev/null | grep '^Package: libvirt$' >/dev/null
}
step_sources() {
  local res
  res=$($py -c "$sources_py") || die "reading the apt sources failed"
  local added=0
  if [ "$res" = present ]; then
    log "a deb-src entry for this release is there"
  else
    need_root "adding a deb-src entry"
    printf '%s\n' "$res" > "$srcfile"
    log "added $srcfile:"
    sed 's/^/    /' "$srcfile"
    added=1
  fi
  if [ $added -eq 1 ] || ! src_known; then
    need_root "apt-get update"
    log "apt-get update"
    apt-get update -qq
    src_known || die "apt knows no source package libvirt even after apt-get update"
    note="added deb-src=$added, apt-get update"
  else
    note="skipped (deb-src present, sources fetched)"
  fi
}

# --- 3. source and build dependencies -------------------------------------------------
src=
find_src() { # sets src to the unpacked source tree, if any
  src=
  local d
  for d in "$dir"/libvirt-[0-9]*/; do
    if [ -f "$d/meson.build" ] && [ -f "$d/debian/changelog" ]; then src=${d%/}; fi
  done
}
step_fetch() {
  find_src
  if [ -n "$src" ] && [ -f "$dir/.source.done" ]; then
    note="skipped (unpacked: ${src##*/})"
    return
  fi
  # An unpacked tree without the stamp is from an interrupted run: unpack again.
  # apt-get source reuses the downloaded files when their checksums match.
  if [ -n "$src" ]; then rm -rf "$src"; fi
  command -v dpkg-source >/dev/null || { need_root "installing dpkg-dev"; apt-get install -y -qq dpkg-dev; }
  (cd "$dir" && apt-get source -q libvirt)
  find_src
  [ -n "$src" ] || die "apt-get source libvirt unpacked nothing under $dir"
  touch "$dir/.source.done"
  note="fetched ${src##*/}"
  case ${src##*/} in
    libvirt-9.0.0) ;;
    *) log "warning: expected libvirt-9.0.0 (Debian 12's), apt gave ${src##*/}" ;;
  esac
}
step_builddep() {
  if [ -f "$dir/.build-dep.done" ] && (cd "$src" && dpkg-checkbuilddeps >/dev/null 2>&1); then
    note="skipped (stamp, dpkg-checkbuilddeps ok)"
    return
  fi
  need_root "apt-get build-dep"
  apt-get build-dep -y -q --no-install-recommends libvirt
  touch "$dir/.build-dep.done"
  note="apt-get build-dep ran"
}

# --- 4. meson setup -----------------------------------------------------------------------
# The QEMU driver is forced on, so that a missing dependency fails here rather than
# silently dropping src/qemu from compile_commands.json. Nothing is turned off: with
# Debian's build dependencies installed (step 3b) every "auto" feature of libvirt's
# meson_options.txt configures on Debian 12, and the security drivers (SELinux,
# AppArmor) that src/security's TUs need are among them. Only Hyper-V (openwsman),
# vz/Parallels (parallels-sdk), bhyve (FreeBSD), netcf and libkvm come out "NO",
# by themselves: none of them has a file in the five folders. Should an option
# have to go off on another machine, add -D<option>=disabled here with the reason.
meson_opts=(
  -Ddriver_qemu=enabled
)
step_configure() {
  local b="$src/build"
  if [ -f "$b/build.ninja" ] && [ -f "$b/compile_commands.json" ] && [ -f "$b/meson-private/coredata.dat" ]; then
    note="skipped (build/ configured)"
    return
  fi
  rm -rf "$b"
  (cd "$src" && meson setup build "${meson_opts[@]}") > "$dir/meson-setup.log" 2>&1 || {
    tail -40 "$dir/meson-setup.log" >&2
    die "meson setup failed; see $dir/meson-setup.log"
  }
  tail -5 "$dir/meson-setup.log"
  note="configured (${meson_opts[*]})"
}

# --- 5. generated headers ---------------------------------------------------------------
# Found by trying: corpus.py runs clang -fsyntax-only on every TU of the five folders,
# collects the headers reported missing, and maps each to the ninja target (a build
# output) of that name; those are built, the failed TUs checked again, until nothing
# new is missing. The targets found are kept in build/lockwarden-generated.txt; a
# later run only asks ninja to bring them up to date.
gen_list=
step_generated() {
  command -v "$clang" >/dev/null || { need_root "installing $clang"; apt-get install -y -qq --no-install-recommends "$clang"; }
  gen_list="$src/build/lockwarden-generated.txt"
  if [ -f "$gen_list" ]; then
    if [ -s "$gen_list" ]; then
      mapfile -t targets < "$gen_list"
      ninja -C "$src/build" -j "$jobs" "${targets[@]}" | tail -1
    fi
    note="up to date ($(wc -l < "$gen_list") targets, from an earlier run)"
    return
  fi
  local tmp="$src/build/lockwarden-generated.tmp"
  $py "$here/corpus.py" discover --build "$src/build" --clang "$clang" --jobs "$jobs" --out "$tmp"
  mv "$tmp" "$gen_list"
  note="built $(wc -l < "$gen_list") targets"
}

# --- 6. verify -----------------------------------------------------------------------------
verify_rc=0
step_verify() {
  $py "$here/corpus.py" verify --build "$src/build" --clang "$clang" --jobs "$jobs" \
    --log "$dir/verify.log" || verify_rc=$?
  [ $verify_rc -le 1 ] || die "corpus.py failed (exit $verify_rc)"
  if [ $verify_rc -eq 0 ]; then note="all parse"; else note="failures (see summary)"; fi
}

step "2 deb-src + update" step_sources
step "3a apt-get source" step_fetch
log "source tree: $src"
step "3b apt-get build-dep" step_builddep
step "4 meson setup" step_configure
step "5 generated headers" step_generated
step "6 verify (clang)" step_verify
print_times
log "folder size: $(du -sh "$dir" | cut -f1) ($dir)"
exit $verify_rc
