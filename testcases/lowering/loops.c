// Loops (docs/ir.md, control flow): the condition's block has the back
// edge's target as one successor and the way out as the other, with the
// facts of the condition; a loop's body and increment are blocks of their
// own; break and continue are edges.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

void a(int k);

void while_loop(int n)
{
	while (n)
		a(n--);
}
// CHECK:      func while_loop entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[BACK:B[0-9]+]]:
// CHECK-NEXT: -> [[COND:B[0-9]+]]
// CHECK-NEXT: [[BODY:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:6 assign n = ?
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(?) unused
// CHECK-NEXT: -> [[BACK]]
// CHECK-NEXT: [[COND]]:
// CHECK-NEXT: -> [[BODY]] if n != 0
// CHECK-NEXT: -> [[EXIT]] if n == 0
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[COND]]

void for_loop(int n)
{
	for (int i = 0; i < n; i++)
		a(i);
}
// CHECK:      func for_loop entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[AFTER:B[0-9]+]]:
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[INCR:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:26 assign i = ?
// CHECK-NEXT: -> [[COND:B[0-9]+]]
// CHECK-NEXT: [[BODY:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(i) unused
// CHECK-NEXT: -> [[INCR]]
// CHECK-NEXT: [[COND]]:
// CHECK-NEXT: -> [[BODY]]
// CHECK-NEXT: -> [[AFTER]]
// CHECK-NEXT: [[INIT:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:11 assign i = 0
// CHECK-NEXT: -> [[COND]]
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[INIT]]

void do_while(int *p)
{
	do {
		a(0);
	} while (p);
}
// CHECK:      func do_while entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[COND:B[0-9]+]]:
// CHECK-NEXT: -> [[BACK:B[0-9]+]] if p != 0
// CHECK-NEXT: -> [[EXIT]] if p == 0
// CHECK-NEXT: [[BODY:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(0) unused
// CHECK-NEXT: -> [[COND]]
// CHECK-NEXT: [[BACK]]:
// CHECK-NEXT: -> [[BODY]]
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[BODY]]

void forever(int n)
{
	for (;;) {
		if (n)
			break;
		a(1);
		if (n > 2)
			continue;
		a(2);
	}
	a(3);
}
// CHECK:      func forever entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[OUT:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} a(3) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[LOOP:B[0-9]+]]:
// CHECK-NEXT: -> [[TOP:B[0-9]+]]
// CHECK-NEXT: [[TWO:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(2) unused
// CHECK-NEXT: -> [[LOOP]]
// CHECK-NEXT: [[CONTINUE:B[0-9]+]]:
// CHECK-NEXT: -> [[LOOP]]
// CHECK-NEXT: [[ONE:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(1) unused
// CHECK-NEXT: -> [[CONTINUE]]
// CHECK-NEXT: -> [[TWO]]
// CHECK-NEXT: [[BREAK:B[0-9]+]]:
// CHECK-NEXT: -> [[OUT]]
// CHECK-NEXT: [[TEST:B[0-9]+]]:
// CHECK-NEXT: -> [[BREAK]] if n != 0
// CHECK-NEXT: -> [[ONE]] if n == 0
// CHECK-NEXT: [[TOP]]:
// CHECK-NEXT: -> [[TEST]]
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[TOP]]
