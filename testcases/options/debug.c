// The debug option: a remark for each function where the tracker lost
// precision (a capacity limit reached, docs/design.md "Limits"), none where it
// did not, and none without the option.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-debug -Xclang -verify %s
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -Xclang -verify=quiet %s
// quiet-no-diagnostics
#include "lwtest.h"

/* Nine locks held at once: one more than a state keeps. */
void too_many(virMutex *a, virMutex *b, virMutex *c, virMutex *d, virMutex *e, // expected-remark {{precision lost in 'too_many': too many locks held at once (limit 8)}}
	      virMutex *f, virMutex *g, virMutex *h, virMutex *i)
{
	virMutexLock(a);
	virMutexLock(b);
	virMutexLock(c);
	virMutexLock(d);
	virMutexLock(e);
	virMutexLock(f);
	virMutexLock(g);
	virMutexLock(h);
	virMutexLock(i);
}

/* Nothing lost here: no remark. */
void few(virMutex *m)
{
	virMutexLock(&m[0]);
	virMutexUnlock(&m[0]);
}
