/*
 * check-debug.c - remarks for tests and for understanding a report:
 * lw_debug_lockset() prints the locks held at that point (one remark per
 * call site, the states joined with "or"), and with the debug option each
 * function where the tracker lost precision says which limit it hit
 * (capacity.h) or that it gave up.
 */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct probe {
	struct lw_loc loc;
	const char *text;
};

struct priv {
	struct probe *probes; /* of the current function */
	uint32_t n, cap;
};

static void init(struct lw_check_ctx *c)
{
	c->priv = lw_arena_alloc(c->arena, sizeof(struct priv));
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void on_call(struct lw_check_ctx *c, const struct lw_state *s, const struct lw_call_info *ci)
{
	if (!ci->probe)
		return;
	struct priv *p = c->priv;
	/* Sorted names, so the remark does not depend on acquisition order. */
	const char *names[LW_MAX_HELD + 1];
	int n = 0;
	for (int i = 0; i < s->nheld; i++)
		names[n++] = lw_check_held_name(c, &s->held[i]);
	qsort(names, (size_t)n, sizeof(names[0]), name_cmp);
	char buf[1024];
	size_t len = 0;
	len += (size_t)snprintf(buf + len, sizeof(buf) - len, "{");
	for (int i = 0; i < n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? ", " : "", names[i]);
	if (s->rcu && len < sizeof(buf))
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%srcu", n ? ", " : "");
	if (len < sizeof(buf))
		snprintf(buf + len, sizeof(buf) - len, "}");
	LW_GROW(c->a->scratch, p->probes, p->n, p->cap);
	p->probes[p->n].loc = ci->e->loc;
	p->probes[p->n].text = lw_arena_strdup(c->a->scratch, buf);
	p->n++;
}

static int probe_cmp(const void *x, const void *y)
{
	const struct probe *a = x, *b = y;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return strcmp(a->text, b->text);
}

static void emit_probes(struct lw_check_ctx *c)
{
	struct priv *p = c->priv;
	if (p->n)
		qsort(p->probes, p->n, sizeof(*p->probes), probe_cmp);
	for (uint32_t i = 0; i < p->n;) {
		uint32_t j = i;
		char buf[4096];
		size_t len = 0;
		buf[0] = 0;
		const char *prev = NULL;
		while (j < p->n && p->probes[j].loc.line == p->probes[i].loc.line &&
		       p->probes[j].loc.col == p->probes[i].loc.col) {
			if (!prev || strcmp(prev, p->probes[j].text))
				len += (size_t)snprintf(buf + len, len < sizeof(buf) ? sizeof(buf) - len : 0,
							"%s%s", prev ? " or " : "", p->probes[j].text);
			prev = p->probes[j].text;
			j++;
		}
		struct lw_diag *d = lw_report_DEBUG_LOCKSET(c, p->probes[i].loc, buf);
		d->function = NULL; /* a probe's place is its identity */
		i = j;
	}
	/* The probes live in the function's scratch memory. */
	p->probes = NULL;
	p->n = p->cap = 0;
}

static void precision_remarks(struct lw_check_ctx *c)
{
	const struct lw_flow *f = c->f;
	const char *fname = lw_check_func_name(c);
	for (int l = 0; l < LW_LIMIT__COUNT; l++) {
		if (!(f->lost >> l & 1))
			continue;
		const char *what = lw_arena_printf(c->diags->arena, "%s%s (limit %lu)",
						   l == LW_LIMIT_STEPS ? "gave up: " : "too many ",
						   lw_limit_what((enum lw_limit)l),
						   lw_limit_value((enum lw_limit)l));
		lw_report_PRECISION_LOST(c, f->fn->loc, fname, what);
	}
}

static void on_function_end(struct lw_check_ctx *c)
{
	emit_probes(c);
	if (c->a->opts->debug)
		precision_remarks(c);
}

const struct lw_check_ops lw__check_debug = {
	.init = init,
	.call = on_call,
	.function_end = on_function_end,
};
