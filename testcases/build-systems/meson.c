// The plugin inside a Meson build of the example (docs/build.md), then the
// whole-program command over Meson's compile_commands.json.
// REQUIRES: meson
// RUN: rm -rf %t && cp -r %lw_src/examples/driver %t && cd %t
// RUN: env CC=%clang meson setup build-meson "-Dc_args=$(%lockwarden --cflags) -Wno-unused-command-line-argument" > setup.log 2>&1
// RUN: ninja -C build-meson > ninja.log 2>&1
// RUN: grep -c 'warning: .*\[unguarded-access\]' ninja.log | FileCheck --check-prefix=PERFILE %s
// PERFILE: 2
// RUN: %lockwarden -p build-meson --cache-dir=%t/cache > out 2> err; test $? -eq 1
// RUN: FileCheck %s < out
// Meson's command lines carry -fplugin: the driver drops it and runs its own.
// CHECK: qemu_driver.c:7:2: warning: call to 'qemuProcessStop' may block while holding driver lock 'driver->lock' [sleep-under-lock]
// CHECK: qemu_process.c:19:2: note: 'qemuProcessStop' calls 'qemuProcessKill' here
// RUN: FileCheck --check-prefix=ERR %s < err
// ERR: lockwarden: 3 files (0 from the cache), 0 failed; 7 findings
