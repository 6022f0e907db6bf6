// libvirt's control-flow idioms must not confuse the lock state: cleanup
// labels, conditional unlocks, lock guards, returns from guarded blocks.
// The lw_debug_lockset() probe prints the held locks as a remark.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -Xclang -verify %s
#include "lwtest.h"

int cleanup_label(struct drv *d, virDomainObj *vm, int flag)
{
	int ret = -1;
	virMutexLock(&d->lock);
	if (flag < 0)
		goto cleanup;
	d->nactive++;
	lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
	ret = 0;
cleanup:
	virMutexUnlock(&d->lock);
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	return ret;
}

int conditional_lock(virDomainObj *vm)
{
	if (vm)
		virObjectLock(vm);
	lw_debug_lockset(); // expected-remark {{held: {vm->lock} or {} [debug]}}
	if (!vm)
		return -1;
	lw_debug_lockset(); // expected-remark {{held: {vm->lock} [debug]}}
	vm->id = 1;
	virObjectUnlock(vm);
	return 0;
}

void conditional_unlock(struct drv *d, virDomainObj *vm)
{
	virMutexLock(&d->lock);
	d->nactive++;
	virMutexUnlock(&d->lock);
	if (vm)
		virObjectUnlock(vm);
}

int scoped_guard(struct drv *d, int flag)
{
	VIR_LOCK_GUARD lock = virLockGuardLock(&d->lock);
	if (flag)
		return -1;
	d->nactive++;
	lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
	return 0;
}

int with_guard_block(struct drv *d, int flag)
{
	VIR_WITH_MUTEX_LOCK_GUARD(&d->lock) {
		lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
		if (flag)
			return d->nactive;
		d->nactive++;
	}
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	usleep(10);
	return 0;
}

int switch_and_loops(struct drv *d, int kind)
{
	int n = 0;
	for (int i = 0; i < kind; i++) {
		virMutexLock(&d->lock);
		switch (kind) {
		case 1:
			virMutexUnlock(&d->lock);
			continue;
		case 2:
			n += d->nactive;
			break;
		default:
			d->nactive = 0;
			break;
		}
		virMutexUnlock(&d->lock);
		if (n > 10)
			break;
	}
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	return n;
}

int short_circuit(struct drv *d, virDomainObj *vm)
{
	if (vm && vm->id > 0) {
		virObjectLock(vm);
		vm->id++;
		virObjectUnlock(vm);
	}
	return vm ? vm->id : -1;
}

void noreturn_path(struct drv *d, int bad)
{
	virMutexLock(&d->lock);
	if (bad)
		abort(); /* no imbalance: this path never returns */
	d->nactive++;
	virMutexUnlock(&d->lock);
}

int trylock(struct drv *d)
{
	if (pthread_mutex_trylock(&d->statsLock) != 0)
		return -1;
	lw_debug_lockset(); // expected-remark {{held: {d->statsLock} [debug]}}
	d->nstats++;
	pthread_mutex_unlock(&d->statsLock);
	return 0;
}

int trylock_stored(struct drv *d)
{
	int rc = pthread_mutex_trylock(&d->statsLock);
	if (rc == 0) {
		d->nstats++;
		pthread_mutex_unlock(&d->statsLock);
	}
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	return rc;
}

/* libvirt's real guard: g_auto(virLockGuard) cleans up through a wrapper
 * the GLib macro defines, which calls virLockGuardUnlock. */
static inline void auto_cleanup_guard(virLockGuard *_ptr) { virLockGuardUnlock(_ptr); }

int guard_through_wrapper(struct drv *d, int flag)
{
	{
		virLockGuard g __attribute__((cleanup(auto_cleanup_guard))) = virLockGuardLock(&d->lock);
		if (flag)
			return d->nactive;
		lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
	}
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	usleep(1);
	return 0;
}
