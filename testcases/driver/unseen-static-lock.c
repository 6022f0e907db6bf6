// A shared header (or a sidecar) names a lock that is a file-static global of
// one file: the other units cannot see it.  Each such unit says so, and the
// whole-program link drops that where another unit resolved the same
// annotation; the annotation holds for every unit (a.c's unlocked write is
// reported).  A name no unit resolves stays a bad-annotation error.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
//
// RUN: %lockwarden -p build > out 2> err; test $? -eq 1
// RUN: FileCheck --implicit-check-not=warning: --implicit-check-not=error: %s < out
// CHECK: src/a.c:5:4: warning: writing field 'd.n' requires holding 'drv_lock' exclusively [unguarded-access]
// CHECK: src/a.c:6:2: warning: calling 'drv_touch' requires holding 'drv_lock' [unguarded-access]
// CHECK: src/b.c:15:22: warning: writing field 'd.n' requires holding 'drv_lock' exclusively [unguarded-access]
//
// The same from a sidecar.
// RUN: sed -i 's/LW_GUARDED_BY(drv_lock)//; s/LW_REQUIRES(drv_lock)//' src/drv.h
// RUN: %lockwarden -p build --annotations=side.yaml > out 2> err; test $? -eq 1
// RUN: FileCheck --implicit-check-not=warning: --implicit-check-not=error: %s < out
//
// A misspelt lock is still an error.
// RUN: sed -i 's/guarded_by(drv_lock)/guarded_by(drv_lok)/' side.yaml
// RUN: %lockwarden -p build --annotations=side.yaml > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=TYPO %s < out
// TYPO: side.yaml:3:8: error: 'drv_lok' names no field of 'drv' and no global variable [bad-annotation]
//
// The plugin sees one unit and cannot tell a lock of another file from a typo.
// RUN: sed -i 's/drv_lok/drv_lock/' side.yaml
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=side.yaml src/a.c 2>&1 | FileCheck --check-prefix=PLUGIN %s
// PLUGIN: side.yaml:3:8: error: 'drv_lock' names no field of 'drv' and no global variable [bad-annotation]

//--- build/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "a.c"], "file": "a.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "b.c"], "file": "b.c"}
]
//--- src/drv.h
#include <lockwarden.h>
struct drv { int n LW_GUARDED_BY(drv_lock); };
extern struct drv d;
void drv_touch(void) LW_REQUIRES(drv_lock);
//--- src/a.c
#include "drv.h"

void a_work(void)
{
	d.n++;
	drv_touch();
}
//--- src/b.c
#include <pthread.h>
#include "drv.h"
static pthread_mutex_t drv_lock = PTHREAD_MUTEX_INITIALIZER;
struct drv d;

void drv_touch(void) { d.n = 0; }

void b_work(void)
{
	pthread_mutex_lock(&drv_lock);
	d.n++;
	drv_touch();
	pthread_mutex_unlock(&drv_lock);
}
void b_bad(void) { d.n++; }
//--- side.yaml
fields:
  drv:
    n: guarded_by(drv_lock)
functions:
  drv_touch: requires(drv_lock)
