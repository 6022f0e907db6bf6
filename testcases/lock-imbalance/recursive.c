// A recursive mutex taken twice by its holder is no double acquire, and its two
// releases are no double release: a lock annotated LW_RECURSIVE (a field or a
// global initialised PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP, or set up with
// virMutexInitRecursive), or GLib's GRecMutex. A plain mutex taken twice still is.
// RUN: %clang -fsyntax-only %lw_flags $(pkg-config --cflags glib-2.0) -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#define _GNU_SOURCE
#include <glib.h>
#include <lockwarden.h>
#include <pthread.h>

struct obj {
	pthread_mutex_t rlock LW_RECURSIVE;
	pthread_mutex_t plain;
	GRecMutex grec;
};
pthread_mutex_t big LW_RECURSIVE = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

static void inner(struct obj *o)
{
	pthread_mutex_lock(&o->rlock);
	pthread_mutex_unlock(&o->rlock);
}

void outer(struct obj *o)
{
	pthread_mutex_lock(&o->rlock);
	pthread_mutex_lock(&o->rlock);
	inner(o);
	pthread_mutex_unlock(&o->rlock);
	pthread_mutex_unlock(&o->rlock);
}

void global_twice(void)
{
	pthread_mutex_lock(&big);
	pthread_mutex_lock(&big);
	pthread_mutex_unlock(&big);
	pthread_mutex_unlock(&big);
}

void grec_twice(struct obj *o)
{
	g_rec_mutex_lock(&o->grec);
	g_rec_mutex_lock(&o->grec);
	g_rec_mutex_unlock(&o->grec);
	g_rec_mutex_unlock(&o->grec);
}

void plain_twice(struct obj *o)
{
	pthread_mutex_lock(&o->plain); // expected-note {{'o->plain' previously acquired here}}
	pthread_mutex_lock(&o->plain); // expected-warning {{acquiring 'o->plain' which is already held [lock-imbalance]}}
	pthread_mutex_unlock(&o->plain);
	pthread_mutex_unlock(&o->plain);
}
