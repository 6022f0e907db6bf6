/*
 * A libvirt-style driver that uses every macro of lockwarden.h, shared by the tests in
 * testcases/annotations/.  It must stay clean under gcc and clang (-Wall -Wextra -Werror),
 * under clang -DLW_THREAD_SAFETY -Wthread-safety (14 and 19), and under sparse -Wall.
 *
 * Conventions shown here (see docs/annotations.md):
 *   - annotations sit on the prototypes; lock primitives' definitions carry LW_NO_ANALYSIS
 *     and do not repeat the lock annotation (TSA cannot check a primitive's body, and sparse
 *     would see an unbalanced body if the definition repeated it);
 *   - wrappers whose body takes or drops a lock repeat the annotation on the definition,
 *     because sparse checks a body only against its definition's own attributes.
 */
#ifndef SAMPLE_H
#define SAMPLE_H

#ifndef _POSIX_C_SOURCE
# define _POSIX_C_SOURCE 200809L   /* pthread_rwlock_t under -std=c11 */
#endif
#include <pthread.h>
#include <stddef.h>
#include "lockwarden.h"

/* ---- util/virthread.h ---------------------------------------------------------------- */

typedef struct LW_CAPABILITY("mutex") _virMutex {
    pthread_mutex_t lock;
} virMutex;

typedef struct LW_CAPABILITY("rwlock") _virRWLock {
    pthread_rwlock_t lock;
} virRWLock;

typedef struct _virCond {
    pthread_cond_t cond;
} virCond;

typedef struct _virLockGuard {
    virMutex *mutex;
} virLockGuard;

void virMutexLock(virMutex *m) LW_ACQUIRES(*m);
void virMutexUnlock(virMutex *m) LW_RELEASES(*m);
int virMutexTryLock(virMutex *m) LW_TRY_ACQUIRES(0, *m);
void virRWLockRead(virRWLock *m) LW_ACQUIRES_SHARED(*m);
void virRWLockWrite(virRWLock *m) LW_ACQUIRES(*m);
void virRWLockUnlock(virRWLock *m) LW_RELEASES(*m);
void virCondWait(virCond *c, virMutex *m) LW_WAITS(*m);
virLockGuard virLockGuardLock(virMutex *m) LW_ACQUIRES_GUARD(*m);
void virLockGuardUnlock(virLockGuard *g) LW_RELEASES_GUARD(*g);

/* sparse has no try-lock attribute: tell it, kernel __cond_lock style, that the lock is
 * held when the call returned 0.  Must be defined after the prototype. */
#ifdef __CHECKER__
# define virMutexTryLock(m) \
    (virMutexTryLock(m) == 0 ? ({ __context__(*(m), 1); 0; }) : -1)
#endif

#define VIR_LOCK_GUARD \
    virLockGuard __attribute__((unused, cleanup(virLockGuardUnlock)))

/* A userspace RCU flavour lockwarden does not know by name. */
void virRCUReadLock(void) LW_RCU_READ_LOCK;
void virRCUReadUnlock(void) LW_RCU_READ_UNLOCK;
void virRCUAssignPointer(void **slot, void *value) LW_RCU_PUBLISH;

unsigned int virTimeSleep(unsigned int ms) LW_BLOCKING;

/* ---- qemu/qemu_conf.h ---------------------------------------------------------------- */

typedef struct _virQEMUDriverConfig {
    int maxJobs;
    int migrationPort;
} virQEMUDriverConfig;

typedef struct _virDomainObjList virDomainObjList;

typedef struct _virDomainObj {
    virMutex lock;
    int pid LW_GUARDED_BY(lock);
} virDomainObj;

typedef struct _virQEMUDriver {
    virMutex lock LW_DRIVER_LOCK;

    /* Require lock to replace; read inside an RCU read-side section. */
    virQEMUDriverConfig *config LW_RCU_CONFIG(lock);

    /* Atomic increment only. */
    unsigned int lastvmid LW_ATOMIC;

    /* Immutable value. */
    int privileged LW_IMMUTABLE;

    /* Immutable pointer, self-locking APIs. */
    virDomainObjList *domains LW_SELF_LOCKING;

    int inhibitCount LW_GUARDED_BY(lock);
    virCond inhibitCond;

    virRWLock hostdevLock;
    int nhostdevs LW_GUARDED_BY(hostdevLock);
} virQEMUDriver;

/* A process-wide lock and the state it guards. */
extern virMutex qemuDriverGlobalLock LW_DRIVER_LOCK;
extern int qemuDriverRefs LW_GUARDED_BY(qemuDriverGlobalLock);

int qemuStateInitialize(virQEMUDriver *driver, virQEMUDriverConfig *cfg,
                        virDomainObjList *domains) LW_INIT;
void qemuDriverLock(virQEMUDriver *driver) LW_ACQUIRES(driver->lock);
void qemuDriverUnlock(virQEMUDriver *driver) LW_RELEASES(driver->lock);
int qemuDriverInhibitLocked(virQEMUDriver *driver) LW_REQUIRES(driver->lock);
void qemuDriverWaitInhibit(virQEMUDriver *driver) LW_REQUIRES(driver->lock);
int qemuDriverInhibit(virQEMUDriver *driver) LW_EXCLUDES(driver->lock);
void qemuDriverGlobalRef(void) LW_EXCLUDES(qemuDriverGlobalLock);
virQEMUDriverConfig *virQEMUDriverGetConfig(virQEMUDriver *driver) LW_EXCLUDES(driver->lock);
void qemuDriverSetConfig(virQEMUDriver *driver, virQEMUDriverConfig *cfg)
    LW_EXCLUDES(driver->lock);
int qemuDriverMaxJobs(virQEMUDriver *driver);
unsigned int qemuDriverAllocID(virQEMUDriver *driver);
int qemuHostdevCountLocked(virQEMUDriver *driver) LW_REQUIRES_SHARED(driver->hostdevLock);
int qemuHostdevCount(virQEMUDriver *driver);
void qemuHostdevAdd(virQEMUDriver *driver);
int qemuDriverDumpState(virQEMUDriver *driver) LW_NO_ANALYSIS;

void virObjectLock(virDomainObj *vm) LW_ACQUIRES(vm->lock);
void virObjectUnlock(virDomainObj *vm) LW_RELEASES(vm->lock);
int qemuMonitorCommand(virDomainObj *vm, const char *cmd) LW_BLOCKING;
void qemuProcessHandleEvent(void *opaque) LW_NONBLOCKING;
int qemuDomainGetPid(virDomainObj *vm);
int qemuDomainTrySetPid(virDomainObj *vm, int pid);

/* ---- qemu/qemu_conf.c, qemu/qemu_driver.c -------------------------------------------- */

int qemuStateInitialize(virQEMUDriver *driver, virQEMUDriverConfig *cfg,
                        virDomainObjList *domains) LW_INIT
{
    pthread_mutex_init(&driver->lock.lock, NULL);
    pthread_rwlock_init(&driver->hostdevLock.lock, NULL);
    pthread_cond_init(&driver->inhibitCond.cond, NULL);
    driver->privileged = 1;
    driver->domains = domains;
    driver->config = cfg;
    driver->inhibitCount = 0;
    driver->nhostdevs = 0;
    driver->lastvmid = 0;
    return 0;
}

/* Wrappers repeat their annotation on the definition (for sparse). */
void qemuDriverLock(virQEMUDriver *driver) LW_ACQUIRES(driver->lock)
{
    virMutexLock(&driver->lock);
}

void qemuDriverUnlock(virQEMUDriver *driver) LW_RELEASES(driver->lock)
{
    virMutexUnlock(&driver->lock);
}

int qemuDriverInhibitLocked(virQEMUDriver *driver)
{
    return ++driver->inhibitCount;
}

void qemuDriverWaitInhibit(virQEMUDriver *driver)
{
    while (driver->inhibitCount > 0)
        virCondWait(&driver->inhibitCond, &driver->lock);
}

int qemuDriverInhibit(virQEMUDriver *driver)
{
    int n;

    qemuDriverLock(driver);
    n = qemuDriverInhibitLocked(driver);
    qemuDriverUnlock(driver);
    return n;
}

void qemuDriverGlobalRef(void)
{
    virMutexLock(&qemuDriverGlobalLock);
    qemuDriverRefs++;
    virMutexUnlock(&qemuDriverGlobalLock);
}

virQEMUDriverConfig *virQEMUDriverGetConfig(virQEMUDriver *driver)
{
    VIR_LOCK_GUARD lock = virLockGuardLock(&driver->lock);

    return driver->config;
}

void qemuDriverSetConfig(virQEMUDriver *driver, virQEMUDriverConfig *cfg)
{
    qemuDriverLock(driver);
    virRCUAssignPointer((void **)&driver->config, cfg);
    qemuDriverUnlock(driver);
}

int qemuDriverMaxJobs(virQEMUDriver *driver)
{
    int n;

    virRCUReadLock();
    n = driver->config->maxJobs;
    virRCUReadUnlock();
    return n;
}

unsigned int qemuDriverAllocID(virQEMUDriver *driver)
{
    return __atomic_add_fetch(&driver->lastvmid, 1, __ATOMIC_SEQ_CST);
}

int qemuHostdevCountLocked(virQEMUDriver *driver)
{
    return driver->nhostdevs;
}

int qemuHostdevCount(virQEMUDriver *driver)
{
    int n;

    virRWLockRead(&driver->hostdevLock);
    n = qemuHostdevCountLocked(driver);
    virRWLockUnlock(&driver->hostdevLock);
    return n;
}

void qemuHostdevAdd(virQEMUDriver *driver)
{
    virRWLockWrite(&driver->hostdevLock);
    driver->nhostdevs++;
    virRWLockUnlock(&driver->hostdevLock);
}

/* Deliberately racy debug dump. */
int qemuDriverDumpState(virQEMUDriver *driver)
{
    return driver->inhibitCount + driver->nhostdevs;
}

void virObjectLock(virDomainObj *vm) LW_ACQUIRES(vm->lock)
{
    virMutexLock(&vm->lock);
}

void virObjectUnlock(virDomainObj *vm) LW_RELEASES(vm->lock)
{
    virMutexUnlock(&vm->lock);
}

int qemuDomainGetPid(virDomainObj *vm)
{
    int pid;

    virObjectLock(vm);
    pid = vm->pid;
    virObjectUnlock(vm);
    if (pid > 0)
        qemuMonitorCommand(vm, "query-status");
    return pid;
}

int qemuDomainTrySetPid(virDomainObj *vm, int pid)
{
    if (virMutexTryLock(&vm->lock) == 0) {
        vm->pid = pid;
        virMutexUnlock(&vm->lock);
        return 0;
    }
    return -1;
}

void qemuProcessHandleEvent(void *opaque)
{
    virQEMUDriver *driver = opaque;

    (void)qemuDriverAllocID(driver);
}

/* ---- util/virthread.c: the primitives ---------------------------------------------------
 * Definitions carry LW_NO_ANALYSIS and do not repeat the prototype's lock annotation: TSA
 * cannot check a primitive's body, and sparse would see an unbalanced body.  sparse also
 * forgets the prototype's context() for calls that follow an unannotated redeclaration in
 * the same file, so these come last (in a project they live in their own .c file).
 * ---------------------------------------------------------------------------------------- */

#undef virMutexTryLock              /* the sparse shim above */

void virMutexLock(virMutex *m) LW_NO_ANALYSIS
{
    pthread_mutex_lock(&m->lock);
}

void virMutexUnlock(virMutex *m) LW_NO_ANALYSIS
{
    pthread_mutex_unlock(&m->lock);
}

int virMutexTryLock(virMutex *m) LW_NO_ANALYSIS
{
    return pthread_mutex_trylock(&m->lock);
}

void virRWLockRead(virRWLock *m) LW_NO_ANALYSIS
{
    pthread_rwlock_rdlock(&m->lock);
}

void virRWLockWrite(virRWLock *m) LW_NO_ANALYSIS
{
    pthread_rwlock_wrlock(&m->lock);
}

void virRWLockUnlock(virRWLock *m) LW_NO_ANALYSIS
{
    pthread_rwlock_unlock(&m->lock);
}

void virCondWait(virCond *c, virMutex *m)
{
    pthread_cond_wait(&c->cond, &m->lock);
}

virLockGuard virLockGuardLock(virMutex *m) LW_NO_ANALYSIS
{
    virLockGuard g;

    pthread_mutex_lock(&m->lock);
    g.mutex = m;
    return g;
}

void virLockGuardUnlock(virLockGuard *g) LW_NO_ANALYSIS
{
    if (g->mutex)
        pthread_mutex_unlock(&g->mutex->lock);
    g->mutex = NULL;
}

#endif /* SAMPLE_H */
