// A damaged cache entry is never linked: a facts file cut short, or with bytes changed
// in its body, fails the cache's check (its checksum), so its unit is analysed again and
// the result is the one an intact entry gives. Before the checksum, a cut entry failed
// every later run ("could not be analysed", status 2) and a changed byte could silently
// change the findings. The other unit's entry is untouched and still used.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
//
// RUN: %lockwarden -p build -v > out1 2> err1; test $? -eq 1
// RUN: FileCheck --check-prefix=FILL %s < err1
// RUN: FileCheck --check-prefix=OUT %s < out1
// FILL-DAG: lockwarden: analysing locker.c
// FILL-DAG: lockwarden: analysing other.c
// FILL:     lockwarden: 2 files (0 from the cache), 0 failed; 2 findings
// OUT: locker.c:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
//
// The entry of locker.c: the facts file whose file table names it.
// RUN: grep -la 'locker\.c' build/.lockwarden-cache/*.facts > entry
// RUN: count 1 < entry
//
// Cut short.
// RUN: truncate -s -40 $(cat entry)
// RUN: %lockwarden -p build -v > out2 2> err2; test $? -eq 1
// RUN: FileCheck --check-prefix=AGAIN --implicit-check-not=error %s < err2
// RUN: diff out1 out2
// AGAIN-DAG: lockwarden: analysing locker.c
// AGAIN-DAG: lockwarden: cached other.c
// AGAIN:     lockwarden: 2 files (1 from the cache), 0 failed; 2 findings
//
// The new entry is whole: the next run takes everything from the cache.
// RUN: %lockwarden -p build -v > out3 2> err3; test $? -eq 1
// RUN: FileCheck --check-prefix=CACHED --implicit-check-not=analysing %s < err3
// RUN: diff out1 out3
// CACHED: lockwarden: 2 files (2 from the cache), 0 failed; 2 findings
//
// One byte changed: in the middle of the body; then a line number, which leaves a file
// that still reads as valid MessagePack (only the checksum can tell; the finding at line
// 8 would move to line 9).
// RUN: %python %S/Inputs/damage-facts.py $(cat entry) middle
// RUN: %lockwarden -p build -v > out4 2> err4; test $? -eq 1
// RUN: FileCheck --check-prefix=AGAIN --implicit-check-not=error %s < err4
// RUN: diff out1 out4
// RUN: %python %S/Inputs/damage-facts.py $(cat entry) line
// RUN: %lockwarden -p build -v > out5 2> err5; test $? -eq 1
// RUN: FileCheck --check-prefix=AGAIN --implicit-check-not=error %s < err5
// RUN: diff out1 out5
//
// Cut to nothing: the same.
// RUN: truncate -s 0 $(cat entry)
// RUN: %lockwarden -p build -v > out6 2> err6; test $? -eq 1
// RUN: FileCheck --check-prefix=AGAIN --implicit-check-not=error %s < err6
// RUN: diff out1 out6
//
// Damage behind a right checksum (made right again after the damage): the entry passes
// the cache's check and fails only when the link reads it. Any failure to read a cached
// entry there has its unit analysed again, with a note, and the program read anew; the
// result is the intact one. (Before, the unit failed: "could not be analysed", status 2.)
// RUN: %python %S/Inputs/damage-facts.py $(cat entry) file-id
// RUN: %lockwarden -p build -v > out7 2> err7; test $? -eq 1
// RUN: FileCheck --check-prefix=LINK --implicit-check-not=error: %s < err7
// RUN: diff out1 out7
// LINK:      lockwarden: cached locker.c
// LINK:      lockwarden: note: locker.c: its cached facts could not be read ({{.*}}: malformed facts file: file id 127 out of range); analysing it again
// LINK-NEXT: lockwarden: analysing locker.c
// LINK:      lockwarden: 2 files (1 from the cache), 0 failed; 2 findings
// RUN: %lockwarden -p build -v > out8 2> err8; test $? -eq 1
// RUN: FileCheck --check-prefix=CACHED --implicit-check-not=analysing %s < err8

//--- build/cdb.in
[
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "locker.c"], "file": "locker.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "other.c"], "file": "other.c"}
]
//--- locker.c
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
//--- other.c
int other(void) { return 1; }
