// -p BUILD_DIR: every unit of compile_commands.json is analysed, with the command
// cleaned for a -fsyntax-only run, and the findings reported with paths relative to
// the current directory. Exit status 1: findings.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' -j 2 -v > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=OUT --match-full-lines %s < out
// RUN: FileCheck --check-prefix=ERR %s < err
//
// OUT:      src/lock.c:9:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// OUT-NEXT: src/lock.c:8:2: note: 'big' acquired here
// OUT-NEXT: src/lock.c:9:2: note: 'usleep' blocks here (sleep)
// OUT-NOT:  {{.}}
//
// The command: the compiler name, -c, -o, -MD/-MF and -Wp,-MD go; the main file and
// relative include directories become absolute; -Werror cannot stop the analysis.
// ERR:      lockwarden: analysing src/lock.c
// ERR-NEXT: lockwarden: src/lock.c: cd [[T:.*]]/src && {{[^ ]*}}clang{{[^ ]*}} -fsyntax-only -fplugin={{[^ ]*}}lockwarden.so -fplugin-arg-lockwarden-facts=[[T]]/build/.lockwarden-cache/{{[0-9a-f]+}}.facts -I[[T]]/include -I{{[^ ]*}}annotations -O2 -DNDEBUG [[T]]/src/lock.c -Wno-error -w -fno-color-diagnostics{{$}}
// ERR-NEXT: lockwarden: analysing src/clean.c
// ERR-NEXT: lockwarden: src/clean.c: cd [[T]] && {{[^ ]*}} -fsyntax-only -fplugin={{[^ ]*}} -fplugin-arg-lockwarden-facts={{[^ ]*}} -I[[T]]/include -I{{[^ ]*}}annotations -std=gnu11 -x c [[T]]/src/clean.c -Wno-error -w -fno-color-diagnostics{{$}}
// ERR:      lockwarden: 2 files (0 from the cache), 0 failed; 1 finding
//
// Quiet without -v: only the summary on stderr.
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' > out2 2> err2; test $? -eq 1
// RUN: diff out out2
// RUN: FileCheck --check-prefix=QUIET --match-full-lines %s < err2
// QUIET: lockwarden: 2 files (2 from the cache), 0 failed; 1 finding
//
// -o writes the report to a file; stdout stays empty.
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' -o report.txt > out3 2> /dev/null; test $? -eq 1
// RUN: count 0 < out3 && diff out report.txt

//--- build/cdb.in
[
  {"directory": "@DIR@/src",
   "command": "gcc -I../include -I@INC@ -O2 -Werror -DNDEBUG -MD -MF lock.d -Wp,-MD,.lock.o.d -c lock.c -o lock.o",
   "file": "lock.c"},
  {"directory": "@DIR@",
   "arguments": ["/usr/bin/cc", "-Iinclude", "-I@INC@", "-std=gnu11", "-o", "src/clean.o", "-c", "-x", "c", "src/clean.c"],
   "file": "@DIR@/src/clean.c"}
]
//--- include/big.h
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
extern pthread_mutex_t big LW_DRIVER_LOCK;
//--- src/lock.c
#include "big.h"

pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
int counter;

void tick(void)
{
	pthread_mutex_lock(&big);
	usleep(10);
	counter++;
	pthread_mutex_unlock(&big);
}
//--- src/clean.c
#include "big.h"

int nothing_here(int x)
{
	return x + 1;
}
