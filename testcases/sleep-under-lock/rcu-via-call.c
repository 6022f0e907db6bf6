// A call inside an RCU read-side section to a function whose body blocks:
// the section must not sleep, whoever does it.  The notes give the
// section's start and the chain down to the blocking call.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

void rcu_read_lock(void);
void rcu_read_unlock(void);

static void wait_a_bit(void)
{
	usleep(100); // expected-note 3 {{'usleep' blocks here (sleep)}}
}

static void refresh(struct drv *d)
{
	d->unclassified = 0;
	wait_a_bit(); // expected-note {{'refresh' calls 'wait_a_bit' here}}
}

int fires_direct_callee(struct drv *d)
{
	rcu_read_lock(); // expected-note {{RCU read-side section begins here}}
	wait_a_bit();    // expected-warning {{call to 'wait_a_bit' may block inside an RCU read-side section [sleep-under-lock]}}
	int n = d->config->maxJobs;
	rcu_read_unlock();
	return n;
}

void fires_chain(struct drv *d)
{
	rcu_read_lock(); // expected-note {{RCU read-side section begins here}}
	refresh(d);      // expected-warning {{call to 'refresh' may block inside an RCU read-side section [sleep-under-lock]}}
	rcu_read_unlock();
}

/* Under the driver lock as well: one finding per call, the lock's. */
void fires_lock_wins(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	rcu_read_lock();
	wait_a_bit(); // expected-warning {{call to 'wait_a_bit' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	rcu_read_unlock();
	virMutexUnlock(&d->lock);
}

void quiet_after_section(struct drv *d)
{
	rcu_read_lock();
	int n = d->config->maxJobs;
	rcu_read_unlock();
	if (n)
		refresh(d);
}

void quiet_before_section(struct drv *d)
{
	wait_a_bit();
	rcu_read_lock();
	d->unclassified = d->config->maxJobs;
	rcu_read_unlock();
}
