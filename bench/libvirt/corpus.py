#!/usr/bin/python3
"""The libvirt corpus's translation units and their clang command lines.

Reads build/compile_commands.json of the libvirt tree that bench/libvirt/setup.sh
prepared, keeps the TUs under src/{qemu,util,conf,cpu,security}, and turns meson's
gcc command lines into clang -fsyntax-only ones.

  corpus.py files    --build DIR [--relative]   the TUs, one per line
  corpus.py args     --build DIR [--clang C] FILE
                                                the clang arguments for FILE, one per line
                                                (run them from DIR; without
                                                -fsyntax-only: add what you need)
  corpus.py stripped --build DIR [--clang C]   the flags dropped for clang, and why
  corpus.py discover --build DIR [--clang C] [--jobs N] --out LIST
                                                finds and builds (ninja) the generated
                                                headers the TUs miss; writes the targets
  corpus.py verify   --build DIR [--clang C] [--jobs N] [--log FILE]
                                                clang -fsyntax-only on every TU; summary;
                                                exit 0 if all parse, else 1

Only the Python standard library (Debian's /usr/bin/python3).
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import signal
import re
import shlex
import subprocess
import sys
import time

FOLDERS = ["src/qemu", "src/util", "src/conf", "src/cpu", "src/security"]

# Command-line parts that are about gcc's output, not about parsing: dropped with
# their argument. -MD/-MF would make clang overwrite meson's dependency files.
DROP_WITH_ARG = {"-o", "-MF", "-MQ", "-MT"}
DROP = {"-c", "-MD", "-MMD", "-MP"}
# Colour escapes in logs; not a gcc-only flag, just noise.
DROP_PREFIX = ("-fdiagnostics-color",)


def load(build):
    """[(relpath, entry)] for the TUs under FOLDERS, first entry per file, sorted."""
    build = os.path.abspath(build)
    srcroot = os.path.dirname(build)
    with open(os.path.join(build, "compile_commands.json")) as f:
        db = json.load(f)
    seen = {}
    for e in db:
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        rel = os.path.relpath(path, srcroot)
        if not rel.endswith(".c") or not any(rel.startswith(d + "/") for d in FOLDERS):
            continue
        e = dict(e, abspath=path)
        seen.setdefault(rel, []).append(e)
    return srcroot, [(rel, seen[rel][0], len(seen[rel])) for rel in sorted(seen)]


def argv_of(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def raw_flags(entry):
    """The compiler's flags without the compiler, the source and the output options."""
    argv = argv_of(entry)[1:]
    out, i = [], 0
    src = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    while i < len(argv):
        a = argv[i]
        if a in DROP_WITH_ARG:
            i += 2
            continue
        i += 1
        if a in DROP or a.startswith(DROP_PREFIX):
            continue
        if os.path.normpath(os.path.join(entry["directory"], a)) == src:
            continue
        out.append(a)
    return out


def probe_candidates(flags):
    # Include paths, macros and -std are what both compilers take; everything else
    # (-f, -m, -W, -O, -g, -pthread...) is probed.
    return [f for f in flags if not f.startswith(("-I", "-D", "-U", "-std="))]


def clang_version(clang):
    return subprocess.run([clang, "--version"], capture_output=True, text=True, check=True).stdout


def probe(clang, flags, jobs, cache_file):
    """{flag: (kind, message)} for the flags clang does not take silently.

    kind "rejected": clang exits with an error (unknown argument);
    kind "ignored": clang warns (unknown warning option, optimisation flag not
    supported...) and goes on. Both are stripped."""
    flags = sorted(set(flags))
    key = hashlib.sha256((clang_version(clang) + "\0".join(flags)).encode()).hexdigest()
    try:
        with open(cache_file) as f:
            cached = json.load(f)
        if cached.get("key") == key:
            return {k: tuple(v) for k, v in cached["bad"].items()}
    except (OSError, ValueError, KeyError):
        pass

    def one(flag):
        base = [clang, "-fsyntax-only", "-x", "c", "/dev/null"]
        r = subprocess.run(base + [flag], capture_output=True, text=True)
        msg = (r.stderr.strip().splitlines() or [""])[0]
        if r.returncode != 0:
            return flag, ("rejected", msg)
        if r.stderr.strip():
            return flag, ("ignored", msg)
        return flag, None

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        res = dict(ex.map(one, flags))
    bad = {k: v for k, v in res.items() if v}
    tmp = cache_file + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"key": key, "bad": bad}, f, indent=1, sort_keys=True)
    os.replace(tmp, cache_file)
    return bad


class Corpus:
    def __init__(self, build, clang, jobs=1):
        self.build = os.path.abspath(build)
        self.clang = clang
        self.jobs = jobs
        self.srcroot, self.tus = load(self.build)
        allflags = set()
        for _, e, _ in self.tus:
            allflags.update(probe_candidates(raw_flags(e)))
        self.bad = probe(clang, allflags, jobs, os.path.join(self.build, "lockwarden-clang-flags.json"))

    def args(self, entry):
        """clang's arguments for entry: include paths made absolute, so that they work
        from any directory; the source file last."""
        out = []
        for f in raw_flags(entry):
            if f in self.bad:
                continue
            if f.startswith("-I") and len(f) > 2 and not os.path.isabs(f[2:]):
                f = "-I" + os.path.normpath(os.path.join(entry["directory"], f[2:]))
            out.append(f)
        return out + [entry["abspath"]]

    def check(self, rel, entry):
        cmd = [self.clang, "-fsyntax-only"] + self.args(entry)
        t0 = time.monotonic()
        r = subprocess.run(cmd, cwd=entry["directory"], capture_output=True, text=True)
        return rel, r.returncode, r.stderr, time.monotonic() - t0

    def check_all(self, rels=None):
        todo = [(rel, e) for rel, e, _ in self.tus if rels is None or rel in rels]
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs) as ex:
            return list(ex.map(lambda t: self.check(*t), todo))


def not_in_db(srcroot, tus):
    """The .c files on disk under FOLDERS that compile_commands.json does not list."""
    listed = {rel for rel, _, _ in tus}
    out = []
    for d in FOLDERS:
        for dirpath, _, names in os.walk(os.path.join(srcroot, d)):
            for n in names:
                rel = os.path.relpath(os.path.join(dirpath, n), srcroot)
                if n.endswith(".c") and rel not in listed:
                    out.append(rel)
    return sorted(out)


def first_error(stderr):
    for line in stderr.splitlines():
        if re.search(r"\b(fatal )?error:", line):
            return line.strip()
    lines = stderr.strip().splitlines()
    return lines[0] if lines else "(no message)"


MISSING = re.compile(r"fatal error: '([^']+)' file not found")


def ninja_outputs(build):
    r = subprocess.run(["ninja", "-C", build, "-t", "targets", "all"],
                       capture_output=True, text=True, check=True)
    return [line.rsplit(":", 1)[0] for line in r.stdout.splitlines() if ":" in line]


def cmd_discover(a):
    c = Corpus(a.build, a.clang, a.jobs)
    outputs = ninja_outputs(c.build)
    built, rounds, pending = [], 0, None
    while True:
        rounds += 1
        t0 = time.monotonic()
        results = c.check_all(pending)
        failed = [r for r in results if r[1] != 0]
        missing = set()
        for _, _, err, _ in failed:
            missing.update(MISSING.findall(err))
        print("discover: round %d: %d TUs checked in %.0f s, %d fail, %d headers missing%s"
              % (rounds, len(results), time.monotonic() - t0, len(failed), len(missing),
                 (": " + " ".join(sorted(missing))) if missing else ""), flush=True)
        targets, unknown = [], []
        for h in sorted(missing):
            cands = [o for o in outputs if o == h or o.endswith("/" + h)]
            if not cands:
                unknown.append(h)
            targets += [t for t in cands if t not in built and t not in targets]
        if unknown:
            print("discover: no ninja target makes: %s (a missing system header? check the build-deps)"
                  % " ".join(unknown), flush=True)
        if not targets:
            break
        print("discover: ninja %s" % " ".join(targets), flush=True)
        t0 = time.monotonic()
        subprocess.run(["ninja", "-C", c.build, "-j", str(a.jobs)] + targets, check=True,
                       stdout=subprocess.DEVNULL)
        print("discover: built %d targets in %.0f s" % (len(targets), time.monotonic() - t0), flush=True)
        built += targets
        pending = {r[0] for r in failed}
    with open(a.out, "w") as f:
        f.write("".join(t + "\n" for t in built))
    return 0


def cmd_verify(a):
    t0 = time.monotonic()
    c = Corpus(a.build, a.clang, a.jobs)
    results = c.check_all()
    wall = time.monotonic() - t0
    per = {d: [0, 0] for d in FOLDERS}
    fails = []
    for rel, rc, err, _ in results:
        d = next(d for d in FOLDERS if rel.startswith(d + "/"))
        per[d][0] += 1
        if rc == 0:
            per[d][1] += 1
        else:
            fails.append((rel, first_error(err)))
    if a.log:
        with open(a.log, "w") as f:
            for rel, rc, err, secs in results:
                f.write("=== %s: exit %d, %.2f s\n%s" % (rel, rc, secs, err))
    total = len(results)
    ok = sum(1 for r in results if r[1] == 0)
    print("verify: %s, %d jobs, %.0f s" % (clang_version(c.clang).splitlines()[0], c.jobs, wall))
    print("verify: flags stripped (clang rejects them): %s"
          % (" ".join(sorted(f for f, (k, _) in c.bad.items() if k == "rejected")) or "-"))
    print("verify: flags stripped (clang ignores them, warns): %d (corpus.py stripped lists them)"
          % sum(1 for k, _ in c.bad.values() if k == "ignored"))
    dups = [rel for rel, _, n in c.tus if n > 1]
    if dups:
        print("verify: in compile_commands.json more than once (the first entry is used): %s" % " ".join(dups))
    missing = not_in_db(c.srcroot, c.tus)
    print("verify: .c files on disk under the folders but not in compile_commands.json: %s"
          % (" ".join(missing) if missing else "none"))
    for d in FOLDERS:
        print("verify: %-14s %4d TUs, %4d parse" % (d, per[d][0], per[d][1]))
    print("verify: total          %4d TUs, %4d parse, %d fail" % (total, ok, total - ok))
    for rel, msg in fails:
        print("verify: FAIL %s: %s" % (rel, msg))
    if a.log:
        print("verify: clang's output per TU: %s" % a.log)
    return 0 if ok == total else 1


def cmd_files(a):
    srcroot, tus = load(a.build)
    for rel, e, _ in tus:
        print(rel if a.relative else e["abspath"])
    return 0


def cmd_args(a):
    c = Corpus(a.build, a.clang, 1)
    want = os.path.abspath(a.file)
    for rel, e, _ in c.tus:
        if e["abspath"] == want or rel == os.path.normpath(a.file):
            print("\n".join(c.args(e)))
            return 0
    print("corpus.py: %s is not a TU of %s" % (a.file, " ".join(FOLDERS)), file=sys.stderr)
    return 2


def cmd_stripped(a):
    c = Corpus(a.build, a.clang, a.jobs)
    for f, (kind, msg) in sorted(c.bad.items(), key=lambda kv: (kv[1][0], kv[0])):
        print("%-9s %-45s %s" % (kind, f, msg))
    return 0


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("files", "args", "stripped", "discover", "verify"):
        s = sub.add_parser(name)
        s.add_argument("--build", required=True, help="libvirt's meson build directory")
        s.add_argument("--clang", default=os.environ.get("LW_CLANG", "clang-19"))
        s.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
        if name == "files":
            s.add_argument("--relative", action="store_true", help="paths relative to the source tree")
        if name == "args":
            s.add_argument("file")
        if name == "discover":
            s.add_argument("--out", required=True)
        if name == "verify":
            s.add_argument("--log")
    a = p.parse_args()
    return {"files": cmd_files, "args": cmd_args, "stripped": cmd_stripped,
            "discover": cmd_discover, "verify": cmd_verify}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
