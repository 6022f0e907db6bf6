// Driver-lock critical sections in which nothing needs the driver lock.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,needless-lock -Xclang -verify %s
#include "lwtest.h"

int fires_only_immutable(struct drv *d)
{
	virMutexLock(&d->lock); // expected-warning {{driver lock 'd->lock' is taken but nothing in the critical section needs it [needless-lock]}}
	int p = d->privileged;
	void *doms = d->domains;
	virMutexUnlock(&d->lock); // expected-note {{'d->lock' released here}}
	return p + (doms != NULL);
}

int fires_other_mutex(struct drv *d)
{
	virMutexLock(&d->lock); // expected-warning {{driver lock 'd->lock' is taken but nothing in the critical section needs it}}
	pthread_mutex_lock(&d->statsLock);
	int n = d->nstats;
	pthread_mutex_unlock(&d->statsLock);
	virMutexUnlock(&d->lock); // expected-note {{'d->lock' released here}}
	return n;
}

int quiet_guarded(struct drv *d)
{
	virMutexLock(&d->lock);
	int n = d->nactive;
	virMutexUnlock(&d->lock);
	return n;
}

struct cfg *quiet_config_ref(struct drv *d)
{
	virMutexLock(&d->lock);
	struct cfg *c = d->config;
	virMutexUnlock(&d->lock);
	return c;
}

static int count_active(struct drv *d) { return d->nactive; }

int quiet_callee_needs(struct drv *d)
{
	virMutexLock(&d->lock);
	int n = count_active(d);
	virMutexUnlock(&d->lock);
	return n;
}

int quiet_unclassified(struct drv *d)
{
	/* Not yet classified: assumed to need the lock. */
	virMutexLock(&d->lock);
	int n = d->unclassified;
	virMutexUnlock(&d->lock);
	return n;
}
