// libvirt-style idiom: a callee that drops and retakes its caller's lock through
// a local copy (qemuMonitorSend: vm = mon->vm; virObjectUnlock(vm); wait;
// virObjectLock(vm)) on one branch is balanced, as it is written as mon->vm.
// The copy is forgotten once mon->vm is overwritten.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

struct mon { virDomainObj *vm; int fd; };

int mon_send(struct mon *mon, int wait)
{
	virDomainObj *vm = mon->vm;
	if (wait) {
		virObjectUnlock(vm);
		close(mon->fd);
		virObjectLock(vm);
	}
	return 0;
}

int mon_send_direct(struct mon *mon, int wait)
{
	if (wait) {
		virObjectUnlock(mon->vm);
		close(mon->fd);
		virObjectLock(mon->vm);
	}
	return 0;
}

void caller(struct mon *mon)
{
	virObjectLock(mon->vm);
	mon_send(mon, 1);
	mon_send_direct(mon, 0);
	virObjectUnlock(mon->vm);
}

/* Dropped through the copy and not taken back: the caller's lock is gone. */
static void mon_drop(struct mon *mon)
{
	virDomainObj *vm = mon->vm;
	virObjectUnlock(vm);
}

void drop_caller(struct mon *mon)
{
	virObjectLock(mon->vm);
	mon_drop(mon); // expected-note {{'mon->vm->lock' released here}}
	virObjectUnlock(mon->vm); // expected-warning {{releasing 'mon->vm->lock' which was already released [lock-imbalance]}}
}

/* mon->vm overwritten first: vm is another object, not the caller's. */
static void mon_drop_swapped(struct mon *mon, virDomainObj *other)
{
	virDomainObj *vm = mon->vm;
	mon->vm = other;
	virObjectUnlock(vm);
}

void swapped_caller(struct mon *mon, virDomainObj *other)
{
	virObjectLock(mon->vm);
	mon_drop_swapped(mon, other);
	virObjectUnlock(mon->vm);
}
