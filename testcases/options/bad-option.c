// Bad plugin options are errors that name the problem.
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-*,sleep-under-lok %s 2>&1 | FileCheck --check-prefix=CHECKS %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=nap %s 2>&1 | FileCheck --check-prefix=BLOCKING %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-colour %s 2>&1 | FileCheck --check-prefix=UNKNOWN %s
// CHECKS: error: lockwarden: unknown check 'sleep-under-lok' in checks option
// BLOCKING: error: lockwarden: unknown blocking category 'nap'
// UNKNOWN: error: lockwarden: unknown option 'colour'
//
// A blocking list with an empty item, or that both selects and removes a category, is
// refused: "," used to turn every category off, "sleep,-sleep" to mean the last one.
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=, %s 2>&1 | FileCheck --check-prefix=EMPTY %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=sleep,,wait %s 2>&1 | FileCheck --check-prefix=EMPTY2 %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking= %s 2>&1 | FileCheck --check-prefix=NONE %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=sleep,-sleep %s 2>&1 | FileCheck --check-prefix=BOTH %s
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=-fs,io,fs %s 2>&1 | FileCheck --check-prefix=BOTH-FS %s
// EMPTY: error: lockwarden: empty category in blocking option ','
// EMPTY2: error: lockwarden: empty category in blocking option 'sleep,,wait'
// NONE: error: lockwarden: the blocking option names no category
// BOTH: error: lockwarden: blocking category 'sleep' is both selected and removed in 'sleep,-sleep'
// BOTH-FS: error: lockwarden: blocking category 'fs' is both selected and removed in '-fs,io,fs'
// Lists that say one thing are fine.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=all,-fs %s
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-blocking=-all,sleep %s
int x;
