// Static functions defined in a header are analysed in the units that use them:
// called, taken as a callback in code, or stored in a table (a global's or a static
// local's initializer). One the unit never uses is not analysed there (GLib's and
// libvirt's g_autoptr helpers are hundreds per unit). Static functions of the main
// file are analysed whether used or not, and so are constructors and destructors.
// RUN: rm -rf %t && split-file %s %t
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -I %t -fplugin-arg-lockwarden-checks=-*,sleep-under-lock %t/main.c 2> %t/err
// RUN: FileCheck --implicit-check-not=warning: %s < %t/err
// CHECK-DAG: helpers.h:6:2: warning: blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK-DAG: helpers.h:20:2: warning: blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK-DAG: helpers.h:27:2: warning: blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK-DAG: helpers.h:35:2: warning: blocking call 'usleep' while holding driver lock 'the_drv.lock' [sleep-under-lock]
// CHECK-DAG: helpers.h:42:2: warning: blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK-DAG: main.c:22:2: warning: blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]
//
// The same unit without the uses: only the main file's unused static function.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -I %t -DNO_USES -fplugin-arg-lockwarden-checks=-*,sleep-under-lock %t/main.c 2> %t/err2
// RUN: FileCheck --check-prefix=NOUSE --implicit-check-not=warning: %s < %t/err2
// NOUSE-DAG: helpers.h:35:2: warning: blocking call 'usleep'
// NOUSE-DAG: main.c:22:2: warning: blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]

//--- helpers.h
#include "lwtest.h"
/* called */
static inline void called(struct drv *d)
{
	virMutexLock(&d->lock);
	usleep(10);
	virMutexUnlock(&d->lock);
}
/* never used */
static inline void unused(struct drv *d)
{
	virMutexLock(&d->lock);
	usleep(10);
	virMutexUnlock(&d->lock);
}
/* a callback stored in a global table */
static inline void in_table(struct drv *d)
{
	virMutexLock(&d->lock);
	usleep(10);
	virMutexUnlock(&d->lock);
}
/* a callback stored in a static local table */
static inline void in_static_local(struct drv *d)
{
	virMutexLock(&d->lock);
	usleep(10);
	virMutexUnlock(&d->lock);
}
/* never referenced, but run before main */
__attribute__((constructor)) static void at_start(void)
{
	extern struct drv the_drv;
	virMutexLock(&the_drv.lock);
	usleep(10);
	virMutexUnlock(&the_drv.lock);
}
/* taken as a function pointer in code */
static inline void taken(struct drv *d)
{
	virMutexLock(&d->lock);
	usleep(10);
	virMutexUnlock(&d->lock);
}
//--- main.c
#include "helpers.h"

typedef void (*cb_t)(struct drv *d);
void run_cb(cb_t cb, struct drv *d);

#ifndef NO_USES
cb_t table[] = {in_table};

void user(struct drv *d)
{
	static const cb_t local_table[] = {in_static_local};
	called(d);
	run_cb(taken, d);
	run_cb(local_table[0], d);
}
#endif

/* unused, but the main file's own: analysed */
static void main_unused(struct drv *d)
{
	virMutexLock(&d->lock);
	usleep(10);
	virMutexUnlock(&d->lock);
}
