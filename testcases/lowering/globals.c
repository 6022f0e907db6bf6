// Globals (docs/ir.md, ACCESS and ASSIGN): a use of a global variable is
// an ACCESS whose path is the global alone, with the mode of its use; a
// store to it is also an ASSIGN, which carries the state change.  A system
// header's globals get no ACCESS; a function-static variable is a local.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s
#include <stdio.h>

struct stats {
	int calls;
};
int counter;
static int *gp;
struct stats st;
int table[8];
void use(int *p);

// CHECK: func globals entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int globals(int i)
{
	counter = 1;
	// CHECK: [[@LINE-1]]:2 access write counter = 1
	// CHECK-NEXT: [[@LINE-2]]:10 assign counter = 1
	counter += i;
	// CHECK-NEXT: [[@LINE-1]]:2 access rmw counter
	// CHECK-NEXT: [[@LINE-2]]:10 assign counter = ?
	counter++;
	// CHECK-NEXT: [[@LINE-1]]:2 access rmw counter
	// CHECK-NEXT: [[@LINE-2]]:9 assign counter = ?
	int t = counter;
	// CHECK-NEXT: [[@LINE-1]]:10 access read counter
	// CHECK-NEXT: [[@LINE-2]]:6 assign t = counter
	use(&counter);
	// CHECK-NEXT: [[@LINE-1]]:7 access addr counter to #[[USE:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:2 call #[[USE]] use(&counter) unused
	gp = &counter;
	// CHECK-NEXT: [[@LINE-1]]:8 access addr counter
	// CHECK-NEXT: [[@LINE-2]]:2 access write gp = &counter
	// CHECK-NEXT: [[@LINE-3]]:5 assign gp = &counter
	*gp = 3;
	// CHECK-NEXT: [[@LINE-1]]:3 access read gp
	// CHECK-NEXT: [[@LINE-2]]:6 assign *gp = 3
	table[i] = 2;
	// CHECK-NEXT: [[@LINE-1]]:2 access write table = 2
	// CHECK-NEXT: [[@LINE-2]]:11 assign *table = 2
	return t;
	// CHECK-NEXT: [[@LINE-1]]:2 return t
}

// A member of a struct global is a use of the global, with the member's
// mode; the member is a field ACCESS as well (and, a field, no ASSIGN).
// CHECK: func members entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int members(void)
{
	st.calls++;
	// CHECK: [[@LINE-1]]:2 access rmw st
	// CHECK-NEXT: [[@LINE-2]]:5 access rmw st.calls
	st.calls = 0;
	// CHECK-NEXT: [[@LINE-1]]:2 access write st = ?
	// CHECK-NEXT: [[@LINE-2]]:5 access write st.calls = 0
	return st.calls;
	// CHECK-NEXT: [[@LINE-1]]:9 access read st
	// CHECK-NEXT: [[@LINE-2]]:12 access read st.calls
	// CHECK-NEXT: [[@LINE-3]]:2 return st.calls
}

// stdout is a system header's global: its value is passed, no ACCESS.
// A static local is a LOCAL root: an ASSIGN, no ACCESS.
// CHECK: func unwatched entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void unwatched(void)
{
	static int calls;
	calls = 4;
	// CHECK: [[@LINE-1]]:8 assign calls = 4
	fflush(stdout);
	// CHECK-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} fflush(stdout) unused
	// CHECK-NEXT: -> B{{[0-9]+}}
}
