// LW_EXCLUDES(x): the caller must not hold x (the callee takes it itself).
// A call made while x is held, on some path, is a finding; x named
// through a parameter, a field chain or a global.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

extern virMutex globalLock;
void drvRefresh(struct drv *d) LW_EXCLUDES(d->lock);
void globalRefresh(void) LW_EXCLUDES(globalLock);
void domainRefresh(virDomainObj *vm) LW_EXCLUDES(vm->lock);

void fires_excluded(struct drv *d)
{
	virMutexLock(&d->lock);
	drvRefresh(d); // expected-warning {{calling 'drvRefresh' while holding 'd->lock', which it excludes [lock-imbalance]}}
	virMutexUnlock(&d->lock);
}

void fires_excluded_global(void)
{
	virMutexLock(&globalLock);
	globalRefresh(); // expected-warning {{calling 'globalRefresh' while holding 'globalLock', which it excludes [lock-imbalance]}}
	virMutexUnlock(&globalLock);
}

void fires_excluded_object(virDomainObj *vm)
{
	virObjectLock(vm);
	domainRefresh(vm); // expected-warning {{calling 'domainRefresh' while holding 'vm->lock', which it excludes [lock-imbalance]}}
	virObjectUnlock(vm);
}

/* Held on one path only is enough. */
void fires_excluded_some_path(struct drv *d, int flag)
{
	if (flag)
		virMutexLock(&d->lock);
	drvRefresh(d); // expected-warning {{calling 'drvRefresh' while holding 'd->lock', which it excludes}}
	if (flag)
		virMutexUnlock(&d->lock);
}

void quiet_before_and_after(struct drv *d)
{
	drvRefresh(d);
	virMutexLock(&d->lock);
	d->nactive++;
	virMutexUnlock(&d->lock);
	drvRefresh(d);
}

/* Another lock of the same object is not the excluded one either. */
void quiet_other_lock(struct drv *d)
{
	pthread_mutex_lock(&d->statsLock);
	drvRefresh(d);
	pthread_mutex_unlock(&d->statsLock);
}
