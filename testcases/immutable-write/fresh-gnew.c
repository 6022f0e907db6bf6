// libvirt-style idiom: a new object from GLib's g_new0 (with optimisation on, a
// statement expression that calls g_malloc0 or g_malloc0_n into a local and
// yields it) is fresh, as one from calloc is: initialising its immutable and
// guarded fields is no finding. A write to an object that is not new still is.
// RUN: %clang -O2 -fsyntax-only %lw_flags $(pkg-config --cflags glib-2.0) -fplugin-arg-lockwarden-checks=-*,immutable-write,unguarded-access -Xclang -verify %s
#include <glib.h>
#include <lockwarden.h>

struct drv {
	GMutex lock LW_DRIVER_LOCK;
	int privileged LW_IMMUTABLE;
	int nactive LW_GUARDED_BY(lock);
};

struct drv *drv_new(int priv)
{
	struct drv *d = g_new0(struct drv, 1);
	d->privileged = priv;
	d->nactive = 0;
	return d;
}

struct drv *drv_new_calloc(int priv)
{
	struct drv *d = calloc(1, sizeof(*d));
	d->privileged = priv;
	return d;
}

void drv_reset(struct drv *d)
{
	d->privileged = 0; // expected-warning {{write to immutable field 'd->privileged' outside initialization [immutable-write]}}
}
