// Findings are ordinary Clang warnings: -Werror turns them into errors,
// and -fdiagnostics-format changes their layout.
// RUN: not %clang -fsyntax-only %lw_flags -I %S/../Inputs -Werror %s 2>&1 | FileCheck --check-prefix=WERROR %s
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fdiagnostics-format=msvc %s 2>&1 | FileCheck --check-prefix=MSVC %s
// WERROR: werror.c:[[@LINE+7]]:2: error: blocking call 'sleep' while holding driver lock 'd->lock' [sleep-under-lock]
// MSVC: werror.c([[@LINE+6]],2): warning: blocking call 'sleep' while holding driver lock 'd->lock' [sleep-under-lock]
#include "lwtest.h"

void f(struct drv *d)
{
	virMutexLock(&d->lock);
	sleep(1);
	d->nactive++;
	virMutexUnlock(&d->lock);
}
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -w %s 2>&1 | count 0
