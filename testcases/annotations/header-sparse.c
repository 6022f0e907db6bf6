// Under sparse (__CHECKER__) acquire, release, requires and waits annotations become
// context() attributes and everything else is empty, whatever the user defines.  sparse
// accepts every argument form users write (*m, driver->lock, vm->lock, a global name) and
// prints nothing for the correct sample; -Wsparse-error turns any warning into exit 1.
//
// REQUIRES: sparse
// RUN: %sparse -Wall -Wsparse-error -I %lw_include %s 2>&1 \
// RUN:   | FileCheck --allow-empty '--implicit-check-not={{.}}' %s
// RUN: %sparse -Wall -Wsparse-error -DLOCKWARDEN -DLW_THREAD_SAFETY -I %lw_include %s 2>&1 \
// RUN:   | FileCheck --allow-empty '--implicit-check-not={{.}}' %s
//
// The exact expansions:
// RUN: %sparse -E -DLOCKWARDEN -DLW_THREAD_SAFETY -I %lw_include %S/Inputs/macros.h \
// RUN:   | FileCheck --check-prefix=E %s
// E:      immutable ={{ *$}}
// E-NEXT: self_locking ={{ *$}}
// E-NEXT: guarded_by ={{ *$}}
// E-NEXT: rcu_config ={{ *$}}
// E-NEXT: atomic ={{ *$}}
// E-NEXT: driver_lock ={{ *$}}
// E-NEXT: capability ={{ *$}}
// E-NEXT: acquires = __attribute__((context(*m, 0, 1))){{ *$}}
// E-NEXT: acquires_shared = __attribute__((context(*m, 0, 1))){{ *$}}
// E-NEXT: releases = __attribute__((context(*m, 1, 0))){{ *$}}
// E-NEXT: requires = __attribute__((context(driver->lock, 1, 1))){{ *$}}
// E-NEXT: requires_shared = __attribute__((context(vm->lock, 1, 1))){{ *$}}
// E-NEXT: excludes ={{ *$}}
// E-NEXT: try_acquires ={{ *$}}
// E-NEXT: acquires_guard ={{ *$}}
// E-NEXT: releases_guard ={{ *$}}
// E-NEXT: waits = __attribute__((context(qemuDriverGlobalLock, 1, 1))){{ *$}}
// E-NEXT: blocking ={{ *$}}
// E-NEXT: nonblocking ={{ *$}}
// E-NEXT: init ={{ *$}}
// E-NEXT: rcu_read_lock ={{ *$}}
// E-NEXT: rcu_read_unlock ={{ *$}}
// E-NEXT: rcu_publish ={{ *$}}
// E-NEXT: no_analysis ={{ *$}}
// E-NEXT: hands_off ={{ *$}}
// E-NEXT: stores_callbacks ={{ *$}}
// E-NEXT: recursive ={{ *$}}
// E-NEXT: end_of_macros =

#include "Inputs/sample.h"
