// Wording: a double acquire followed by two unlocks is one finding, the double
// acquire; the second unlock only undoes the second acquire, it is no "already
// released" as well.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

void twice(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' previously acquired here}}
	virMutexLock(&d->lock); // expected-warning {{acquiring 'd->lock' which is already held [lock-imbalance]}}
	virMutexUnlock(&d->lock);
	virMutexUnlock(&d->lock);
}

/* a real double release is still one */
void released_twice(struct drv *d)
{
	virMutexLock(&d->lock);
	virMutexUnlock(&d->lock); // expected-note {{'d->lock' released here}}
	virMutexUnlock(&d->lock); // expected-warning {{releasing 'd->lock' which was already released [lock-imbalance]}}
}
