// One compile command that names several source files (`cc -c a.c b.c`, as a
// compile database lists it once per file): each unit is parsed alone, with
// its own file as the only input; the other sources of the command go.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' -v > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=OUT --match-full-lines %s < out
// RUN: FileCheck --check-prefix=ERR %s < err
//
// OUT:      src/b.c:6:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// OUT-NEXT: src/b.c:5:2: note: 'big' acquired here
// OUT-NEXT: src/b.c:6:2: note: 'usleep' blocks here (sleep)
// OUT-NOT:  {{.}}
//
// ERR:      lockwarden: analysing src/a.c
// ERR-NEXT: lockwarden: src/a.c: cd [[T:.*]]/src && {{.*}} -I{{[^ ]*}}annotations [[T]]/src/a.c -Wno-error -w -fno-color-diagnostics{{$}}
// ERR-NEXT: lockwarden: analysing src/b.c
// ERR-NEXT: lockwarden: src/b.c: cd [[T]]/src && {{.*}} -I{{[^ ]*}}annotations [[T]]/src/b.c -Wno-error -w -fno-color-diagnostics{{$}}
// ERR:      lockwarden: 2 files (0 from the cache), 0 failed; 1 finding

//--- build/cdb.in
[
  {"directory": "@DIR@/src",
   "arguments": ["cc", "-I@INC@", "-c", "a.c", "b.c"],
   "file": "a.c"},
  {"directory": "@DIR@/src",
   "arguments": ["cc", "-I@INC@", "-c", "a.c", "b.c"],
   "file": "b.c"}
]
//--- src/big.h
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
extern pthread_mutex_t big LW_DRIVER_LOCK;
//--- src/a.c
#include "big.h"

pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
int a_counter;
//--- src/b.c
#include "big.h"

void tick(void)
{
	pthread_mutex_lock(&big);
	usleep(10);
	pthread_mutex_unlock(&big);
}
