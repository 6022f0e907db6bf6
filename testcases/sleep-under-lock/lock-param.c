// A helper that locks the lock it is given: what it does under that lock is done
// under the driver lock at each call that gives it the driver lock (the summary
// says "blocks while holding the lock given as parameter N"; the call binds it).
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

struct pdrv {
	pthread_mutex_t lock LW_DRIVER_LOCK;
	pthread_mutex_t other;
};
pthread_mutex_t g LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;

static void locked_sleep(pthread_mutex_t *m)
{
	pthread_mutex_lock(m); // expected-note 3 {{acquired here}}
	sleep(1); // expected-note 3 {{'sleep' blocks here (sleep)}}
	pthread_mutex_unlock(m);
}

void b(struct pdrv *d)
{
	locked_sleep(&d->lock); // expected-warning {{call to 'locked_sleep' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
}

void c(void)
{
	locked_sleep(&g); // expected-warning {{call to 'locked_sleep' may block while holding driver lock 'g' [sleep-under-lock]}}
}

/* one level more: the parameter is passed on */
static void outer(pthread_mutex_t *m, int n)
{
	if (n)
		locked_sleep(m); // expected-note {{'outer' calls 'locked_sleep' here}}
}

void depth2(struct pdrv *d)
{
	outer(&d->lock, 1); // expected-warning {{call to 'outer' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
}

/* quiet: given a lock that is no driver lock */
void other_lock(struct pdrv *d)
{
	locked_sleep(&d->other);
	outer(&d->other, 1);
}

/* quiet: a helper that sleeps after releasing what it was given */
static void sleep_after(pthread_mutex_t *m)
{
	pthread_mutex_lock(m);
	pthread_mutex_unlock(m);
	sleep(1);
}

void after(struct pdrv *d)
{
	sleep_after(&d->lock);
}
