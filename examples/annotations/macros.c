/* One small example per annotation group, for docs/annotations.md. */
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>

struct cfg { int maxJobs; };

struct drv {
	pthread_mutex_t lock LW_DRIVER_LOCK;
	int privileged LW_IMMUTABLE;
	void *domains LW_SELF_LOCKING;
	struct cfg *config LW_RCU_CONFIG(lock);
	unsigned int nextid LW_ATOMIC;
	int nactive LW_GUARDED_BY(lock);
};

void drvLock(struct drv *d) LW_ACQUIRES(d->lock);
void drvUnlock(struct drv *d) LW_RELEASES(d->lock);
void drvAssertLocked(struct drv *d) LW_REQUIRES(d->lock);
int monitorCall(struct drv *d) LW_BLOCKING;
void rcuEnter(void) LW_RCU_READ_LOCK;
void rcuLeave(void) LW_RCU_READ_UNLOCK;
int drvInit(struct drv *d) LW_INIT;

int drvInit(struct drv *d)
{
	d->privileged = getuid() == 0; /* fine: start-up */
	return 0;
}

int immutable(struct drv *d) { return d->privileged++; }

int guarded(struct drv *d) { return d->nactive; }

int rcu(struct drv *d)
{
	rcuEnter();
	int n = d->config->maxJobs; /* fine: read-side section */
	rcuLeave();
	return n + d->config->maxJobs;
}

unsigned atomic(struct drv *d) { return d->nextid; }

int blocking(struct drv *d)
{
	drvLock(d);
	d->nactive++;
	int r = monitorCall(d);
	drvUnlock(d);
	return r;
}

void requires(struct drv *d) { drvAssertLocked(d); }

int bad(struct drv *d) LW_ACQUIRES(drv->lock);
