// Returns (docs/ir.md, RETURN): the returned value, an unknown one for
// `return;` and for what the adapter does not follow, such as `?:`.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct obj {
	int n;
	struct obj *next;
};
struct obj *lookup(int id);
struct obj g_obj;

// CHECK: func nothing entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
void nothing(void)
{
	return;
	// CHECK: [[@LINE-1]]:2 return ?
	// CHECK-NEXT: -> [[EXIT]]
}

// CHECK: func constant entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int constant(void)
{
	return -3;
	// CHECK: [[@LINE-1]]:2 return -3
}

// CHECK: func null entry=B{{[0-9]+}} exit=B{{[0-9]+}}
struct obj *null(void)
{
	return (void *)0;
	// CHECK: [[@LINE-1]]:2 return 0
}

// CHECK: func param entry=B{{[0-9]+}} exit=B{{[0-9]+}}
struct obj *param(struct obj *o)
{
	return o;
	// CHECK: [[@LINE-1]]:2 return o
}

// CHECK: func field entry=B{{[0-9]+}} exit=B{{[0-9]+}}
struct obj *field(struct obj *o)
{
	return o->next;
	// CHECK: [[@LINE-1]]:12 access read o->next
	// CHECK-NEXT: [[@LINE-2]]:2 return o->next
}

// CHECK: func address entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int *address(struct obj *o)
{
	return &o->n;
	// CHECK: [[@LINE-1]]:13 access addr o->n
	// CHECK-NEXT: [[@LINE-2]]:2 return &o->n
}

// CHECK: func global entry=B{{[0-9]+}} exit=B{{[0-9]+}}
struct obj *global(void)
{
	return &g_obj;
	// CHECK: [[@LINE-1]]:10 access addr g_obj
	// CHECK-NEXT: [[@LINE-2]]:2 return &g_obj
}

// CHECK: func result entry=B{{[0-9]+}} exit=B{{[0-9]+}}
struct obj *result(int id)
{
	return lookup(id);
	// CHECK: [[@LINE-1]]:9 call #{{[0-9]+}} lookup(id)
	// CHECK-NEXT: [[@LINE-2]]:2 return lookup()
}

// The value of an assignment is what it stored to.
// CHECK: func stored entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int stored(int x)
{
	return x = 5;
	// CHECK: [[@LINE-1]]:11 assign x = 5
	// CHECK-NEXT: [[@LINE-2]]:2 return x
}

// CHECK: func choose entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int choose(int k)
{
	return k ? 1 : 2;
	// CHECK: [[@LINE-1]]:2 return ?:
}
