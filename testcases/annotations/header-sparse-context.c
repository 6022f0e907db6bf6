// sparse's context checker sees the LW_ACQUIRES / LW_RELEASES / LW_REQUIRES contexts: an
// unbalanced function draws sparse's own warnings, reported at the function's definition.
// (sparse keeps one counter per function and ignores which lock the argument names.)
//
// REQUIRES: sparse
// RUN: %sparse -Wall -I %lw_include %s 2>&1 | FileCheck --implicit-check-not=warning %s
// RUN: not %sparse -Wall -Wsparse-error -I %lw_include %s 2>/dev/null

#include "Inputs/sample.h"

// Returns with the driver lock still held on one path.
int leakOnError(virQEMUDriver *driver);
// CHECK: header-sparse-context.c:[[@LINE+1]]:5: warning: context imbalance in 'leakOnError' - wrong count at exit
int leakOnError(virQEMUDriver *driver)
{
    qemuDriverLock(driver);
    if (driver->inhibitCount > 0)
        return -1;
    qemuDriverUnlock(driver);
    return 0;
}

// Unlocks a lock it no longer holds.
void doubleUnlock(virDomainObj *vm);
// CHECK: header-sparse-context.c:[[@LINE+1]]:6: warning: context imbalance in 'doubleUnlock' - unexpected unlock
void doubleUnlock(virDomainObj *vm)
{
    virObjectLock(vm);
    virObjectUnlock(vm);
    virObjectUnlock(vm);
}

// LW_REQUIRES promises the lock is still held on return.
void dropsRequired(virQEMUDriver *driver) LW_REQUIRES(driver->lock);
// CHECK: header-sparse-context.c:[[@LINE+1]]:6: warning: context imbalance in 'dropsRequired' - wrong count at exit
void dropsRequired(virQEMUDriver *driver) LW_REQUIRES(driver->lock)
{
    qemuDriverUnlock(driver);
}

// A global lock name works as the argument too.
void takeGlobal(void) LW_ACQUIRES(qemuDriverGlobalLock);
// CHECK: header-sparse-context.c:[[@LINE+1]]:6: warning: context imbalance in 'takeGlobal' - wrong count at exit
void takeGlobal(void) LW_ACQUIRES(qemuDriverGlobalLock)
{
}
