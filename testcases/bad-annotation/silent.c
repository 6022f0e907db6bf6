// Annotations that used to be accepted without a word, each now a bad-annotation error
// at the annotation: a GUARDED_BY naming something that is not a lock or the field
// itself, an RCU_CONFIG on something that is not a pointer, a driver lock that is
// also atomic, two different GUARDED_BY on one field (the last one used to win), and a
// function that both takes and drops one lock (or needs it both held and not held)
// across its declarations. The correct ones at the end are quiet.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -Xclang -verify %s
#include <lockwarden.h>
#include <pthread.h>

extern int g_count LW_ATOMIC;
extern pthread_mutex_t g_lock;

struct s {
	pthread_mutex_t lock;
	pthread_mutex_t other;
	int count;
	int a LW_GUARDED_BY(count); // expected-error {{'count' is not a lock: its type is 'int' [bad-annotation]}}
	int b LW_GUARDED_BY(b); // expected-error {{'b' cannot guard itself [bad-annotation]}}
	int c LW_RCU_CONFIG(lock); // expected-error {{'rcu_config' applies to a pointer to a configuration snapshot; 'c' is not a pointer [bad-annotation]}}
	pthread_mutex_t d LW_DRIVER_LOCK LW_ATOMIC; // expected-error {{'atomic' contradicts an earlier annotation of 'd' [bad-annotation]}} expected-note {{conflicting annotation 'driver_lock' here}}
	int e LW_ATOMIC LW_DRIVER_LOCK; // expected-error {{'driver_lock' contradicts an earlier annotation of 'e' [bad-annotation]}} expected-note {{conflicting annotation 'atomic' here}}
	int f LW_GUARDED_BY(lock) LW_GUARDED_BY(other); // expected-error {{'guarded_by' contradicts an earlier annotation of 'f' [bad-annotation]}} expected-note {{conflicting annotation 'guarded_by(lock)' here}}
	int g LW_IMMUTABLE LW_GUARDED_BY(lock); // expected-error {{'guarded_by' contradicts an earlier annotation of 'g' [bad-annotation]}} expected-note {{conflicting annotation 'immutable' here}}
};

int g_a LW_GUARDED_BY(g_count); // expected-error {{'g_count' is not a lock: its type is 'int' [bad-annotation]}}
pthread_mutex_t g_b LW_GUARDED_BY(g_b); // expected-error {{'g_b' cannot guard itself [bad-annotation]}}

void take(pthread_mutex_t *m) LW_ACQUIRES(*m); // expected-note {{conflicting annotation 'acquires(*m)' here}}
void take(pthread_mutex_t *m) LW_RELEASES(*m); // expected-error {{'releases' contradicts an earlier annotation of 'take' [bad-annotation]}}
void need(pthread_mutex_t *m) LW_REQUIRES(*m) LW_EXCLUDES(*m); // expected-error {{'excludes' contradicts an earlier annotation of 'need' [bad-annotation]}} expected-note {{conflicting annotation 'requires(*m)' here}}

/* Correct ones are quiet. */
struct ok {
	pthread_mutex_t lock LW_DRIVER_LOCK;
	pthread_mutex_t *plock;
	int n LW_GUARDED_BY(lock);
	int p LW_GUARDED_BY(plock);
	int q LW_GUARDED_BY(lock) LW_GUARDED_BY(lock);
	int r LW_GUARDED_BY(g_lock);
	struct ok *cfg LW_RCU_CONFIG(lock);
	int counter LW_ATOMIC;
};
void swap(pthread_mutex_t *a, pthread_mutex_t *b) LW_ACQUIRES(*a) LW_RELEASES(*b);
void again(pthread_mutex_t *m) LW_ACQUIRES(*m);
void again(pthread_mutex_t *m) LW_ACQUIRES(*m);
