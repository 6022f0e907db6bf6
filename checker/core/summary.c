/*
 * summary.c - a function's summary from its exit states: the locks it
 * returns holding, the caller's locks it releases, objects it returns
 * locked, pointers it nulls, and what the fixed point gathered (blocking
 * points, needs, uses).  Plus the queries over exit states that the
 * summary and the checks share.
 */
#include "track.h"

#include <string.h>

/* Does exit state x return the object the lock p is rooted at (a local or
 * a call result), or NULL?  "Returns the object locked, or NULL" is a
 * contract, not an imbalance (virDomainObjNew). */
static int returns_root(const struct lw_state *x, const struct lw_path *p)
{
	if (!x->has_ret)
		return 0;
	if (x->ret_val.kind == LW_VAL_INT && x->ret_val.k == 0)
		return 1;
	if (x->ret_val.kind != LW_VAL_LOAD || !p->nsteps || p->steps[0].kind != LW_STEP_DEREF)
		return 0;
	struct lw_path root = *p;
	root.nsteps = 0;
	return lw_path_equal(&x->ret_val.path, &root);
}

/* In exit state x, is a pointer on the way to p known NULL?  Then a lock
 * rooted at it is not held there, and that is consistent. */
int lw__rooted_null(const struct lw_state *x, const struct lw_path *p)
{
	for (uint16_t i = 0; i < p->nsteps; i++) {
		if (p->steps[i].kind != LW_STEP_DEREF)
			continue;
		struct lw_path q = *p;
		q.nsteps = i;
		for (int k = 0; k < x->nfacts; k++)
			if (!x->facts[k].nonzero && lw_path_equal(&x->facts[k].path, &q))
				return 1;
	}
	return 0;
}

/* "Returns the object locked, or NULL": every exit either holds the lock
 * and returns the pointer it is rooted at, or holds it not and returns
 * NULL (or knows that pointer NULL).  A contract, not an imbalance; the
 * summary passes it on to the callers (virDomainObjNew). */
static int holds_returned(const struct lw_state *x, struct lw_lockclass cls)
{
	for (int i = 0; i < x->nheld; i++)
		if (!x->held[i].entry && lw_lockclass_eq(x->held[i].cls, cls) &&
		    returns_root(x, &x->held[i].path) && x->ret_val.kind == LW_VAL_LOAD)
			return 1;
	return 0;
}

struct lw_loc lw__exit_loc(const struct lw_flow *f, const struct lw_state *x)
{
	return x->has_ret ? x->ret_loc : f->fn->loc;
}

static int same_loc(struct lw_loc a, struct lw_loc b)
{
	return a.file == b.file && a.line == b.line && a.col == b.col;
}

/* The callers' view of locks: roots they can name. */
static int callers_path(const struct lw_path *p)
{
	return p->root_kind == LW_ROOT_PARAM || p->root_kind == LW_ROOT_GLOBAL;
}

/* An acquire function with bail-outs: lock, one its callers can name, is
 * held at every exit but some that never took it on their way, and those
 * return at return statements of their own (libcurl's share-lock callback:
 * "default: log(); return;" before the lock).  The bail-outs are error
 * paths, not leaks.  A return shared by both sides ("if (x) lock();"), or
 * one after the lock was taken and dropped again, is no bail-out. */
int lw__acquires_but_bailouts(const struct lw_flow *f, const struct lw_path *lock)
{
	int held_any = 0, bail_any = 0;
	if (!callers_path(lock))
		return 0;
	for (uint32_t y = 0; y < f->nexits; y++) {
		const struct lw_state *sy = f->exits[y];
		if (lw__holds_path(sy, lock)) {
			held_any = 1;
			continue;
		}
		for (int k = 0; k < sy->ndone; k++)
			if (lw_path_equal(&sy->done[k].path, lock))
				return 0;
		bail_any = 1;
		for (uint32_t x = 0; x < f->nexits; x++)
			if (lw__holds_path(f->exits[x], lock) &&
			    same_loc(lw__exit_loc(f, f->exits[x]), lw__exit_loc(f, sy)))
				return 0;
	}
	return held_any && bail_any;
}

/* What exit state x is known to return: 0 zero, 1 non-zero, -1 unknown. */
static int ret_known(const struct lw_state *x)
{
	if (!x->has_ret)
		return -1;
	switch (x->ret_val.kind) {
	case LW_VAL_INT:
		return x->ret_val.k != 0;
	case LW_VAL_ADDR:
	case LW_VAL_FUNC:
		return 1;
	case LW_VAL_LOAD:
		return lw__fact_of(x, &x->ret_val.path);
	default:
		return -1;
	}
}

/* A try-lock contract without an annotation: every exit that holds lock
 * returns one thing, every exit that does not returns the other.  Returns
 * LW_TRY_ZERO (held where it returned 0: libvirt's
 * qemuDomainObjEnterMonitorInternal, 0 with the monitor locked, -1
 * without), LW_TRY_NONZERO (held where it returned a variable known
 * non-zero: "if (release) lock(); return release;"), or LW_TRY_NONE.  A
 * leak on an error path returns an error constant with the lock held
 * ("return -1;"), so a constant other than 0 returned locked is no
 * contract. */
int lw__try_contract(const struct lw_flow *f, const struct lw_path *lock)
{
	/* what the exits that hold lock / do not hold it may be */
	int zero = 1, nonzero = 1, held_any = 0, free_any = 0;
	for (uint32_t y = 0; y < f->nexits; y++) {
		const struct lw_state *sy = f->exits[y];
		int r = sy->has_ret ? ret_known(sy) : -1;
		if (lw__holds_path(sy, lock)) {
			held_any = 1;
			zero &= r == 0;
			nonzero &= r == 1 && sy->ret_val.kind == LW_VAL_LOAD;
		} else {
			free_any = 1;
			zero &= sy->has_ret && r != 0; /* an error code, maybe unknown */
			nonzero &= r == 0;
		}
	}
	if (!held_any || !free_any)
		return LW_TRY_NONE;
	return zero ? LW_TRY_ZERO : nonzero ? LW_TRY_NONZERO : LW_TRY_NONE;
}

int lw__returns_locked(const struct lw_flow *f, const struct lw_path *lock)
{
	if (lock->root_kind == LW_ROOT_GLOBAL || lock->root_kind == LW_ROOT_NONE)
		return 0;
	struct lw_lockclass cls = lw__path_class(lock);
	int held_somewhere = 0;
	for (uint32_t y = 0; y < f->nexits; y++) {
		const struct lw_state *sy = f->exits[y];
		int ok;
		if (lw__holds_path(sy, lock)) {
			held_somewhere = 1;
			ok = returns_root(sy, lock) && sy->ret_val.kind == LW_VAL_LOAD;
		} else {
			/* NULL, or another object of the kind, returned locked
			 * (an existing object on one path, a new one on another) */
			ok = (sy->has_ret && sy->ret_val.kind == LW_VAL_INT && sy->ret_val.k == 0) ||
			     lw__rooted_null(sy, lock) || ((cls.record || cls.name) && holds_returned(sy, cls));
		}
		if (!ok)
			return 0;
	}
	return held_somewhere;
}

static struct lw_path dup_path(struct lw_arena *A, const struct lw_path *p)
{
	struct lw_path d = *p;
	d.steps = p->nsteps ? lw_arena_dup(A, p->steps, p->nsteps * sizeof(struct lw_step)) : NULL;
	return d;
}

/* Locks taken here and held at every return but bail-outs (acq), or held exactly where
 * the result says so (tryacq: "return release;" after "if (release)
 * lock();"). */
static void acquires(struct lw_flow *f, struct lw_summary *sum, struct lw_arena *A)
{
	sum->acq = lw_arena_alloc(A, (LW_MAX_HELD + 1) * sizeof(*sum->acq));
	sum->tryacq = lw_arena_alloc(A, (LW_MAX_HELD + 1) * sizeof(*sum->tryacq));
	for (uint32_t x = 0; x < f->nexits; x++)
		for (int i = 0; i < f->exits[x]->nheld; i++) {
			const struct lw_held *h = &f->exits[x]->held[i];
			if (h->entry || h->handed || !callers_path(&h->path))
				continue;
			int all = 1, seen = 0;
			for (uint32_t y = 0; y < f->nexits && all; y++)
				all = lw__holds_path(f->exits[y], &h->path);

			for (uint32_t k = 0; k < sum->nacq && !seen; k++)
				seen = lw_path_equal(&sum->acq[k].path, &h->path);
			for (uint32_t k = 0; k < sum->ntryacq && !seen; k++)
				seen = lw_path_equal(&sum->tryacq[k].path, &h->path);
			/* the result says so (a try-lock), or the returns without
			 * it are bail-outs (an acquire function) */
			int try_ret = all ? LW_TRY_NONE : lw__try_contract(f, &h->path);
			all = all || (try_ret == LW_TRY_NONE && lw__acquires_but_bailouts(f, &h->path));
			if (seen || (!all && try_ret == LW_TRY_NONE))
				continue;
			if (sum->nacq + sum->ntryacq >= LW_MAX_HELD) {
				lw__limit_hit(f, LW_LIMIT_HELD);
				return;
			}
			struct lw_sumlock *l = all ? &sum->acq[sum->nacq++] : &sum->tryacq[sum->ntryacq++];
			memset(l, 0, sizeof(*l));
			l->path = dup_path(A, &h->path);
			l->cls = h->cls;
			l->shared = h->shared;
			l->try_ret = (uint8_t)(try_ret == LW_TRY_NONZERO);
		}
}

/* A definite release of p on every path? */
static int released_everywhere(const struct lw_flow *f, const struct lw_path *p)
{
	for (uint32_t y = 0; y < f->nexits; y++) {
		int here = 0;
		for (int k = 0; k < f->exits[y]->nrel && !here; k++)
			here = !f->exits[y]->rel[k].maybe && lw_path_equal(&f->exits[y]->rel[k].path, p);
		if (!here)
			return 0;
	}
	return 1;
}

/* A release on some paths only: is there a parameter the body keeps whose
 * value, known at every exit, says where (maybe_unlock(d, bool unlock))?
 * Sets l->cond_param, or leaves it -1. */
static void release_cond(const struct lw_flow *f, const struct lw_path *p, struct lw_sumlock *l)
{
	const struct lw_state *s0 = f->exits[0];
	for (int i = 0; i < s0->nfacts; i++) {
		const struct lw_path *q = &s0->facts[i].path;
		if (q->root_kind != LW_ROOT_PARAM || q->nsteps || !lw__param_kept(f, q->root))
			continue;
		int on = -1, ok = 1;
		for (uint32_t y = 0; y < f->nexits && ok; y++) {
			const struct lw_state *sy = f->exits[y];
			int v = lw__fact_of(sy, q), rel = 0;
			for (int k = 0; k < sy->nrel && !rel; k++)
				rel = !sy->rel[k].maybe && lw_path_equal(&sy->rel[k].path, p);
			if (v < 0 || (rel && on >= 0 && on != v))
				ok = 0;
			else if (rel)
				on = v;
		}
		if (!ok || on < 0)
			continue;
		/* and every exit with that value released it */
		for (uint32_t y = 0; y < f->nexits && ok; y++) {
			const struct lw_state *sy = f->exits[y];
			int rel = 0;
			for (int k = 0; k < sy->nrel && !rel; k++)
				rel = !sy->rel[k].maybe && lw_path_equal(&sy->rel[k].path, p);
			ok = rel || lw__fact_of(sy, q) != on;
		}
		if (ok) {
			l->cond_param = (int32_t)q->root;
			l->cond_nonzero = (uint8_t)on;
			return;
		}
	}
}

/* Releases of the caller's locks: on any path.  A callee that drops the
 * caller's lock only when it succeeds (libvirt's
 * qemuDomainObjEnterMonitorAsync) must still pair with the Exit half that
 * takes it back; see docs/design.md. */
static void releases(struct lw_flow *f, struct lw_summary *sum, struct lw_arena *A)
{
	sum->rel = lw_arena_alloc(A, (LW_MAX_REL + 1) * sizeof(*sum->rel));
	for (uint32_t x = 0; x < f->nexits; x++) {
		const struct lw_state *sx = f->exits[x];
		for (int i = 0; i < sx->nrel; i++) {
			const struct lw_path *p = &sx->rel[i].path;
			int dup = 0;
			for (uint32_t k = 0; k < sum->nrel && !dup; k++)
				dup = lw_path_equal(&sum->rel[k].path, p);
			if (dup)
				continue;
			if (sum->nrel >= LW_MAX_REL) {
				lw__limit_hit(f, LW_LIMIT_REL);
				break;
			}
			struct lw_sumlock *l = &sum->rel[sum->nrel++];
			memset(l, 0, sizeof(*l));
			l->path = dup_path(A, p);
			l->cls = sx->rel[i].cls;
			l->maybe = (uint8_t)!released_everywhere(f, p);
			l->cond_param = -1;
			if (l->maybe)
				release_cond(f, p, l);
		}
	}
}

/* Locks held on the object it returns (returned locked, or NULL). */
static void returned_locked(struct lw_flow *f, struct lw_summary *sum, struct lw_arena *A)
{
	sum->retlock = lw_arena_alloc(A, (LW_MAX_HELD + 1) * sizeof(*sum->retlock));
	for (uint32_t x = 0; x < f->nexits; x++)
		for (int i = 0; i < f->exits[x]->nheld; i++) {
			const struct lw_held *h = &f->exits[x]->held[i];
			if (h->entry || h->handed || !h->path.nsteps ||
			    (h->path.root_kind != LW_ROOT_LOCAL && h->path.root_kind != LW_ROOT_RESULT) ||
			    !lw__returns_locked(f, &h->path))
				continue;
			struct lw_path rel = h->path; /* re-rooted at the result */
			rel.root_kind = LW_ROOT_RESULT;
			rel.root = 0;
			int dup = 0;
			for (uint32_t k = 0; k < sum->nretlock && !dup; k++)
				dup = lw_path_equal(&sum->retlock[k].path, &rel);
			if (dup)
				continue;
			if (sum->nretlock >= LW_MAX_HELD) {
				lw__limit_hit(f, LW_LIMIT_HELD);
				continue;
			}
			struct lw_sumlock *l = &sum->retlock[sum->nretlock++];
			l->path = dup_path(A, &rel);
			l->cls = h->cls;
			l->shared = h->shared;
		}
}

/* Pointers of the caller's that are NULL whenever this returns
 * (virDomainObjEndAPI(&vm) unlocks and sets *vm = NULL). */
static void nulled(struct lw_flow *f, struct lw_summary *sum, struct lw_arena *A)
{
	const struct lw_state *s0 = f->exits[0];
	sum->nulled = lw_arena_alloc(A, (LW_MAX_FACTS + 1) * sizeof(*sum->nulled));
	for (int i = 0; i < s0->nfacts; i++) {
		const struct lw_fact *fc = &s0->facts[i];
		if (fc->nonzero || fc->path.root_kind != LW_ROOT_PARAM || !fc->path.nsteps ||
		    fc->path.steps[0].kind != LW_STEP_DEREF)
			continue;
		int all = 1;
		for (uint32_t x = 1; x < f->nexits && all; x++)
			all = lw__fact_with_sig(f->exits[x], &fc->path, fc->sig) == 0;
		if (all)
			sum->nulled[sum->nnulled++] = dup_path(A, &fc->path);
	}
}

/* What the fixed point gathered on the way. */
static void gathered(struct lw_flow *f, struct lw_summary *sum, struct lw_arena *A)
{
	sum->ngrel = f->ngrel;
	sum->grel = lw_arena_alloc(A, (f->ngrel + 1) * sizeof(*sum->grel));
	for (uint32_t i = 0; i < f->ngrel; i++)
		sum->grel[i] = dup_path(A, &f->grel[i]);
	sum->nblock = f->nblock;
	sum->block = f->nblock ? lw_arena_dup(A, f->block, f->nblock * sizeof(*f->block)) : NULL;
	sum->nuse = f->nuse;
	sum->uses = f->nuse ? lw_arena_dup(A, f->uses, f->nuse * sizeof(*f->uses)) : NULL;
	/* Locks taken and released again: one held at every return is an
	 * acquire (sum->acq), which callers apply as such. */
	sum->ntakes = 0;
	sum->takes = lw_arena_alloc(A, (f->ntakes + 1) * sizeof(*sum->takes));
	for (uint32_t i = 0; i < f->ntakes; i++) {
		int kept = 0;
		for (uint32_t k = 0; k < sum->nacq && !kept; k++)
			kept = lw_path_equal(&sum->acq[k].path, &f->takes[i].path);
		if (kept)
			continue;
		sum->takes[sum->ntakes] = f->takes[i];
		sum->takes[sum->ntakes].path = dup_path(A, &f->takes[i].path);
		sum->ntakes++;
	}
	sum->ndatause = f->ndatause;
	sum->datause = f->ndatause ? lw_arena_dup(A, f->datause, f->ndatause * sizeof(*f->datause)) : NULL;
	sum->ncbcalls = f->ncbcalls;
	sum->cbcalls = f->ncbcalls ? lw_arena_dup(A, f->cbcalls, f->ncbcalls * sizeof(*f->cbcalls)) : NULL;
	/* Needs are recorded as the fixed point meets them; one whose lock
	 * the function turned out to take itself is its own business. */
	sum->nneed = 0;
	sum->needs = lw_arena_alloc(A, (f->nneed + 1) * sizeof(*sum->needs));
	for (uint32_t i = 0; i < f->nneed; i++)
		if (!lw__takes_class(f, f->needs[i].cls))
			sum->needs[sum->nneed++] = f->needs[i];
}

void lw__make_summary(struct lw_flow *f)
{
	struct lw_summary *sum = &f->a->sums[f->fn->decl];
	struct lw_arena *A = f->a->tu->arena;
	sum->nacq = sum->ntryacq = sum->nrel = sum->nretlock = sum->nnulled = 0;
	if (f->nexits) {
		acquires(f, sum, A);
		releases(f, sum, A);
		returned_locked(f, sum, A);
		nulled(f, sum, A);
	}
	gathered(f, sum, A);
}
