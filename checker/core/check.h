/*
 * check.h - what a check sees, and how it reports.
 *
 * A check is one module, check-<id>.c, with one row in checks.def.  It
 * gets the tracker's state only as const, with a typed description of the
 * event; it decides whether that is a finding and reports it.  It never
 * changes the tracker's state: everything a summary needs (lock uses,
 * needs, returned locks) is computed by the tracker in every pass, and
 * the hooks run only in the reporting pass, and only for enabled checks.
 * A check may keep data of its own for the analysis (priv).
 *
 * Adding a check: docs/CONTRIBUTING.md.
 */
#ifndef LW_CHECK_H
#define LW_CHECK_H

#include "builtins.h"
#include "diag.h"
#include "track.h"

/* ---- what the hooks get ---------------------------------------------------- */

/* A lock the callee requires or excludes (LW_REQUIRES, LW_EXCLUDES), or
 * a need of its summary, bound at this call. */
struct lw_req {
	enum { LW_REQ_REQUIRES, LW_REQ_EXCLUDES, LW_REQ_NEED } kind;
	const struct lw_path *lock; /* in the caller's terms; NULL if it could not be bound */
	struct lw_lockclass cls;
	uint8_t held;
	const struct lw_need *need; /* LW_REQ_NEED: the callee's need */
	uint32_t need_index;        /* LW_REQ_NEED: its index in the callee's summary (this pass) */
};

/* A lock the callee holds where it may block (a parameter lock of one of
 * its blocking points), bound at this call to a driver lock. */
struct lw_bound_lock {
	const struct lw_blockpt *bp;
	const struct lw_lockparam *param; /* the callee's, in its terms */
	struct lw_path path;              /* in this function's terms */
	struct lw_lockclass cls;
};

/* A lock the callee takes (and releases) that this function holds at the
 * call: a self-deadlock unless the lock is recursive. */
struct lw_retaken {
	const struct lw_lockparam *take; /* the callee's */
	struct lw_path path;             /* in this function's terms */
	int held;                        /* index in the state's held set */
};

struct lw_call_info {
	const struct lw_event *e;
	const struct lw_summary *sum; /* the callee's, or NULL */
	int32_t callee_decl;          /* e->decl */
	/* blocking: the call itself (src, cat), or through the callee's summary */
	enum lw_block_src src;
	enum lw_block_cat cat;        /* for LW_BLOCK_BUILTIN */
	const struct lw_path *waited; /* the lock the call releases while it waits, or NULL */
	struct lw_lockclass waited_cls;
	uint8_t via_summary;          /* blocks applies: the callee may block */
	uint32_t nblocks;             /* where the callee may block: its summary's */
	const struct lw_blockpt *const *blocks; /* points, and those of callbacks */
	/* a call through a pointer: the pointer as written, and where the
	 * callee was stored into it (or passed for it) */
	const char *via;
	struct lw_loc stored;
	uint8_t passed;
	uint8_t multi; /* several possible callees: blocks are theirs, chains
			* start with the dispatch */
	uint32_t nbound;
	const struct lw_bound_lock *bound;
	uint32_t nretaken;
	const struct lw_retaken *retaken;
	uint8_t probe;                /* lw_debug_lockset() */
	uint32_t nreq;
	const struct lw_req *req;
};

struct lw_access_info {
	const struct lw_event *e;
	const struct lw_field_info *fi; /* NULL, or cls NONE: unclassified */
	uint8_t global;  /* a global, not a field */
	uint8_t write;   /* a write, a read-modify-write, or the address passed for writing */
	uint8_t in_init; /* start-up context */
	uint8_t initializing; /* a fresh object, or an initializer */
	/* LW_FC_GUARDED / LW_FC_RCU: the lock, in this function's terms */
	struct lw_path lock;
	int held;       /* index in the state's held set, or -1 */
	uint8_t need;   /* not held: left to the callers as a need of this function */
	/* LW_ACC_ADDR: what the call the address goes to does with it */
	const struct lw_event *addr_call;
	int addr_op;    /* enum lw_lock_op of a built-in callee, or -1 */
	uint8_t addr_publishes; /* the callee is LW_RCU_PUBLISH */
};

struct lw_lock_info {
	enum { LW_LOCK_DOUBLE_ACQUIRE, LW_LOCK_DOUBLE_RELEASE, LW_LOCK_RELEASE_UNTESTED } kind;
	const struct lw_event *e;
	const struct lw_held *held;  /* DOUBLE_ACQUIRE: the holding entry */
	const struct lw_relent *rel; /* DOUBLE_RELEASE: the earlier release */
	const struct lw_pend *pend;  /* RELEASE_UNTESTED: the try-lock not tested */
};

/* ---- the context a hook runs in ------------------------------------------- */

struct lw_check_ctx {
	const struct lw_analysis *a;
	const struct lw_flow *f; /* NULL in analysis_end */
	struct lw_diag_list *diags;
	struct lw_arena *arena;  /* lives as long as the analysis */
	void *priv;              /* the check's own data (init) */
};

struct lw_check_ops {
	void (*init)(struct lw_check_ctx *c);
	void (*call)(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci);
	void (*access)(struct lw_check_ctx *c, const struct lw_state *s,
		       const struct lw_access_info *ai);
	void (*lock)(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_lock_info *li);
	void (*function_end)(struct lw_check_ctx *c);
	void (*analysis_end)(struct lw_check_ctx *c);
};

/* ---- the registry (checks.c): called by the tracker and the pipeline ------- */

void lw__checks_init(struct lw_analysis *a);
void lw__checks_call(struct lw_flow *f, const struct lw_state *s, const struct lw_call_info *ci);
void lw__checks_access(struct lw_flow *f, const struct lw_state *s,
		       const struct lw_access_info *ai);
void lw__checks_lock(struct lw_flow *f, const struct lw_state *s, const struct lw_lock_info *li);
void lw__checks_function_end(struct lw_flow *f);
void lw__checks_analysis_end(struct lw_analysis *a);

/* ---- helpers for the checks (check-util.c) ------------------------------- */

/* A lock or access path as the user wrote it ("driver->lock"); p may be
 * NULL or rootless, then the class names it ("qemuDriver.lock"). */
const char *lw_check_lockname(struct lw_check_ctx *c, const struct lw_path *p,
			      struct lw_lockclass cls);
const char *lw_check_held_name(struct lw_check_ctx *c, const struct lw_held *h);
const char *lw_check_callee_name(struct lw_check_ctx *c, const struct lw_event *e);
const char *lw_check_func_name(struct lw_check_ctx *c);
/* Adds the "acquired here" note of a held lock taken in this function. */
void lw_check_note_acquired(struct lw_check_ctx *c, struct lw_diag *d, const struct lw_held *h);

/* Reporting: lw__check_report() adds a finding in the current function
 * (its name goes into the fingerprint).  Use the typed wrappers of
 * diag-kinds.def, lw_report_<ID>(c, loc, args...) and lw_note_<ID>(c, d,
 * loc, args...), so that a wrong number of arguments does not compile. */
struct lw_diag *lw__check_report(struct lw_check_ctx *c, enum lw_diag_kind k,
				 struct lw_loc loc, unsigned nargs, const char *const *args);
void lw__check_note(struct lw_check_ctx *c, struct lw_diag *d, enum lw_diag_kind k,
		    struct lw_loc loc, unsigned nargs, const char *const *args);

#define LW_PARAMS_0
#define LW_PARAMS_1 , const char *a1
#define LW_PARAMS_2 , const char *a1, const char *a2
#define LW_PARAMS_3 , const char *a1, const char *a2, const char *a3
#define LW_ARGV_0 NULL
#define LW_ARGV_1 a1
#define LW_ARGV_2 a1, a2
#define LW_ARGV_3 a1, a2, a3
#define DIAG(id, check, sev, n, fmt)                                           \
	static inline struct lw_diag *lw_report_##id(struct lw_check_ctx *c,   \
						     struct lw_loc loc LW_PARAMS_##n) \
	{                                                                      \
		const char *const argv[] = {LW_ARGV_##n};                      \
		return lw__check_report(c, LW_DIAG_##id, loc, n, argv);        \
	}
#define NOTE(id, role, n, fmt)                                                 \
	static inline void lw_note_##id(struct lw_check_ctx *c, struct lw_diag *d, \
					struct lw_loc loc LW_PARAMS_##n)       \
	{                                                                      \
		const char *const argv[] = {LW_ARGV_##n};                      \
		lw__check_note(c, d, LW_NOTE_##id, loc, n, argv);              \
	}
#include "diag-kinds.def"
#undef DIAG
#undef NOTE

#endif /* LW_CHECK_H */
