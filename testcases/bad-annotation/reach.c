// The plugin registers a struct's fields only where an annotation may need them:
// a struct with an annotated field, one a sidecar names, and every struct reached
// from those through fields, from an annotated function's parameters, or from a
// global's type. Each lock expression below resolves only if the struct it
// walks through was registered; a wrong field name is still an error.
// RUN: not %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-annotations=%S/Inputs/reach.yaml %s 2> %t.err
// RUN: FileCheck --implicit-check-not=error: --implicit-check-not=warning: %s < %t.err
// A sidecar names prototypes and globals that the source leaves unannotated, so the
// plugin registers them even though nothing in the unit calls or annotates them.
// CHECK-DAG: reach.c:27:10: error: 'nomutex' is not a field of 'inner' [bad-annotation]
// CHECK-DAG: reach.c:35:32: error: 'q' is not a field of 'obj' [bad-annotation]
// CHECK-DAG: reach.yaml:5:16: error: 'nolk' is not a field of 'side' [bad-annotation]
// CHECK-DAG: reach.c:56:5: warning: writing field 'x->count' requires holding 'x->mid->in->mutex' exclusively [unguarded-access]
#include <pthread.h>
#include <lockwarden.h>

/* Reached only through a field of an annotated struct, two levels down. */
struct inner {
	pthread_mutex_t mutex;
};
struct middle {
	struct inner *in;
};
struct outer {
	struct middle *mid;
	int count LW_GUARDED_BY(mid->in->mutex);
	int bad LW_GUARDED_BY(mid->in->nomutex);
};

/* Reached only through an annotated function's parameter. */
struct obj {
	pthread_mutex_t m;
};
void objLock(struct obj *o) LW_ACQUIRES(o->m);
void objLockBad(struct obj *o) LW_ACQUIRES(o->q);

/* Reached only through a parameter of a function the sidecar annotates. */
struct side {
	pthread_mutex_t lk;
};
void sideLock(struct side *s);
void sideLockBad(struct side *s);

/* Reached only through the type of a global that a (sidecar) annotation names:
 * gcount's lock resolves, so no error. */
struct gtype {
	pthread_mutex_t lk;
};
struct gtype *gptr;
int gcount;

void use(struct outer *x, struct obj *o, struct side *s)
{
	objLock(o);
	sideLock(s);
	x->count++;
}
