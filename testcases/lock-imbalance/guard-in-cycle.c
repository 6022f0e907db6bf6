// A lock guard in functions that call each other (libvirt's stacked security
// manager: the manager locks itself with VIR_LOCK_GUARD, a g_auto() whose
// cleanup is GLib's generated wrapper, and calls its driver, which calls the
// manager of each item of its stack). The wrapper is no member of the cycle:
// its summary must be there when the cycle's members are analysed, or the
// manager seems to return with its lock held and every loop over the stack
// takes it twice.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
// expected-no-diagnostics
#include "lwtest.h"

/* what G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virLockGuard, virLockGuardUnlock) defines */
static inline void glib_auto_cleanup_guard(virLockGuard *_ptr) { virLockGuardUnlock(_ptr); }
#define GUARD virLockGuard __attribute__((cleanup(glib_auto_cleanup_guard)))

struct mgr;
struct mgr_ops { int (*start)(struct mgr *m); };
struct mgr { virMutex lock; const struct mgr_ops *drv; struct item *items; };
struct item { struct mgr *mgr; struct item *next; };

int mgrStart(struct mgr *m)
{
	GUARD g = virLockGuardLock(&m->lock);
	return m->drv->start(m);
}

static int stackStart(struct mgr *m)
{
	for (struct item *it = m->items; it; it = it->next)
		if (mgrStart(it->mgr) < 0)
			return -1;
	return 0;
}

static int plainStart(struct mgr *m) { (void)m; return 0; }

const struct mgr_ops stackDriver = { .start = stackStart };
const struct mgr_ops plainDriver = { .start = plainStart };
