// One header reached by two spellings ("../include/h.h" from one unit, -I../include
// from another) is one file in the linked program: its static inline function is
// analysed once and its finding reported once.
//
// The plugin names every file by its absolute, normalised path.
//
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' cdb.in > compile_commands.json
// RUN: %lockwarden -p . '--checks=-*,sleep-under-lock' > out 2> err; test $? -eq 1
// RUN: FileCheck --match-full-lines %s < out
// CHECK:      include/h.h:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// CHECK-NEXT: include/h.h:7:2: note: 'big' acquired here
// CHECK-NEXT: include/h.h:8:2: note: 'usleep' blocks here (sleep)
// CHECK-NOT:  {{.}}

//--- cdb.in
[{"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "a.c"], "file": "a.c"},
 {"directory": "@DIR@/src", "arguments": ["cc", "-I../include", "-I@INC@", "-c", "b.c"], "file": "b.c"}]
//--- include/h.h
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
extern pthread_mutex_t big LW_DRIVER_LOCK;
static inline void hold_and_sleep(void)
{
	pthread_mutex_lock(&big);
	usleep(1);
	pthread_mutex_unlock(&big);
}
//--- src/a.c
#include "../include/h.h"
pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
void a(void) { hold_and_sleep(); }
//--- src/b.c
#include "h.h"
void b(void) { hold_and_sleep(); }
