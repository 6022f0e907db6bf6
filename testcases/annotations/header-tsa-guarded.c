// LW_GUARDED_BY becomes TSA guarded_by(&lock) from Clang 19 on (Clang <= 18 rejects a
// sibling-field guard in C, so there the header leaves it to the plugin; header-tsa.c shows
// the sample still compiles cleanly on those versions).  Clang names a sibling-field lock
// '&<struct tag>::<field>' in its messages.
//
// REQUIRES: llvm-19
// RUN: %clang -fsyntax-only -Xclang -verify -Wthread-safety -DLW_THREAD_SAFETY \
// RUN:   -I %lw_include %s
// RUN: %clang -Xclang -ast-dump -fsyntax-only -DLW_THREAD_SAFETY -I %lw_include %s \
// RUN:   | FileCheck %s

#include "Inputs/sample.h"

// CHECK:      FieldDecl {{.*}} pid 'int'
// CHECK-NEXT:   GuardedByAttr
// CHECK-NEXT:     UnaryOperator {{.*}} prefix '&'
// CHECK-NEXT:       DeclRefExpr {{.*}} Field {{.*}} 'lock'
// CHECK:      FieldDecl {{.*}} config 'virQEMUDriverConfig *'
// CHECK-NEXT: FieldDecl {{.*}} lastvmid
// CHECK:      FieldDecl {{.*}} nhostdevs 'int'
// CHECK-NEXT:   GuardedByAttr
// CHECK-NEXT:     UnaryOperator {{.*}} prefix '&'
// CHECK-NEXT:       DeclRefExpr {{.*}} Field {{.*}} 'hostdevLock'
// CHECK:      VarDecl {{.*}} qemuDriverRefs 'int' extern
// CHECK-NEXT:   GuardedByAttr
// CHECK-NEXT:     UnaryOperator {{.*}} prefix '&'
// CHECK-NEXT:       DeclRefExpr {{.*}} Var {{.*}} 'qemuDriverGlobalLock'

int badRead(virQEMUDriver *driver);
int badRead(virQEMUDriver *driver)
{
    return driver->inhibitCount; // expected-warning {{reading variable 'inhibitCount' requires holding mutex '&_virQEMUDriver::lock'}}
}

void badWrite(virDomainObj *vm);
void badWrite(virDomainObj *vm)
{
    vm->pid = 0; // expected-warning {{writing variable 'pid' requires holding mutex '&_virDomainObj::lock' exclusively}}
}

// A shared hold is enough to read, not to write.
int sharedRead(virQEMUDriver *driver);
int sharedRead(virQEMUDriver *driver)
{
    int n;

    virRWLockRead(&driver->hostdevLock);
    n = driver->nhostdevs;
    driver->nhostdevs = n + 1; // expected-warning {{writing variable 'nhostdevs' requires holding rwlock '&_virQEMUDriver::hostdevLock' exclusively}}
    virRWLockUnlock(&driver->hostdevLock);
    return n;
}

// A global guarded by a global lock.
void badGlobal(void);
void badGlobal(void)
{
    qemuDriverRefs = 0; // expected-warning {{writing variable 'qemuDriverRefs' requires holding mutex 'qemuDriverGlobalLock' exclusively}}
}

// Held through a wrapper, a parameter alias and a try-lock success: no warning.
int goodPaths(virQEMUDriver *driver, virDomainObj *vm);
int goodPaths(virQEMUDriver *driver, virDomainObj *vm)
{
    virQEMUDriver *d = driver;
    int n;

    qemuDriverLock(driver);
    n = d->inhibitCount;
    qemuDriverUnlock(driver);
    if (virMutexTryLock(&vm->lock) != 0)
        return -1;
    vm->pid = n;
    virMutexUnlock(&vm->lock);
    return n;
}
