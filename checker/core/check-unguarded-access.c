/*
 * check-unguarded-access.c - an LW_GUARDED_BY field or global read without
 * its lock, or written without it held exclusively; an LW_REQUIRES
 * function called without the lock.  An access in a function that does
 * not take the lock itself is the tracker's "need", passed up through
 * callers that neither hold nor take the lock, at any depth.  Once every
 * caller in view is known (analysis_end), a need no caller at any depth
 * holds the lock for is reported at the access; otherwise each call that
 * neither holds the lock nor passes the need up is.  docs/checks.md.
 */
#include "check.h"

/* A call to a function with needs, seen in the reporting pass. */
struct needsite {
	int32_t callee;      /* fdecl */
	const struct lw_need *n; /* the callee's need as the call saw it */
	uint32_t need;       /* its index in the callee's final summary (analysis_end) */
	int32_t caller_decl; /* fdecl */
	lw_str caller;
	lw_str callee_name;
	struct lw_loc loc;
	uint8_t held;
	const char *lockname; /* the lock in the caller's terms */
};

struct priv {
	struct needsite *sites;
	uint32_t n, cap;
};

static void init(struct lw_check_ctx *c)
{
	c->priv = lw_arena_alloc(c->arena, sizeof(struct priv));
}

static struct lw_diag *report_access(struct lw_check_ctx *c, struct lw_loc loc, int global, int write,
			  const char *what, const char *lock)
{
	if (global && write)
		return lw_report_UNGUARDED_GLOBAL_WRITE(c, loc, what, lock);
	if (global)
		return lw_report_UNGUARDED_GLOBAL_READ(c, loc, what, lock);
	if (write)
		return lw_report_UNGUARDED_WRITE(c, loc, what, lock);
	return lw_report_UNGUARDED_READ(c, loc, what, lock);
}

static void on_access(struct lw_check_ctx *c, const struct lw_state *s,
		      const struct lw_access_info *ai)
{
	if (!ai->fi || ai->fi->cls != LW_FC_GUARDED || ai->initializing)
		return;
	if (ai->held >= 0 && !(ai->write && s->held[ai->held].shared))
		return;
	if (ai->in_init || ai->e->mode == LW_ACC_ADDR || ai->need)
		return;
	report_access(c, ai->e->loc, ai->global, ai->write,
		      lw_check_lockname(c, &ai->e->path, (struct lw_lockclass){0, 0}),
		      lw_check_lockname(c, &ai->lock, ai->fi->lock_cls));
}

static void on_call(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci)
{
	(void)s;
	struct priv *p = c->priv;
	for (uint32_t i = 0; i < ci->nreq; i++) {
		const struct lw_req *r = &ci->req[i];
		if (r->kind == LW_REQ_REQUIRES && !r->held && !lw__in_init(c->f)) {
			lw_report_UNGUARDED_CALL(c, ci->e->loc, lw_check_callee_name(c, ci->e),
						 lw_check_lockname(c, r->lock, r->cls));
		} else if (r->kind == LW_REQ_NEED) {
			LW_GROW(c->arena, p->sites, p->n, p->cap);
			struct needsite *ns = &p->sites[p->n++];
			ns->callee = ci->callee_decl;
			ns->n = r->need;
			ns->caller_decl = (int32_t)c->f->fn->decl;
			ns->caller = c->f->fn->name;
			ns->callee_name = ci->e->callee;
			ns->loc = ci->e->loc;
			ns->held = r->held;
			ns->lockname = lw_check_lockname(c, r->lock, r->cls);
		}
	}
}

static int same_need(const struct lw_need *a, const struct lw_need *b)
{
	return lw_lockclass_eq(a->cls, b->cls) && a->loc.file == b->loc.file &&
	       a->loc.line == b->loc.line && a->loc.col == b->loc.col;
}

/* The index of the need like n in fdecl fd's summary, or -1. */
static int32_t find_need(const struct lw_analysis *a, int32_t fd, const struct lw_need *n)
{
	if (fd < 0)
		return -1;
	const struct lw_summary *sum = &a->sums[fd];
	for (uint32_t i = 0; i < sum->nneed; i++)
		if (same_need(&sum->needs[i], n))
			return (int32_t)i;
	return -1;
}

struct decision {
	uint32_t *base;     /* per fdecl: its first need's index in sat[] */
	uint8_t *sat;       /* per need: some caller at some depth holds the lock */
	uint8_t *called;    /* per need: some call to its function binds it */
	int32_t *passed_to; /* per site: the caller's need it became, or -1 */
};

/* A call that neither holds the lock nor leaves it to callers of its
 * own (the need it became in the caller reaches no call): where the
 * requirement is broken. */
static int broken_at(const struct decision *d, const struct needsite *ns, uint32_t k)
{
	return !ns->held && (d->passed_to[k] < 0 || !d->called[d->passed_to[k]]);
}

/* A need is satisfied when some call to it holds the lock, or passes it
 * up to a caller's need that is satisfied: a fixed point over the sites. */
static void satisfy(const struct lw_analysis *a, const struct priv *p, struct decision *d)
{
	for (int changed = 1; changed;) {
		changed = 0;
		for (uint32_t k = 0; k < p->n; k++) {
			const struct needsite *ns = &p->sites[k];
			if (ns->need == UINT32_MAX)
				continue;
			uint32_t at = d->base[ns->callee] + ns->need;
			if (d->sat[at])
				continue;
			int ok = ns->held || (d->passed_to[k] >= 0 && d->sat[d->passed_to[k]]);
			if (ok)
				d->sat[at] = changed = 1;
		}
	}
	(void)a;
}

static void decide(struct lw_check_ctx *c, const struct decision *d)
{
	const struct lw_analysis *a = c->a;
	const struct priv *p = c->priv;
	for (uint32_t fd = 0; fd < a->tu->nfdecls; fd++) {
		const struct lw_summary *sum = &a->sums[fd];
		for (uint32_t i = 0; i < sum->nneed; i++) {
			const struct lw_need *n = &sum->needs[i];
			int origin = n->func == a->tu->fdecls[fd].name;
			if (!d->sat[d->base[fd] + i]) {
				/* No caller at any depth holds the lock: at the
				 * access, once (a need passed up is its origin's). */
				if (!origin)
					continue;
				struct lw_diag *g = report_access(c, n->loc, n->global, n->write,
								  n->field, n->lockname);
				g->function = lw_str_get(a->tu, n->func);
				continue;
			}
			const struct needsite *holder = NULL;
			for (uint32_t k = 0; k < p->n && !holder; k++)
				if (p->sites[k].callee == (int32_t)fd && p->sites[k].need == i &&
				    p->sites[k].held)
					holder = &p->sites[k];
			for (uint32_t k = 0; k < p->n; k++) {
				const struct needsite *ns = &p->sites[k];
				if (ns->callee != (int32_t)fd || ns->need != i || !broken_at(d, ns, k))
					continue;
				const char *callee = lw_str_get(a->tu, ns->callee_name);
				struct lw_diag *g = lw_report_UNGUARDED_CALL(c, ns->loc, callee, ns->lockname);
				g->function = lw_str_get(a->tu, ns->caller);
				const char *accessor = lw_str_get(a->tu, n->func);
				if (n->global)
					lw_note_ACCESSES_GLOBAL_HERE(c, g, n->loc, accessor, n->field);
				else
					lw_note_ACCESSES_HERE(c, g, n->loc, accessor, n->field);
				if (holder)
					lw_note_CALLED_WITH_LOCK(c, g, holder->loc, callee, holder->lockname);
			}
		}
	}
}

/* Every need of every function, against the calls made to it. */
static void on_analysis_end(struct lw_check_ctx *c)
{
	const struct lw_analysis *a = c->a;
	const struct priv *p = c->priv;
	struct decision d;
	uint32_t nfd = a->tu->nfdecls, total = 0;
	d.base = lw_arena_alloc(c->arena, (nfd + 1) * sizeof(*d.base));
	for (uint32_t fd = 0; fd < nfd; fd++) {
		d.base[fd] = total;
		total += a->sums[fd].nneed;
	}
	d.sat = lw_arena_alloc(c->arena, total + 1);
	d.called = lw_arena_alloc(c->arena, total + 1);
	d.passed_to = lw_arena_alloc(c->arena, (p->n + 1) * sizeof(*d.passed_to));
	for (uint32_t k = 0; k < p->n; k++) {
		/* A member of a call cycle may have been called with an earlier
		 * summary of its callee: match the need in the final one. */
		struct needsite *ns = &p->sites[k];
		int32_t at = find_need(a, ns->callee, ns->n);
		ns->need = at >= 0 ? (uint32_t)at : UINT32_MAX;
		const struct lw_need *n = ns->n;
		int32_t up = ns->held || at < 0 ? -1 : find_need(a, ns->caller_decl, n);
		d.passed_to[k] = up >= 0 ? (int32_t)(d.base[ns->caller_decl] + (uint32_t)up) : -1;
		if (at >= 0)
			d.called[d.base[ns->callee] + (uint32_t)at] = 1;
	}
	satisfy(a, p, &d);
	decide(c, &d);
}

const struct lw_check_ops lw__check_unguarded_access = {
	.init = init,
	.access = on_access,
	.call = on_call,
	.analysis_end = on_analysis_end,
};
