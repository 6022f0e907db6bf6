// LW_TRY_ACQUIRES(ret, x): x is held after the call exactly where the
// result equals ret, written as an integer (decimal or hex), true/TRUE,
// false/FALSE or NULL.  The lw_debug_lockset() probe shows the held locks on
// each side of the test; a return that keeps the lock on one side only is a
// lock-imbalance finding.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"
#include <stdbool.h>

bool tryTrue(virMutex *m) LW_TRY_ACQUIRES(true, *m);
int tryTRUE(virMutex *m) LW_TRY_ACQUIRES(TRUE, *m);
bool tryFalse(virMutex *m) LW_TRY_ACQUIRES(false, *m);
int tryHex(virMutex *m) LW_TRY_ACQUIRES(0x10, *m);
void *tryNull(virMutex *m) LW_TRY_ACQUIRES(NULL, *m);

void probe_true(struct drv *d)
{
	if (tryTrue(&d->lock)) {
		lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
		virMutexUnlock(&d->lock);
	} else {
		lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	}
}

void probe_TRUE(struct drv *d)
{
	if (tryTRUE(&d->lock) == 1) {
		lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
		virMutexUnlock(&d->lock);
	} else {
		lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	}
}

void probe_false(struct drv *d)
{
	if (!tryFalse(&d->lock)) {
		lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
		virMutexUnlock(&d->lock);
	} else {
		lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	}
}

void probe_hex(struct drv *d)
{
	int rc = tryHex(&d->lock);
	if (rc != 16) {
		lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
		return;
	}
	lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
	virMutexUnlock(&d->lock);
}

void probe_null(struct drv *d)
{
	if (tryNull(&d->lock) == NULL) {
		lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
		virMutexUnlock(&d->lock);
	}
}

/* Unlocking on the wrong side leaves the lock held at the other return. */
int fires_wrong_side(struct drv *d)
{
	if (tryTrue(&d->lock)) // expected-note {{'d->lock' acquired here}}
		return 1;          // expected-warning {{'d->lock' is still held at this return but not on every path [lock-imbalance]}}
	virMutexUnlock(&d->lock);
	return 0;
}
