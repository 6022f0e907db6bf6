// QEMU-style idiom: conditional acquisition handed to the caller.  A helper
// takes the lock only when the caller does not hold it already and returns
// whether it did ("bool release = !bql_locked(); if (release) bql_lock();
// return release;"); the caller releases it only then.  A function whose
// returns hold the lock exactly where they return non-zero (or exactly where
// they return 0) acquires it when it returns that, as a try-lock does.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"
#include <stdbool.h>

extern virMutex bql LW_DRIVER_LOCK;
bool bql_locked(void) LW_TESTS_HELD(bql);
void bql_lock(void) LW_ACQUIRES(bql);
void bql_unlock(void) LW_RELEASES(bql);

static bool lock_if_needed(void)
{
	bool release = !bql_locked();
	if (release)
		bql_lock();
	return release;
}

void user(void)
{
	bool release = lock_if_needed();
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	if (release) {
		lw_debug_lockset(); // expected-remark {{held: {bql} [debug]}}
		bql_unlock();
	}
}

/* Without a query: takes the lock unless busy, and says whether it did.
 * (A constant returned with the lock held is no such contract: "return -1"
 * on an error path that forgot the unlock is a leak, imbalance.c.) */
static bool maybe_lock(struct drv *d, bool busy)
{
	bool locked = !busy;
	if (locked)
		virMutexLock(&d->lock);
	return locked;
}

void maybe_user(struct drv *d, bool want)
{
	if (maybe_lock(d, want)) {
		d->nactive++;
		virMutexUnlock(&d->lock);
	}
	sleep(1); /* not held on either side */
}

/* pthread style: 0 with the lock held, an error code without. */
static int lock_unless_stopping(struct drv *d, int stopping)
{
	int ret = -1;
	if (stopping)
		return ret;
	virMutexLock(&d->lock);
	ret = 0;
	return ret;
}

void stop_user(struct drv *d, int stopping)
{
	if (lock_unless_stopping(d, stopping) != 0)
		return;
	d->nactive++;
	virMutexUnlock(&d->lock);
}

/* Still a leak: the result says nothing about the lock. */
static int leaks(struct drv *d, int x)
{
	if (x)
		virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	return 1; // expected-warning {{'d->lock' is still held at this return but not on every path [lock-imbalance]}}
}

/* A caller that releases whatever the result says. */
void ignores_result(struct drv *d, bool want)
{
	maybe_lock(d, want); // expected-note {{'maybe_lock' may have taken 'd->lock' here}}
	virMutexUnlock(&d->lock); // expected-warning {{releasing 'd->lock', which 'maybe_lock' may not have taken: its result is not tested [lock-imbalance]}}
}
