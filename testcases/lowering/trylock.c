// Try-locks: the adapter knows no lock function; a try-lock is a CALL whose
// result is stored (CALL -> rc, ASSIGN rc = the call's result) and then
// tested (edge facts on rc), or tested at once (facts on the call's
// result).  The core pairs the two (docs/ir.md, control flow).
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s
#include <lockwarden.h>
#include <pthread.h>

struct drv {
	pthread_mutex_t lock;
	int n;
};
int drvTryLock(struct drv *d) LW_TRY_ACQUIRES(1, d->lock);
void drvUnlock(struct drv *d) LW_RELEASES(d->lock);

void stored(struct drv *d)
{
	int rc = pthread_mutex_trylock(&d->lock);
	if (rc != 0)
		return;
	pthread_mutex_unlock(&d->lock);
}
// CHECK:      func stored entry={{B[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[UNLOCK:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:27 access addr d->lock to #[[UN:[0-9]+]]
// CHECK-NEXT: {{[0-9]+}}:2 call #[[UN]] pthread_mutex_unlock(&d->lock) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[BAIL:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 return ?
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[TRY:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:37 access addr d->lock to #[[T:[0-9]+]]
// CHECK-NEXT: {{[0-9]+}}:11 call #[[T]] pthread_mutex_trylock(&d->lock) -> rc
// CHECK-NEXT: {{[0-9]+}}:6 assign rc = pthread_mutex_trylock()
// CHECK-NEXT: -> [[BAIL]] if rc != 0
// CHECK-NEXT: -> [[UNLOCK]] if rc == 0

// Stored by assignment (not a declaration), tested with `!`.
void assigned(struct drv *d)
{
	int ok;
	ok = drvTryLock(d);
	if (!ok)
		return;
	drvUnlock(d);
}
// CHECK:      func assigned entry={{B[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[UNLOCK:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} drvUnlock(d) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[BAIL:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 return ?
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[TRY:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:7 call #{{[0-9]+}} drvTryLock(d) -> ok
// CHECK-NEXT: {{[0-9]+}}:5 assign ok = drvTryLock()
// CHECK-NEXT: -> [[BAIL]] if ok == 0
// CHECK-NEXT: -> [[UNLOCK]] if ok != 0

// Tested where it is made.
void direct(struct drv *d)
{
	if (drvTryLock(d) == 1)
		drvUnlock(d);
}
// CHECK:      func direct entry={{B[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[UNLOCK:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} drvUnlock(d) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[TRY:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:6 call #{{[0-9]+}} drvTryLock(d)
// CHECK-NEXT: -> [[UNLOCK]] if drvTryLock() == 1
// CHECK-NEXT: -> [[EXIT]] if drvTryLock() != 1
