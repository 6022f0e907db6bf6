/* A small libvirt-style QEMU driver: one struct, one coarse driver lock, and
 * each field classified by what protects it.  The comments are libvirt's. */
#ifndef EXAMPLE_DRIVER_H
#define EXAMPLE_DRIVER_H

#include <lockwarden.h>
#include <pthread.h>
#include <sys/types.h>

typedef struct { pthread_mutex_t lock; } virMutex;

void virMutexLock(virMutex *m) LW_ACQUIRES(*m);
void virMutexUnlock(virMutex *m) LW_RELEASES(*m);

struct qemuConfig {
	int maxProcesses;
	char *stateDir;
};

typedef struct {
	virMutex lock;
	int id;
	pid_t pid;
} virDomainObj;

struct qemuDriver {
	/* "No code outside qemu_conf.c should ever acquire this lock" */
	virMutex lock LW_DRIVER_LOCK;
	/* Immutable value */
	int privileged LW_IMMUTABLE;
	/* Immutable pointer, self-locking APIs */
	void *domains LW_SELF_LOCKING;
	/* Require lock to get reference on 'config', then lockless thereafter */
	struct qemuConfig *config LW_RCU_CONFIG(lock);
	/* Atomic increment only */
	unsigned int nextvmid LW_ATOMIC;
	/* Guarded by the driver lock */
	int nactive LW_GUARDED_BY(lock);
};

/* qemu_conf.c */
void qemuDriverLock(struct qemuDriver *driver) LW_ACQUIRES(driver->lock);
void qemuDriverUnlock(struct qemuDriver *driver) LW_RELEASES(driver->lock);
int qemuStateInitialize(struct qemuDriver *driver) LW_INIT;

/* qemu_process.c */
void qemuProcessStop(struct qemuDriver *driver, virDomainObj *vm);

#endif
