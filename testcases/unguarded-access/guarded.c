// LW_GUARDED_BY fields: reads and writes need their lock.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,unguarded-access -Xclang -verify %s
#include "lwtest.h"

/* Exported entry points with no caller in view: reported at the access. */
int fires_read(struct drv *d)
{
	return d->nstats; // expected-warning {{reading field 'd->nstats' requires holding 'd->statsLock' [unguarded-access]}}
}

void fires_write(struct drv *d)
{
	d->nactive = 0; // expected-warning {{writing field 'd->nactive' requires holding 'd->lock' exclusively [unguarded-access]}}
}

void fires_on_one_path(struct drv *d, int flag)
{
	if (flag)
		pthread_mutex_lock(&d->statsLock);
	d->nstats++; // expected-warning {{writing field 'd->nstats' requires holding 'd->statsLock' exclusively}}
	if (flag)
		pthread_mutex_unlock(&d->statsLock);
}

int quiet_locked(struct drv *d)
{
	pthread_mutex_lock(&d->statsLock);
	int n = d->nstats;
	d->nstats = n + 1;
	pthread_mutex_unlock(&d->statsLock);
	return n;
}

/* A helper called with the lock held is taken to require it: no report
 * inside; the one caller that does not hold it is reported at its call. */
static void bump_active(struct drv *d)
{
	d->nactive++; // expected-note {{'bump_active' accesses field 'd->nactive' here}}
}

void caller_holds(struct drv *d)
{
	virMutexLock(&d->lock);
	bump_active(d); // expected-note {{'bump_active' is called with 'd->lock' held here}}
	virMutexUnlock(&d->lock);
}

void caller_forgets(struct drv *d)
{
	bump_active(d); // expected-warning {{calling 'bump_active' requires holding 'd->lock' [unguarded-access]}}
}

/* LW_REQUIRES on a prototype is checked at every call. */
void needs_lock(struct drv *d) LW_REQUIRES(d->lock);

void quiet_required(struct drv *d)
{
	virMutexLock(&d->lock);
	needs_lock(d);
	virMutexUnlock(&d->lock);
}

void fires_required(struct drv *d)
{
	needs_lock(d); // expected-warning {{calling 'needs_lock' requires holding 'd->lock'}}
}

/* Unannotated fields are not checked. */
int quiet_unclassified(struct drv *d) { return d->unclassified; }

/* A designated initializer fills an object nobody else can see yet. */
int quiet_designated(void)
{
	struct drv local = { .nactive = 3, .unclassified = 1 };
	return local.unclassified;
}

/* A lock path through a call's result is named after the call. */
struct drv *get_driver(void);
int fires_through_call(void)
{
	return get_driver()->nactive; // expected-warning {{reading field 'get_driver()->nactive' requires holding 'get_driver()->lock'}}
}
