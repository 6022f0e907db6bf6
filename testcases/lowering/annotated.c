// Annotated functions: the adapter passes annotations on as strings and
// lowers the calls to annotated functions like any other call (what a call
// does is the core's business).  A body marked LW_NO_ANALYSIS is still
// lowered (the core skips it).  A header's static function is lowered when
// the unit calls it, refers to it or annotates it, and not otherwise.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2> %t.ir
// RUN: FileCheck --match-full-lines --check-prefix=USER %s < %t.ir
// RUN: FileCheck --match-full-lines --check-prefix=NOAN %s < %t.ir
// RUN: FileCheck --match-full-lines --check-prefix=HDR %s < %t.ir
// RUN: FileCheck --check-prefix=UNUSED %s < %t.ir
#include "Inputs/statics.h"

void drvLock(struct drv *d) LW_ACQUIRES(d->lock);
void drvUnlock(struct drv *d) LW_RELEASES(d->lock);
int monitorSend(struct drv *d, int cmd) LW_BLOCKING;
void (*table[])(struct drv *) = {table_helper};

// USER: func user entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
void user(struct drv *d)
{
	drvLock(d);
	// USER: [[@LINE-1]]:2 call #{{[0-9]+}} drvLock(d) unused
	int rc = monitorSend(d, 3);
	// USER-NEXT: [[@LINE-1]]:11 call #{{[0-9]+}} monitorSend(d, 3) -> rc
	// USER-NEXT: [[@LINE-2]]:6 assign rc = monitorSend()
	called_helper(d);
	// USER-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} called_helper(d) unused
	drvUnlock(d);
	// USER-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} drvUnlock(d) unused
	void (*fp)(struct drv *) = pointer_helper;
	// USER-NEXT: [[@LINE-1]]:9 assign fp = &pointer_helper()
	fp(d);
	// USER-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} <indirect>(d) via fp unused
	// USER-NEXT: -> [[EXIT]]
}

// NOAN: func no_analysis entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void no_analysis(struct drv *d) LW_NO_ANALYSIS
{
	drvLock(d);
	// NOAN: [[@LINE-1]]:2 call #{{[0-9]+}} drvLock(d) unused
}

// HDR-DAG: func called_helper entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// HDR-DAG: func annotated_helper entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// HDR-DAG: func table_helper entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// HDR-DAG: func pointer_helper entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// UNUSED-NOT: func unused_helper
