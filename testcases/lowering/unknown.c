// What the adapter does not understand is an UNKNOWN event with a location
// and a reason (docs/ir.md), never silence: inline assembly (also asm
// goto), a computed goto, a returns_twice call's second return, stores,
// increments and field accesses through an lvalue the IR cannot name, and
// bodies it does not analyse (block literals, captured statements, OpenMP
// directives).
// RUN: %clang -fsyntax-only -fblocks -fopenmp %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s
#include <setjmp.h>

struct obj {
	int n;
};
void a(int k);
jmp_buf env;

// CHECK: func assembly entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void assembly(void)
{
	__asm__ volatile("" ::: "memory");
	// CHECK: [[@LINE-1]]:2 unknown inline assembly
	a(1);
	// CHECK-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} a(1) unused
}

void assembly_goto(void)
{
	__asm__ goto("" :::: out);
	a(1);
out:
	a(2);
}
// CHECK:      func assembly_goto entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// CHECK:      {{[0-9]+}}:2 unknown inline assembly
// CHECK-NEXT: -> B{{[0-9]+}}
// CHECK-NEXT: -> B{{[0-9]+}}

void computed_goto(int k)
{
	static void *labels[] = {&&one, &&two};
	goto *labels[k];
one:
	a(1);
two:
	a(2);
}
// CHECK:      func computed_goto entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// CHECK:      {{[0-9]+}}:2 unknown computed goto

// The call itself is lowered; its second return is not.
void returns_twice(void)
{
	if (setjmp(env))
		a(1);
}
// CHECK:      func returns_twice entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// CHECK:      {{[0-9]+}}:6 access addr env to #[[SJ:[0-9]+]]
// CHECK-NEXT: {{[0-9]+}}:6 call #[[SJ]] _setjmp(env)
// CHECK-NEXT: {{[0-9]+}}:6 unknown call to a returns_twice function: its second return is not modelled

// Lvalues at a computed address have no path.
void unnamed(int k)
{
	((struct obj *)(long)(k * 8))->n = 1;
	(*(int *)(long)(k * 8))++;
	*(int *)(long)(k * 8) = 2;
	a(((struct obj *)(long)(k * 8))->n);
}
// CHECK:      func unnamed entry=B{{[0-9]+}} exit=B{{[0-9]+}}
// CHECK:      [[#L:]]:33 unknown access to field 'n' through an expression lockwarden cannot name
// CHECK-NEXT: [[#L+1]]:25 unknown increment of an lvalue lockwarden cannot name
// CHECK-NEXT: [[#L+2]]:24 unknown store to an lvalue lockwarden cannot name
// CHECK-NEXT: [[#L+3]]:35 unknown access to field 'n' through an expression lockwarden cannot name
// CHECK-NEXT: [[#L+3]]:2 call #{{[0-9]+}} a(?) unused

// Bodies that run elsewhere or later.
// CHECK: func bodies entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void bodies(int k)
{
	void (^blk)(void) = ^{ a(3); };
	// CHECK: [[@LINE-1]]:22 unknown block literal (body not analysed)
	// CHECK-NEXT: [[@LINE-2]]:9 assign blk = ?
#pragma clang __debug captured
	{
		a(k);
	}
	// CHECK-NEXT: [[@LINE-3]]:2 unknown captured statement (body not analysed)
#pragma omp parallel
	{
		a(4);
	}
	// CHECK-NEXT: [[@LINE-2]]:3 call #{{[0-9]+}} a(4) unused
	// CHECK-NEXT: [[@LINE-5]]:1 unknown OpenMP directive (body not analysed)
	a(5);
	// CHECK-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} a(5) unused
}
