// With LW_THREAD_SAFETY the function macros carry Clang's thread-safety attributes on every
// Clang version: the correct sample is clean under -Wthread-safety, and broken callers draw
// Clang's own warnings.  Field guards need Clang >= 19: see header-tsa-guarded.c.
//
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -Wthread-safety -DLW_THREAD_SAFETY \
// RUN:   -I %lw_include %s
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -Wthread-safety -DLW_THREAD_SAFETY \
// RUN:   -DLOCKWARDEN -I %lw_include %s
// RUN: %clang -fsyntax-only -Xclang -verify -Wthread-safety -DLW_THREAD_SAFETY -DBAD \
// RUN:   -I %lw_include %s
//
// RUN: %clang -Xclang -ast-dump -fsyntax-only -DLW_THREAD_SAFETY -I %lw_include %s \
// RUN:   | FileCheck --check-prefix=TSA --implicit-check-not=AnnotateAttr %s
// RUN: %clang -Xclang -ast-dump -fsyntax-only -DLW_THREAD_SAFETY -DLOCKWARDEN \
// RUN:   -I %lw_include %s | FileCheck --check-prefix=BOTH %s

// The exact expansions; guarded_by(&lock) only from Clang 19 (header-tsa-guarded.c):
// RUN: %clang -E -P -DLW_THREAD_SAFETY -I %lw_include %S/Inputs/macros.h \
// RUN:   | FileCheck --check-prefix=E %s
// E:      immutable ={{$}}
// E-NEXT: self_locking ={{$}}
// E-NEXT: guarded_by ={{( __attribute__\(\(guarded_by\(&lock\)\)\))?$}}
// E-NEXT: rcu_config ={{$}}
// E-NEXT: atomic ={{$}}
// E-NEXT: driver_lock ={{$}}
// E-NEXT: capability = __attribute__((capability("mutex"))){{$}}
// E-NEXT: acquires = __attribute__((acquire_capability(*m))){{$}}
// E-NEXT: acquires_shared = __attribute__((acquire_shared_capability(*m))){{$}}
// E-NEXT: releases = __attribute__((release_generic_capability(*m))){{$}}
// E-NEXT: requires = __attribute__((requires_capability(driver->lock))){{$}}
// E-NEXT: requires_shared = __attribute__((requires_shared_capability(vm->lock))){{$}}
// E-NEXT: excludes = __attribute__((locks_excluded(driver->lock))){{$}}
// E-NEXT: try_acquires = __attribute__((try_acquire_capability(0, *m))){{$}}
// E-NEXT: acquires_guard ={{$}}
// E-NEXT: releases_guard ={{$}}
// E-NEXT: waits = __attribute__((requires_capability(qemuDriverGlobalLock))){{$}}
// E-NEXT: blocking ={{$}}
// E-NEXT: nonblocking ={{$}}
// E-NEXT: init = __attribute__((no_thread_safety_analysis)){{$}}
// E-NEXT: rcu_read_lock ={{$}}
// E-NEXT: rcu_read_unlock ={{$}}
// E-NEXT: rcu_publish ={{$}}
// E-NEXT: no_analysis = __attribute__((no_thread_safety_analysis)){{$}}
// E-NEXT: hands_off ={{ *$}}
// E-NEXT: stores_callbacks ={{ *$}}
// E-NEXT: recursive ={{ *$}}
// E-NEXT: end_of_macros =

#include "Inputs/sample.h"

// TSA:       RecordDecl {{.*}} struct _virMutex definition
// TSA-NEXT:    CapabilityAttr {{.*}} capability "mutex"
// TSA:       RecordDecl {{.*}} struct _virRWLock definition
// TSA-NEXT:    CapabilityAttr {{.*}} capability "rwlock"
// TSA:       FunctionDecl {{.*}} virMutexLock 'void (virMutex *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    AcquireCapabilityAttr {{.*}} acquire_capability
// TSA:       FunctionDecl {{.*}} virMutexUnlock 'void (virMutex *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    ReleaseCapabilityAttr {{.*}} release_generic_capability
// TSA:       FunctionDecl {{.*}} virMutexTryLock 'int (virMutex *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    TryAcquireCapabilityAttr {{.*}} try_acquire_capability
// TSA:       FunctionDecl {{.*}} virRWLockRead 'void (virRWLock *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    AcquireCapabilityAttr {{.*}} acquire_shared_capability
// TSA:       FunctionDecl {{.*}} virCondWait 'void (virCond *, virMutex *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    RequiresCapabilityAttr {{.*}} requires_capability
// Guards are invisible to TSA (it cannot follow a cleanup guard in C).
// TSA:       FunctionDecl {{.*}} virLockGuardLock 'virLockGuard (virMutex *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:  FunctionDecl {{.*}} virLockGuardUnlock
// TSA:       FunctionDecl {{.*}} qemuStateInitialize
// TSA-COUNT-3: ParmVarDecl
// TSA-NEXT:    NoThreadSafetyAnalysisAttr
// TSA:       FunctionDecl {{.*}} qemuDriverInhibitLocked 'int (virQEMUDriver *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    RequiresCapabilityAttr {{.*}} requires_capability
// TSA:       FunctionDecl {{.*}} qemuDriverInhibit 'int (virQEMUDriver *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    LocksExcludedAttr
// TSA:       FunctionDecl {{.*}} qemuHostdevCountLocked 'int (virQEMUDriver *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    RequiresCapabilityAttr {{.*}} requires_shared_capability
// TSA:       FunctionDecl {{.*}} qemuDriverDumpState 'int (virQEMUDriver *)'
// TSA-NEXT:    ParmVarDecl
// TSA-NEXT:    NoThreadSafetyAnalysisAttr

// With LOCKWARDEN as well, both kinds of attribute are present (in no fixed order).
// BOTH:      FunctionDecl {{.*}} virMutexLock 'void (virMutex *)'
// BOTH-NEXT:   ParmVarDecl
// BOTH-DAG:    AcquireCapabilityAttr {{.*}} acquire_capability
// BOTH-DAG:    AnnotateAttr {{.*}} "lockwarden:acquires(*m)"
// BOTH:      FunctionDecl {{.*}} virMutexUnlock 'void (virMutex *)'
// BOTH:      FunctionDecl {{.*}} qemuStateInitialize
// BOTH-COUNT-3: ParmVarDecl
// BOTH-DAG:    NoThreadSafetyAnalysisAttr
// BOTH-DAG:    AnnotateAttr {{.*}} "lockwarden:init"
// BOTH:      FunctionDecl {{.*}} qemuDriverLock 'void (virQEMUDriver *)'

#ifdef BAD
// An exclusive-only requirement on the rwlock, for the shared/exclusive case below.
void qemuHostdevReset(virQEMUDriver *driver) LW_REQUIRES(driver->hostdevLock);

// LW_REQUIRES, but the caller does not hold the lock.
int badInhibit(virQEMUDriver *driver);
int badInhibit(virQEMUDriver *driver)
{
    return qemuDriverInhibitLocked(driver); // expected-warning {{calling function 'qemuDriverInhibitLocked' requires holding mutex 'driver->lock' exclusively}}
}

// LW_REQUIRES, and a shared hold is not enough.
void badReset(virQEMUDriver *driver);
void badReset(virQEMUDriver *driver)
{
    virRWLockRead(&driver->hostdevLock);
    qemuHostdevReset(driver); // expected-warning-re {{calling function 'qemuHostdevReset' requires holding {{mutex|rwlock}} 'driver->hostdevLock' exclusively}}
    virRWLockUnlock(&driver->hostdevLock);
}

// LW_EXCLUDES, and the function takes the lock itself.
void badNested(virQEMUDriver *driver);
void badNested(virQEMUDriver *driver)
{
    qemuDriverLock(driver);
    qemuDriverInhibit(driver); // expected-warning {{cannot call function 'qemuDriverInhibit' while mutex 'driver->lock' is held}}
    qemuDriverUnlock(driver);
}

// LW_ACQUIRES without a matching LW_RELEASES.
void badLeak(virDomainObj *vm);
void badLeak(virDomainObj *vm)
{
    virObjectLock(vm); // expected-note {{mutex acquired here}}
} // expected-warning {{mutex 'vm->lock' is still held at the end of function}}

// LW_TRY_ACQUIRES, and the lock is held only on the success (== 0) branch.
void badTry(virDomainObj *vm);
void badTry(virDomainObj *vm)
{
    virMutexTryLock(&vm->lock);
    virMutexUnlock(&vm->lock); // expected-warning {{releasing mutex 'vm->lock' that was not held}}
}

// LW_WAITS, and waiting needs the lock held.
void badWait(virQEMUDriver *driver);
void badWait(virQEMUDriver *driver)
{
    virCondWait(&driver->inhibitCond, &driver->lock); // expected-warning {{calling function 'virCondWait' requires holding mutex 'driver->lock' exclusively}}
}

// A primitive's body without LW_NO_ANALYSIS is analysed against its own contract.
void badPrimitive(virMutex *m) LW_ACQUIRES(*m);
void badPrimitive(virMutex *m) // expected-note {{mutex acquired here}}
{
    pthread_mutex_lock(&m->lock);
} // expected-warning {{expecting mutex 'm' to be held at the end of function}}
#endif
