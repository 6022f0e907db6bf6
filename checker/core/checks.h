/*
 * checks.h - the tracker's state as the checks see it, and the check hooks.
 *
 * flow.c owns the state and calls these hooks during its reporting pass;
 * checks.c owns the verdicts.  A check never changes the state.
 */
#ifndef LW_CHECKS_H
#define LW_CHECKS_H

#include "flow.h"

#define LW_MAX_HELD 8
#define LW_MAX_FACTS 16
#define LW_MAX_PEND 4
#define LW_MAX_SNAP 6
#define LW_MAX_FRESH 6
#define LW_MAX_STATES 24
#define LW_MAX_ALIAS 4

struct lw_held {
	struct lw_path path; /* the lock object, in this function's terms */
	struct lw_lockclass cls;
	struct lw_path guard; /* root NONE unless held through a guard */
	uint32_t site;        /* index into lw_flow.sites; 0 = held on entry */
	uint8_t shared, driver, entry;
	uint8_t count;  /* nested read locks of a rwlock, minus one */
	uint8_t handed; /* passed to another thread (LW_HANDS_OFF): no longer
			 * this function's to release, still releasable */
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

/* flow.c's state_copy() copies the used part of each array: a new member
 * must be added there too. */
struct lw_state {
	uint8_t nheld, nfacts, npend, nsnap, nrel, ndone, nfresh, rcu, has_ret;
	struct lw_loc rcu_loc, ret_loc;
	struct lw_value ret_val; /* what the last RETURN returned */
	struct lw_held held[LW_MAX_HELD];
	struct lw_fact facts[LW_MAX_FACTS];
	struct lw_pend pend[LW_MAX_PEND];
	struct lw_snap snap[LW_MAX_SNAP];
	struct lw_relent rel[LW_MAX_REL];  /* caller's locks released */
	struct lw_relent done[LW_MAX_REL]; /* released here (double release) */
	struct lw_path fresh[LW_MAX_FRESH]; /* objects allocated here */
	/* locals that hold a copy of a parameter's or global's value
	 * (GLib's g_clear_pointer: _pp = vm; *_pp = NULL) */
	uint8_t nalias;
	struct lw_path alias_from[LW_MAX_ALIAS];
	struct lw_path alias_to[LW_MAX_ALIAS];
};

/* Where a lock was taken in this function (for notes and needless-lock). */
struct lw_site {
	struct lw_loc loc, rel_loc;
	uint32_t call_id;
	lw_str callee;
	struct lw_path path;
	struct lw_lockclass cls;
	uint8_t driver, used, released, reported;
};

struct lw_probe {
	struct lw_loc loc;
	const char *text;
};

struct lw_flow {
	struct lw_analysis *a;
	const struct lw_func *fn;
	const struct lw_fdecl *fd;
	const struct lw_event **calls; /* by call id */
	int report, gave_up, overflow;
	struct lw_site *sites;
	uint32_t nsites, cap_sites;
	struct lw_state **exits;
	uint32_t nexits, cap_exits;
	struct lw_blockpt *block;
	uint32_t nblock, cap_block;
	struct lw_lockclass *uses;
	uint32_t nuse, cap_use;
	struct lw_need *needs;
	uint32_t nneed, cap_need;
	struct lw_probe *probes;
	uint32_t nprobes, cap_probes;
	const struct lw_state *cur; /* the state transfer() is working on */
	struct lw_path *grel; /* guards of the caller released here */
	uint32_t ngrel, cap_grel;
};

/* flow.c helpers the checks use */
uint32_t lw__path_sig(const struct lw_path *p); /* equal paths, equal sigs */
struct lw_lockclass lw__path_class(const struct lw_tu *tu, const struct lw_path *p);
int lw__held_index(const struct lw_state *s, const struct lw_path *p, struct lw_lockclass cls);
int lw__subst(struct lw_flow *f, const struct lw_event *call, const struct lw_path *in,
	      struct lw_path *out);
void lw__use_class(struct lw_flow *f, struct lw_state *s, struct lw_lockclass c);

/* checks.c helpers the tracker uses */
int lw__returns_locked(const struct lw_flow *f, const struct lw_path *lock);
/* The unguarded-access finding for a read or write of a field or a global. */
int lw__unguarded_diag(int global, int write);

/* hooks (checks.c) */
void lw__check_block_direct(struct lw_flow *f, const struct lw_state *s,
			    const struct lw_event *e, int cat, const struct lw_path *waited);
void lw__check_block_via_call(struct lw_flow *f, const struct lw_state *s,
			      const struct lw_event *e, const struct lw_summary *sum);
void lw__check_access(struct lw_flow *f, struct lw_state *s, const struct lw_event *e);
void lw__check_need_at_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			    const struct lw_need *n, int report);
void lw__check_required_call(struct lw_flow *f, const struct lw_state *s,
			     const struct lw_event *e, const struct lw_path *p,
			     struct lw_lockclass c);
void lw__check_excluded_call(struct lw_flow *f, const struct lw_state *s,
			     const struct lw_event *e, const struct lw_path *p,
			     struct lw_lockclass c);
void lw__check_double_acquire(struct lw_flow *f, const struct lw_state *s,
			      const struct lw_event *e, const struct lw_held *h);
void lw__check_double_release(struct lw_flow *f, const struct lw_state *s,
			      const struct lw_event *e, const struct lw_relent *r);
void lw__check_debug_lockset(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e);
void lw__check_function_end(struct lw_flow *f);

#endif /* LW_CHECKS_H */
