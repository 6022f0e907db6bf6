/* The example driver: each lockwarden check fires once here. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "driver.h"

void qemuDriverLock(struct qemuDriver *driver) { virMutexLock(&driver->lock); }
void qemuDriverUnlock(struct qemuDriver *driver) { virMutexUnlock(&driver->lock); }

int qemuStateInitialize(struct qemuDriver *driver)
{
	driver->privileged = getuid() == 0;
	driver->config = calloc(1, sizeof(*driver->config));
	return driver->config ? 0 : -1;
}

/* The 2011 bug: a usleep() loop waiting for the child, under the driver lock. */
static int qemuProcessKill(virDomainObj *vm)
{
	for (int i = 0; i < 15; i++) {
		if (kill(vm->pid, 0) < 0)
			return 0;
		usleep(200 * 1000);
	}
	return -1;
}

static void qemuProcessStop(struct qemuDriver *driver, virDomainObj *vm)
{
	qemuProcessKill(vm);
	driver->nactive--;
	vm->pid = -1;
}

int qemuDomainDestroy(struct qemuDriver *driver, virDomainObj *vm)
{
	qemuDriverLock(driver);
	qemuProcessStop(driver, vm); /* sleep-under-lock */
	qemuDriverUnlock(driver);
	return 0;
}

int qemuConnectGetMaxVcpus(struct qemuDriver *driver)
{
	return driver->config->maxProcesses; /* rcu-access: no lock, no read-side section */
}

int qemuDomainCount(struct qemuDriver *driver)
{
	return driver->nactive; /* unguarded-access */
}

void qemuDriverSetPrivileged(struct qemuDriver *driver, int p)
{
	driver->privileged = p; /* immutable-write */
}

unsigned int qemuDriverAllocateID(struct qemuDriver *driver)
{
	return driver->nextvmid++; /* atomic-access */
}

int qemuConnectIsPrivileged(struct qemuDriver *driver)
{
	qemuDriverLock(driver); /* needless-lock: only an immutable field inside */
	int ret = driver->privileged;
	qemuDriverUnlock(driver);
	return ret;
}

int qemuDomainStart(struct qemuDriver *driver, virDomainObj *vm)
{
	qemuDriverLock(driver);
	if (vm->id < 0)
		return -1; /* lock-imbalance: returns with the driver lock held */
	driver->nactive++;
	qemuDriverUnlock(driver);
	return 0;
}
