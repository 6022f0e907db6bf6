/*
 * flow-access.c - what a field or global access requires: the lock its
 * annotation names, in this function's terms, whether it is held, and
 * whether the requirement is left to the callers (a need).  Marks the
 * locks the access uses.  The verdicts are the checks'.
 */
#include "track.h"

#include <string.h>

#include "builtins.h"
#include "check.h"

/* Is p inside an object allocated in this function? */
static int is_fresh(const struct lw_state *s, const struct lw_path *p)
{
	for (int i = 0; i < s->nfresh; i++)
		if (lw_path_is_prefix(&s->fresh[i], p) && p->nsteps > s->fresh[i].nsteps)
			return 1;
	return 0;
}

/* The lock a guarded/RCU field names, in the access's terms: the access
 * path without its last field, then the lock's field chain; a global's
 * lock is a global. */
static struct lw_path guard_path(struct lw_flow *f, const struct lw_event *e,
				 const struct lw_field_info *fi)
{
	struct lw_path req;
	if (fi->lock_global || !e->path.nsteps) {
		/* g, or a member of it (foo.mu) */
		memset(&req, 0, sizeof(req));
		req.root_kind = LW_ROOT_GLOBAL;
		req.root = fi->lock_global;
		req.steps = fi->lock_steps;
		req.nsteps = fi->nlock_steps;
		return req;
	}
	struct lw_path base = e->path;
	base.nsteps--;
	return lw__mkpath(f, &base, fi->lock_steps, fi->nlock_steps);
}

static const char *print_path(struct lw_flow *f, const struct lw_path *p)
{
	char buf[256];
	lw_path_print(f->a->tu, f->fn, f->fd, p, buf, sizeof(buf));
	return lw_arena_strdup(f->a->tu->arena, buf);
}

/* Adds a need of this function, deduplicated by its class and the
 * access it comes from. */
void lw__add_need(struct lw_flow *f, const struct lw_need *n)
{
	for (uint32_t i = 0; i < f->nneed; i++)
		if (lw_lockclass_eq(f->needs[i].cls, n->cls) && f->needs[i].loc.line == n->loc.line &&
		    f->needs[i].loc.col == n->loc.col && f->needs[i].loc.file == n->loc.file)
			return;
	struct lw_arena *A = f->a->tu->arena;
	LW_GROW(f->a->scratch, f->needs, f->nneed, f->cap_need);
	struct lw_need *d = &f->needs[f->nneed++];
	*d = *n;
	d->lock.steps = n->lock.nsteps ? lw_arena_dup(A, n->lock.steps, n->lock.nsteps * sizeof(struct lw_step)) : NULL;
	d->lockname = print_path(f, &n->lock);
}

/* A need of this function: the access at e requires cls, which it does
 * not hold and does not take itself; its callers must hold it. */
static void add_need(struct lw_flow *f, const struct lw_event *e, const struct lw_path *req,
		     struct lw_lockclass cls, int write)
{
	struct lw_need n;
	memset(&n, 0, sizeof(n));
	n.cls = cls;
	n.lock = *req;
	n.loc = e->loc;
	n.write = (uint8_t)write;
	n.global = e->path.nsteps == 0;
	n.func = f->fn->name;
	/* printed once: the dedup in lw__add_need keeps the first */
	for (uint32_t i = 0; i < f->nneed; i++)
		if (lw_lockclass_eq(f->needs[i].cls, cls) && f->needs[i].loc.line == e->loc.line &&
		    f->needs[i].loc.col == e->loc.col && f->needs[i].loc.file == e->loc.file)
			return;
	n.field = print_path(f, &e->path);
	lw__add_need(f, &n);
}

/* What the call an address is passed to does with it. */
static void addr_call(struct lw_flow *f, const struct lw_event *e, struct lw_access_info *ai)
{
	if (!e->call_id || e->call_id > f->fn->ncalls || !f->calls[e->call_id])
		return;
	const struct lw_event *c = f->calls[e->call_id];
	ai->addr_call = c;
	if (c->decl >= 0 && (lw_model_fn(f->a->model, (uint32_t)c->decl)->flags & LW_FN_RCU_PUBLISH))
		ai->addr_publishes = 1;
	const struct lw_builtin *b = lw__callee_info(f->a, c->callee).builtin;
	if (b)
		ai->addr_op = (int)b->op;
}

static void classified(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		       struct lw_access_info *ai)
{
	const struct lw_field_info *fi = ai->fi;
	if (fi->cls != LW_FC_GUARDED && fi->cls != LW_FC_RCU)
		return;
	ai->lock = guard_path(f, e, fi);
	ai->held = lw__held_index(s, &ai->lock, fi->lock_cls);
	if (ai->held >= 0)
		lw__use_class(f, s, fi->lock_cls);
	if (fi->cls == LW_FC_GUARDED && ai->held < 0 && !ai->in_init && e->mode != LW_ACC_ADDR &&
	    !lw__takes_class(f, fi->lock_cls) &&
	    (ai->lock.root_kind == LW_ROOT_PARAM || ai->lock.root_kind == LW_ROOT_GLOBAL)) {
		/* Maybe the function requires it of its callers: decided
		 * once every caller in view has been seen. */
		add_need(f, e, &ai->lock, fi->lock_cls, ai->write);
		ai->need = 1;
	}
}

static const struct lw_access_field *field_of(struct lw_flow *f, const struct lw_event *e,
					      uint32_t index)
{
	struct lw_access_field *af = &f->fields[index];
	if (af->known)
		return af;
	af->known = 1;
	if (!e->path.nsteps) { /* a global named alone */
		af->fi = lw_model_global(f->a->model, e->path.root);
		return af;
	}
	const struct lw_step *last = &e->path.steps[e->path.nsteps - 1];
	af->fi = lw_model_field(f->a->model, last->record, last->field);
	/* unclassified data some driver lock protects: a field of a struct
	 * with a driver lock field, or of a struct reached from a global
	 * when a global is a driver lock */
	int protected_ = g_hash_table_contains(f->a->driver_records, GUINT_TO_POINTER(last->record)) ||
			 (e->path.root_kind == LW_ROOT_GLOBAL && f->a->global_driver_lock);
	af->driver_data = protected_ && (!af->fi || af->fi->cls == LW_FC_NONE) &&
			  !(af->fi && af->fi->is_lock) &&
			  !lw_model_is_lock(f->a->model, (struct lw_lockclass){last->record, last->field});
	return af;
}

void lw__do_access(struct lw_flow *f, struct lw_state *s, const struct lw_event *e, uint32_t index)
{
	struct lw_access_info ai;
	memset(&ai, 0, sizeof(ai));
	ai.e = e;
	ai.held = -1;
	ai.addr_op = -1;
	ai.global = e->path.nsteps == 0; /* a global named alone */
	ai.in_init = (uint8_t)lw__in_init(f);
	ai.write = e->mode == LW_ACC_WRITE || e->mode == LW_ACC_RMW ||
		   (e->mode == LW_ACC_ADDR && !(e->flags & LW_AF_CONST_ARG) && e->call_id);
	/* A designated initializer, or a fresh object, fills memory nobody
	 * else sees yet: nothing is required. */
	ai.initializing = is_fresh(s, &e->path) || (e->flags & LW_AF_INIT);
	if (!ai.initializing) {
		const struct lw_access_field *af = field_of(f, e, index);
		ai.fi = af->fi;
		if (ai.fi && ai.fi->cls != LW_FC_NONE)
			classified(f, s, e, &ai);
		else if (af->driver_data) {
			/* Taken to be protected by the driver lock (needless-lock
			 * must not fire on what the user has not classified). */
			struct lw_datause u = {e->path.steps[e->path.nsteps - 1].record,
					       (uint8_t)(e->path.root_kind == LW_ROOT_GLOBAL)};
			lw__use_driver_data(f, s, &u);
		}
		if (e->mode == LW_ACC_ADDR)
			addr_call(f, e, &ai);
	}
	if (f->checking)
		lw__checks_access(f, s, &ai);
}
