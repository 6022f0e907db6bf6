// Sidecar files that cannot be used are errors with a place.
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=%S/Inputs/broken.yaml %s 2>&1 | FileCheck --check-prefix=BROKEN %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=%S/Inputs/unknown.yaml %s 2>&1 | FileCheck --check-prefix=UNKNOWN %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=%S/Inputs/missing.yaml %s 2>&1 | FileCheck --check-prefix=MISSING %s
// BROKEN: error: lockwarden: {{.*}}broken.yaml:3:1: not valid YAML: {{.*}}
// UNKNOWN: error: lockwarden: {{.*}}unknown.yaml:1:1: unknown section 'field' (known: version, fields, globals, functions, blocking, nonblocking, categories)
// MISSING: error: lockwarden: {{.*}}missing.yaml: cannot open sidecar file
int x;
