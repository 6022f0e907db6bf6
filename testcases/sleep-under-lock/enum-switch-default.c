// The default of a switch on an enum whose cases name every enumerator is
// reachable (an enum object can hold any value of its type), so a blocking
// call there under the driver lock is a finding.  It is lost today: the
// lowering drops the edge into the default (lowering/switch-enum-default.c).
// The int switch below, the same code, is reported.
// XFAIL: *
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

enum state { ST_IDLE, ST_BUSY };

void fires_enum_default(struct drv *d, enum state s)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	switch (s) {
	case ST_IDLE:
		break;
	case ST_BUSY:
		break;
	default:
		usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	}
	virMutexUnlock(&d->lock);
}

void fires_int_default(struct drv *d, int s)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	switch (s) {
	case ST_IDLE:
		break;
	case ST_BUSY:
		break;
	default:
		usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	}
	virMutexUnlock(&d->lock);
}

void quiet_default_unlocked(struct drv *d, enum state s)
{
	virMutexLock(&d->lock);
	switch (s) {
	case ST_IDLE:
	case ST_BUSY:
		virMutexUnlock(&d->lock);
		return;
	default:
		virMutexUnlock(&d->lock);
		usleep(10);
	}
}
