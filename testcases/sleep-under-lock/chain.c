// Blocking reached through callees: wrappers inferred from their bodies,
// chains of calls, and callees that drop the lock first.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
#include "lwtest.h"

/* Lock wrappers with bodies: their effects are inferred. */
static void drvLock(struct drv *d) { virMutexLock(&d->lock); }
static void drvUnlock(struct drv *d) { virMutexUnlock(&d->lock); }

static void kill_process(pid_t pid)
{
	for (int i = 0; i < 15; i++) {
		if (kill(pid, 0) < 0)
			return;
		usleep(200 * 1000); // expected-note 2 {{'usleep' blocks here (sleep)}}
	}
}

static void process_stop(virDomainObj *vm, pid_t pid)
{
	vm->id = -1;
	kill_process(pid); // expected-note 2 {{'process_stop' calls 'kill_process' here}}
}

void domain_destroy(struct drv *d, virDomainObj *vm, pid_t pid)
{
	drvLock(d);             // expected-note {{'d->lock' acquired here}}
	process_stop(vm, pid);  // expected-warning {{call to 'process_stop' may block while holding driver lock 'd->lock' [sleep-under-lock]}}
	drvUnlock(d);
}

/* The same chain twice from one critical section: one finding per call. */
void domain_destroy_twice(struct drv *d, virDomainObj *vm, pid_t pid)
{
	drvLock(d);            // expected-note {{'d->lock' acquired here}}
	if (pid > 0)
		process_stop(vm, pid); // expected-warning {{call to 'process_stop' may block while holding driver lock 'd->lock'}}
	drvUnlock(d);
	process_stop(vm, pid);
}

/* Enter/Exit monitor: the callee drops the driver lock around the
 * blocking call, so holding it at the call is fine. */
static void enter_monitor(struct drv *d, virDomainObj *vm)
{
	virObjectLock(vm);
	drvUnlock(d);
}

static void exit_monitor(struct drv *d, virDomainObj *vm)
{
	virObjectUnlock(vm);
	drvLock(d);
}

static int query_status(struct drv *d, virDomainObj *vm)
{
	enter_monitor(d, vm);
	int ret = qemuMonitorSend(vm);
	exit_monitor(d, vm);
	return ret;
}

int domain_get_status(struct drv *d, virDomainObj *vm)
{
	drvLock(d);
	int r = query_status(d, vm);
	drvUnlock(d);
	return r;
}

/* Annotated LW_NONBLOCKING wins over what the body does. */
static void bounded_wait(void) LW_NONBLOCKING;
static void bounded_wait(void) { usleep(1); }

void quiet_nonblocking(struct drv *d)
{
	drvLock(d);
	bounded_wait();
	drvUnlock(d);
}

/* A callee blocking only after releasing the caller's lock. */
static void unlock_then_sleep(struct drv *d)
{
	drvUnlock(d);
	sleep(1);
	drvLock(d);
}

void quiet_callee_drops_lock(struct drv *d)
{
	drvLock(d);
	unlock_then_sleep(d);
	drvUnlock(d);
}
