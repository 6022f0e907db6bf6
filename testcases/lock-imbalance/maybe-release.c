// A callee that releases the caller's lock on some of its paths only (libvirt's
// qemuDomainObjEnterMonitorAsync drops the domain lock only when it succeeds): a
// later release of that lock by the caller is no double release, since on the
// callee's other paths the lock was still held. A callee that releases on every
// path makes a later release a double one.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

static int enter_maybe(struct drv *d, int ok)
{
	if (!ok)
		return -1;
	virMutexUnlock(&d->lock);
	return 0;
}

void caller_maybe(struct drv *d, int ok)
{
	virMutexLock(&d->lock);
	enter_maybe(d, ok);
	virMutexUnlock(&d->lock);
}

static void release_always(struct drv *d)
{
	virMutexUnlock(&d->lock);
}

void caller_always(struct drv *d)
{
	virMutexLock(&d->lock);
	release_always(d); // expected-note {{'d->lock' released here}}
	virMutexUnlock(&d->lock); // expected-warning {{releasing 'd->lock' which was already released [lock-imbalance]}}
}
