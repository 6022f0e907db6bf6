// LW_ATOMIC fields: only through atomic builtins.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,atomic-access -Xclang -verify %s
#include "lwtest.h"

unsigned fires_plain_read(struct drv *d)
{
	return d->nextid; // expected-warning {{plain read of atomic field 'd->nextid'; use an atomic builtin [atomic-access]}}
}

void fires_plain_increment(struct drv *d)
{
	d->nextid++; // expected-warning {{plain write of atomic field 'd->nextid'; use an atomic builtin}}
}

unsigned quiet_builtins(struct drv *d)
{
	__atomic_fetch_add(&d->nextid, 1, __ATOMIC_SEQ_CST);
	__sync_fetch_and_add(&d->nextid, 1);
	return __atomic_load_n(&d->nextid, __ATOMIC_RELAXED);
}
