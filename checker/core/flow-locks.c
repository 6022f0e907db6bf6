/*
 * flow-locks.c - acquiring and releasing locks in a state; where each lock
 * was taken (its site), and whether the section needed it (uses).
 */
#include "track.h"

#include <string.h>

#include "check.h"

void lw__drop_rooted(struct lw_state *s, const struct lw_path *p)
{
	/* p is known NULL: no lock rooted at it is held, and a guard whose
	 * member p is holds nothing any more. */
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

static void mark_nonnull_prefixes(struct lw_flow *f, struct lw_state *s, const struct lw_path *p)
{
	for (uint16_t i = 0; i < p->nsteps; i++) {
		if (p->steps[i].kind == LW_STEP_DEREF) {
			struct lw_path q = *p;
			q.nsteps = i;
			if (lw__add_fact(s, q, 1))
				lw__limit_hit(f, LW_LIMIT_FACTS);
		}
	}
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

/* A lock field or global annotated LW_RECURSIVE. */
static int recursive_lock(struct lw_flow *f, struct lw_lockclass cls)
{
	if (lw_lockclass_empty(cls))
		return 0;
	const struct lw_field_info *fi = cls.record ? lw_model_field(f->a->model, cls.record, cls.name)
						    : lw_model_global(f->a->model, cls.name);
	return fi && fi->recursive;
}

static void mark_released(struct lw_flow *f, const struct lw_held *h, const struct lw_event *e)
{
	if (h->site && h->site < f->nsites) {
		f->sites[h->site].released = 1;
		f->sites[h->site].rel_loc = e->loc;
	}
}

static void push_relent(struct lw_flow *f, struct lw_relent *set, uint8_t *n,
			const struct lw_relent *r)
{
	if (*n >= LW_MAX_REL) {
		lw__limit_hit(f, LW_LIMIT_REL);
		return;
	}
	set[(*n)++] = *r;
}

void lw__acquire(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		 struct lw_path path, int shared, const struct lw_path *guard, int recursive)
{
	path = lw__normalize(f, path);
	struct lw_lockclass cls = lw__path_class(&path);
	int driver = lw_model_is_driver_lock(f->a->model, cls);
	if (!recursive)
		recursive = recursive_lock(f, cls);
	int idx = -1;
	for (int i = 0; i < s->nheld; i++)
		if (lw_path_equal(&s->held[i].path, &path))
			idx = i;
	if (idx >= 0) {
		/* A second read lock of a rwlock already read-held nests. */
		if (shared && s->held[idx].shared) {
			if (s->held[idx].count + 1 < LW_MAX_READ_NESTING)
				s->held[idx].count++;
			else
				lw__limit_hit(f, LW_LIMIT_READ_NESTING);
			return;
		}
		if (!recursive && f->checking) {
			struct lw_lock_info li = {LW_LOCK_DOUBLE_ACQUIRE, e, &s->held[idx], NULL, NULL};
			lw__checks_lock(f, s, &li);
		}
		if (recursive) {
			/* a recursive lock nests: each release undoes one */
			if (s->held[idx].count + 1 < LW_MAX_READ_NESTING)
				s->held[idx].count++;
			else
				lw__limit_hit(f, LW_LIMIT_READ_NESTING);
		} else {
			/* taken twice in error (reported once): one release
			 * frees it, and a second is no double release too */
			s->held[idx].doubled = 1;
		}
		return;
	}
	if (s->nheld >= LW_MAX_HELD) {
		lw__limit_hit(f, LW_LIMIT_HELD);
		return;
	}
	/* Taking back a lock of the caller's that this function released
	 * (the Exit half of Enter/Exit-monitor) restores the entry state:
	 * held again as the caller holds it, not a lock of our own. */
	int restored = 0;
	struct lw_path callers = path;
	if (lw__copy_of(f, s, &path, &callers))
		callers = lw__normalize(f, callers);
	for (int i = 0; i < s->nrel && !guard; i++)
		if (lw_path_equal(&s->rel[i].path, &callers)) {
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
	if (!restored && (path.root_kind == LW_ROOT_PARAM || path.root_kind == LW_ROOT_GLOBAL)) {
		struct lw_lockparam t = {path, e->loc, f->fn->name, (uint8_t)shared, (uint8_t)recursive};
		lw__add_take(f, &t);
	}
	mark_nonnull_prefixes(f, s, &path);
	for (int i = 0; i < s->nunheld; i++)
		if (lw_path_equal(&s->unheld[i].path, &path)) {
			s->unheld[i] = s->unheld[--s->nunheld];
			break;
		}
	/* Once re-acquired, a release of it is no longer a double release. */
	for (int i = 0; i < s->ndone;)
		if (lw_path_equal(&s->done[i].path, &path))
			s->done[i] = s->done[--s->ndone];
		else
			i++;
}

/* A release of what a try-lock whose result was thrown away may have
 * taken: a finding, and the lock is released either way (it is not held
 * after this, and a second release is not one more finding).  A result
 * that is used, but in a way the IR does not follow (`f() < 0`), is left
 * alone: the lock stays unknown. */
static int release_untested(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
			    const struct lw_path *path)
{
	for (int i = 0; i < s->npend; i++) {
		struct lw_pend pd = s->pend[i];
		if (pd.query || !(pd.call->flags & LW_CF_UNUSED) || !lw_path_equal(&pd.h.path, path))
			continue;
		if (f->checking) {
			struct lw_lock_info li = {LW_LOCK_RELEASE_UNTESTED, e, NULL, NULL, &s->pend[i]};
			lw__checks_lock(f, s, &li);
		}
		s->pend[i] = s->pend[--s->npend];
		struct lw_relent r = {pd.h.path, pd.h.cls, e->loc, 1};
		push_relent(f, s->done, &s->ndone, &r);
		return 1;
	}
	return 0;
}

/* maybe: the release happens on some of the callee's paths only (a may-
 * release summary); a later release of the same lock is then no double
 * release, since on the other paths the lock was still held. */
void lw__release(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		 struct lw_path path, int maybe)
{
	path = lw__normalize(f, path);
	struct lw_lockclass cls = lw__path_class(&path);
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
	if (idx < 0 && release_untested(f, s, e, &path))
		return;
	if (idx >= 0) {
		struct lw_held h = s->held[idx];
		s->held[idx] = s->held[--s->nheld];
		mark_released(f, &h, e);
		struct lw_relent r = {h.path, h.cls, e->loc, (uint8_t)(maybe || h.doubled)};
		push_relent(f, s->done, &s->ndone, &r);
		if (h.entry)
			push_relent(f, s->rel, &s->nrel, &r);
		return;
	}
	for (int i = 0; i < s->ndone; i++) {
		if (lw_path_equal(&s->done[i].path, &path)) {
			if (!maybe && !s->done[i].maybe && f->checking) {
				struct lw_lock_info li = {LW_LOCK_DOUBLE_RELEASE, e, NULL, &s->done[i], NULL};
				lw__checks_lock(f, s, &li);
			}
			return;
		}
	}
	/* Not ours: the caller's lock (a release wrapper, or the Exit half
	 * of an Enter/Exit pair), also through a local holding the caller's
	 * field (vm = mon->vm; virObjectUnlock(vm)).  Remember it for the
	 * summary. */
	struct lw_path callers = path;
	if (lw__copy_of(f, s, &path, &callers))
		callers = lw__normalize(f, callers);
	if (callers.root_kind == LW_ROOT_PARAM || callers.root_kind == LW_ROOT_GLOBAL) {
		if (s->nrel >= LW_MAX_REL) {
			lw__limit_hit(f, LW_LIMIT_REL);
			return;
		}
		struct lw_relent r = {callers, cls, e->loc, (uint8_t)maybe};
		s->rel[s->nrel++] = r;
		r.path = path;
		push_relent(f, s->done, &s->ndone, &r);
	}
}

void lw__release_guard(struct lw_flow *f, struct lw_state *s, const struct lw_path *guard,
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
		if (!known && f->ngrel >= LW_MAX_GUARD_RELEASES) {
			lw__limit_hit(f, LW_LIMIT_GUARD_RELEASES);
		} else if (!known) {
			LW_GROW(f->a->scratch, f->grel, f->ngrel, f->cap_grel);
			f->grel[f->ngrel++] = *guard;
		}
	}
	for (int i = 0; i < s->nheld;) {
		if (s->held[i].guard.root_kind && lw_path_equal(&s->held[i].guard, guard)) {
			mark_released(f, &s->held[i], e);
			s->held[i] = s->held[--s->nheld];
		} else {
			i++;
		}
	}
}

/* A try-lock: acquired later, on the edge where its result says so. */
void lw__add_pending(struct lw_flow *f, struct lw_state *s, const struct lw_event *e,
		     struct lw_path p, int64_t ret, int shared, int query)
{
	if (s->npend >= LW_MAX_PEND) {
		lw__limit_hit(f, LW_LIMIT_PEND);
		return;
	}
	struct lw_pend *pd = &s->pend[s->npend++];
	memset(pd, 0, sizeof(*pd));
	pd->key.root_kind = LW_ROOT_RESULT;
	pd->key.root = e->id;
	pd->ret = ret;
	pd->h.path = lw__normalize(f, p);
	pd->h.cls = lw__path_class(&pd->h.path);
	pd->h.shared = (uint8_t)shared;
	pd->call = e;
	pd->query = (uint8_t)query;
}

/* An "is it held?" query's answer on one edge.  Held: a lock this
 * function does not hold was the caller's on entry.  Not held: where the
 * function blocks on that side, its callers holding the lock do not make it
 * a finding (unheld, like a released lock).  Returns 0 when the answer
 * contradicts what this function knows (the edge is not taken). */
int lw__query_answer(struct lw_flow *f, struct lw_state *s, const struct lw_held *q, int held)
{
	int idx = lw__held_index(s, &q->path, q->cls);
	int released = 0, unheld = -1;
	for (int i = 0; i < s->nrel; i++)
		released |= lw_path_equal(&s->rel[i].path, &q->path) && !s->rel[i].maybe;
	for (int i = 0; i < s->nunheld; i++)
		if (lw_path_equal(&s->unheld[i].path, &q->path))
			unheld = i;
	if (!held) {
		if (idx >= 0)
			return 0;
		if (unheld < 0 && !released) {
			struct lw_relent r = {q->path, q->cls, {0}, 0};
			push_relent(f, s->unheld, &s->nunheld, &r);
		}
		return 1;
	}
	if (idx >= 0)
		return 1;
	if (unheld >= 0 || released)
		return 0;
	if (s->nheld >= LW_MAX_HELD) {
		lw__limit_hit(f, LW_LIMIT_HELD);
		return 1;
	}
	struct lw_held *h = &s->held[s->nheld++];
	*h = *q;
	h->driver = (uint8_t)lw_model_is_driver_lock(f->a->model, h->cls);
	h->entry = 1;
	h->site = 0;
	return 1;
}

void lw__rcu_enter(struct lw_flow *f, struct lw_state *s, const struct lw_event *e)
{
	if (s->rcu == 0)
		s->rcu_loc = e->loc;
	if (s->rcu < LW_MAX_RCU_NESTING)
		s->rcu++;
	else
		lw__limit_hit(f, LW_LIMIT_RCU_NESTING);
}

void lw__rcu_exit(struct lw_state *s)
{
	if (s->rcu)
		s->rcu--;
}

/* Something needs the locks of class c: the sections holding them are
 * not needless, and the function's summary says it uses c (for
 * needless-lock in the callers) unless it takes c itself. */
void lw__use_class(struct lw_flow *f, const struct lw_state *s, struct lw_lockclass c)
{
	if (lw_lockclass_empty(c))
		return;
	int own = 0;
	for (int i = 0; i < s->nheld; i++)
		if (lw_lockclass_eq(s->held[i].cls, c)) {
			if (s->held[i].site < f->nsites)
				f->sites[s->held[i].site].used = 1;
			own |= !s->held[i].entry;
		}
	if (own)
		return;
	for (uint32_t i = 0; i < f->nuse; i++)
		if (lw_lockclass_eq(f->uses[i], c))
			return;
	if (f->nuse >= LW_MAX_USES) {
		lw__limit_hit(f, LW_LIMIT_USES);
		return;
	}
	LW_GROW(f->a->scratch, f->uses, f->nuse, f->cap_use);
	f->uses[f->nuse++] = c;
}

/* An unannotated field of a struct that holds a driver lock is taken to
 * be protected by it, and so is one of a struct reached from a global by
 * a global driver lock: their sections are not needless. */
void lw__use_driver_data(struct lw_flow *f, const struct lw_state *s, const struct lw_datause *u)
{
	int held = 0;
	for (int i = 0; i < s->nheld; i++) {
		const struct lw_held *h = &s->held[i];
		if (!h->driver || !(h->cls.record == u->record || (u->global && !h->cls.record)))
			continue;
		if (h->site < f->nsites)
			f->sites[h->site].used = 1;
		held = 1;
	}
	if (held)
		return;
	for (uint32_t i = 0; i < f->ndatause; i++)
		if (f->datause[i].record == u->record && f->datause[i].global == u->global)
			return;
	LW_GROW(f->a->scratch, f->datause, f->ndatause, f->cap_datause);
	f->datause[f->ndatause++] = *u;
}

/* A lock its callers can name taken here (or in a callee, passed up). */
void lw__add_take(struct lw_flow *f, const struct lw_lockparam *t)
{
	for (uint32_t i = 0; i < f->ntakes; i++)
		if (lw_path_equal(&f->takes[i].path, &t->path))
			return;
	LW_GROW(f->a->scratch, f->takes, f->ntakes, f->cap_takes);
	f->takes[f->ntakes++] = *t;
}

int lw__takes_class(const struct lw_flow *f, struct lw_lockclass c)
{
	for (uint32_t i = 1; i < f->nsites; i++)
		if (lw_lockclass_eq(f->sites[i].cls, c))
			return 1;
	return 0;
}
