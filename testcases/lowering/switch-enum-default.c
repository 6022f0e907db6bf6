// A switch on an enum whose cases name every enumerator still has a way
// into `default:` (C lets an enum object hold any value of its underlying
// type, and code that checks for that is exactly what must be analysed).
// Clang's CFG marks that edge as unreachable, and the lowering drops it
// with the other pruned edges, so the default block has no predecessor and
// its events are never analysed (sleep-under-lock/enum-switch-default.c
// shows a finding lost that way).
// XFAIL: *
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

enum state { IDLE, BUSY };
void a(int k);

void covered(enum state s)
{
	switch (s) {
	case IDLE:
		a(0);
		break;
	case BUSY:
		a(1);
		break;
	default:
		a(2);
	}
}
// CHECK:      func covered entry={{B[0-9]+}} exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[SWITCH:B[0-9]+]]:
// CHECK-NEXT: -> [[BUSY:B[0-9]+]] if s == 1
// CHECK-NEXT: -> [[IDLE:B[0-9]+]] if s == 0
// CHECK-NEXT: -> [[DEFAULT:B[0-9]+]]
// CHECK-NEXT: [[DEFAULT]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(2) unused
