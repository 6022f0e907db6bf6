// --annotations=FILE: sidecar files go to the plugin for every unit, their category
// switches apply to the whole program, they are part of the cache key, and entries
// that match nothing in the program are named.
// RUN: rm -rf %t && split-file %s %t && cd %t
//
// RUN: %lockwarden -v --annotations=drv.yaml drv.c -- > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=OUT --match-full-lines %s < out
// RUN: FileCheck --check-prefix=ERR %s < err
// The fs category is off in the sidecar: lstat() under the lock is not reported.
// OUT:      drv.c:15:10: warning: blocking call 'monitorSend' while holding driver lock 'd->lock' [sleep-under-lock]
// OUT-NEXT: drv.c:14:2: note: 'd->lock' acquired here
// OUT-NEXT: drv.c:15:10: note: 'monitorSend' blocks here (annotated LW_BLOCKING)
// OUT-NOT:  {{.}}
// ERR: -fplugin-arg-lockwarden-annotations=[[T:.*]]/drv.yaml
//
// --blocking on the command line has the last word over the sidecar's categories.
// RUN: %lockwarden --annotations=drv.yaml --blocking=all drv.c -- > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=FS %s < out
// FS: drv.c:16:7: warning: blocking call 'lstat' while holding driver lock 'd->lock' [sleep-under-lock]
//
// Without the sidecar nothing is known; the facts differ, so does the cache entry.
// RUN: %lockwarden -v drv.c -- > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=AGAIN %s < err
// AGAIN: lockwarden: analysing drv.c
//
// Editing the sidecar invalidates the cache: here monitorSend is no longer blocking.
// RUN: sed -i '/monitorSend/d; /^blocking:/d' drv.yaml
// RUN: %lockwarden -v --annotations=drv.yaml drv.c -- > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=AGAIN %s < err
//
// RUN: %lockwarden --annotations=drv.yaml --annotations=typo.yaml drv.c -- > out 2> err
// RUN: FileCheck --check-prefix=TYPO %s < err
// TYPO: lockwarden: warning: typo.yaml:3: 'function drvLok' matches nothing in the program
//
// An entry for a header's static function that nothing calls still matches: the
// functions a sidecar names are always lowered.
// RUN: %lockwarden --annotations=drv.yaml --annotations=helper.yaml drv.c -- > out 2> err
// RUN: FileCheck --check-prefix=HELPER --implicit-check-not='matches nothing' %s < err
// HELPER: lockwarden: 1 file (0 from the cache), 0 failed; 0 findings
//
// A sidecar that does not parse is a configuration error.
// RUN: %lockwarden --annotations=broken.yaml drv.c -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=BROKEN %s < err
// BROKEN: lockwarden: error: broken.yaml:{{[0-9]+}}:{{[0-9]+}}: not valid YAML

//--- drv.yaml
version: 1
fields:
  drv:
    lock: driver_lock
functions:
  drvLock: acquires(d->lock)
  drvUnlock: releases(d->lock)
blocking:
  - monitorSend
categories:
  fs: off
//--- typo.yaml
version: 1
functions:
  drvLok: acquires(d->lock)
//--- helper.yaml
version: 1
functions:
  helperLock: acquires(d->lock)
//--- helper.h
static inline void helperLock(struct drv *d)
{
	pthread_mutex_lock(&d->lock);
}
//--- broken.yaml
version: 1
functions: [
//--- drv.c
#include <pthread.h>
#include <sys/stat.h>

struct drv {
	pthread_mutex_t lock;
};
void drvLock(struct drv *d);
void drvUnlock(struct drv *d);
int monitorSend(struct drv *d);

int query(struct drv *d, const char *path)
{
	struct stat sb;
	drvLock(d);
	int r = monitorSend(d);
	r += lstat(path, &sb);
	drvUnlock(d);
	return r;
}
#include "helper.h"
