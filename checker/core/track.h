/*
 * track.h - the lock-state tracker's context, shared by its modules:
 *   flow.c          the fixed point over one function's CFG, and transfer()
 *   flow-path.c     lock paths: canonical form, substitution at calls
 *   flow-locks.c    acquiring and releasing, lock sites and their uses
 *   flow-access.c   what a field or global access requires
 *   flow-call.c     the effects of a call (built-in, annotated, summary)
 *   summary.c       a function's summary from its exit states
 *
 * The tracker decides what is held where and fills the summaries; it
 * never decides what is a finding.  At each event of the reporting pass it
 * hands the checks (check.h) a const view of the state and a typed
 * description of the event.  Design: docs/design.md, "Dataflow".
 */
#ifndef LW_TRACK_H
#define LW_TRACK_H

#include <glib.h>

#include "annot.h"
#include "ir.h"
#include "capacity.h"
#include "options.h"
#include "report.h"
#include "state.h"
#include "summary.h"

struct lw_builtin;
struct lw_checks;

/* A function a call through a pointer may call. */
struct lw_target {
	int32_t fdecl;
	struct lw_loc stored; /* where it was stored, or passed */
};

struct lw_access_field {
	const struct lw_field_info *fi; /* NULL: not annotated */
	uint8_t known;       /* filled in */
	uint8_t driver_data; /* an unclassified field that is no lock: the data
			      * a driver lock in its struct protects */
};

/* What the tracker needs to know about a callee from its name alone. */
struct lw_callee {
	const struct lw_builtin *builtin; /* before argument rules; NULL: none */
	uint8_t known;                    /* the fields below are filled in */
	uint8_t allocator;                /* returns fresh memory (LW_BF_ALLOCATOR) */
	uint8_t probe;                    /* lw_debug_lockset */
};

struct lw_analysis {
	struct lw_tu *tu;
	const struct lw_options *opts;
	struct lw_model *model;
	struct lw_diag_list *diags;
	struct lw_summary *sums; /* one per fdecl */
	uint8_t *init_ctx;       /* one per fdecl: runs only at start-up */
	struct lw_arena *scratch; /* one function's analysis; reset after it */
	struct lw_arena *arena;   /* the analysis's lifetime */
	/* what a callee's name says (builtin entry, probe), by lw_str;
	 * filled on first use, ncallees = lw_tu_nstrings() at the start */
	struct lw_callee *callees;
	uint32_t ncallees;
	struct lw_checks *checks; /* the enabled checks and their data */
	struct lw_fnptrs *fnptrs; /* what calls through pointers may call (flow-indirect.c) */
	/* the structs with a driver lock field (lw_str -> 1), and whether a
	 * global is a driver lock: what unclassified data a driver lock protects */
	GHashTable *driver_records;
	uint8_t global_driver_lock;
	struct lw_track_stats stats;
};

/* Where a lock was taken in this function (for notes and needless-lock). */
struct lw_site {
	struct lw_loc loc, rel_loc;
	uint32_t call_id;
	lw_str callee;
	struct lw_path path;
	struct lw_lockclass cls;
	uint8_t driver, used, released;
};

struct lw_flow {
	struct lw_analysis *a;
	const struct lw_func *fn;
	const struct lw_fdecl *fd;
	const struct lw_event **calls; /* by call id */
	uint32_t *evbase; /* per block: the index of its first event in the function */
	/* per event index: what its accessed field or global is (filled on
	 * first use; the fixed point meets each access many times) */
	struct lw_access_field *fields;
	int checking;  /* the reporting pass: events go to the checks */
	int gave_up;   /* LW_MAX_STEPS reached: no summary, no findings */
	uint32_t lost; /* bit per enum lw_limit hit in this function */
	struct lw_site *sites; /* [0]: held on entry */
	uint32_t nsites, cap_sites;
	struct lw_state **exits;
	uint32_t nexits, cap_exits;
	struct lw_blockpt *block;
	uint32_t nblock, cap_block;
	struct lw_lockclass *uses;
	uint32_t nuse, cap_use;
	struct lw_need *needs;
	uint32_t nneed, cap_need;
	struct lw_path *grel; /* guards of the caller released here */
	uint32_t ngrel, cap_grel;
	struct lw_lockparam *takes; /* locks callers can name, taken here or below */
	uint32_t ntakes, cap_takes;
	struct lw_cbcall *cbcalls; /* calls through parameters, here or below */
	uint32_t ncbcalls, cap_cbcalls;
	struct lw_datause *datause; /* driver data touched without its lock, here or below */
	uint32_t ndatause, cap_datause;
	struct lw_target *localfn; /* per local: the one function assigned to it
				    * (fdecl -1 none, -2 several) */
	/* the call being applied goes through a pointer: its first chain
	 * step says so (NULL: a direct call) */
	const struct lw_chainstep *dispatch;
	uint8_t nonblocking_call; /* ... through a pointer annotated LW_NONBLOCKING */
	const struct lw_state *cur; /* the state transfer() is working on */
	/* bit per parameter the body assigns or takes the address of: a fact
	 * about it is no fact about the caller's argument (bit 63: 63 and up) */
	uint64_t params_written;
};

/* Does the body keep parameter i as the caller passed it? */
static inline int lw__param_kept(const struct lw_flow *f, uint32_t i)
{
	return !(f->params_written >> (i < 63 ? i : 63) & 1);
}

/* Analyses one function body and fills its summary.  With checking set,
 * its findings go to the checks as well. */
void lw__flow_function(struct lw_analysis *a, uint32_t func, int checking);

/* A limit was hit: precision lost, recorded for --stats and the debug remarks. */
static inline void lw__limit_hit(struct lw_flow *f, enum lw_limit l)
{
	f->lost |= 1u << l;
}

/* flow.c */
struct lw_callee lw__callee_info(struct lw_analysis *a, lw_str name);
void lw__add_fresh(struct lw_flow *f, struct lw_state *s, const struct lw_path *p);
void lw__assign(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		const struct lw_path *dest, const struct lw_value *v);
int lw__in_init(const struct lw_flow *f);

/* flow-path.c */
struct lw_path lw__mkpath(struct lw_flow *f, const struct lw_path *base,
			  const struct lw_step *more, uint16_t nmore);
struct lw_path lw__canon(struct lw_flow *f, const struct lw_state *s, struct lw_path p);
int lw__alias_slot(const struct lw_path *p);
int lw__copy_of(struct lw_flow *f, const struct lw_state *s, const struct lw_path *p,
		struct lw_path *out);
struct lw_lockclass lw__path_class(const struct lw_path *p);
struct lw_path lw__normalize(struct lw_flow *f, struct lw_path p);
int lw__pointee(struct lw_flow *f, const struct lw_state *s, const struct lw_value *v,
		struct lw_path *out);
int lw__subst(struct lw_flow *f, const struct lw_event *call, const struct lw_path *in,
	      struct lw_path *out);

/* flow-locks.c */
void lw__acquire(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		 struct lw_path path, int shared, const struct lw_path *guard, int recursive);
void lw__release(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		 struct lw_path path, int maybe);
void lw__release_guard(struct lw_flow *f, struct lw_state *s, const struct lw_path *guard,
		       const struct lw_event *e);
void lw__add_pending(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		     struct lw_path p, int64_t ret, int shared, int query);
int lw__query_answer(struct lw_flow *f, struct lw_state *s, const struct lw_held *q, int held);
void lw__drop_rooted(struct lw_state *s, const struct lw_path *p);
void lw__use_class(struct lw_flow *f, const struct lw_state *s, struct lw_lockclass c);
/* Driver data touched (struct lw_datause): the held driver locks that
 * protect it are used; with none held, the function's summary says so. */
void lw__use_driver_data(struct lw_flow *f, const struct lw_state *s, const struct lw_datause *u);
int lw__takes_class(const struct lw_flow *f, struct lw_lockclass c);
void lw__add_take(struct lw_flow *f, const struct lw_lockparam *t);
void lw__rcu_enter(struct lw_flow *f, struct lw_state *s, const struct lw_event *e);
void lw__rcu_exit(struct lw_state *s);

/* flow-access.c */
/* n: a need in this function's terms (lock rooted PARAM or GLOBAL) */
void lw__add_need(struct lw_flow *f, const struct lw_need *n);
/* index: the event's place in the function (lw_flow.evbase) */
void lw__do_access(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		   uint32_t index);

/* flow-indirect.c */
/* The program's stores of function addresses, indexed (analysis start). */
void lw__fnptrs_build(struct lw_analysis *a);
void lw__fnptrs_free(struct lw_analysis *a);
/* Per function: the functions its locals are assigned. */
void lw__localfn_scan(struct lw_flow *f);
/* The functions an indirect call e may call: returns how many (at most
 * LW_MAX_TARGETS) in out; *param set to the parameter called when the
 * pointer is one of the function's parameters (a callback: 0 targets),
 * else -1.  *via gets the pointer as written. */
uint32_t lw__resolve(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e,
		     struct lw_target *out, int32_t *param, const char **via);
void lw__add_cbcall(struct lw_flow *f, const struct lw_cbcall *c);
/* What the annotation of the pointer an indirect call goes through says
 * every call through it does (enum lw_fp_calls). */
uint8_t lw__pointer_calls(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e);
/* The functions a call through a field or a global may call, whatever the
 * state (for the call graph: their summaries come first). */
uint32_t lw__static_targets(const struct lw_analysis *a, const struct lw_event *e,
			    const struct lw_target **out);
/* The one global the global pointer ptr ever points to (static mutex_t
 * *gp = &g, and no other store): 1 and *target, else 0. */
int lw__global_target(const struct lw_analysis *a, lw_str ptr, lw_str *target);

/* flow-call.c */
void lw__do_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e);

/* summary.c */
void lw__make_summary(struct lw_flow *f);
/* Is every exit's lock p held on an object the function returns (or is
 * NULL where not held)?  "Returns the object locked, or NULL". */
int lw__returns_locked(const struct lw_flow *f, const struct lw_path *lock);
/* Do the exits hold lock exactly where they return non-zero, or exactly
 * where they return 0?  An unannotated try-lock (summary.c). */
enum { LW_TRY_NONE = -1, LW_TRY_ZERO = 0, LW_TRY_NONZERO = 1 };
int lw__try_contract(const struct lw_flow *f, const struct lw_path *lock);
/* Is lock held at every exit but bail-outs that never took it, at returns
 * of their own?  An acquire function whose bail-outs are error paths. */
int lw__acquires_but_bailouts(const struct lw_flow *f, const struct lw_path *lock);
/* Where exit state x returns: its return statement, or the function. */
struct lw_loc lw__exit_loc(const struct lw_flow *f, const struct lw_state *x);
/* Is a pointer on the way to p known NULL in exit state x? */
int lw__rooted_null(const struct lw_state *x, const struct lw_path *p);

#endif /* LW_TRACK_H */
