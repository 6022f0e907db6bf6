/*
 * ir.c - building, verifying, printing the IR of one translation unit.
 *
 * Builders deep-copy into the TU's arena so the adapter can reuse its own
 * buffers.  This module interprets nothing: what an event means is the
 * analysis' business (flow.c, summary.c, check-*.c).  See docs/ir.md.
 */
#include "ir.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct strtab {
	GHashTable *ids; /* char * -> id */
	const char **strs;
	uint32_t n, cap;
	GHashTable *files;   /* char * -> file id */
	GHashTable *records; /* lw_str -> index + 1 */
	GHashTable *globals; /* lw_str -> index + 1 */
};

struct lw_tu *lw_tu_new(void)
{
	struct lw_tu *tu = calloc(1, sizeof(*tu));
	if (!tu)
		lw_oom();
	tu->arena = lw_arena_new();
	struct strtab *st = lw_arena_alloc(tu->arena, sizeof(*st));
	st->ids = g_hash_table_new(g_str_hash, g_str_equal);
	st->files = g_hash_table_new(g_str_hash, g_str_equal);
	st->records = g_hash_table_new(g_direct_hash, g_direct_equal);
	st->globals = g_hash_table_new(g_direct_hash, g_direct_equal);
	tu->strtab = st;
	lw_intern_cstr(tu, ""); /* id 0 */
	lw_tu_file(tu, "<unknown>");
	return tu;
}

void lw_tu_free(struct lw_tu *tu)
{
	if (!tu)
		return;
	struct strtab *st = tu->strtab;
	g_hash_table_destroy(st->ids);
	g_hash_table_destroy(st->files);
	g_hash_table_destroy(st->records);
	g_hash_table_destroy(st->globals);
	lw_arena_free(tu->arena);
	free(tu);
}

struct lw_arena *lw_tu_arena(struct lw_tu *tu)
{
	return tu->arena;
}

lw_str lw_intern(struct lw_tu *tu, const char *s, size_t len)
{
	struct strtab *st = tu->strtab;
	char stackbuf[256];
	char *key = len < sizeof(stackbuf) ? stackbuf : g_malloc(len + 1);
	memcpy(key, s, len);
	key[len] = 0;
	gpointer v;
	lw_str id;
	if (g_hash_table_lookup_extended(st->ids, key, NULL, &v)) {
		id = (lw_str)GPOINTER_TO_UINT(v);
	} else {
		char *copy = lw_arena_strndup(tu->arena, s, len);
		LW_GROW(tu->arena, st->strs, st->n, st->cap);
		id = st->n;
		st->strs[st->n++] = copy;
		g_hash_table_insert(st->ids, copy, GUINT_TO_POINTER(id));
	}
	if (key != stackbuf)
		g_free(key);
	return id;
}

uint32_t lw_tu_nstrings(const struct lw_tu *tu)
{
	const struct strtab *st = tu->strtab;
	return st->n;
}

lw_str lw_intern_cstr(struct lw_tu *tu, const char *s)
{
	return lw_intern(tu, s, strlen(s));
}

const char *lw_str_get(const struct lw_tu *tu, lw_str s)
{
	const struct strtab *st = tu->strtab;
	return s < st->n ? st->strs[s] : "";
}

uint32_t lw_tu_file(struct lw_tu *tu, const char *path)
{
	struct strtab *st = tu->strtab;
	gpointer v;
	if (g_hash_table_lookup_extended(st->files, path, NULL, &v))
		return GPOINTER_TO_UINT(v);
	LW_GROW(tu->arena, tu->files, tu->nfiles, tu->cap_files);
	uint32_t id = tu->nfiles;
	char *copy = lw_arena_strdup(tu->arena, path);
	tu->files[tu->nfiles++] = copy;
	g_hash_table_insert(st->files, copy, GUINT_TO_POINTER(id));
	return id;
}

const char *lw_tu_file_name(const struct lw_tu *tu, uint32_t file)
{
	return file < tu->nfiles ? tu->files[file] : "<unknown>";
}

uint32_t lw_tu_nfiles(const struct lw_tu *tu)
{
	return tu->nfiles;
}

const struct lw_type *lw_type_new(struct lw_tu *tu, enum lw_type_kind kind,
				  lw_str name, const struct lw_type *pointee,
				  int is_const)
{
	struct lw_type *t = lw_arena_alloc(tu->arena, sizeof(*t));
	t->kind = (uint8_t)kind;
	t->name = name;
	t->pointee = pointee;
	t->is_const = is_const ? 1 : 0;
	return t;
}

static const struct lw_annot_src *dup_annots(struct lw_tu *tu, uint32_t n,
					     const struct lw_annot_src *a)
{
	if (!n)
		return NULL;
	struct lw_annot_src *c = lw_arena_alloc(tu->arena, n * sizeof(*c));
	for (uint32_t i = 0; i < n; i++) {
		c[i].text = lw_arena_strdup(tu->arena, a[i].text);
		c[i].loc = a[i].loc;
	}
	return c;
}

uint32_t lw_tu_add_record(struct lw_tu *tu, const struct lw_record *rec)
{
	struct strtab *st = tu->strtab;
	LW_GROW(tu->arena, tu->records, tu->nrecords, tu->cap_records);
	struct lw_record *r = &tu->records[tu->nrecords];
	*r = *rec;
	struct lw_field *f = lw_arena_alloc(tu->arena,
					    (rec->nfields + 1) * sizeof(*f));
	for (uint32_t i = 0; i < rec->nfields; i++) {
		f[i] = rec->fields[i];
		f[i].annots = dup_annots(tu, f[i].nannots, f[i].annots);
	}
	r->fields = f;
	/* The first definition of a name wins: C allows only one per TU. */
	if (!g_hash_table_contains(st->records, GUINT_TO_POINTER(rec->name)))
		g_hash_table_insert(st->records, GUINT_TO_POINTER(rec->name),
				    GUINT_TO_POINTER(tu->nrecords + 1));
	return tu->nrecords++;
}

uint32_t lw_tu_add_global(struct lw_tu *tu, const struct lw_global *g)
{
	struct strtab *st = tu->strtab;
	LW_GROW(tu->arena, tu->globals, tu->nglobals, tu->cap_globals);
	struct lw_global *c = &tu->globals[tu->nglobals];
	*c = *g;
	c->annots = dup_annots(tu, g->nannots, g->annots);
	if (!g_hash_table_contains(st->globals, GUINT_TO_POINTER(g->name)))
		g_hash_table_insert(st->globals, GUINT_TO_POINTER(g->name),
				    GUINT_TO_POINTER(tu->nglobals + 1));
	return tu->nglobals++;
}

uint32_t lw_tu_add_fdecl(struct lw_tu *tu, const struct lw_fdecl *fd)
{
	LW_GROW(tu->arena, tu->fdecls, tu->nfdecls, tu->cap_fdecls);
	struct lw_fdecl *c = &tu->fdecls[tu->nfdecls];
	*c = *fd;
	c->params = fd->nparams ? lw_arena_dup(tu->arena, fd->params,
					       fd->nparams * sizeof(*fd->params))
				: NULL;
	c->annots = dup_annots(tu, fd->nannots, fd->annots);
	c->func = -1;
	return tu->nfdecls++;
}

void lw_tu_add_stray_annot(struct lw_tu *tu, const struct lw_stray_annot *a)
{
	LW_GROW(tu->arena, tu->stray, tu->nstray, tu->cap_stray);
	struct lw_stray_annot *c = &tu->stray[tu->nstray++];
	c->src.text = lw_arena_strdup(tu->arena, a->src.text);
	c->src.loc = a->src.loc;
	c->where = lw_arena_strdup(tu->arena, a->where ? a->where : "declaration");
}

void lw_tu_add_sidecar_match(struct lw_tu *tu, const char *key)
{
	for (uint32_t i = 0; i < tu->nsc_matched; i++)
		if (!strcmp(tu->sc_matched[i], key))
			return;
	LW_GROW(tu->arena, tu->sc_matched, tu->nsc_matched, tu->cap_sc_matched);
	tu->sc_matched[tu->nsc_matched++] = lw_arena_strdup(tu->arena, key);
}

void lw_tu_add_suppression(struct lw_tu *tu, uint32_t file, uint32_t line,
			   const char *ids, size_t len)
{
	LW_GROW(tu->arena, tu->supp, tu->nsupp, tu->cap_supp);
	struct lw_suppression *s = &tu->supp[tu->nsupp++];
	s->file = file;
	s->line = line;
	s->ids = lw_arena_strndup(tu->arena, ids, len);
}

void lw_tu_add_fnstore(struct lw_tu *tu, const struct lw_fnstore *s)
{
	for (uint32_t i = 0; i < tu->nfnstores; i++) {
		const struct lw_fnstore *o = &tu->fnstores[i];
		if (o->record == s->record && o->name == s->name && o->fdecl == s->fdecl &&
		    o->global == s->global)
			return; /* one place is enough to say it can be called */
	}
	LW_GROW(tu->arena, tu->fnstores, tu->nfnstores, tu->cap_fnstores);
	tu->fnstores[tu->nfnstores++] = *s;
}

static struct lw_path dup_path(struct lw_tu *tu, struct lw_path p)
{
	if (p.nsteps)
		p.steps = lw_arena_dup(tu->arena, p.steps,
				       p.nsteps * sizeof(*p.steps));
	else
		p.steps = NULL;
	return p;
}

static struct lw_value dup_value(struct lw_tu *tu, struct lw_value v)
{
	v.path = dup_path(tu, v.path);
	return v;
}

uint32_t lw_tu_add_func(struct lw_tu *tu, const struct lw_func *fn)
{
	struct lw_arena *A = tu->arena;
	LW_GROW(A, tu->funcs, tu->nfuncs, tu->cap_funcs);
	struct lw_func *f = &tu->funcs[tu->nfuncs];
	*f = *fn;
	f->locals = fn->nlocals ? lw_arena_dup(A, fn->locals,
					       fn->nlocals * sizeof(*fn->locals))
				: NULL;
	struct lw_block *bs = lw_arena_alloc(A, (fn->nblocks + 1) * sizeof(*bs));
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *src = &fn->blocks[b];
		bs[b].nevents = src->nevents;
		bs[b].nsucc = src->nsucc;
		struct lw_event *ev = lw_arena_alloc(A, (src->nevents + 1) * sizeof(*ev));
		for (uint32_t i = 0; i < src->nevents; i++) {
			ev[i] = src->events[i];
			ev[i].path = dup_path(tu, ev[i].path);
			ev[i].value = dup_value(tu, ev[i].value);
			if (ev[i].nargs) {
				struct lw_value *a = lw_arena_alloc(A, ev[i].nargs * sizeof(*a));
				for (uint32_t k = 0; k < ev[i].nargs; k++)
					a[k] = dup_value(tu, src->events[i].args[k]);
				ev[i].args = a;
			} else {
				ev[i].args = NULL;
			}
			if (ev[i].what)
				ev[i].what = lw_arena_strdup(A, ev[i].what);
		}
		bs[b].events = ev;
		struct lw_edge *ed = lw_arena_alloc(A, (src->nsucc + 1) * sizeof(*ed));
		for (uint32_t s = 0; s < src->nsucc; s++) {
			ed[s] = src->succ[s];
			if (ed[s].nconds) {
				struct lw_cond *c = lw_arena_alloc(A, ed[s].nconds * sizeof(*c));
				for (uint32_t k = 0; k < ed[s].nconds; k++) {
					c[k] = src->succ[s].conds[k];
					c[k].val = dup_value(tu, c[k].val);
				}
				ed[s].conds = c;
			}
		}
		bs[b].succ = ed;
	}
	f->blocks = bs;
	char why[256];
	if (lw_ir_verify(tu, f, why, sizeof(why)) != 0) {
		fprintf(stderr, "lockwarden: internal error: bad IR for '%s': %s\n",
			lw_str_get(tu, f->name), why);
		abort();
	}
	if (f->decl < tu->nfdecls)
		tu->fdecls[f->decl].func = (int32_t)tu->nfuncs;
	return tu->nfuncs++;
}

const struct lw_record *lw_tu_find_record(const struct lw_tu *tu, lw_str name)
{
	const struct strtab *st = tu->strtab;
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(st->records, GUINT_TO_POINTER(name)));
	return i ? &tu->records[i - 1] : NULL;
}

const struct lw_global *lw_tu_find_global(const struct lw_tu *tu, lw_str name)
{
	const struct strtab *st = tu->strtab;
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(st->globals, GUINT_TO_POINTER(name)));
	return i ? &tu->globals[i - 1] : NULL;
}

/* ---- verifier ------------------------------------------------------------ */

/* A function value names a declared function. */
static int verify_func_value(const struct lw_tu *tu, const struct lw_value *v, uint32_t b,
			     char *why, size_t len)
{
	if (v->kind != LW_VAL_FUNC || (v->k >= 0 && (uint64_t)v->k < tu->nfdecls))
		return 0;
	snprintf(why, len, "block %u: function value out of range", b);
	return -1;
}

static int verify_path(const struct lw_func *fn, const struct lw_fdecl *fd,
		       const struct lw_path *p, char *why, size_t len)
{
	switch (p->root_kind) {
	case LW_ROOT_NONE:
		if (p->nsteps) {
			snprintf(why, len, "path with steps but no root");
			return -1;
		}
		return 0;
	case LW_ROOT_PARAM:
		if (fd && p->root >= fd->nparams) {
			snprintf(why, len, "parameter %u out of range", p->root);
			return -1;
		}
		return 0;
	case LW_ROOT_LOCAL:
		if (p->root >= fn->nlocals) {
			snprintf(why, len, "local %u out of range", p->root);
			return -1;
		}
		return 0;
	case LW_ROOT_RESULT:
		if (p->root == 0 || p->root > fn->ncalls) {
			snprintf(why, len, "call result %u out of range", p->root);
			return -1;
		}
		return 0;
	case LW_ROOT_GLOBAL:
		return 0;
	default:
		snprintf(why, len, "bad root kind %u", p->root_kind);
		return -1;
	}
}

int lw_ir_verify(const struct lw_tu *tu, const struct lw_func *fn, char *why,
		 size_t len)
{
	const struct lw_fdecl *fd = fn->decl < tu->nfdecls ? &tu->fdecls[fn->decl] : NULL;
	if (!fd) {
		snprintf(why, len, "function has no declaration");
		return -1;
	}
	if (fn->entry >= fn->nblocks || fn->exit >= fn->nblocks) {
		snprintf(why, len, "entry/exit block out of range");
		return -1;
	}
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *bl = &fn->blocks[b];
		for (uint32_t s = 0; s < bl->nsucc; s++) {
			if (bl->succ[s].target >= fn->nblocks) {
				snprintf(why, len, "block %u: successor out of range", b);
				return -1;
			}
			for (uint32_t k = 0; k < bl->succ[s].nconds; k++)
				if (verify_path(fn, fd, &bl->succ[s].conds[k].val.path, why, len))
					return -1;
		}
		for (uint32_t i = 0; i < bl->nevents; i++) {
			const struct lw_event *e = &bl->events[i];
			if (e->kind >= LW_EV__COUNT) {
				snprintf(why, len, "block %u: bad event kind", b);
				return -1;
			}
			if (e->kind == LW_EV_CALL && (e->id == 0 || e->id > fn->ncalls)) {
				snprintf(why, len, "block %u: call id %u out of range", b, e->id);
				return -1;
			}
			if (e->kind == LW_EV_CALL && e->decl >= (int32_t)tu->nfdecls) {
				snprintf(why, len, "block %u: callee decl out of range", b);
				return -1;
			}
			if (e->kind == LW_EV_ACCESS &&
			    (e->path.nsteps == 0 ? e->path.root_kind != LW_ROOT_GLOBAL
						 : e->path.steps[e->path.nsteps - 1].kind != LW_STEP_FIELD)) {
				snprintf(why, len, "block %u: access path is neither a field nor a global", b);
				return -1;
			}
			if (verify_path(fn, fd, &e->path, why, len) ||
			    verify_path(fn, fd, &e->value.path, why, len) ||
			    verify_func_value(tu, &e->value, b, why, len))
				return -1;
			for (uint32_t k = 0; k < e->nargs; k++)
				if (verify_path(fn, fd, &e->args[k].path, why, len) ||
				    verify_func_value(tu, &e->args[k], b, why, len))
					return -1;
		}
	}
	return 0;
}

/* ---- paths --------------------------------------------------------------- */

/* Members of one union overlap: one location, whichever member names it. */
static int step_equal(const struct lw_step *a, const struct lw_step *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind != LW_STEP_FIELD)
		return 1;
	if (a->record != b->record)
		return 0;
	if ((a->flags & LW_SF_UNION) && (b->flags & LW_SF_UNION))
		return 1;
	return a->field == b->field;
}

int lw_path_equal(const struct lw_path *a, const struct lw_path *b)
{
	if (a->root_kind != b->root_kind || a->root != b->root ||
	    a->nsteps != b->nsteps)
		return 0;
	if (a->steps == b->steps) /* copies of one path share their steps */
		return 1;
	for (uint16_t i = 0; i < a->nsteps; i++)
		if (!step_equal(&a->steps[i], &b->steps[i]))
			return 0;
	return 1;
}

int lw_path_is_prefix(const struct lw_path *a, const struct lw_path *b)
{
	if (a->root_kind != b->root_kind || a->root != b->root ||
	    a->nsteps > b->nsteps)
		return 0;
	for (uint16_t i = 0; i < a->nsteps; i++)
		if (!step_equal(&a->steps[i], &b->steps[i]))
			return 0;
	return 1;
}

static void put(char *buf, size_t len, size_t *n, const char *s)
{
	size_t l = strlen(s);
	if (*n < len) {
		size_t room = len - *n - 1;
		memcpy(buf + *n, s, l < room ? l : room);
		buf[*n + (l < room ? l : room)] = 0;
	}
	*n += l;
}

/*
 * Prints the path as C.  DEREF followed by FIELD prints as "->"; a DEREF
 * that is not followed by a field prints as a leading '*'.
 */
int lw_path_print(const struct lw_tu *tu, const struct lw_func *fn,
		  const struct lw_fdecl *fd, const struct lw_path *p, char *buf,
		  size_t len)
{
	size_t n = 0;
	char tmp[64];
	if (len)
		buf[0] = 0;
	/* Count trailing derefs (those not followed by a field): they print
	 * as leading stars, outermost first. */
	int stars = 0;
	for (int i = p->nsteps - 1; i >= 0 && p->steps[i].kind == LW_STEP_DEREF; i--)
		stars++;
	for (int i = 0; i < stars; i++)
		put(buf, len, &n, "*");
	switch (p->root_kind) {
	case LW_ROOT_PARAM:
		if (fd && p->root < fd->nparams && fd->params[p->root].name)
			put(buf, len, &n, lw_str_get(tu, fd->params[p->root].name));
		else {
			snprintf(tmp, sizeof(tmp), "$%u", p->root);
			put(buf, len, &n, tmp);
		}
		break;
	case LW_ROOT_LOCAL:
		if (fn && p->root < fn->nlocals)
			put(buf, len, &n, lw_str_get(tu, fn->locals[p->root].name));
		else {
			snprintf(tmp, sizeof(tmp), "local%u", p->root);
			put(buf, len, &n, tmp);
		}
		break;
	case LW_ROOT_GLOBAL: {
		/* a file-static global of a linked program is "name@file":
		 * the name is what the user wrote */
		const char *g = lw_str_get(tu, p->root), *at = strchr(g, '@');
		if (at) {
			snprintf(tmp, sizeof(tmp), "%.*s", (int)(at - g), g);
			put(buf, len, &n, tmp);
		} else {
			put(buf, len, &n, g);
		}
		break;
	}
	case LW_ROOT_RESULT: {
		/* Name the call: getdrv()->count reads better than a number. */
		const char *callee = NULL;
		for (uint32_t b = 0; fn && b < fn->nblocks && !callee; b++)
			for (uint32_t i = 0; i < fn->blocks[b].nevents && !callee; i++) {
				const struct lw_event *e = &fn->blocks[b].events[i];
				if (e->kind == LW_EV_CALL && e->id == p->root && e->callee)
					callee = lw_str_get(tu, e->callee);
			}
		if (callee) {
			put(buf, len, &n, callee);
			put(buf, len, &n, "()");
		} else {
			snprintf(tmp, sizeof(tmp), "(call#%u)", p->root);
			put(buf, len, &n, tmp);
		}
		break;
	}
	default:
		put(buf, len, &n, "?");
	}
	for (int i = 0; i < p->nsteps - stars; i++) {
		const struct lw_step *s = &p->steps[i];
		if (s->kind == LW_STEP_DEREF) {
			if (i + 1 < p->nsteps && p->steps[i + 1].kind == LW_STEP_FIELD) {
				put(buf, len, &n, "->");
				put(buf, len, &n, lw_str_get(tu, p->steps[i + 1].field));
				i++;
			} else {
				put(buf, len, &n, "[*]");
			}
		} else {
			put(buf, len, &n, ".");
			put(buf, len, &n, lw_str_get(tu, s->field));
		}
	}
	return (int)n;
}

/* ---- dump ---------------------------------------------------------------- */

static const char *const event_names[] = {
#define X(id, name) name,
	LW_EVENT_KINDS(X)
#undef X
};

static void dump_value(const struct lw_tu *tu, const struct lw_func *fn,
		       const struct lw_fdecl *fd, const struct lw_value *v,
		       FILE *out)
{
	char buf[256];
	switch (v->kind) {
	case LW_VAL_LOAD:
		lw_path_print(tu, fn, fd, &v->path, buf, sizeof(buf));
		fputs(buf, out);
		break;
	case LW_VAL_ADDR:
		lw_path_print(tu, fn, fd, &v->path, buf, sizeof(buf));
		fprintf(out, "&%s", buf);
		break;
	case LW_VAL_INT:
		fprintf(out, "%" PRId64, v->k);
		break;
	case LW_VAL_FUNC:
		fprintf(out, "&%s()", v->k >= 0 && (uint64_t)v->k < tu->nfdecls
					      ? lw_str_get(tu, tu->fdecls[v->k].name) : "?");
		break;
	default:
		fputs("?", out);
	}
}

void lw_ir_dump(const struct lw_tu *tu, const struct lw_func *fn, FILE *out)
{
	static const char *const modes[] = {"read", "write", "rmw", "addr"};
	const struct lw_fdecl *fd = &tu->fdecls[fn->decl];
	char buf[256];
	fprintf(out, "func %s entry=B%u exit=B%u\n", lw_str_get(tu, fn->name),
		fn->entry, fn->exit);
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *bl = &fn->blocks[b];
		fprintf(out, " B%u:\n", b);
		for (uint32_t i = 0; i < bl->nevents; i++) {
			const struct lw_event *e = &bl->events[i];
			fprintf(out, "  %u:%u %s", e->loc.line, e->loc.col,
				e->kind < LW_EV__COUNT ? event_names[e->kind] : "?");
			switch (e->kind) {
			case LW_EV_CALL:
				fprintf(out, " #%u %s(", e->id,
					e->callee ? lw_str_get(tu, e->callee) : "<indirect>");
				for (uint32_t k = 0; k < e->nargs; k++) {
					if (k)
						fputs(", ", out);
					dump_value(tu, fn, fd, &e->args[k], out);
				}
				fputs(")", out);
				if (e->flags & LW_CF_INDIRECT) {
					fputs(" via ", out);
					dump_value(tu, fn, fd, &e->value, out);
				}
				if (e->path.root_kind) {
					lw_path_print(tu, fn, fd, &e->path, buf, sizeof(buf));
					fprintf(out, " -> %s", buf);
				}
				if (e->flags & LW_CF_NORETURN)
					fputs(" noreturn", out);
				if (e->flags & LW_CF_CLEANUP)
					fputs(" cleanup", out);
				if (e->flags & LW_CF_ATOMIC_EXPR)
					fputs(" atomic", out);
				if (e->flags & LW_CF_UNUSED)
					fputs(" unused", out);
				break;
			case LW_EV_ACCESS:
				lw_path_print(tu, fn, fd, &e->path, buf, sizeof(buf));
				fprintf(out, " %s %s", e->mode < 4 ? modes[e->mode] : "?", buf);
				if (e->mode == LW_ACC_WRITE) {
					fputs(" = ", out);
					dump_value(tu, fn, fd, &e->value, out);
				}
				if (e->mode == LW_ACC_ADDR && e->call_id)
					fprintf(out, " to #%u", e->call_id);
				if (e->flags & LW_AF_ATOMIC_TYPE)
					fputs(" atomic-type", out);
				if (e->flags & LW_AF_VOLATILE)
					fputs(" volatile", out);
				if (e->flags & LW_AF_CONST_ARG)
					fputs(" const-arg", out);
				break;
			case LW_EV_ASSIGN:
				lw_path_print(tu, fn, fd, &e->path, buf, sizeof(buf));
				fprintf(out, " %s = ", buf);
				dump_value(tu, fn, fd, &e->value, out);
				break;
			case LW_EV_RETURN:
				fputs(" ", out);
				dump_value(tu, fn, fd, &e->value, out);
				break;
			case LW_EV_UNKNOWN:
				fprintf(out, " %s", e->what ? e->what : "");
				break;
			}
			fputs("\n", out);
		}
		for (uint32_t s = 0; s < bl->nsucc; s++) {
			const struct lw_edge *ed = &bl->succ[s];
			fprintf(out, "  -> B%u", ed->target);
			for (uint32_t k = 0; k < ed->nconds; k++) {
				fputs(k ? " && " : " if ", out);
				dump_value(tu, fn, fd, &ed->conds[k].val, out);
				fprintf(out, " %s %" PRId64,
					ed->conds[k].op == LW_COND_EQ ? "==" : "!=",
					ed->conds[k].k);
			}
			fputs("\n", out);
		}
	}
}
