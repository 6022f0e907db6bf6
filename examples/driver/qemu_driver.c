/* The driver's API entry points: each lockwarden check fires once here. */
#include "driver.h"

int qemuDomainDestroy(struct qemuDriver *driver, virDomainObj *vm)
{
	qemuDriverLock(driver);
	qemuProcessStop(driver, vm); /* sleep-under-lock, through two files */
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
