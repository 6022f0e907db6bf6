// An unclassified field of the driver's struct read in a callee (r = helper(d),
// helper reading d->unclassified) needs the lock as the same read inline does,
// at any depth and across the callee's own callees.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,needless-lock -Xclang -verify %s
#include "lwtest.h"

static int helper(struct drv *d) { return d->unclassified; }
static int deeper(struct drv *d) { return helper(d) + 1; }

int inline_read(struct drv *d)
{
	virMutexLock(&d->lock);
	int r = d->unclassified;
	virMutexUnlock(&d->lock);
	return r;
}

int callee_read(struct drv *d)
{
	virMutexLock(&d->lock);
	int r = helper(d);
	virMutexUnlock(&d->lock);
	return r;
}

int depth2_read(struct drv *d)
{
	virMutexLock(&d->lock);
	int r = deeper(d);
	virMutexUnlock(&d->lock);
	return r;
}

/* still needless: the callee touches nothing of the driver's */
static int pure(int x) { return x * 2; }
int needless(struct drv *d, int x)
{
	virMutexLock(&d->lock); // expected-warning {{driver lock 'd->lock' is taken but nothing in the critical section needs it [needless-lock]}}
	x = pure(x);
	virMutexUnlock(&d->lock); // expected-note {{'d->lock' released here}}
	return x;
}
