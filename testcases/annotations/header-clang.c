// Under Clang the plugin strings (annotate) appear only when LOCKWARDEN is defined (the
// plugin predefines it): in an ordinary build annotate would change the generated code.
// Without LW_THREAD_SAFETY no thread-safety attribute appears either.
//
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -I %lw_include %s
// RUN: %clang -fsyntax-only -Wall -Wextra -Werror -DLOCKWARDEN -I %lw_include %s
//
// RUN: %clang -Xclang -ast-dump -fsyntax-only -I %lw_include %s \
// RUN:   | FileCheck --check-prefix=OFF --implicit-check-not=AnnotateAttr \
// RUN:       --implicit-check-not=CapabilityAttr --implicit-check-not=GuardedByAttr \
// RUN:       --implicit-check-not=LocksExcludedAttr \
// RUN:       --implicit-check-not=NoThreadSafetyAnalysisAttr %s
//
// RUN: %clang -Xclang -ast-dump -fsyntax-only -DLOCKWARDEN -I %lw_include %s \
// RUN:   | FileCheck --check-prefix=ON --implicit-check-not=CapabilityAttr \
// RUN:       --implicit-check-not=GuardedByAttr --implicit-check-not=LocksExcludedAttr \
// RUN:       --implicit-check-not=NoThreadSafetyAnalysisAttr %s

// The exact expansions (string pieces are concatenated by the compiler later):
// RUN: %clang -E -P -I %lw_include %S/Inputs/macros.h \
// RUN:   | FileCheck --check-prefix=E-OFF --implicit-check-not=__attribute__ %s
// RUN: %clang -E -P -DLOCKWARDEN -I %lw_include %S/Inputs/macros.h \
// RUN:   | FileCheck --check-prefix=E-ON %s
// E-OFF:  immutable =
// E-OFF:  end_of_macros =
// E-ON:      immutable = __attribute__((annotate("lockwarden:immutable"))){{$}}
// E-ON-NEXT: self_locking = __attribute__((annotate("lockwarden:self_locking"))){{$}}
// E-ON-NEXT: guarded_by = __attribute__((annotate("lockwarden:guarded_by(" "lock" ")"))){{$}}
// E-ON-NEXT: rcu_config = __attribute__((annotate("lockwarden:rcu_config(" "lock" ")"))){{$}}
// E-ON-NEXT: atomic = __attribute__((annotate("lockwarden:atomic"))){{$}}
// E-ON-NEXT: driver_lock = __attribute__((annotate("lockwarden:driver_lock"))){{$}}
// E-ON-NEXT: capability ={{ *$}}
// E-ON-NEXT: acquires = __attribute__((annotate("lockwarden:acquires(" "*m" ")"))){{$}}
// E-ON-NEXT: acquires_shared = __attribute__((annotate("lockwarden:acquires_shared(" "*m" ")"))){{$}}
// E-ON-NEXT: releases = __attribute__((annotate("lockwarden:releases(" "*m" ")"))){{$}}
// E-ON-NEXT: requires = __attribute__((annotate("lockwarden:requires(" "driver->lock" ")"))){{$}}
// E-ON-NEXT: requires_shared = __attribute__((annotate("lockwarden:requires_shared(" "vm->lock" ")"))){{$}}
// E-ON-NEXT: excludes = __attribute__((annotate("lockwarden:excludes(" "driver->lock" ")"))){{$}}
// E-ON-NEXT: try_acquires = __attribute__((annotate("lockwarden:try_acquires(" "0" ", " "*m" ")"))){{$}}
// E-ON-NEXT: acquires_guard = __attribute__((annotate("lockwarden:acquires_guard(" "*m" ")"))){{$}}
// E-ON-NEXT: releases_guard = __attribute__((annotate("lockwarden:releases_guard(" "*g" ")"))){{$}}
// E-ON-NEXT: waits = __attribute__((annotate("lockwarden:waits(" "qemuDriverGlobalLock" ")"))){{$}}
// E-ON-NEXT: blocking = __attribute__((annotate("lockwarden:blocking"))){{$}}
// E-ON-NEXT: nonblocking = __attribute__((annotate("lockwarden:nonblocking"))){{$}}
// E-ON-NEXT: init = __attribute__((annotate("lockwarden:init"))){{$}}
// E-ON-NEXT: rcu_read_lock = __attribute__((annotate("lockwarden:rcu_read_lock"))){{$}}
// E-ON-NEXT: rcu_read_unlock = __attribute__((annotate("lockwarden:rcu_read_unlock"))){{$}}
// E-ON-NEXT: rcu_publish = __attribute__((annotate("lockwarden:rcu_publish"))){{$}}
// E-ON-NEXT: no_analysis = __attribute__((annotate("lockwarden:no_analysis"))){{$}}
// E-ON-NEXT: hands_off = __attribute__((annotate("lockwarden:hands_off"))){{$}}
// E-ON-NEXT: stores_callbacks = __attribute__((annotate("lockwarden:stores_callbacks"))){{$}}
// E-ON-NEXT: recursive = __attribute__((annotate("lockwarden:recursive"))){{$}}
// E-ON-NEXT: end_of_macros =

#include "Inputs/sample.h"

// OFF: FieldDecl {{.*}} pid 'int'
// OFF: FieldDecl {{.*}} inhibitCount 'int'
// OFF: FunctionDecl {{.*}} virMutexLock 'void (virMutex *)'

// Every kind, in the order sample.h declares them.  Arguments are the raw text written.
//
// ON:      FunctionDecl {{.*}} virMutexLock 'void (virMutex *)'
// ON-NEXT:   ParmVarDecl {{.*}} m 'virMutex *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:acquires(*m)"
// ON:      FunctionDecl {{.*}} virMutexUnlock 'void (virMutex *)'
// ON-NEXT:   ParmVarDecl {{.*}} m 'virMutex *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:releases(*m)"
// ON:      FunctionDecl {{.*}} virMutexTryLock 'int (virMutex *)'
// ON-NEXT:   ParmVarDecl {{.*}} m 'virMutex *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:try_acquires(0, *m)"
// ON:      FunctionDecl {{.*}} virRWLockRead 'void (virRWLock *)'
// ON-NEXT:   ParmVarDecl {{.*}} m 'virRWLock *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:acquires_shared(*m)"
// ON:      FunctionDecl {{.*}} virCondWait 'void (virCond *, virMutex *)'
// ON-NEXT:   ParmVarDecl {{.*}} c 'virCond *'
// ON-NEXT:   ParmVarDecl {{.*}} m 'virMutex *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:waits(*m)"
// ON:      FunctionDecl {{.*}} virLockGuardLock 'virLockGuard (virMutex *)'
// ON-NEXT:   ParmVarDecl {{.*}} m 'virMutex *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:acquires_guard(*m)"
// ON:      FunctionDecl {{.*}} virLockGuardUnlock 'void (virLockGuard *)'
// ON-NEXT:   ParmVarDecl {{.*}} g 'virLockGuard *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:releases_guard(*g)"
// ON:      FunctionDecl {{.*}} virRCUReadLock 'void (void)'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:rcu_read_lock"
// ON:      FunctionDecl {{.*}} virRCUReadUnlock 'void (void)'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:rcu_read_unlock"
// ON:      FunctionDecl {{.*}} virRCUAssignPointer 'void (void **, void *)'
// ON-NEXT:   ParmVarDecl {{.*}} slot 'void **'
// ON-NEXT:   ParmVarDecl {{.*}} value 'void *'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:rcu_publish"
// ON:      FunctionDecl {{.*}} virTimeSleep 'unsigned int (unsigned int)'
// ON-NEXT:   ParmVarDecl {{.*}} ms 'unsigned int'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:blocking"
//
// ON:      RecordDecl {{.*}} struct _virDomainObj definition
// ON-NEXT:   FieldDecl {{.*}} lock 'virMutex
// ON-NEXT:   FieldDecl {{.*}} pid 'int'
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:guarded_by(lock)"
//
// ON:      RecordDecl {{.*}} struct _virQEMUDriver definition
// ON-NEXT:   FieldDecl {{.*}} lock 'virMutex
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:driver_lock"
// ON-NEXT:   FieldDecl {{.*}} config 'virQEMUDriverConfig *'
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:rcu_config(lock)"
// ON-NEXT:   FieldDecl {{.*}} lastvmid 'unsigned int'
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:atomic"
// ON-NEXT:   FieldDecl {{.*}} privileged 'int'
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:immutable"
// ON-NEXT:   FieldDecl {{.*}} domains 'virDomainObjList *'
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:self_locking"
// ON-NEXT:   FieldDecl {{.*}} inhibitCount 'int'
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:guarded_by(lock)"
// ON-NEXT:   FieldDecl {{.*}} inhibitCond 'virCond
// ON-NEXT:   FieldDecl {{.*}} hostdevLock 'virRWLock
// ON-NEXT:   FieldDecl {{.*}} nhostdevs 'int'
// ON-NEXT:     AnnotateAttr {{.*}} "lockwarden:guarded_by(hostdevLock)"
//
// ON:      VarDecl {{.*}} qemuDriverGlobalLock 'virMutex{{.*}} extern
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:driver_lock"
// ON:      VarDecl {{.*}} qemuDriverRefs 'int' extern
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:guarded_by(qemuDriverGlobalLock)"
//
// ON:      FunctionDecl {{.*}} qemuStateInitialize 'int (virQEMUDriver *, virQEMUDriverConfig *, virDomainObjList *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:init"
// ON:      FunctionDecl {{.*}} qemuDriverLock 'void (virQEMUDriver *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:acquires(driver->lock)"
// ON:      FunctionDecl {{.*}} qemuDriverInhibitLocked 'int (virQEMUDriver *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:requires(driver->lock)"
// ON:      FunctionDecl {{.*}} qemuDriverInhibit 'int (virQEMUDriver *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:excludes(driver->lock)"
// ON:      FunctionDecl {{.*}} qemuDriverGlobalRef 'void (void)'
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:excludes(qemuDriverGlobalLock)"
// ON:      FunctionDecl {{.*}} qemuHostdevCountLocked 'int (virQEMUDriver *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:requires_shared(driver->hostdevLock)"
// ON:      FunctionDecl {{.*}} qemuDriverDumpState 'int (virQEMUDriver *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:no_analysis"
// ON:      FunctionDecl {{.*}} virObjectLock 'void (virDomainObj *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:acquires(vm->lock)"
// ON:      FunctionDecl {{.*}} qemuProcessHandleEvent 'void (void *)'
// ON-NEXT:   ParmVarDecl
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:nonblocking"
//
// A definition that does not repeat the prototype's annotation inherits it; the plugin
// merges redeclarations.
// ON:      FunctionDecl {{.*}} prev {{.*}} qemuDriverInhibitLocked 'int (virQEMUDriver *)'
// ON-NOT:  FunctionDecl
// ON:        AnnotateAttr {{.*}} Inherited "lockwarden:requires(driver->lock)"
// ON:      FunctionDecl {{.*}} prev {{.*}} virMutexLock 'void (virMutex *)'
// ON-NOT:  FunctionDecl
// ON:        AnnotateAttr {{.*}} Inherited "lockwarden:acquires(*m)"
// ON-NEXT:   AnnotateAttr {{.*}} "lockwarden:no_analysis"
