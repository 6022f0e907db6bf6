/*
 * flow-call.c - the effects of a call on the state, in named steps:
 *   1. requirements: the callee's LW_REQUIRES/LW_EXCLUDES and its
 *      summary's needs, bound to this call; the locks they use;
 *   2. blocking: whether the call blocks (built-in category, LW_BLOCKING,
 *      LW_WAITS) or may through the callee's summary; blocking points;
 *   3. the checks see the call, before its effects;
 *   4. lock effects, gathered from one source (annotations, else the
 *      built-in entry) plus what the callee's body was found to do, then
 *      applied in order;
 *   5. hidden uses (a callee with no body in view that gets the object
 *      holding a driver lock), hand-offs to a thread, fresh objects.
 */
#include "track.h"

#include <string.h>

#include "builtins.h"
#include "check.h"

/* ---- the callee ------------------------------------------------------------ */

static const struct lw_summary *callee_summary(struct lw_flow *f, const struct lw_event *e)
{
	if (e->decl < 0)
		return NULL;
	const struct lw_fdecl *fd = &f->a->tu->fdecls[e->decl];
	if (fd->func < 0)
		return NULL;
	const struct lw_fn_info *fi = lw_model_fn(f->a->model, (uint32_t)e->decl);
	if (fi->flags & LW_FN_NO_ANALYSIS)
		return NULL;
	const struct lw_summary *sum = &f->a->sums[e->decl];
	return sum->state == 2 || sum->state == 1 ? sum : NULL;
}

/* The built-in entry with its argument rule applied to the call's
 * constant arguments. */
static const struct lw_builtin *call_builtin(struct lw_flow *f, const struct lw_event *e,
					     const struct lw_builtin *entry)
{
	if (!entry)
		return NULL;
	int64_t cst[LW_MAX_CONST_ARGS];
	uint8_t has[LW_MAX_CONST_ARGS];
	unsigned nc = e->nargs < LW_MAX_CONST_ARGS ? e->nargs : LW_MAX_CONST_ARGS;
	if (e->nargs > LW_MAX_CONST_ARGS && (entry->flags & LW_BF_ARGDEP))
		lw__limit_hit(f, LW_LIMIT_CONST_ARGS);
	for (unsigned i = 0; i < nc; i++) {
		has[i] = e->args[i].kind == LW_VAL_INT;
		cst[i] = e->args[i].k;
	}
	return lw_builtin_with_args(entry, nc, cst, has);
}

/* ---- 1. requirements ------------------------------------------------------- */

static void add_req(struct lw_flow *f, struct lw_call_info *ci, uint32_t *cap,
		    const struct lw_req *r)
{
	struct lw_req *v = (struct lw_req *)ci->req;
	LW_GROW(f->a->scratch, v, ci->nreq, *cap);
	v[ci->nreq++] = *r;
	ci->req = v;
}

static const struct lw_path *keep_path(struct lw_flow *f, const struct lw_path *p)
{
	struct lw_path *k = lw_arena_alloc_raw(f->a->scratch, sizeof(*k));
	*k = *p;
	return k;
}

/* A callee's need that this function does not satisfy, about a lock its
 * own callers can name: it becomes this function's need (needs at any
 * depth), unless it turns out to take the lock itself (summary.c). */
static void pass_up(struct lw_flow *f, const struct lw_need *n, const struct lw_path *lock)
{
	struct lw_need up = *n;
	up.lock = *lock;
	lw__add_need(f, &up);
}

static void requirements(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			 const struct lw_fn_info *fi, struct lw_call_info *ci)
{
	uint32_t cap = 0;
	for (uint32_t i = 0; fi && i < fi->neffects; i++) {
		const struct lw_effect *ef = &fi->effects[i];
		if (ef->kind != LW_AN_REQUIRES && ef->kind != LW_AN_REQUIRES_SHARED &&
		    ef->kind != LW_AN_EXCLUDES)
			continue;
		struct lw_path p;
		int ok = lw__subst(f, e, &ef->lock, &p) == 0;
		if (ok)
			p = lw__normalize(f, p);
		struct lw_lockclass c = ok ? lw__path_class(&p) : ef->cls;
		if (lw_lockclass_empty(c))
			c = ef->cls;
		struct lw_req r = {ef->kind == LW_AN_EXCLUDES ? LW_REQ_EXCLUDES : LW_REQ_REQUIRES,
				   ok ? keep_path(f, &p) : NULL, c, 0, NULL, 0};
		r.held = lw__held_index(s, r.lock, c) >= 0;
		if (r.kind == LW_REQ_REQUIRES)
			lw__use_class(f, s, c);
		add_req(f, ci, &cap, &r);
	}
	const struct lw_summary *sum = ci->sum;
	if (!sum)
		return;
	for (uint32_t i = 0; i < sum->nuse; i++)
		lw__use_class(f, s, sum->uses[i]);
	for (uint32_t i = 0; i < sum->ndatause; i++)
		lw__use_driver_data(f, s, &sum->datause[i]);
	for (uint32_t i = 0; i < sum->nneed; i++) {
		const struct lw_need *n = &sum->needs[i];
		struct lw_path p;
		int ok = lw__subst(f, e, &n->lock, &p) == 0;
		struct lw_req r = {LW_REQ_NEED, ok ? keep_path(f, &p) : NULL, n->cls, 0, n, i};
		r.held = lw__held_index(s, r.lock, n->cls) >= 0;
		if (r.held)
			lw__use_class(f, s, n->cls);
		else if (ok && !lw__in_init(f) &&
			 (p.root_kind == LW_ROOT_PARAM || p.root_kind == LW_ROOT_GLOBAL))
			pass_up(f, n, &p);
		add_req(f, ci, &cap, &r);
	}
}

/* The locks the callee takes and releases, bound to this call: one this
 * function holds is taken twice (the checks decide); one its own callers
 * can name is passed up, with the place it is taken. */
static void takes(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e,
		  struct lw_call_info *ci)
{
	if (!ci->sum)
		return;
	uint32_t cap = 0;
	for (uint32_t i = 0; i < ci->sum->ntakes; i++) {
		const struct lw_lockparam *t = &ci->sum->takes[i];
		struct lw_path p;
		if (lw__subst(f, e, &t->path, &p) != 0)
			continue;
		p = lw__normalize(f, p);
		int held = -1;
		for (int k = 0; k < s->nheld && held < 0; k++)
			if (lw_path_equal(&s->held[k].path, &p))
				held = k;
		if (held >= 0) {
			struct lw_retaken *v = (struct lw_retaken *)ci->retaken;
			LW_GROW(f->a->scratch, v, ci->nretaken, cap);
			v[ci->nretaken++] = (struct lw_retaken){t, p, held};
			ci->retaken = v;
		} else if (p.root_kind == LW_ROOT_PARAM || p.root_kind == LW_ROOT_GLOBAL) {
			struct lw_lockparam up = *t;
			up.path = p;
			lw__add_take(f, &up);
		}
	}
}

/* ---- 2. blocking ------------------------------------------------------------ */

static void add_param_lock(struct lw_flow *f, struct lw_blockpt *bp, const struct lw_lockparam *l)
{
	for (int k = 0; k < bp->nheld; k++)
		if (lw_path_equal(&bp->held[k].path, &l->path))
			return;
	if (bp->nheld >= LW_MAX_HELD) {
		lw__limit_hit(f, LW_LIMIT_HELD);
		return;
	}
	bp->held[bp->nheld++] = *l;
}

/* The parameter values the point depends on: those the caller's point
 * (ccond) did, and what this state knows of this function's kept
 * parameters. */
static void param_conds(struct lw_flow *f, const struct lw_state *s, struct lw_blockpt *bp,
			const struct lw_paramcond *ccond, int nccond)
{
	for (int i = 0; i < nccond + s->nfacts; i++) {
		struct lw_paramcond c;
		if (i < nccond) {
			c = ccond[i];
		} else {
			const struct lw_fact *fc = &s->facts[i - nccond];
			if (fc->path.root_kind != LW_ROOT_PARAM || fc->path.nsteps ||
			    !lw__param_kept(f, fc->path.root))
				continue;
			c.param = fc->path.root;
			c.nonzero = fc->nonzero;
		}
		int dup = 0;
		for (int k = 0; k < bp->ncond && !dup; k++)
			dup = bp->cond[k].param == c.param;
		if (dup)
			continue;
		if (bp->ncond >= LW_MAX_PARAM_CONDS) {
			lw__limit_hit(f, LW_LIMIT_PARAM_CONDS);
			return;
		}
		bp->cond[bp->ncond++] = c;
	}
}

/* One point reached on two paths depends only on what both agree on. */
static void intersect_conds(struct lw_blockpt *o, const struct lw_blockpt *bp)
{
	for (int k = 0; k < o->ncond;) {
		int both = 0;
		for (int j = 0; j < bp->ncond && !both; j++)
			both = bp->cond[j].param == o->cond[k].param &&
			       bp->cond[j].nonzero == o->cond[k].nonzero;
		if (both)
			k++;
		else
			o->cond[k] = o->cond[--o->ncond];
	}
}

static int same_blockpt(const struct lw_blockpt *o, const struct lw_blockpt *bp)
{
	if (o->nrel != bp->nrel || o->nheld != bp->nheld)
		return 0;
	for (int k = 0; k < bp->nrel; k++) {
		int found = 0;
		for (int j = 0; j < o->nrel && !found; j++)
			found = lw_lockclass_eq(o->rel[j], bp->rel[k]);
		if (!found)
			return 0;
	}
	for (int k = 0; k < bp->nheld; k++) {
		int found = 0;
		for (int j = 0; j < o->nheld && !found; j++)
			found = lw_path_equal(&o->held[j].path, &bp->held[k].path);
		if (!found)
			return 0;
	}
	return 1;
}

/* Record a blocking point in this function's summary: keep one entry per
 * release set and set of parameter locks held, with the shortest chain.
 * Empty classes name no lock and excuse nothing: they are left out of the
 * set.  cheld: the callee's parameter locks, bound to this call, that are
 * still parameter locks here; ccond: the callee's parameter values the
 * point depends on, in this function's terms. */
static void add_blockpt(struct lw_flow *f, const struct lw_state *s, enum lw_block_src src,
			int cat, const struct lw_chainstep *chain, uint16_t nchain,
			const struct lw_lockclass *crel, int ncrel,
			const struct lw_lockparam *cheld, int ncheld,
			const struct lw_paramcond *ccond, int nccond)
{
	struct lw_blockpt bp;
	memset(&bp, 0, sizeof(bp));
	bp.src = (uint8_t)src;
	bp.cat = (uint8_t)cat;
	/* Excused at the callers: the caller's locks released by now, and the
	 * driver locks held by contract on entry (reported here). */
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (!h->entry || !h->driver || lw_lockclass_empty(h->cls) || bp.nrel >= LW_MAX_REL)
			continue;
		bp.rel[bp.nrel++] = h->cls;
	}
	for (int i = 0; i < s->nunheld && bp.nrel < LW_MAX_REL; i++)
		if (!lw_lockclass_empty(s->unheld[i].cls))
			bp.rel[bp.nrel++] = s->unheld[i].cls;
	for (int i = 0; i < s->nrel + ncrel; i++) {
		struct lw_lockclass c = i < s->nrel ? s->rel[i].cls : crel[i - s->nrel];
		if (lw_lockclass_empty(c))
			continue;
		if (bp.nrel >= LW_MAX_REL) {
			lw__limit_hit(f, LW_LIMIT_REL);
			break;
		}
		bp.rel[bp.nrel++] = c;
	}
	/* The locks rooted at a parameter held here: not driver locks in
	 * this function, maybe one at a call (locked_sleep(&d->lock)). */
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (h->entry || h->driver || h->path.root_kind != LW_ROOT_PARAM)
			continue;
		struct lw_lockparam l = {h->path, f->sites[h->site].loc,
					 f->fn->name, h->shared, 0};
		add_param_lock(f, &bp, &l);
	}
	for (int i = 0; i < ncheld; i++)
		add_param_lock(f, &bp, &cheld[i]);
	param_conds(f, s, &bp, ccond, nccond);
	for (uint32_t i = 0; i < f->nblock; i++) {
		struct lw_blockpt *o = &f->block[i];
		if (!same_blockpt(o, &bp))
			continue;
		intersect_conds(o, &bp);
		if (o->nchain > nchain) {
			o->chain = lw_arena_dup(f->a->tu->arena, chain, nchain * sizeof(*chain));
			o->nchain = nchain;
			o->src = bp.src;
			o->cat = bp.cat;
		}
		return;
	}
	if (f->nblock >= LW_MAX_BLOCKPTS) {
		lw__limit_hit(f, LW_LIMIT_BLOCKPTS);
		return;
	}
	struct lw_arena *A = f->a->tu->arena;
	for (int k = 0; k < bp.nheld; k++)
		if (bp.held[k].path.nsteps)
			bp.held[k].path.steps = lw_arena_dup(A, bp.held[k].path.steps,
							     bp.held[k].path.nsteps * sizeof(struct lw_step));
	LW_GROW(f->a->scratch, f->block, f->nblock, f->cap_block);
	bp.chain = lw_arena_dup(A, chain, nchain * sizeof(*chain));
	bp.nchain = nchain;
	f->block[f->nblock++] = bp;
}

/* Chains are built in the scratch arena for every state that reaches a
 * call; add_blockpt() copies the few it keeps into the TU's arena. */
static void first_step(struct lw_flow *f, const struct lw_event *e, struct lw_chainstep *c)
{
	if (f->dispatch)
		*c = *f->dispatch;
	c->func = f->fn->name;
	c->callee = e->callee;
	c->loc = e->loc;
}

static const struct lw_chainstep *chain_direct(struct lw_flow *f, const struct lw_event *e)
{
	struct lw_chainstep *c = lw_arena_alloc(f->a->scratch, sizeof(*c));
	first_step(f, e, c);
	return c;
}

static const struct lw_chainstep *chain_prepend(struct lw_flow *f, const struct lw_event *e,
						const struct lw_blockpt *bp, uint16_t *n)
{
	uint16_t len = bp->nchain < LW_MAX_CHAIN ? bp->nchain + 1 : LW_MAX_CHAIN;
	struct lw_chainstep *c = lw_arena_alloc(f->a->scratch, len * sizeof(*c));
	first_step(f, e, &c[0]);
	memcpy(c + 1, bp->chain, (size_t)(len - 1) * sizeof(*c));
	if (len < bp->nchain + 1) {
		c[len - 1] = bp->chain[bp->nchain - 1]; /* keep the blocking call */
		c[len - 2].cut = 1;                      /* and say what is missing */
		lw__limit_hit(f, LW_LIMIT_CHAIN);
	}
	*n = len;
	return c;
}

/* Is argument i of the call known zero (0) or non-zero (1), here, or not
 * (-1)?  *mine: the parameter of this function it is, when it is one the
 * body keeps, else -1. */
static int arg_known(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e,
		     uint32_t i, int32_t *mine)
{
	*mine = -1;
	if (i >= e->nargs)
		return -1;
	const struct lw_value *v = &e->args[i];
	if (v->kind == LW_VAL_INT)
		return v->k != 0;
	if (v->kind == LW_VAL_ADDR || v->kind == LW_VAL_FUNC)
		return 1;
	if (v->kind != LW_VAL_LOAD)
		return -1;
	struct lw_path p = lw__canon(f, s, v->path);
	if (p.root_kind == LW_ROOT_PARAM && !p.nsteps && lw__param_kept(f, p.root))
		*mine = (int32_t)p.root;
	return lw__fact_of(s, &p);
}

/* A callee's blocking point as this call reaches it: NULL when the
 * arguments contradict a parameter value it depends on (a constant, or a
 * value this state knows); else its dependencies on arguments that are
 * this function's own kept parameters, in this function's terms. */
static const struct lw_blockpt *reached(struct lw_flow *f, const struct lw_state *s,
					const struct lw_event *e, const struct lw_blockpt *bp)
{
	if (!bp->ncond)
		return bp;
	struct lw_paramcond up[LW_MAX_PARAM_CONDS];
	int nup = 0;
	for (int k = 0; k < bp->ncond; k++) {
		int32_t mine;
		int known = arg_known(f, s, e, bp->cond[k].param, &mine);
		if (known >= 0 && known != bp->cond[k].nonzero)
			return NULL;
		if (known < 0 && mine >= 0)
			up[nup++] = (struct lw_paramcond){(uint32_t)mine, bp->cond[k].nonzero};
	}
	struct lw_blockpt *c = lw_arena_alloc(f->a->scratch, sizeof(*c));
	*c = *bp;
	c->ncond = (uint8_t)nup;
	memcpy(c->cond, up, (size_t)nup * sizeof(*up));
	return c;
}

static int bind_held(struct lw_flow *f, const struct lw_event *e, const struct lw_blockpt *bp,
		     struct lw_call_info *ci, uint32_t *cap, struct lw_lockparam *out);
static void add_block(struct lw_flow *f, struct lw_call_info *ci, const struct lw_blockpt *bp);
static void callbacks(struct lw_flow *f, const struct lw_event *e, struct lw_call_info *ci);

static void blocking(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		     const struct lw_fn_info *fi, const struct lw_builtin *b,
		     struct lw_call_info *ci)
{
	const struct lw_options *o = f->a->opts;
	int nonblocking = (fi && (fi->flags & LW_FN_NONBLOCKING)) || f->nonblocking_call;
	struct lw_path waited;
	int has_waited = 0;
	if (nonblocking) {
		ci->src = LW_BLOCK_NONE;
	} else if (fi && (fi->flags & LW_FN_BLOCKING)) {
		ci->src = LW_BLOCK_ANNOTATED;
	} else if (b && b->block_cat >= 0 && (o->blocking & (1u << b->block_cat))) {
		ci->src = LW_BLOCK_BUILTIN;
		ci->cat = (enum lw_block_cat)b->block_cat;
	}
	/* A condition wait releases its mutex while it blocks. */
	if (b && b->op == LW_OP_WAIT && b->lock_arg >= 0 && (unsigned)b->lock_arg < e->nargs &&
	    !nonblocking) {
		if (lw__pointee(f, s, &e->args[b->lock_arg], &waited) == 0)
			has_waited = 1, waited = lw__normalize(f, waited);
		if (o->blocking & (1u << LW_BLK_WAIT)) {
			ci->src = LW_BLOCK_BUILTIN;
			ci->cat = LW_BLK_WAIT;
		}
	}
	for (uint32_t i = 0; fi && i < fi->neffects; i++)
		if (fi->effects[i].kind == LW_AN_WAITS &&
		    lw__subst(f, e, &fi->effects[i].lock, &waited) == 0) {
			waited = lw__normalize(f, waited);
			has_waited = 1;
			if (ci->src == LW_BLOCK_NONE && !nonblocking)
				ci->src = LW_BLOCK_WAITS;
		}
	if (has_waited) {
		ci->waited = keep_path(f, &waited);
		ci->waited_cls = lw__path_class(&waited);
	}
	if (ci->src != LW_BLOCK_NONE) {
		add_blockpt(f, s, ci->src, ci->cat, chain_direct(f, e), 1, &ci->waited_cls, has_waited,
			    NULL, 0, NULL, 0);
	} else if (!nonblocking) {
		for (uint32_t i = 0; ci->sum && i < ci->sum->nblock; i++) {
			const struct lw_blockpt *bp = reached(f, s, e, &ci->sum->block[i]);
			if (bp)
				add_block(f, ci, bp);
		}
		callbacks(f, e, ci);
		uint32_t cap = 0;
		for (uint32_t i = 0; i < ci->nblocks; i++) {
			const struct lw_blockpt *bp = ci->blocks[i];
			uint16_t n;
			const struct lw_chainstep *c = chain_prepend(f, e, bp, &n);
			struct lw_lockparam cheld[LW_MAX_HELD];
			int ncheld = bind_held(f, e, bp, ci, &cap, cheld);
			add_blockpt(f, s, (enum lw_block_src)bp->src, bp->cat, c, n, bp->rel, bp->nrel,
				    cheld, ncheld, bp->cond, bp->ncond);
		}
		ci->via_summary = ci->nblocks > 0;
	}
}

static void add_block(struct lw_flow *f, struct lw_call_info *ci, const struct lw_blockpt *bp)
{
	const struct lw_blockpt **v = (const struct lw_blockpt **)ci->blocks;
	uint32_t cap = ci->nblocks; /* grows by one: the arena keeps the rest */
	LW_GROW(f->a->scratch, v, ci->nblocks, cap);
	v[ci->nblocks++] = bp;
	ci->blocks = v;
}

/* A blocking point of a function called through a pointer, seen from the
 * call: the chain down to the call through the pointer, then the target's. */
static const struct lw_blockpt *through(struct lw_flow *f, const struct lw_blockpt *tbp,
					const struct lw_chainstep *pre, uint16_t npre)
{
	struct lw_blockpt *bp = lw_arena_alloc(f->a->scratch, sizeof(*bp));
	*bp = *tbp;
	bp->nheld = 0; /* the target's parameter locks: not bound here */
	bp->ncond = 0; /* nor its parameter values */
	uint16_t len = (uint16_t)(npre + tbp->nchain);
	if (len > LW_MAX_CHAIN) {
		lw__limit_hit(f, LW_LIMIT_CHAIN);
		len = LW_MAX_CHAIN;
	}
	struct lw_chainstep *c = lw_arena_alloc(f->a->scratch, len * sizeof(*c));
	memcpy(c, pre, npre * sizeof(*c));
	memcpy(c + npre, tbp->chain, (size_t)(len - npre) * sizeof(*c));
	if (npre + tbp->nchain > len) {
		c[len - 1] = tbp->chain[tbp->nchain - 1]; /* keep the blocking call */
		c[len - 2].cut = 1;
	}
	bp->chain = c;
	bp->nchain = len;
	return bp;
}

/* A target that blocks: its summary's points; a built-in blocking
 * function, one point at the call through the pointer itself. */
static void target_blocks(struct lw_flow *f, struct lw_call_info *ci, int32_t t,
			  const struct lw_chainstep *pre, uint16_t npre)
{
	const struct lw_fdecl *fd = &f->a->tu->fdecls[t];
	const struct lw_fn_info *fi = lw_model_fn(f->a->model, (uint32_t)t);
	if ((fi->flags & LW_FN_NONBLOCKING) || f->nonblocking_call)
		return;
	const struct lw_summary *sum = fd->func >= 0 && !(fi->flags & LW_FN_NO_ANALYSIS) &&
						       f->a->sums[t].state ? &f->a->sums[t] : NULL;
	for (uint32_t i = 0; sum && i < sum->nblock; i++)
		add_block(f, ci, through(f, &sum->block[i], pre, npre));
	const struct lw_builtin *b = lw__callee_info(f->a, fd->name).builtin;
	int cat = b ? b->block_cat : -1;
	if (!sum && ((cat >= 0 && (f->a->opts->blocking & (1u << cat))) || (fi->flags & LW_FN_BLOCKING))) {
		struct lw_blockpt *bp = lw_arena_alloc(f->a->scratch, sizeof(*bp));
		bp->src = (fi->flags & LW_FN_BLOCKING) ? LW_BLOCK_ANNOTATED : LW_BLOCK_BUILTIN;
		bp->cat = (uint8_t)(cat >= 0 ? cat : 0);
		bp->chain = pre;
		bp->nchain = npre;
		add_block(f, ci, bp);
	}
}

/* The callee calls some of its parameters (callbacks): at this call they
 * are the functions passed here, or this function's own parameters (then
 * its callers bind them). */
static void callbacks(struct lw_flow *f, const struct lw_event *e, struct lw_call_info *ci)
{
	if (e->decl >= 0 && (lw_model_fn(f->a->model, (uint32_t)e->decl)->flags & LW_FN_STORES_CALLBACKS))
		return; /* kept for later, not called now */
	for (uint32_t i = 0; ci->sum && i < ci->sum->ncbcalls; i++) {
		const struct lw_cbcall *cb = &ci->sum->cbcalls[i];
		if (cb->param >= e->nargs || !cb->nchain)
			continue;
		const struct lw_value *v = &e->args[cb->param];
		uint16_t n = cb->nchain;
		struct lw_chainstep *c = lw_arena_alloc(f->a->scratch, n * sizeof(*c));
		memcpy(c, cb->chain, n * sizeof(*c));
		if (v->kind == LW_VAL_FUNC) {
			c[n - 1].callee = f->a->tu->fdecls[v->k].name;
			c[n - 1].stored = e->loc;
			c[n - 1].passed = 1;
			target_blocks(f, ci, (int32_t)v->k, c, n);
		} else if (v->kind == LW_VAL_LOAD && v->path.root_kind == LW_ROOT_PARAM &&
			   !v->path.nsteps && n < LW_MAX_CHAIN) {
			struct lw_chainstep *up = lw_arena_alloc(f->a->scratch, (n + 1) * sizeof(*up));
			first_step(f, e, &up[0]);
			memcpy(up + 1, c, n * sizeof(*c));
			struct lw_cbcall pass = {v->path.root, (uint16_t)(n + 1), up};
			lw__add_cbcall(f, &pass);
		}
	}
}

/* The parameter locks a callee holds at a blocking point, bound to this
 * call: a driver lock goes to the checks (the call blocks under it); a
 * lock still rooted at one of this function's parameters is kept, in
 * these terms, for its callers (out); anything else names no driver lock. */
static int bind_held(struct lw_flow *f, const struct lw_event *e, const struct lw_blockpt *bp,
		     struct lw_call_info *ci, uint32_t *cap, struct lw_lockparam *out)
{
	int n = 0;
	for (int k = 0; k < bp->nheld; k++) {
		struct lw_path p;
		if (lw__subst(f, e, &bp->held[k].path, &p) != 0)
			continue;
		p = lw__normalize(f, p);
		struct lw_lockclass cls = lw__path_class(&p);
		if (lw_model_is_driver_lock(f->a->model, cls)) {
			struct lw_bound_lock *v = (struct lw_bound_lock *)ci->bound;
			LW_GROW(f->a->scratch, v, ci->nbound, *cap);
			v[ci->nbound++] = (struct lw_bound_lock){bp, &bp->held[k], p, cls};
			ci->bound = v;
		} else if (p.root_kind == LW_ROOT_PARAM) {
			out[n] = bp->held[k];
			out[n++].path = p;
		}
	}
	return n;
}

/* ---- 4. lock effects --------------------------------------------------------- */

enum effect_op {
	EFF_ACQUIRE,
	EFF_RELEASE,
	EFF_TRY_ACQUIRE,
	EFF_TESTS_HELD, /* an "is it held?" query: pending like a try-lock */
	EFF_GUARD_ACQUIRE,
	EFF_GUARD_RELEASE,
	EFF_RCU_ENTER,
	EFF_RCU_EXIT,
	EFF_NULLED, /* the callee set the caller's pointer to NULL */
};

struct effect {
	uint8_t op, shared, recursive, maybe;
	int64_t ret;          /* EFF_TRY_ACQUIRE: the result that means acquired */
	struct lw_path path;  /* the lock, guard or pointer */
};

struct effects {
	struct effect *v;
	uint32_t n, cap;
};

static void push(struct lw_flow *f, struct effects *l, enum effect_op op, const struct lw_path *p)
{
	LW_GROW(f->a->scratch, l->v, l->n, l->cap);
	struct effect *x = &l->v[l->n++];
	memset(x, 0, sizeof(*x));
	x->op = (uint8_t)op;
	if (p)
		x->path = *p;
}

/* The guard object a guard-returning call produces: where its result is
 * stored, or the result itself until it is. */
static struct lw_path guard_of_call(const struct lw_event *e)
{
	struct lw_path g = e->path;
	if (!g.root_kind) {
		g.root_kind = LW_ROOT_RESULT;
		g.root = e->id;
		g.nsteps = 0;
	}
	return g;
}

static void annotated_effects(struct lw_flow *f, const struct lw_event *e,
			      const struct lw_fn_info *fi, struct effects *l)
{
	for (uint32_t i = 0; i < fi->neffects; i++) {
		const struct lw_effect *ef = &fi->effects[i];
		struct lw_path p;
		if (ef->kind == LW_AN_REQUIRES || ef->kind == LW_AN_REQUIRES_SHARED ||
		    ef->kind == LW_AN_EXCLUDES || ef->kind == LW_AN_WAITS)
			continue;
		if (lw__subst(f, e, &ef->lock, &p) != 0)
			continue;
		switch (ef->kind) {
		case LW_AN_ACQUIRES:
		case LW_AN_ACQUIRES_SHARED:
			push(f, l, EFF_ACQUIRE, &p);
			l->v[l->n - 1].shared = ef->kind == LW_AN_ACQUIRES_SHARED;
			break;
		case LW_AN_RELEASES:
			push(f, l, EFF_RELEASE, &p);
			break;
		case LW_AN_TRY_ACQUIRES:
			push(f, l, EFF_TRY_ACQUIRE, &p);
			l->v[l->n - 1].ret = ef->ret;
			break;
		case LW_AN_TESTS_HELD:
			push(f, l, EFF_TESTS_HELD, &p);
			break;
		case LW_AN_ACQUIRES_GUARD:
			push(f, l, EFF_GUARD_ACQUIRE, &p);
			break;
		case LW_AN_RELEASES_GUARD:
			push(f, l, EFF_GUARD_RELEASE, &p);
			break;
		}
	}
}

static void builtin_effects(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e,
			    const struct lw_builtin *b, struct effects *l)
{
	struct lw_path p;
	int arg = b->lock_arg >= 0 && (unsigned)b->lock_arg < e->nargs;
	int have = arg && lw__pointee(f, s, &e->args[b->lock_arg], &p) == 0;
	int recursive = (b->flags & LW_BF_RECURSIVE) != 0;
	switch (b->op) {
	case LW_OP_ACQUIRE:
	case LW_OP_ACQUIRE_SHARED:
	case LW_OP_GUARD_ACQUIRE:
		if (!have)
			break;
		push(f, l, b->op == LW_OP_GUARD_ACQUIRE ? EFF_GUARD_ACQUIRE : EFF_ACQUIRE, &p);
		l->v[l->n - 1].shared = b->op == LW_OP_ACQUIRE_SHARED ||
					(b->op == LW_OP_GUARD_ACQUIRE && (b->flags & LW_BF_SHARED));
		l->v[l->n - 1].recursive = (uint8_t)recursive;
		break;
	case LW_OP_TRY_ACQUIRE:
	case LW_OP_TRY_ACQUIRE_SHARED:
		if (!have)
			break;
		push(f, l, EFF_TRY_ACQUIRE, &p);
		l->v[l->n - 1].ret = b->try_ret;
		l->v[l->n - 1].shared = b->op == LW_OP_TRY_ACQUIRE_SHARED;
		break;
	case LW_OP_RELEASE:
		if (have)
			push(f, l, EFF_RELEASE, &p);
		break;
	case LW_OP_TESTS_HELD:
		if (have)
			push(f, l, EFF_TESTS_HELD, &p);
		break;
	case LW_OP_GUARD_RELEASE:
		/* g_mutex_locker_free(locker) passes the guard value,
		 * glib_autoptr_cleanup_GMutexLocker(&locker) its address:
		 * either way the guard is locker. */
		if (arg && (e->args[b->lock_arg].kind == LW_VAL_LOAD ||
			    e->args[b->lock_arg].kind == LW_VAL_ADDR))
			push(f, l, EFF_GUARD_RELEASE, &e->args[b->lock_arg].path);
		break;
	case LW_OP_RCU_READ_LOCK:
		push(f, l, EFF_RCU_ENTER, NULL);
		break;
	case LW_OP_RCU_READ_UNLOCK:
		push(f, l, EFF_RCU_EXIT, NULL);
		break;
	default:
		break;
	}
}

/* Does an annotation of the callee speak about this lock (a path in the
 * callee's terms)?  Then it, not the body, decides. */
static int annotated_lock(const struct lw_fn_info *fi, const struct lw_path *p)
{
	if (!fi)
		return 0;
	for (uint32_t i = 0; i < fi->neffects; i++)
		if (lw_path_is_prefix(&fi->effects[i].lock, p) ||
		    lw_path_is_prefix(p, &fi->effects[i].lock))
			return 1;
	return 0;
}

/* What the body was found to do, for the locks its annotations do not
 * mention: a function annotated LW_TRY_ACQUIRES for one lock may still
 * drop the caller's (libvirt's qemuDomainObjEnterMonitorAsync). */
static void summary_effects(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e,
			    const struct lw_fn_info *fi, const struct lw_summary *sum,
			    struct effects *l)
{
	struct lw_path p;
	for (uint32_t i = 0; i < sum->ngrel; i++)
		if (lw__subst(f, e, &sum->grel[i], &p) == 0)
			push(f, l, EFF_GUARD_RELEASE, &p);
	for (uint32_t i = 0; i < sum->nrel; i++) {
		const struct lw_sumlock *r = &sum->rel[i];
		int maybe = r->maybe;
		if (r->cond_param >= 0) {
			/* released for one value of a parameter only */
			int32_t mine;
			int known = arg_known(f, s, e, (uint32_t)r->cond_param, &mine);
			if (known >= 0 && known != r->cond_nonzero)
				continue;
			maybe = known < 0;
		}
		if (!annotated_lock(fi, &r->path) && lw__subst(f, e, &r->path, &p) == 0) {
			push(f, l, EFF_RELEASE, &p);
			l->v[l->n - 1].maybe = (uint8_t)maybe;
		}
	}
	for (uint32_t i = 0; i < sum->nretlock; i++) {
		p = sum->retlock[i].path;
		p.root = e->id; /* the call's result */
		push(f, l, EFF_ACQUIRE, &p);
		l->v[l->n - 1].shared = sum->retlock[i].shared;
	}
	for (uint32_t i = 0; i < sum->nnulled; i++)
		if (lw__subst(f, e, &sum->nulled[i], &p) == 0)
			push(f, l, EFF_NULLED, &p);
	for (uint32_t i = 0; i < sum->nacq; i++)
		if (!annotated_lock(fi, &sum->acq[i].path) &&
		    lw__subst(f, e, &sum->acq[i].path, &p) == 0) {
			push(f, l, EFF_ACQUIRE, &p);
			l->v[l->n - 1].shared = sum->acq[i].shared;
		}
	for (uint32_t i = 0; i < sum->ntryacq; i++)
		if (!annotated_lock(fi, &sum->tryacq[i].path) &&
		    lw__subst(f, e, &sum->tryacq[i].path, &p) == 0) {
			push(f, l, EFF_TRY_ACQUIRE, &p);
			l->v[l->n - 1].shared = sum->tryacq[i].shared;
			l->v[l->n - 1].ret = sum->tryacq[i].try_ret;
		}
}

static void apply_effects(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			  const struct effects *l)
{
	for (uint32_t i = 0; i < l->n; i++) {
		const struct effect *x = &l->v[i];
		switch ((enum effect_op)x->op) {
		case EFF_ACQUIRE:
			lw__acquire(f, s, e, x->path, x->shared, NULL, x->recursive);
			break;
		case EFF_RELEASE:
			lw__release(f, s, e, x->path, x->maybe);
			break;
		case EFF_TRY_ACQUIRE:
			lw__add_pending(f, s, e, x->path, x->ret, x->shared, 0);
			break;
		case EFF_TESTS_HELD:
			lw__add_pending(f, s, e, x->path, 1, 0, 1);
			break;
		case EFF_GUARD_ACQUIRE: {
			struct lw_path g = guard_of_call(e);
			lw__acquire(f, s, e, x->path, x->shared, &g, x->recursive);
			break;
		}
		case EFF_GUARD_RELEASE:
			lw__release_guard(f, s, &x->path, e);
			break;
		case EFF_RCU_ENTER:
			lw__rcu_enter(f, s, e);
			break;
		case EFF_RCU_EXIT:
			lw__rcu_exit(s);
			break;
		case EFF_NULLED: {
			struct lw_value zero = {0};
			zero.kind = LW_VAL_INT;
			lw__assign(f, s, e, &x->path, &zero);
			break;
		}
		}
	}
}

static void lock_effects(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			 const struct lw_fn_info *fi, const struct lw_builtin *b,
			 const struct lw_summary *sum)
{
	struct effects l = {0};
	int builtin_op = b && b->op != LW_OP_NONE;
	/* Annotations first, else the built-in table; then what the
	 * callee's body was found to do. */
	if (fi && (fi->flags & LW_FN_HAS_LOCK_EFFECTS))
		annotated_effects(f, e, fi, &l);
	else if (builtin_op)
		builtin_effects(f, s, e, b, &l);
	if (sum && !builtin_op)
		summary_effects(f, s, e, fi, sum, &l);
	if (fi && (fi->flags & LW_FN_RCU_READ_LOCK))
		push(f, &l, EFF_RCU_ENTER, NULL);
	if (fi && (fi->flags & LW_FN_RCU_READ_UNLOCK))
		push(f, &l, EFF_RCU_EXIT, NULL);
	apply_effects(f, s, e, &l);
}

/* ---- 5. what else the call means ---------------------------------------------- */

/* A callee with no body in view that gets the object holding a driver
 * lock may need that lock: count it as a use (needless-lock must not
 * fire on what it cannot see). */
static void hidden_uses(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e)
{
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (!h->driver)
			continue;
		for (uint32_t k = 0; k < e->nargs; k++) {
			const struct lw_value *v = &e->args[k];
			if ((v->kind == LW_VAL_LOAD || v->kind == LW_VAL_ADDR) &&
			    v->path.root_kind == h->path.root_kind && v->path.root == h->path.root &&
			    h->site < f->nsites)
				f->sites[h->site].used = 1;
		}
	}
}

/* A thread started here takes over the object locks this function took
 * (libvirt hands a locked domain to its reconnect thread).  Driver locks
 * are never handed over. */
static void hand_off(struct lw_state *s)
{
	for (int i = 0; i < s->nheld; i++)
		if (!s->held[i].entry && !s->held[i].driver)
			s->held[i].handed = 1;
}

static void direct_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			const struct lw_chainstep *dispatch);
static void annotated_blocking(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			       const char *via);

/* A call through a pointer: to its one possible callee, as a direct call;
 * to several, where any of them may block; through a parameter, a
 * callback the callers bind.  Unresolved, nothing (counted). */
static void indirect_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e)
{
	struct lw_target t[LW_MAX_TARGETS];
	int32_t param;
	const char *via;
	uint32_t n = lw__resolve(f, s, e, t, &param, &via);
	uint8_t calls = lw__pointer_calls(f, s, e);
	if (f->checking) {
		struct lw_track_stats *st = &f->a->stats;
		st->indirect++;
		st->indirect_resolved += n > 0 || param >= 0;
		st->indirect_targets += n;
		if (n > st->indirect_largest)
			st->indirect_largest = n;
	}
	struct lw_chainstep *d = lw_arena_alloc(f->a->scratch, sizeof(*d));
	d->func = f->fn->name;
	d->loc = e->loc;
	d->via = via;
	if (calls == LW_FP_BLOCKING) {
		/* annotated: every call through it blocks, whatever it calls */
		annotated_blocking(f, s, e, via);
		return;
	}
	if (param >= 0) {
		struct lw_cbcall cb = {(uint32_t)param, 1, d};
		lw__add_cbcall(f, &cb);
		return;
	}
	if (calls == LW_FP_NONBLOCKING)
		f->nonblocking_call = 1;
	if (n == 1) {
		struct lw_event *c = lw_arena_alloc(f->a->scratch, sizeof(*c));
		*c = *e;
		c->callee = f->a->tu->fdecls[t[0].fdecl].name;
		c->decl = t[0].fdecl;
		c->flags &= (uint16_t)~LW_CF_INDIRECT;
		d->callee = c->callee;
		d->stored = t[0].stored;
		direct_call(f, s, c, d);
		return;
	}
	if (n == 0)
		return;
	/* several: where any of them may block, with the dispatch as the
	 * chain's first step */
	struct lw_call_info ci;
	memset(&ci, 0, sizeof(ci));
	ci.e = e;
	ci.callee_decl = -1;
	ci.via = via;
	for (uint32_t i = 0; i < n; i++) {
		struct lw_chainstep *step = lw_arena_alloc(f->a->scratch, sizeof(*step));
		*step = *d;
		step->callee = f->a->tu->fdecls[t[i].fdecl].name;
		step->stored = t[i].stored;
		target_blocks(f, &ci, t[i].fdecl, step, 1);
	}
	uint32_t cap = 0;
	for (uint32_t i = 0; i < ci.nblocks; i++) {
		const struct lw_blockpt *bp = ci.blocks[i];
		struct lw_lockparam cheld[LW_MAX_HELD];
		int ncheld = bind_held(f, e, bp, &ci, &cap, cheld);
		add_blockpt(f, s, (enum lw_block_src)bp->src, bp->cat, bp->chain, bp->nchain, bp->rel,
			    bp->nrel, cheld, ncheld, NULL, 0);
	}
	ci.via_summary = ci.nblocks > 0;
	ci.multi = 1;
	if (f->checking)
		lw__checks_call(f, s, &ci);
}

/* A call through a pointer annotated LW_BLOCKING: a blocking call. */
static void annotated_blocking(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			       const char *via)
{
	struct lw_call_info ci;
	memset(&ci, 0, sizeof(ci));
	ci.e = e;
	ci.callee_decl = -1;
	ci.via = via;
	ci.multi = 1;
	ci.src = LW_BLOCK_ANNOTATED;
	struct lw_chainstep *c = lw_arena_alloc(f->a->scratch, sizeof(*c));
	c->func = f->fn->name;
	c->callee = lw_intern_cstr(f->a->tu, via);
	c->loc = e->loc;
	add_blockpt(f, s, LW_BLOCK_ANNOTATED, 0, c, 1, NULL, 0, NULL, 0, NULL, 0);
	if (f->checking)
		lw__checks_call(f, s, &ci);
}

void lw__do_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e)
{
	if (e->flags & LW_CF_INDIRECT)
		indirect_call(f, s, e);
	else
		direct_call(f, s, e, NULL);
}

static void direct_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			const struct lw_chainstep *dispatch)
{
	f->dispatch = dispatch;
	const struct lw_callee callee = lw__callee_info(f->a, e->callee);
	const struct lw_fn_info *fi = e->decl >= 0 ? lw_model_fn(f->a->model, (uint32_t)e->decl) : NULL;
	const struct lw_builtin *b = call_builtin(f, e, callee.builtin);
	struct lw_call_info ci;
	memset(&ci, 0, sizeof(ci));
	ci.e = e;
	ci.callee_decl = e->decl;
	ci.sum = callee_summary(f, e);
	ci.probe = callee.probe;
	if (dispatch) {
		ci.via = dispatch->via;
		ci.stored = dispatch->stored;
	}

	requirements(f, s, e, fi, &ci);
	takes(f, s, e, &ci);
	blocking(f, s, e, fi, b, &ci);
	if (f->checking)
		lw__checks_call(f, s, &ci);
	lock_effects(f, s, e, fi, b, ci.sum);

	int lock_op = (b && b->op != LW_OP_NONE) || (fi && (fi->flags & LW_FN_HAS_LOCK_EFFECTS));
	if (!ci.sum && !lock_op && !(b && b->block_cat >= 0) && e->callee && !callee.probe)
		hidden_uses(f, s, e);
	if (fi && (fi->flags & LW_FN_HANDS_OFF))
		hand_off(s);
	if (callee.allocator && e->path.root_kind)
		lw__add_fresh(f, s, &e->path);
	f->dispatch = NULL;
	f->nonblocking_call = 0;
}
