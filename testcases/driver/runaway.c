// Hangs and runaway children. A unit whose clang runs past --unit-time (here it reads a
// header that is a FIFO, and would wait for ever), or grows past --unit-memory, is
// stopped and fails with a message saying which limit; the other units are analysed. A
// FIFO in the cache where a facts or .deps file should be is refused without blocking
// (before, lockwarden waited on it for ever). SIGTERM or SIGINT sent to lockwarden alone
// stops its clang children and leaves no half-written facts file (before, they kept
// running). Every run here is under `timeout`, so that a hang fails the test.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: mkfifo hang.h
//
// RUN: timeout 60 %lockwarden --unit-time=1 --cache-dir=c ok.c fifo.c -- -I%lw_include > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=TIME --match-full-lines %s < err
// TIME:      lockwarden: error: fifo.c: could not be analysed (clang did not finish within 1 s; --unit-time sets the limit)
// TIME-NEXT: lockwarden: 2 files (0 from the cache), 1 failed; 0 findings
// RUN: ls c > list && not grep tmp list
//
// A clang that grows (a stand-in that says it is the right version, then takes 400 MiB).
// RUN: printf '#!/bin/sh\ncase "$1" in -dumpversion) echo %clang_major.1.0; exit 0;; esac\nexec %python -c "import time; x = bytearray(400 << 20); x[::4096] = b\\"x\\" * len(x[::4096]); time.sleep(60)"\n' > fat-clang
// RUN: chmod +x fat-clang
// RUN: timeout 60 %lockwarden --clang=%t/fat-clang --unit-memory=100 --cache-dir=c2 ok.c -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=MEMORY --match-full-lines %s < err
// MEMORY:      lockwarden: error: ok.c: could not be analysed (clang used more than 100 MiB of memory; --unit-memory sets the limit)
// MEMORY-NEXT: lockwarden: 1 file (0 from the cache), 1 failed; 0 findings
// Bad limits are refused.
// RUN: not %lockwarden --unit-time=-1 ok.c -- 2>&1 | FileCheck --check-prefix=BADLIMIT %s
// BADLIMIT: lockwarden: error: --unit-time needs a number of seconds (0 for no limit), not -1
//
// FIFOs in the cache: the entries are refused and the units parsed again, without a hang.
// RUN: timeout 60 %lockwarden --cache-dir=c3 ok.c other.c -- -I%lw_include > out 2> err; test $? -eq 0
// RUN: for f in c3/*.facts; do rm $f && mkfifo $f; break; done
// RUN: for f in c3/*.facts.deps; do rm $f && mkfifo $f; done
// RUN: timeout 60 %lockwarden -v --cache-dir=c3 ok.c other.c -- -I%lw_include > out 2> err; test $? -eq 0
// RUN: FileCheck --check-prefix=FIFO %s < err
// FIFO: lockwarden: 2 files (0 from the cache), 0 failed; 0 findings
// RUN: timeout 60 %lockwarden --cache-dir=c3 ok.c other.c -- -I%lw_include > out 2> err; test $? -eq 0
// RUN: FileCheck --check-prefix=REFILLED %s < err
// REFILLED: lockwarden: 2 files (2 from the cache), 0 failed; 0 findings
//
// A sidecar that is a FIFO is refused at once (each clang run reads the sidecar again).
// RUN: mkfifo side.yaml
// RUN: timeout 20 %lockwarden --annotations=side.yaml --cache-dir=c3 ok.c -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=SIDE-FIFO --match-full-lines %s < err
// SIDE-FIFO: lockwarden: error: side.yaml: not a regular file (each clang run reads the sidecar again)
//
// A stop signal to lockwarden alone: its children end with it.
// RUN: %python %S/Inputs/stop-run.py SIGTERM c4 %lockwarden --unit-time=0 --cache-dir=c4 ok.c fifo.c -- -I%lw_include > stop 2>&1
// RUN: FileCheck --check-prefix=STOP -DSIG=15 %s < stop
// RUN: %python %S/Inputs/stop-run.py SIGINT c5 %lockwarden --unit-time=0 --cache-dir=c5 fifo.c ok.c -- -I%lw_include > stop 2>&1
// RUN: FileCheck --check-prefix=STOP -DSIG=2 %s < stop
// STOP: children: True
// STOP: lockwarden: error: stopped by signal [[SIG]] ({{.*}}); {{[12]}} clang process{{(es)?}} ended
// STOP: status: [[SIG]]
// STOP: left running: 0
// STOP: partial files: []

//--- ok.c
int ok(void) { return 1; }
//--- other.c
int other(void) { return 2; }
//--- fifo.c
#include "hang.h"
int stuck(void) { return 3; }
