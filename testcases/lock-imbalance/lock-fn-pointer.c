// The lock function called through a pointer (a daemon that profiles its locks):
// mutex_lock() loads the function from a global initialised to the real one and
// calls it; the unlock is a direct call. The pair balances, and what is done
// between is done under the lock.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance,sleep-under-lock -Xclang -verify %s
#include <stdatomic.h>
#include "lwtest.h"

typedef void (*lock_fn_t)(pthread_mutex_t *m, const char *file, int line);
static void real_lock(pthread_mutex_t *m, const char *file, int line)
{
	(void)file;
	(void)line;
	pthread_mutex_lock(m);
}
static _Atomic lock_fn_t mutex_lock_fn = real_lock;

#define mutex_lock(m) ({ lock_fn_t f = atomic_load(&mutex_lock_fn); f(m, __FILE__, __LINE__); })
#define mutex_unlock(m) pthread_mutex_unlock(m)

struct srv {
	pthread_mutex_t big LW_DRIVER_LOCK;
};

void balanced(struct srv *s)
{
	mutex_lock(&s->big);
	mutex_unlock(&s->big);
}

void sleeps(struct srv *s)
{
	mutex_lock(&s->big); // expected-note {{'s->big' acquired here}}
	usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 's->big' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	mutex_unlock(&s->big);
}

void leaks(struct srv *s, int bad)
{
	mutex_lock(&s->big); // expected-note {{'s->big' acquired here}}
	if (bad)
		return; // expected-warning {{'s->big' is still held at this return but not on every path [lock-imbalance]}}
	mutex_unlock(&s->big);
}
