// Statement expressions ({ ...; e; }): their statements are lowered where
// they are evaluated, their value is that of the last expression, and a
// condition that is one tests that last expression.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct obj {
	int n;
};
int get(void);
void a(int k);

// CHECK: func values entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int values(struct obj *o)
{
	int x = ({ int t = get(); t + 1; });
	// CHECK: [[@LINE-1]]:21 call #{{[0-9]+}} get() -> t
	// CHECK-NEXT: [[@LINE-2]]:17 assign t = get()
	// CHECK-NEXT: [[@LINE-3]]:6 assign x = ?
	int y = ({ a(0); o->n; });
	// CHECK-NEXT: [[@LINE-1]]:13 call #{{[0-9]+}} a(0) unused
	// CHECK-NEXT: [[@LINE-2]]:22 access read o->n
	// CHECK-NEXT: [[@LINE-3]]:6 assign y = o->n
	return ({ x; });
	// CHECK-NEXT: [[@LINE-1]]:2 return x
}

void condition(struct obj *o)
{
	if (({ a(1); o->n; }))
		a(2);
}
// CHECK:      func condition entry={{B[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      {{[0-9]+}}:9 call #{{[0-9]+}} a(1) unused
// CHECK-NEXT: {{[0-9]+}}:18 access read o->n
// CHECK-NEXT: -> [[THEN:B[0-9]+]] if o->n != 0
// CHECK-NEXT: -> [[EXIT]] if o->n == 0
