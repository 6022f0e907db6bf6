/* Process management: the 2011 bug, a usleep() loop waiting for the child. */
#include <signal.h>
#include <unistd.h>

#include "driver.h"

static int qemuProcessKill(virDomainObj *vm)
{
	for (int i = 0; i < 15; i++) {
		if (kill(vm->pid, 0) < 0)
			return 0;
		usleep(200 * 1000);
	}
	return -1;
}

void qemuProcessStop(struct qemuDriver *driver, virDomainObj *vm)
{
	qemuProcessKill(vm);
	driver->nactive--;
	vm->pid = -1;
}
