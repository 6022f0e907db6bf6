// A global guarded by a member of another global (LW_GUARDED_BY(foo.mu)): the
// lock is foo.mu, not foo.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,unguarded-access -Xclang -verify %s
#include "lwtest.h"

struct locks { pthread_mutex_t mu; pthread_mutex_t other; };
struct locks foo;
int counter LW_GUARDED_BY(foo.mu);

void holds(void)
{
	pthread_mutex_lock(&foo.mu);
	counter++;
	pthread_mutex_unlock(&foo.mu);
}

void forgets(void)
{
	counter++; // expected-warning {{writing global 'counter' requires holding 'foo.mu' exclusively [unguarded-access]}}
}

void wrong_lock(void)
{
	pthread_mutex_lock(&foo.other);
	counter = 0; // expected-warning {{writing global 'counter' requires holding 'foo.mu' exclusively [unguarded-access]}}
	pthread_mutex_unlock(&foo.other);
}
