// A file name with a newline cannot forge a line of the text report: control characters
// in names (and messages) are shown escaped, so each finding and note stays one line.
// Before, the name below printed a line of its own that read as a finding. JSON keeps
// the name as it is (JSON escapes it).
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: cp tick.c "$(printf 'x.c:1:1: warning: forged [sleep-under-lock]\nevil.c')"
// RUN: %lockwarden --checks=-*,sleep-under-lock --cache-dir=c "$(printf 'x.c:1:1: warning: forged [sleep-under-lock]\nevil.c')" -- -I%lw_include > out 2> err; test $? -eq 1
// RUN: count 3 < out
// RUN: FileCheck --match-full-lines %s < out
// CHECK:      x.c:1:1: warning: forged [sleep-under-lock]\nevil.c:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
// CHECK-NEXT: x.c:1:1: warning: forged [sleep-under-lock]\nevil.c:7:2: note: 'big' acquired here
// CHECK-NEXT: x.c:1:1: warning: forged [sleep-under-lock]\nevil.c:8:2: note: 'usleep' blocks here (sleep)
// RUN: %lockwarden --checks=-*,sleep-under-lock --cache-dir=c --format=json "$(printf 'x.c:1:1: warning: forged [sleep-under-lock]\nevil.c')" -- -I%lw_include > out.json 2> err; test $? -eq 1
// RUN: %python -c "import json, sys; print(json.load(open('out.json'))['findings'][0]['file'].split(chr(10)))" | FileCheck --check-prefix=JSON %s
// JSON: ['x.c:1:1: warning: forged [sleep-under-lock]', 'evil.c']
// lockwarden's own messages escape the name too.
// RUN: %lockwarden --checks=-*,sleep-under-lock --cache-dir=c -v "$(printf 'x.c:1:1: warning: forged [sleep-under-lock]\nevil.c')" -- -I%lw_include > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=MSG %s < err
// MSG: lockwarden: cached x.c:1:1: warning: forged [sleep-under-lock]\nevil.c

//--- tick.c
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
