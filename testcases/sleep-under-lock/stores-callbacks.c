// A project's own registration function keeps the callback for later (an event
// loop's timer); its body may also call it at once on some path (already due).
// LW_STORES_CALLBACKS, or "stores_callbacks" in a sidecar, says a call does not
// call it now: quiet. Without it the callback counts as called.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -fplugin-arg-lockwarden-annotations=%S/Inputs/stores-callbacks.yaml -Xclang -verify %s
#include "lwtest.h"

typedef int (*timer_cb)(void *);
struct timer { timer_cb cb; void *data; int due; };

static int reap(void *p) { (void)p; sleep(1); return 0; } // expected-note {{'sleep' blocks here (sleep)}}

void timer_add(struct timer *t, timer_cb cb, void *data) LW_STORES_CALLBACKS;
void timer_add(struct timer *t, timer_cb cb, void *data)
{
	if (t->due)
		cb(data);
	t->cb = cb;
	t->data = data;
}

void timer_add_sidecar(struct timer *t, timer_cb cb, void *data)
{
	if (t->due)
		cb(data);
	t->cb = cb;
	t->data = data;
}

void timer_add_plain(struct timer *t, timer_cb cb, void *data)
{
	if (t->due)
		cb(data); // expected-note {{'cb' may call 'reap' (passed at stores-callbacks.c:43)}}
	t->cb = cb;
	t->data = data;
}

void arm(struct drv *d, struct timer *t)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	timer_add(t, reap, d);
	timer_add_sidecar(t, reap, d);
	timer_add_plain(t, reap, d); // expected-warning {{call to 'timer_add_plain' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	virMutexUnlock(&d->lock);
}
