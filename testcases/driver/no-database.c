// FILE... -- FLAGS: no compilation database; each FILE is compiled as
// "clang FLAGS FILE" in the current directory, and the cache is ./.lockwarden-cache.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %lockwarden -v '--checks=-*,sleep-under-lock' src/tick.c src/other.c -- -Iinclude -I%lw_include -DDELAY=10 > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=OUT --match-full-lines %s < out
// RUN: FileCheck --check-prefix=ERR %s < err
// RUN: ls .lockwarden-cache | grep -c "facts$" | grep -x 2
//
// OUT:      src/tick.c:6:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// OUT-NEXT: src/tick.c:5:2: note: 'big' acquired here
// OUT-NEXT: src/tick.c:6:2: note: 'usleep' blocks here (sleep)
// OUT-NOT:  {{.}}
//
// ERR:      lockwarden: analysing src/tick.c
// ERR-NEXT: lockwarden: src/tick.c: cd [[T:.*]] && {{.*}}clang{{[^ ]*}} -fsyntax-only -fplugin={{[^ ]*}} -fplugin-arg-lockwarden-facts=[[T]]/.lockwarden-cache/{{[0-9a-f]+}}.facts -I[[T]]/include -I{{[^ ]*}} -DDELAY=10 [[T]]/src/tick.c -Wno-error -w -fno-color-diagnostics{{$}}
// ERR-NEXT: lockwarden: analysing src/other.c
//
// The flags are part of what is analysed: without -DDELAY=10 the file does not parse.
// RUN: %lockwarden src/tick.c -- -Iinclude -I%lw_include > out2 2> err2; test $? -eq 2
// RUN: FileCheck --check-prefix=NODEF %s < err2
// NODEF: lockwarden: error: src/tick.c: could not be analysed (clang exited with 1)
// NODEF-NEXT: src/tick.c:6:9: error: use of undeclared identifier 'DELAY'
//
// An empty FLAGS is fine.
// RUN: %lockwarden src/other.c -- > out3 2> err3
// RUN: count 0 < out3

//--- include/big.h
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
extern pthread_mutex_t big LW_DRIVER_LOCK;
//--- src/tick.c
#include "big.h"
pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
void tick(void)
{
	pthread_mutex_lock(&big);
	usleep(DELAY);
	pthread_mutex_unlock(&big);
}
//--- src/other.c
int other(int x) { return x * 2; }
