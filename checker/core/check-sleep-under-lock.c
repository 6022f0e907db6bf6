/*
 * check-sleep-under-lock.c - a call that may block while a driver lock is
 * held, or inside an RCU read-side section: the call itself (a built-in
 * blocking category, LW_BLOCKING, LW_WAITS) or through its callee's
 * summary.  A lock the call releases while it waits does not count, nor
 * does one the callee releases before it blocks.  docs/checks.md.
 */
#include "check.h"

#include "builtins.h"

#include <stdio.h>
#include <string.h>

/* What makes the call block, as the note says it. */
static const char *why(enum lw_block_src src, int cat)
{
	switch (src) {
	case LW_BLOCK_BUILTIN:
		return lw_block_cat_name((enum lw_block_cat)cat);
	case LW_BLOCK_WAITS:
		return "annotated LW_WAITS: it waits, releasing only the lock it is given";
	default:
		return "annotated LW_BLOCKING";
	}
}

/* The locks a finding is about: driver locks held here, taken here or held
 * on entry by the function's own contract (LW_REQUIRES: a handler the
 * dispatcher calls with the lock held); the callers of such a function are
 * not told again (the tracker lists the lock among a blocking point's
 * excused ones). */
static int reportable(const struct lw_held *h)
{
	return h->driver;
}

/* "security_dac.c:41": where a function was stored or passed, short. */
static const char *place(struct lw_check_ctx *c, struct lw_loc l)
{
	const char *file = lw_tu_file_name(c->a->tu, l.file);
	const char *base = file ? strrchr(file, '/') : NULL;
	return lw_arena_printf(c->diags->arena, "%s:%u", base ? base + 1 : file ? file : "?", l.line);
}

/* A call through a pointer: what it may call, and where that came from. */
static void dispatch_note(struct lw_check_ctx *c, struct lw_diag *d, struct lw_loc at,
			  const char *via, lw_str callee, struct lw_loc stored, int passed)
{
	const char *name = lw_str_get(c->a->tu, callee);
	if (passed)
		lw_note_MAY_CALL_PASSED(c, d, at, via, name, place(c, stored));
	else
		lw_note_MAY_CALL_STORED(c, d, at, via, name, place(c, stored));
}

static void direct(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci)
{
	const struct lw_event *e = ci->e;
	/* through a pointer with no one callee: the pointer names the call */
	const char *callee = ci->multi && ci->via ? ci->via : lw_check_callee_name(c, e);
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (!reportable(h))
			continue;
		if (ci->waited && (lw_path_equal(&h->path, ci->waited) ||
				   lw_lockclass_eq(ci->waited_cls, h->cls)))
			continue;
		struct lw_diag *d = lw_report_BLOCK_UNDER_LOCK(c, e->loc, callee, lw_check_held_name(c, h));
		lw_check_note_acquired(c, d, h);
		if (ci->via && !ci->multi)
			dispatch_note(c, d, e->loc, ci->via, e->callee, ci->stored, ci->passed);
		lw_note_BLOCKS_HERE(c, d, e->loc, callee, why(ci->src, ci->cat));
		return; /* one finding per call site */
	}
	if (s->rcu) {
		struct lw_diag *d = lw_report_BLOCK_IN_RCU(c, e->loc, callee);
		lw_note_RCU_BEGINS_HERE(c, d, s->rcu_loc);
		lw_note_BLOCKS_HERE(c, d, e->loc, callee, why(ci->src, ci->cat));
	}
}

static int excused(const struct lw_blockpt *bp, struct lw_lockclass cls)
{
	for (int i = 0; i < bp->nrel; i++)
		if (lw_lockclass_eq(bp->rel[i], cls))
			return 1;
	return 0;
}

static void chain_notes(struct lw_check_ctx *c, struct lw_diag *d, const struct lw_blockpt *bp)
{
	const struct lw_tu *tu = c->a->tu;
	/* chain[0] is the callee's first step: the callee calling something
	 * (or blocking itself); the call in this function is the primary
	 * location. */
	for (uint16_t i = 0; i < bp->nchain; i++) {
		const struct lw_chainstep *st = &bp->chain[i];
		if (st->via)
			dispatch_note(c, d, st->loc, st->via, st->callee, st->stored, st->passed);
		if (i + 1 == bp->nchain)
			lw_note_BLOCKS_HERE(c, d, st->loc, lw_str_get(tu, st->callee), why(bp->src, bp->cat));
		else if (!st->via)
			lw_note_CALLS_HERE(c, d, st->loc, lw_str_get(tu, st->func),
					   lw_str_get(tu, st->callee));
		if (st->cut && i + 1 < bp->nchain)
			lw_note_CHAIN_CUT(c, d, st->loc, lw_str_get(tu, st->callee));
	}
}

/* The notes of a finding at a call: the dispatch of a call through a
 * pointer to its one callee, then the callee's chain. */
static void call_notes(struct lw_check_ctx *c, struct lw_diag *d, const struct lw_call_info *ci,
		       const struct lw_blockpt *bp)
{
	if (ci->via && !ci->multi)
		dispatch_note(c, d, ci->e->loc, ci->via, ci->e->callee, ci->stored, ci->passed);
	chain_notes(c, d, bp);
}

static void via_call(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci)
{
	const struct lw_held *best_h = NULL;
	const struct lw_blockpt *best = NULL;
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (!reportable(h))
			continue;
		for (uint32_t k = 0; k < ci->nblocks; k++) {
			const struct lw_blockpt *bp = ci->blocks[k];
			if (excused(bp, h->cls))
				continue;
			if (!best || bp->nchain < best->nchain) {
				best = bp;
				best_h = h;
			}
		}
	}
	/* several possible callees: the pointer names the call */
	const char *callee = ci->multi ? ci->via : lw_check_callee_name(c, ci->e);
	if (best) {
		struct lw_diag *d = lw_report_BLOCK_VIA_CALL(c, ci->e->loc, callee,
							     lw_check_held_name(c, best_h));
		lw_check_note_acquired(c, d, best_h);
		call_notes(c, d, ci, best);
		return;
	}
	/* The callee itself holds the driver lock it was given. */
	const struct lw_bound_lock *bl = NULL;
	for (uint32_t k = 0; k < ci->nbound; k++)
		if (!bl || ci->bound[k].bp->nchain < bl->bp->nchain)
			bl = &ci->bound[k];
	if (bl) {
		const char *n = lw_check_lockname(c, &bl->path, bl->cls);
		struct lw_diag *d = lw_report_BLOCK_VIA_CALL(c, ci->e->loc, callee, n);
		lw_note_ACQUIRED_HERE(c, d, bl->param->loc, n);
		call_notes(c, d, ci, bl->bp);
		return;
	}
	if (s->rcu) {
		best = ci->blocks[0];
		for (uint32_t k = 1; k < ci->nblocks; k++)
			if (ci->blocks[k]->nchain < best->nchain)
				best = ci->blocks[k];
		struct lw_diag *d = lw_report_BLOCK_VIA_CALL_IN_RCU(c, ci->e->loc, callee);
		lw_note_RCU_BEGINS_HERE(c, d, s->rcu_loc);
		call_notes(c, d, ci, best);
	}
}

static void on_call(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci)
{
	if (ci->src != LW_BLOCK_NONE)
		direct(c, s, ci);
	else if (ci->via_summary)
		via_call(c, s, ci);
}

const struct lw_check_ops lw__check_sleep_under_lock = {
	.call = on_call,
};
