/*
 * flow-path.c - lock paths as the tracker compares them: through the
 * aliases a state knows, normalised to the annotated lock object, and
 * rewritten from a callee's terms into the caller's at a call.
 */
#include "track.h"

#include <string.h>

struct lw_path lw__mkpath(struct lw_flow *f, const struct lw_path *base,
			  const struct lw_step *more, uint16_t nmore)
{
	struct lw_path p = *base;
	if (!nmore)
		return p;
	struct lw_step *s = lw_arena_alloc_raw(f->a->scratch, (base->nsteps + nmore) * sizeof(*s));
	if (base->nsteps)
		memcpy(s, base->steps, base->nsteps * sizeof(*s));
	memcpy(s + base->nsteps, more, nmore * sizeof(*s));
	p.steps = s;
	p.nsteps = (uint16_t)(base->nsteps + nmore);
	return p;
}

/* A path through a local that holds a copy of a parameter (or global) is
 * the same memory as the path through that parameter. */
struct lw_path lw__canon(struct lw_flow *f, const struct lw_state *s, struct lw_path p)
{
	lw_str g;
	/* *gp, with gp only ever &g, is g */
	if (p.root_kind == LW_ROOT_GLOBAL && p.nsteps && p.steps[0].kind == LW_STEP_DEREF &&
	    lw__global_target(f->a, p.root, &g)) {
		p.root = g;
		p.steps++;
		p.nsteps--;
		return p;
	}
	if (p.root_kind != LW_ROOT_LOCAL)
		return p;
	for (int i = 0; i < s->nalias; i++)
		if (lw_path_is_prefix(&s->alias[i].from, &p))
			return lw__mkpath(f, &s->alias[i].to, p.steps + s->alias[i].from.nsteps,
					  (uint16_t)(p.nsteps - s->alias[i].from.nsteps));
	return p;
}

/* A path through a local holding the value of a caller's field (vm =
 * mon->vm): the same path through that field.  Returns 0 if p is none. */
int lw__copy_of(struct lw_flow *f, const struct lw_state *s, const struct lw_path *p,
		struct lw_path *out)
{
	if (p->root_kind != LW_ROOT_LOCAL)
		return 0;
	for (int i = 0; i < s->ncopy; i++)
		if (lw_path_is_prefix(&s->copy[i].from, p)) {
			*out = lw__mkpath(f, &s->copy[i].to, p->steps + s->copy[i].from.nsteps,
					  (uint16_t)(p->nsteps - s->copy[i].from.nsteps));
			return 1;
		}
	return 0;
}

/* A local, or a union member of a local: where a copy of a pointer can be
 * kept (GLib 2.74's g_clear_pointer: _pp.in = vm; *_pp.out = NULL). */
int lw__alias_slot(const struct lw_path *p)
{
	if (p->root_kind != LW_ROOT_LOCAL)
		return 0;
	for (uint16_t i = 0; i < p->nsteps; i++)
		if (p->steps[i].kind != LW_STEP_FIELD || !(p->steps[i].flags & LW_SF_UNION))
			return 0;
	return 1;
}

/* (record, field) of a lock field, (0, name) of a global lock, else empty. */
struct lw_lockclass lw__path_class(const struct lw_path *p)
{
	struct lw_lockclass c = {0, 0};
	if (p->nsteps && p->steps[p->nsteps - 1].kind == LW_STEP_FIELD) {
		c.record = p->steps[p->nsteps - 1].record;
		c.name = p->steps[p->nsteps - 1].field;
	} else if (p->root_kind == LW_ROOT_GLOBAL && p->nsteps == 0) {
		c.name = p->root;
	}
	return c;
}

/* "A lock nested inside an annotated lock object is that object":
 * pthread_mutex_lock(&m->lock) reached through virMutexLock(&d->lock)
 * acquires d->lock when d->lock is a known lock field. */
struct lw_path lw__normalize(struct lw_flow *f, struct lw_path p)
{
	if (p.root_kind == LW_ROOT_GLOBAL && p.nsteps &&
	    lw_model_is_lock(f->a->model, (struct lw_lockclass){0, p.root})) {
		p.nsteps = 0;
		return p;
	}
	for (uint16_t i = 0; i + 1 < p.nsteps; i++) {
		const struct lw_step *s = &p.steps[i];
		if (s->kind == LW_STEP_FIELD &&
		    lw_model_is_lock(f->a->model, (struct lw_lockclass){s->record, s->field})) {
			p.nsteps = (uint16_t)(i + 1);
			return p;
		}
	}
	return p;
}

/* The object an argument value points to, through the state's aliases. */
int lw__pointee(struct lw_flow *f, const struct lw_state *s, const struct lw_value *v,
		struct lw_path *out)
{
	if (v->kind == LW_VAL_ADDR && v->path.root_kind) {
		*out = v->path;
	} else if (v->kind == LW_VAL_LOAD && v->path.root_kind) {
		static const struct lw_step deref = {.kind = LW_STEP_DEREF};
		*out = lw__mkpath(f, &v->path, &deref, 1);
	} else {
		return -1;
	}
	*out = lw__canon(f, s, *out);
	return 0;
}

/* Rewrites a path in the callee's terms (roots PARAM/GLOBAL) into the
 * caller's, given the call's arguments. */
int lw__subst(struct lw_flow *f, const struct lw_event *call, const struct lw_path *in,
	      struct lw_path *out)
{
	if (in->root_kind == LW_ROOT_GLOBAL) {
		*out = *in;
		return 0;
	}
	if (in->root_kind != LW_ROOT_PARAM || in->root >= call->nargs)
		return -1;
	const struct lw_value *v = &call->args[in->root];
	if (v->kind == LW_VAL_LOAD && v->path.root_kind) {
		*out = lw__mkpath(f, &v->path, in->steps, in->nsteps);
	} else if (v->kind == LW_VAL_ADDR && v->path.root_kind && in->nsteps &&
		   in->steps[0].kind == LW_STEP_DEREF) {
		*out = lw__mkpath(f, &v->path, in->steps + 1, (uint16_t)(in->nsteps - 1));
	} else {
		return -1;
	}
	if (f->cur)
		*out = lw__canon(f, f->cur, *out);
	return 0;
}
