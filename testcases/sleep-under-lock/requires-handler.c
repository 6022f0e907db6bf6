// A handler annotated LW_REQUIRES(the driver lock) runs with it held by contract:
// a blocking call inside it is reported there, once (its callers are not told
// again), and the dispatcher that holds the lock for it, directly or through a
// table of handlers, is no needless-lock.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock,needless-lock -Xclang -verify %s
#include "lwtest.h"

static void on_event(struct drv *d) LW_REQUIRES(d->lock);
static void on_event(struct drv *d)
{
	d->nactive++;
	usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
}

void dispatch(struct drv *d)
{
	virMutexLock(&d->lock);
	on_event(d);
	virMutexUnlock(&d->lock);
}

struct handlers { void (*event)(struct drv *d); };
static const struct handlers table = { .event = on_event };

void dispatch_table(struct drv *d, const struct handlers *h)
{
	virMutexLock(&d->lock);
	h->event(d);
	virMutexUnlock(&d->lock);
	(void)table;
}
