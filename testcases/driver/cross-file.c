// Whole-program facts: lock wrappers defined in one file and used in another,
// a blocking chain through three files, the Enter/Exit-monitor pattern split
// across files (quiet), and the same static helper name in two files kept apart.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %lockwarden --cache-dir=%t/cache api.c conf.c process.c monitor.c helper1.c helper2.c -- -I%lw_include -I%t > out 2> err; test $? -eq 1
// RUN: FileCheck --match-full-lines %s < out
// CHECK:      api.c:6:2: warning: call to 'process_stop' may block while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK-NEXT: api.c:5:2: note: 'd->lock' acquired here
// CHECK-NEXT: process.c:5:2: note: 'process_stop' calls 'process_kill' here
// CHECK-NEXT: conf.c:8:2: note: 'usleep' blocks here (sleep)
// CHECK-NEXT: helper2.c:3:50: warning: blocking call 'sleep' while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK-NEXT: helper2.c:3:37: note: 'd->lock' acquired here
// CHECK-NEXT: helper2.c:3:50: note: 'sleep' blocks here (sleep)
// CHECK-NOT:  {{.}}
// RUN: FileCheck --check-prefix=ERR %s < err
// ERR: lockwarden: 6 files (0 from the cache), 0 failed; 2 findings
//
// The same run as SARIF: the fields code scanning needs, and the chain as a code flow.
// RUN: %lockwarden --format=sarif --cache-dir=%t/cache api.c conf.c process.c monitor.c helper1.c helper2.c -- -I%lw_include -I%t > out.sarif; test $? -eq 1
// RUN: %python %s.py out.sarif
//
// Order of the files on the command line does not matter.
// RUN: %lockwarden --cache-dir=%t/cache helper2.c monitor.c process.c conf.c helper1.c api.c -- -I%lw_include -I%t > out2 2> /dev/null; test $? -eq 1
// RUN: diff out out2

//--- drv.h
#include <lockwarden.h>
#include <pthread.h>
typedef struct { pthread_mutex_t lock; } virMutex;
void virMutexLock(virMutex *m) LW_ACQUIRES(*m);
void virMutexUnlock(virMutex *m) LW_RELEASES(*m);
struct drv { virMutex lock LW_DRIVER_LOCK; int n LW_GUARDED_BY(lock); };
typedef struct { virMutex lock; int id; } vm_t;
void drv_lock(struct drv *d);
void drv_unlock(struct drv *d);
void process_stop(struct drv *d, int pid);
void process_kill(int pid);
void enter_monitor(struct drv *d, vm_t *vm);
void exit_monitor(struct drv *d, vm_t *vm);
int monitor_send(vm_t *vm) LW_BLOCKING;

//--- api.c
#include "drv.h"
int destroy(struct drv *d, int pid)
{
	int n;
	drv_lock(d);
	process_stop(d, pid);
	n = d->n;
	drv_unlock(d);
	return n;
}
int query(struct drv *d, vm_t *vm)
{
	drv_lock(d);
	d->n++;
	enter_monitor(d, vm);
	int r = monitor_send(vm);
	exit_monitor(d, vm);
	d->n = r;
	drv_unlock(d);
	return r;
}

//--- conf.c
#include <unistd.h>
#include "drv.h"
void drv_lock(struct drv *d) { virMutexLock(&d->lock); }
void drv_unlock(struct drv *d) { virMutexUnlock(&d->lock); }
void process_kill(int pid)
{
	(void)pid;
	usleep(1000);
}

//--- process.c
#include "drv.h"
void process_stop(struct drv *d, int pid)
{
	(void)d;
	process_kill(pid);
}

//--- monitor.c
#include "drv.h"
void enter_monitor(struct drv *d, vm_t *vm) { virMutexLock(&vm->lock); drv_unlock(d); }
void exit_monitor(struct drv *d, vm_t *vm) { virMutexUnlock(&vm->lock); drv_lock(d); }

//--- helper1.c
#include "drv.h"
static void helper(struct drv *d) { (void)d; }
void use1(struct drv *d) { drv_lock(d); helper(d); d->n++; drv_unlock(d); }

//--- helper2.c
#include <unistd.h>
#include "drv.h"
static void helper(struct drv *d) { drv_lock(d); sleep(1); d->n++; drv_unlock(d); }
void use2(struct drv *d) { helper(d); }
