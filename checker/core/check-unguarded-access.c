/*
 * check-unguarded-access.c - an LW_GUARDED_BY field or global read without
 * its lock, or written without it held exclusively; an LW_REQUIRES
 * function called without the lock.  An access in a function that does
 * not take the lock itself is the tracker's "need": once every caller in
 * view is known (analysis_end), it is reported at the access if no caller
 * holds the lock, else at each caller that does not.  docs/checks.md.
 */
#include "check.h"

/* A call to a function with needs, seen in the reporting pass. */
struct needsite {
	int32_t callee;      /* fdecl */
	uint32_t need;       /* index in the callee's summary */
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
			ns->need = r->need_index;
			ns->caller = c->f->fn->name;
			ns->callee_name = ci->e->callee;
			ns->loc = ci->e->loc;
			ns->held = r->held;
			ns->lockname = lw_check_lockname(c, r->lock, r->cls);
		}
	}
}

/* Every need of every function, against the calls made to it. */
static void on_analysis_end(struct lw_check_ctx *c)
{
	const struct lw_analysis *a = c->a;
	const struct priv *p = c->priv;
	for (uint32_t fd = 0; fd < a->tu->nfdecls; fd++) {
		const struct lw_summary *sum = &a->sums[fd];
		for (uint32_t i = 0; i < sum->nneed; i++) {
			const struct lw_need *n = &sum->needs[i];
			const struct needsite *holder = NULL;
			int any_site = 0;
			for (uint32_t k = 0; k < p->n; k++) {
				const struct needsite *ns = &p->sites[k];
				if (ns->callee != (int32_t)fd || ns->need != i)
					continue;
				any_site = 1;
				if (ns->held && !holder)
					holder = ns;
			}
			if (!any_site || !holder) {
				struct lw_diag *d = report_access(c, n->loc, n->global, n->write,
								  n->field, n->lockname);
				d->function = lw_str_get(a->tu, n->func);
				continue;
			}
			for (uint32_t k = 0; k < p->n; k++) {
				const struct needsite *ns = &p->sites[k];
				if (ns->callee != (int32_t)fd || ns->need != i || ns->held)
					continue;
				const char *callee = lw_str_get(a->tu, ns->callee_name);
				struct lw_diag *d = lw_report_UNGUARDED_CALL(c, ns->loc, callee, ns->lockname);
				d->function = lw_str_get(a->tu, ns->caller);
				if (n->global)
					lw_note_ACCESSES_GLOBAL_HERE(c, d, n->loc, callee, n->field);
				else
					lw_note_ACCESSES_HERE(c, d, n->loc, callee, n->field);
				lw_note_CALLED_WITH_LOCK(c, d, holder->loc, callee, holder->lockname);
			}
		}
	}
}

const struct lw_check_ops lw__check_unguarded_access = {
	.init = init,
	.access = on_access,
	.call = on_call,
	.analysis_end = on_analysis_end,
};
