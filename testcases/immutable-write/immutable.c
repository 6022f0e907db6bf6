// LW_IMMUTABLE and LW_SELF_LOCKING fields are written only at start-up.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,immutable-write -Xclang -verify %s
#include "lwtest.h"

void set_flag(int *p);
int read_flag(const int *p);

void fires_assign(struct drv *d)
{
	d->privileged = 1; // expected-warning {{write to immutable field 'd->privileged' outside initialization [immutable-write]}}
}

void fires_increment(struct drv *d)
{
	d->privileged++; // expected-warning {{write to immutable field 'd->privileged' outside initialization}}
}

void fires_self_locking(struct drv *d)
{
	d->domains = NULL; // expected-warning {{write to self-locking pointer field 'd->domains' outside initialization}}
}

void fires_address(struct drv *d)
{
	set_flag(&d->privileged); // expected-warning {{address of immutable field 'd->privileged' passed to 'set_flag', which may write it, outside initialization}}
}

int quiet_reads(struct drv *d)
{
	return d->privileged + read_flag(&d->privileged) + (d->domains != NULL);
}

/* Start-up: LW_INIT functions and what only they call. */
static void init_helper(struct drv *d) { d->privileged = 1; }

int driver_initialize(struct drv *d) LW_INIT;
int driver_initialize(struct drv *d)
{
	d->domains = NULL;
	init_helper(d);
	return 0;
}

/* A fresh object is not shared yet. */
struct drv *quiet_new(void)
{
	struct drv *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->privileged = 0;
	return d;
}
