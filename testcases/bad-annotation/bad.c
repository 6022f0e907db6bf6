// Malformed annotations are errors at the annotation, never silence.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -Xclang -verify %s
#include <lockwarden.h>
#include <pthread.h>

struct s {
	pthread_mutex_t lock;
	int a LW_GUARDED_BY(nolock); // expected-error {{'nolock' names no field of 's' and no global variable [bad-annotation]}}
	int b LW_IMMUTABLE LW_ATOMIC; // expected-error {{'atomic' contradicts an earlier annotation of 'b' [bad-annotation]}} expected-note {{conflicting annotation 'immutable' here}}
	int c __attribute__((annotate("lockwarden:guarded"))); // expected-error {{unknown annotation 'guarded' [bad-annotation]}}
	int d __attribute__((annotate("lockwarden:immutable(x)"))); // expected-error {{'immutable' takes no argument [bad-annotation]}}
	int e LW_INIT; // expected-error {{'init' applies to functions, not to a struct field [bad-annotation]}}
};

void f1(struct s *p) LW_ACQUIRES(q->lock); // expected-error {{'q' names no parameter of 'f1' and no global variable [bad-annotation]}}
void f2(struct s *p) LW_ACQUIRES(p->nolock); // expected-error {{'nolock' is not a field of 's' [bad-annotation]}}
void f3(struct s *p) LW_IMMUTABLE; // expected-error {{'immutable' applies to struct fields, not to a function [bad-annotation]}}
void f4(struct s *p) LW_TRY_ACQUIRES(yes, p->lock); // expected-error {{'try_acquires' needs an integer success value first, not 'yes' [bad-annotation]}}
void f5(struct s *p LW_DRIVER_LOCK); // expected-error {{'driver_lock' applies to struct fields and global variables, not to a parameter [bad-annotation]}}

/* Correct ones are quiet. */
struct ok {
	pthread_mutex_t lock LW_DRIVER_LOCK;
	int n LW_GUARDED_BY(lock);
	int m LW_GUARDED_BY(&lock);
};
void g1(struct ok *o) LW_ACQUIRES(o->lock);
void g2(struct ok *o) LW_ACQUIRES(&o->lock);
void g3(pthread_mutex_t *m) LW_RELEASES(*m);
int g4(pthread_mutex_t *m) LW_TRY_ACQUIRES(0, m);
