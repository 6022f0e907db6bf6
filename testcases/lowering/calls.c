// Calls (docs/ir.md, CALL): direct ones with constant, address and load
// arguments, the result stored or dropped, through a function pointer, and
// callees that do not return, whose call ends the path.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct obj {
	int n;
	int (*op)(struct obj *o);
};
int g;
int get(int k, int *p, int v);
int id(int x);
void put(const char *s, struct obj *o);
_Noreturn void die(int code);
__attribute__((noreturn)) void die2(void);
typedef void (*fatal_fn)(void) __attribute__((noreturn));
void a(void);

// CHECK: func direct entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
int direct(struct obj *o, int v)
{
	// A constant, the address of a parameter, a parameter's value; the
	// result goes to r, so the CALL names r and an ASSIGN stores it.
	int r = get(7, &v, v);
	// CHECK: [[@LINE-1]]:10 call #{{[0-9]+}} get(7, &v, v) -> r
	// CHECK-NEXT: [[@LINE-2]]:6 assign r = get()

	// A null pointer is the constant 0; a field read is an ACCESS first.
	r = get(0, (void *)0, o->n);
	// CHECK-NEXT: [[@LINE-1]]:27 access read o->n
	// CHECK-NEXT: [[@LINE-2]]:6 call #{{[0-9]+}} get(0, 0, o->n) -> r
	// CHECK-NEXT: [[@LINE-3]]:4 assign r = get()

	// The address of a field, passed to this very call; a global's value.
	// The result is dropped: no "->".
	get(-1, &o->n, g);
	// CHECK-NEXT: [[@LINE-1]]:14 access addr o->n to #[[C3:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:17 access read g
	// CHECK-NEXT: [[@LINE-3]]:2 call #[[C3]] get(-1, &o->n, g) unused

	// What the adapter cannot name is an unknown value, not a missing one.
	put("text", o);
	// CHECK-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} put(?, o) unused

	// A call's result as another call's argument.
	return get(1, &g, id(r));
	// CHECK-NEXT: [[@LINE-1]]:17 access addr g to #[[OUTER:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:20 call #{{[0-9]+}} id(r)
	// CHECK-NEXT: [[@LINE-3]]:9 call #[[OUTER]] get(1, &g, id())
	// CHECK-NEXT: [[@LINE-4]]:2 return get()
	// CHECK-NEXT: -> [[EXIT]]
}

// Through a function pointer: no callee name, the pointer called after
// "via", the result root is the call's number.
// CHECK: func indirect entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
int indirect(struct obj *o, int (*fn)(int), int k)
{
	k = fn(k);
	// CHECK: [[@LINE-1]]:6 call #[[FN:[0-9]+]] <indirect>(k) via fn -> k
	// CHECK-NEXT: [[@LINE-2]]:4 assign k = (call#[[FN]])
	return o->op(o);
	// CHECK-NEXT: [[@LINE-1]]:12 access read o->op
	// CHECK-NEXT: [[@LINE-2]]:9 call #[[OP:[0-9]+]] <indirect>(o) via o->op
	// CHECK-NEXT: [[@LINE-3]]:2 return (call#[[OP]])
	// CHECK-NEXT: -> [[EXIT]]
}

// A call that does not return (declared _Noreturn, noreturn, or through a
// pointer to a noreturn function type) is flagged and its block goes only
// to the exit.
// CHECK: func noret entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
void noret(int bad, fatal_fn fatal)
{
	if (bad == 1)
		die(2);
	if (bad == 2)
		fatal();
	a();
	die2();
}
// CHECK:      {{[0-9]+}}:2 call #{{[0-9]+}} a() unused
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} die2() noreturn unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK:      {{[0-9]+}}:3 call #{{[0-9]+}} <indirect>() via fatal noreturn unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK:      {{[0-9]+}}:3 call #{{[0-9]+}} die(2) noreturn unused
// CHECK-NEXT: -> [[EXIT]]

// A result thrown away is flagged "unused": a statement, a cast to void, the
// left of a comma, a for loop's step.  A result tested, returned, or the
// value of a statement expression is used.
// CHECK: func results entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
int results(int k)
{
	(void)id(1);
	// CHECK: [[@LINE-1]]:8 call #{{[0-9]+}} id(1) unused
	k = (id(2), id(3));
	// CHECK-NEXT: [[@LINE-1]]:7 call #{{[0-9]+}} id(2) unused
	// CHECK-NEXT: [[@LINE-2]]:14 call #{{[0-9]+}} id(3) -> k
	// CHECK-NEXT: [[@LINE-3]]:4 assign k = id()
	k = ({ id(4); id(5); });
	// CHECK-NEXT: [[@LINE-1]]:9 call #{{[0-9]+}} id(4) unused
	// CHECK-NEXT: [[@LINE-2]]:16 call #{{[0-9]+}} id(5)
	return k;
}

// CHECK: func tested entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int tested(int k)
{
	if (id(6))
		return id(7);
	// CHECK-DAG: [[@LINE-2]]:6 call #{{[0-9]+}} id(6)
	// CHECK-DAG: [[@LINE-2]]:10 call #{{[0-9]+}} id(7)
	for (; k; id(8))
		k--;
	// CHECK-DAG: [[@LINE-2]]:12 call #{{[0-9]+}} id(8) unused
	return 0;
}
