// --write-baseline records today's findings and exits 0; --baseline then hides them,
// and only new findings are reported (exit status 1).
// RUN: rm -rf %t && split-file %s %t && cd %t
//
// RUN: %lockwarden --write-baseline=base.json tick.c -- -I%lw_include > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=WRITE --match-full-lines %s < err
// WRITE: lockwarden: 1 file (0 from the cache), 0 failed; 2 findings recorded in base.json
//
// RUN: %lockwarden --baseline=base.json tick.c -- -I%lw_include > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=KNOWN --match-full-lines %s < err
// KNOWN: lockwarden: 1 file (1 from the cache), 0 failed; 0 findings (2 accepted by the baseline)
//
// RUN: cat more.c >> tick.c
// RUN: %lockwarden --baseline=base.json tick.c -- -I%lw_include > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=NEW %s < out
// NEW: tick.c:{{[0-9]+}}:2: warning: blocking call 'sleep' while holding driver lock 'big' [sleep-under-lock]
// NEW-NOT: usleep
//
// A baseline that cannot be used is a tool error.
// RUN: echo '{"version": 1, "fingerprints": ' > broken.json
// RUN: %lockwarden --baseline=broken.json tick.c -- -I%lw_include > out 2> err; test $? -eq 2
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=BROKEN %s < err
// BROKEN: lockwarden: error: broken.json:

//--- tick.c
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t big LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;
void tick(void)
{
	pthread_mutex_lock(&big);
	usleep(10);
	pthread_mutex_unlock(&big);
}
//--- more.c
void tock(void)
{
	pthread_mutex_lock(&big);
	sleep(1);
	pthread_mutex_unlock(&big);
}
