// __builtin_expect(e, k) has the value of e, so a condition written with it
// (likely()/unlikely()) must give the facts of e.  In C, e is converted to
// long first (an implicit integral cast), and the condition lowering does
// not look through that cast: `if (unlikely(!p))` and
// `if (__builtin_expect(rc != 0, 0))` give edges without facts.  Only an
// operand that is already long works (the last function).
// sleep-under-lock/unlikely-trylock.c shows a finding lost that way.
// XFAIL: *
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

#define unlikely(x) __builtin_expect(!!(x), 0)
void a(void);
int get(void);

void not_null(int *p)
{
	if (unlikely(!p))
		a();
}
// CHECK:      func not_null entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[THEN:B[0-9]+]] if p == 0
// CHECK-NEXT: -> [[EXIT]] if p != 0

void compared(void)
{
	int rc = get();
	if (__builtin_expect(rc != 0, 0))
		a();
}
// CHECK:      func compared entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[THEN:B[0-9]+]] if rc != 0
// CHECK-NEXT: -> [[EXIT]] if rc == 0

void already_long(long k)
{
	if (__builtin_expect(k, 0))
		a();
}
// CHECK:      func already_long entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[THEN:B[0-9]+]] if k != 0
// CHECK-NEXT: -> [[EXIT]] if k == 0
