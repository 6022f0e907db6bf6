// Builtin atomic expressions are CALL events flagged atomic, named as the
// user spells them, with the operands in the user's order (the memory
// orders as their constants); the address they act on is an ACCESS ADDR
// passed to that call.  __sync_* are ordinary builtin calls (Clang names
// the sized variant).
// RUN: %clang -fsyntax-only %lw_flags -fplugin-arg-lockwarden-checks=-* \
// RUN:   -fplugin-arg-lockwarden-dump-ir %s 2>&1 | FileCheck --match-full-lines %s

struct obj {
	int n;
	_Atomic int an;
};

// CHECK: func atomics entry=B{{[0-9]+}} exit=B{{[0-9]+}}
int atomics(struct obj *o, int k)
{
	__atomic_store_n(&o->n, k, __ATOMIC_RELEASE);
	// CHECK: [[@LINE-1]]:23 access addr o->n to #[[S:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:2 call #[[S]] __atomic_store_n(&o->n, k, 3) atomic
	int v = __atomic_load_n(&o->n, __ATOMIC_ACQUIRE);
	// CHECK-NEXT: [[@LINE-1]]:30 access addr o->n to #[[L:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:10 call #[[L]] __atomic_load_n(&o->n, 2) -> v atomic
	// CHECK-NEXT: [[@LINE-3]]:6 assign v = __atomic_load_n()
	__atomic_compare_exchange_n(&o->n, &v, 5, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
	// CHECK-NEXT: [[@LINE-1]]:34 access addr o->n to #[[X:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:2 call #[[X]] __atomic_compare_exchange_n(&o->n, &v, 5, 0, 5, 0) atomic
	__c11_atomic_fetch_add(&o->an, 1, __ATOMIC_SEQ_CST);
	// CHECK-NEXT: [[@LINE-1]]:29 access addr o->an to #[[F:[0-9]+]] atomic-type
	// CHECK-NEXT: [[@LINE-2]]:2 call #[[F]] __c11_atomic_fetch_add(&o->an, 1, 5) atomic
	__sync_fetch_and_add(&o->n, 1);
	// CHECK-NEXT: [[@LINE-1]]:27 access addr o->n to #[[Y:[0-9]+]]
	// CHECK-NEXT: [[@LINE-2]]:2 call #[[Y]] __sync_fetch_and_add_4(&o->n, 1) unused
	return v;
}
