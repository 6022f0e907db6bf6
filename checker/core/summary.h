/*
 * summary.h - what the tracker found a function to do, for its callers:
 * locks it acquires or releases, where it may block, which guarded state
 * it touches without the lock.  Computed bottom-up (analyze.c) by the
 * tracker (flow*.c, summary.c); the checks read it.
 */
#ifndef LW_SUMMARY_H
#define LW_SUMMARY_H

#include "annot.h"
#include "ir.h"
#include "capacity.h"

struct lw_chainstep {
	lw_str func;   /* the function the step is in */
	lw_str callee; /* what it calls (the blocking function at the end) */
	struct lw_loc loc;
	/* A call through a pointer: the pointer as written ("mgr->relabel",
	 * "cb"), and where the callee was stored into it or passed for it. */
	const char *via;
	struct lw_loc stored;
	uint8_t passed; /* a callback passed as an argument, not stored */
	uint8_t cut;    /* calls were left out after this step (LW_MAX_CHAIN) */
};

/* Data a driver lock protects without an annotation, touched here (or
 * below) with no such lock held: an unclassified field of a struct whose
 * driver lock is one of its fields (record), or of a struct reached from a
 * global, which a global driver lock protects (global).  A caller holding
 * such a lock needed it (needless-lock). */
struct lw_datause {
	lw_str record;
	uint8_t global;
};

/* A call through one of the function's parameters (a callback): what a
 * call binds, calling the function passed there. */
struct lw_cbcall {
	uint32_t param;
	uint16_t nchain; /* from this function down to the call through it */
	const struct lw_chainstep *chain;
};

/* Why a call blocks. */
enum lw_block_src {
	LW_BLOCK_NONE = 0,
	LW_BLOCK_BUILTIN,   /* a built-in entry of an enabled category (cat) */
	LW_BLOCK_ANNOTATED, /* LW_BLOCKING on the callee */
	LW_BLOCK_WAITS,     /* LW_WAITS on the callee: it blocks, releasing a lock */
};

/* A lock a function takes that its callers can name: rooted at a
 * parameter (a helper that locks the lock it is given) or a global.  Only a
 * call binds it to a lock (the driver lock, or not). */
struct lw_lockparam {
	struct lw_path path; /* in the function's terms */
	struct lw_loc loc;   /* where it is taken (maybe in a callee of it) */
	lw_str func;         /* the function that takes it there */
	uint8_t shared, recursive;
};

/* A blocking point is reached only where parameter `param` (one the
 * function never assigns) is zero, or non-zero: a call passing a constant,
 * or a value the caller knows, that says otherwise does not reach it
 * (beginJobInternal(driver, driver_locked, ...) waits with the driver lock
 * released when driver_locked). */
struct lw_paramcond {
	uint32_t param;
	uint8_t nonzero;
};

/* A point where the function may block, with the caller's locks it has
 * released by then (those do not make the block a finding), and the locks
 * rooted at its parameters that it holds there (they do, once a call binds
 * one to a driver lock). */
struct lw_blockpt {
	uint8_t nrel, nheld, ncond;
	uint8_t src; /* enum lw_block_src of the blocking call at the chain's end */
	uint8_t cat; /* enum lw_block_cat, for LW_BLOCK_BUILTIN */
	struct lw_lockclass rel[LW_MAX_REL];
	struct lw_lockparam held[LW_MAX_HELD];
	struct lw_paramcond cond[LW_MAX_PARAM_CONDS]; /* all must hold */
	uint16_t nchain;
	const struct lw_chainstep *chain;
};

/* A guarded field or global this function touches without holding its
 * lock, and does not lock itself, directly or through callees at any
 * depth: a requirement on its callers.  A need passed up from a callee
 * keeps the access it comes from (loc, field, func); its lock is in this
 * function's terms.  A function's needs are told apart by (cls, loc). */
struct lw_need {
	struct lw_lockclass cls;
	struct lw_path lock; /* in the function's terms: root PARAM or GLOBAL */
	const char *field;   /* printed access path, for the note */
	const char *lockname; /* lock, printed in the function's terms */
	struct lw_loc loc;    /* the access */
	uint8_t write;
	uint8_t global; /* the access is to a global, not a field */
	lw_str func;    /* the function making the access */
};

struct lw_sumlock {
	struct lw_path path;
	struct lw_lockclass cls;
	uint8_t shared;
	uint8_t maybe; /* a release on some paths only */
	uint8_t try_ret; /* tryacq: LW_TRY_ZERO or LW_TRY_NONZERO */
	/* rel, maybe: released exactly where parameter cond_param (kept by
	 * the body) is zero / non-zero (cond_nonzero); -1 none */
	int32_t cond_param;
	uint8_t cond_nonzero;
};

struct lw_summary {
	uint8_t state; /* 0 not started, 1 running, 2 done */
	uint32_t nacq, nrel, nblock, nneed, nuse, ngrel, ntakes;
	struct lw_sumlock *acq;   /* held at every return, taken here */
	uint32_t ntryacq;
	struct lw_sumlock *tryacq; /* held where it returns try_ret (0 or 1: non-zero) */
	struct lw_sumlock *rel;   /* caller's locks released on some path (maybe) or every path */
	struct lw_path *grel;     /* caller's guards it may release (cleanup wrappers) */
	uint32_t nretlock;
	struct lw_sumlock *retlock; /* locks held on the returned object (root RESULT, 0) */
	uint32_t nnulled;
	struct lw_path *nulled;   /* caller-visible pointers NULL at every return (*vm = NULL) */
	struct lw_blockpt *block; /* may block (shortest chain per release set) */
	struct lw_need *needs;
	struct lw_lockclass *uses; /* lock classes something in here needs */
	/* locks it takes and releases again, rooted at parameters or globals
	 * (a caller holding one deadlocks on itself) */
	struct lw_lockparam *takes;
	uint32_t ncbcalls;
	struct lw_cbcall *cbcalls;
	uint32_t ndatause;
	struct lw_datause *datause;
};

#endif /* LW_SUMMARY_H */
