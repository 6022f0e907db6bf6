/* Driver-wide helpers: the lock wrappers (their effect is inferred from the
 * bodies, across files) and start-up. */
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
