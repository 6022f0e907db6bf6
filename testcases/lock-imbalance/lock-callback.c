// libcurl-style idiom: a share-lock callback locks the mutex for every id it
// knows and logs and returns on the default case (CURLSH's lock function).  A
// function that acquires a lock its callers can name on every path except
// bail-outs that return before taking it, at returns of their own, is an
// acquire function: the bail-outs are error paths, not leaks, and callers see
// the lock taken.  A return shared by both sides, or one after the lock was
// taken and dropped again, is still a finding.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"
#include <stdio.h>

enum lock_data { DATA_DNS = 2, DATA_SSL = 3, DATA_CONNECT = 5 };
struct share { pthread_mutex_t locks[3]; pthread_mutex_t one; };

void share_lock(enum lock_data data, void *userp)
{
	struct share *s = userp;
	int i;
	switch (data) {
	case DATA_DNS: i = 0; break;
	case DATA_SSL: i = 1; break;
	case DATA_CONNECT: i = 2; break;
	default:
		fprintf(stderr, "unknown lock %d\n", data);
		return;
	}
	pthread_mutex_lock(&s->locks[i]);
}

/* The same shape with an early bail-out on a bad argument. */
void take_one(struct share *s, int id)
{
	if (id < 0) {
		fprintf(stderr, "bad id\n");
		return;
	}
	pthread_mutex_lock(&s->one);
}

/* Callers see it take the lock. */
void take_one_user(struct share *s)
{
	take_one(s, 1);
	lw_debug_lockset(); // expected-remark {{held: {s->one} [debug]}}
	pthread_mutex_unlock(&s->one);
}

/* Still leaks: one return for both sides. */
void one_return(struct share *s, int id) // expected-warning {{'s->one' is still held at this return but not on every path [lock-imbalance]}}
{
	if (id)
		pthread_mutex_lock(&s->one); // expected-note {{'s->one' acquired here}}
}

/* Still leaks: the early return holds it, the other released it. */
void early_return_held(struct share *s, int id)
{
	pthread_mutex_lock(&s->one); // expected-note {{'s->one' acquired here}}
	if (id < 0)
		return; // expected-warning {{'s->one' is still held at this return but not on every path [lock-imbalance]}}
	pthread_mutex_unlock(&s->one);
}

/* Still leaks: taken and dropped on the path of the return without it. */
void dropped_then_returned(struct share *s, int id) // expected-warning {{'s->one' is still held at this return but not on every path [lock-imbalance]}}
{
	pthread_mutex_lock(&s->one); // expected-note {{'s->one' acquired here}}
	if (id < 0) {
		pthread_mutex_unlock(&s->one);
		return;
	}
	id++;
}
