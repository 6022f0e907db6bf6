// --stats: a line that says where the analysis lost precision (capacity limits
// reached, with the number of functions; constructs not lowered), before the
// timing line, for the whole linked program.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build/cdb.in > build/compile_commands.json
//
// RUN: %lockwarden -p build --stats > out 2> err
// RUN: FileCheck --check-prefix=LOST %s < err
// LOST: lockwarden: precision: 2 functions analysed; limits reached: locks held at once (8) in 1; constructs not lowered: 0; calls through pointers: 0, 0 resolved (largest set 0, 0.0 functions a call on average)
// LOST-NEXT: lockwarden: stats: plan
//
// Nothing lost in a program of one plain function.
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' build2/cdb.in > build2/compile_commands.json
// RUN: %lockwarden -p build2 --stats > out 2> err
// RUN: FileCheck --check-prefix=NONE %s < err
// NONE: lockwarden: precision: 1 functions analysed; limits reached: none; constructs not lowered: 0; calls through pointers: 0, 0 resolved (largest set 0, 0.0 functions a call on average)
//
// Without --stats, no such line.
// RUN: %lockwarden -p build > out 2> err
// RUN: not grep precision err

//--- build/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "a.c"], "file": "a.c"},
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "b.c"], "file": "b.c"}
]
//--- build2/cdb.in
[
  {"directory": "@DIR@/src", "arguments": ["cc", "-I@INC@", "-c", "b.c"], "file": "b.c"}
]
//--- src/a.c
#include <lockwarden.h>
#include <pthread.h>
void all(pthread_mutex_t *a, pthread_mutex_t *b, pthread_mutex_t *c, pthread_mutex_t *d,
	 pthread_mutex_t *e, pthread_mutex_t *f, pthread_mutex_t *g, pthread_mutex_t *h,
	 pthread_mutex_t *i)
{
	pthread_mutex_lock(a);
	pthread_mutex_lock(b);
	pthread_mutex_lock(c);
	pthread_mutex_lock(d);
	pthread_mutex_lock(e);
	pthread_mutex_lock(f);
	pthread_mutex_lock(g);
	pthread_mutex_lock(h);
	pthread_mutex_lock(i);
}
//--- src/b.c
int plain(int x) { return x + 1; }
