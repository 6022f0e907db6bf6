// Bad plugin options are errors that name the problem.
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-*,sleep-under-lok %s 2>&1 | FileCheck --check-prefix=CHECKS %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=nap %s 2>&1 | FileCheck --check-prefix=BLOCKING %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-colour %s 2>&1 | FileCheck --check-prefix=UNKNOWN %s
// CHECKS: error: lockwarden: unknown check 'sleep-under-lok' in checks option
// BLOCKING: error: lockwarden: unknown blocking category 'nap'
// UNKNOWN: error: lockwarden: unknown option 'colour'
int x;
