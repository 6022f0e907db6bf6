// Needs at any depth: a guarded field touched several calls below the function
// that takes the lock is satisfied by that function (code written around one big
// lock, as libvirt was until 2012). The need is passed up through callers that
// neither hold nor take the lock; a caller at the top that holds it satisfies it
// and its section is not needless.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,unguarded-access,needless-lock -Xclang -verify %s
#include "lwtest.h"

/* depth 1 */
static void a1(struct drv *d) { d->nactive++; }
void top1(struct drv *d) { virMutexLock(&d->lock); a1(d); virMutexUnlock(&d->lock); }

/* depth 2 */
static void a2(struct drv *d) { d->nactive++; }
static void b2(struct drv *d) { a2(d); }
void top2(struct drv *d) { virMutexLock(&d->lock); b2(d); virMutexUnlock(&d->lock); }

/* depth 3, the object passed on through a field of another */
struct holder { struct drv *drv; };
static int a3(struct drv *d) { return d->nactive; }
static int b3(struct drv *d) { return a3(d) + 1; }
static int c3(struct holder *h) { return b3(h->drv); }
int top3(struct holder *h)
{
	virMutexLock(&h->drv->lock);
	int n = c3(h);
	virMutexUnlock(&h->drv->lock);
	return n;
}

/* depth 2 with one caller at the top that forgets the lock: reported at its
 * call, with the access and a caller that holds the lock as notes */
static void a4(struct drv *d) { d->nactive = 0; } // expected-note {{'a4' accesses field 'd->nactive' here}}
static void b4(struct drv *d) { a4(d); }
void top4_holds(struct drv *d) { virMutexLock(&d->lock); b4(d); virMutexUnlock(&d->lock); } // expected-note {{'b4' is called with 'd->lock' held here}}
void top4_forgets(struct drv *d) { b4(d); } // expected-warning {{calling 'b4' requires holding 'd->lock' [unguarded-access]}}

/* nobody at any depth holds the lock: reported once, at the access */
static void a5(struct drv *d) { d->nactive--; } // expected-warning {{writing field 'd->nactive' requires holding 'd->lock' exclusively [unguarded-access]}}
static void b5(struct drv *d) { a5(d); }
void top5(struct drv *d) { b5(d); }

/* recursion: the need goes round the cycle and up to the caller that holds */
static void r_even(struct drv *d, int n);
static void r_odd(struct drv *d, int n) { if (n) r_even(d, n - 1); else d->nactive++; }
static void r_even(struct drv *d, int n) { if (n) r_odd(d, n - 1); }
void top_rec(struct drv *d) { virMutexLock(&d->lock); r_even(d, 4); virMutexUnlock(&d->lock); }
