// libvirt-style idiom: freed, then tested (VIR_FREE(priv); if (priv)
// virMutexUnlock(&priv->lock)). After g_clear_pointer, or g_free and "= NULL",
// the pointer is known NULL and no lock rooted at it is held: the test is false,
// nothing leaks, nothing is released twice.
// RUN: %clang -fsyntax-only %lw_flags $(pkg-config --cflags glib-2.0) -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include <glib.h>
#include <lockwarden.h>
#include <pthread.h>

struct priv { pthread_mutex_t lock; int n; };
#define VIR_FREE(ptr) g_clear_pointer(&(ptr), g_free)

void clear_pointer(struct priv *p)
{
	pthread_mutex_lock(&p->lock);
	VIR_FREE(p);
	if (p)
		pthread_mutex_unlock(&p->lock);
}

void free_then_null(struct priv *p)
{
	pthread_mutex_lock(&p->lock);
	g_free(p);
	p = NULL;
	if (p)
		pthread_mutex_unlock(&p->lock);
}

/* still a leak when the pointer is not cleared */
void not_cleared(struct priv *p, int bad)
{
	pthread_mutex_lock(&p->lock); // expected-note {{'p->lock' acquired here}}
	if (bad)
		return; // expected-warning {{'p->lock' is still held at this return but not on every path [lock-imbalance]}}
	pthread_mutex_unlock(&p->lock);
}
