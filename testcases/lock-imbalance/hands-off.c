// LW_HANDS_OFF: a function that starts a thread and gives it the object locks its
// caller took (libvirt's qemuProcessReconnectHelper hands a locked domain to the
// reconnect thread through virThreadCreateFull).
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
// The same contract from a sidecar, for a thread function one may not edit.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -DFROM_SIDECAR -fplugin-arg-lockwarden-annotations=%S/Inputs/hands-off.yaml -Xclang -verify %s
#include "lwtest.h"

#ifdef FROM_SIDECAR
int startWorker(void (*fn)(void *), void *opaque);
#else
int startWorker(void (*fn)(void *), void *opaque) LW_HANDS_OFF;
#endif
int startPlain(void (*fn)(void *), void *opaque);
void worker(void *opaque);

/* Locked, handed to the thread on success, unlocked here on failure: the
 * success return holds the lock and that is the contract.  (The early
 * return 0 keeps the "held only where it returns 0" contract of try-lock
 * functions from explaining it.) */
int quiet_handed_on_success(virDomainObj *vm)
{
	if (!vm->id)
		return 0;
	virObjectLock(vm);
	if (startWorker(worker, vm) < 0) {
		virObjectUnlock(vm);
		return -1;
	}
	return 0;
}

/* The same without the annotation: an imbalance. */
int fires_not_annotated(virDomainObj *vm)
{
	if (!vm->id)
		return 0;
	virObjectLock(vm); // expected-note {{'vm->lock' acquired here}}
	if (startPlain(worker, vm) < 0) {
		virObjectUnlock(vm);
		return -1;
	}
	return 0; // expected-warning {{'vm->lock' is still held at this return but not on every path [lock-imbalance]}}
}

/* Only locks held at the call are handed over: one taken after it is
 * still this function's to release. */
int fires_taken_after(virDomainObj *vm, virDomainObj *other)
{
	if (!vm->id)
		return 0;
	virObjectLock(vm);
	if (startWorker(worker, vm) < 0) {
		virObjectUnlock(vm);
		return -1;
	}
	virObjectLock(other); // expected-note {{'other->lock' acquired here}}
	if (other->id)
		return 1; // expected-warning {{'other->lock' is still held at this return but not on every path [lock-imbalance]}}
	virObjectUnlock(other);
	return 0;
}

/* The driver lock is never handed over: still a leak, and the thread start
 * is no excuse for what follows under it. */
int fires_driver_lock_kept(struct drv *d, virDomainObj *vm)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	if (startWorker(worker, vm) < 0)
		return -1; // expected-warning {{'d->lock' is still held at this return but not on every path [lock-imbalance]}}
	virMutexUnlock(&d->lock);
	return 0;
}

/* A handed lock released later on the same path is no double release, and
 * the function does not count as returning the object locked to callers. */
void quiet_handed_then_released(virDomainObj *vm)
{
	virObjectLock(vm);
	startWorker(worker, vm);
	virObjectUnlock(vm);
}

int spawn(virDomainObj *vm)
{
	if (!vm->id)
		return 0;
	virObjectLock(vm);
	if (startWorker(worker, vm) < 0) {
		virObjectUnlock(vm);
		return -1;
	}
	return 0;
}

/* spawn()'s success path holds vm's lock, but for the thread: callers are
 * not told that spawn() returns with it held, so this one is balanced. */
void quiet_caller_of_spawn(virDomainObj *vm)
{
	spawn(vm);
}
