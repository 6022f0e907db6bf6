// Branch conditions (docs/ir.md, control flow): a two-way branch carries
// the fact its condition gives on each edge: `if (p)` is p != 0 on the true
// edge and p == 0 on the false one; `!` swaps them; `== k` and `!= k` with
// an integer constant (either side; null is 0) give value == k / != k;
// `&&`, `||` and `?:` test each operand in a block of its own.  A
// condition the IR cannot state gives edges without facts.
// Blocks are matched by name ([[THEN]]), not by number.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct obj {
	int state;
	struct obj *next;
};
enum { READY = 4 };
void a(void);
void b(void);
int get(void);

void if_pointer(struct obj *p)
{
	if (p)
		a();
	else
		b();
}
// CHECK:      func if_pointer entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[ELSE:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} b() unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[THEN:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a() unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[COND:B[0-9]+]]:
// CHECK-NEXT: -> [[THEN]] if p != 0
// CHECK-NEXT: -> [[ELSE]] if p == 0
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[COND]]

void if_not(struct obj *p)
{
	if (!p)
		a();
}
// CHECK:      func if_not entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[THEN:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a() unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[COND:B[0-9]+]]:
// CHECK-NEXT: -> [[THEN]] if p == 0
// CHECK-NEXT: -> [[EXIT]] if p != 0
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[COND]]

void if_not_not(struct obj *p)
{
	if (!!p)
		a();
}
// CHECK:      func if_not_not entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[THEN:B[0-9]+]] if p != 0
// CHECK-NEXT: -> [[EXIT]] if p == 0

void if_equal(int k)
{
	if (k == 3)
		a();
}
// CHECK:      func if_equal entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[THEN:B[0-9]+]] if k == 3
// CHECK-NEXT: -> [[EXIT]] if k != 3

void if_equal_reversed(int k)
{
	if (READY == k)
		a();
}
// CHECK:      func if_equal_reversed entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[THEN:B[0-9]+]] if k == 4
// CHECK-NEXT: -> [[EXIT]] if k != 4

// The field is read in the block that tests it.
void if_not_equal(struct obj *p)
{
	if (p->state != 2)
		a();
}
// CHECK:      func if_not_equal entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      {{[0-9]+}}:9 access read p->state
// CHECK-NEXT: -> [[THEN:B[0-9]+]] if p->state != 2
// CHECK-NEXT: -> [[EXIT]] if p->state == 2

void if_null(struct obj *p)
{
	if (p->next == (void *)0)
		a();
}
// CHECK:      func if_null entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      -> [[THEN:B[0-9]+]] if p->next == 0
// CHECK-NEXT: -> [[EXIT]] if p->next != 0

// `p && k`: the block testing p goes on to the block testing k, or out.
void if_and(struct obj *p, int k)
{
	if (p && k)
		a();
}
// CHECK:      func if_and entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[THEN:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a() unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[RHS:B[0-9]+]]:
// CHECK-NEXT: -> [[THEN]] if k != 0
// CHECK-NEXT: -> [[EXIT]] if k == 0
// CHECK-NEXT: [[LHS:B[0-9]+]]:
// CHECK-NEXT: -> [[RHS]] if p != 0
// CHECK-NEXT: -> [[EXIT]] if p == 0
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[LHS]]

void if_or(struct obj *p, int k)
{
	if (p || k)
		a();
}
// CHECK:      func if_or entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[THEN:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a() unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[RHS:B[0-9]+]]:
// CHECK-NEXT: -> [[THEN]] if k != 0
// CHECK-NEXT: -> [[EXIT]] if k == 0
// CHECK-NEXT: [[LHS:B[0-9]+]]:
// CHECK-NEXT: -> [[THEN]] if p != 0
// CHECK-NEXT: -> [[RHS]] if p == 0
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[LHS]]

// `?:`: the field is read only on the true side.  The value lives in a
// local of its own, named "?:", which each arm assigns, so what is known
// about it follows the branch taken (a try-lock's result mapped to 1 or 0).
int conditional(struct obj *p)
{
	return p ? p->state : -1;
}
// CHECK:      func conditional entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[JOIN:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:2 return ?:
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[TRUE:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:16 access read p->state
// CHECK-NEXT: {{[0-9]+}}:13 assign ?: = p->state
// CHECK-NEXT: -> [[JOIN]]
// CHECK-NEXT: [[FALSE:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:24 assign ?: = -1
// CHECK-NEXT: -> [[JOIN]]
// CHECK-NEXT: [[COND:B[0-9]+]]:
// CHECK-NEXT: -> [[TRUE]] if p != 0
// CHECK-NEXT: -> [[FALSE]] if p == 0
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[COND]]

// An lvalue chosen by `?:` is reached through the "?:" local: on each side
// it holds that side's pointer.
void chosen(struct obj *p, struct obj *q, int k)
{
	(k ? p : q)->state = 1;
}
// CHECK:      func chosen entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// CHECK:      {{[0-9]+}}:15 access write ?:->state = 1
// CHECK:      {{[0-9]+}}:7 assign ?: = p
// CHECK:      {{[0-9]+}}:11 assign ?: = q

// A call's result, tested where it is made.
void call_result(void)
{
	if (get())
		a();
}
// CHECK:      func call_result entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK:      {{[0-9]+}}:6 call #{{[0-9]+}} get()
// CHECK-NEXT: -> [[THEN:B[0-9]+]] if get() != 0
// CHECK-NEXT: -> [[EXIT]] if get() == 0

// No facts: a comparison with a non-constant, an ordering.
void no_facts(int k, int m)
{
	if (k == m)
		a();
	if (k < 0)
		b();
}
// CHECK:      func no_facts entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// CHECK-NOT:  if
// CHECK:      func end {{.*}}
void end(void)
{
}
