// Needs at any depth across files: the field is touched in c.c, two calls below
// the function in a.c that holds the driver lock; b.c passes the need up. Quiet.
// A second caller in a.c that forgets the lock is reported at its call.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
// RUN: %lockwarden -p build '--checks=-*,unguarded-access,needless-lock' > out 2> err; test $? -eq 1
// RUN: FileCheck %s < out
// CHECK: src/a.c:11:2: warning: calling 'middle' requires holding 'd->lock' [unguarded-access]
// CHECK-NEXT: src/c.c:4:5: note: 'leaf' accesses field 'd->n' here
// CHECK-NEXT: src/a.c:6:2: note: 'middle' is called with 'd->lock' held here
// CHECK-NOT: warning

//--- build/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "a.c"], "file": "a.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "b.c"], "file": "b.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "c.c"], "file": "c.c"}
]
//--- src/drv.h
#include <lockwarden.h>
#include <pthread.h>
struct drv { pthread_mutex_t lock LW_DRIVER_LOCK; int n LW_GUARDED_BY(lock); };
void middle(struct drv *d);
void leaf(struct drv *d);
//--- src/a.c
#include "drv.h"

void api(struct drv *d)
{
	pthread_mutex_lock(&d->lock);
	middle(d);
	pthread_mutex_unlock(&d->lock);
}
void api_forgets(struct drv *d)
{
	middle(d);
}
//--- src/b.c
#include "drv.h"
void middle(struct drv *d)
{
	leaf(d);
}
//--- src/c.c
#include "drv.h"
void leaf(struct drv *d)
{
	d->n++;
}
