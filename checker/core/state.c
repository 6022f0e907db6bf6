/*
 * state.c - copying, comparing and hashing tracker states, and the
 * pointer-fact operations, generated from LW_STATE_SETS (state.h).
 *
 * Must not know what a set means to the analysis beyond its element's
 * equality, hash and key path; that is the tracker's (flow*.c).
 */
#include "state.h"

#include <stddef.h>
#include <string.h>

static inline uint64_t path_hash(const struct lw_path *p)
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

uint64_t lw__path_hash(const struct lw_path *p)
{
	return path_hash(p);
}

uint32_t lw__path_sig(const struct lw_path *p)
{
	uint64_t h = path_hash(p);
	return (uint32_t)(h ^ (h >> 32));
}

/* ---- the elements: equality (as the property sees it), hash, key path ---- */

static int held_eq(const struct lw_held *a, const struct lw_held *b)
{
	return lw_path_equal(&a->path, &b->path) && a->shared == b->shared &&
	       a->count == b->count && lw_path_equal(&a->guard, &b->guard) &&
	       a->site == b->site && a->handed == b->handed && a->doubled == b->doubled;
}

static uint64_t held_hash(const struct lw_held *h)
{
	return path_hash(&h->path) * 3 + h->site + h->shared + ((uint64_t)h->handed << 33) +
	       ((uint64_t)h->doubled << 34);
}

static int facts_eq(const struct lw_fact *a, const struct lw_fact *b)
{
	return a->nonzero == b->nonzero && a->sig == b->sig && lw_path_equal(&a->path, &b->path);
}

static uint64_t facts_hash(const struct lw_fact *f)
{
	return f->sig;
}

static const struct lw_path *facts_key(const struct lw_fact *f)
{
	return &f->path;
}

static int pend_eq(const struct lw_pend *a, const struct lw_pend *b)
{
	return a->query == b->query && lw_path_equal(&a->key, &b->key) && held_eq(&a->h, &b->h);
}

static uint64_t pend_hash(const struct lw_pend *p)
{
	return path_hash(&p->key) * 5 + path_hash(&p->h.path);
}

static const struct lw_path *pend_key(const struct lw_pend *p)
{
	return &p->key;
}

static int snap_eq(const struct lw_snap *a, const struct lw_snap *b)
{
	return lw_path_equal(&a->path, &b->path);
}

static uint64_t snap_hash(const struct lw_snap *s)
{
	return path_hash(&s->path) * 13;
}

static const struct lw_path *snap_key(const struct lw_snap *s)
{
	return &s->path;
}

static int relent_eq(const struct lw_relent *a, const struct lw_relent *b)
{
	return a->maybe == b->maybe && lw_path_equal(&a->path, &b->path);
}
#define rel_eq relent_eq
#define done_eq relent_eq
#define unheld_eq relent_eq

static uint64_t rel_hash(const struct lw_relent *r)
{
	return path_hash(&r->path) * 7 + r->maybe;
}

static uint64_t done_hash(const struct lw_relent *r)
{
	return path_hash(&r->path) * 11 + r->maybe;
}

static uint64_t unheld_hash(const struct lw_relent *r)
{
	return path_hash(&r->path) * 13;
}

static int fresh_eq(const struct lw_path *a, const struct lw_path *b)
{
	return lw_path_equal(a, b);
}

static uint64_t fresh_hash(const struct lw_path *p)
{
	return path_hash(p) * 17;
}

static const struct lw_path *fresh_key(const struct lw_path *p)
{
	return p;
}

static int alias_eq(const struct lw_alias *a, const struct lw_alias *b)
{
	return lw_path_equal(&a->from, &b->from) && lw_path_equal(&a->to, &b->to);
}

static uint64_t alias_hash(const struct lw_alias *a)
{
	return path_hash(&a->from) * 19 + path_hash(&a->to);
}

#define copy_eq alias_eq

static uint64_t copy_hash(const struct lw_alias *a)
{
	return alias_hash(a) * 3;
}

static const struct lw_path *copy_key(const struct lw_alias *a)
{
	return &a->to; /* mon->vm overwritten: vm is no copy of it any more */
}

/* ---- whole states ---------------------------------------------------------- */

/* A state is 2 KiB, and most of it is empty slots. */
void lw__state_copy(struct lw_state *d, const struct lw_state *s)
{
	memcpy(d, s, offsetof(struct lw_state, held));
#define X(name, type, cap, prop, killed) \
	memcpy(d->name, s->name, s->n##name * sizeof(s->name[0]));
	LW_STATE_SETS(X)
#undef X
}

/* Order-independent sums over each set, so that most comparisons at a
 * join cost one integer compare instead of a set comparison.  Everything
 * lw__property_eq() compares goes in. */
uint64_t lw__state_sig(const struct lw_state *s)
{
	uint64_t h = ((uint64_t)s->rcu << 8) ^ s->has_ret;
	h ^= ((uint64_t)s->ret_loc.line << 44) ^ ((uint64_t)s->ret_loc.col << 36) ^
	     ((uint64_t)s->ret_loc.file << 52) ^ ((uint64_t)s->ret_val.kind << 2) ^
	     (uint64_t)s->ret_val.k * 0x9e3779b97f4a7c15ull;
	uint64_t sum = path_hash(&s->ret_val.path);
	int shift = 12;
#define X(name, type, cap, prop, killed)                                       \
	if (prop) {                                                            \
		h ^= (uint64_t)s->n##name << shift;                            \
		for (int i = 0; i < s->n##name; i++)                           \
			sum += name##_hash(&s->name[i]);                       \
	}                                                                      \
	shift += 4;
	LW_STATE_SETS(X)
#undef X
	return h ^ sum;
}

/* Every element of a's set name has an equal one in b's (sizes equal). */
#define SET_EQ(name)                                                           \
	static int name##_set_eq(const struct lw_state *a, const struct lw_state *b) \
	{                                                                      \
		if (a->n##name != b->n##name)                                  \
			return 0;                                              \
		for (int i = 0; i < a->n##name; i++) {                         \
			int found = 0;                                         \
			for (int j = 0; j < b->n##name && !found; j++)         \
				found = name##_eq(&a->name[i], &b->name[j]);   \
			if (!found)                                            \
				return 0;                                      \
		}                                                              \
		return 1;                                                      \
	}
#define X(name, type, cap, prop, killed) SET_EQ(name)
LW_STATE_SETS(X)
#undef X

int lw__property_eq(const struct lw_state *a, const struct lw_state *b)
{
	/* Exit states stay apart per return: findings name the return. */
	if (a->ret_loc.line != b->ret_loc.line || a->ret_loc.col != b->ret_loc.col ||
	    a->ret_loc.file != b->ret_loc.file)
		return 0;
	if (a->rcu != b->rcu || a->has_ret != b->has_ret || a->ret_val.kind != b->ret_val.kind ||
	    a->ret_val.k != b->ret_val.k || !lw_path_equal(&a->ret_val.path, &b->ret_val.path))
		return 0;
#define X(name, type, cap, prop, killed)                                       \
	if (prop && !name##_set_eq(a, b))                                      \
		return 0;
	LW_STATE_SETS(X)
#undef X
	return 1;
}

int lw__state_eq(const struct lw_state *a, const struct lw_state *b)
{
	return lw__property_eq(a, b) && facts_set_eq(a, b);
}

/* ---- facts ------------------------------------------------------------------- */

/* Whether fact f is about p, whose lw__path_sig is sig: the signature first. */
static int fact_is(const struct lw_fact *f, const struct lw_path *p, uint32_t sig)
{
	return f->sig == sig && lw_path_equal(&f->path, p);
}

int lw__fact_with_sig(const struct lw_state *s, const struct lw_path *p, uint32_t sig)
{
	for (int i = 0; i < s->nfacts; i++)
		if (fact_is(&s->facts[i], p, sig))
			return s->facts[i].nonzero;
	return -1;
}

int lw__fact_of(const struct lw_state *s, const struct lw_path *p)
{
	return lw__fact_with_sig(s, p, lw__path_sig(p));
}

int lw__add_fact(struct lw_state *s, struct lw_path p, int nonzero)
{
	uint32_t sig = lw__path_sig(&p);
	int rc = 0;
	for (int i = 0; i < s->nfacts; i++) {
		if (fact_is(&s->facts[i], &p, sig)) {
			s->facts[i].nonzero = (uint8_t)nonzero;
			return 0;
		}
	}
	if (s->nfacts >= LW_MAX_FACTS) { /* the oldest fact makes room */
		memmove(&s->facts[0], &s->facts[1], (LW_MAX_FACTS - 1) * sizeof(s->facts[0]));
		s->nfacts--;
		rc = -1;
	}
	s->facts[s->nfacts].path = p;
	s->facts[s->nfacts].sig = sig;
	s->facts[s->nfacts].nonzero = (uint8_t)nonzero;
	s->nfacts++;
	return rc;
}

/*
 * Facts keep their order (lw__add_fact appends, lw__kill_path closes
 * gaps), so states from one ancestor list shared facts in the same order:
 * the fact after the last match is tried first, and the whole list
 * searched only when that misses.
 */
int lw__intersect_facts(struct lw_state *o, const struct lw_state *s)
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

/* Removal keeps the order of what stays (the facts rely on it). */
void lw__kill_path(struct lw_state *s, const struct lw_path *p)
{
#define X(name, type, cap, prop, killed) KILL_##killed(name)
#define KILL_0(name)
#define KILL_1(name)                                                           \
	{                                                                      \
		int k = 0;                                                     \
		for (int i = 0; i < s->n##name; i++)                           \
			if (!lw_path_is_prefix(p, name##_key(&s->name[i])))    \
				s->name[k++] = s->name[i];                     \
		s->n##name = (uint8_t)k;                                       \
	}
	LW_STATE_SETS(X)
#undef KILL_0
#undef KILL_1
#undef X
}

/* ---- locks ---------------------------------------------------------------- */

int lw__holds_path(const struct lw_state *s, const struct lw_path *p)
{
	for (int i = 0; i < s->nheld; i++)
		if (lw_path_equal(&s->held[i].path, p))
			return 1;
	return 0;
}

int lw__held_index(const struct lw_state *s, const struct lw_path *p,
		   struct lw_lockclass cls)
{
	if (p && p->root_kind)
		for (int i = 0; i < s->nheld; i++)
			if (lw_path_equal(&s->held[i].path, p))
				return i;
	for (int i = 0; i < s->nheld; i++)
		if (lw_lockclass_eq(s->held[i].cls, cls))
			return i;
	return -1;
}
