/*
 * flow.h - per-function lock-state dataflow and the function summaries it
 * produces.
 *
 * The dataflow keeps one abstract state per distinct combination of held
 * locks and pointer facts at each block (property simulation in the style
 * of ESP, Das et al., PLDI 2002), so "if (vm) lock(vm); ... if (vm)
 * unlock(vm);" and lock-guard loops stay precise.  See docs/design.md.
 */
#ifndef LW_FLOW_H
#define LW_FLOW_H

#include "annot.h"
#include "ir.h"
#include "options.h"
#include "report.h"

#define LW_MAX_CHAIN 16
#define LW_MAX_REL 6

struct lw_chainstep {
	lw_str func;   /* the function the step is in */
	lw_str callee; /* what it calls (the blocking function at the end) */
	struct lw_loc loc;
};

/* A point where the function may block, with the caller's locks it has
 * released by then (those do not make the block a finding). */
struct lw_blockpt {
	uint8_t nrel;
	struct lw_lockclass rel[LW_MAX_REL];
	int8_t cat; /* enum lw_block_cat, or -1 for an LW_BLOCKING function */
	uint16_t nchain;
	const struct lw_chainstep *chain;
};

/* A guarded field this function touches without holding its lock. */
struct lw_need {
	struct lw_lockclass cls;
	struct lw_path lock; /* in the function's terms: root PARAM or GLOBAL */
	const char *field;   /* printed access path, for the note */
	const char *lockname;
	struct lw_loc loc;
	uint8_t write;
	uint8_t global; /* the access is to a global, not a field */
	uint32_t id; /* index in the analysis-wide need table */
	lw_str func; /* the function making the access */
};

struct lw_sumlock {
	struct lw_path path;
	struct lw_lockclass cls;
	uint8_t shared;
	uint8_t maybe; /* a release on some paths only */
};

struct lw_summary {
	uint8_t state; /* 0 not started, 1 running, 2 done */
	uint32_t nacq, nrel, nblock, nneed, nuse, ngrel;
	struct lw_sumlock *acq;   /* held at every return, taken here */
	struct lw_sumlock *rel;   /* caller's locks released on every path */
	struct lw_path *grel;     /* caller's guards it may release (cleanup wrappers) */
	uint32_t nretlock;
	struct lw_sumlock *retlock; /* locks held on the returned object (root RESULT, 0) */
	uint32_t nnulled;
	struct lw_path *nulled;   /* caller-visible pointers NULL at every return (*vm = NULL) */
	struct lw_blockpt *block; /* may block (shortest chain per release set) */
	struct lw_need *needs;
	struct lw_lockclass *uses; /* lock classes something in here needs */
};

/* A call to a function with needs, for the unguarded-access decision. */
struct lw_needsite {
	uint32_t need;
	lw_str caller;
	struct lw_loc loc;
	uint8_t held;
	lw_str callee;
	const char *lockname; /* the lock in the caller's terms */
};

/* What flow.c needs to know about a callee from its name alone. */
struct lw_callee {
	const struct lw_builtin *builtin; /* before argument rules; NULL: none */
	uint8_t known;                    /* the fields below are filled in */
	uint8_t allocator;                /* returns fresh memory (malloc, g_new...) */
	uint8_t probe;                    /* lw_debug_lockset */
};

struct lw_analysis {
	struct lw_tu *tu;
	const struct lw_options *opts;
	struct lw_model *model;
	struct lw_diag_list *diags;
	struct lw_summary *sums; /* one per fdecl */
	uint8_t *init_ctx;       /* one per fdecl: runs only at start-up */
	struct lw_arena *scratch;
	/* what a callee's name says (builtin entry, allocator...), by lw_str;
	 * filled on first use, ncallees = lw_tu_nstrings() at the start */
	struct lw_callee *callees;
	uint32_t ncallees;
	/* unguarded-access bookkeeping */
	struct lw_need **need_tab;
	uint32_t nneeds, cap_needs;
	struct lw_needsite *sites;
	uint32_t nsites, cap_sites;
};

/* Analyses one function body: fills its summary and, when report is set,
 * adds its findings to a->diags. */
void lw__flow_function(struct lw_analysis *a, uint32_t func, int report);

#endif /* LW_FLOW_H */
