// A sidecar global that names file-static globals: every file has its own
// 'lock'.  Unscoped, the entry annotates each file's static and the command
// says so, naming the files; with 'file:' only the static declared in a
// matching file is annotated (a glob, matched against the path or any tail of
// it after a '/').
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g' build/cdb.in > build/compile_commands.json
//
// RUN: %lockwarden -p build --annotations=all.yaml '--checks=-*,sleep-under-lock' > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=ALL --implicit-check-not=warning: %s < out
// RUN: FileCheck --check-prefix=SPREAD %s < err
// ALL: src/a.c:9:2: warning: blocking call 'sleep' while holding driver lock 'lock' [sleep-under-lock]
// ALL: src/b.c:9:2: warning: blocking call 'sleep' while holding driver lock 'lock' [sleep-under-lock]
// SPREAD: lockwarden: warning: all.yaml:2: 'global lock' matches file-static globals of 2 files ('src/a.c', 'src/b.c'); give it a 'file:' to say which
//
// RUN: %lockwarden -p build --annotations=scoped.yaml '--checks=-*,sleep-under-lock' > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=SCOPED --implicit-check-not=warning: %s < out
// RUN: not grep warning err
// SCOPED: src/b.c:9:2: warning: blocking call 'sleep' while holding driver lock 'lock' [sleep-under-lock]
//
// A glob that matches no file matches nothing, and is named as such.
// RUN: %lockwarden -p build --annotations=nowhere.yaml '--checks=-*,sleep-under-lock' > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=NOWHERE %s < err
// NOWHERE: lockwarden: warning: nowhere.yaml:2: 'global lock in lib/*.c' matches nothing in the program
//
// A mapping without both keys is an error at its place.
// RUN: not %lockwarden -p build --annotations=half.yaml > out 2> err
// RUN: FileCheck --check-prefix=HALF %s < err
// HALF: half.yaml:3:5: global 'lock' given as a mapping needs both 'file' and 'annotations'

//--- build/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-c", "a.c"], "file": "a.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-c", "b.c"], "file": "b.c"}
]
//--- src/a.c
#include <pthread.h>
#include <unistd.h>
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int a_count;

void a_work(void)
{
	pthread_mutex_lock(&lock);
	sleep(1);
	a_count++;
	pthread_mutex_unlock(&lock);
}
//--- src/b.c
#include <pthread.h>
#include <unistd.h>
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int b_count;

void b_work(void)
{
	pthread_mutex_lock(&lock);
	sleep(1);
	b_count++;
	pthread_mutex_unlock(&lock);
}
//--- all.yaml
globals:
  lock: driver_lock
//--- scoped.yaml
globals:
  lock:
    file: "*/b.c"
    annotations: [driver_lock]
//--- nowhere.yaml
globals:
  lock:
    file: "lib/*.c"
    annotations: driver_lock
//--- half.yaml
globals:
  lock:
    file: b.c
