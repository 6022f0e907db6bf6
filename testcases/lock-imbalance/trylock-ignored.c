// Wording: an unlock after a try-lock whose result was thrown away is not
// "already released" (the lock may never have been taken): the message says
// which call may not have taken it.  A result kept and tested in a way the
// tracker does not follow (`< 0`) is not reported.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

static pthread_mutex_t stats = PTHREAD_MUTEX_INITIALIZER;

void ignored(void)
{
	pthread_mutex_lock(&stats);
	pthread_mutex_unlock(&stats);
	pthread_mutex_trylock(&stats); // expected-note {{'pthread_mutex_trylock' may have taken 'stats' here}}
	pthread_mutex_unlock(&stats);  // expected-warning {{releasing 'stats', which 'pthread_mutex_trylock' may not have taken: its result is not tested [lock-imbalance]}}
}

void cast_away(struct drv *d)
{
	(void)pthread_mutex_trylock(&d->statsLock); // expected-note {{'pthread_mutex_trylock' may have taken 'd->statsLock' here}}
	d->nstats++;
	pthread_mutex_unlock(&d->statsLock); // expected-warning {{releasing 'd->statsLock', which 'pthread_mutex_trylock' may not have taken: its result is not tested [lock-imbalance]}}
}

int tested_relationally(struct drv *d)
{
	if (pthread_mutex_trylock(&d->statsLock) < 0)
		return -1;
	d->nstats++;
	pthread_mutex_unlock(&d->statsLock);
	return 0;
}

void tested(void)
{
	if (pthread_mutex_trylock(&stats) == 0)
		pthread_mutex_unlock(&stats);
}
