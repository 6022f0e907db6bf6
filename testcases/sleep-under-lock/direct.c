// Blocking calls made directly while the driver lock is held.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -Xclang -verify %s
// With the fs category off, lstat is quiet and the rest still fires.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -fplugin-arg-lockwarden-blocking=-fs -Xclang -verify=nofs %s
#include "lwtest.h"

void fires_usleep(struct drv *d)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}} nofs-note {{'d->lock' acquired here}}
	usleep(10);             // expected-warning {{blocking call 'usleep' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}} nofs-warning {{blocking call 'usleep'}} nofs-note {{'usleep' blocks here (sleep)}}
	virMutexUnlock(&d->lock);
}

void fires_lstat(struct drv *d, const char *path)
{
	struct stat sb;
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	lstat(path, &sb);       // expected-warning {{blocking call 'lstat' while holding driver lock 'd->lock'}} expected-note {{'lstat' blocks here (fs)}}
	virMutexUnlock(&d->lock);
}

void quiet_after_unlock(struct drv *d)
{
	virMutexLock(&d->lock);
	d->nactive++;
	virMutexUnlock(&d->lock);
	usleep(10);
}

void quiet_other_lock(struct drv *d)
{
	/* Per-object locks may be held across blocking calls: that is the design. */
	pthread_mutex_lock(&d->statsLock);
	usleep(10);
	d->nstats++;
	pthread_mutex_unlock(&d->statsLock);
}

void fires_on_one_path(struct drv *d, int flag)
{
	if (flag)
		virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}} nofs-note {{'d->lock' acquired here}}
	sleep(1);                       // expected-warning {{blocking call 'sleep' while holding driver lock 'd->lock'}} expected-note {{'sleep' blocks here (sleep)}} nofs-warning {{blocking call 'sleep'}} nofs-note {{'sleep' blocks here (sleep)}}
	if (flag)
		virMutexUnlock(&d->lock);
}

void quiet_cond_wait(struct drv *d, virCond *c)
{
	/* virCondWait releases the driver lock while it waits. */
	virMutexLock(&d->lock);
	while (d->nactive > 0)
		virCondWait(c, &d->lock);
	virMutexUnlock(&d->lock);
}

void fires_waitpid(struct drv *d, pid_t pid)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}} nofs-note {{'d->lock' acquired here}}
	d->nactive--;
	waitpid(pid, NULL, 0);  // expected-warning {{blocking call 'waitpid' while holding driver lock 'd->lock'}} expected-note {{'waitpid' blocks here (wait)}} nofs-warning {{blocking call 'waitpid'}} nofs-note {{'waitpid' blocks here (wait)}}
	virMutexUnlock(&d->lock);
}
