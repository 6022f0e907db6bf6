/*
 * flow.c - the lock-state tracker's fixed point: path-sensitive dataflow
 * over one function's CFG (property simulation, ESP), transfer() of each
 * event, and the reporting pass that replays each block from its final
 * states with the checks listening.
 *
 * The tracker decides what is held where; the verdicts are the checks'
 * (check.h), which it calls only through the registry.  The modules of
 * the tracker are listed in track.h.  Design: docs/design.md, "Dataflow".
 */
#include "track.h"

#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "builtins.h"
#include "check.h"

/* ---- the callee's name -------------------------------------------------------- */

/* What name says about a callee, looked up once per name and analysis. */
struct lw_callee lw__callee_info(struct lw_analysis *a, lw_str name)
{
	struct lw_callee none = {0};
	if (!name)
		return none;
	struct lw_callee *c = name < a->ncallees ? &a->callees[name] : &none;
	if (!c->known) {
		const char *s = lw_str_get(a->tu, name);
		c->builtin = lw_builtin_find(s);
		c->allocator = c->builtin && (c->builtin->flags & LW_BF_ALLOCATOR);
		c->probe = !strcmp(s, "lw_debug_lockset");
		c->known = 1;
	}
	return *c;
}

int lw__in_init(const struct lw_flow *f)
{
	return f->a->init_ctx[f->fn->decl];
}

/* ---- state updates that may hit a limit -------------------------------------- */

static void fact(struct lw_flow *f, struct lw_state *s, struct lw_path p, int nonzero)
{
	if (lw__add_fact(s, p, nonzero))
		lw__limit_hit(f, LW_LIMIT_FACTS);
}

void lw__add_fresh(struct lw_flow *f, struct lw_state *s, const struct lw_path *p)
{
	if (s->nfresh < LW_MAX_FRESH)
		s->fresh[s->nfresh++] = *p;
	else
		lw__limit_hit(f, LW_LIMIT_FRESH);
}

static void add_snap(struct lw_flow *f, struct lw_state *s, const struct lw_snap *sn)
{
	if (s->nsnap < LW_MAX_SNAP)
		s->snap[s->nsnap++] = *sn;
	else
		lw__limit_hit(f, LW_LIMIT_SNAP);
}

/* ---- events -------------------------------------------------------------------- */

/* x = atomic_load(&g) stores g's value, as x = g does. */
static void loaded_value(struct lw_flow *f, struct lw_value *v)
{
	if (v->kind != LW_VAL_LOAD || v->path.root_kind != LW_ROOT_RESULT || v->path.nsteps ||
	    v->path.root > f->fn->ncalls || !f->calls[v->path.root])
		return;
	const struct lw_event *c = f->calls[v->path.root];
	const struct lw_builtin *b = lw__callee_info(f->a, c->callee).builtin;
	if (!b || !(b->flags & LW_BF_LOADS) || !c->nargs || c->args[0].kind != LW_VAL_ADDR)
		return;
	v->path = c->args[0].path;
}

/* A local (or a union member of one) assigned: forget what it aliased,
 * and make it a copy of a parameter's or global's value if it is one.
 * Returns 1 when it became one (nothing else to do). */
static int rebind_alias(struct lw_flow *f, struct lw_state *s, const struct lw_path *dest,
			const struct lw_value *v)
{
	for (int i = 0; i < s->nalias; i++)
		if (s->alias[i].from.root == dest->root) {
			s->alias[i] = s->alias[--s->nalias];
			break;
		}
	struct lw_alias al;
	int copy = v->kind == LW_VAL_LOAD && v->path.nsteps == 0 &&
		   (v->path.root_kind == LW_ROOT_PARAM || v->path.root_kind == LW_ROOT_GLOBAL);
	/* m = &d->lock: what m points to is d->lock (the lock through a
	 * local pointer to it).  Only for the locks the annotations know:
	 * aliases are part of a state, and addresses of anything else are
	 * common and would only split states. */
	int addr = v->kind == LW_VAL_ADDR && v->path.root_kind && v->path.root_kind != LW_ROOT_RESULT &&
		   lw_model_is_lock(f->a->model, lw__path_class(&v->path));
	if (!copy && !addr)
		return 0;
	if (s->nalias >= LW_MAX_ALIAS) {
		lw__limit_hit(f, LW_LIMIT_ALIAS);
		return 0;
	}
	static const struct lw_step deref = {.kind = LW_STEP_DEREF};
	al.from = copy ? *dest : lw__mkpath(f, dest, &deref, 1);
	al.to = v->path;
	s->alias[s->nalias++] = al;
	return copy; /* a copy is the parameter's value; an address is also a fact */
}

/* vm = mon->vm, mon a parameter or a global: remember that vm holds the
 * caller's field, for releases through it (lw__copy_of); vm overwritten
 * forgets it, and so does mon->vm overwritten (the set's key). */
static void rebind_copy(struct lw_flow *f, struct lw_state *s, const struct lw_path *dest,
			const struct lw_value *v)
{
	for (int i = 0; i < s->ncopy;)
		if (s->copy[i].from.root == dest->root)
			s->copy[i] = s->copy[--s->ncopy];
		else
			i++;
	if (v->kind != LW_VAL_LOAD || !v->path.nsteps ||
	    v->path.steps[v->path.nsteps - 1].kind != LW_STEP_FIELD ||
	    (v->path.root_kind != LW_ROOT_PARAM && v->path.root_kind != LW_ROOT_GLOBAL))
		return;
	if (s->ncopy >= LW_MAX_ALIAS) {
		lw__limit_hit(f, LW_LIMIT_ALIAS);
		return;
	}
	s->copy[s->ncopy++] = (struct lw_alias){*dest, v->path};
}

/* A variable overwritten: the aliases into it are stale. */
static void drop_aliases_to(struct lw_state *s, const struct lw_path *dest)
{
	if (dest->nsteps)
		return;
	for (int i = 0; i < s->nalias;)
		if (s->alias[i].to.root_kind == dest->root_kind && s->alias[i].to.root == dest->root)
			s->alias[i] = s->alias[--s->nalias];
		else
			i++;
}

/* A pointer loaded from an RCU config field is a snapshot; so is a copy
 * of a snapshot. */
static void snapshots(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		      const struct lw_path *dest, const struct lw_value *v)
{
	struct lw_lockclass c = lw__path_class(&v->path);
	const struct lw_field_info *fi = c.record ? lw_model_field(f->a->model, c.record, c.name)
						 : c.name ? lw_model_global(f->a->model, c.name) : NULL;
	if (fi && fi->cls == LW_FC_RCU) {
		struct lw_snap sn = {*dest, v->path, e->loc};
		add_snap(f, s, &sn);
	}
	for (int i = 0; i < s->nsnap; i++) {
		if (lw_path_equal(&s->snap[i].path, &v->path)) {
			struct lw_snap sn = s->snap[i];
			sn.path = *dest;
			add_snap(f, s, &sn);
			break;
		}
	}
}

void lw__assign(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		   const struct lw_path *dest_in, const struct lw_value *v_in)
{
	struct lw_path cdest = lw__canon(f, s, *dest_in);
	const struct lw_path *dest = &cdest;
	struct lw_value cv = *v_in;
	loaded_value(f, &cv);
	if (cv.kind == LW_VAL_LOAD || cv.kind == LW_VAL_ADDR)
		cv.path = lw__canon(f, s, cv.path);
	const struct lw_value *v = &cv;
	drop_aliases_to(s, dest_in);
	if (dest_in->root_kind == LW_ROOT_LOCAL && !dest_in->nsteps)
		rebind_copy(f, s, dest_in, v);
	if (lw__alias_slot(dest_in) && rebind_alias(f, s, dest_in, v))
		return; /* the local is the parameter's value now */
	/* "int rc = trylock(...)": the call already bound its pending result
	 * to rc; storing the same result again must not forget it. */
	struct lw_pend keep[LW_MAX_PEND];
	int nkeep = 0;
	if (v->kind == LW_VAL_LOAD && v->path.root_kind == LW_ROOT_RESULT)
		for (int i = 0; i < s->npend; i++)
			if (lw_path_equal(&s->pend[i].key, dest) && s->pend[i].call &&
			    s->pend[i].call->id == v->path.root)
				keep[nkeep++] = s->pend[i];
	lw__kill_path(s, dest);
	for (int i = 0; i < nkeep; i++)
		s->pend[s->npend++] = keep[i]; /* room: they were there before the kill */
	if (v->kind == LW_VAL_INT) {
		fact(f, s, *dest, v->k != 0);
		if (v->k == 0)
			lw__drop_rooted(s, dest);
		return;
	}
	if (v->kind == LW_VAL_ADDR) {
		fact(f, s, *dest, 1);
		return;
	}
	if (v->kind != LW_VAL_LOAD)
		return;
	/* Rebind a pending try-lock result to where it is stored. */
	for (int i = 0; i < s->npend; i++)
		if (lw_path_equal(&s->pend[i].key, &v->path))
			s->pend[i].key = *dest;
	/* A guard returned by a call and stored: its guard path becomes dest;
	 * a lock on a returned object moves to where the object is stored. */
	for (int i = 0; i < s->nheld; i++) {
		if (s->held[i].guard.root_kind && lw_path_equal(&s->held[i].guard, &v->path))
			s->held[i].guard = *dest;
		if (v->path.root_kind == LW_ROOT_RESULT && lw_path_is_prefix(&v->path, &s->held[i].path))
			s->held[i].path = lw__mkpath(f, dest, s->held[i].path.steps + v->path.nsteps,
						 (uint16_t)(s->held[i].path.nsteps - v->path.nsteps));
	}
	int known = lw__fact_of(s, &v->path);
	if (known >= 0)
		fact(f, s, *dest, known);
	if (v->path.root_kind == LW_ROOT_RESULT) {
		const struct lw_event *call = f->calls[v->path.root];
		if (call && lw__callee_info(f->a, call->callee).allocator)
			lw__add_fresh(f, s, dest);
	}
	/* a copy of a fresh pointer is fresh (GLib's g_new0 returns the
	 * allocation through a statement expression's local) */
	for (int i = 0; i < s->nfresh; i++)
		if (lw_path_equal(&s->fresh[i], &v->path)) {
			lw__add_fresh(f, s, dest);
			break;
		}
	snapshots(f, s, e, dest, v);
}

/* Applies one event to s.  Returns 0 when the path ends here.  An UNKNOWN
 * event (a construct the adapter could not lower) changes nothing: what
 * it did is not known; lw__flow_function counts them. */
static int transfer(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		    uint32_t index)
{
	f->cur = s;
	switch (e->kind) {
	case LW_EV_CALL: {
		if (e->path.root_kind)
			lw__kill_path(s, &e->path);
		lw__do_call(f, s, e);
		if (e->path.root_kind) {
			struct lw_value v = {0};
			v.kind = LW_VAL_LOAD;
			v.path.root_kind = LW_ROOT_RESULT;
			v.path.root = e->id;
			for (int i = 0; i < s->npend; i++)
				if (lw_path_equal(&s->pend[i].key, &v.path))
					s->pend[i].key = e->path;
			for (int i = 0; i < s->nheld; i++) {
				if (s->held[i].guard.root_kind && lw_path_equal(&s->held[i].guard, &v.path))
					s->held[i].guard = e->path;
				/* a lock on the returned object: now on where it is stored */
				if (lw_path_is_prefix(&v.path, &s->held[i].path))
					s->held[i].path = lw__mkpath(f, &e->path, s->held[i].path.steps,
								 s->held[i].path.nsteps);
			}
		}
		const struct lw_builtin *b = lw__callee_info(f->a, e->callee).builtin;
		int noret = (e->flags & LW_CF_NORETURN) != 0 || (b && (b->flags & LW_BF_NORETURN));
		if (e->decl >= 0 && (f->a->tu->fdecls[e->decl].flags & LW_FD_NORETURN))
			noret = 1;
		if (noret)
			return 0; /* the path ends: no imbalance, no exit state */
		return 1;
	}
	case LW_EV_ACCESS:
		lw__do_access(f, s, e, index);
		if (!e->path.nsteps)
			return 1; /* a global: ASSIGN and CALL events change the state */
		if (e->mode == LW_ACC_WRITE)
			lw__assign(f, s, e, &e->path, &e->value);
		else if (e->mode == LW_ACC_RMW || e->mode == LW_ACC_ADDR)
			lw__kill_path(s, &e->path);
		return 1;
	case LW_EV_ASSIGN:
		lw__assign(f, s, e, &e->path, &e->value);
		return 1;
	case LW_EV_RETURN:
		s->ret_loc = e->loc;
		s->has_ret = 1;
		s->ret_val = e->value;
		if (s->ret_val.kind == LW_VAL_LOAD)
			s->ret_val.path = lw__canon(f, s, s->ret_val.path);
		return 1;
	default:
		return 1;
	}
}

/* Applies the facts of an edge; returns 0 when the edge is infeasible. */
static int apply_cond(struct lw_flow *f, struct lw_state *s, const struct lw_cond *c)
{
	if (c->val.kind != LW_VAL_LOAD || !c->val.path.root_kind)
		return 1;
	struct lw_path cp = lw__canon(f, s, c->val.path);
	const struct lw_path *p = &cp;
	/* Resolve a pending try-lock on this value. */
	for (int i = 0; i < s->npend; i++) {
		if (!lw_path_equal(&s->pend[i].key, p))
			continue;
		struct lw_pend pd = s->pend[i];
		int acquired;
		if (c->op == LW_COND_EQ)
			acquired = c->k == pd.ret;
		else if (c->k == pd.ret)
			acquired = 0;
		else
			acquired = pd.ret != 0 && c->k == 0;
		s->pend[i] = s->pend[--s->npend];
		if (pd.query) {
			if (!lw__query_answer(f, s, &pd.h, acquired))
				return 0;
		} else if (acquired) {
			lw__acquire(f, s, pd.call, pd.h.path, pd.h.shared, NULL, 0);
		}
		break;
	}
	int nonzero;
	if (c->op == LW_COND_EQ)
		nonzero = c->k != 0;
	else if (c->k == 0)
		nonzero = 1;
	else
		return 1; /* x != 5 says nothing about zero-ness */
	int known = lw__fact_of(s, p);
	if (known >= 0 && known != nonzero)
		return 0;
	fact(f, s, *p, nonzero);
	if (!nonzero)
		lw__drop_rooted(s, p);
	return 1;
}

/* ---- the fixed point ------------------------------------------------------------ */

struct blockstates {
	uint32_t n, cap, capsig;
	struct lw_state **s;
	uint64_t *sig; /* lw__state_sig() of each state */
	uint32_t ndone; /* states [0, ndone) have been propagated */
};

static int add_state(struct lw_flow *f, struct blockstates *bs, const struct lw_state *st)
{
	uint64_t sig = lw__state_sig(st);
	/* Property simulation (Das et al., ESP): states with the same locks,
	 * guards, pending try-locks, ... are one state whose facts are those
	 * both agree on; only states that differ in what is tracked stay
	 * apart.  Facts only shrink, so this terminates. */
	for (uint32_t i = 0; i < bs->n; i++) {
		struct lw_state *o = bs->s[i];
		if (bs->sig[i] != sig || !lw__property_eq(o, st))
			continue;
		uint8_t k = (uint8_t)lw__intersect_facts(o, st);
		if (k == o->nfacts)
			return 0;
		o->nfacts = k;
		if (i < bs->ndone) {
			/* propagated already: put it back on the to-do side */
			uint32_t last = bs->ndone - 1;
			struct lw_state *t = bs->s[i];
			bs->s[i] = bs->s[last];
			bs->s[last] = t;
			uint64_t ts = bs->sig[i];
			bs->sig[i] = bs->sig[last];
			bs->sig[last] = ts;
			bs->ndone--;
		}
		return 1;
	}
	if (bs->n >= LW_MAX_STATES) {
		/* Too many distinct states: fold the new one into the last by
		 * keeping what both hold (union of locks, shared facts). */
		struct lw_state *last = bs->s[bs->n - 1];
		struct lw_state m = *last;
		for (int i = 0; i < st->nheld; i++)
			if (!lw__holds_path(&m, &st->held[i].path) && m.nheld < LW_MAX_HELD)
				m.held[m.nheld++] = st->held[i];
		m.nfacts = 0;
		for (int i = 0; i < last->nfacts; i++)
			if (lw__fact_with_sig(st, &last->facts[i].path, last->facts[i].sig) ==
			    last->facts[i].nonzero)
				m.facts[m.nfacts++] = last->facts[i];
		m.npend = 0;
		if (lw__state_eq(&m, last))
			return 0;
		*last = m;
		bs->sig[bs->n - 1] = lw__state_sig(last);
		if (bs->ndone == bs->n)
			bs->ndone--;
		lw__limit_hit(f, LW_LIMIT_STATES);
		return 1;
	}
	uint32_t n = bs->n;
	LW_GROW(f->a->scratch, bs->sig, n, bs->capsig);
	LW_GROW(f->a->scratch, bs->s, bs->n, bs->cap);
	struct lw_state *c = lw_arena_alloc_raw(f->a->scratch, sizeof(*c));
	lw__state_copy(c, st);
	bs->sig[bs->n] = sig;
	bs->s[bs->n++] = c;
	return 1;
}

static void entry_state(struct lw_flow *f, struct lw_state *s)
{
	memset(s, 0, sizeof(*s));
	const struct lw_fn_info *fi = lw_model_fn(f->a->model, f->fn->decl);
	for (uint32_t i = 0; i < fi->neffects; i++) {
		const struct lw_effect *ef = &fi->effects[i];
		if (ef->kind != LW_AN_REQUIRES && ef->kind != LW_AN_REQUIRES_SHARED &&
		    ef->kind != LW_AN_RELEASES)
			continue;
		if (s->nheld >= LW_MAX_HELD) {
			lw__limit_hit(f, LW_LIMIT_HELD);
			break;
		}
		struct lw_held *h = &s->held[s->nheld++];
		memset(h, 0, sizeof(*h));
		h->path = lw__normalize(f, ef->lock);
		h->cls = lw__path_class(&h->path);
		if (!h->cls.name && !h->cls.record)
			h->cls = ef->cls;
		h->shared = ef->kind == LW_AN_REQUIRES_SHARED;
		h->driver = (uint8_t)lw_model_is_driver_lock(f->a->model, h->cls);
		h->entry = 1;
		h->site = 0;
	}
}

/* The reporting pass: every block replayed from each of its final
 * states, with the checks listening. */
static void replay(struct lw_flow *f, const struct blockstates *bs)
{
	const struct lw_func *fn = f->fn;
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *bl = &fn->blocks[b];
		for (uint32_t k = 0; k < bs[b].n; k++) {
			struct lw_state cur;
			lw__state_copy(&cur, bs[b].s[k]);
			int alive = 1;
			for (uint32_t i = 0; i < bl->nevents && alive; i++)
				alive = transfer(f, &cur, &bl->events[i], f->evbase[b] + i);
		}
	}
}

/* The fixed point, then (when checking) the reporting pass. */
static void run(struct lw_flow *f)
{
	const struct lw_func *fn = f->fn;
	struct blockstates *bs = lw_arena_alloc(f->a->scratch, fn->nblocks * sizeof(*bs));
	uint32_t *work = lw_arena_alloc(f->a->scratch, (fn->nblocks + 1) * sizeof(*work));
	uint8_t *inq = lw_arena_alloc(f->a->scratch, fn->nblocks);
	uint32_t nwork = 0;
	struct lw_state st;
	entry_state(f, &st);
	add_state(f, &bs[fn->entry], &st);
	work[nwork++] = fn->entry;
	inq[fn->entry] = 1;
	unsigned long steps = 0;
	int checking = f->checking;
	f->checking = 0;
	/* Reverse postorder would converge faster; a LIFO worklist is fine
	 * at these sizes and bounded by the state cap. */
	while (nwork) {
		uint32_t b = work[--nwork];
		inq[b] = 0;
		const struct lw_block *bl = &fn->blocks[b];
		while (bs[b].ndone < bs[b].n) {
			struct lw_state cur;
			lw__state_copy(&cur, bs[b].s[bs[b].ndone++]);
			if (++steps > LW_MAX_STEPS) {
				lw__limit_hit(f, LW_LIMIT_STEPS);
				f->gave_up = 1;
				return;
			}
			int alive = 1;
			for (uint32_t i = 0; i < bl->nevents && alive; i++)
				alive = transfer(f, &cur, &bl->events[i], f->evbase[b] + i);
			if (!alive)
				continue;
			if (b == fn->exit) {
				LW_GROW(f->a->scratch, f->exits, f->nexits, f->cap_exits);
				struct lw_state *x = lw_arena_alloc_raw(f->a->scratch, sizeof(*x));
				lw__state_copy(x, &cur);
				f->exits[f->nexits++] = x;
			}
			for (uint32_t k = 0; k < bl->nsucc; k++) {
				const struct lw_edge *ed = &bl->succ[k];
				/* The last edge may have cur itself. */
				struct lw_state nx, *ns = &cur;
				if (k + 1 < bl->nsucc) {
					lw__state_copy(&nx, &cur);
					ns = &nx;
				}
				int ok = 1;
				for (uint32_t c = 0; c < ed->nconds && ok; c++)
					ok = apply_cond(f, ns, &ed->conds[c]);
				if (!ok)
					continue;
				if (add_state(f, &bs[ed->target], ns) && !inq[ed->target]) {
					inq[ed->target] = 1;
					work[nwork++] = ed->target;
				}
			}
		}
	}
	f->checking = checking;
	if (checking)
		replay(f, bs);
}

static uint32_t count_unknown(const struct lw_func *fn)
{
	uint32_t n = 0;
	for (uint32_t b = 0; b < fn->nblocks; b++)
		for (uint32_t i = 0; i < fn->blocks[b].nevents; i++)
			n += fn->blocks[b].events[i].kind == LW_EV_UNKNOWN;
	return n;
}

static uint64_t param_bit(const struct lw_path *p)
{
	if (p->root_kind != LW_ROOT_PARAM || p->nsteps)
		return 0;
	return 1ull << (p->root < 63 ? p->root : 63);
}

static uint64_t value_param_bit(const struct lw_value *v)
{
	return v->kind == LW_VAL_ADDR ? param_bit(&v->path) : 0;
}

/* Parameters the body assigns (x = ..., f() -> x) or takes the address of. */
static uint64_t params_written(const struct lw_func *fn)
{
	uint64_t m = 0;
	for (uint32_t b = 0; b < fn->nblocks; b++)
		for (uint32_t i = 0; i < fn->blocks[b].nevents; i++) {
			const struct lw_event *e = &fn->blocks[b].events[i];
			if (e->kind == LW_EV_ASSIGN || e->kind == LW_EV_CALL ||
			    (e->kind == LW_EV_ACCESS && e->mode != LW_ACC_READ))
				m |= param_bit(&e->path);
			m |= value_param_bit(&e->value);
			for (uint32_t k = 0; e->kind == LW_EV_CALL && k < e->nargs; k++)
				m |= value_param_bit(&e->args[k]);
		}
	return m;
}

void lw__flow_function(struct lw_analysis *a, uint32_t func, int checking)
{
	struct lw_flow f;
	memset(&f, 0, sizeof(f));
	f.a = a;
	f.fn = &a->tu->funcs[func];
	f.fd = &a->tu->fdecls[f.fn->decl];
	f.calls = lw_arena_alloc(a->scratch, (f.fn->ncalls + 1) * sizeof(*f.calls));
	f.evbase = lw_arena_alloc(a->scratch, (f.fn->nblocks + 1) * sizeof(*f.evbase));
	for (uint32_t b = 0; b < f.fn->nblocks; b++)
		f.evbase[b + 1] = f.evbase[b] + f.fn->blocks[b].nevents;
	f.fields = lw_arena_alloc(a->scratch, (f.evbase[f.fn->nblocks] + 1) * sizeof(*f.fields));
	for (uint32_t b = 0; b < f.fn->nblocks; b++)
		for (uint32_t i = 0; i < f.fn->blocks[b].nevents; i++) {
			const struct lw_event *e = &f.fn->blocks[b].events[i];
			if (e->kind == LW_EV_CALL && e->id <= f.fn->ncalls)
				f.calls[e->id] = e;
		}
	lw__localfn_scan(&f);
	f.params_written = params_written(f.fn);
	LW_GROW(a->scratch, f.sites, f.nsites, f.cap_sites);
	memset(&f.sites[0], 0, sizeof(f.sites[0]));
	f.nsites = 1; /* site 0: held on entry */
	f.checking = checking;
	run(&f);
	if (!f.gave_up)
		lw__make_summary(&f);
	if (!checking)
		return;
	a->stats.functions++;
	a->stats.unknown_events += count_unknown(f.fn);
	for (int l = 0; l < LW_LIMIT__COUNT; l++)
		a->stats.limit_hits[l] += (f.lost >> l) & 1;
	/* A function given up on still gets its function-end hooks: the
	 * debug check says so; the others find no exit states. */
	lw__checks_function_end(&f);
}
