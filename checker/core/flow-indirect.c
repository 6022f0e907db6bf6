/*
 * flow-indirect.c - what a call through a pointer may call.
 *
 * The program's stores of function addresses are indexed once: into a
 * field of a struct type (static initializers of ops tables, designated,
 * positional, nested, arrays of structs; assignments in code) and into
 * global pointer variables.  A call through a field may call any function
 * stored into that field of that struct type anywhere in the program (the
 * object does not matter: the DAC and SELinux security drivers each store
 * their own function into virSecurityDriver.domainSetSecurityAllLabel); a
 * call through a global, any function stored into the global; through a
 * local, the function assigned to it in the function (its only one), or
 * what the local aliases; through a parameter, whatever each caller passes
 * there (a callback: the summary records the call, flow-call.c binds it).
 * What is left is unresolved and counted (--stats).  docs/design.md.
 */
#include "track.h"

#include <glib.h>
#include <string.h>

struct lw_fnptrs {
	GHashTable *by_slot; /* (record << 32 | name) -> struct slot */
	/* global pointer -> the one global whose address it holds, as
	 * GUINT_TO_POINTER(name); G_MAXUINT: assigned something else too */
	GHashTable *points_to;
};

#define NOT_ONE G_MAXUINT

static void points_to(struct lw_analysis *a, lw_str ptr, lw_str target)
{
	gpointer key = GUINT_TO_POINTER(ptr), old;
	if (g_hash_table_lookup_extended(a->fnptrs->points_to, key, NULL, &old)) {
		if (GPOINTER_TO_UINT(old) != target)
			g_hash_table_insert(a->fnptrs->points_to, key, GUINT_TO_POINTER(NOT_ONE));
		return;
	}
	g_hash_table_insert(a->fnptrs->points_to, key, GUINT_TO_POINTER(target));
}

struct slot {
	uint32_t n, cap;
	struct lw_target *v;
};

static guint64 key_of(lw_str record, lw_str name)
{
	return ((guint64)record << 32) | name;
}

static void add(struct lw_analysis *a, lw_str record, lw_str name, int32_t fdecl,
		struct lw_loc loc)
{
	guint64 k = key_of(record, name);
	struct slot *sl = g_hash_table_lookup(a->fnptrs->by_slot, &k);
	if (!sl) {
		guint64 *kp = lw_arena_alloc(a->arena, sizeof(*kp));
		*kp = k;
		sl = lw_arena_alloc(a->arena, sizeof(*sl));
		g_hash_table_insert(a->fnptrs->by_slot, kp, sl);
	}
	for (uint32_t i = 0; i < sl->n; i++)
		if (sl->v[i].fdecl == fdecl)
			return;
	LW_GROW(a->arena, sl->v, sl->n, sl->cap);
	sl->v[sl->n++] = (struct lw_target){fdecl, loc};
}

/* A store in code: a field or a global pointer assigned a function. */
static void scan_event(struct lw_analysis *a, const struct lw_event *e)
{
	if ((e->kind != LW_EV_ACCESS || e->mode != LW_ACC_WRITE) && e->kind != LW_EV_ASSIGN)
		return;
	const struct lw_path *p = &e->path;
	/* a global pointer assigned in code: &g, or anything else */
	if (!p->nsteps && p->root_kind == LW_ROOT_GLOBAL && e->value.kind != LW_VAL_FUNC) {
		const struct lw_value *v = &e->value;
		int addr = v->kind == LW_VAL_ADDR && v->path.root_kind == LW_ROOT_GLOBAL && !v->path.nsteps;
		points_to(a, p->root, addr ? v->path.root : NOT_ONE);
		return;
	}
	if (e->value.kind != LW_VAL_FUNC)
		return;
	if (p->nsteps && p->steps[p->nsteps - 1].kind == LW_STEP_FIELD)
		add(a, p->steps[p->nsteps - 1].record, p->steps[p->nsteps - 1].field,
		    (int32_t)e->value.k, e->loc);
	else if (!p->nsteps && p->root_kind == LW_ROOT_GLOBAL)
		add(a, 0, p->root, (int32_t)e->value.k, e->loc);
}

void lw__fnptrs_build(struct lw_analysis *a)
{
	const struct lw_tu *tu = a->tu;
	a->fnptrs = lw_arena_alloc(a->arena, sizeof(*a->fnptrs));
	a->fnptrs->by_slot = g_hash_table_new(g_int64_hash, g_int64_equal);
	a->fnptrs->points_to = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (uint32_t i = 0; i < tu->nfnstores; i++) {
		const struct lw_fnstore *st = &tu->fnstores[i];
		if (st->fdecl >= 0)
			add(a, st->record, st->name, st->fdecl, st->loc);
		else if (!st->record && st->global)
			points_to(a, st->name, st->global);
	}
	for (uint32_t fi = 0; fi < tu->nfuncs; fi++) {
		const struct lw_func *fn = &tu->funcs[fi];
		for (uint32_t b = 0; b < fn->nblocks; b++)
			for (uint32_t i = 0; i < fn->blocks[b].nevents; i++)
				scan_event(a, &fn->blocks[b].events[i]);
	}
}

void lw__fnptrs_free(struct lw_analysis *a)
{
	if (!a->fnptrs)
		return;
	g_hash_table_destroy(a->fnptrs->by_slot);
	g_hash_table_destroy(a->fnptrs->points_to);
}

int lw__global_target(const struct lw_analysis *a, lw_str ptr, lw_str *target)
{
	gpointer v;
	if (!a->fnptrs || !g_hash_table_lookup_extended(a->fnptrs->points_to, GUINT_TO_POINTER(ptr),
							  NULL, &v) ||
	    GPOINTER_TO_UINT(v) == NOT_ONE)
		return 0;
	*target = GPOINTER_TO_UINT(v);
	return 1;
}

void lw__localfn_scan(struct lw_flow *f)
{
	const struct lw_func *fn = f->fn;
	f->localfn = lw_arena_alloc(f->a->scratch, (fn->nlocals + 1) * sizeof(*f->localfn));
	for (uint32_t l = 0; l < fn->nlocals; l++)
		f->localfn[l].fdecl = -1;
	for (uint32_t b = 0; b < fn->nblocks; b++)
		for (uint32_t i = 0; i < fn->blocks[b].nevents; i++) {
			const struct lw_event *e = &fn->blocks[b].events[i];
			if (e->kind != LW_EV_ASSIGN || e->path.root_kind != LW_ROOT_LOCAL ||
			    e->path.nsteps || e->path.root >= fn->nlocals)
				continue;
			struct lw_target *lf = &f->localfn[e->path.root];
			if (e->value.kind == LW_VAL_INT && e->value.k == 0)
				continue; /* fp = NULL: calls through NULL do not happen */
			if (e->value.kind != LW_VAL_FUNC) {
				lf->fdecl = -2;
			} else if (lf->fdecl == -1) {
				lf->fdecl = (int32_t)e->value.k;
				lf->stored = e->loc;
			} else if (lf->fdecl != (int32_t)e->value.k) {
				lf->fdecl = -2;
			}
		}
}

static const char *print(struct lw_flow *f, const struct lw_path *p)
{
	char buf[256];
	lw_path_print(f->a->tu, f->fn, f->fd, p, buf, sizeof(buf));
	return lw_arena_strdup(f->a->tu->arena, buf);
}

uint32_t lw__resolve(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e,
		     struct lw_target *out, int32_t *param, const char **via)
{
	*param = -1;
	*via = "(function pointer)";
	const struct lw_value *v = &e->value;
	if (v->kind == LW_VAL_FUNC) {
		out[0] = (struct lw_target){(int32_t)v->k, e->loc};
		return 1;
	}
	if (v->kind != LW_VAL_LOAD || !v->path.root_kind)
		return 0;
	*via = print(f, &v->path);
	/* the local's one function, before its aliases */
	if (v->path.root_kind == LW_ROOT_LOCAL && !v->path.nsteps && v->path.root < f->fn->nlocals &&
	    f->localfn[v->path.root].fdecl >= 0) {
		out[0] = f->localfn[v->path.root];
		return 1;
	}
	struct lw_path p = lw__canon(f, s, v->path);
	lw_str record = 0, name = 0;
	if (p.nsteps && p.steps[p.nsteps - 1].kind == LW_STEP_FIELD) {
		record = p.steps[p.nsteps - 1].record;
		name = p.steps[p.nsteps - 1].field;
	} else if (!p.nsteps && p.root_kind == LW_ROOT_GLOBAL) {
		name = p.root;
	} else if (!p.nsteps && p.root_kind == LW_ROOT_PARAM) {
		*param = (int32_t)p.root;
		return 0;
	} else {
		return 0;
	}
	guint64 k = key_of(record, name);
	const struct slot *sl = g_hash_table_lookup(f->a->fnptrs->by_slot, &k);
	if (!sl)
		return 0;
	uint32_t n = sl->n < LW_MAX_TARGETS ? sl->n : LW_MAX_TARGETS;
	if (n < sl->n)
		lw__limit_hit(f, LW_LIMIT_TARGETS);
	memcpy(out, sl->v, n * sizeof(*out));
	return n;
}

void lw__add_cbcall(struct lw_flow *f, const struct lw_cbcall *c)
{
	for (uint32_t i = 0; i < f->ncbcalls; i++)
		if (f->cbcalls[i].param == c->param)
			return; /* one call through each parameter is enough */
	if (f->ncbcalls >= LW_MAX_CBCALLS) {
		lw__limit_hit(f, LW_LIMIT_CBCALLS);
		return;
	}
	LW_GROW(f->a->scratch, f->cbcalls, f->ncbcalls, f->cap_cbcalls);
	struct lw_cbcall *d = &f->cbcalls[f->ncbcalls++];
	*d = *c;
	d->chain = lw_arena_dup(f->a->tu->arena, c->chain, c->nchain * sizeof(*c->chain));
}

uint32_t lw__static_targets(const struct lw_analysis *a, const struct lw_event *e,
			    const struct lw_target **out)
{
	const struct lw_value *v = &e->value;
	if (v->kind != LW_VAL_LOAD || !a->fnptrs)
		return 0;
	const struct lw_path *p = &v->path;
	guint64 k;
	if (p->nsteps && p->steps[p->nsteps - 1].kind == LW_STEP_FIELD)
		k = key_of(p->steps[p->nsteps - 1].record, p->steps[p->nsteps - 1].field);
	else if (!p->nsteps && p->root_kind == LW_ROOT_GLOBAL)
		k = key_of(0, p->root);
	else
		return 0;
	const struct slot *sl = g_hash_table_lookup(a->fnptrs->by_slot, &k);
	if (!sl)
		return 0;
	*out = sl->v;
	return sl->n;
}

uint8_t lw__pointer_calls(struct lw_flow *f, const struct lw_state *s, const struct lw_event *e)
{
	const struct lw_value *v = &e->value;
	if (v->kind != LW_VAL_LOAD || !v->path.root_kind)
		return LW_FP_ANY;
	struct lw_path p = lw__canon(f, s, v->path);
	const struct lw_field_info *fi = NULL;
	if (p.nsteps && p.steps[p.nsteps - 1].kind == LW_STEP_FIELD)
		fi = lw_model_field(f->a->model, p.steps[p.nsteps - 1].record, p.steps[p.nsteps - 1].field);
	else if (!p.nsteps && p.root_kind == LW_ROOT_GLOBAL)
		fi = lw_model_global(f->a->model, p.root);
	return fi ? fi->calls : LW_FP_ANY;
}
