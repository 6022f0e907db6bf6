// libvirt 2011 job API idiom: beginJobInternal(driver, driver_locked, vm) drops
// the driver lock before waiting for the job condition when driver_locked is
// true and retakes it after; beginJobWithDriver() passes true.  A blocking
// point (or a release) reached only for some values of a parameter the function
// never assigns keeps that condition in the summary, and a call passing a
// constant (or a value the caller knows) takes only the points it can reach.
// The same holds for a function that blocks only for one value of an argument
// (clock_enable(false) waits for users to drain, clock_enable(true) does not).
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"
#include <stdbool.h>

struct job { virCond cond; int active; };

static int beginJobInternal(struct drv *d, bool driver_locked, virDomainObj *vm, struct job *j)
{
	if (driver_locked)
		virMutexUnlock(&d->lock);
	while (j->active)
		virCondWait(&j->cond, &vm->lock); // expected-note {{'virCondWait' blocks here (annotated LW_WAITS: it waits, releasing only the lock it is given)}}
	j->active = 1;
	if (driver_locked) {
		virObjectUnlock(vm);
		virMutexLock(&d->lock);
		virObjectLock(vm);
	}
	return 0;
}

int beginJobWithDriver(struct drv *d, virDomainObj *vm, struct job *j)
{
	return beginJobInternal(d, true, vm, j);
}

int beginJob(struct drv *d, virDomainObj *vm, struct job *j)
{
	return beginJobInternal(d, false, vm, j); // expected-note {{'beginJob' calls 'beginJobInternal' here}}
}

/* Holding the driver lock: the wait happens with it released. */
void api_with_driver(struct drv *d, virDomainObj *vm, struct job *j)
{
	virMutexLock(&d->lock);
	virObjectLock(vm);
	beginJobWithDriver(d, vm, j);
	virObjectUnlock(vm);
	virMutexUnlock(&d->lock);
}

/* Holding it and calling the variant that keeps it: the wait blocks the driver. */
void api_wrong_variant(struct drv *d, virDomainObj *vm, struct job *j)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	virObjectLock(vm);
	beginJob(d, vm, j); // expected-warning {{call to 'beginJob' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	virObjectUnlock(vm);
	virMutexUnlock(&d->lock);
}

/* A value the caller passes through from its own parameter: decided by its callers. */
static int beginJobFlag(struct drv *d, bool locked, virDomainObj *vm, struct job *j)
{
	return beginJobInternal(d, locked, vm, j);
}

void api_flag(struct drv *d, virDomainObj *vm, struct job *j)
{
	virMutexLock(&d->lock);
	beginJobFlag(d, true, vm, j);
	virMutexUnlock(&d->lock);
}

/* Blocks for one value only. */
static int users;
void clock_enable(struct drv *d, bool enable)
{
	if (!enable) {
		while (users)
			usleep(100); // expected-note {{'usleep' blocks here (sleep)}}
	}
	d->unclassified = enable;
}

void enable_under_lock(struct drv *d)
{
	virMutexLock(&d->lock);
	clock_enable(d, true);
	virMutexUnlock(&d->lock);
}

void disable_under_lock(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	clock_enable(d, false); // expected-warning {{call to 'clock_enable' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	virMutexUnlock(&d->lock);
}

/* A parameter the function assigns says nothing about its argument. */
void reassigned(struct drv *d, bool enable)
{
	enable = !enable;
	if (!enable)
		usleep(100); // expected-note {{'usleep' blocks here (sleep)}}
}

void reassigned_under_lock(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	reassigned(d, true); // expected-warning {{call to 'reassigned' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	virMutexUnlock(&d->lock);
}

/* A release for one value of a parameter: the call picks it. */
static void maybe_unlock(struct drv *d, bool unlock)
{
	if (unlock)
		virMutexUnlock(&d->lock);
}

void keeps_lock(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	maybe_unlock(d, false);
	usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	virMutexUnlock(&d->lock);
}

void drops_lock(struct drv *d)
{
	virMutexLock(&d->lock);
	maybe_unlock(d, true);
	usleep(10);
}
