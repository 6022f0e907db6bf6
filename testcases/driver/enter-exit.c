// libvirt's Enter/Exit-monitor: Enter drops the caller's object lock only when
// it succeeds, Exit takes it back. The caller is balanced on every path, and a
// blocking call between the two is not made under that lock.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %lockwarden --cache-dir=%t/cache domain.c api.c -- -I%lw_include > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=ERR %s < err
// ERR: lockwarden: 2 files (0 from the cache), 0 failed; 0 findings

//--- dom.h
#include <lockwarden.h>
#include <pthread.h>
typedef struct { pthread_mutex_t lock; } virMutex;
void virMutexLock(virMutex *m) LW_ACQUIRES(*m);
void virMutexUnlock(virMutex *m) LW_RELEASES(*m);
typedef struct { virMutex lock LW_DRIVER_LOCK; int n LW_GUARDED_BY(lock); } mon_t;
typedef struct { virMutex lock LW_DRIVER_LOCK; int active; mon_t *mon; } vm_t;
int enter_monitor_async(vm_t *vm, int job) LW_TRY_ACQUIRES(0, vm->mon->lock);
void exit_monitor(vm_t *vm);
int monitor_query(mon_t *mon) LW_BLOCKING;

//--- domain.c
#include "dom.h"
int enter_monitor_async(vm_t *vm, int job)
{
	if (job < 0)
		return -1;
	if (!vm->active)
		return -1;
	virMutexLock(&vm->mon->lock);
	virMutexUnlock(&vm->lock);
	return 0;
}
void exit_monitor(vm_t *vm)
{
	virMutexUnlock(&vm->mon->lock);
	virMutexLock(&vm->lock);
}

//--- api.c
#include "dom.h"
int update(vm_t *vm, int job)
{
	int rc;
	if (enter_monitor_async(vm, job) < 0)
		return -1;
	rc = monitor_query(vm->mon);
	exit_monitor(vm);
	if (rc < 0)
		return -1;
	vm->active = rc;
	return 0;
}
