// Annotations that contradict each other across files are bad-annotation errors at the
// link, with both places, as within one file: a prototype LW_BLOCKING in one file and
// LW_NONBLOCKING in another; a field LW_GUARDED_BY in one unit and LW_IMMUTABLE in
// another (two files may define different structs of one name); two different
// LW_GUARDED_BY; a driver lock that another unit calls atomic; LW_ACQUIRES on one
// declaration and LW_RELEASES on another. The annotation written first (by file name,
// line, column) stands, whatever the order of the files: the output is the same both
// ways. Before, there was no error, one annotation silently won, and which one depended
// on the order of the files.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: %lockwarden --checks=-* --cache-dir=c a.c b.c -- -I%lw_include > out 2> err; test $? -eq 1
// RUN: FileCheck --match-full-lines %s < out
// CHECK:      b.c:4:16: error: 'work' is annotated both blocking and nonblocking [bad-annotation]
// CHECK-NEXT: api.h:2:16: note: conflicting annotation 'blocking' here
// CHECK-NEXT: b.c:5:31: error: 'releases' contradicts an earlier annotation of 'take' [bad-annotation]
// CHECK-NEXT: api.h:3:31: note: conflicting annotation 'acquires(*m)' here
// CHECK-NEXT: b.c:9:8: error: 'immutable' contradicts an earlier annotation of 'n' [bad-annotation]
// CHECK-NEXT: a.c:8:8: note: conflicting annotation 'guarded_by(lock)' here
// CHECK-NEXT: b.c:10:8: error: 'guarded_by' contradicts an earlier annotation of 'v' [bad-annotation]
// CHECK-NEXT: a.c:9:8: note: conflicting annotation 'guarded_by(lock)' here
// CHECK-NEXT: b.c:14:21: error: 'atomic' contradicts an earlier annotation of 'lk' [bad-annotation]
// CHECK-NEXT: a.c:13:18: note: conflicting annotation 'driver_lock' here
// CHECK-NOT:  {{.}}
// RUN: %lockwarden --checks=-* --cache-dir=c b.c a.c -- -I%lw_include > out2 2> err2; test $? -eq 1
// RUN: diff out out2
//
// The same in one file (both headers in one unit) is the unit's own error, once.
// RUN: %lockwarden --checks=-* --cache-dir=c both.c -- -I%lw_include > out3 2> err3; test $? -eq 1
// RUN: FileCheck --check-prefix=ONE --match-full-lines %s < out3
// ONE:      b.h:1:16: error: 'work' is annotated both blocking and nonblocking [bad-annotation]
// ONE-NEXT: api.h:2:16: note: conflicting annotation 'blocking' here
// ONE-NOT:  {{.}}

//--- api.h
#include <lockwarden.h>
int work(void) LW_BLOCKING;
void take(pthread_mutex_t *m) LW_ACQUIRES(*m);
//--- b.h
int work(void) LW_NONBLOCKING;
//--- a.c
#include <pthread.h>
#include "api.h"
int use_a(void) { return work(); }
struct cfg {
	pthread_mutex_t lock;
	pthread_mutex_t other;
	int pad;
	int n LW_GUARDED_BY(lock);
	int v LW_GUARDED_BY(lock);
};
int get_a(struct cfg *c) { return c->pad; }
struct dev {
	pthread_mutex_t lk LW_DRIVER_LOCK;
};
void lock_a(struct dev *d) { (void)d; }
//--- b.c
#include <pthread.h>
#include <lockwarden.h>
int use_b(void);
int work(void) LW_NONBLOCKING;
void take(pthread_mutex_t *m) LW_RELEASES(*m);
struct cfg {
	pthread_mutex_t lock;
	pthread_mutex_t other;
	int n LW_IMMUTABLE;
	int v LW_GUARDED_BY(other);
};
int get_b(struct cfg *c) { return c->n; }
struct dev {
	pthread_mutex_t lk LW_ATOMIC;
};
void lock_b(struct dev *d) { (void)d; }
//--- both.c
#include <pthread.h>
#include "api.h"
#include "b.h"
int use_both(void) { return work(); }
