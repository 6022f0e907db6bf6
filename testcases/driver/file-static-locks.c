// File-static locks of two files are two locks in the whole-program link: a.c
// holds its own 'lock' and calls b.c, which takes b.c's 'lock', a different
// mutex; that is no double acquire. Within one file the static lock is still one
// lock (a.c's helper retaking a.c's lock is).
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: %lockwarden -p build '--checks=-*,lock-imbalance,sleep-under-lock' > out 2> err; test $? -eq 1
// RUN: FileCheck --implicit-check-not=warning: %s < out
// CHECK: src/a.c:16:2: warning: calling 'relock', which acquires 'lock', while holding it [lock-imbalance]
// CHECK-NEXT: src/a.c:14:2: note: 'lock' previously acquired here
// CHECK-NEXT: src/a.c:8:2: note: 'relock' acquires 'lock' here
// CHECK: src/b.c:9:2: warning: blocking call 'sleep' while holding driver lock 'lock' [sleep-under-lock]

//--- build/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "a.c"], "file": "a.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "b.c"], "file": "b.c"}
]
//--- src/a.c
#include <lockwarden.h>
#include <pthread.h>
void b_work(void);
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void relock(void)
{
	pthread_mutex_lock(&lock);
	pthread_mutex_unlock(&lock);
}

void a_work(void)
{
	pthread_mutex_lock(&lock);
	b_work();
	relock();
	pthread_mutex_unlock(&lock);
}
//--- src/b.c
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
static pthread_mutex_t lock LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;

void b_work(void)
{
	pthread_mutex_lock(&lock);
	sleep(1);
	pthread_mutex_unlock(&lock);
}
