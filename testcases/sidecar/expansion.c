// Sidecars that could exhaust the machine or say something else than they seem. YAML
// aliases are refused with their place (a 130 KB file of 9999 aliases to one mapping of
// 1000 fields used to expand to ten million entries, taking minutes and gigabytes), and
// so are merge keys ("<<", which libyaml does not apply) and a second YAML document
// (which used to be ignored without a word). Entries that match nothing are named ten
// at a time per file, then counted.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %python -c "import sys; sys.stdout.write('fields:\n  s0: &m {' + ' '.join('f%%d: atomic,' %% i for i in range(1000)) + '}\n' + ''.join('  s%%d: *m\n' %% i for i in range(1, 10000)))" > bomb.yaml
//
// RUN: not timeout 20 %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=bomb.yaml main.c 2>&1 | FileCheck --check-prefix=ALIAS %s
// RUN: timeout 20 %lockwarden --cache-dir=c --annotations=bomb.yaml main.c -- > out 2> err; test $? -eq 2
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=ALIAS %s < err
// ALIAS: bomb.yaml:3:7: an alias ('*m'): sidecars take no YAML aliases or merge keys; write each entry out
//
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=merge.yaml main.c 2>&1 | FileCheck --check-prefix=MERGE %s
// MERGE: merge.yaml:4:5: a merge key ('<<'): sidecars take no YAML merge keys or aliases
// A quoted "<<" is a name like any other.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=quoted.yaml main.c
//
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=two.yaml main.c 2>&1 | FileCheck --check-prefix=TWO %s
// RUN: not %lockwarden --cache-dir=c --annotations=two.yaml main.c -- 2>&1 | FileCheck --check-prefix=TWO %s
// TWO: two.yaml:5:1: a second YAML document: a sidecar is one document (give each file its own --annotations)
//
// RUN: %lockwarden --cache-dir=c --annotations=typos.yaml main.c -- > out 2> err; test $? -eq 0
// RUN: FileCheck --check-prefix=TYPOS --match-full-lines %s < err
// TYPOS:      lockwarden: warning: typos.yaml:3: 'function nothing0' matches nothing in the program
// TYPOS-NEXT: lockwarden: warning: typos.yaml:4: 'function nothing1' matches nothing in the program
// TYPOS:      lockwarden: warning: typos.yaml:12: 'function nothing9' matches nothing in the program
// TYPOS-NEXT: lockwarden: warning: typos.yaml: ... and 15 more entries that match nothing in the program
// TYPOS-NEXT: lockwarden: 1 file (0 from the cache), 0 failed; 0 findings

//--- main.c
struct s { int a; int b; };
int use(struct s *p) { return p->a + p->b; }
//--- merge.yaml
version: 1
fields:
  s:
    <<: {a: atomic}
    b: atomic
//--- quoted.yaml
version: 1
fields:
  s:
    "<<": atomic
//--- two.yaml
version: 1
fields:
  s:
    a: atomic
---
functions:
  use: blocking
//--- typos.yaml
version: 1
functions:
  nothing0: blocking
  nothing1: blocking
  nothing2: blocking
  nothing3: blocking
  nothing4: blocking
  nothing5: blocking
  nothing6: blocking
  nothing7: blocking
  nothing8: blocking
  nothing9: blocking
  nothing10: blocking
  nothing11: blocking
  nothing12: blocking
  nothing13: blocking
  nothing14: blocking
  nothing15: blocking
  nothing16: blocking
  nothing17: blocking
  nothing18: blocking
  nothing19: blocking
  nothing20: blocking
  nothing21: blocking
  nothing22: blocking
  nothing23: blocking
  nothing24: blocking
