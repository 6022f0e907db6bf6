// The relabelling half of the bug this project comes from, in libvirt's shape:
// the manager calls mgr->drv->setAllLabel(), each security driver stores its own
// function into that field of a statically initialised ops table in its own file,
// and the QEMU driver calls the manager with the driver lock held. The DAC
// driver lstat()s (on NFS), the SELinux one does not block: one finding, with the
// dispatch in the chain.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' > out 2> err; test $? -eq 1
// RUN: FileCheck %s < out
// CHECK: src/qemu_driver.c:8:7: warning: call to 'virSecurityManagerSetAllLabel' may block while holding driver lock 'driver->lock' [sleep-under-lock]
// CHECK-NEXT: src/qemu_driver.c:7:2: note: 'driver->lock' acquired here
// CHECK-NEXT: src/security_manager.c:4:9: note: 'mgr->drv->setAllLabel' may call 'virSecurityDACSetAllLabel' (stored at security_dac.c:14)
// CHECK-NEXT: src/security_dac.c:8:6: note: 'lstat' blocks here (fs)
// CHECK-NOT: warning
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' --format=sarif > sarif 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=SARIF %s < sarif
// SARIF: "text": "'mgr->drv->setAllLabel' may call 'virSecurityDACSetAllLabel' (stored at security_dac.c:14)"

//--- build/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "qemu_driver.c"], "file": "qemu_driver.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "security_manager.c"], "file": "security_manager.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "security_dac.c"], "file": "security_dac.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "security_selinux.c"], "file": "security_selinux.c"}
]
//--- src/security.h
#include <lockwarden.h>
#include <pthread.h>
typedef struct { int (*setAllLabel)(const char *path); const char *name; } virSecurityDriver;
typedef struct { const virSecurityDriver *drv; } virSecurityManager;
int virSecurityManagerSetAllLabel(virSecurityManager *mgr, const char *path);
//--- src/qemu_driver.c
#include "security.h"
struct qemuDriver { pthread_mutex_t lock LW_DRIVER_LOCK; virSecurityManager *securityManager; };

int qemuProcessStart(struct qemuDriver *driver, const char *disk)
{
	int rc;
	pthread_mutex_lock(&driver->lock);
	rc = virSecurityManagerSetAllLabel(driver->securityManager, disk);
	pthread_mutex_unlock(&driver->lock);
	return rc;
}
//--- src/security_manager.c
#include "security.h"
int virSecurityManagerSetAllLabel(virSecurityManager *mgr, const char *path)
{
	return mgr->drv->setAllLabel(path);
}
//--- src/security_dac.c
#include <sys/stat.h>
#include "security.h"

static int virSecurityDACSetAllLabel(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) < 0)
		return -1;
	return 0;
}

const virSecurityDriver virSecurityDriverDAC = {
	.setAllLabel = virSecurityDACSetAllLabel,
	.name = "dac",
};
//--- src/security_selinux.c
#include "security.h"

static int virSecuritySELinuxSetAllLabel(const char *path)
{
	return path ? 0 : -1;
}

const virSecurityDriver virSecurityDriverSELinux = {
	.setAllLabel = virSecuritySELinuxSetAllLabel,
	.name = "selinux",
};
