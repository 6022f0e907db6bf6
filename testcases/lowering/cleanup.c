// __attribute__((cleanup(f))) (docs/ir.md, CALL flag CLEANUP): every exit
// from the variable's scope calls f(&var): the closing brace, a return
// (after its RETURN event), break, continue and goto, each located at the
// statement that leaves, in reverse order of declaration, and only for the
// variables declared before that exit.
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct guard {
	int *m;
};
struct guard lock_g(int *m);
void unlock_g(struct guard *g);
void freep(void *p);
void a(int k);

// CHECK: func at_return entry=B{{[0-9]+}} exit=[[EXIT:B[0-9]+]]
int at_return(int *m)
{
	struct guard g __attribute__((cleanup(unlock_g))) = lock_g(m);
	// CHECK: [[@LINE-1]]:54 call #{{[0-9]+}} lock_g(m) -> g
	// CHECK-NEXT: [[@LINE-2]]:15 assign g = lock_g()
	char *buf __attribute__((cleanup(freep))) = 0;
	// CHECK-NEXT: [[@LINE-1]]:8 assign buf = 0
	a(0);
	// CHECK-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} a(0) unused
	return 1;
	// CHECK-NEXT: [[@LINE-1]]:2 return 1
	// CHECK-NEXT: [[@LINE-2]]:2 call #{{[0-9]+}} freep(&buf) cleanup
	// CHECK-NEXT: [[@LINE-3]]:2 call #{{[0-9]+}} unlock_g(&g) cleanup
	// CHECK-NEXT: -> [[EXIT]]
}

// The closing brace of an inner block.
// CHECK: func at_brace entry=B{{[0-9]+}} exit=B{{[0-9]+}}
void at_brace(int *m)
{
	a(1);
	// CHECK: [[@LINE-1]]:2 call #{{[0-9]+}} a(1) unused
	{
		struct guard g __attribute__((cleanup(unlock_g))) = lock_g(m);
		// CHECK-NEXT: [[@LINE-1]]:55 call #{{[0-9]+}} lock_g(m) -> g
		// CHECK-NEXT: [[@LINE-2]]:16 assign g = lock_g()
		a(2);
		// CHECK-NEXT: [[@LINE-1]]:3 call #{{[0-9]+}} a(2) unused
	}
	// CHECK-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} unlock_g(&g) cleanup
	a(3);
	// CHECK-NEXT: [[@LINE-1]]:2 call #{{[0-9]+}} a(3) unused
}

// A return before the declaration has no cleanup; one after it has.
int early(int *m, int n)
{
	if (n)
		return -1;
	struct guard g __attribute__((cleanup(unlock_g))) = lock_g(m);
	if (n > 1)
		return 1;
	return 0;
}
// CHECK:      func early entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[LAST:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:2 return 0
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} unlock_g(&g) cleanup
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[SECOND:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 return 1
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} unlock_g(&g) cleanup
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[DECL:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:54 call #{{[0-9]+}} lock_g(m) -> g
// CHECK-NEXT: {{[0-9]+}}:15 assign g = lock_g()
// CHECK-NEXT: -> [[SECOND]]
// CHECK-NEXT: -> [[LAST]]
// CHECK-NEXT: [[FIRST:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 return -1
// CHECK-NEXT: -> [[EXIT]]

// break, continue and goto leave the loop body's scope: each calls the
// cleanup where it is written; so does the end of an iteration.
void in_loop(int *m, int n)
{
	for (int i = 0; i < n; i++) {
		struct guard g __attribute__((cleanup(unlock_g))) = lock_g(m);
		if (i == 2)
			break;
		if (i == 3)
			continue;
		if (i == 4)
			goto out;
		a(i);
	}
out:
	a(-1);
}
// CHECK:      func in_loop entry=[[ENTRY:B[0-9]+]] exit=[[EXIT:B[0-9]+]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT: [[OUT:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} a(-1) unused
// CHECK-NEXT: -> [[EXIT]]
// CHECK-NEXT: [[AFTER:B[0-9]+]]:
// CHECK-NEXT: -> [[OUT]]
// CHECK-NEXT: [[INCR:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:26 assign i = ?
// CHECK-NEXT: -> [[COND:B[0-9]+]]
// CHECK-NEXT: [[BODYEND:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:3 call #{{[0-9]+}} a(i) unused
// CHECK-NEXT: {{[0-9]+}}:2 call #{{[0-9]+}} unlock_g(&g) cleanup
// CHECK-NEXT: -> [[INCR]]
// CHECK-NEXT: [[GOTO:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:4 call #{{[0-9]+}} unlock_g(&g) cleanup
// CHECK-NEXT: -> [[OUT]]
// CHECK-NEXT: [[IF4:B[0-9]+]]:
// CHECK-NEXT: -> [[GOTO]] if i == 4
// CHECK-NEXT: -> [[BODYEND]] if i != 4
// CHECK-NEXT: [[CONTINUE:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:4 call #{{[0-9]+}} unlock_g(&g) cleanup
// CHECK-NEXT: -> [[INCR]]
// CHECK-NEXT: [[IF3:B[0-9]+]]:
// CHECK-NEXT: -> [[CONTINUE]] if i == 3
// CHECK-NEXT: -> [[IF4]] if i != 3
// CHECK-NEXT: [[BREAK:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:4 call #{{[0-9]+}} unlock_g(&g) cleanup
// CHECK-NEXT: -> [[AFTER]]
// CHECK-NEXT: [[DECL:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:55 call #{{[0-9]+}} lock_g(m) -> g
// CHECK-NEXT: {{[0-9]+}}:16 assign g = lock_g()
// CHECK-NEXT: -> [[BREAK]] if i == 2
// CHECK-NEXT: -> [[IF3]] if i != 2
// CHECK-NEXT: [[COND]]:
// CHECK-NEXT: -> [[DECL]]
// CHECK-NEXT: -> [[AFTER]]
// CHECK-NEXT: [[INIT:B[0-9]+]]:
// CHECK-NEXT: {{[0-9]+}}:11 assign i = 0
// CHECK-NEXT: -> [[COND]]
// CHECK-NEXT: [[ENTRY]]:
// CHECK-NEXT: -> [[INIT]]
