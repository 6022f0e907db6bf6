// Mutual recursion: the blocking call is found through the cycle whichever
// member is analysed first.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

static void walk_b(int n);

static void walk_a(int n)
{
	if (n > 0)
		walk_b(n - 1);
	else
		usleep(1); // expected-note {{'usleep' blocks here (sleep)}}
}

static void walk_b(int n)
{
	walk_a(n); // expected-note {{'walk_b' calls 'walk_a' here}}
}

void top(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	walk_b(3); // expected-warning {{call to 'walk_b' may block while holding driver lock 'd->lock'}}
	virMutexUnlock(&d->lock);
}
