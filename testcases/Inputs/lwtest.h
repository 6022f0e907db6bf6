/* A small libvirt-style world shared by the lit tests. */
#ifndef LWTEST_H
#define LWTEST_H

#include <lockwarden.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Probe: the plugin reports the locks held here as a remark. */
void lw_debug_lockset(void);

typedef struct { pthread_mutex_t lock; } virMutex;
typedef struct { pthread_cond_t cond; } virCond;

void virMutexLock(virMutex *m) LW_ACQUIRES(*m);
void virMutexUnlock(virMutex *m) LW_RELEASES(*m);
int virCondWait(virCond *c, virMutex *m) LW_WAITS(*m);

struct cfg {
	int maxJobs;
	char *stateDir;
};

struct drv {
	virMutex lock LW_DRIVER_LOCK;
	int privileged LW_IMMUTABLE;
	void *domains LW_SELF_LOCKING;
	struct cfg *config LW_RCU_CONFIG(lock);
	unsigned int nextid LW_ATOMIC;
	pthread_mutex_t statsLock;
	int nstats LW_GUARDED_BY(statsLock);
	int nactive LW_GUARDED_BY(lock);
	int unclassified;
};

typedef struct {
	virMutex lock;
	int id;
} virDomainObj;

void virObjectLock(virDomainObj *vm) LW_ACQUIRES(vm->lock);
void virObjectUnlock(virDomainObj *vm) LW_RELEASES(vm->lock);

/* libvirt's lock guard, as in src/util/virthread.h */
typedef struct { virMutex *mutex; } virLockGuard;
virLockGuard virLockGuardLock(virMutex *m) LW_ACQUIRES_GUARD(*m);
void virLockGuardUnlock(virLockGuard *l) LW_RELEASES_GUARD(*l);
#define VIR_LOCK_GUARD virLockGuard __attribute__((cleanup(virLockGuardUnlock)))
#define VIR_WITH_MUTEX_LOCK_GUARD_(m, name) \
	for (virLockGuard name __attribute__((cleanup(virLockGuardUnlock))) = virLockGuardLock(m); \
	     name.mutex; name.mutex = (virLockGuardUnlock(&name), NULL))
#define VIR_WITH_MUTEX_LOCK_GUARD(m) VIR_WITH_MUTEX_LOCK_GUARD_(m, lw_guard_##__LINE__)

int qemuMonitorSend(virDomainObj *vm) LW_BLOCKING;

#endif
