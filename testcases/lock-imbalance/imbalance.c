// Locks held at some returns and not others, double acquire/release,
// and bodies against their own annotations.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

int fires_early_return(struct drv *d, int flag)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	if (flag)
		return -1; // expected-warning {{'d->lock' is still held at this return but not on every path [lock-imbalance]}}
	virMutexUnlock(&d->lock);
	return 0;
}

void fires_double_acquire(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' previously acquired here}}
	virMutexLock(&d->lock); // expected-warning {{acquiring 'd->lock' which is already held [lock-imbalance]}}
	virMutexUnlock(&d->lock);
}

void fires_double_release(struct drv *d)
{
	virMutexLock(&d->lock);
	virMutexUnlock(&d->lock); // expected-note {{'d->lock' released here}}
	virMutexUnlock(&d->lock); // expected-warning {{releasing 'd->lock' which was already released [lock-imbalance]}}
}

static void drvLock(struct drv *d) { virMutexLock(&d->lock); }

void fires_double_through_wrapper(struct drv *d)
{
	drvLock(d);             // expected-note {{'d->lock' previously acquired here}}
	virMutexLock(&d->lock); // expected-warning {{acquiring 'd->lock' which is already held}}
	virMutexUnlock(&d->lock);
}

void claims_acquire(struct drv *d) LW_ACQUIRES(d->lock);
/* A body that falls off its end is reported at the function's name. */
void claims_acquire(struct drv *d) // expected-warning {{'claims_acquire' is annotated to acquire 'd->lock' but does not hold it at this return}}
{
	(void)d;
}

void claims_release(struct drv *d) LW_RELEASES(d->lock);
void claims_release(struct drv *d) // expected-warning {{'claims_release' is annotated to release 'd->lock' but still holds it at this return}}
{
	d->unclassified = 0;
}

void unlock_fn(struct drv *d) LW_RELEASES(d->lock);
void unlock_fn(struct drv *d) { virMutexUnlock(&d->lock); }

void lock_fn(struct drv *d) LW_ACQUIRES(d->lock);
void lock_fn(struct drv *d) { virMutexLock(&d->lock); }

/* Wrappers, conditional unlock and try-lock: balanced. */
int quiet_balanced(struct drv *d, virDomainObj *vm)
{
	lock_fn(d);
	if (vm)
		virObjectLock(vm);
	unlock_fn(d);
	if (vm)
		virObjectUnlock(vm);
	if (pthread_mutex_trylock(&d->statsLock) == 0)
		pthread_mutex_unlock(&d->statsLock);
	return 0;
}

/* A function that returns a locked object when it finds one. */
virDomainObj *quiet_returns_locked(virDomainObj *vm)
{
	if (!vm)
		return NULL;
	virObjectLock(vm);
	return vm;
}

/* Read locks of a rwlock may nest; a write lock under a read lock may not. */
struct table {
	pthread_rwlock_t rw;
	int n LW_GUARDED_BY(rw);
};

int quiet_nested_read(struct table *t)
{
	pthread_rwlock_rdlock(&t->rw);
	pthread_rwlock_rdlock(&t->rw);
	int n = t->n;
	pthread_rwlock_unlock(&t->rw);
	pthread_rwlock_unlock(&t->rw);
	return n;
}

void fires_write_under_read(struct table *t)
{
	pthread_rwlock_rdlock(&t->rw); // expected-note {{'t->rw' previously acquired here}}
	pthread_rwlock_wrlock(&t->rw); // expected-warning {{acquiring 't->rw' which is already held}}
	pthread_rwlock_unlock(&t->rw);
}

/* Lock primitives: the body locks a lock nested in the annotated object. */
typedef struct { pthread_mutex_t lock; } prim_mutex;
void prim_lock(prim_mutex *m) LW_ACQUIRES(*m);
void prim_lock(prim_mutex *m) { pthread_mutex_lock(&m->lock); }
void prim_unlock(prim_mutex *m) LW_RELEASES(*m);
void prim_unlock(prim_mutex *m) { pthread_mutex_unlock(&m->lock); }

/* "Returns the object locked, or NULL", and virDomainObjEndAPI(&vm), which
 * unlocks and sets the caller's pointer to NULL. */
virDomainObj *new_obj(void);
void end_api(virDomainObj **vm);
void end_api(virDomainObj **vm)
{
	if (!*vm)
		return;
	virObjectUnlock(*vm);
	*vm = NULL;
}

virDomainObj *quiet_new_locked(int fail)
{
	virDomainObj *vm = new_obj();
	if (!vm)
		return NULL;
	virObjectLock(vm);
	if (fail) {
		virObjectUnlock(vm);
		return NULL;
	}
	return vm;
}

virDomainObj *quiet_find_locked(virDomainObj *vm)
{
	if (vm) {
		virObjectLock(vm);
		if (vm->id < 0)
			end_api(&vm);
	}
	return vm;
}

/* libvirt's real virDomainObjEndAPI nulls the caller's pointer through
 * GLib's g_clear_pointer, which copies the parameter into a local first. */
void end_api_glib(virDomainObj **vm);
void end_api_glib(virDomainObj **vm)
{
	if (!*vm)
		return;
	virObjectUnlock(*vm);
	do {
		virDomainObj **_pp = vm;
		virDomainObj *_ptr = *_pp;
		*_pp = NULL;
		if (_ptr)
			free(_ptr);
	} while (0);
}

virDomainObj *quiet_find_locked_glib(virDomainObj *vm)
{
	if (vm) {
		virObjectLock(vm);
		if (vm->id < 0)
			end_api_glib(&vm);
	}
	return vm;
}

/* GLib 2.74's g_clear_pointer goes through a union:
 * union { char *in; gpointer *out; } _pp; _pp.in = (char *) vm; *_pp.out = NULL; */
void end_api_union(virDomainObj **vm);
void end_api_union(virDomainObj **vm)
{
	if (!*vm)
		return;
	virObjectUnlock(*vm);
	do {
		union { char *in; void **out; } _pp;
		_pp.in = (char *)vm;
		*_pp.out = NULL;
	} while (0);
}

virDomainObj *quiet_find_locked_union(virDomainObj *vm)
{
	if (vm) {
		virObjectLock(vm);
		if (vm->id < 0)
			end_api_union(&vm);
	}
	return vm;
}

/* A constructor that returns its object locked (or NULL), used by a
 * function that returns an existing object locked or a new one. */
static virDomainObj *obj_new_locked(void)
{
	virDomainObj *o = new_obj();
	if (!o)
		return NULL;
	virObjectLock(o);
	return o;
}

virDomainObj *quiet_assign_def(virDomainObj *existing)
{
	virDomainObj *obj;
	if ((obj = existing)) {
		virObjectLock(obj);
		obj->id = 1;
	} else {
		if (!(obj = obj_new_locked()))
			return NULL;
		obj->id = 2;
	}
	return obj;
}

int fires_new_not_unlocked(int flag)
{
	virDomainObj *o = obj_new_locked(); // expected-note {{'o->lock' acquired here}}
	if (!o)
		return -1;
	if (flag)
		return 1; // expected-warning {{'o->lock' is still held at this return but not on every path}}
	virObjectUnlock(o);
	return 0;
}

/* An object created, stored in the caller's structure and locked there:
 * the structure owns the lock until its cleanup function. */
struct proc { virDomainObj *vm; };
int quiet_stored_in_caller(struct proc *proc, int fail)
{
	if (!(proc->vm = new_obj()))
		return -1;
	virObjectLock(proc->vm);
	if (fail)
		return -1;
	return 0;
}

/* An unannotated try-lock contract: 0 with the lock held, an error
 * without (qemuDomainObjEnterMonitorInternal). */
int quiet_success_locked(struct drv *d, int busy, int code)
{
	if (busy)
		return -1;
	if (code < 0)
		return code;
	virMutexLock(&d->lock);
	return 0;
}

/* An error path that leaks the lock returns its error code locked. */
int fires_error_path_locked(struct drv *d, int bad)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	if (bad)
		return -1; // expected-warning {{'d->lock' is still held at this return but not on every path}}
	virMutexUnlock(&d->lock);
	return 0;
}
