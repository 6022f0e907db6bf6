// Annotated globals: LW_GUARDED_BY, LW_ATOMIC and LW_RCU_CONFIG apply to a global as to
// a field (libvirt's qemuDriverRefs is guarded by qemuDriverGlobalLock).
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,unguarded-access,atomic-access,rcu-access,needless-lock -Xclang -verify %s
#include "lwtest.h"
void rcu_read_lock(void);
void rcu_read_unlock(void);

extern virMutex globalLock LW_DRIVER_LOCK;
extern int refs LW_GUARDED_BY(globalLock);
extern unsigned int generation LW_ATOMIC;
extern struct cfg *globalConfig LW_RCU_CONFIG(globalLock);
struct stats {
	int calls;
	int errors;
};
extern struct stats stats LW_GUARDED_BY(globalLock);
extern pthread_rwlock_t tableLock;
extern int tableSize LW_GUARDED_BY(tableLock);
extern int plain; /* not annotated */

void fires_write(void)
{
	refs++; // expected-warning {{writing global 'refs' requires holding 'globalLock' exclusively [unguarded-access]}}
}

int fires_read(void)
{
	return refs; // expected-warning {{reading global 'refs' requires holding 'globalLock' [unguarded-access]}}
}

/* A member of a guarded struct global is the global. */
void fires_member(void)
{
	stats.errors = 1; // expected-warning {{writing global 'stats' requires holding 'globalLock' exclusively [unguarded-access]}}
}

/* Held: quiet, and the critical section needed the driver lock (no
 * needless-lock). */
void quiet_held(void)
{
	virMutexLock(&globalLock);
	refs++;
	stats.calls++;
	virMutexUnlock(&globalLock);
}

/* A shared hold is enough to read, not to write. */
int quiet_shared_read(void)
{
	pthread_rwlock_rdlock(&tableLock);
	int n = tableSize;
	pthread_rwlock_unlock(&tableLock);
	return n;
}

void fires_shared_write(void)
{
	pthread_rwlock_rdlock(&tableLock);
	tableSize = 0; // expected-warning {{writing global 'tableSize' requires holding 'tableLock' exclusively [unguarded-access]}}
	pthread_rwlock_unlock(&tableLock);
}

/* A helper that every caller in view calls with the lock: required of its
 * callers, reported at the caller that does not hold it. */
static void bump(void)
{
	refs++; // expected-note {{'bump' accesses global 'refs' here}}
}

void quiet_caller(void)
{
	virMutexLock(&globalLock);
	bump(); // expected-note {{'bump' is called with 'globalLock' held here}}
	virMutexUnlock(&globalLock);
}

void fires_caller(void)
{
	bump(); // expected-warning {{calling 'bump' requires holding 'globalLock' [unguarded-access]}}
}

/* Atomic globals. */
unsigned int fires_atomic_read(void)
{
	return generation; // expected-warning {{plain read of atomic global 'generation'; use an atomic builtin [atomic-access]}}
}

void fires_atomic_write(void)
{
	generation = 0; // expected-warning {{plain write of atomic global 'generation'; use an atomic builtin [atomic-access]}}
}

unsigned int quiet_atomic(void)
{
	__atomic_add_fetch(&generation, 1, __ATOMIC_SEQ_CST);
	return __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
}

/* An RCU config global. */
int fires_rcu_load(void)
{
	return globalConfig->maxJobs; // expected-warning {{RCU config pointer 'globalConfig' loaded outside an RCU read-side section without holding 'globalLock' [rcu-access]}}
}

int quiet_rcu_load(void)
{
	rcu_read_lock();
	int n = globalConfig->maxJobs;
	rcu_read_unlock();
	return n;
}

/* Unannotated globals are nobody's business. */
int quiet_plain(void)
{
	plain++;
	return plain;
}
