// Usage and configuration errors: exit status 2, one "lockwarden: error:" line,
// nothing on stdout, and nothing run.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %lockwarden --frobnicate x.c -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=UNKNOWN %s < err
// UNKNOWN: lockwarden: error: Unknown option --frobnicate
//
// RUN: %lockwarden '--checks=-*,sleep-under-clock' %s -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=CHECKS %s < err
// CHECKS: lockwarden: error: unknown check 'sleep-under-clock' in checks option
//
// RUN: %lockwarden --blocking=-nfs %s -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=BLOCKING %s < err
// BLOCKING: lockwarden: error: unknown blocking category 'nfs'
// RUN: %lockwarden --blocking=, %s -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=EMPTY-ITEM %s < err
// EMPTY-ITEM: lockwarden: error: empty category in blocking option ','
// RUN: %lockwarden --blocking=sleep,-sleep %s -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=SELECTED-REMOVED %s < err
// SELECTED-REMOVED: lockwarden: error: blocking category 'sleep' is both selected and removed in 'sleep,-sleep'
//
// RUN: %lockwarden --format=xml %s -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=FORMAT %s < err
// FORMAT: lockwarden: error: unknown output format 'xml' (known: text, json, sarif)
//
// RUN: %lockwarden -j 0 %s -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=JOBS %s < err
// RUN: %lockwarden -j0 %s -- > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=JOBS %s < err
// JOBS: lockwarden: error: -j needs a number of jobs of at least 1, not 0
//
// RUN: %lockwarden -j many %s -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=JOBS-NAN %s < err
// JOBS-NAN: lockwarden: error: Cannot parse integer value {{.*}}many{{.*}} for -j
//
// A huge -j asks for everything at once: capped at the number of units (it used to
// abort allocating two billion slots).
// RUN: echo 'int f(void) { return 0; }' > one.c
// RUN: %lockwarden -j 2147483647 --cache-dir=c one.c -- > out 2> err; test $? -eq 0
// RUN: FileCheck --check-prefix=JOBS-BIG %s < err
// JOBS-BIG: lockwarden: 1 file (0 from the cache), 0 failed; 0 findings
//
// Neither a database nor "--": lockwarden does not guess the flags.
// RUN: %lockwarden %s > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=NODB %s < err
// NODB: lockwarden: error: no compilation database: give -p BUILD_DIR, or FILE... -- FLAGS
//
// RUN: %lockwarden -- -DX > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOFILES %s < err
// NOFILES: lockwarden: error: no files to analyse: FILE... -- FLAGS
//
// RUN: %lockwarden no-such-file.c -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOFILE %s < err
// NOFILE: lockwarden: error: no-such-file.c: No such file or directory
//
// RUN: %lockwarden --baseline=b.json --write-baseline=b.json %s -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=BOTH %s < err
// BOTH: lockwarden: error: --baseline and --write-baseline do not go together
//
// RUN: %lockwarden --baseline=missing.json %s -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOBASE %s < err
// NOBASE: lockwarden: error: missing.json: No such file or directory
//
// RUN: %lockwarden --annotations=missing.yaml %s -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOSIDECAR %s < err
// NOSIDECAR: lockwarden: error: missing.yaml
//
// --help is not an error.
// RUN: %lockwarden --help | FileCheck --check-prefix=HELP %s
// HELP: Usage:
// HELP: lockwarden [OPTION{{.+}}] [FILE{{.+}}] [-- FLAGS{{.+}}]
// HELP: -p, --build-dir=BUILD_DIR
// HELP: Checks (--checks; docs/checks.md):
// HELP-NEXT: sleep-under-lock   Blocking call while the driver lock is held
// HELP: needless-lock      Driver lock taken with nothing that needs it
// HELP: Exit status: 0 no findings, 1 findings, 2 bad usage or configuration,
//
// RUN: %lockwarden --version | FileCheck --check-prefix=VERSION -DMAJOR=%clang_major %s
// VERSION: lockwarden {{[0-9]+\.[0-9]+\.[0-9]+}} (for clang [[MAJOR]])
int x;
