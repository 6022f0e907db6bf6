// The bundled example (README, docs/checks.md), in whole-program mode: every
// check fires once, the chain crosses three files, and nothing else is said.
// RUN: rm -rf %t && mkdir -p %t
// RUN: printf '[{"directory":"%%s","arguments":["cc","-I%%s","-c","qemu_conf.c"],"file":"qemu_conf.c"},{"directory":"%%s","arguments":["cc","-I%%s","-c","qemu_process.c"],"file":"qemu_process.c"},{"directory":"%%s","arguments":["cc","-I%%s","-c","qemu_driver.c"],"file":"qemu_driver.c"}]' %lw_src/examples/driver %lw_include %lw_src/examples/driver %lw_include %lw_src/examples/driver %lw_include > %t/compile_commands.json
// RUN: cd %lw_src && %lockwarden -p %t --cache-dir=%t/cache > %t/out 2> %t/err; test $? -eq 1
// RUN: FileCheck --match-full-lines %s < %t/out
// CHECK:      examples/driver/qemu_driver.c:7:2: warning: call to 'qemuProcessStop' may block while holding driver lock 'driver->lock' [sleep-under-lock]
// CHECK-NEXT: examples/driver/qemu_driver.c:6:2: note: 'driver->lock' acquired here
// CHECK-NEXT: examples/driver/qemu_process.c:19:2: note: 'qemuProcessStop' calls 'qemuProcessKill' here
// CHECK-NEXT: examples/driver/qemu_process.c:12:3: note: 'usleep' blocks here (sleep)
// CHECK-NEXT: examples/driver/qemu_driver.c:14:17: warning: RCU config pointer 'driver->config' loaded outside an RCU read-side section without holding 'driver->lock' [rcu-access]
// CHECK-NEXT: examples/driver/qemu_driver.c:19:17: warning: reading field 'driver->nactive' requires holding 'driver->lock' [unguarded-access]
// CHECK-NEXT: examples/driver/qemu_driver.c:24:10: warning: write to immutable field 'driver->privileged' outside initialization [immutable-write]
// CHECK-NEXT: examples/driver/qemu_driver.c:29:17: warning: plain write of atomic field 'driver->nextvmid'; use an atomic builtin [atomic-access]
// CHECK-NEXT: examples/driver/qemu_driver.c:34:2: warning: driver lock 'driver->lock' is taken but nothing in the critical section needs it [needless-lock]
// CHECK-NEXT: examples/driver/qemu_driver.c:36:2: note: 'driver->lock' released here
// CHECK-NEXT: examples/driver/qemu_driver.c:44:3: warning: 'driver->lock' is still held at this return but not on every path [lock-imbalance]
// CHECK-NEXT: examples/driver/qemu_driver.c:42:2: note: 'driver->lock' acquired here
// CHECK-NOT:  {{.}}
// RUN: FileCheck --check-prefix=ERR %s < %t/err
// ERR: lockwarden: 3 files (0 from the cache), 0 failed; 7 findings
