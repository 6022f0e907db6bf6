#!/usr/bin/env python3
"""The core's layout rules that a compiler does not check (docs/CONTRIBUTING.md):

- no cycle among the core's headers (a header's quoted includes, in every folder
  under checker/core);
- the tracker (flow*.c, state.c, summary.c) reaches the checks only through the
  registry (lw__checks_*), never a check's hooks or reporting functions by name;
- every check module check-<id>.c has a row in checks.def, and every row with a
  module has its file.

Usage: core_layout.py CHECKER_CORE_DIR. Prints each violation; exit 1 if any.
"""
import os
import re
import sys

core = sys.argv[1]
bad = []
include = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)

headers = {}
sources = {}
for root, _, files in os.walk(core):
    for name in files:
        path = os.path.join(root, name)
        rel = os.path.relpath(path, core)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if name.endswith((".h", ".def")):
            headers[rel] = include.findall(text)
        elif name.endswith(".c"):
            sources[rel] = text

# Header cycles: depth-first search with colours.
colour = {}
def visit(h, stack):
    colour[h] = 1
    for inc in headers.get(h, []):
        if inc not in headers:
            continue
        if colour.get(inc) == 1:
            cyc = stack[stack.index(inc):] + [inc] if inc in stack else [h, inc]
            bad.append("include cycle: " + " -> ".join(cyc))
        elif not colour.get(inc):
            visit(inc, stack + [inc])
    colour[h] = 2
for h in sorted(headers):
    if not colour.get(h):
        visit(h, [h])

# The tracker calls no check by name.
tracker = [s for s in sources if re.match(r"(flow.*|state|summary)\.c$", os.path.basename(s))]
if not tracker:
    bad.append("no tracker sources found in " + core)
named = re.compile(r"\b(lw_report_\w+|lw_note_\w+|lw__check_(?!s_)\w+|lw_check_\w+)\s*\(")
for s in tracker:
    for m in named.finditer(sources[s]):
        line = sources[s].count("\n", 0, m.start()) + 1
        bad.append("%s:%d: the tracker calls %s; go through lw__checks_*()" % (s, line, m.group(1)))

# Modules and rows agree.
with open(os.path.join(core, "checks.def"), encoding="utf-8") as f:
    rows = re.findall(r'^CHECK\(\w+,\s*"([a-z-]+)",\s*(\w+),', f.read(), re.M)
if not rows:
    bad.append("checks.def: no CHECK rows found")
for cid, module in rows:
    want = "check-%s.c" % cid
    if module == "none":
        if want in sources:
            bad.append("%s exists but checks.def gives '%s' no module" % (want, cid))
    elif want not in sources:
        bad.append("checks.def: '%s' has module %s but no %s" % (cid, module, want))
    elif "lw__check_%s =" % module not in sources[want]:
        bad.append("%s does not define lw__check_%s" % (want, module))
ids = {cid for cid, _ in rows}
for s in sources:
    m = re.match(r"check-(.+)\.c$", os.path.basename(s))
    if m and m.group(1) not in ids:
        bad.append("%s has no row in checks.def" % s)

for b in bad:
    print("core_layout: " + b)
print("core_layout: %d headers, %d tracker files, %d checks: %s"
      % (len(headers), len(tracker), len(rows), "FAILED" if bad else "ok"))
sys.exit(1 if bad else 0)
