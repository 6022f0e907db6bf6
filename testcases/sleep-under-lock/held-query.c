// QEMU-style idiom: "is it held?" queries.  bql_locked() says whether this
// thread holds the big lock; code that may run either way drops it around a
// wait only when it holds it (qemu's "if (bql_locked()) { bql_unlock(); ...;
// bql_lock(); }").  LW_TESTS_HELD(x) declares such a query: x is held where it
// returned non-zero and not held where it returned zero.  PostgreSQL's
// LWLockHeldByMe(lock) and lockdep_is_held(lock) are built in.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock,lock-imbalance -Xclang -verify %s
#include "lwtest.h"
#include <stdbool.h>

extern virMutex bql LW_DRIVER_LOCK;
bool bql_locked(void) LW_TESTS_HELD(bql);
void bql_lock(void) LW_ACQUIRES(bql);
void bql_unlock(void) LW_RELEASES(bql);

/* Runs with or without the lock: waits with it released either way. */
void wait_for_io(void)
{
	if (bql_locked()) {
		lw_debug_lockset(); // expected-remark {{held: {bql} [debug]}}
		bql_unlock();
		sleep(1);
		bql_lock();
	} else {
		lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
		sleep(1);
	}
}

/* Holding the lock, calling it is fine: it drops the lock before waiting. */
void caller(void)
{
	bql_lock();
	wait_for_io();
	bql_unlock();
}

/* The query says the lock is held here: blocking is a finding. */
void blocks_when_held(void)
{
	if (bql_locked())
		sleep(1); // expected-warning {{blocking call 'sleep' while holding driver lock 'bql' [sleep-under-lock]}} expected-note {{'sleep' blocks here (sleep)}}
}

/* Known held by this function: the query cannot say no. */
void held_here(void)
{
	bql_lock();
	if (!bql_locked())
		sleep(1); /* not reached */
	bql_unlock();
}

/* The negated form, and the lock released on the held side only. */
void negated(void)
{
	if (!bql_locked())
		return;
	lw_debug_lockset(); // expected-remark {{held: {bql} [debug]}}
	bql_unlock();
	usleep(10);
	bql_lock();
}

/* A built-in query on a lock passed in. */
typedef struct LWLock LWLock;
bool LWLockHeldByMe(LWLock *lock);
void LWLockAcquire(LWLock *lock, int mode) LW_ACQUIRES(*lock);
void LWLockRelease(LWLock *lock) LW_RELEASES(*lock);
struct shmem { LWLock *lock LW_DRIVER_LOCK; };

void flush(struct shmem *s)
{
	bool held = LWLockHeldByMe(s->lock);
	if (held)
		LWLockRelease(s->lock);
	usleep(10);
	if (held)
		LWLockAcquire(s->lock, 0);
}

void flush_caller(struct shmem *s)
{
	LWLockAcquire(s->lock, 0);
	flush(s);
	LWLockRelease(s->lock);
}
