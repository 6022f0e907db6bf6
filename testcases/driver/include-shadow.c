// A cached unit is parsed again when a file appears where one of its include lookups
// failed: with -Ia -Ib, a new a/cfg.h shadows the b/cfg.h the unit read. So are lookups
// in a missing subdirectory of a search path (a/sub/ before b/sub/x.h), in a search
// directory that did not exist (-Inew, created later), and __has_include. Before the
// plugin recorded the failed lookups, every such unit was answered from the cache and
// the finding the new header brings was missing.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: mkdir a
//
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock -v > out1 2> err1; test $? -eq 0
// RUN: count 0 < out1
// RUN: FileCheck --check-prefix=FIRST %s < err1
// FIRST: lockwarden: 4 files (0 from the cache), 0 failed; 0 findings
//
// Nothing changed: everything comes from the cache.
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock -v > out2 2> err2; test $? -eq 0
// RUN: FileCheck --check-prefix=CACHED --implicit-check-not=analysing %s < err2
// CACHED: lockwarden: 4 files (4 from the cache), 0 failed; 0 findings
//
// An unrelated file in a searched directory changes nothing.
// RUN: touch a/unrelated.h
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock -v > out3 2> err3; test $? -eq 0
// RUN: FileCheck --check-prefix=CACHED --implicit-check-not=analysing %s < err3
//
// a/cfg.h appears: only quoted.c read cfg.h.
// RUN: cp blocking.h a/cfg.h
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock -v > out4 2> err4; test $? -eq 1
// RUN: FileCheck --check-prefix=SHADOW --implicit-check-not=analysing %s < err4
// RUN: FileCheck --check-prefix=SHADOW-OUT %s < out4
// SHADOW-DAG: lockwarden: analysing quoted.c
// SHADOW-DAG: lockwarden: cached sub.c
// SHADOW-DAG: lockwarden: cached newdir.c
// SHADOW-DAG: lockwarden: cached probe.c
// SHADOW:     lockwarden: 4 files (3 from the cache), 0 failed; 1 finding
// SHADOW-OUT: quoted.c:7:2: warning: call to 'step' may block while holding driver lock 'big' [sleep-under-lock]
//
// a/sub/x.h appears where a/sub did not exist.
// RUN: mkdir a/sub && cp blocking.h a/sub/x.h
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock -v > out5 2> err5; test $? -eq 1
// RUN: FileCheck --check-prefix=SUB --implicit-check-not=analysing %s < err5
// SUB: lockwarden: analysing sub.c
// SUB: lockwarden: 4 files (3 from the cache), 0 failed; 2 findings
//
// The search directory "new" did not exist; now it does, with the header.
// RUN: mkdir new && cp blocking.h new/cfg.h
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock -v > out6 2> err6; test $? -eq 1
// RUN: FileCheck --check-prefix=NEWDIR --implicit-check-not=analysing %s < err6
// NEWDIR: lockwarden: analysing newdir.c
// NEWDIR: lockwarden: 4 files (3 from the cache), 0 failed; 3 findings
//
// __has_include(<probe.h>) said no; now it says yes.
// RUN: cp blocking.h a/probe.h
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock -v > out7 2> err7; test $? -eq 1
// RUN: FileCheck --check-prefix=PROBE --implicit-check-not=analysing %s < err7
// PROBE: lockwarden: analysing probe.c
// PROBE: lockwarden: 4 files (3 from the cache), 0 failed; 4 findings
//
// The same as a fresh run gives.
// RUN: %lockwarden -p build --checks=-*,sleep-under-lock --cache-dir=fresh > out8 2> err8; test $? -eq 1
// RUN: diff out7 out8

//--- build/cdb.in
[
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-Ia", "-Ib", "-c", "quoted.c"], "file": "quoted.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-Ia", "-Ib", "-c", "sub.c"], "file": "sub.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-Inew", "-Ib", "-c", "newdir.c"], "file": "newdir.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-Ia", "-Ib", "-c", "probe.c"], "file": "probe.c"}
]
//--- lock.h
#include <lockwarden.h>
#include <pthread.h>
extern pthread_mutex_t big LW_DRIVER_LOCK;
//--- b/cfg.h
static inline void step(void) {}
//--- b/sub/x.h
static inline void step(void) {}
//--- blocking.h
#include <unistd.h>
static inline void step(void) { usleep(10); }
//--- quoted.c
#include "lock.h"
#include "cfg.h"
pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
void tick(void)
{
	pthread_mutex_lock(&big);
	step();
	pthread_mutex_unlock(&big);
}
//--- sub.c
#include "lock.h"
#include "sub/x.h"
void tock(void)
{
	pthread_mutex_lock(&big);
	step();
	pthread_mutex_unlock(&big);
}
//--- newdir.c
#include "lock.h"
#include <cfg.h>
void tack(void)
{
	pthread_mutex_lock(&big);
	step();
	pthread_mutex_unlock(&big);
}
//--- probe.c
#include "lock.h"
#if __has_include(<probe.h>)
#include <probe.h>
#else
static inline void step(void) {}
#endif
void tuck(void)
{
	pthread_mutex_lock(&big);
	step();
	pthread_mutex_unlock(&big);
}
