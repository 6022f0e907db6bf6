/*
 * checks.c - the registry of checks (checks.def) and what the checks share:
 * the dispatch of the tracker's events to the enabled checks' hooks, and
 * the helpers that name locks and add findings.
 *
 * Must not decide anything: the verdicts are in check-<id>.c.
 */
#include "check.h"

#include <string.h>

#define CHECK(id, name, module, supp, level, prec, tag1, tag2, short_, meaning, detail, fix) \
	extern const struct lw_check_ops lw__check_##module;
#include "checks.def"
#undef CHECK

/* A check reported outside the tracker (bad-annotation: annot.c, while
 * the model is built) has no hooks. */
const struct lw_check_ops lw__check_none = {0};

static const struct lw_check_ops *const check_ops[] = {
#define CHECK(id, name, module, supp, level, prec, tag1, tag2, short_, meaning, detail, fix) \
	&lw__check_##module,
#include "checks.def"
#undef CHECK
};

/* The enabled checks that have hooks, and their data. */
struct lw_checks {
	uint32_t n;
	const struct lw_check_ops *ops[LW_CHECK__COUNT];
	void *priv[LW_CHECK__COUNT];
};

static struct lw_check_ctx ctx_for(struct lw_analysis *a, const struct lw_flow *f, uint32_t i)
{
	struct lw_check_ctx c = {a, f, a->diags, a->arena, a->checks->priv[i]};
	return c;
}

void lw__checks_init(struct lw_analysis *a)
{
	struct lw_checks *cs = lw_arena_alloc(a->arena, sizeof(*cs));
	a->checks = cs;
	for (int k = 0; k < LW_CHECK__COUNT; k++) {
		const struct lw_check_ops *o = check_ops[k];
		if (o == &lw__check_none || !lw_options_check_enabled(a->opts, k))
			continue;
		uint32_t i = cs->n++;
		cs->ops[i] = o;
		if (o->init) {
			struct lw_check_ctx c = ctx_for(a, NULL, i);
			o->init(&c);
			cs->priv[i] = c.priv;
		}
	}
}

#define DISPATCH(hook, f, ...)                                                 \
	do {                                                                   \
		struct lw_checks *cs = (f)->a->checks;                         \
		for (uint32_t i = 0; i < cs->n; i++)                           \
			if (cs->ops[i]->hook) {                                \
				struct lw_check_ctx c = ctx_for((f)->a, (f), i);  \
				cs->ops[i]->hook(&c, __VA_ARGS__);             \
			}                                                      \
	} while (0)

void lw__checks_call(struct lw_flow *f, const struct lw_state *s, const struct lw_call_info *ci)
{
	DISPATCH(call, f, s, ci);
}

void lw__checks_access(struct lw_flow *f, const struct lw_state *s,
		       const struct lw_access_info *ai)
{
	DISPATCH(access, f, s, ai);
}

void lw__checks_lock(struct lw_flow *f, const struct lw_state *s, const struct lw_lock_info *li)
{
	DISPATCH(lock, f, s, li);
}

void lw__checks_function_end(struct lw_flow *f)
{
	struct lw_checks *cs = f->a->checks;
	for (uint32_t i = 0; i < cs->n; i++)
		if (cs->ops[i]->function_end) {
			struct lw_check_ctx c = ctx_for(f->a, f, i);
			cs->ops[i]->function_end(&c);
		}
}

void lw__checks_analysis_end(struct lw_analysis *a)
{
	struct lw_checks *cs = a->checks;
	for (uint32_t i = 0; i < cs->n; i++)
		if (cs->ops[i]->analysis_end) {
			struct lw_check_ctx c = ctx_for(a, NULL, i);
			cs->ops[i]->analysis_end(&c);
		}
}

/* ---- helpers ------------------------------------------------------------------ */

const char *lw_check_lockname(struct lw_check_ctx *c, const struct lw_path *p,
			      struct lw_lockclass cls)
{
	const struct lw_tu *tu = c->a->tu;
	if (p && p->root_kind && c->f) {
		char buf[256];
		lw_path_print(tu, c->f->fn, c->f->fd, p, buf, sizeof(buf));
		return lw_arena_strdup(c->diags->arena, buf);
	}
	if (cls.record)
		return lw_arena_printf(c->diags->arena, "%s.%s", lw_str_get(tu, cls.record),
				       lw_str_get(tu, cls.name));
	/* a global: printed as a path, so a file-static one shows its name */
	struct lw_path g = {LW_ROOT_GLOBAL, 0, cls.name, NULL};
	char buf[256];
	lw_path_print(tu, NULL, NULL, &g, buf, sizeof(buf));
	return lw_arena_strdup(c->diags->arena, buf);
}

const char *lw_check_held_name(struct lw_check_ctx *c, const struct lw_held *h)
{
	return lw_check_lockname(c, &h->path, h->cls);
}

const char *lw_check_callee_name(struct lw_check_ctx *c, const struct lw_event *e)
{
	return e->callee ? lw_str_get(c->a->tu, e->callee) : "(function pointer)";
}

const char *lw_check_func_name(struct lw_check_ctx *c)
{
	return c->f ? lw_str_get(c->a->tu, c->f->fn->name) : NULL;
}

void lw_check_note_acquired(struct lw_check_ctx *c, struct lw_diag *d, const struct lw_held *h)
{
	if (h->site && h->site < c->f->nsites)
		lw_note_ACQUIRED_HERE(c, d, c->f->sites[h->site].loc, lw_check_held_name(c, h));
}

struct lw_diag *lw__check_report(struct lw_check_ctx *c, enum lw_diag_kind k,
				 struct lw_loc loc, unsigned nargs, const char *const *args)
{
	struct lw_diag *d = lw__diag_add_argv(c->diags, k, loc, nargs, args);
	d->function = lw_check_func_name(c);
	return d;
}

void lw__check_note(struct lw_check_ctx *c, struct lw_diag *d, enum lw_diag_kind k,
		    struct lw_loc loc, unsigned nargs, const char *const *args)
{
	lw__diag_note_argv(c->diags, d, k, loc, nargs, args);
}
