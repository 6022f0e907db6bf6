// LW_EXCLUDES(d->lock) forbids holding d's lock, not every lock of the same
// struct type: holding other->lock while calling it is no finding (Clang's
// locks_excluded agrees).  Today the held-lock lookup falls back to the
// lock's class when the path differs, so this is reported, and the message
// names 'd->lock', which is not held.
// XFAIL: *
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
// expected-no-diagnostics
#include "lwtest.h"

void drvRefresh(struct drv *d) LW_EXCLUDES(d->lock);
void domainRefresh(virDomainObj *vm) LW_EXCLUDES(vm->lock);

void quiet_other_object(struct drv *d, struct drv *other)
{
	virMutexLock(&other->lock);
	drvRefresh(d);
	virMutexUnlock(&other->lock);
}

void quiet_other_domain(virDomainObj *vm, virDomainObj *other)
{
	virObjectLock(other);
	domainRefresh(vm);
	virObjectUnlock(other);
}
