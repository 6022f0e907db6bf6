// Same input, same output, byte for byte: however many jobs run at once, whichever
// finishes first, cached or not.
// RUN: rm -rf %t && mkdir -p %t/src %t/build && cd %t
// RUN: for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sed "s/@N@/$i/g" %s > src/u$i.c; done
// RUN: printf '[\n' > build/compile_commands.json
// RUN: for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf '{"directory": "%t/src", "arguments": ["cc", "-I%lw_include", "-c", "u%%s.c"], "file": "u%%s.c"},\n' $i $i >> build/compile_commands.json; done
// RUN: printf '{"directory": "%t/src", "arguments": ["cc", "-c", "broken.c"], "file": "broken.c"}]\n' >> build/compile_commands.json
// RUN: echo 'int broken(void) { return nope; }' > src/broken.c
//
// RUN: %lockwarden -p build -j 1 > out1 2> err1; test $? -eq 2
// RUN: rm -rf build/.lockwarden-cache
// RUN: %lockwarden -p build -j 4 > out2 2> err2; test $? -eq 2
// RUN: %lockwarden -p build -j 4 > out3 2> err3; test $? -eq 2
// RUN: %lockwarden -p build -j 3 --format=json > json1 2> /dev/null; test $? -eq 2
// RUN: rm -rf build/.lockwarden-cache
// RUN: %lockwarden -p build -j 2 --format=json > json2 2> /dev/null; test $? -eq 2
// RUN: diff out1 out2 && diff out1 out3 && diff json1 json2
// The messages on stderr do not depend on the order either (only the cache count does).
// RUN: diff err1 err2
// RUN: FileCheck %s < out1
// CHECK: src/u1.c:{{[0-9]+}}:2: warning: blocking call 'usleep'
// CHECK: src/u10.c:
// CHECK: src/u9.c:
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t big@N@ LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;
int worker@N@(int x)
{
	pthread_mutex_lock(&big@N@);
	usleep(x);
	pthread_mutex_unlock(&big@N@);
	return x;
}
