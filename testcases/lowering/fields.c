// Field accesses (docs/ir.md, ACCESS): the mode comes from how the field
// is used: a read, the left side of `=` (a write, with the value stored),
// of `op=`, ++ or -- (read-modify-write), or `&` (address taken: passed to
// a call, or escaping).  Stores to fields are ACCESS events only, never
// ASSIGN.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct in {
	int v;
};
struct obj {
	int a;
	struct in in;
	struct in *pin;
	int arr[4];
	_Atomic int at;
	volatile int vol;
};
void use(int *p);
void cuse(const int *p);
struct obj make(void);

// CHECK: func modes entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void modes(struct obj *x, int k)
{
	int t = x->a;
	// CHECK: [[@LINE-1]]:13 access read x->a
	// CHECK-NEXT: [[@LINE-2]]:6 assign t = x->a
	x->a = k;
	// CHECK-NEXT: [[@LINE-1]]:5 access write x->a = k
	x->a += 2;
	// CHECK-NEXT: [[@LINE-1]]:5 access rmw x->a
	x->a++;
	// CHECK-NEXT: [[@LINE-1]]:5 access rmw x->a
	--x->a;
	// CHECK-NEXT: [[@LINE-1]]:7 access rmw x->a
	use(&x->a);
	// CHECK-NEXT: [[@LINE-1]]:10 access addr x->a to #[[USE:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:2 call #[[USE]] use(&x->a) unused
	cuse(&x->a);
	// CHECK-NEXT: [[@LINE-1]]:11 access addr x->a to #[[CUSE:[0-9]+]] const-arg
	// CHECK-NEXT: [[@LINE-2]]:2 call #[[CUSE]] cuse(&x->a) unused
	int *p = &x->a;
	// CHECK-NEXT: [[@LINE-1]]:15 access addr x->a
	// CHECK-NEXT: [[@LINE-2]]:7 assign p = &x->a
	*p = t;
	// CHECK-NEXT: [[@LINE-1]]:5 assign *p = t
}

// `.` on a field uses the outer field as the inner one is used; `->`
// reads the pointer first; an array element is its array field.
// CHECK: func nested entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int nested(struct obj *x, struct obj y, int i)
{
	y.a = 1;
	// CHECK: [[@LINE-1]]:4 access write y.a = 1
	int t = y.in.v;
	// CHECK-NEXT: [[@LINE-1]]:12 access read y.in
	// CHECK-NEXT: [[@LINE-2]]:15 access read y.in.v
	// CHECK-NEXT: [[@LINE-3]]:6 assign t = y.in.v
	x->in.v = 2;
	// CHECK-NEXT: [[@LINE-1]]:5 access write x->in = ?
	// CHECK-NEXT: [[@LINE-2]]:8 access write x->in.v = 2
	x->pin->v = 3;
	// CHECK-NEXT: [[@LINE-1]]:5 access read x->pin
	// CHECK-NEXT: [[@LINE-2]]:10 access write x->pin->v = 3
	x->arr[i] = 4;
	// CHECK-NEXT: [[@LINE-1]]:5 access write x->arr = 4
	t = x->arr[1];
	// CHECK-NEXT: [[@LINE-1]]:9 access read x->arr
	// CHECK-NEXT: [[@LINE-2]]:4 assign t = *x->arr
	t = (*x).a;
	// CHECK-NEXT: [[@LINE-1]]:11 access read x->a
	// CHECK-NEXT: [[@LINE-2]]:4 assign t = x->a
	return make().a;
	// CHECK-NEXT: [[@LINE-1]]:9 call #[[MAKE:[0-9]+]] make()
	// CHECK-NEXT: [[@LINE-2]]:16 access read make().a
	// CHECK-NEXT: [[@LINE-3]]:2 return make().a
}

// Flags: an _Atomic field, a volatile field, a volatile access through a
// cast (WRITE_ONCE style: the field is written, not its address taken).
// CHECK: func flags entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int flags(struct obj *x)
{
	int t = x->at;
	// CHECK: [[@LINE-1]]:13 access read x->at atomic-type
	// CHECK-NEXT: [[@LINE-2]]:6 assign t = x->at
	x->vol = 1;
	// CHECK-NEXT: [[@LINE-1]]:5 access write x->vol = 1 volatile
	*(volatile int *)&x->a = 2;
	// CHECK-NEXT: [[@LINE-1]]:23 access write x->a = 2 volatile
	return *(volatile int *)&x->a;
	// CHECK-NEXT: [[@LINE-1]]:30 access read x->a volatile
	// CHECK-NEXT: [[@LINE-2]]:2 return x->a
}
