// A GCC build's database: flags clang does not know are dropped with a note and the
// unit is analysed (the note comes when clang runs, not from the cache).
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: %lockwarden -p build '--checks=-*,sleep-under-lock' > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=OUT %s < out
// RUN: FileCheck --check-prefix=ERR --match-full-lines %s < err
// OUT: gcc.c:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// ERR:      lockwarden: note: gcc.c: dropped flags clang does not know: -fconserve-stack -fno-var-tracking-assignments -mrecord-mcount
// ERR-NEXT: lockwarden: note: other.c: dropped flags clang does not know: -fconserve-stack
// ERR-NEXT: lockwarden: 2 files (0 from the cache), 0 failed; 1 finding
//
// -v shows the command that ran the second time.
// RUN: rm -rf build/.lockwarden-cache
// RUN: %lockwarden -p build -v > out2 2> err2; test $? -eq 1
// RUN: FileCheck --check-prefix=VERBOSE %s < err2
// VERBOSE:      lockwarden: gcc.c: cd {{.*}} -O2 -fconserve-stack -fno-var-tracking-assignments -mrecord-mcount -Wno-maybe-uninitialized {{.*}}gcc.c -Wno-error
// VERBOSE:      lockwarden: note: gcc.c: dropped flags clang does not know: -fconserve-stack -fno-var-tracking-assignments -mrecord-mcount
// VERBOSE-NEXT: lockwarden: gcc.c: cd {{.*}} -O2 -Wno-maybe-uninitialized {{.*}}gcc.c -Wno-error
// VERBOSE-NEXT: lockwarden: note: other.c: dropped flags clang does not know: -fconserve-stack
//
// The same in FILE -- FLAGS mode; one note for the files that dropped the same flags.
// RUN: %lockwarden --checks=-*,sleep-under-lock gcc.c other.c -- -I%lw_include -fconserve-stack > out3 2> err3; test $? -eq 1
// RUN: FileCheck --check-prefix=FIXED --match-full-lines %s < err3
// FIXED:      lockwarden: note: gcc.c and 1 other file: dropped flags clang does not know: -fconserve-stack
// FIXED-NEXT: lockwarden: 2 files (0 from the cache), 0 failed; 1 finding
//
// Flags that only turn warnings on (or into errors) do nothing under -w and cost
// clang time, so they are left out; -Wno-*, -Wp, and -Xclang's values stay: -Wp,-D
// makes the finding, -Wno-implicit-function-declaration keeps clang 16+ from
// failing on an undeclared call.
// RUN: rm -rf .lockwarden-cache
// RUN: %lockwarden --checks=-*,sleep-under-lock -v gcc.c -- -I%lw_include -std=c99 -Wall -Wlogical-op -Werror=format -Werror -W -Wp,-DSLEEP_MORE -Wno-implicit-function-declaration -Xclang -Wall > out5 2> err5; test $? -eq 1
// RUN: FileCheck --check-prefix=WARNFLAGS %s < err5
// RUN: FileCheck --check-prefix=MORE %s < out5
// WARNFLAGS:     lockwarden: gcc.c: cd {{.*}} -std=c99 -Wp,-DSLEEP_MORE -Wno-implicit-function-declaration -Xclang -Wall {{.*}}gcc.c -Wno-error -w
// WARNFLAGS-NOT: -Wlogical-op
// MORE: gcc.c:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// MORE: gcc.c:11:2: warning: blocking call 'sleep' while holding driver lock 'big' [sleep-under-lock]
//
// A GCC flag for which clang has a near miss to offer ("unknown argument '-fanalyzer';
// did you mean '-Xanalyzer'?") is dropped like the others (it used to fail the unit).
// RUN: %lockwarden --checks=-*,sleep-under-lock gcc.c -- -I%lw_include -fanalyzer > out6 2> err6; test $? -eq 1
// RUN: FileCheck --check-prefix=NEAR --match-full-lines %s < err6
// NEAR:      lockwarden: note: gcc.c: dropped flags clang does not know: -fanalyzer
// NEAR-NEXT: lockwarden: 1 file (0 from the cache), 0 failed; 1 finding
//
// A flag clang rejects for another reason is not dropped: the unit fails.
// RUN: %lockwarden gcc.c -- -I%lw_include -std=c77 > out4 2> err4; test $? -eq 2
// RUN: FileCheck --check-prefix=BADSTD %s < err4
// BADSTD: lockwarden: error: gcc.c: could not be analysed (clang exited with 1)
// BADSTD-NEXT: error: invalid value 'c77' in '-std=c77'

//--- build/cdb.in
[{"directory": "@DIR@",
  "command": "gcc -I@INC@ -O2 -fconserve-stack -fno-var-tracking-assignments -mrecord-mcount -Wno-maybe-uninitialized -c gcc.c -o gcc.o",
  "file": "gcc.c"},
 {"directory": "@DIR@",
  "command": "gcc -I@INC@ -O2 -fconserve-stack -c other.c -o other.o",
  "file": "other.c"}]
//--- gcc.c
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t big LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;
void tick(void)
{
	pthread_mutex_lock(&big);
	usleep(10);
#ifdef SLEEP_MORE
	undeclared_helper();
	sleep(1);
#endif
	pthread_mutex_unlock(&big);
}
//--- other.c
void other(void) {}
