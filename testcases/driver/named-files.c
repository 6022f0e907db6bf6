// -p BUILD_DIR FILE...: every unit of the database is still analysed and linked; only
// the findings located in the named files are shown (and count for the exit status).
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
//
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' > all 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=ALL %s < all
// ALL: src/a.c:8:2: warning: blocking call 'usleep'
// ALL: src/b.c:8:2: warning: blocking call 'sleep'
//
// RUN: %lockwarden -p build -v '--checks=-*,sleep-under-lock' src/a.c > a 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=A --implicit-check-not=src/b.c: %s < a
// RUN: FileCheck --check-prefix=A-ERR %s < err
// A: src/a.c:8:2: warning: blocking call 'usleep'
// A-ERR-DAG: lockwarden: cached src/a.c
// A-ERR-DAG: lockwarden: cached src/b.c
// A-ERR-DAG: lockwarden: cached src/clean.c
//
// The names may be spelt any way that reaches the file.
// RUN: cd src && %lockwarden -p ../build '--checks=-*,sleep-under-lock' ./../src/b.c > ../b 2> ../err; test $? -eq 1; cd ..
// RUN: FileCheck --check-prefix=B --implicit-check-not=a.c: %s < b
// B: b.c:8:2: warning: blocking call 'sleep'
//
// Naming only files without findings: exit status 0.
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' src/clean.c > clean 2> err
// RUN: count 0 < clean
//
// A named file that is not in the database: nothing of it is analysed, so it says so.
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' src/extra.c > extra 2> err
// RUN: count 0 < extra
// RUN: FileCheck --check-prefix=EXTRA %s < err
// EXTRA: lockwarden: note: src/extra.c: not in build/compile_commands.json; only findings located in it are shown
//
// A named file that does not exist is an error.
// RUN: %lockwarden -p build src/nothere.c > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOTHERE %s < err
// NOTHERE: lockwarden: error: src/nothere.c: No such file or directory

//--- build/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "a.c"], "file": "a.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "b.c"], "file": "b.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "clean.c"], "file": "clean.c"}
]
//--- src/a.c
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
//--- src/b.c
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
static pthread_mutex_t small LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;
void tock(void)
{
	pthread_mutex_lock(&small);
	sleep(1);
	pthread_mutex_unlock(&small);
}
//--- src/clean.c
int clean(int x) { return x + 1; }
//--- src/extra.c
int extra(void) { return 0; }
