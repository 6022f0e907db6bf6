// Calls through pointers: an ops table initialised statically, a callback
// passed as an argument (at depth 1 and 2), a function pointer in a local, and
// a callback only stored for later (a thread, a timer), which is not called
// under the caller's lock.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

struct secops { int (*relabel)(const char *path); };
static int dac_relabel(const char *path) { (void)path; usleep(1000); return 0; } // expected-note {{'usleep' blocks here (sleep)}}
static const struct secops dac = { .relabel = dac_relabel };
static const struct secops *mgr = &dac;

static int kill_one(void *p) { (void)p; sleep(1); return 0; } // expected-note 3 {{'sleep' blocks here (sleep)}}
static void for_each(int (*cb)(void *), void *p) { cb(p); } // expected-note 2 {{'cb' may call 'kill_one' (passed at through-pointers.c:}}
static void for_each2(int (*cb)(void *), void *p) { for_each(cb, p); } // expected-note {{'for_each2' calls 'for_each' here}}

void api(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note 4 {{'d->lock' acquired here}}
	mgr->relabel("/nfs/disk"); // expected-warning {{call to 'dac_relabel' may block while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'mgr->relabel' may call 'dac_relabel' (stored at through-pointers.c:10)}}
	for_each(kill_one, d); // expected-warning {{call to 'for_each' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	for_each2(kill_one, d); // expected-warning {{call to 'for_each2' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	int (*fp)(void *) = kill_one;
	fp(d); // expected-warning {{call to 'kill_one' may block while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'fp' may call 'kill_one' (stored at through-pointers.c:23)}}
	virMutexUnlock(&d->lock);
}

/* quiet: stored for later, not called now */
struct timer { int (*cb)(void *); void *data; };
static void timer_add(struct timer *t, int (*cb)(void *), void *data) { t->cb = cb; t->data = data; }

void arm(struct drv *d, struct timer *t, pthread_t *th)
{
	virMutexLock(&d->lock);
	timer_add(t, kill_one, d);
	pthread_create(th, NULL, (void *(*)(void *))kill_one, d);
	d->nactive++;
	virMutexUnlock(&d->lock);
}
