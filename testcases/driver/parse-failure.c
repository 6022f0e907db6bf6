// A unit clang cannot parse is named with clang's first error lines; the others are
// still analysed and reported, and the exit status is 2.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=OUT --match-full-lines %s < out
// RUN: FileCheck --check-prefix=ERR --match-full-lines %s < err
//
// OUT:      good.c:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// OUT-NEXT: good.c:7:2: note: 'big' acquired here
// OUT-NEXT: good.c:8:2: note: 'usleep' blocks here (sleep)
// OUT-NOT:  {{.}}
//
// ERR:      lockwarden: error: broken.c: could not be analysed (clang exited with 1)
// ERR-NEXT: broken.c:3:26: error: use of undeclared identifier 'undeclared'
// ERR-NEXT: broken.c:4:{{[0-9]+}}: error: expected ';' after top level declarator
// ERR-NEXT: lockwarden: 2 files (0 from the cache), 1 failed; 1 finding
//
// A failed unit leaves nothing in the cache: the next run tries it again.
// RUN: %lockwarden -p build -v '--checks=-*,sleep-under-lock' > out2 2> err2; test $? -eq 2
// RUN: FileCheck --check-prefix=AGAIN %s < err2
// RUN: diff out out2
// AGAIN-DAG: lockwarden: cached good.c
// AGAIN-DAG: lockwarden: analysing broken.c
//
// Once fixed, it is analysed and the status is that of its findings.
// RUN: sed -i 's/undeclared/0/; s/^int trailing$/int trailing;/' broken.c
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' > out3 2> err3; test $? -eq 1
// RUN: diff out out3

//--- build/cdb.in
[
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "good.c"], "file": "good.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "broken.c"], "file": "broken.c"}
]
//--- good.c
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
//--- broken.c
void f(void);

int value(void) { return undeclared; }
int trailing
