// The plugin inside a make build of the example (docs/build.md): the findings
// each file shows on its own, as compiler warnings, and the build still works.
// REQUIRES: make
// RUN: rm -rf %t && cp -r %lw_src/examples/driver %t
// RUN: make -C %t CC=%clang LOCKWARDEN=%lockwarden 2> %t/err
// RUN: test -f %t/libdriver.a
// RUN: grep -E 'warning:' %t/err | FileCheck --match-full-lines %s
// Without the other files' bodies, qemu_process.c cannot know its caller holds
// the lock, and no call chain leaves a file: whole-program mode adds both.
// CHECK:      qemu_process.c:20:10: warning: writing field 'driver->nactive' requires holding 'driver->lock' exclusively [unguarded-access]
// CHECK-NEXT: qemu_driver.c:14:17: warning: RCU config pointer 'driver->config' loaded outside an RCU read-side section without holding 'driver->lock' [rcu-access]
// CHECK-NEXT: qemu_driver.c:19:17: warning: reading field 'driver->nactive' requires holding 'driver->lock' [unguarded-access]
// CHECK-NEXT: qemu_driver.c:24:10: warning: write to immutable field 'driver->privileged' outside initialization [immutable-write]
// CHECK-NEXT: qemu_driver.c:29:17: warning: plain write of atomic field 'driver->nextvmid'; use an atomic builtin [atomic-access]
// CHECK-NEXT: qemu_driver.c:34:2: warning: driver lock 'driver->lock' is taken but nothing in the critical section needs it [needless-lock]
// CHECK-NEXT: qemu_driver.c:44:3: warning: 'driver->lock' is still held at this return but not on every path [lock-imbalance]
// CHECK-NOT:  {{.}}
