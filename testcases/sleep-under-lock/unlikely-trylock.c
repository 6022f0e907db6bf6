// A try-lock tested through unlikely() holds the lock on the path where it
// succeeded, as one tested plainly does: the blocking call after it is a
// finding.  It is lost today: the condition lowering does not look through
// the cast __builtin_expect's operand gets (lowering/expect.c), so the
// try-lock's outcome is unknown on both edges.
// XFAIL: *
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

#define unlikely(x) __builtin_expect(!!(x), 0)
int virMutexTryLock(virMutex *m) LW_TRY_ACQUIRES(0, *m);

int fires_unlikely(struct drv *d)
{
	if (unlikely(virMutexTryLock(&d->lock) != 0)) // expected-note {{'d->lock' acquired here}}
		return -1;
	usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	virMutexUnlock(&d->lock);
	return 0;
}

int fires_plain(struct drv *d)
{
	if (virMutexTryLock(&d->lock) != 0) // expected-note {{'d->lock' acquired here}}
		return -1;
	usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	virMutexUnlock(&d->lock);
	return 0;
}

int quiet_failed(struct drv *d)
{
	if (unlikely(virMutexTryLock(&d->lock) != 0)) {
		usleep(10);
		return -1;
	}
	virMutexUnlock(&d->lock);
	return 0;
}
