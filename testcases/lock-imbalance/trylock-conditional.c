// libvirt/QEMU-style idiom: a try-lock whose result is mapped through ?:
// (`ok = trylock(m) == 0 ? 1 : 0`) or through a statement-expression macro
// (`#define TRY_LOCK(m) ({ int _r = trylock(m); _r == 0 ? 1 : 0; })`) keeps its
// meaning: the lock is held where the mapped value says so.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"
#include <stdbool.h>

#define TRY_LOCK(m) ({ int _r = pthread_mutex_trylock(m); _r == 0 ? 1 : 0; })

void macro_form(struct drv *d)
{
	if (!TRY_LOCK(&d->statsLock))
		return;
	lw_debug_lockset(); // expected-remark {{held: {d->statsLock} [debug]}}
	d->nstats++;
	pthread_mutex_unlock(&d->statsLock);
}

void ternary(struct drv *d)
{
	int ok = pthread_mutex_trylock(&d->statsLock) == 0 ? 1 : 0;
	if (ok) {
		lw_debug_lockset(); // expected-remark {{held: {d->statsLock} [debug]}}
		pthread_mutex_unlock(&d->statsLock);
	}
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
}

void ternary_busy(struct drv *d)
{
	bool busy = pthread_mutex_trylock(&d->statsLock) ? true : false;
	if (busy)
		return;
	pthread_mutex_unlock(&d->statsLock);
}

/* The arms swapped: unlocking where the value says "not taken" leaves it
 * held on the other side. */
int wrong_side(struct drv *d)
{
	int ok = pthread_mutex_trylock(&d->statsLock) == 0 ? 1 : 0; // expected-note {{'d->statsLock' acquired here}}
	if (!ok)
		pthread_mutex_unlock(&d->statsLock);
	return 0; // expected-warning {{'d->statsLock' is still held at this return but not on every path [lock-imbalance]}}
}
