// A callee that takes a lock its caller already holds: a double acquire across
// the call (the thread waits for itself), inferred from the callee's body
// without LW_EXCLUDES, at any depth, for a lock given as a parameter or global.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;

static void bump(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note 2 {{'bump' acquires 'd->lock' here}}
	d->nactive++;
	virMutexUnlock(&d->lock);
}

void holds_then_calls(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' previously acquired here}}
	bump(d); // expected-warning {{calling 'bump', which acquires 'd->lock', while holding it [lock-imbalance]}}
	virMutexUnlock(&d->lock);
}

static void via(struct drv *d) { bump(d); }

void two_deep(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' previously acquired here}}
	via(d); // expected-warning {{calling 'via', which acquires 'd->lock', while holding it [lock-imbalance]}}
	virMutexUnlock(&d->lock);
}

static void tick(void)
{
	pthread_mutex_lock(&big); // expected-note {{'tick' acquires 'big' here}}
	pthread_mutex_unlock(&big);
}

void global_lock(void)
{
	pthread_mutex_lock(&big); // expected-note {{'big' previously acquired here}}
	tick(); // expected-warning {{calling 'tick', which acquires 'big', while holding it [lock-imbalance]}}
	pthread_mutex_unlock(&big);
}

/* quiet: another object's lock, the lock released before the call, a
 * callee that only releases and retakes the caller's lock (Exit/Enter) */
void other_object(struct drv *d, struct drv *e)
{
	virMutexLock(&d->lock);
	bump(e);
	virMutexUnlock(&d->lock);
}

void released_first(struct drv *d)
{
	virMutexLock(&d->lock);
	virMutexUnlock(&d->lock);
	bump(d);
}

static void drop_and_retake(struct drv *d)
{
	virMutexUnlock(&d->lock);
	sleep(1);
	virMutexLock(&d->lock);
}

void enter_exit(struct drv *d)
{
	virMutexLock(&d->lock);
	drop_and_retake(d);
	virMutexUnlock(&d->lock);
}

