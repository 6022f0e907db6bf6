/*
 * analyze.c - the pipeline: annotations, call graph, init context,
 * bottom-up summaries and checks, the unguarded-access decision, then
 * suppression, sorting and emission.
 *
 * The order of the passes is written here and nowhere else.  Must not
 * know how a finding is worded (diag-kinds.def) or printed (the sink).
 */
#include "analyze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "check.h"
#include "report.h"
#include "track.h"

/* Silent summary rounds over the members of call cycles before their
 * reporting pass. */
#define LW_RECURSION_ROUNDS 3

/* callers[fdecl] as a list of caller fdecls (only bodies in view). */
struct callgraph {
	uint32_t *ncallers;
	uint32_t **callers;
	uint32_t *ncallees;
	uint32_t **callees; /* fdecls with bodies */
};

static void add_edge(struct lw_arena *A, uint32_t **list, uint32_t *n, uint32_t v)
{
	for (uint32_t i = 0; i < *n; i++)
		if ((*list)[i] == v)
			return;
	uint32_t *nl = lw_arena_alloc(A, (*n + 1) * sizeof(*nl));
	if (*n)
		memcpy(nl, *list, *n * sizeof(*nl));
	nl[(*n)++] = v;
	*list = nl;
}

static void edge(struct lw_arena *A, struct callgraph *cg, uint32_t caller, uint32_t callee)
{
	add_edge(A, &cg->callers[callee], &cg->ncallers[callee], caller);
	add_edge(A, &cg->callees[caller], &cg->ncallees[caller], callee);
}

static void build_callgraph(const struct lw_analysis *a, struct lw_tu *tu, struct lw_arena *A,
			    struct callgraph *cg)
{
	uint32_t n = tu->nfdecls + 1;
	cg->ncallers = lw_arena_alloc(A, n * sizeof(uint32_t));
	cg->callers = lw_arena_alloc(A, n * sizeof(uint32_t *));
	cg->ncallees = lw_arena_alloc(A, n * sizeof(uint32_t));
	cg->callees = lw_arena_alloc(A, n * sizeof(uint32_t *));
	for (uint32_t fi = 0; fi < tu->nfuncs; fi++) {
		const struct lw_func *fn = &tu->funcs[fi];
		for (uint32_t b = 0; b < fn->nblocks; b++)
			for (uint32_t i = 0; i < fn->blocks[b].nevents; i++) {
				const struct lw_event *e = &fn->blocks[b].events[i];
				if (e->kind != LW_EV_CALL)
					continue;
				if (e->decl >= 0)
					edge(A, cg, fn->decl, (uint32_t)e->decl);
				/* what it may call through a pointer, and the
				 * callbacks it passes: their summaries first */
				const struct lw_target *t;
				uint32_t nt = (e->flags & LW_CF_INDIRECT) ? lw__static_targets(a, e, &t) : 0;
				for (uint32_t k = 0; k < nt; k++)
					edge(A, cg, fn->decl, (uint32_t)t[k].fdecl);
				for (uint32_t k = 0; k < e->nargs; k++)
					if (e->args[k].kind == LW_VAL_FUNC)
						edge(A, cg, fn->decl, (uint32_t)e->args[k].k);
			}
	}
}

/* Start-up context: LW_INIT functions and the functions only they call. */
static void init_context(struct lw_analysis *a, const struct callgraph *cg)
{
	struct lw_tu *tu = a->tu;
	for (uint32_t i = 0; i < tu->nfdecls; i++)
		a->init_ctx[i] = (lw_model_fn(a->model, i)->flags & LW_FN_INIT) != 0;
	int changed = 1;
	while (changed) {
		changed = 0;
		for (uint32_t i = 0; i < tu->nfdecls; i++) {
			if (a->init_ctx[i] || tu->fdecls[i].func < 0 || !cg->ncallers[i])
				continue;
			int all = 1;
			for (uint32_t k = 0; k < cg->ncallers[i] && all; k++)
				all = a->init_ctx[cg->callers[i][k]] && cg->callers[i][k] != i;
			if (all) {
				a->init_ctx[i] = 1;
				changed = 1;
			}
		}
	}
}

/*
 * The call graph's strongly connected components, callees first (Tarjan,
 * iterative: deep call chains must not overflow the stack).  order gets
 * every function with a body, a component's members together; first[c]
 * is where component c starts in order (first[ncomp] = the end); cyclic[c]
 * says whether its members call each other (or one calls itself).
 */
struct components {
	uint32_t *order, norder;
	uint32_t *first, ncomp;
	uint8_t *cyclic;
};

static void components(const struct lw_tu *tu, const struct callgraph *cg, struct lw_arena *A,
		       struct components *out)
{
	uint32_t n = tu->nfdecls + 1;
	uint32_t *index = lw_arena_alloc(A, n * sizeof(uint32_t)); /* 0: unvisited */
	uint32_t *low = lw_arena_alloc(A, n * sizeof(uint32_t));
	uint8_t *on = lw_arena_alloc(A, n);
	uint32_t *stack = lw_arena_alloc(A, n * sizeof(uint32_t)), sp = 0;
	struct frame {
		uint32_t d, next;
	} *fr = lw_arena_alloc(A, n * sizeof(*fr));
	uint32_t nfr = 0, counter = 0;
	out->order = lw_arena_alloc(A, n * sizeof(uint32_t));
	out->first = lw_arena_alloc(A, (n + 1) * sizeof(uint32_t));
	out->cyclic = lw_arena_alloc(A, n);
	out->norder = out->ncomp = 0;
	for (uint32_t i = 0; i < tu->nfuncs; i++) {
		uint32_t root = tu->funcs[i].decl;
		if (index[root])
			continue;
		index[root] = low[root] = ++counter;
		stack[sp++] = root;
		on[root] = 1;
		fr[nfr++] = (struct frame){root, 0};
		while (nfr) {
			struct frame *f = &fr[nfr - 1];
			uint32_t v = f->d;
			if (f->next < cg->ncallees[v]) {
				uint32_t w = cg->callees[v][f->next++];
				if (tu->fdecls[w].func < 0)
					continue;
				if (!index[w]) {
					index[w] = low[w] = ++counter;
					stack[sp++] = w;
					on[w] = 1;
					fr[nfr++] = (struct frame){w, 0};
				} else if (on[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			nfr--;
			if (nfr && low[v] < low[fr[nfr - 1].d])
				low[fr[nfr - 1].d] = low[v];
			if (low[v] != index[v])
				continue;
			uint32_t c = out->ncomp++;
			out->first[c] = out->norder;
			uint32_t w, size = 0;
			do {
				w = stack[--sp];
				on[w] = 0;
				out->order[out->norder++] = w;
				size++;
			} while (w != v);
			int self = 0;
			for (uint32_t k = 0; k < cg->ncallees[v] && !self; k++)
				self = cg->callees[v][k] == v;
			out->cyclic[c] = size > 1 || self;
		}
	}
	out->first[out->ncomp] = out->norder;
}

static void driver_lock_cb(void *ctx, struct lw_lockclass c, int driver)
{
	struct lw_analysis *a = ctx;
	if (!driver)
		return;
	if (c.record)
		g_hash_table_add(a->driver_records, GUINT_TO_POINTER(c.record));
	else
		a->global_driver_lock = 1;
}

static void analyse(struct lw_analysis *a, uint32_t d, int checking)
{
	const struct lw_tu *tu = a->tu;
	int32_t fi = tu->fdecls[d].func;
	if (fi < 0 || (lw_model_fn(a->model, d)->flags & LW_FN_NO_ANALYSIS))
		return;
	a->sums[d].state = 1;
	lw__flow_function(a, (uint32_t)fi, checking);
	a->sums[d].state = 2;
	lw_arena_reset(a->scratch);
}

static int suppressed(const struct lw_tu *tu, const struct lw_diag *d)
{
	const char *id = lw_check_name(d->check);
	size_t idl = strlen(id);
	for (uint32_t i = 0; i < tu->nsupp; i++) {
		const struct lw_suppression *s = &tu->supp[i];
		if (s->file != d->loc.file || (s->line != d->loc.line && s->line + 1 != d->loc.line))
			continue;
		const char *p = s->ids;
		while (*p) {
			while (*p == ' ' || *p == ',')
				p++;
			const char *e = p;
			while (*e && *e != ',' && *e != ' ')
				e++;
			if ((size_t)(e - p) == idl && !memcmp(p, id, idl))
				return 1;
			if (e - p == 1 && *p == '*')
				return 1;
			p = e;
		}
	}
	return 0;
}

static const struct lw_tu *sort_tu;

static int diag_cmp(const void *x, const void *y)
{
	const struct lw_diag *a = x, *b = y;
	if (a->loc.file != b->loc.file) {
		int c = strcmp(lw_tu_file_name(sort_tu, a->loc.file), lw_tu_file_name(sort_tu, b->loc.file));
		if (c)
			return c;
	}
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	if (a->check != b->check)
		return a->check < b->check ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

/* Every function bottom-up: callees' summaries before their callers',
 * cycles iterated silently first, then each function's reporting pass. */
static void summaries_and_checks(struct lw_analysis *a, struct lw_arena *A)
{
	struct lw_tu *tu = a->tu;
	struct callgraph cg;
	build_callgraph(a, tu, A, &cg);
	init_context(a, &cg);

	struct components cc;
	components(tu, &cg, A, &cc);
	/* A component at a time, callees' components first.  A cycle's
	 * members get a few silent rounds, so that each sees the others'
	 * summaries (and its callees' outside the cycle are done already),
	 * then their reporting pass.  Summaries only grow, and are bounded,
	 * so few rounds suffice. */
	for (uint32_t c = 0; c < cc.ncomp; c++) {
		uint32_t from = cc.first[c], to = cc.first[c + 1];
		for (int round = 0; cc.cyclic[c] && round < LW_RECURSION_ROUNDS; round++)
			for (uint32_t i = from; i < to; i++)
				analyse(a, cc.order[i], 0);
		for (uint32_t i = from; i < to; i++)
			analyse(a, cc.order[i], 1);
	}
}

unsigned lw_tu_analyze(struct lw_tu *tu, const struct lw_options *o,
		       const struct lw_diag_sink *sink)
{
	struct lw_arena *A = lw_arena_new();
	struct lw_diag_list diags = {A, tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(tu, &diags);
	unsigned n = lw__analyze(tu, m, &diags, o, sink);
	lw_model_free(m);
	lw_arena_free(A);
	return n;
}

unsigned lw__analyze(struct lw_tu *tu, struct lw_model *model, struct lw_diag_list *dl,
		     const struct lw_options *o, const struct lw_diag_sink *sink)
{
	struct lw_arena *A = lw_arena_new();
	struct lw_diag_list diags = *dl;
	struct lw_analysis a;
	memset(&a, 0, sizeof(a));
	a.tu = tu;
	a.opts = o;
	a.diags = &diags;
	a.model = model;
	a.sums = lw_arena_alloc(tu->arena, (tu->nfdecls + 1) * sizeof(*a.sums));
	a.init_ctx = lw_arena_alloc(tu->arena, tu->nfdecls + 1);
	a.scratch = lw_arena_new();
	a.arena = A;
	a.ncallees = lw_tu_nstrings(tu);
	a.callees = lw_arena_alloc(A, (a.ncallees + 1) * sizeof(*a.callees));

	if (o->dump_ir)
		for (uint32_t i = 0; i < tu->nfuncs; i++)
			lw_ir_dump(tu, &tu->funcs[i], stderr);

	lw__checks_init(&a);
	lw__fnptrs_build(&a);
	a.driver_records = g_hash_table_new(g_direct_hash, g_direct_equal);
	lw_model_each_lock(model, driver_lock_cb, &a);
	summaries_and_checks(&a, A);
	lw__fnptrs_free(&a);
	g_hash_table_destroy(a.driver_records);
	lw__checks_analysis_end(&a);
	if (sink && sink->stats)
		sink->stats(sink->ctx, &a.stats);

	/* filter, sort, dedupe, emit */
	uint32_t n = 0;
	for (uint32_t i = 0; i < diags.n; i++) {
		struct lw_diag *d = &diags.items[i];
		if (!lw_options_check_enabled(o, d->check) || suppressed(tu, d))
			continue;
		diags.items[n++] = *d;
	}
	sort_tu = tu;
	qsort(diags.items, n, sizeof(*diags.items), diag_cmp);
	unsigned count = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (i && diag_cmp(&diags.items[i - 1], &diags.items[i]) == 0)
			continue;
		if (diags.items[i].sev != LW_SEV_REMARK)
			count++;
		if (sink && sink->emit)
			sink->emit(sink->ctx, &diags.items[i]);
	}
	lw_arena_free(a.scratch);
	lw_arena_free(A);
	*dl = diags;
	return count;
}
