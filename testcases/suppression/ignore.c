// lockwarden-ignore(check-id) on the reported line or the line before.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

void suppressed(struct drv *d)
{
	virMutexLock(&d->lock);
	usleep(10); // lockwarden-ignore(sleep-under-lock)
	/* lockwarden-ignore(sleep-under-lock): bounded, measured */
	usleep(20);
	virMutexUnlock(&d->lock);
}

void other_id_does_not_suppress(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	usleep(10); // lockwarden-ignore(needless-lock) expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock'}} expected-note {{'usleep' blocks here (sleep)}}
	virMutexUnlock(&d->lock);
}
