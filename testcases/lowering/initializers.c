// Initialisers of a local: an ASSIGN to the local (with the value for a
// scalar, unknown for an aggregate), then, for a struct, an ACCESS WRITE
// of each field given a value, nested structs included (flagged INIT in
// the IR; docs/ir.md).  Fields left to zero-initialisation get no event.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct in {
	int v;
};
struct obj {
	int n;
	struct in in;
	int *p;
	union {
		int u1;
		long u2;
	};
};
int g;

// CHECK: func locals entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void locals(int k, struct obj *x)
{
	struct obj s = {.n = k, .in = {.v = 2}, .p = &g};
	// CHECK: [[@LINE-1]]:48 access addr g
	// CHECK-NEXT: [[@LINE-2]]:13 assign s = ?
	// CHECK-NEXT: [[@LINE-3]]:23 access write s.n = k
	// CHECK-NEXT: [[@LINE-4]]:32 access write s.in = ?
	// CHECK-NEXT: [[@LINE-5]]:38 access write s.in.v = 2
	// CHECK-NEXT: [[@LINE-6]]:47 access write s.p = &g
	struct obj t = {1};
	// CHECK-NEXT: [[@LINE-1]]:13 assign t = ?
	// CHECK-NEXT: [[@LINE-2]]:18 access write t.n = 1
	struct obj u = {.u2 = 4};
	// CHECK-NEXT: [[@LINE-1]]:13 assign u = ?
	// CHECK-NEXT: [[@LINE-2]]:24 access write u.u2 = 4
	int arr[2] = {1, 2};
	// CHECK-NEXT: [[@LINE-1]]:6 assign arr = ?
	int one = {3};
	// CHECK-NEXT: [[@LINE-1]]:6 assign one = 3
	struct obj copy = *x;
	// CHECK-NEXT: [[@LINE-1]]:13 assign copy = *x
}
