// libvirt-style idiom: a file-static driver lock guarding the state reached
// through the file's global pointer (static virMutex mutex; static struct state
// *driver; VIR_LOCK_GUARD lock = virLockGuardLock(&mutex); driver->refs--).
// The unclassified fields of that state are the lock's business, as they are
// when the lock is a field of the struct: the section is not needless.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,needless-lock -Xclang -verify %s
#include "lwtest.h"

struct state { int refs; char *name; };
static virMutex mutex LW_DRIVER_LOCK;
static struct state *driver;

void unref(void)
{
	VIR_LOCK_GUARD lock = virLockGuardLock(&mutex);
	driver->refs--;
}

/* through a callee, at any depth */
static int read_refs(void) { return driver->refs; }
static int refs_twice(void) { return read_refs() * 2; }
int refs(void)
{
	VIR_LOCK_GUARD lock = virLockGuardLock(&mutex);
	return refs_twice();
}

/* still needless: nothing reached from a global, nothing at all */
int local_work(int x)
{
	VIR_LOCK_GUARD lock = virLockGuardLock(&mutex); // expected-warning {{driver lock 'mutex' is taken but nothing in the critical section needs it [needless-lock]}}
	return x + 1; // expected-note {{'mutex' released here}}
}
