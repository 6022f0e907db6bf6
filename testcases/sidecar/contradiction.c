// A sidecar that contradicts the source is an error naming both places.
// RUN: not %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-annotations=%S/Inputs/contradict.yaml %s 2>&1 | FileCheck %s
// CHECK-DAG: contradict.yaml:3:17: error: 'guarded_by' contradicts an earlier annotation of 'privileged' [bad-annotation]
// CHECK-DAG: contradiction.c:12:17: note: conflicting annotation 'immutable' here
// CHECK-DAG: contradict.yaml:5:12: error: 'bounded' is annotated both blocking and nonblocking [bad-annotation]
// CHECK-DAG: contradiction.c:15:20: note: conflicting annotation 'blocking' here
#include <lockwarden.h>
#include <pthread.h>

struct drv {
	pthread_mutex_t lock;
	int privileged LW_IMMUTABLE;
};

void bounded(void) LW_BLOCKING;
void use(void) { bounded(); }
