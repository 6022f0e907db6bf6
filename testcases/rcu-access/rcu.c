// LW_RCU_CONFIG pointers: loaded under the lock or in a read-side
// section, replaced only by publication, snapshots never written.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,rcu-access,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

void rcu_read_lock(void);
void rcu_read_unlock(void);
void publish_config(struct cfg **slot, struct cfg *c) LW_RCU_PUBLISH;

int fires_unprotected(struct drv *d)
{
	return d->config->maxJobs; // expected-warning {{RCU config pointer 'd->config' loaded outside an RCU read-side section without holding 'd->lock' [rcu-access]}}
}

int quiet_read_side(struct drv *d)
{
	rcu_read_lock();
	int n = d->config->maxJobs;
	rcu_read_unlock();
	return n;
}

struct cfg *quiet_ref_under_lock(struct drv *d)
{
	virMutexLock(&d->lock);
	struct cfg *c = d->config;
	virMutexUnlock(&d->lock);
	return c;
}

void fires_plain_store(struct drv *d, struct cfg *c)
{
	virMutexLock(&d->lock);
	d->config = c; // expected-warning {{RCU config pointer 'd->config' replaced by a plain store; publish it atomically or through an LW_RCU_PUBLISH function}}
	virMutexUnlock(&d->lock);
}

void quiet_publish(struct drv *d, struct cfg *c)
{
	virMutexLock(&d->lock);
	__atomic_store_n(&d->config, c, __ATOMIC_RELEASE);
	publish_config(&d->config, c);
	virMutexUnlock(&d->lock);
}

void fires_publish_unlocked(struct drv *d, struct cfg *c)
{
	__atomic_store_n(&d->config, c, __ATOMIC_RELEASE); // expected-warning {{RCU config pointer 'd->config' published without holding 'd->lock'}}
}

void fires_snapshot_write(struct drv *d)
{
	rcu_read_lock();
	struct cfg *c = d->config; // expected-note {{snapshot loaded from 'd->config' here}}
	c->maxJobs = 4;            // expected-warning {{write to 'c->maxJobs' through a published RCU config snapshot}}
	rcu_read_unlock();
}

void fires_sleep_in_read_side(struct drv *d)
{
	rcu_read_lock(); // expected-note {{RCU read-side section begins here}}
	sleep(1);        // expected-warning {{blocking call 'sleep' inside an RCU read-side section [sleep-under-lock]}} expected-note {{'sleep' blocks here (sleep)}}
	rcu_read_unlock();
}

struct cfg *quiet_fresh_snapshot(struct drv *d)
{
	struct cfg *c = calloc(1, sizeof(*c));
	if (c)
		c->maxJobs = 2;
	return c;
}
