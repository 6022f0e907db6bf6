// goto: an edge to the label's block, forwards or backwards.  (A computed
// goto is an UNKNOWN event: unknown.c.)
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

void a(int k);

void jump(int n)
{
	if (n)
		goto out;
	a(1);
again:
	a(2);
	if (n > 3)
		goto again;
out:
	a(3);
}
// CHECK:      func jump entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[OUT:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} a(3) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[BACKWARD:B[0-9]+]]:
// CHECK-NEXT: -> [[AGAIN:B[0-9]+]]
// CHECK-NEXT: [[AGAIN]]:
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} a(2) unused
// CHECK-NEXT: -> [[BACKWARD]]
// CHECK-NEXT: -> [[OUT]]
// CHECK-NEXT: [[ONE:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} a(1) unused
// CHECK-NEXT: -> [[AGAIN]]
// CHECK-NEXT: [[FORWARD:B[0-9]+]]:
// CHECK-NEXT: -> [[OUT]]
// CHECK-NEXT: [[COND:B[0-9]+]]:
// CHECK-NEXT: -> [[FORWARD]] if n != 0
// CHECK-NEXT: -> [[ONE]] if n == 0
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[COND]]
