// A chain longer than 16 steps is cut: the notes keep the first steps and the
// blocking call, and say where calls were left out.
// RUN: %clang -fsyntax-only -fno-caret-diagnostics %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock %s 2>&1 | FileCheck %s
#include "lwtest.h"

static void f20(void) { usleep(1); }
static void f19(void) { f20(); }
static void f18(void) { f19(); }
static void f17(void) { f18(); }
static void f16(void) { f17(); }
static void f15(void) { f16(); }
static void f14(void) { f15(); }
static void f13(void) { f14(); }
static void f12(void) { f13(); }
static void f11(void) { f12(); }
static void f10(void) { f11(); }
static void f9(void) { f10(); }
static void f8(void) { f9(); }
static void f7(void) { f8(); }
static void f6(void) { f7(); }
static void f5(void) { f6(); }
static void f4(void) { f5(); }
static void f3(void) { f4(); }
static void f2(void) { f3(); }
static void f1(void) { f2(); }
void top(struct drv *d)
{
	virMutexLock(&d->lock);
	f1();
	virMutexUnlock(&d->lock);
}
// CHECK: warning: call to 'f1' may block while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK: note: 'f15' calls 'f16' here
// CHECK-NEXT: note: the chain goes on from 'f16' through calls left out here (it is cut at 16 steps)
// CHECK-NEXT: note: 'usleep' blocks here (sleep)
