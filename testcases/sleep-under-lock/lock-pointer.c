// The driver lock through a pointer: a local holding its address, a helper that
// locks the lock it is given, a global pointer to a global driver lock.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock,unguarded-access -Xclang -verify %s
#include "lwtest.h"

/* a local alias: the lock is d->lock, so d->nactive is guarded and the
 * sleep is under the driver lock */
void local_alias(struct drv *d)
{
	virMutex *m = &d->lock;
	virMutexLock(m); // expected-note {{'d->lock' acquired here}}
	d->nactive++;
	sleep(1); // expected-warning {{blocking call 'sleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'sleep' blocks here (sleep)}}
	virMutexUnlock(m);
}

/* the same with pthread's own lock inside the struct */
struct pdrv {
	pthread_mutex_t lock LW_DRIVER_LOCK;
	int n LW_GUARDED_BY(lock);
};

void local_alias_pthread(struct pdrv *d)
{
	pthread_mutex_t *m = &d->lock;
	pthread_mutex_lock(m); // expected-note {{'d->lock' acquired here}}
	d->n++;
	usleep(1); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	pthread_mutex_unlock(m);
}

/* the pointer is reassigned: it no longer points to the driver lock */
void reassigned(struct pdrv *d, pthread_mutex_t *other)
{
	pthread_mutex_t *m = &d->lock;
	m = other;
	pthread_mutex_lock(m);
	usleep(1);
	pthread_mutex_unlock(m);
}

/* quiet: the sleep after the unlock through the alias */
void unlocked_through_alias(struct pdrv *d)
{
	pthread_mutex_t *m = &d->lock;
	pthread_mutex_lock(m);
	d->n++;
	pthread_mutex_unlock(m);
	usleep(1);
}

/* a global pointer to a global driver lock */
pthread_mutex_t g LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t *gp = &g;

void global_pointer(void)
{
	pthread_mutex_lock(gp); // expected-note {{'g' acquired here}}
	sleep(1); // expected-warning {{blocking call 'sleep' while holding driver lock 'g' [sleep-under-lock]}} expected-note {{'sleep' blocks here (sleep)}}
	pthread_mutex_unlock(gp);
}

/* quiet: a global pointer assigned another lock somewhere */
static pthread_mutex_t *maybe = &g;
void retarget(pthread_mutex_t *other) { maybe = other; }
void through_maybe(void)
{
	pthread_mutex_lock(maybe);
	sleep(1);
	pthread_mutex_unlock(maybe);
}
