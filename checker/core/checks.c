/*
 * checks.c - the verdicts: given the tracker's state at an event, decide
 * whether it is a finding, and add it with its notes.
 *
 * One section per check id (docs/checks.md has the same sections).  Must
 * not change the tracker's state and must not format text beyond choosing
 * a row of diag-kinds.def and its arguments.
 */
#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

static const char *lockname(struct lw_flow *f, const struct lw_path *p, struct lw_lockclass c)
{
	struct lw_tu *tu = f->a->tu;
	char buf[256];
	if (p && p->root_kind) {
		lw_path_print(tu, f->fn, f->fd, p, buf, sizeof(buf));
		return lw_arena_strdup(f->a->diags->arena, buf);
	}
	if (c.record)
		return lw_arena_printf(f->a->diags->arena, "%s.%s", lw_str_get(tu, c.record),
				       lw_str_get(tu, c.name));
	return lw_str_get(tu, c.name);
}

static const char *held_name(struct lw_flow *f, const struct lw_held *h)
{
	return lockname(f, &h->path, h->cls);
}

static const char *callee_name(struct lw_flow *f, const struct lw_event *e)
{
	return e->callee ? lw_str_get(f->a->tu, e->callee) : "(function pointer)";
}

static void note_acquired(struct lw_flow *f, struct lw_diag *d, const struct lw_held *h)
{
	if (h->site && h->site < f->nsites)
		lw__diag_note(f->a->diags, d, LW_NOTE_ACQUIRED_HERE, f->sites[h->site].loc,
			      held_name(f, h));
}

static const char *cat_name(int cat)
{
	return cat >= 0 ? lw_block_cat_name((enum lw_block_cat)cat) : "annotated LW_BLOCKING";
}

static int in_init(struct lw_flow *f)
{
	return f->a->init_ctx[f->fn->decl];
}

/* ---- sleep-under-lock -------------------------------------------------------- */

void lw__check_block_direct(struct lw_flow *f, const struct lw_state *s,
			    const struct lw_event *e, int cat, const struct lw_path *waited)
{
	struct lw_lockclass wc = waited ? lw__path_class(f->a->tu, waited) : (struct lw_lockclass){0, 0};
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (!h->driver || h->entry)
			continue;
		if (waited && (lw_path_equal(&h->path, waited) ||
			       ((wc.name || wc.record) && lw_lockclass_eq(h->cls, wc))))
			continue;
		struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_BLOCK_UNDER_LOCK, e->loc,
						 callee_name(f, e), held_name(f, h));
		d->function = lw_str_get(f->a->tu, f->fn->name);
		note_acquired(f, d, h);
		lw__diag_note(f->a->diags, d, LW_NOTE_BLOCKS_HERE, e->loc, callee_name(f, e),
			      cat_name(cat));
		return; /* one finding per call site */
	}
	if (s->rcu) {
		struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_BLOCK_IN_RCU, e->loc,
						 callee_name(f, e));
		d->function = lw_str_get(f->a->tu, f->fn->name);
		lw__diag_note(f->a->diags, d, LW_NOTE_RCU_BEGINS_HERE, s->rcu_loc);
		lw__diag_note(f->a->diags, d, LW_NOTE_BLOCKS_HERE, e->loc, callee_name(f, e),
			      cat_name(cat));
	}
}

static int excused(const struct lw_blockpt *bp, struct lw_lockclass c)
{
	for (int i = 0; i < bp->nrel; i++)
		if (lw_lockclass_eq(bp->rel[i], c))
			return 1;
	return 0;
}

static void chain_notes(struct lw_flow *f, struct lw_diag *d, const struct lw_blockpt *bp)
{
	struct lw_tu *tu = f->a->tu;
	/* chain[0] is the callee's first step: the callee calling something
	 * (or blocking itself); the call in this function is the primary
	 * location. */
	for (uint16_t i = 0; i < bp->nchain; i++) {
		const struct lw_chainstep *c = &bp->chain[i];
		if (i + 1 == bp->nchain)
			lw__diag_note(f->a->diags, d, LW_NOTE_BLOCKS_HERE, c->loc,
				      lw_str_get(tu, c->callee), cat_name(bp->cat));
		else
			lw__diag_note(f->a->diags, d, LW_NOTE_CALLS_HERE, c->loc,
				      lw_str_get(tu, c->func), lw_str_get(tu, c->callee));
	}
}

void lw__check_block_via_call(struct lw_flow *f, const struct lw_state *s,
			      const struct lw_event *e, const struct lw_summary *sum)
{
	const struct lw_held *best_h = NULL;
	const struct lw_blockpt *best = NULL;
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (!h->driver || h->entry)
			continue;
		for (uint32_t k = 0; k < sum->nblock; k++) {
			const struct lw_blockpt *bp = &sum->block[k];
			if (excused(bp, h->cls))
				continue;
			if (!best || bp->nchain < best->nchain) {
				best = bp;
				best_h = h;
			}
		}
	}
	if (best) {
		struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_BLOCK_VIA_CALL, e->loc,
						 callee_name(f, e), held_name(f, best_h));
		d->function = lw_str_get(f->a->tu, f->fn->name);
		note_acquired(f, d, best_h);
		chain_notes(f, d, best);
		return;
	}
	if (s->rcu && sum->nblock) {
		best = &sum->block[0];
		for (uint32_t k = 1; k < sum->nblock; k++)
			if (sum->block[k].nchain < best->nchain)
				best = &sum->block[k];
		struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_BLOCK_VIA_CALL_IN_RCU, e->loc,
						 callee_name(f, e));
		d->function = lw_str_get(f->a->tu, f->fn->name);
		lw__diag_note(f->a->diags, d, LW_NOTE_RCU_BEGINS_HERE, s->rcu_loc);
		chain_notes(f, d, best);
	}
}

/* ---- field accesses ------------------------------------------------------------ */

static int is_fresh(const struct lw_state *s, const struct lw_path *p)
{
	for (int i = 0; i < s->nfresh; i++)
		if (lw_path_is_prefix(&s->fresh[i], p) && p->nsteps > s->fresh[i].nsteps)
			return 1;
	return 0;
}

static const struct lw_field_info *field_of(struct lw_flow *f, const struct lw_step *st)
{
	return lw_model_field(f->a->model, st->record, st->field);
}

static const char *access_name(struct lw_flow *f, const struct lw_event *e)
{
	return lockname(f, &e->path, (struct lw_lockclass){0, 0});
}

/* What the call an address is passed to does with it. */
static int addr_call_op(struct lw_flow *f, const struct lw_event *e, int *publish_fn)
{
	*publish_fn = 0;
	if (!e->call_id || e->call_id > f->fn->ncalls || !f->calls[e->call_id])
		return -1;
	const struct lw_event *c = f->calls[e->call_id];
	if (c->decl >= 0 && (lw_model_fn(f->a->model, (uint32_t)c->decl)->flags & LW_FN_RCU_PUBLISH))
		*publish_fn = 1;
	if (!c->callee)
		return -1;
	const struct lw_builtin *b = lw_builtin_lookup(lw_str_get(f->a->tu, c->callee), 0, NULL, NULL);
	return b ? (int)b->op : -1;
}

static void add_need(struct lw_flow *f, const struct lw_event *e, const struct lw_path *req,
		     struct lw_lockclass cls, int write)
{
	for (uint32_t i = 0; i < f->nneed; i++)
		if (lw_lockclass_eq(f->needs[i].cls, cls) && f->needs[i].loc.line == e->loc.line &&
		    f->needs[i].loc.col == e->loc.col && f->needs[i].loc.file == e->loc.file)
			return;
	struct lw_analysis *a = f->a;
	LW_GROW(a->scratch, f->needs, f->nneed, f->cap_need);
	struct lw_need *n = &f->needs[f->nneed++];
	memset(n, 0, sizeof(*n));
	n->cls = cls;
	n->lock = *req;
	n->lock.steps = req->nsteps ? lw_arena_dup(a->tu->arena, req->steps, req->nsteps * sizeof(struct lw_step)) : NULL;
	n->field = lw_arena_strdup(a->tu->arena, access_name(f, e));
	n->lockname = lw_arena_strdup(a->tu->arena, lockname(f, req, cls));
	n->loc = e->loc;
	n->write = (uint8_t)write;
	n->global = e->path.nsteps == 0;
	n->func = f->fn->name;
	/* The analysis-wide table keeps its own copy: f->needs lives in the
	 * scratch arena and is copied into the summary only later. */
	LW_GROW(a->tu->arena, a->need_tab, a->nneeds, a->cap_needs);
	n->id = a->nneeds;
	a->need_tab[a->nneeds++] = lw_arena_dup(a->tu->arena, n, sizeof(*n));
}

static int takes_class(struct lw_flow *f, struct lw_lockclass c)
{
	for (uint32_t i = 1; i < f->nsites; i++)
		if (lw_lockclass_eq(f->sites[i].cls, c))
			return 1;
	return 0;
}

/* The lock a guarded/RCU field names, in the access's terms: the access
 * path without its last field, then the lock's field chain. */
static struct lw_path guard_path(struct lw_flow *f, const struct lw_event *e,
				 const struct lw_field_info *fi)
{
	struct lw_path req;
	if (fi->lock_global || !e->path.nsteps) { /* a global's lock is a global */
		memset(&req, 0, sizeof(req));
		req.root_kind = LW_ROOT_GLOBAL;
		req.root = fi->lock_global;
	} else {
		/* sibling: the access path without its last field, then the
		 * lock's field chain */
		struct lw_path base = e->path;
		base.nsteps--;
		struct lw_step *st = lw_arena_alloc(f->a->scratch, (base.nsteps + fi->nlock_steps + 1) * sizeof(*st));
		memcpy(st, base.steps, base.nsteps * sizeof(*st));
		memcpy(st + base.nsteps, fi->lock_steps, fi->nlock_steps * sizeof(*st));
		req = base;
		req.steps = st;
		req.nsteps = (uint16_t)(base.nsteps + fi->nlock_steps);
	}
	return req;
}

int lw__unguarded_diag(int global, int write)
{
	if (global)
		return write ? LW_DIAG_UNGUARDED_GLOBAL_WRITE : LW_DIAG_UNGUARDED_GLOBAL_READ;
	return write ? LW_DIAG_UNGUARDED_WRITE : LW_DIAG_UNGUARDED_READ;
}

static void check_guarded(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			  const struct lw_field_info *fi)
{
	struct lw_path req = guard_path(f, e, fi);
	int write = e->mode == LW_ACC_WRITE || e->mode == LW_ACC_RMW ||
		    (e->mode == LW_ACC_ADDR && !(e->flags & LW_AF_CONST_ARG) && e->call_id);
	int idx = lw__held_index(s, &req, fi->lock_cls);
	if (idx >= 0) {
		lw__use_class(f, s, fi->lock_cls);
		if (!(write && s->held[idx].shared))
			return;
	}
	if (in_init(f) || e->mode == LW_ACC_ADDR)
		return;
	if (idx < 0 && !takes_class(f, fi->lock_cls) &&
	    (req.root_kind == LW_ROOT_PARAM || req.root_kind == LW_ROOT_GLOBAL)) {
		/* Maybe the function requires it of its callers: decided
		 * once every caller in view has been seen. */
		add_need(f, e, &req, fi->lock_cls, write);
		return;
	}
	struct lw_diag *d = lw__diag_add(f->a->diags, lw__unguarded_diag(e->path.nsteps == 0, write),
					 e->loc, access_name(f, e), lockname(f, &req, fi->lock_cls));
	d->function = lw_str_get(f->a->tu, f->fn->name);
}

static void check_rcu(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		      const struct lw_field_info *fi)
{
	struct lw_path req = guard_path(f, e, fi);
	int held = lw__held_index(s, &req, fi->lock_cls) >= 0;
	int publish_fn;
	int op = e->mode == LW_ACC_ADDR ? addr_call_op(f, e, &publish_fn) : -1;
	if (held)
		lw__use_class(f, s, fi->lock_cls);
	if (in_init(f))
		return;
	const char *lock = lockname(f, &req, fi->lock_cls);
	if (e->mode == LW_ACC_READ || (e->mode == LW_ACC_ADDR && op == LW_OP_RCU_DEREF)) {
		if (!held && !s->rcu) {
			struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_RCU_UNPROTECTED_LOAD, e->loc,
							 access_name(f, e), lock);
			d->function = lw_str_get(f->a->tu, f->fn->name);
		}
		return;
	}
	int publication = 0;
	if (e->mode == LW_ACC_WRITE && (e->flags & (LW_AF_VOLATILE | LW_AF_ATOMIC_TYPE)))
		publication = 1;
	else if (e->mode == LW_ACC_ADDR && (publish_fn || op == LW_OP_RCU_PUBLISH || op == LW_OP_ATOMIC))
		publication = 1;
	else if (e->mode == LW_ACC_ADDR)
		return;
	if (!publication) {
		struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_RCU_PLAIN_STORE, e->loc,
						 access_name(f, e));
		d->function = lw_str_get(f->a->tu, f->fn->name);
		return;
	}
	if (!held) {
		struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_RCU_UNLOCKED_PUBLISH, e->loc,
						 access_name(f, e), lock);
		d->function = lw_str_get(f->a->tu, f->fn->name);
	}
}

static void check_snapshot_write(struct lw_flow *f, struct lw_state *s, const struct lw_event *e)
{
	if (in_init(f))
		return;
	for (int i = 0; i < s->nsnap; i++) {
		const struct lw_snap *sn = &s->snap[i];
		if (lw_path_is_prefix(&sn->path, &e->path) && e->path.nsteps > sn->path.nsteps &&
		    e->path.steps[sn->path.nsteps].kind == LW_STEP_DEREF) {
			struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_RCU_SNAPSHOT_WRITE, e->loc,
							 access_name(f, e));
			d->function = lw_str_get(f->a->tu, f->fn->name);
			lw__diag_note(f->a->diags, d, LW_NOTE_SNAPSHOT_FROM, sn->loc,
				      lockname(f, &sn->from, (struct lw_lockclass){0, 0}));
			return;
		}
	}
	for (uint16_t i = 0; i + 1 < e->path.nsteps; i++) {
		const struct lw_step *st = &e->path.steps[i];
		if (st->kind != LW_STEP_FIELD || e->path.steps[i + 1].kind != LW_STEP_DEREF)
			continue;
		const struct lw_field_info *fi = field_of(f, st);
		if (fi && fi->cls == LW_FC_RCU) {
			struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_RCU_SNAPSHOT_WRITE, e->loc,
							 access_name(f, e));
			d->function = lw_str_get(f->a->tu, f->fn->name);
			return;
		}
	}
}

void lw__check_access(struct lw_flow *f, struct lw_state *s, const struct lw_event *e)
{
	/* A field, or a global named alone (no steps). */
	int global = e->path.nsteps == 0;
	const struct lw_step *last = global ? NULL : &e->path.steps[e->path.nsteps - 1];
	/* A designated initializer fills an object nobody else sees yet. */
	if (is_fresh(s, &e->path) || (e->flags & LW_AF_INIT))
		return;
	if (e->mode == LW_ACC_WRITE || e->mode == LW_ACC_RMW)
		check_snapshot_write(f, s, e);
	const struct lw_field_info *fi = global ? lw_model_global(f->a->model, e->path.root)
						: field_of(f, last);
	if (global && (!fi || fi->cls == LW_FC_NONE))
		return;
	if (!fi || fi->cls == LW_FC_NONE) {
		/* An unannotated field of the struct that holds a driver lock
		 * is taken to be protected by it (needless-lock must not
		 * fire on what the user has not classified). */
		if ((fi && fi->is_lock) ||
		    lw_model_is_lock(f->a->model, (struct lw_lockclass){last->record, last->field}))
			return;
		for (int i = 0; i < s->nheld; i++)
			if (s->held[i].driver && s->held[i].cls.record == last->record &&
			    s->held[i].site < f->nsites)
				f->sites[s->held[i].site].used = 1;
		return;
	}
	switch (fi->cls) {
	case LW_FC_GUARDED:
		check_guarded(f, s, e, fi);
		break;
	case LW_FC_RCU:
		check_rcu(f, s, e, fi);
		break;
	case LW_FC_IMMUTABLE:
	case LW_FC_SELF_LOCKING: {
		if (in_init(f) || (e->flags & LW_AF_INIT))
			break;
		if (e->mode == LW_ACC_WRITE || e->mode == LW_ACC_RMW) {
			struct lw_diag *d = lw__diag_add(f->a->diags,
							 fi->cls == LW_FC_IMMUTABLE ? LW_DIAG_IMMUTABLE_WRITE : LW_DIAG_SELF_LOCKING_WRITE,
							 e->loc, access_name(f, e));
			d->function = lw_str_get(f->a->tu, f->fn->name);
		} else if (e->mode == LW_ACC_ADDR && e->call_id && !(e->flags & LW_AF_CONST_ARG)) {
			const struct lw_event *c = e->call_id <= f->fn->ncalls ? f->calls[e->call_id] : NULL;
			int op = -1, pub;
			op = addr_call_op(f, e, &pub);
			if (op == LW_OP_ACQUIRE || op == LW_OP_RELEASE || op == LW_OP_ACQUIRE_SHARED ||
			    op == LW_OP_TRY_ACQUIRE || op == LW_OP_TRY_ACQUIRE_SHARED)
				break; /* locking a lock field is not writing it */
			struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_IMMUTABLE_ADDR, e->loc,
							 access_name(f, e), c ? callee_name(f, c) : "?");
			d->function = lw_str_get(f->a->tu, f->fn->name);
		}
		break;
	}
	case LW_FC_ATOMIC:
		if (e->flags & LW_AF_ATOMIC_TYPE)
			break;
		if (e->mode == LW_ACC_READ || e->mode == LW_ACC_WRITE || e->mode == LW_ACC_RMW) {
			int kind = e->mode == LW_ACC_READ
					   ? (global ? LW_DIAG_ATOMIC_GLOBAL_PLAIN_READ : LW_DIAG_ATOMIC_PLAIN_READ)
					   : (global ? LW_DIAG_ATOMIC_GLOBAL_PLAIN_WRITE : LW_DIAG_ATOMIC_PLAIN_WRITE);
			struct lw_diag *d = lw__diag_add(f->a->diags, kind, e->loc, access_name(f, e));
			d->function = lw_str_get(f->a->tu, f->fn->name);
		}
		break;
	}
}


/* ---- unguarded-access through calls -------------------------------------------- */

void lw__check_need_at_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			    const struct lw_need *n, int report)
{
	struct lw_path p;
	int ok = lw__subst(f, e, &n->lock, &p) == 0;
	int held = lw__held_index(s, ok ? &p : NULL, n->cls) >= 0;
	if (held)
		lw__use_class(f, s, n->cls);
	if (!report)
		return;
	struct lw_analysis *a = f->a;
	LW_GROW(a->tu->arena, a->sites, a->nsites, a->cap_sites);
	struct lw_needsite *ns = &a->sites[a->nsites++];
	ns->need = n->id;
	ns->caller = f->fn->name;
	ns->loc = e->loc;
	ns->held = (uint8_t)held;
	ns->lockname = lw_arena_strdup(a->tu->arena, lockname(f, ok ? &p : NULL, n->cls));
	ns->callee = e->callee;
}

void lw__check_required_call(struct lw_flow *f, const struct lw_state *s,
			     const struct lw_event *e, const struct lw_path *p,
			     struct lw_lockclass c)
{
	(void)s;
	if (in_init(f))
		return;
	struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_UNGUARDED_CALL, e->loc,
					 callee_name(f, e), lockname(f, p, c));
	d->function = lw_str_get(f->a->tu, f->fn->name);
}

/* ---- lock-imbalance ------------------------------------------------------------- */

void lw__check_excluded_call(struct lw_flow *f, const struct lw_state *s,
			     const struct lw_event *e, const struct lw_path *p,
			     struct lw_lockclass c)
{
	(void)s;
	struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_CALL_EXCLUDED, e->loc,
					 callee_name(f, e), lockname(f, p, c));
	d->function = lw_str_get(f->a->tu, f->fn->name);
}

void lw__check_double_acquire(struct lw_flow *f, const struct lw_state *s,
			      const struct lw_event *e, const struct lw_held *h)
{
	(void)s;
	struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_DOUBLE_ACQUIRE, e->loc, held_name(f, h));
	d->function = lw_str_get(f->a->tu, f->fn->name);
	if (h->site && h->site < f->nsites)
		lw__diag_note(f->a->diags, d, LW_NOTE_PREVIOUSLY_ACQUIRED, f->sites[h->site].loc,
			      held_name(f, h));
}

void lw__check_double_release(struct lw_flow *f, const struct lw_state *s,
			      const struct lw_event *e, const struct lw_relent *r)
{
	(void)s;
	const char *n = lockname(f, &r->path, r->cls);
	struct lw_diag *d = lw__diag_add(f->a->diags, LW_DIAG_DOUBLE_RELEASE, e->loc, n);
	d->function = lw_str_get(f->a->tu, f->fn->name);
	lw__diag_note(f->a->diags, d, LW_NOTE_PREVIOUSLY_RELEASED, r->loc, n);
}


/* ---- debug probes ----------------------------------------------------------------- */

void lw__check_debug_lockset(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e)
{
	/* Sorted names, so the remark does not depend on acquisition order. */
	const char *names[LW_MAX_HELD + 1];
	int n = 0;
	for (int i = 0; i < s->nheld; i++)
		names[n++] = held_name(f, &s->held[i]);
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	char buf[1024];
	size_t len = 0;
	buf[0] = 0;
	len += (size_t)snprintf(buf + len, sizeof(buf) - len, "{");
	for (int i = 0; i < n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? ", " : "", names[i]);
	if (s->rcu && len < sizeof(buf))
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%srcu", n ? ", " : "");
	if (len < sizeof(buf))
		snprintf(buf + len, sizeof(buf) - len, "}");
	LW_GROW(f->a->scratch, f->probes, f->nprobes, f->cap_probes);
	f->probes[f->nprobes].loc = e->loc;
	f->probes[f->nprobes].text = lw_arena_strdup(f->a->scratch, buf);
	f->nprobes++;
}

static int probe_cmp(const void *x, const void *y)
{
	const struct lw_probe *a = x, *b = y;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return strcmp(a->text, b->text);
}

static void emit_probes(struct lw_flow *f)
{
	if (!f->nprobes)
		return;
	qsort(f->probes, f->nprobes, sizeof(*f->probes), probe_cmp);
	for (uint32_t i = 0; i < f->nprobes;) {
		uint32_t j = i;
		char buf[4096];
		size_t len = 0;
		buf[0] = 0;
		const char *prev = NULL;
		while (j < f->nprobes && f->probes[j].loc.line == f->probes[i].loc.line &&
		       f->probes[j].loc.col == f->probes[i].loc.col) {
			if (!prev || strcmp(prev, f->probes[j].text))
				len += (size_t)snprintf(buf + len, len < sizeof(buf) ? sizeof(buf) - len : 0,
							"%s%s", prev ? " or " : "", f->probes[j].text);
			prev = f->probes[j].text;
			j++;
		}
		lw__diag_add(f->a->diags, LW_DIAG_DEBUG_LOCKSET, f->probes[i].loc, buf);
		i = j;
	}
}

/* ---- end of function: imbalance, annotations, needless-lock ------------------------ */

static struct lw_loc exit_loc(struct lw_flow *f, const struct lw_state *x)
{
	return x->has_ret ? x->ret_loc : f->fn->loc;
}

static int exit_holds(const struct lw_state *x, const struct lw_path *p)
{
	for (int i = 0; i < x->nheld; i++)
		if (lw_path_equal(&x->held[i].path, p))
			return 1;
	return 0;
}

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
static int rooted_null(const struct lw_state *x, const struct lw_path *p)
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

int lw__returns_locked(const struct lw_flow *f, const struct lw_path *lock)
{
	if (lock->root_kind == LW_ROOT_GLOBAL || lock->root_kind == LW_ROOT_NONE)
		return 0;
	struct lw_lockclass cls = lw__path_class(f->a->tu, lock);
	int held_somewhere = 0;
	for (uint32_t y = 0; y < f->nexits; y++) {
		const struct lw_state *sy = f->exits[y];
		int ok;
		if (exit_holds(sy, lock)) {
			held_somewhere = 1;
			ok = returns_root(sy, lock) && sy->ret_val.kind == LW_VAL_LOAD;
		} else {
			/* NULL, or another object of the kind, returned locked
			 * (an existing object on one path, a new one on another) */
			ok = (sy->has_ret && sy->ret_val.kind == LW_VAL_INT && sy->ret_val.k == 0) ||
			     rooted_null(sy, lock) || ((cls.record || cls.name) && holds_returned(sy, cls));
		}
		if (!ok)
			return 0;
	}
	return held_somewhere;
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

/*
 * An unannotated try-lock contract: every return that holds the lock
 * returns 0 (success), every return that does not returns something else
 * (libvirt's qemuDomainObjEnterMonitorInternal: 0 with the monitor
 * locked, -1 or an error code without).  A leak on an error path returns
 * the error code with the lock held, so it still fires.
 */
static int success_locked(const struct lw_flow *f, const struct lw_path *lock)
{
	int held = 0, free_ = 0;
	for (uint32_t y = 0; y < f->nexits; y++) {
		const struct lw_state *sy = f->exits[y];
		if (!sy->has_ret)
			return 0;
		int zero = sy->ret_val.kind == LW_VAL_INT && sy->ret_val.k == 0;
		if (exit_holds(sy, lock)) {
			if (!zero)
				return 0;
			held = 1;
		} else {
			if (zero)
				return 0;
			free_ = 1;
		}
	}
	return held && free_;
}

static int annotated(struct lw_flow *f, int kind, const struct lw_path *p)
{
	const struct lw_fn_info *fi = lw_model_fn(f->a->model, f->fn->decl);
	for (uint32_t i = 0; i < fi->neffects; i++)
		if (fi->effects[i].kind == kind && (!p || lw_path_equal(&fi->effects[i].lock, p)))
			return 1;
	return 0;
}

void lw__check_function_end(struct lw_flow *f)
{
	struct lw_analysis *a = f->a;
	const struct lw_fn_info *fi = lw_model_fn(a->model, f->fn->decl);
	const char *fname = lw_str_get(a->tu, f->fn->name);
	int has_try = annotated(f, LW_AN_TRY_ACQUIRES, NULL);

	/* Held at some exits and not at others. */
	for (uint32_t x = 0; x < f->nexits && !has_try; x++) {
		const struct lw_state *sx = f->exits[x];
		for (int i = 0; i < sx->nheld; i++) {
			const struct lw_held *h = &sx->held[i];
			if (h->entry || h->handed || annotated(f, LW_AN_ACQUIRES, &h->path) ||
			    annotated(f, LW_AN_ACQUIRES_SHARED, &h->path))
				continue;
			int all = 1;
			for (uint32_t y = 0; y < f->nexits && all; y++)
				all = exit_holds(f->exits[y], &h->path) ||
				      rooted_null(f->exits[y], &h->path);
			if (all)
				continue;
			/* Returned locked where held, NULL where not. */
			if (lw__returns_locked(f, &h->path))
				continue;
			if (stored_by_function(f, &h->path))
				continue;
			if (success_locked(f, &h->path))
				continue;
			struct lw_diag *d = lw__diag_add(a->diags, LW_DIAG_RETURN_HELD, exit_loc(f, sx),
							 held_name(f, h));
			d->function = fname;
			note_acquired(f, d, h);
		}
	}
	/* Bodies against their own annotations. */
	for (uint32_t i = 0; i < fi->neffects; i++) {
		const struct lw_effect *ef = &fi->effects[i];
		if (ef->kind != LW_AN_ACQUIRES && ef->kind != LW_AN_ACQUIRES_SHARED &&
		    ef->kind != LW_AN_RELEASES)
			continue;
		if (fi->flags & LW_FN_NO_ANALYSIS)
			continue;
		struct lw_path want = ef->lock;
		for (uint32_t x = 0; x < f->nexits; x++) {
			const struct lw_state *sx = f->exits[x];
			int holds = lw__held_index(sx, &want, ef->cls) >= 0;
			/* A lock nested in the annotated object is the object:
			 * pthread_mutex_lock(&m->lock) under LW_ACQUIRES(*m). */
			for (int i = 0; !holds && i < sx->nheld; i++)
				holds = !sx->held[i].entry && lw_path_is_prefix(&want, &sx->held[i].path);
			if (ef->kind == LW_AN_RELEASES && holds) {
				struct lw_diag *d = lw__diag_add(a->diags, LW_DIAG_ANNOT_NOT_RELEASED,
								 exit_loc(f, sx), fname,
								 lockname(f, &want, ef->cls));
				d->function = fname;
			} else if (ef->kind != LW_AN_RELEASES && !holds) {
				struct lw_diag *d = lw__diag_add(a->diags, LW_DIAG_ANNOT_NOT_ACQUIRED,
								 exit_loc(f, sx), fname,
								 lockname(f, &want, ef->cls));
				d->function = fname;
			}
		}
	}
	/* needless-lock: a driver-lock critical section nothing needed. */
	for (uint32_t i = 1; i < f->nsites; i++) {
		struct lw_site *st = &f->sites[i];
		if (!st->driver || !st->released || st->used)
			continue;
		const char *n = lockname(f, &st->path, st->cls);
		struct lw_diag *d = lw__diag_add(a->diags, LW_DIAG_NEEDLESS_LOCK, st->loc, n);
		d->function = fname;
		lw__diag_note(a->diags, d, LW_NOTE_RELEASED_HERE, st->rel_loc, n);
	}
	emit_probes(f);
}
