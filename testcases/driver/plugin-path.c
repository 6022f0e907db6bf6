// --print-plugin-path and --cflags: the plugin this lockwarden runs, and the flags
// that run it inside an ordinary clang build.
// RUN: %lockwarden --print-plugin-path | FileCheck -DPLUGIN=%lw_plugin --check-prefix=PATH --match-full-lines %s
// PATH: [[PLUGIN]]
// RUN: %lockwarden --cflags | FileCheck -DPLUGIN=%lw_plugin -DINC=%lw_include --check-prefix=CFLAGS --match-full-lines %s
// CFLAGS: -fplugin=[[PLUGIN]] -I[[INC]]
//
// The flags work in a clang command line: the plugin loads, lockwarden.h is found, and
// the plugin's own warnings come out.
// RUN: %clang $(%lockwarden --cflags) -fplugin-arg-lockwarden-checks=-*,sleep-under-lock -fsyntax-only -Xclang -verify %s
//
// --plugin and --clang replace the built-in paths.
// RUN: %lockwarden --plugin=%t.missing.so %s -- > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOPLUGIN %s < %t.err
// NOPLUGIN: lockwarden: error: {{.*}}.missing.so: No such file or directory (the plugin is not where it was installed; see --plugin)
// RUN: %lockwarden --plugin=%lw_plugin --clang=false --cache-dir=%t.cache %s -- > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck --check-prefix=FALSE %s < %t.err
// FALSE: lockwarden: error: {{.*}}plugin-path.c: could not be analysed (clang exited with 1)
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t big LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;

void tick(void)
{
	pthread_mutex_lock(&big); // expected-note {{'big' acquired here}}
	usleep(10); // expected-warning {{blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]}} expected-note {{'usleep' blocks here (sleep)}}
	pthread_mutex_unlock(&big);
}

