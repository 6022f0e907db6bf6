/*
 * state.h - the tracker's abstract state at one program point.
 *
 * A state is a handful of small sets (locks held, pointer facts, pending
 * try-locks, ...), each of fixed capacity (capacity.h).  The sets are listed
 * once, in LW_STATE_SETS; copying, comparing and hashing states are
 * generated from that list (state.c), so a new set is one row there plus
 * its element's equality and hash.
 *
 * The tracker (flow*.c) owns and changes states; the checks get them as
 * const.
 */
#ifndef LW_STATE_H
#define LW_STATE_H

#include "annot.h"
#include "ir.h"
#include "capacity.h"

struct lw_event;

struct lw_held {
	struct lw_path path; /* the lock object, in this function's terms */
	struct lw_lockclass cls;
	struct lw_path guard; /* root NONE unless held through a guard */
	uint32_t site;        /* index into lw_flow.sites; 0 = held on entry */
	uint8_t shared, driver, entry;
	uint8_t count;  /* nested read locks of a rwlock, minus one */
	uint8_t handed; /* passed to another thread (LW_HANDS_OFF): no longer
			 * this function's to release, still releasable */
	uint8_t doubled; /* acquired again while held (a finding): a second
			  * release is not one more */
};

struct lw_fact {
	struct lw_path path;
	uint32_t sig; /* lw__path_sig(&path), to compare facts cheaply */
	uint8_t nonzero;
};

struct lw_pend {
	struct lw_path key; /* where the try-lock's result is */
	int64_t ret;
	struct lw_held h;
	const struct lw_event *call;
	uint8_t query; /* an "is it held?" query (LW_TESTS_HELD): takes nothing,
			* says whether h.path is held on each side */
};

struct lw_snap {
	struct lw_path path; /* a local holding a snapshot pointer */
	struct lw_path from; /* the RCU field it was loaded from */
	struct lw_loc loc;
};

struct lw_relent {
	struct lw_path path;
	struct lw_lockclass cls;
	struct lw_loc loc;
	uint8_t maybe; /* released on some of a callee's paths only */
};

/* A local that holds a copy of a parameter's or global's value (GLib's
 * g_clear_pointer: _pp = vm; *_pp = NULL).  In the copy set: a local that
 * holds the value of a field the caller can name (vm = mon->vm), used only
 * to see that a release through it drops the caller's lock. */
struct lw_alias {
	struct lw_path from; /* the local (or a union member of it) */
	struct lw_path to;   /* the parameter or global */
};

/*
 * X(name, element type, capacity, property, killed):
 * - property: part of what the analysis tracks, so states that differ in
 *   it stay apart at joins (ESP); the facts are not: joined states keep the
 *   facts both agree on.
 * - killed: an element whose key path (name##_key() in state.c) lies at
 *   or below an overwritten path is forgotten (lw__kill_path).
 * held must stay first: state copies take the scalars before it in one go.
 */
#define LW_STATE_SETS(X)                                                       \
	X(held, struct lw_held, LW_MAX_HELD, 1, 0)                             \
	X(facts, struct lw_fact, LW_MAX_FACTS, 0, 1)                           \
	X(pend, struct lw_pend, LW_MAX_PEND, 1, 1)                             \
	X(snap, struct lw_snap, LW_MAX_SNAP, 1, 1)                             \
	X(rel, struct lw_relent, LW_MAX_REL, 1, 0)  /* caller's locks released */ \
	X(done, struct lw_relent, LW_MAX_REL, 1, 0) /* released here */        \
	X(unheld, struct lw_relent, LW_MAX_REL, 1, 0) /* known not held (a query said so) */ \
	X(fresh, struct lw_path, LW_MAX_FRESH, 1, 1) /* allocated here */      \
	X(alias, struct lw_alias, LW_MAX_ALIAS, 1, 0)                          \
	X(copy, struct lw_alias, LW_MAX_ALIAS, 1, 1) /* vm = mon->vm: for releases */

struct lw_state {
	uint8_t rcu;     /* RCU read-side nesting */
	uint8_t has_ret; /* a RETURN was passed */
	struct lw_loc rcu_loc, ret_loc;
	struct lw_value ret_val; /* what the last RETURN returned */
#define X(name, type, cap, prop, killed) uint8_t n##name;
	LW_STATE_SETS(X)
#undef X
#define X(name, type, cap, prop, killed) type name[cap];
	LW_STATE_SETS(X)
#undef X
};

/* A hash that agrees with lw_path_equal: members of one union hash alike. */
uint64_t lw__path_hash(const struct lw_path *p);
uint32_t lw__path_sig(const struct lw_path *p); /* equal paths, equal sigs */

/* *d = *s, copying only the used part of each set. */
void lw__state_copy(struct lw_state *d, const struct lw_state *s);
/* Equal for states that lw__state_eq() calls equal. */
uint64_t lw__state_sig(const struct lw_state *s);
/* Everything but the facts: the property the analysis tracks (ESP). */
int lw__property_eq(const struct lw_state *a, const struct lw_state *b);
int lw__state_eq(const struct lw_state *a, const struct lw_state *b);

/* Facts: -1 unknown, 0 known zero, 1 known non-zero. */
int lw__fact_of(const struct lw_state *s, const struct lw_path *p);
int lw__fact_with_sig(const struct lw_state *s, const struct lw_path *p, uint32_t sig);
/* Returns 0, or -1 when the oldest fact made room (LW_MAX_FACTS). */
int lw__add_fact(struct lw_state *s, struct lw_path p, int nonzero);
/* Keeps in o the facts s holds too (ESP's join); returns how many. */
int lw__intersect_facts(struct lw_state *o, const struct lw_state *s);
/* Forget everything known about p and what lies below it. */
void lw__kill_path(struct lw_state *s, const struct lw_path *p);

int lw__held_index(const struct lw_state *s, const struct lw_path *p, struct lw_lockclass cls);
/* Held with exactly this path (not by class). */
int lw__holds_path(const struct lw_state *s, const struct lw_path *p);

#endif /* LW_STATE_H */
