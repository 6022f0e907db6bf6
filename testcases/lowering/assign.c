// Assignments to locals and through pointers (docs/ir.md, ASSIGN, and the
// values: LOAD, ADDR, INT with null as 0, UNKNOWN).  Casts, parentheses,
// pointer arithmetic and the comma operator are looked through; what is
// computed is an unknown value.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct obj {
	int n;
};

// CHECK: func locals entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void locals(struct obj *o, int k)
{
	int x = 1;
	// CHECK: [[@LINE-1]]:6 assign x = 1
	int *p = &x;
	// CHECK-NEXT: [[@LINE-1]]:7 assign p = &x
	int *q = p;
	// CHECK-NEXT: [[@LINE-1]]:7 assign q = p
	int uninitialised;
	q = (void *)0;
	// CHECK-NEXT: [[@LINE-1]]:4 assign q = 0
	q = p + 1;
	// CHECK-NEXT: [[@LINE-1]]:4 assign q = p
	q = (int *)(long)p;
	// CHECK-NEXT: [[@LINE-1]]:4 assign q = p
	x += 2;
	// CHECK-NEXT: [[@LINE-1]]:4 assign x = ?
	x++;
	// CHECK-NEXT: [[@LINE-1]]:3 assign x = ?
	x = k * 2;
	// CHECK-NEXT: [[@LINE-1]]:4 assign x = ?
	x = ((void)k, 5);
	// CHECK-NEXT: [[@LINE-1]]:4 assign x = 5
	x = (uninitialised = k);
	// CHECK-NEXT: [[@LINE-1]]:21 assign uninitialised = k
	// CHECK-NEXT: [[@LINE-2]]:4 assign x = uninitialised
	int one = {3};
	// CHECK-NEXT: [[@LINE-1]]:6 assign one = 3
	struct obj copy = *o;
	// CHECK-NEXT: [[@LINE-1]]:13 assign copy = *o
	struct obj *po = &copy;
	// CHECK-NEXT: [[@LINE-1]]:14 assign po = &copy
}

// Stores through pointers: *p, p[i] (all elements alike: one DEREF) and
// an array local's element.
// CHECK: func through entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void through(int *p, int **pp, int i)
{
	*p = i;
	// CHECK: [[@LINE-1]]:5 assign *p = i
	p[i] = 3;
	// CHECK-NEXT: [[@LINE-1]]:7 assign *p = 3
	**pp = 4;
	// CHECK-NEXT: [[@LINE-1]]:7 assign **pp = 4
	(*p)++;
	// CHECK-NEXT: [[@LINE-1]]:6 assign *p = ?
	int a[4];
	a[i] = 1;
	// CHECK-NEXT: [[@LINE-1]]:7 assign *a = 1
	*&i = 2;
	// CHECK-NEXT: [[@LINE-1]]:6 assign i = 2
}
