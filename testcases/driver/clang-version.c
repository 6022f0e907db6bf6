// --clang of another LLVM version than the plugin's: the plugin cannot load into it, and
// every unit used to fail with "clang exited with 139" and no hint. The clang is asked
// its version before its first run, and another major version is a configuration
// error that says which to give. (The stand-in clang answers -dumpversion like clang,
// and crashes as a clang of another version does when it loads the plugin.)
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: echo 'int f(void) { return 0; }' > a.c
// RUN: printf '#!/bin/sh\ncase "$1" in -dumpversion) echo 13.0.1; exit 0;; esac\nkill -SEGV $$\n' > clang-13
// RUN: chmod +x clang-13
// RUN: %lockwarden --clang=%t/clang-13 --cache-dir=c a.c -- > out 2> err; test $? -eq 2
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=OTHER -DMAJOR=%clang_major --match-full-lines %s < err
// OTHER: lockwarden: error: {{.*}}/clang-13 is clang 13, but the plugin {{.*}} is built for clang [[MAJOR]]: give --clang a clang [[MAJOR]], or use a lockwarden built for clang 13
//
// The right version runs; a clang that does not answer is left to its runs.
// RUN: %lockwarden --clang=%clang --cache-dir=c a.c -- > out 2> err; test $? -eq 0
// RUN: printf '#!/bin/sh\ncase "$1" in -dumpversion) exit 1;; esac\nexit 3\n' > mute-clang
// RUN: chmod +x mute-clang
// RUN: %lockwarden --clang=%t/mute-clang --cache-dir=c a.c -- > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=MUTE %s < err
// MUTE: lockwarden: error: a.c: could not be analysed (clang exited with 3)
