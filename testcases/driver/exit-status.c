// Exit status 0: no findings and every file analysed; 1: findings. Options that
// switch checks off apply at the link, so cached facts serve every --checks.
// RUN: rm -rf %t && split-file %s %t && cd %t
//
// RUN: %lockwarden clean.c -- -I%lw_include > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=CLEAN --match-full-lines %s < err
// CLEAN: lockwarden: 1 file (0 from the cache), 0 failed; 0 findings
//
// RUN: %lockwarden clean.c tick.c -- -I%lw_include > out 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=FINDINGS %s < out
// FINDINGS: tick.c:8:2: warning: blocking call 'usleep' while holding driver lock 'big' [sleep-under-lock]
//
// RUN: %lockwarden -v '--checks=-sleep-under-lock,-needless-lock' clean.c tick.c -- -I%lw_include > out 2> err
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=OFF --implicit-check-not=analysing %s < err
// OFF: lockwarden: cached clean.c
// OFF: lockwarden: cached tick.c
//
// --blocking takes the category out instead.
// RUN: %lockwarden --blocking=-sleep '--checks=-needless-lock' clean.c tick.c -- -I%lw_include > out 2> err
// RUN: count 0 < out
//
// The report formats: text (above), json, sarif; -o FILE instead of stdout.
// RUN: %lockwarden --format=json tick.c -- -I%lw_include > out.json 2> err; test $? -eq 1
// RUN: FileCheck --check-prefix=JSON %s < out.json
// JSON: "check": "sleep-under-lock"
// RUN: %lockwarden --format=sarif -o out.sarif tick.c -- -I%lw_include > out 2> err; test $? -eq 1
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=SARIF %s < out.sarif
// SARIF: "version": "2.1.0"
// SARIF: "ruleId": "sleep-under-lock"
//
// A report that cannot be written is a tool error.
// RUN: %lockwarden -o no-such-dir/report.txt tick.c -- -I%lw_include > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOWRITE %s < err
// NOWRITE: lockwarden: error: no-such-dir/report.txt: No such file or directory

//--- clean.c
int clean(int x) { return x + 1; }
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
