// LW_BLOCKING and LW_NONBLOCKING on a function-pointer field or global apply to
// every call through it: a blocking one is a blocking call even when nothing
// stored into it is in view; a non-blocking one is quiet even when what is
// stored into it blocks.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,sleep-under-lock,bad-annotation -Xclang -verify %s
#include "lwtest.h"

struct ops {
	int (*send)(int fd) LW_BLOCKING;
	int (*peek)(int fd) LW_NONBLOCKING;
	int count LW_BLOCKING; // expected-error {{'blocking' on 'count' applies to a function pointer; 'count' is not a pointer [bad-annotation]}}
};
static int peek_slow(int fd) { (void)fd; usleep(1); return 0; }
static const struct ops table = { .peek = peek_slow };
extern void (*log_hook)(const char *msg) LW_BLOCKING;

void use(struct drv *d, const struct ops *o)
{
	virMutexLock(&d->lock); // expected-note 2 {{'d->lock' acquired here}}
	o->send(1); // expected-warning {{blocking call 'o->send' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'o->send' blocks here (annotated LW_BLOCKING)}}
	o->peek(1);
	log_hook("x"); // expected-warning {{blocking call 'log_hook' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'log_hook' blocks here (annotated LW_BLOCKING)}}
	virMutexUnlock(&d->lock);
	(void)table;
}

/* on a typedef of the function type: every field and global of it */
typedef int (*send_fn)(int fd) LW_BLOCKING;
typedef int quick_fn(int fd) LW_NONBLOCKING;
struct ops2 { send_fn send; quick_fn *quick; };
static int quick_slow(int fd) { (void)fd; usleep(1); return 0; }
static const struct ops2 table2 = { .quick = quick_slow };

void use2(struct drv *d, const struct ops2 *o)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	o->send(1); // expected-warning {{blocking call 'o->send' while holding driver lock 'd->lock' [sleep-under-lock]}} expected-note {{'o->send' blocks here (annotated LW_BLOCKING)}}
	o->quick(1);
	virMutexUnlock(&d->lock);
	(void)table2;
}
