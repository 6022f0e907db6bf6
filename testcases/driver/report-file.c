// -o FILE is written into a temporary file beside it and renamed into place: a write
// that fails half-way (here the file size limit, as a full disk would) leaves the
// previous report as it was and no temporary file, and says so (exit status 2). Before,
// the report was truncated in place and lockwarden was killed half-way (SIGXFSZ).
// A symbolic link given as FILE is followed; a FIFO is written in place.
// RUN: rm -rf %t && split-file %s %t && cd %t
//
// RUN: %lockwarden --cache-dir=c -o report.sarif --format=sarif tick.c -- -I%lw_include 2> err; test $? -eq 1
// RUN: cp report.sarif before.sarif
// RUN: chmod 640 report.sarif
// The SARIF report is larger than 1 KiB, the limit below (the cache spares clang's
// writes under it).
// RUN: test $(wc -c < report.sarif) -gt 4096
// RUN: (ulimit -f 1; %lockwarden --cache-dir=c -o report.sarif --format=sarif tick.c -- -I%lw_include > out 2> err; echo "status $?" > status)
// RUN: FileCheck --check-prefix=STATUS %s < status
// STATUS: status 2
// RUN: FileCheck --check-prefix=FULL --match-full-lines %s < err
// FULL: lockwarden: error: report.sarif: File too large (the report was not written; a previous one is unchanged)
// RUN: cmp before.sarif report.sarif
// RUN: ls -A > files
// RUN: FileCheck --check-prefix=FILES --implicit-check-not=report.sarif. %s < files
// FILES: report.sarif
//
// A complete write replaces the file, keeping its mode.
// RUN: %lockwarden --cache-dir=c -o report.sarif --format=sarif tick.c -- -I%lw_include 2> err; test $? -eq 1
// RUN: stat -c %%a report.sarif | FileCheck --check-prefix=MODE %s
// MODE: 640
//
// A symbolic link is followed, and stays a link.
// RUN: mkdir dest && ln -s dest/real.txt link.txt
// RUN: %lockwarden --cache-dir=c -o link.txt tick.c -- -I%lw_include 2> err; test $? -eq 1
// RUN: test -L link.txt
// RUN: FileCheck --check-prefix=TEXT %s < dest/real.txt
// TEXT: tick.c:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
//
// A FIFO is written in place (there is nothing to rename over).
// RUN: mkfifo pipe
// RUN: cat pipe > from-pipe & %lockwarden --cache-dir=c -o pipe tick.c -- -I%lw_include 2> err; test $? -eq 1; wait
// RUN: test -p pipe
// RUN: FileCheck --check-prefix=TEXT %s < from-pipe

//--- tick.c
#include <lockwarden.h>
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t big LW_DRIVER_LOCK = PTHREAD_MUTEX_INITIALIZER;
void tick(void)
{
	pthread_mutex_lock(&big);
	usleep(10);
	pthread_mutex_unlock(&big);
}
