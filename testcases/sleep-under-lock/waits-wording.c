// Wording: an LW_WAITS function (virCondWait) waiting on one lock while the driver
// lock is held is explained as what it is, a wait that releases only the lock it
// is given, not as "annotated LW_BLOCKING".
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

void wait_other(struct drv *d, virCond *cv, virMutex *other)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	virCondWait(cv, other); // expected-warning {{blocking call 'virCondWait' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'virCondWait' blocks here (annotated LW_WAITS: it waits, releasing only the lock it is given)}}
	virMutexUnlock(&d->lock);
}

/* quiet: waiting on the driver lock itself releases it */
void wait_driver(struct drv *d, virCond *cv)
{
	virMutexLock(&d->lock);
	virCondWait(cv, &d->lock);
	virMutexUnlock(&d->lock);
}
