// The cache: facts are reused while the files a unit read are unchanged. A second run
// re-parses nothing; editing a file re-parses it; editing a header re-parses the
// files that include it; touching without a change re-parses nothing.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
//
// RUN: %lockwarden -p build -v > out1 2> err1; test $? -eq 1
// RUN: FileCheck --check-prefix=FIRST --implicit-check-not=cached %s < err1
// FIRST-DAG: lockwarden: analysing a.c
// FIRST-DAG: lockwarden: analysing b.c
// FIRST-DAG: lockwarden: analysing c.c
// FIRST:     lockwarden: 3 files (0 from the cache), 0 failed;
// RUN: ls build/.lockwarden-cache | grep -c "facts$" | grep -x 3
//
// RUN: %lockwarden -p build -v > out2 2> err2; test $? -eq 1
// RUN: FileCheck --check-prefix=SECOND --implicit-check-not=analysing %s < err2
// RUN: diff out1 out2
// SECOND-DAG: lockwarden: cached a.c
// SECOND-DAG: lockwarden: cached b.c
// SECOND-DAG: lockwarden: cached c.c
// SECOND:     lockwarden: 3 files (3 from the cache), 0 failed;
//
// RUN: touch a.c b.c c.c one.h both.h
// RUN: %lockwarden -p build -v > out3 2> err3; test $? -eq 1
// RUN: FileCheck --check-prefix=SECOND --implicit-check-not=analysing %s < err3
//
// RUN: echo '/* edited */' >> a.c
// RUN: %lockwarden -p build -v > out4 2> err4; test $? -eq 1
// RUN: FileCheck --check-prefix=EDIT-A --implicit-check-not=analysing %s < err4
// RUN: diff out1 out4
// EDIT-A-DAG: lockwarden: analysing a.c
// EDIT-A-DAG: lockwarden: cached b.c
// EDIT-A-DAG: lockwarden: cached c.c
//
// one.h is included by b.c only.
// RUN: echo '/* edited */' >> one.h
// RUN: %lockwarden -p build -v > out5 2> err5; test $? -eq 1
// RUN: FileCheck --check-prefix=EDIT-ONE --implicit-check-not=analysing %s < err5
// EDIT-ONE-DAG: lockwarden: cached a.c
// EDIT-ONE-DAG: lockwarden: analysing b.c
// EDIT-ONE-DAG: lockwarden: cached c.c
//
// both.h is included by a.c and c.c.
// RUN: echo '/* edited */' >> both.h
// RUN: %lockwarden -p build -v > out6 2> err6; test $? -eq 1
// RUN: FileCheck --check-prefix=EDIT-BOTH --implicit-check-not=analysing %s < err6
// EDIT-BOTH-DAG: lockwarden: analysing a.c
// EDIT-BOTH-DAG: lockwarden: cached b.c
// EDIT-BOTH-DAG: lockwarden: analysing c.c
//
// An edit that changes the findings: the new facts are used, not the old ones.
// RUN: sed -i '/pthread_mutex_lock/d; /usleep/d; /pthread_mutex_unlock/d' a.c
// RUN: %lockwarden -p build -v > out7 2> err7; test $? -eq 0
// RUN: count 0 < out7
// RUN: FileCheck --check-prefix=FIXED --implicit-check-not=analysing %s < err7
// FIXED-DAG: lockwarden: analysing a.c
// FIXED-DAG: lockwarden: cached b.c
// FIXED-DAG: lockwarden: cached c.c
// Edited entries replace the old ones: still one per unit.
// RUN: ls build/.lockwarden-cache | grep -c "facts$" | grep -x 3
//
// Changed flags are another entry; so is another cache directory.
// RUN: %lockwarden -p build -v -- -DEXTRA=1 > out8 2> err8; test $? -eq 0
// RUN: FileCheck --check-prefix=ALL --implicit-check-not=cached %s < err8
// RUN: %lockwarden -p build -v --cache-dir=elsewhere > out9 2> err9; test $? -eq 0
// RUN: FileCheck --check-prefix=ALL --implicit-check-not=cached %s < err9
// RUN: ls elsewhere | grep -c "facts$" | grep -x 3
// ALL-DAG: lockwarden: analysing a.c
// ALL-DAG: lockwarden: analysing b.c
// ALL-DAG: lockwarden: analysing c.c
//
// A damaged entry is not trusted: the unit is analysed again.
// RUN: for f in elsewhere/*.facts; do echo garbage > $f; done
// RUN: %lockwarden -p build -v --cache-dir=elsewhere > out10 2> err10; test $? -eq 0
// RUN: FileCheck --check-prefix=ALL --implicit-check-not=cached %s < err10

//--- build/cdb.in
[
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "a.c"], "file": "a.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "b.c"], "file": "b.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "c.c"], "file": "c.c"}
]
//--- both.h
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
extern pthread_mutex_t big LW_DRIVER_LOCK;
//--- one.h
int one(void);
//--- a.c
#include "both.h"
pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
void tick(void)
{
	pthread_mutex_lock(&big);
	usleep(10);
	pthread_mutex_unlock(&big);
}
//--- b.c
#include "one.h"
int one(void) { return 1; }
//--- c.c
#include "both.h"
int peek(void) { return 2; }
