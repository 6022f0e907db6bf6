// Annotations from a YAML sidecar, for code without macros.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=%S/Inputs/driver.yaml -Xclang -verify %s
// Without the sidecar nothing is known, so nothing is reported.
// RUN: %clang -fsyntax-only %lw_flags -Xclang -verify=none %s
// none-no-diagnostics
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

struct drv {
	pthread_mutex_t lock;
	int privileged;
	int nactive;
	unsigned nextid;
};

void drvLock(struct drv *d);
void drvUnlock(struct drv *d);
int monitorSend(struct drv *d);

int drvInit(struct drv *d)
{
	d->privileged = 1;
	return 0;
}

int query(struct drv *d, const char *path)
{
	struct stat sb;
	drvLock(d); // expected-note {{'d->lock' acquired here}}
	d->nactive++;
	int r = monitorSend(d); // expected-warning {{blocking call 'monitorSend' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'monitorSend' blocks here (annotated LW_BLOCKING)}}
	r += lstat(path, &sb); /* the fs category is off in the sidecar */
	drvUnlock(d);
	return r;
}

void set(struct drv *d)
{
	d->privileged = 0; // expected-warning {{write to immutable field 'd->privileged' outside initialization [immutable-write]}}
	d->nextid++;       // expected-warning {{plain write of atomic field 'd->nextid'; use an atomic builtin [atomic-access]}}
}
