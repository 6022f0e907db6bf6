// GLib's scoped lockers: g_autoptr(GMutexLocker) releases at scope exit,
// also on early returns; g_mutex_locker_free releases explicitly.
// RUN: %clang -fsyntax-only %lw_flags $(pkg-config --cflags glib-2.0) -Xclang -verify %s
#include <glib.h>
#include <lockwarden.h>
#include <unistd.h>

void lw_debug_lockset(void);

struct drv {
	GMutex lock LW_DRIVER_LOCK;
	int n LW_GUARDED_BY(lock);
};

int autoptr_locker(struct drv *d, int flag)
{
	g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&d->lock);
	lw_debug_lockset(); // expected-remark {{held: {d->lock} [debug]}}
	if (flag)
		return -1;
	return d->n++;
}

int explicit_free(struct drv *d)
{
	GMutexLocker *locker = g_mutex_locker_new(&d->lock); // expected-note {{'d->lock' acquired here}}
	int n = d->n;
	usleep(1); // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	g_mutex_locker_free(locker);
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	usleep(1);
	return n;
}

void after_autoptr(struct drv *d)
{
	{
		g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&d->lock);
		d->n = 0;
	}
	lw_debug_lockset(); // expected-remark {{held: {} [debug]}}
	usleep(1);
}
