/*
 * flow.c - the lock-state tracker: path-sensitive dataflow over one
 * function's CFG, applying call effects (built-in, annotated, or from
 * callee summaries), and extracting the function's summary.
 *
 * The tracker decides what is held where; the verdicts are in checks.c,
 * called from here at each event during the reporting pass.  Must not
 * format messages itself.  Design: docs/design.md, "Dataflow".
 */
#include "flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "builtins.h"
#include "checks.h"

/* ---- states ---------------------------------------------------------------- */

static int class_eq(struct lw_lockclass a, struct lw_lockclass b)
{
	return (a.record || a.name) && a.record == b.record && a.name == b.name;
}

static int state_set_eq_held(const struct lw_held *a, const struct lw_held *b)
{
	return lw_path_equal(&a->path, &b->path) && a->shared == b->shared &&
	       a->count == b->count && lw_path_equal(&a->guard, &b->guard) &&
	       a->site == b->site && a->handed == b->handed;
}

static int facts_eq(const struct lw_state *a, const struct lw_state *b);
static int property_eq(const struct lw_state *a, const struct lw_state *b);

/* A hash that agrees with lw_path_equal: members of one union hash alike. */
static uint64_t path_hash(const struct lw_path *p)
{
	uint64_t h = (uint64_t)p->root_kind * 0x9e3779b97f4a7c15ull ^ p->root;
	for (uint16_t i = 0; i < p->nsteps; i++) {
		const struct lw_step *st = &p->steps[i];
		h = h * 31 + st->kind;
		if (st->kind == LW_STEP_FIELD) {
			h = h * 31 + st->record;
			if (!(st->flags & LW_SF_UNION))
				h = h * 31 + st->field;
		}
	}
	return h;
}

uint32_t lw__path_sig(const struct lw_path *p)
{
	uint64_t h = path_hash(p);
	return (uint32_t)(h ^ (h >> 32));
}

/* Whether fact f is about p, whose lw__path_sig is sig: the signature first. */
static int fact_is(const struct lw_fact *f, const struct lw_path *p, uint32_t sig)
{
	return f->sig == sig && lw_path_equal(&f->path, p);
}

static int state_eq(const struct lw_state *a, const struct lw_state *b)
{
	return property_eq(a, b) && facts_eq(a, b);
}

static int facts_eq(const struct lw_state *a, const struct lw_state *b)
{
	if (a->nfacts != b->nfacts)
		return 0;
	for (int i = 0; i < a->nfacts; i++) {
		int found = 0;
		for (int j = 0; j < b->nfacts && !found; j++)
			found = a->facts[i].nonzero == b->facts[j].nonzero &&
				fact_is(&b->facts[j], &a->facts[i].path, a->facts[i].sig);
		if (!found)
			return 0;
	}
	return 1;
}

/* Everything but the facts: the property the analysis tracks (ESP). */
static int property_eq(const struct lw_state *a, const struct lw_state *b)
{
	/* Exit states stay apart per return: findings name the return. */
	if (a->ret_loc.line != b->ret_loc.line || a->ret_loc.col != b->ret_loc.col ||
	    a->ret_loc.file != b->ret_loc.file)
		return 0;
	if (a->nheld != b->nheld || a->npend != b->npend ||
	    a->nsnap != b->nsnap || a->nrel != b->nrel || a->ndone != b->ndone ||
	    a->nfresh != b->nfresh || a->rcu != b->rcu || a->has_ret != b->has_ret ||
	    a->ret_val.kind != b->ret_val.kind || a->ret_val.k != b->ret_val.k ||
	    !lw_path_equal(&a->ret_val.path, &b->ret_val.path))
		return 0;
	for (int i = 0; i < a->nheld; i++) {
		int found = 0;
		for (int j = 0; j < b->nheld && !found; j++)
			found = state_set_eq_held(&a->held[i], &b->held[j]);
		if (!found)
			return 0;
	}
	for (int i = 0; i < a->npend; i++) {
		int found = 0;
		for (int j = 0; j < b->npend && !found; j++)
			found = lw_path_equal(&a->pend[i].key, &b->pend[j].key) &&
				state_set_eq_held(&a->pend[i].h, &b->pend[j].h);
		if (!found)
			return 0;
	}
	for (int i = 0; i < a->nsnap; i++) {
		int found = 0;
		for (int j = 0; j < b->nsnap && !found; j++)
			found = lw_path_equal(&a->snap[i].path, &b->snap[j].path);
		if (!found)
			return 0;
	}
	for (int i = 0; i < a->nrel; i++) {
		int found = 0;
		for (int j = 0; j < b->nrel && !found; j++)
			found = a->rel[i].maybe == b->rel[j].maybe &&
				lw_path_equal(&a->rel[i].path, &b->rel[j].path);
		if (!found)
			return 0;
	}
	for (int i = 0; i < a->ndone; i++) {
		int found = 0;
		for (int j = 0; j < b->ndone && !found; j++)
			found = a->done[i].maybe == b->done[j].maybe &&
				lw_path_equal(&a->done[i].path, &b->done[j].path);
		if (!found)
			return 0;
	}
	if (a->nalias != b->nalias)
		return 0;
	for (int i = 0; i < a->nalias; i++) {
		int found = 0;
		for (int j = 0; j < b->nalias && !found; j++)
			found = lw_path_equal(&a->alias_from[i], &b->alias_from[j]) &&
				lw_path_equal(&a->alias_to[i], &b->alias_to[j]);
		if (!found)
			return 0;
	}
	for (int i = 0; i < a->nfresh; i++) {
		int found = 0;
		for (int j = 0; j < b->nfresh && !found; j++)
			found = lw_path_equal(&a->fresh[i], &b->fresh[j]);
		if (!found)
			return 0;
	}
	return 1;
}

/* ---- paths ------------------------------------------------------------------- */

static struct lw_path mkpath(struct lw_flow *f, const struct lw_path *base,
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
static struct lw_path canon(struct lw_flow *f, const struct lw_state *s, struct lw_path p)
{
	if (p.root_kind != LW_ROOT_LOCAL)
		return p;
	for (int i = 0; i < s->nalias; i++)
		if (lw_path_is_prefix(&s->alias_from[i], &p))
			return mkpath(f, &s->alias_to[i], p.steps + s->alias_from[i].nsteps,
				      (uint16_t)(p.nsteps - s->alias_from[i].nsteps));
	return p;
}

/* A local, or a union member of a local: where a copy of a pointer can be
 * kept (GLib 2.74's g_clear_pointer: _pp.in = vm; *_pp.out = NULL). */
static int alias_slot(const struct lw_path *p)
{
	if (p->root_kind != LW_ROOT_LOCAL)
		return 0;
	for (uint16_t i = 0; i < p->nsteps; i++)
		if (p->steps[i].kind != LW_STEP_FIELD || !(p->steps[i].flags & LW_SF_UNION))
			return 0;
	return 1;
}

struct lw_lockclass lw__path_class(const struct lw_tu *tu, const struct lw_path *p)
{
	(void)tu;
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
static struct lw_path normalize(struct lw_flow *f, struct lw_path p)
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

/* The lock object an argument value points to. */
static int pointee_raw(struct lw_flow *f, const struct lw_value *v, struct lw_path *out);

static int pointee_in(struct lw_flow *f, const struct lw_state *s, const struct lw_value *v,
		      struct lw_path *out)
{
	if (pointee_raw(f, v, out) != 0)
		return -1;
	*out = canon(f, s, *out);
	return 0;
}

static int pointee_raw(struct lw_flow *f, const struct lw_value *v, struct lw_path *out)
{
	if (v->kind == LW_VAL_ADDR && v->path.root_kind) {
		*out = v->path;
		return 0;
	}
	if (v->kind == LW_VAL_LOAD && v->path.root_kind) {
		static const struct lw_step deref = {.kind = LW_STEP_DEREF};
		*out = mkpath(f, &v->path, &deref, 1);
		return 0;
	}
	return -1;
}

static struct lw_path canon(struct lw_flow *f, const struct lw_state *s, struct lw_path p);

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
		*out = mkpath(f, &v->path, in->steps, in->nsteps);
	} else if (v->kind == LW_VAL_ADDR && v->path.root_kind && in->nsteps &&
		   in->steps[0].kind == LW_STEP_DEREF) {
		*out = mkpath(f, &v->path, in->steps + 1, (uint16_t)(in->nsteps - 1));
	} else {
		return -1;
	}
	if (f->cur)
		*out = canon(f, f->cur, *out);
	return 0;
}

/* ---- state updates ------------------------------------------------------------ */

static void add_fact(struct lw_state *s, struct lw_path p, int nonzero)
{
	uint32_t sig = lw__path_sig(&p);
	for (int i = 0; i < s->nfacts; i++) {
		if (fact_is(&s->facts[i], &p, sig)) {
			s->facts[i].nonzero = (uint8_t)nonzero;
			return;
		}
	}
	if (s->nfacts >= LW_MAX_FACTS) {
		memmove(&s->facts[0], &s->facts[1], (LW_MAX_FACTS - 1) * sizeof(s->facts[0]));
		s->nfacts--;
	}
	s->facts[s->nfacts].path = p;
	s->facts[s->nfacts].sig = sig;
	s->facts[s->nfacts].nonzero = (uint8_t)nonzero;
	s->nfacts++;
}

/* -1 unknown, 0 known zero, 1 known non-zero */
static int fact_with_sig(const struct lw_state *s, const struct lw_path *p, uint32_t sig)
{
	for (int i = 0; i < s->nfacts; i++)
		if (fact_is(&s->facts[i], p, sig))
			return s->facts[i].nonzero;
	return -1;
}

static int fact_of(const struct lw_state *s, const struct lw_path *p)
{
	return fact_with_sig(s, p, lw__path_sig(p));
}

/*
 * Keeps in o the facts that s holds too (ESP's join); returns how many.
 * Facts keep their order (add_fact appends, kill_path closes gaps), so
 * states from one ancestor list shared facts in the same order: the fact
 * after the last match is tried first, and the whole list searched only
 * when that misses.
 */
static int intersect_facts(struct lw_state *o, const struct lw_state *s)
{
	int k = 0, next = 0;
	for (int j = 0; j < o->nfacts; j++) {
		const struct lw_fact *of = &o->facts[j];
		int at = -1;
		if (next < s->nfacts && fact_is(&s->facts[next], &of->path, of->sig))
			at = next;
		for (int i = 0; i < s->nfacts && at < 0; i++)
			if (fact_is(&s->facts[i], &of->path, of->sig))
				at = i;
		if (at < 0)
			continue;
		next = at + 1;
		if (s->facts[at].nonzero == of->nonzero)
			o->facts[k++] = *of;
	}
	return k;
}

/* Forget everything known about p and what lies below it. */
static void kill_path(struct lw_state *s, const struct lw_path *p)
{
	int k = 0;
	for (int i = 0; i < s->nfacts; i++)
		if (!lw_path_is_prefix(p, &s->facts[i].path))
			s->facts[k++] = s->facts[i];
	s->nfacts = (uint8_t)k;
	for (int i = 0; i < s->npend;)
		if (lw_path_is_prefix(p, &s->pend[i].key))
			s->pend[i] = s->pend[--s->npend];
		else
			i++;
	for (int i = 0; i < s->nsnap;)
		if (lw_path_is_prefix(p, &s->snap[i].path))
			s->snap[i] = s->snap[--s->nsnap];
		else
			i++;
	for (int i = 0; i < s->nfresh;)
		if (lw_path_is_prefix(p, &s->fresh[i]))
			s->fresh[i] = s->fresh[--s->nfresh];
		else
			i++;
}

/* p is known NULL: no lock rooted at it is held, and a guard whose member
 * p is holds nothing any more. */
static void drop_rooted(struct lw_state *s, const struct lw_path *p)
{
	for (int i = 0; i < s->nheld;) {
		const struct lw_held *h = &s->held[i];
		int rooted = lw_path_is_prefix(p, &h->path) && h->path.nsteps > p->nsteps;
		int guard = h->guard.root_kind && lw_path_is_prefix(&h->guard, p) &&
			    p->nsteps > h->guard.nsteps;
		if ((rooted || guard) && !h->entry)
			s->held[i] = s->held[--s->nheld];
		else
			i++;
	}
}

static void mark_nonnull_prefixes(struct lw_state *s, const struct lw_path *p)
{
	for (uint16_t i = 0; i < p->nsteps; i++) {
		if (p->steps[i].kind == LW_STEP_DEREF) {
			struct lw_path q = *p;
			q.nsteps = i;
			add_fact(s, q, 1);
		}
	}
}

int lw__held_index(const struct lw_state *s, const struct lw_path *p,
		   struct lw_lockclass cls)
{
	if (p && p->root_kind)
		for (int i = 0; i < s->nheld; i++)
			if (lw_path_equal(&s->held[i].path, p))
				return i;
	for (int i = 0; i < s->nheld; i++)
		if (class_eq(s->held[i].cls, cls))
			return i;
	return -1;
}

static uint32_t new_site(struct lw_flow *f, const struct lw_event *e,
			 struct lw_path path, struct lw_lockclass cls, int driver)
{
	for (uint32_t i = 1; i < f->nsites; i++)
		if (f->sites[i].call_id == e->id && lw_path_equal(&f->sites[i].path, &path))
			return i;
	LW_GROW(f->a->scratch, f->sites, f->nsites, f->cap_sites);
	struct lw_site *st = &f->sites[f->nsites];
	memset(st, 0, sizeof(*st));
	st->loc = e->loc;
	st->call_id = e->id;
	st->callee = e->callee;
	st->path = path;
	st->cls = cls;
	st->driver = (uint8_t)driver;
	return f->nsites++;
}

static void acquire(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		    struct lw_path path, int shared, const struct lw_path *guard,
		    int recursive, int report)
{
	path = normalize(f, path);
	struct lw_lockclass cls = lw__path_class(f->a->tu, &path);
	int driver = lw_model_is_driver_lock(f->a->model, cls);
	int idx = -1;
	for (int i = 0; i < s->nheld; i++)
		if (lw_path_equal(&s->held[i].path, &path))
			idx = i;
	if (idx >= 0) {
		/* A second read lock of a rwlock already read-held nests. */
		if (shared && s->held[idx].shared) {
			if (s->held[idx].count < 3)
				s->held[idx].count++;
			return;
		}
		if (report && !recursive)
			lw__check_double_acquire(f, s, e, &s->held[idx]);
		return;
	}
	if (s->nheld >= LW_MAX_HELD)
		return;
	/* Taking back a lock of the caller's that this function released
	 * (the Exit half of Enter/Exit-monitor) restores the entry state:
	 * held again as the caller holds it, not a lock of our own. */
	int restored = 0;
	for (int i = 0; i < s->nrel && !guard; i++)
		if (lw_path_equal(&s->rel[i].path, &path)) {
			s->rel[i] = s->rel[--s->nrel];
			restored = 1;
			break;
		}
	struct lw_held *h = &s->held[s->nheld++];
	memset(h, 0, sizeof(*h));
	h->path = path;
	h->cls = cls;
	h->shared = (uint8_t)shared;
	h->driver = (uint8_t)driver;
	if (guard)
		h->guard = *guard;
	h->entry = (uint8_t)restored;
	h->site = restored ? 0 : new_site(f, e, path, cls, driver);
	mark_nonnull_prefixes(s, &path);
	/* Once re-acquired, a release of it is no longer a double release. */
	for (int i = 0; i < s->ndone;)
		if (lw_path_equal(&s->done[i].path, &path))
			s->done[i] = s->done[--s->ndone];
		else
			i++;
}

/* maybe: the release happens on some of the callee's paths only (a may-
 * release summary); a later release of the same lock is then no double
 * release, since on the other paths the lock was still held. */
static void release(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		    struct lw_path path, int report, int maybe)
{
	path = normalize(f, path);
	struct lw_lockclass cls = lw__path_class(f->a->tu, &path);
	int idx = lw__held_index(s, &path, cls);
	/* Releasing a lock nested in a held lock object releases the object:
	 * virMutexUnlock(virMutex *m), annotated LW_RELEASES(*m), unlocks
	 * m->lock. */
	for (int i = 0; idx < 0 && i < s->nheld; i++)
		if (s->held[i].path.root_kind && lw_path_is_prefix(&s->held[i].path, &path))
			idx = i;
	if (idx >= 0 && s->held[idx].count) {
		s->held[idx].count--;
		return;
	}
	if (idx >= 0) {
		struct lw_held h = s->held[idx];
		s->held[idx] = s->held[--s->nheld];
		if (h.site < f->nsites) {
			f->sites[h.site].released = 1;
			f->sites[h.site].rel_loc = e->loc;
		}
		if (s->ndone < LW_MAX_REL) {
			s->done[s->ndone].path = h.path;
			s->done[s->ndone].cls = h.cls;
			s->done[s->ndone].loc = e->loc;
			s->done[s->ndone].maybe = (uint8_t)maybe;
			s->ndone++;
		}
		if (h.entry && s->nrel < LW_MAX_REL) {
			s->rel[s->nrel].path = h.path;
			s->rel[s->nrel].cls = h.cls;
			s->rel[s->nrel].loc = e->loc;
			s->rel[s->nrel].maybe = (uint8_t)maybe;
			s->nrel++;
		}
		return;
	}
	for (int i = 0; i < s->ndone; i++) {
		if (lw_path_equal(&s->done[i].path, &path)) {
			if (report && !maybe && !s->done[i].maybe)
				lw__check_double_release(f, s, e, &s->done[i]);
			return;
		}
	}
	/* Not ours: the caller's lock (a release wrapper, or the Exit half
	 * of an Enter/Exit pair).  Remember it for the summary. */
	if ((path.root_kind == LW_ROOT_PARAM || path.root_kind == LW_ROOT_GLOBAL) &&
	    s->nrel < LW_MAX_REL) {
		s->rel[s->nrel].path = path;
		s->rel[s->nrel].cls = cls;
		s->rel[s->nrel].loc = e->loc;
		s->rel[s->nrel].maybe = (uint8_t)maybe;
		s->nrel++;
		if (s->ndone < LW_MAX_REL) {
			s->done[s->ndone] = s->rel[s->nrel - 1];
			s->ndone++;
		}
	}
}

static void release_guard(struct lw_state *s, const struct lw_path *guard, struct lw_flow *f,
			  const struct lw_event *e)
{
	/* Releasing a guard that holds nothing is a no-op: libvirt's and
	 * GLib's guards check their pointer.  A guard of the caller's
	 * (glib_auto_cleanup_virLockGuard(&g) calling virLockGuardUnlock)
	 * goes into the summary. */
	if (guard->root_kind == LW_ROOT_PARAM || guard->root_kind == LW_ROOT_GLOBAL) {
		int known = 0;
		for (uint32_t i = 0; i < f->ngrel && !known; i++)
			known = lw_path_equal(&f->grel[i], guard);
		if (!known && f->ngrel < 4) {
			LW_GROW(f->a->scratch, f->grel, f->ngrel, f->cap_grel);
			f->grel[f->ngrel++] = *guard;
		}
	}
	for (int i = 0; i < s->nheld;) {
		if (s->held[i].guard.root_kind && lw_path_equal(&s->held[i].guard, guard)) {
			if (s->held[i].site < f->nsites) {
				f->sites[s->held[i].site].released = 1;
				f->sites[s->held[i].site].rel_loc = e->loc;
			}
			s->held[i] = s->held[--s->nheld];
		} else {
			i++;
		}
	}
}

/* ---- allocation ---------------------------------------------------------------- */

static int is_allocator(const char *name)
{
	static const char *const names[] = {
		"calloc", "g_malloc", "g_malloc0", "g_malloc0_n", "g_malloc_n",
		"g_slice_alloc", "g_slice_alloc0", "g_try_malloc", "g_try_malloc0",
		"malloc", "realloc", "g_realloc", NULL};
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

/* What name says about a callee, looked up once per name and analysis. */
static struct lw_callee callee_info(struct lw_analysis *a, lw_str name)
{
	struct lw_callee none = {0};
	if (!name)
		return none;
	struct lw_callee *c = name < a->ncallees ? &a->callees[name] : &none;
	if (!c->known) {
		const char *s = lw_str_get(a->tu, name);
		c->builtin = lw_builtin_find(s);
		c->allocator = (uint8_t)is_allocator(s);
		c->probe = !strcmp(s, "lw_debug_lockset");
		c->known = 1;
	}
	return *c;
}

/* ---- events -------------------------------------------------------------------- */

static void assign(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		   const struct lw_path *dest_in, const struct lw_value *v_in)
{
	struct lw_path cdest = canon(f, s, *dest_in);
	const struct lw_path *dest = &cdest;
	struct lw_value cv = *v_in;
	if (cv.kind == LW_VAL_LOAD || cv.kind == LW_VAL_ADDR)
		cv.path = canon(f, s, cv.path);
	const struct lw_value *v = &cv;
	/* A local (or a union member of one) assigned: forget what it
	 * aliased, and maybe make it a copy of a parameter's value. */
	if (alias_slot(dest_in)) {
		for (int i = 0; i < s->nalias; i++)
			if (s->alias_from[i].root == dest_in->root) {
				s->alias_from[i] = s->alias_from[s->nalias - 1];
				s->alias_to[i] = s->alias_to[s->nalias - 1];
				s->nalias--;
				break;
			}
		if (v->kind == LW_VAL_LOAD && v->path.nsteps == 0 &&
		    (v->path.root_kind == LW_ROOT_PARAM || v->path.root_kind == LW_ROOT_GLOBAL) &&
		    s->nalias < LW_MAX_ALIAS) {
			s->alias_from[s->nalias] = *dest_in;
			s->alias_to[s->nalias] = v->path;
			s->nalias++;
			return; /* the local is the parameter's value now */
		}
	}
	/* "int rc = trylock(...)": the call already bound its pending result
	 * to rc; storing the same result again must not forget it. */
	struct lw_pend keep[LW_MAX_PEND];
	int nkeep = 0;
	if (v->kind == LW_VAL_LOAD && v->path.root_kind == LW_ROOT_RESULT)
		for (int i = 0; i < s->npend; i++)
			if (lw_path_equal(&s->pend[i].key, dest) && s->pend[i].call &&
			    s->pend[i].call->id == v->path.root)
				keep[nkeep++] = s->pend[i];
	kill_path(s, dest);
	for (int i = 0; i < nkeep && s->npend < LW_MAX_PEND; i++)
		s->pend[s->npend++] = keep[i];
	if (v->kind == LW_VAL_INT) {
		add_fact(s, *dest, v->k != 0);
		if (v->k == 0)
			drop_rooted(s, dest);
		return;
	}
	if (v->kind == LW_VAL_ADDR) {
		add_fact(s, *dest, 1);
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
			s->held[i].path = mkpath(f, dest, s->held[i].path.steps + v->path.nsteps,
						 (uint16_t)(s->held[i].path.nsteps - v->path.nsteps));
	}
	int known = fact_of(s, &v->path);
	if (known >= 0)
		add_fact(s, *dest, known);
	if (v->path.root_kind == LW_ROOT_RESULT) {
		const struct lw_event *call = f->calls[v->path.root];
		if (call && callee_info(f->a, call->callee).allocator &&
		    s->nfresh < LW_MAX_FRESH)
			s->fresh[s->nfresh++] = *dest;
	}
	/* A pointer loaded from an RCU config field is a snapshot. */
	struct lw_lockclass c = lw__path_class(f->a->tu, &v->path);
	const struct lw_field_info *fi = c.record ? lw_model_field(f->a->model, c.record, c.name)
						 : c.name ? lw_model_global(f->a->model, c.name) : NULL;
	if (fi && fi->cls == LW_FC_RCU && s->nsnap < LW_MAX_SNAP) {
		s->snap[s->nsnap].path = *dest;
		s->snap[s->nsnap].loc = e->loc;
		s->snap[s->nsnap].from = v->path;
		s->nsnap++;
	}
	for (int i = 0; i < s->nsnap; i++) {
		if (lw_path_equal(&s->snap[i].path, &v->path) && s->nsnap < LW_MAX_SNAP) {
			s->snap[s->nsnap] = s->snap[i];
			s->snap[s->nsnap].path = *dest;
			s->nsnap++;
			break;
		}
	}
}

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

/* Record a blocking point in this function's summary: keep one entry per
 * release set, with the shortest chain. */
static void add_blockpt(struct lw_flow *f, const struct lw_state *s, int cat,
			const struct lw_chainstep *chain, uint16_t nchain,
			const struct lw_lockclass *crel, int ncrel)
{
	struct lw_blockpt bp;
	memset(&bp, 0, sizeof(bp));
	bp.cat = (int8_t)cat;
	for (int i = 0; i < s->nrel && bp.nrel < LW_MAX_REL; i++)
		bp.rel[bp.nrel++] = s->rel[i].cls;
	for (int i = 0; i < ncrel && bp.nrel < LW_MAX_REL; i++)
		bp.rel[bp.nrel++] = crel[i];
	for (uint32_t i = 0; i < f->nblock; i++) {
		struct lw_blockpt *o = &f->block[i];
		if (o->nrel != bp.nrel)
			continue;
		int same = 1;
		for (int k = 0; k < bp.nrel && same; k++) {
			int found = 0;
			for (int j = 0; j < o->nrel && !found; j++)
				found = lw_lockclass_eq(o->rel[j], bp.rel[k]);
			same = found;
		}
		if (!same)
			continue;
		if (o->nchain > nchain) {
			o->chain = lw_arena_dup(f->a->tu->arena, chain, nchain * sizeof(*chain));
			o->nchain = nchain;
			o->cat = bp.cat;
		}
		return;
	}
	if (f->nblock >= 8)
		return;
	LW_GROW(f->a->scratch, f->block, f->nblock, f->cap_block);
	bp.chain = lw_arena_dup(f->a->tu->arena, chain, nchain * sizeof(*chain));
	bp.nchain = nchain;
	f->block[f->nblock++] = bp;
}

/* Chains are built in the scratch arena for every state that reaches a
 * call; add_blockpt() copies the few it keeps into the TU's arena. */
static const struct lw_chainstep *chain_direct(struct lw_flow *f, const struct lw_event *e)
{
	struct lw_chainstep *c = lw_arena_alloc(f->a->scratch, sizeof(*c));
	c->func = f->fn->name;
	c->callee = e->callee;
	c->loc = e->loc;
	return c;
}

static const struct lw_chainstep *chain_prepend(struct lw_flow *f, const struct lw_event *e,
						const struct lw_blockpt *bp, uint16_t *n)
{
	uint16_t len = bp->nchain < LW_MAX_CHAIN ? bp->nchain + 1 : LW_MAX_CHAIN;
	struct lw_chainstep *c = lw_arena_alloc(f->a->scratch, len * sizeof(*c));
	c[0].func = f->fn->name;
	c[0].callee = e->callee;
	c[0].loc = e->loc;
	memcpy(c + 1, bp->chain, (size_t)(len - 1) * sizeof(*c));
	if (len < bp->nchain + 1)
		c[len - 1] = bp->chain[bp->nchain - 1]; /* keep the blocking call */
	*n = len;
	return c;
}

void lw__use_class(struct lw_flow *f, struct lw_state *s, struct lw_lockclass c)
{
	for (int i = 0; i < s->nheld; i++)
		if (class_eq(s->held[i].cls, c) && s->held[i].site < f->nsites)
			f->sites[s->held[i].site].used = 1;
	/* Also a use for the function's own summary (needless-lock in the
	 * callers): only classes it does not hold itself. */
	for (int i = 0; i < s->nheld; i++)
		if (class_eq(s->held[i].cls, c) && !s->held[i].entry)
			return;
	for (uint32_t i = 0; i < f->nuse; i++)
		if (lw_lockclass_eq(f->uses[i], c))
			return;
	if (f->nuse < 16) {
		LW_GROW(f->a->scratch, f->uses, f->nuse, f->cap_use);
		f->uses[f->nuse++] = c;
	}
}


/* A try-lock: acquired later, on the edge where its result says so. */
static void add_pending(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			struct lw_path p, int64_t ret, int shared)
{
	if (s->npend >= LW_MAX_PEND)
		return;
	struct lw_pend *pd = &s->pend[s->npend++];
	memset(pd, 0, sizeof(*pd));
	pd->key.root_kind = LW_ROOT_RESULT;
	pd->key.root = e->id;
	pd->ret = ret;
	pd->h.path = normalize(f, p);
	pd->h.cls = lw__path_class(f->a->tu, &pd->h.path);
	pd->h.shared = (uint8_t)shared;
	pd->call = e;
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

static void do_call(struct lw_flow *f, struct lw_state *s, const struct lw_event *e, int report)
{
	struct lw_analysis *a = f->a;
	struct lw_tu *tu = a->tu;
	const struct lw_callee ci = callee_info(a, e->callee);
	const struct lw_fn_info *fi = e->decl >= 0 ? lw_model_fn(a->model, (uint32_t)e->decl) : NULL;
	int64_t cst[8];
	uint8_t has[8];
	unsigned nc = e->nargs < 8 ? e->nargs : 8;
	for (unsigned i = 0; i < nc; i++) {
		has[i] = e->args[i].kind == LW_VAL_INT;
		cst[i] = e->args[i].k;
	}
	const struct lw_builtin *b = lw_builtin_with_args(ci.builtin, nc, cst, has);
	const struct lw_summary *sum = callee_summary(f, e);

	if (report && ci.probe)
		lw__check_debug_lockset(f, s, e);

	/* Requirements of annotated callees, and what callees need. */
	if (fi)
		for (uint32_t i = 0; i < fi->neffects; i++) {
			const struct lw_effect *ef = &fi->effects[i];
			if (ef->kind != LW_AN_REQUIRES && ef->kind != LW_AN_REQUIRES_SHARED &&
			    ef->kind != LW_AN_EXCLUDES)
				continue;
			struct lw_path p;
			int ok = lw__subst(f, e, &ef->lock, &p) == 0;
			if (ok)
				p = normalize(f, p);
			struct lw_lockclass c = ok ? lw__path_class(tu, &p) : ef->cls;
			if (!c.name && !c.record)
				c = ef->cls;
			int held = lw__held_index(s, ok ? &p : NULL, c) >= 0;
			if (ef->kind == LW_AN_EXCLUDES) {
				if (held && report)
					lw__check_excluded_call(f, s, e, ok ? &p : NULL, c);
			} else {
				lw__use_class(f, s, c);
				if (!held && report)
					lw__check_required_call(f, s, e, ok ? &p : NULL, c);
			}
		}
	if (sum) {
		for (uint32_t i = 0; i < sum->nuse; i++)
			lw__use_class(f, s, sum->uses[i]);
		for (uint32_t i = 0; i < sum->nneed; i++)
			lw__check_need_at_call(f, s, e, &sum->needs[i], report);
	}

	/* Blocking. */
	int cat = -2; /* -2 not blocking, -1 annotated, >= 0 category */
	struct lw_path waited;
	int has_waited = 0;
	if (fi && (fi->flags & LW_FN_NONBLOCKING)) {
		cat = -2;
	} else if (fi && (fi->flags & LW_FN_BLOCKING)) {
		cat = -1;
	} else if (b && b->block_cat >= 0) {
		if (a->opts->blocking & (1u << b->block_cat))
			cat = b->block_cat;
	}
	if (b && b->op == LW_OP_WAIT && b->lock_arg >= 0 && (unsigned)b->lock_arg < e->nargs &&
	    !(fi && (fi->flags & LW_FN_NONBLOCKING))) {
		if (pointee_in(f, s, &e->args[b->lock_arg], &waited) == 0)
			has_waited = 1, waited = normalize(f, waited);
		if (a->opts->blocking & (1u << LW_BLK_WAIT))
			cat = LW_BLK_WAIT;
	}
	if (fi)
		for (uint32_t i = 0; i < fi->neffects; i++)
			if (fi->effects[i].kind == LW_AN_WAITS &&
			    lw__subst(f, e, &fi->effects[i].lock, &waited) == 0) {
				waited = normalize(f, waited);
				has_waited = 1;
				if (cat == -2 && !(fi->flags & LW_FN_NONBLOCKING))
					cat = -1;
			}
	if (cat != -2) {
		if (report)
			lw__check_block_direct(f, s, e, cat, has_waited ? &waited : NULL);
		struct lw_lockclass wc = has_waited ? lw__path_class(tu, &waited) : (struct lw_lockclass){0, 0};
		add_blockpt(f, s, cat, chain_direct(f, e), 1, &wc, has_waited);
	} else if (sum && !(fi && (fi->flags & LW_FN_NONBLOCKING))) {
		for (uint32_t i = 0; i < sum->nblock; i++) {
			uint16_t n;
			const struct lw_chainstep *c = chain_prepend(f, e, &sum->block[i], &n);
			add_blockpt(f, s, sum->block[i].cat, c, n, sum->block[i].rel, sum->block[i].nrel);
		}
		if (report && sum->nblock)
			lw__check_block_via_call(f, s, e, sum);
	}

	/* Lock effects: annotations first, then the built-in table, then
	 * what the callee's body was found to do. */
	if (fi && (fi->flags & LW_FN_HAS_LOCK_EFFECTS)) {
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
				acquire(f, s, e, p, ef->kind == LW_AN_ACQUIRES_SHARED, NULL, 0, report);
				break;
			case LW_AN_RELEASES:
				release(f, s, e, p, report, 0);
				break;
			case LW_AN_TRY_ACQUIRES:
				add_pending(f, s, e, p, ef->ret, 0);
				break;
			case LW_AN_ACQUIRES_GUARD: {
				struct lw_path g = guard_of_call(e);
				acquire(f, s, e, p, 0, &g, 0, report);
				break;
			}
			case LW_AN_RELEASES_GUARD:
				release_guard(s, &p, f, e);
				break;
			}
		}
	} else if (b && b->op != LW_OP_NONE) {
		struct lw_path p;
		int have = b->lock_arg >= 0 && (unsigned)b->lock_arg < e->nargs &&
			   pointee_in(f, s, &e->args[b->lock_arg], &p) == 0;
		switch (b->op) {
		case LW_OP_ACQUIRE:
		case LW_OP_ACQUIRE_SHARED:
			if (have)
				acquire(f, s, e, p, b->op == LW_OP_ACQUIRE_SHARED, NULL,
					(b->flags & LW_BF_RECURSIVE) != 0, report);
			break;
		case LW_OP_TRY_ACQUIRE:
		case LW_OP_TRY_ACQUIRE_SHARED:
			if (have)
				add_pending(f, s, e, p, b->try_ret, b->op == LW_OP_TRY_ACQUIRE_SHARED);
			break;
		case LW_OP_RELEASE:
			if (have)
				release(f, s, e, p, report, 0);
			break;
		case LW_OP_GUARD_ACQUIRE:
			if (have) {
				struct lw_path g = guard_of_call(e);
				acquire(f, s, e, p, 0, &g, (b->flags & LW_BF_RECURSIVE) != 0, report);
			}
			break;
		case LW_OP_GUARD_RELEASE:
			/* g_mutex_locker_free(locker) passes the guard value,
			 * glib_autoptr_cleanup_GMutexLocker(&locker) its
			 * address: either way the guard is locker. */
			if (b->lock_arg >= 0 && (unsigned)b->lock_arg < e->nargs &&
			    (e->args[b->lock_arg].kind == LW_VAL_LOAD ||
			     e->args[b->lock_arg].kind == LW_VAL_ADDR))
				release_guard(s, &e->args[b->lock_arg].path, f, e);
			break;
		case LW_OP_RCU_READ_LOCK:
			if (s->rcu == 0)
				s->rcu_loc = e->loc;
			if (s->rcu < 4)
				s->rcu++;
			break;
		case LW_OP_RCU_READ_UNLOCK:
			if (s->rcu)
				s->rcu--;
			break;
		default:
			break;
		}
	}
	/* What the body was found to do, for the locks its annotations do not
	 * mention: a function annotated LW_TRY_ACQUIRES for one lock may still
	 * drop the caller's (libvirt's qemuDomainObjEnterMonitorAsync). */
	if (sum && !(b && b->op != LW_OP_NONE)) {
		for (uint32_t i = 0; i < sum->ngrel; i++) {
			struct lw_path g;
			if (lw__subst(f, e, &sum->grel[i], &g) == 0)
				release_guard(s, &g, f, e);
		}
		for (uint32_t i = 0; i < sum->nrel; i++) {
			struct lw_path p;
			if (!annotated_lock(fi, &sum->rel[i].path) &&
			    lw__subst(f, e, &sum->rel[i].path, &p) == 0)
				release(f, s, e, p, report, sum->rel[i].maybe);
		}
		for (uint32_t i = 0; i < sum->nretlock; i++) {
			struct lw_path p = sum->retlock[i].path;
			p.root = e->id; /* the call's result */
			acquire(f, s, e, p, sum->retlock[i].shared, NULL, 0, report);
		}
		for (uint32_t i = 0; i < sum->nnulled; i++) {
			struct lw_path p;
			if (lw__subst(f, e, &sum->nulled[i], &p) == 0) {
				struct lw_value zero = {0};
				zero.kind = LW_VAL_INT;
				assign(f, s, e, &p, &zero);
			}
		}
		for (uint32_t i = 0; i < sum->nacq; i++) {
			struct lw_path p;
			if (!annotated_lock(fi, &sum->acq[i].path) &&
			    lw__subst(f, e, &sum->acq[i].path, &p) == 0)
				acquire(f, s, e, p, sum->acq[i].shared, NULL, 0, report);
		}
	}
	if (fi && (fi->flags & LW_FN_RCU_READ_LOCK)) {
		if (s->rcu == 0)
			s->rcu_loc = e->loc;
		if (s->rcu < 4)
			s->rcu++;
	}
	if (fi && (fi->flags & LW_FN_RCU_READ_UNLOCK) && s->rcu)
		s->rcu--;

	/* A callee with no body in view that gets the object holding a
	 * driver lock may need that lock: count it as a use (needless-lock
	 * must not fire on what it cannot see). */
	if (!sum && !(b && b->op != LW_OP_NONE) && !(b && b->block_cat >= 0) && e->callee &&
	    !(fi && (fi->flags & LW_FN_HAS_LOCK_EFFECTS)) &&
	    !ci.probe) {
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
	/* A thread started here takes over the object locks this function
	 * took (libvirt hands a locked domain to its reconnect thread).
	 * Driver locks are never handed over. */
	if (fi && (fi->flags & LW_FN_HANDS_OFF))
		for (int i = 0; i < s->nheld; i++)
			if (!s->held[i].entry && !s->held[i].driver)
				s->held[i].handed = 1;
	if (ci.allocator && e->path.root_kind && s->nfresh < LW_MAX_FRESH)
		s->fresh[s->nfresh++] = e->path;
}

/* Applies one event to s.  Returns 0 when the path ends here. */
static int transfer(struct lw_flow *f, struct lw_state *s, const struct lw_event *e, int report)
{
	f->cur = s;
	switch (e->kind) {
	case LW_EV_CALL: {
		if (e->path.root_kind)
			kill_path(s, &e->path);
		do_call(f, s, e, report);
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
					s->held[i].path = mkpath(f, &e->path, s->held[i].path.steps,
								 s->held[i].path.nsteps);
			}
		}
		int noret = (e->flags & LW_CF_NORETURN) != 0;
		if (e->decl >= 0 && (f->a->tu->fdecls[e->decl].flags & LW_FD_NORETURN))
			noret = 1;
		if (noret)
			return 0; /* the path ends: no imbalance, no exit state */
		return 1;
	}
	case LW_EV_ACCESS:
		if (report)
			lw__check_access(f, s, e);
		if (!e->path.nsteps)
			return 1; /* a global: ASSIGN and CALL events change the state */
		if (e->mode == LW_ACC_WRITE)
			assign(f, s, e, &e->path, &e->value);
		else if (e->mode == LW_ACC_RMW || e->mode == LW_ACC_ADDR)
			kill_path(s, &e->path);
		return 1;
	case LW_EV_ASSIGN:
		assign(f, s, e, &e->path, &e->value);
		return 1;
	case LW_EV_RETURN:
		s->ret_loc = e->loc;
		s->has_ret = 1;
		s->ret_val = e->value;
		if (s->ret_val.kind == LW_VAL_LOAD)
			s->ret_val.path = canon(f, s, s->ret_val.path);
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
	struct lw_path cp = canon(f, s, c->val.path);
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
		if (acquired)
			acquire(f, s, pd.call, pd.h.path, pd.h.shared, NULL, 0, 0);
		break;
	}
	int nonzero;
	if (c->op == LW_COND_EQ)
		nonzero = c->k != 0;
	else if (c->k == 0)
		nonzero = 1;
	else
		return 1; /* x != 5 says nothing about zero-ness */
	int known = fact_of(s, p);
	if (known >= 0 && known != nonzero)
		return 0;
	add_fact(s, *p, nonzero);
	if (!nonzero)
		drop_rooted(s, p);
	return 1;
}

/* ---- the fixed point ------------------------------------------------------------ */

struct blockstates {
	uint32_t n, cap, capsig;
	struct lw_state **s;
	uint64_t *sig; /* state_sig() of each state */
	uint32_t ndone; /* states [0, ndone) have been propagated */
};

/*
 * *d = *s, copying only the used part of each array: a state is 2 KiB, and
 * most of it is empty slots.  A new member of struct lw_state must be
 * copied here too.
 */
static void state_copy(struct lw_state *d, const struct lw_state *s)
{
	memcpy(d, s, offsetof(struct lw_state, held));
	memcpy(d->held, s->held, s->nheld * sizeof(s->held[0]));
	memcpy(d->facts, s->facts, s->nfacts * sizeof(s->facts[0]));
	memcpy(d->pend, s->pend, s->npend * sizeof(s->pend[0]));
	memcpy(d->snap, s->snap, s->nsnap * sizeof(s->snap[0]));
	memcpy(d->rel, s->rel, s->nrel * sizeof(s->rel[0]));
	memcpy(d->done, s->done, s->ndone * sizeof(s->done[0]));
	memcpy(d->fresh, s->fresh, s->nfresh * sizeof(s->fresh[0]));
	d->nalias = s->nalias;
	memcpy(d->alias_from, s->alias_from, s->nalias * sizeof(s->alias_from[0]));
	memcpy(d->alias_to, s->alias_to, s->nalias * sizeof(s->alias_to[0]));
}

/* A signature that equal states share (state_eq() is the final word):
 * order-independent sums over each set, so most comparisons at a join
 * cost one integer compare instead of a set comparison. */
static uint64_t state_sig(const struct lw_state *s)
{
	uint64_t h = ((uint64_t)s->nheld << 40) ^
		     ((uint64_t)s->npend << 28) ^ ((uint64_t)s->nsnap << 24) ^
		     ((uint64_t)s->nrel << 20) ^ ((uint64_t)s->ndone << 16) ^
		     ((uint64_t)s->nfresh << 12) ^ ((uint64_t)s->rcu << 8) ^
		     ((uint64_t)s->nalias << 4) ^ s->has_ret;
	/* Everything property_eq compares goes in, so that a join compares
	 * whole states only when they are likely to be one. */
	h ^= ((uint64_t)s->ret_loc.line << 44) ^ ((uint64_t)s->ret_loc.col << 36) ^
	     ((uint64_t)s->ret_loc.file << 52) ^ ((uint64_t)s->ret_val.kind << 2) ^
	     (uint64_t)s->ret_val.k * 0x9e3779b97f4a7c15ull;
	uint64_t sum = path_hash(&s->ret_val.path);
	for (int i = 0; i < s->npend; i++)
		sum += path_hash(&s->pend[i].key) * 5 + path_hash(&s->pend[i].h.path);
	for (int i = 0; i < s->nsnap; i++)
		sum += path_hash(&s->snap[i].path) * 13;
	for (int i = 0; i < s->nfresh; i++)
		sum += path_hash(&s->fresh[i]) * 17;
	for (int i = 0; i < s->nalias; i++)
		sum += path_hash(&s->alias_from[i]) * 19 + path_hash(&s->alias_to[i]);
	for (int i = 0; i < s->nheld; i++)
		sum += path_hash(&s->held[i].path) * 3 + s->held[i].site + s->held[i].shared +
		       ((uint64_t)s->held[i].handed << 33);
	for (int i = 0; i < s->nrel; i++)
		sum += path_hash(&s->rel[i].path) * 7 + s->rel[i].maybe;
	for (int i = 0; i < s->ndone; i++)
		sum += path_hash(&s->done[i].path) * 11 + s->done[i].maybe;
	return h ^ sum;
}

static int add_state(struct lw_flow *f, struct blockstates *bs, const struct lw_state *st)
{
	uint64_t sig = state_sig(st);
	/* Property simulation (Das et al., ESP): states with the same locks,
	 * guards, pending try-locks, ... are one state whose facts are those
	 * both agree on; only states that differ in what is tracked stay
	 * apart.  Facts only shrink, so this terminates. */
	for (uint32_t i = 0; i < bs->n; i++) {
		struct lw_state *o = bs->s[i];
		if (bs->sig[i] != sig || !property_eq(o, st))
			continue;
		uint8_t k = (uint8_t)intersect_facts(o, st);
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
			if (lw__held_index(&m, &st->held[i].path, (struct lw_lockclass){0, 0}) < 0 &&
			    m.nheld < LW_MAX_HELD)
				m.held[m.nheld++] = st->held[i];
		m.nfacts = 0;
		for (int i = 0; i < last->nfacts; i++)
			if (fact_with_sig(st, &last->facts[i].path, last->facts[i].sig) ==
			    last->facts[i].nonzero)
				m.facts[m.nfacts++] = last->facts[i];
		m.npend = 0;
		if (state_eq(&m, last))
			return 0;
		*last = m;
		bs->sig[bs->n - 1] = state_sig(last);
		if (bs->ndone == bs->n)
			bs->ndone--;
		f->overflow = 1;
		return 1;
	}
	uint32_t n = bs->n;
	LW_GROW(f->a->scratch, bs->sig, n, bs->capsig);
	LW_GROW(f->a->scratch, bs->s, bs->n, bs->cap);
	struct lw_state *c = lw_arena_alloc_raw(f->a->scratch, sizeof(*c));
	state_copy(c, st);
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
		if (s->nheld >= LW_MAX_HELD)
			break;
		struct lw_held *h = &s->held[s->nheld++];
		memset(h, 0, sizeof(*h));
		h->path = normalize(f, ef->lock);
		h->cls = lw__path_class(f->a->tu, &h->path);
		if (!h->cls.name && !h->cls.record)
			h->cls = ef->cls;
		h->shared = ef->kind == LW_AN_REQUIRES_SHARED;
		h->driver = (uint8_t)lw_model_is_driver_lock(f->a->model, h->cls);
		h->entry = 1;
		h->site = 0;
	}
}

static void run(struct lw_flow *f, int report)
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
	/* Reverse postorder would converge faster; a LIFO worklist is fine
	 * at these sizes and bounded by the state cap. */
	while (nwork) {
		uint32_t b = work[--nwork];
		inq[b] = 0;
		const struct lw_block *bl = &fn->blocks[b];
		while (bs[b].ndone < bs[b].n) {
			struct lw_state cur;
			state_copy(&cur, bs[b].s[bs[b].ndone++]);
			if (++steps > 200000) {
				f->gave_up = 1;
				return;
			}
			int alive = 1;
			for (uint32_t i = 0; i < bl->nevents && alive; i++)
				alive = transfer(f, &cur, &bl->events[i], 0);
			if (!alive)
				continue;
			if (b == fn->exit) {
				LW_GROW(f->a->scratch, f->exits, f->nexits, f->cap_exits);
				struct lw_state *x = lw_arena_alloc_raw(f->a->scratch, sizeof(*x));
				state_copy(x, &cur);
				f->exits[f->nexits++] = x;
			}
			for (uint32_t k = 0; k < bl->nsucc; k++) {
				const struct lw_edge *ed = &bl->succ[k];
				/* The last edge may have cur itself. */
				struct lw_state nx, *ns = &cur;
				if (k + 1 < bl->nsucc) {
					state_copy(&nx, &cur);
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
	if (!report)
		return;
	/* Reporting pass: replay every block from each of its final states. */
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *bl = &fn->blocks[b];
		for (uint32_t k = 0; k < bs[b].n; k++) {
			struct lw_state cur;
			state_copy(&cur, bs[b].s[k]);
			int alive = 1;
			for (uint32_t i = 0; i < bl->nevents && alive; i++)
				alive = transfer(f, &cur, &bl->events[i], 1);
		}
	}
}

/* ---- summaries ------------------------------------------------------------------ */

static int held_in(const struct lw_state *s, const struct lw_path *p)
{
	for (int i = 0; i < s->nheld; i++)
		if (lw_path_equal(&s->held[i].path, p))
			return 1;
	return 0;
}

static void make_summary(struct lw_flow *f)
{
	struct lw_analysis *a = f->a;
	struct lw_summary *sum = &a->sums[f->fn->decl];
	struct lw_arena *A = a->tu->arena;
	sum->nacq = sum->nrel = 0;
	if (f->nexits) {
		const struct lw_state *s0 = f->exits[0];
		sum->acq = lw_arena_alloc(A, (LW_MAX_HELD + 1) * sizeof(*sum->acq));
		sum->rel = lw_arena_alloc(A, (LW_MAX_REL + 1) * sizeof(*sum->rel));
		for (int i = 0; i < s0->nheld; i++) {
			const struct lw_held *h = &s0->held[i];
			if (h->entry || h->handed || (h->path.root_kind != LW_ROOT_PARAM &&
					 h->path.root_kind != LW_ROOT_GLOBAL))
				continue;
			int all = 1;
			for (uint32_t x = 1; x < f->nexits && all; x++)
				all = held_in(f->exits[x], &h->path);
			if (!all)
				continue;
			struct lw_sumlock *l = &sum->acq[sum->nacq++];
			l->path = h->path;
			l->path.steps = h->path.nsteps ? lw_arena_dup(A, h->path.steps, h->path.nsteps * sizeof(struct lw_step)) : NULL;
			l->cls = h->cls;
			l->shared = h->shared;
		}
		/* Releases of the caller's locks: on any path.  A callee that
		 * drops the caller's lock only when it succeeds (libvirt's
		 * qemuDomainObjEnterMonitorAsync) must still pair with the Exit
		 * half that takes it back; see docs/design.md. */
		for (uint32_t x = 0; x < f->nexits; x++) {
			const struct lw_state *sx = f->exits[x];
			for (int i = 0; i < sx->nrel && sum->nrel < LW_MAX_REL; i++) {
				const struct lw_path *p = &sx->rel[i].path;
				int dup = 0;
				for (uint32_t k = 0; k < sum->nrel && !dup; k++)
					dup = lw_path_equal(&sum->rel[k].path, p);
				if (dup)
					continue;
				struct lw_sumlock *l = &sum->rel[sum->nrel++];
				l->path = *p;
				l->path.steps = p->nsteps ? lw_arena_dup(A, p->steps, p->nsteps * sizeof(struct lw_step)) : NULL;
				l->cls = sx->rel[i].cls;
				/* must: a definite release on every path */
				int all = 1;
				for (uint32_t y = 0; y < f->nexits && all; y++) {
					int here = 0;
					for (int k = 0; k < f->exits[y]->nrel && !here; k++)
						here = !f->exits[y]->rel[k].maybe &&
						       lw_path_equal(&f->exits[y]->rel[k].path, p);
					all = here;
				}
				l->maybe = (uint8_t)!all;
			}
		}
	}
	/* Locks held on the object it returns (returned locked, or NULL). */
	sum->nretlock = 0;
	if (f->nexits) {
		sum->retlock = lw_arena_alloc(A, (LW_MAX_HELD + 1) * sizeof(*sum->retlock));
		for (uint32_t x = 0; x < f->nexits; x++)
			for (int i = 0; i < f->exits[x]->nheld; i++) {
				const struct lw_held *h = &f->exits[x]->held[i];
				if (h->entry || h->handed || !h->path.nsteps || sum->nretlock >= LW_MAX_HELD ||
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
				struct lw_sumlock *l = &sum->retlock[sum->nretlock++];
				l->path = rel;
				l->path.steps = lw_arena_dup(A, h->path.steps, h->path.nsteps * sizeof(struct lw_step));
				l->cls = h->cls;
				l->shared = h->shared;
			}
	}
	/* Pointers of the caller's that are NULL whenever this returns
	 * (virDomainObjEndAPI(&vm) unlocks and sets *vm = NULL). */
	sum->nnulled = 0;
	if (f->nexits) {
		const struct lw_state *s0 = f->exits[0];
		sum->nulled = lw_arena_alloc(A, (LW_MAX_FACTS + 1) * sizeof(*sum->nulled));
		for (int i = 0; i < s0->nfacts; i++) {
			const struct lw_fact *fc = &s0->facts[i];
			if (fc->nonzero || fc->path.root_kind != LW_ROOT_PARAM || !fc->path.nsteps ||
			    fc->path.steps[0].kind != LW_STEP_DEREF)
				continue;
			int all = 1;
			for (uint32_t x = 1; x < f->nexits && all; x++) {
				int here = 0;
				for (int k = 0; k < f->exits[x]->nfacts && !here; k++)
					here = !f->exits[x]->facts[k].nonzero &&
					       lw_path_equal(&f->exits[x]->facts[k].path, &fc->path);
				all = here;
			}
			if (!all)
				continue;
			sum->nulled[sum->nnulled] = fc->path;
			sum->nulled[sum->nnulled].steps = lw_arena_dup(A, fc->path.steps, fc->path.nsteps * sizeof(struct lw_step));
			sum->nnulled++;
		}
	}
	sum->ngrel = f->ngrel;
	sum->grel = lw_arena_alloc(A, (f->ngrel + 1) * sizeof(*sum->grel));
	for (uint32_t i = 0; i < f->ngrel; i++) {
		sum->grel[i] = f->grel[i];
		sum->grel[i].steps = f->grel[i].nsteps ? lw_arena_dup(A, f->grel[i].steps, f->grel[i].nsteps * sizeof(struct lw_step)) : NULL;
	}
	sum->nblock = f->nblock;
	sum->block = f->nblock ? lw_arena_dup(A, f->block, f->nblock * sizeof(*f->block)) : NULL;
	sum->nuse = f->nuse;
	sum->uses = f->nuse ? lw_arena_dup(A, f->uses, f->nuse * sizeof(*f->uses)) : NULL;
	sum->nneed = f->nneed;
	sum->needs = f->nneed ? lw_arena_dup(A, f->needs, f->nneed * sizeof(*f->needs)) : NULL;
}

void lw__flow_function(struct lw_analysis *a, uint32_t func, int report)
{
	struct lw_flow f;
	memset(&f, 0, sizeof(f));
	f.a = a;
	f.fn = &a->tu->funcs[func];
	f.fd = &a->tu->fdecls[f.fn->decl];
	f.calls = lw_arena_alloc(a->scratch, (f.fn->ncalls + 1) * sizeof(*f.calls));
	for (uint32_t b = 0; b < f.fn->nblocks; b++)
		for (uint32_t i = 0; i < f.fn->blocks[b].nevents; i++) {
			const struct lw_event *e = &f.fn->blocks[b].events[i];
			if (e->kind == LW_EV_CALL && e->id <= f.fn->ncalls)
				f.calls[e->id] = e;
		}
	LW_GROW(a->scratch, f.sites, f.nsites, f.cap_sites);
	memset(&f.sites[0], 0, sizeof(f.sites[0]));
	f.nsites = 1; /* site 0: held on entry */
	f.report = report;
	run(&f, report);
	if (f.gave_up)
		return;
	if (report)
		lw__check_function_end(&f);
	make_summary(&f);
}
