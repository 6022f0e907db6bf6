/*
 * check-lock-imbalance.c - a function that returns with a lock held on
 * some paths and not on others, acquires a lock it already holds, releases
 * one it already released, calls an LW_EXCLUDES function holding the lock,
 * or contradicts its own LW_ACQUIRES/LW_RELEASES.  Contracts the tracker
 * can see are not imbalances: "returns the object locked, or NULL", a lock
 * stored with its object in the caller's structure, an unannotated
 * try-lock (0 with the lock, an error without).  docs/checks.md.
 */
#include "check.h"

static void on_lock(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_lock_info *li)
{
	(void)s;
	if (li->kind == LW_LOCK_DOUBLE_ACQUIRE) {
		const char *n = lw_check_held_name(c, li->held);
		struct lw_diag *d = lw_report_DOUBLE_ACQUIRE(c, li->e->loc, n);
		if (li->held->site && li->held->site < c->f->nsites)
			lw_note_PREVIOUSLY_ACQUIRED(c, d, c->f->sites[li->held->site].loc, n);
	} else if (li->kind == LW_LOCK_RELEASE_UNTESTED) {
		const char *n = lw_check_held_name(c, &li->pend->h);
		const char *by = lw_check_callee_name(c, li->pend->call);
		struct lw_diag *d = lw_report_RELEASE_UNTESTED(c, li->e->loc, n, by);
		lw_note_MAY_HAVE_TAKEN(c, d, li->pend->call->loc, by, n);
	} else {
		const char *n = lw_check_lockname(c, &li->rel->path, li->rel->cls);
		struct lw_diag *d = lw_report_DOUBLE_RELEASE(c, li->e->loc, n);
		lw_note_PREVIOUSLY_RELEASED(c, d, li->rel->loc, n);
	}
}

/* The callee takes a lock this function holds: it waits for itself. */
static void retaken(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci)
{
	for (uint32_t i = 0; i < ci->nretaken; i++) {
		const struct lw_retaken *r = &ci->retaken[i];
		const struct lw_held *h = &s->held[r->held];
		if (r->take->recursive || (r->take->shared && h->shared))
			continue;
		const char *n = lw_check_held_name(c, h);
		struct lw_diag *d = lw_report_DOUBLE_ACQUIRE_VIA_CALL(c, ci->e->loc,
								      lw_check_callee_name(c, ci->e), n);
		if (h->site && h->site < c->f->nsites)
			lw_note_PREVIOUSLY_ACQUIRED(c, d, c->f->sites[h->site].loc, n);
		lw_note_ACQUIRES_HERE(c, d, r->take->loc, lw_str_get(c->a->tu, r->take->func), n);
	}
}

static void on_call(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci)
{
	retaken(c, s, ci);
	for (uint32_t i = 0; i < ci->nreq; i++)
		if (ci->req[i].kind == LW_REQ_EXCLUDES && ci->req[i].held)
			lw_report_CALL_EXCLUDED(c, ci->e->loc, lw_check_callee_name(c, ci->e),
						lw_check_lockname(c, ci->req[i].lock, ci->req[i].cls));
}

/*
 * A lock on an object this function stored in the caller's memory
 * (proc->mon = qemuMonitorOpen(...); virObjectLock(proc->mon)): the
 * object, and with it the lock, now belongs to the caller's structure,
 * whose cleanup function releases it.  Not an imbalance of this function.
 */
static int stored_by_function(const struct lw_flow *f, const struct lw_path *lock)
{
	if (lock->root_kind != LW_ROOT_PARAM || lock->nsteps < 3 ||
	    lock->steps[lock->nsteps - 1].kind != LW_STEP_DEREF ||
	    lock->steps[lock->nsteps - 2].kind != LW_STEP_FIELD)
		return 0;
	struct lw_path slot = *lock;
	slot.nsteps--; /* proc->mon */
	for (uint32_t b = 0; b < f->fn->nblocks; b++)
		for (uint32_t i = 0; i < f->fn->blocks[b].nevents; i++) {
			const struct lw_event *e = &f->fn->blocks[b].events[i];
			if ((e->kind == LW_EV_ACCESS && e->mode == LW_ACC_WRITE) || e->kind == LW_EV_CALL)
				if (e->path.root_kind && lw_path_equal(&e->path, &slot))
					return 1;
		}
	return 0;
}

static int annotated(const struct lw_check_ctx *c, int kind, const struct lw_path *p)
{
	const struct lw_fn_info *fi = lw_model_fn(c->a->model, c->f->fn->decl);
	for (uint32_t i = 0; i < fi->neffects; i++)
		if (fi->effects[i].kind == kind && (!p || lw_path_equal(&fi->effects[i].lock, p)))
			return 1;
	return 0;
}

/* Held at some exits and not at others. */
static void unbalanced_returns(struct lw_check_ctx *c)
{
	const struct lw_flow *f = c->f;
	if (annotated(c, LW_AN_TRY_ACQUIRES, NULL))
		return;
	for (uint32_t x = 0; x < f->nexits; x++) {
		const struct lw_state *sx = f->exits[x];
		for (int i = 0; i < sx->nheld; i++) {
			const struct lw_held *h = &sx->held[i];
			if (h->entry || h->handed || annotated(c, LW_AN_ACQUIRES, &h->path) ||
			    annotated(c, LW_AN_ACQUIRES_SHARED, &h->path))
				continue;
			int all = 1;
			for (uint32_t y = 0; y < f->nexits && all; y++)
				all = lw__holds_path(f->exits[y], &h->path) ||
				      lw__rooted_null(f->exits[y], &h->path);
			if (all)
				continue;
			/* Returned locked where held, NULL where not. */
			if (lw__returns_locked(f, &h->path))
				continue;
			if (stored_by_function(f, &h->path))
				continue;
			/* a try-lock: its result says whether it holds h */
			if (lw__try_contract(f, &h->path) != LW_TRY_NONE)
				continue;
			/* an acquire function whose bail-outs never took it */
			if (lw__acquires_but_bailouts(f, &h->path))
				continue;
			struct lw_diag *d = lw_report_RETURN_HELD(c, lw__exit_loc(f, sx), lw_check_held_name(c, h));
			lw_check_note_acquired(c, d, h);
		}
	}
}

/* Bodies against their own annotations. */
static void against_annotations(struct lw_check_ctx *c)
{
	const struct lw_flow *f = c->f;
	const struct lw_fn_info *fi = lw_model_fn(c->a->model, f->fn->decl);
	const char *fname = lw_check_func_name(c);
	if (fi->flags & LW_FN_NO_ANALYSIS)
		return;
	for (uint32_t i = 0; i < fi->neffects; i++) {
		const struct lw_effect *ef = &fi->effects[i];
		if (ef->kind != LW_AN_ACQUIRES && ef->kind != LW_AN_ACQUIRES_SHARED &&
		    ef->kind != LW_AN_RELEASES)
			continue;
		for (uint32_t x = 0; x < f->nexits; x++) {
			const struct lw_state *sx = f->exits[x];
			int holds = lw__held_index(sx, &ef->lock, ef->cls) >= 0;
			/* A lock nested in the annotated object is the object:
			 * pthread_mutex_lock(&m->lock) under LW_ACQUIRES(*m). */
			for (int k = 0; !holds && k < sx->nheld; k++)
				holds = !sx->held[k].entry && lw_path_is_prefix(&ef->lock, &sx->held[k].path);
			if (ef->kind == LW_AN_RELEASES && holds)
				lw_report_ANNOT_NOT_RELEASED(c, lw__exit_loc(f, sx), fname,
							     lw_check_lockname(c, &ef->lock, ef->cls));
			else if (ef->kind != LW_AN_RELEASES && !holds)
				lw_report_ANNOT_NOT_ACQUIRED(c, lw__exit_loc(f, sx), fname,
							     lw_check_lockname(c, &ef->lock, ef->cls));
		}
	}
}

static void on_function_end(struct lw_check_ctx *c)
{
	if (c->f->gave_up)
		return;
	unbalanced_returns(c);
	against_annotations(c);
}

const struct lw_check_ops lw__check_lock_imbalance = {
	.lock = on_lock,
	.call = on_call,
	.function_end = on_function_end,
};
