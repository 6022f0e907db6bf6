// The example of docs/annotations.md.
// RUN: not %clang -fsyntax-only %lw_flags %lw_src/examples/annotations/macros.c 2>&1 | FileCheck %s
// CHECK: macros.c:31:42: warning: write to immutable field 'd->privileged' outside initialization [immutable-write]
// CHECK: macros.c:33:40: warning: reading field 'd->nactive' requires holding 'd->lock' [unguarded-access]
// CHECK: macros.c:40:16: warning: RCU config pointer 'd->config' loaded outside an RCU read-side section without holding 'd->lock' [rcu-access]
// CHECK: macros.c:43:44: warning: plain read of atomic field 'd->nextid'; use an atomic builtin [atomic-access]
// CHECK: macros.c:49:10: warning: blocking call 'monitorCall' while holding driver lock 'd->lock' [sleep-under-lock]
// CHECK: macros.c:47:2: note: 'd->lock' acquired here
// CHECK: macros.c:49:10: note: 'monitorCall' blocks here (annotated LW_BLOCKING)
// CHECK: macros.c:54:32: warning: calling 'drvAssertLocked' requires holding 'd->lock' [unguarded-access]
// CHECK: macros.c:56:24: error: 'drv' names no parameter of 'bad' and no global variable [bad-annotation]
// CHECK: 6 warnings and 1 error generated.
