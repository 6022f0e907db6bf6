// The bundled example (README, docs/checks.md): every check fires once,
// with the notes shown in the docs, and nothing else.
// RUN: %clang -fsyntax-only %lw_flags -I %lw_src/examples/driver %lw_src/examples/driver/driver.c 2>&1 | FileCheck %s
// CHECK: driver.c:39:2: warning: call to 'qemuProcessStop' may block while holding driver lock 'driver->lock' [sleep-under-lock]
// CHECK: driver.c:38:2: note: 'driver->lock' acquired here
// CHECK: driver.c:31:2: note: 'qemuProcessStop' calls 'qemuProcessKill' here
// CHECK: driver.c:24:3: note: 'usleep' blocks here (sleep)
// CHECK: driver.c:46:17: warning: RCU config pointer 'driver->config' loaded outside an RCU read-side section without holding 'driver->lock' [rcu-access]
// CHECK: driver.c:51:17: warning: reading field 'driver->nactive' requires holding 'driver->lock' [unguarded-access]
// CHECK: driver.c:56:10: warning: write to immutable field 'driver->privileged' outside initialization [immutable-write]
// CHECK: driver.c:61:17: warning: plain write of atomic field 'driver->nextvmid'; use an atomic builtin [atomic-access]
// CHECK: driver.c:66:2: warning: driver lock 'driver->lock' is taken but nothing in the critical section needs it [needless-lock]
// CHECK: driver.c:68:2: note: 'driver->lock' released here
// CHECK: driver.c:76:3: warning: 'driver->lock' is still held at this return but not on every path [lock-imbalance]
// CHECK: driver.c:74:2: note: 'driver->lock' acquired here
// CHECK: 7 warnings generated.
