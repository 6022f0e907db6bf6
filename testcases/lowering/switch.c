// switch (docs/ir.md, control flow): the edge to `case K:` knows that the
// switched value equals K (an enumerator is its value); `default`, a GNU
// case range and the way out of a switch without default know nothing, and
// neither does any edge when the switched value is not a path.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

enum colour { RED = 1, GREEN = 4 };
struct obj {
	int kind;
};
void a(int k);

void kinds(struct obj *p)
{
	switch (p->kind) {
	case RED:
		a(1);
		break;
	case GREEN:
	case 7:
		a(2);
		/* fall through */
	case 8 ... 9:
		a(3);
		break;
	default:
		a(4);
	}
}
// CHECK:      func kinds entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[SWITCH:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:13 access read p->kind
// CHECK-NEXT: -> [[RANGE:B[0-9]+]]
// CHECK-NEXT: -> [[GREEN:B[0-9]+]] if p->kind == 4
// CHECK-NEXT: -> [[SEVEN:B[0-9]+]] if p->kind == 7
// CHECK-NEXT: -> [[RED:B[0-9]+]] if p->kind == 1
// CHECK-NEXT: -> [[DEFAULT:B[0-9]+]]
// CHECK-NEXT: [[DEFAULT]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(4) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[RANGE]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(3) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[GREEN]]:
// CHECK-NEXT: -> [[SEVEN]]
// CHECK-NEXT: [[SEVEN]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(2) unused
// CHECK-NEXT: -> [[RANGE]]
// CHECK-NEXT: [[RED]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(1) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[SWITCH]]

// No default: the edge that leaves the switch has no fact.
void no_default(int k)
{
	switch (k) {
	case 0:
		a(0);
	}
}
// CHECK:      func no_default entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[ZERO:B[0-9]+]] if k == 0
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[ZERO]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(0) unused

// A computed value: no facts on any edge.
void computed(int k)
{
	switch (k + 1) {
	case 0:
		a(0);
		break;
	case 1:
		a(1);
	}
}
// CHECK:      func computed entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// CHECK-NOT:  if
// CHECK:      func end {{.*}}
void end(void)
{
}
