#!/usr/bin/env bash
# lockwarden's benchmark on libvirt 9.0.0 (src/{qemu,util,conf,cpu,security}, 226 TUs).
# Every figure is a ratio of two measurements of the same run, or a figure of the
# link step that --stats reports, so the machine's speed and load cancel out as far
# as possible.
#   bash bench/run.sh
# Variables:
#   LW_BUILD        lockwarden's build folder (default build/llvm-19 if it exists, else build)
#   LW_LIBVIRT_DIR  the folder bench/libvirt/setup.sh fills (default /var/tmp/lockwarden-libvirt)
#   LW_BENCH_OUT    where the raw measurements go (default /var/tmp/lockwarden-bench)
#   JOBS            parallel jobs for the whole-program runs (default 2)
#   REPEAT          runs per file and variant of the plugin overhead; per-file minimum (default 1)
#   PARTS           which parts to run (default "overhead whole incremental csa scale")
# Prints Markdown tables; they are also written to $LW_BENCH_OUT/results.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

if [ -z "${LW_BUILD:-}" ]; then
  if [ -d build/llvm-19 ]; then LW_BUILD=build/llvm-19; else LW_BUILD=build; fi
fi
build=$(cd "$LW_BUILD" && pwd)
libvirt_dir=${LW_LIBVIRT_DIR:-/var/tmp/lockwarden-libvirt}
export LW_LIBVIRT_DIR=$libvirt_dir
OUT=${LW_BENCH_OUT:-/var/tmp/lockwarden-bench}
JOBS=${JOBS:-2}
REPEAT=${REPEAT:-1}
PARTS=${PARTS:-overhead whole incremental csa scale}
sidecar=$repo/examples/libvirt/lockwarden.yaml
want() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
log() { echo "run.sh: $*" >&2; }

case "$(mkdir -p "$OUT" && cd "$OUT" && pwd)/" in
  "$repo"/*) echo "run.sh: error: LW_BENCH_OUT must be outside the repository" >&2; exit 2 ;;
esac
OUT=$(cd "$OUT" && pwd)

# --- lockwarden: built already; cmake --build only if a binary is missing ---
lw=$build/bin/lockwarden
plugin=$build/lib/lockwarden.so
if [ ! -x "$lw" ] || [ ! -f "$plugin" ] || [ ! -f "$build/lw-clang" ]; then
  log "building $build"
  cmake --build "$build"
fi
clang=$(cat "$build/lw-clang")
clang_version=$("$clang" --version | head -1)

# --- the corpus ---
lvbuild=
for d in "$libvirt_dir"/libvirt-[0-9]*/build; do
  if [ -f "$d/compile_commands.json" ]; then lvbuild=$d; fi
done
if [ -z "$lvbuild" ]; then
  log "no corpus under $libvirt_dir; running bench/libvirt/setup.sh"
  bash bench/libvirt/setup.sh
  for d in "$libvirt_dir"/libvirt-[0-9]*/build; do
    if [ -f "$d/compile_commands.json" ]; then lvbuild=$d; fi
  done
fi
lvsrc=$(dirname "$lvbuild")

now() { date +%s%N; }
secs() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# 1. The reduced compile database (first entry per file), the file list, and each
# TU's clang arguments (precomputed so that no python runs while timing).
log "preparing $OUT (db, argument lists)"
rm -rf "$OUT/db" "$OUT/args" "$OUT/bin" "$OUT"/db-*
mkdir -p "$OUT/db" "$OUT/args" "$OUT/bin" "$OUT/logs"
bash bench/libvirt/files.sh >"$OUT/files.txt"
ntu=$(wc -l <"$OUT/files.txt")
/usr/bin/python3 - "$lvbuild" "$clang" "$OUT" "$repo/bench/libvirt" <<'EOF'
import json, os, sys
lvbuild, clang, out, here = sys.argv[1:5]
sys.path.insert(0, here)
import corpus
files = [l.strip() for l in open(os.path.join(out, "files.txt")) if l.strip()]
c = corpus.Corpus(lvbuild, clang, 2)
by_path = {e["abspath"]: e for _, e, _ in c.tus}
with open(os.path.join(lvbuild, "compile_commands.json")) as f:
    raw = json.load(f)
first = {}
for e in raw:
    p = os.path.normpath(os.path.join(e["directory"], e["file"]))
    first.setdefault(p, e)
db = []
for i, p in enumerate(files):
    db.append(first[p])
    with open(os.path.join(out, "args", "%d" % i), "w") as f:
        f.write("\n".join(c.args(by_path[p])) + "\n")
with open(os.path.join(out, "db", "compile_commands.json"), "w") as f:
    json.dump(db, f, indent=1)
n = len(db)
for name, k in (("db-1q", n // 4), ("db-2q", n // 2), ("db-3q", 3 * n // 4), ("db-4q", n)):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    with open(os.path.join(out, name, "compile_commands.json"), "w") as f:
        json.dump(db[:k], f, indent=1)
EOF

# One TU's clang run from its argument list: tu.sh MODE INDEX.
cat >"$OUT/bin/tu.sh" <<EOF
#!/usr/bin/env bash
mapfile -t a <"$OUT/args/\$2"
cd "$lvbuild"
case "\$1" in
  plain) exec "$clang" -fsyntax-only "\${a[@]}" >/dev/null 2>&1 ;;
  quiet) exec "$clang" -fsyntax-only -w "\${a[@]}" >/dev/null 2>&1 ;;
  plugin) exec "$clang" -fsyntax-only -fplugin="$plugin" -fplugin-arg-lockwarden-annotations="$sidecar" "\${a[@]}" >/dev/null 2>&1 ;;
  csa) exec "$clang" --analyze --analyzer-no-default-checks -Xclang -analyzer-checker=\$CSA_CHECKER -o /dev/null "\${a[@]}" >"$OUT/logs/csa/\$2.out" 2>&1 ;;
esac
EOF
chmod +x "$OUT/bin/tu.sh"
tu=$OUT/bin/tu.sh

parallel_run() { # MODE: all TUs, -P $JOBS; prints the wall time in ns
  local t0 t1
  t0=$(now)
  seq 0 $((ntu - 1)) | xargs -P "$JOBS" -n 1 "$tu" "$1" || true
  t1=$(now)
  echo $((t1 - t0))
}

# lockwarden -p DB; sets lw_ns, lw_rc, lw_stats, lw_findings. $1 = db folder, $2 = log name.
run_lw() {
  local t0 t1
  lw_rc=0
  t0=$(now)
  "$lw" -p "$1" --cache-dir="$OUT/cache" --annotations="$sidecar" --clang="$clang" --plugin="$plugin" \
    --stats -j "$JOBS" >"$OUT/logs/$2.out" 2>"$OUT/logs/$2.err" || lw_rc=$?
  t1=$(now)
  lw_ns=$((t1 - t0))
  if [ "$lw_rc" -gt 1 ]; then
    log "warning: lockwarden exited $lw_rc on $1 (see $OUT/logs/$2.err)"
  fi
  lw_stats=$(grep 'lockwarden: stats:' "$OUT/logs/$2.err" | tail -1)
  lw_findings=$(grep -cE '^[^ ].*: warning: .*\[[a-z-]+\]$' "$OUT/logs/$2.out" || true)
}
stat_field() { # REGEX-with-one-group: from $lw_stats
  sed -nE "s/.*$1.*/\\1/p" <<<"$lw_stats"
}
link_s() { awk -v a="$(stat_field 'read facts ([0-9.]+) s')" -v b="$(stat_field 'analyse and report ([0-9.]+) s')" \
  'BEGIN { printf "%.2f", a + b }'; }

results=$OUT/results.md
{
  echo "## lockwarden benchmark: libvirt 9.0.0, $ntu TUs"
  echo
  echo "Command: \`bash bench/run.sh\` (JOBS=$JOBS, REPEAT=$REPEAT, PARTS=\"$PARTS\")  "
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); clang: $clang_version; nproc: $(nproc)"
  echo
} >"$results"

# 2. Plugin overhead, sequential, order alternating per file; per-file minimum.
if want overhead; then
  log "plugin overhead: $ntu TUs x 2 variants x $REPEAT"
  plain_tot=0 with_tot=0
  : >"$OUT/logs/overhead.tsv"
  for i in $(seq 0 $((ntu - 1))); do
    bp= bw=
    for r in $(seq "$REPEAT"); do
      if [ $(((i + r) % 2)) -eq 0 ]; then order="plain plugin"; else order="plugin plain"; fi
      for m in $order; do
        t0=$(now); "$tu" "$m" "$i" || true; t1=$(now); d=$((t1 - t0))
        if [ "$m" = plain ]; then
          if [ -z "$bp" ] || [ "$d" -lt "$bp" ]; then bp=$d; fi
        else
          if [ -z "$bw" ] || [ "$d" -lt "$bw" ]; then bw=$d; fi
        fi
      done
    done
    plain_tot=$((plain_tot + bp)); with_tot=$((with_tot + bw))
    printf '%s\t%s\t%s\n' "$(sed -n "$((i + 1))p" "$OUT/files.txt")" "$bp" "$bw" >>"$OUT/logs/overhead.tsv"
  done
  ov_ratio=$(ratio "$with_tot" "$plain_tot")
  big=$(sort -t"$(printf '\t')" -k2,2n "$OUT/logs/overhead.tsv" | tail -1)
  big_ratio=$(ratio "$(cut -f3 <<<"$big")" "$(cut -f2 <<<"$big")")
  {
    echo "### Plugin overhead (clang -fsyntax-only, sequential, per-file minimum of $REPEAT)"
    echo
    echo "| measure | value | target |"
    echo "| --- | --- | --- |"
    echo "| clang without plugin, sum | $(secs "$plain_tot") s | |"
    echo "| clang with plugin + sidecar, sum | $(secs "$with_tot") s | |"
    echo "| **ratio with / without** | **$ov_ratio** | ≤ 1.10 |"
    echo "| ratio on the slowest TU ($(basename "$(cut -f1 <<<"$big")")) | $big_ratio | |"
    echo
  } >>"$results"
fi

# 3.-5. Whole program, incremental, CSA; the plain parallel baseline is run before
# and after, and the lower of the two is the denominator.
if want whole || want incremental || want csa; then
  log "plain parallel -fsyntax-only (-P $JOBS)"
  plain1=$(parallel_run plain)
  rows=()
  if want whole || want incremental; then
    log "lockwarden, empty cache"
    rm -rf "$OUT/cache"
    run_lw "$OUT/db" cold
    cold_ns=$lw_ns cold_stats=$lw_stats cold_findings=$lw_findings cold_link=$(link_s)
    cold_rss=$(stat_field 'peak RSS ([0-9.]+) MiB') cold_funcs=$(stat_field '; ([0-9]+) functions')
    cold_mib=$(stat_field ', ([0-9.]+) MiB of program data')
    cold_clang=$(stat_field 'clang runs ([0-9.]+) s')
  fi
  if want incremental; then
    victim=$lvsrc/src/qemu/qemu_driver.c
    cp -p "$victim" "$OUT/qemu_driver.c.orig"
    trap 'cp -p "$OUT/qemu_driver.c.orig" "$victim"' EXIT
    trap 'exit 130' INT TERM
    echo "/* lockwarden bench: one changed line */" >>"$victim"
    log "lockwarden, qemu_driver.c changed"
    run_lw "$OUT/db" incr
    incr_ns=$lw_ns incr_stats=$lw_stats incr_link=$(link_s)
    log "lockwarden, nothing changed"
    run_lw "$OUT/db" warm
    warm_ns=$lw_ns warm_stats=$lw_stats warm_link=$(link_s)
    cp -p "$OUT/qemu_driver.c.orig" "$victim"
    trap - EXIT INT TERM
  fi
  if want csa; then
    if "$clang" -cc1 -analyzer-checker-help 2>/dev/null | grep -qE '^ +unix\.BlockInCriticalSection'; then
      export CSA_CHECKER=unix.BlockInCriticalSection
    else
      export CSA_CHECKER=alpha.unix.BlockInCriticalSection
    fi
    rm -rf "$OUT/logs/csa"; mkdir -p "$OUT/logs/csa"
    log "clang --analyze ($CSA_CHECKER, -P $JOBS)"
    csa_ns=$(parallel_run csa)
    csa_findings=$(cat "$OUT"/logs/csa/*.out | grep -cE "(warning|error): .*\[$CSA_CHECKER\]" || true)
  fi
  log "plain parallel -fsyntax-only again"
  plain2=$(parallel_run plain)
  # lockwarden runs clang with -w (its warnings are not shown) and without the
  # flags that only enable warnings; this row shows what -w alone saves.
  log "plain parallel -fsyntax-only -w"
  quiet_ns=$(parallel_run quiet)
  plain_ns=$plain1
  if [ "$plain2" -lt "$plain_ns" ]; then plain_ns=$plain2; fi
  {
    echo "### Whole program (-j $JOBS); baseline: plain clang -fsyntax-only of the same TUs, xargs -P $JOBS"
    echo
    echo "| measure | value | target |"
    echo "| --- | --- | --- |"
    echo "| plain parallel -fsyntax-only (runs before / after) | $(secs "$plain1") s / $(secs "$plain2") s; lower one is the baseline | |"
    echo "| plain parallel -fsyntax-only -w (for comparison, not the baseline) | $(secs "$quiet_ns") s, $(ratio "$quiet_ns" "$plain_ns") × the baseline | |"
    if want whole || want incremental; then
      echo "| lockwarden, empty cache: wall | $(secs "$cold_ns") s ($cold_findings findings) | |"
      echo "| **lockwarden, empty cache / plain** | **$(ratio "$cold_ns" "$plain_ns")** | ≤ 1.25 |"
      echo "| of which clang runs (--stats) | $cold_clang s | |"
      echo "| link step (read facts + analyse and report) | $cold_link s, $(awk -v a="$cold_link" -v b="$cold_ns" 'BEGIN { printf "%.1f", 100 * a * 1e9 / b }') % of the run | |"
      echo "| link step: functions, program data, peak RSS | $cold_funcs functions, $cold_mib MiB, $cold_rss MiB | |"
    fi
    if want incremental; then
      echo "| lockwarden, qemu_driver.c changed: wall | $(secs "$incr_ns") s (link $incr_link s) | |"
      echo "| **changed one file / empty cache** | **$(ratio "$incr_ns" "$cold_ns")** | ≤ 0.10 |"
      echo "| lockwarden, nothing changed: wall | $(secs "$warm_ns") s (link $warm_link s) | |"
      echo "| nothing changed / empty cache | $(ratio "$warm_ns" "$cold_ns") | |"
    fi
    if want csa; then
      echo "| clang --analyze, $CSA_CHECKER only: wall | $(secs "$csa_ns") s | |"
      echo "| CSA / plain | $(ratio "$csa_ns" "$plain_ns") | |"
      if want whole || want incremental; then
        echo "| findings: CSA vs lockwarden | $csa_findings vs $cold_findings | |"
      else
        echo "| findings: CSA | $csa_findings | |"
      fi
    fi
    echo
    if want whole || want incremental; then
      echo "\`--stats\`, empty cache: \`${cold_stats#lockwarden: stats: }\`  "
    fi
    if want incremental; then
      echo "\`--stats\`, one file changed: \`${incr_stats#lockwarden: stats: }\`  "
      echo "\`--stats\`, nothing changed: \`${warm_stats#lockwarden: stats: }\`"
    fi
    echo
  } >>"$results"
fi

# 6. Scale: the link step on 1/4, 1/2, 3/4 and all of the TUs, cache warm.
if want scale; then
  log "scale: warming the cache"
  run_lw "$OUT/db" scale-warmup
  {
    echo "### Scale: link step on prefixes of the corpus (files.sh order), cache warm"
    echo
    echo "| TUs | functions | program data MiB | link s (read facts + analyse) | peak RSS MiB | wall s |"
    echo "| --- | --- | --- | --- | --- | --- |"
  } >>"$results"
  scale_rows=()
  for q in 1q 2q 3q 4q; do
    n=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/db-$q/compile_commands.json")
    log "scale: $n TUs"
    run_lw "$OUT/db-$q" "scale-$q"   # a first run fills the cache for this db if it is keyed by it
    run_lw "$OUT/db-$q" "scale-$q"
    f=$(stat_field '; ([0-9]+) functions'); l=$(link_s); r=$(stat_field 'peak RSS ([0-9.]+) MiB')
    m=$(stat_field ', ([0-9.]+) MiB of program data')
    echo "| $n | $f | $m | $l | $r | $(secs "$lw_ns") |" >>"$results"
    scale_rows+=("$n $f $l $r")
  done
  # Growth: from 1/2 to all (the small prefix is dominated by fixed costs).
  read -r n2 f2 l2 r2 <<<"${scale_rows[1]}"
  read -r n4 f4 l4 r4 <<<"${scale_rows[3]}"
  read -r n1 f1 l1 r1 <<<"${scale_rows[0]}"
  {
    echo
    awk -v f1="$f1" -v f2="$f2" -v f4="$f4" -v l1="$l1" -v l2="$l2" -v l4="$l4" -v r1="$r1" -v r2="$r2" -v r4="$r4" 'BEGIN {
      # fit link time and RSS as a + b * functions on the 1/4 and full points
      bl = (l4 - l1) / (f4 - f1); al = l4 - bl * f4
      br = (r4 - r1) / (f4 - f1); ar = r4 - br * f4
      printf "Growth from 1/2 to all: functions x%.2f, link time x%.2f, peak RSS x%.2f. ", f4 / f2, l4 / l2, r4 / r2
      printf "Straight line through the 1/4 and full points: link %.3f s + %.2f ms/function, RSS %.0f MiB + %.1f KiB/function; ", al, 1000 * bl, ar, 1024 * br
      printf "at ten times libvirt'"'"'s %d functions: link about %.0f s, peak RSS about %.0f MiB (if the growth stays linear).\n", f4, al + bl * 10 * f4, ar + br * 10 * f4
    }'
  } >>"$results"
fi

cat "$results"
