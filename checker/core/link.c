/*
 * link.c - the whole program: every unit's facts in one TU and one
 * annotation model, over which the same analysis runs as over a single
 * unit.
 *
 * Decides what is one thing program-wide: an external function is one
 * function however many units declare it, a static one belongs to the
 * place it is defined, a body is analysed once.  Reads no file itself:
 * facts-read.c decodes and checks each unit's facts and adds them through
 * link.h.  docs/facts.md and docs/driver.md describe linking.
 */
#include "link.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "annot.h"
#include "report.h"

struct lw_program {
	struct lw_tu *tu;
	struct lw_model *model;
	struct lw_arena *darena;
	struct lw_diag_list diags;
	GHashTable *fkeys;     /* function key -> fdecl index + 1 */
	GHashTable *scmatched; /* sidecar entry keys matched in some unit */
};

struct lw_program *lw_program_new(void)
{
	struct lw_program *p = calloc(1, sizeof(*p));
	if (!p)
		lw_oom();
	p->tu = lw_tu_new();
	p->model = lw_model_new(p->tu);
	p->darena = lw_arena_new();
	p->diags.arena = p->darena;
	p->diags.tu = p->tu;
	p->fkeys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	p->scmatched = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return p;
}

void lw_program_free(struct lw_program *p)
{
	if (!p)
		return;
	g_hash_table_destroy(p->fkeys);
	g_hash_table_destroy(p->scmatched);
	lw_model_free(p->model);
	lw_arena_free(p->darena);
	lw_tu_free(p->tu);
	free(p);
}

struct lw_tu *lw__program_tu(struct lw_program *p)
{
	return p->tu;
}

struct lw_model *lw__program_model(struct lw_program *p)
{
	return p->model;
}

const struct lw_diag_list *lw__program_diags(const struct lw_program *p)
{
	return &p->diags;
}

/*
 * External functions are one function program-wide, matched by name; a
 * static one is known by its name and where it is defined, so that a
 * static inline function from a header is one function however many files
 * include it, and two files' static helpers of the same name stay apart.
 */
static char *func_key(const struct lw_tu *tu, const struct lw_fdecl *fd, struct lw_loc def)
{
	const char *n = lw_str_get(tu, fd->name);
	if (!(fd->flags & LW_FD_STATIC))
		return g_strdup(n);
	return g_strdup_printf("%s@%s:%u", n, lw_tu_file_name(tu, def.file), def.line);
}

uint32_t lw__link_fdecl(struct lw_program *p, const struct lw_fdecl *fd, struct lw_loc def)
{
	char *key = func_key(p->tu, fd, def);
	gpointer v = g_hash_table_lookup(p->fkeys, key);
	if (v) {
		g_free(key);
		return GPOINTER_TO_UINT(v) - 1;
	}
	uint32_t idx = lw_tu_add_fdecl(p->tu, fd);
	g_hash_table_insert(p->fkeys, key, GUINT_TO_POINTER(idx + 1));
	return idx;
}

int lw__link_wants_body(struct lw_program *p, uint32_t decl)
{
	return p->tu->fdecls[decl].func < 0;
}

void lw__link_diag(struct lw_program *p, enum lw_diag_kind kind, struct lw_loc loc,
		   const char *msg, uint32_t nnotes, const struct lw_note *notes)
{
	/* Not lw__diag_add(): the message is already worded, with its
	 * arguments, by the unit that found it. */
	struct lw_diag_list *l = &p->diags;
	LW_GROW(l->arena, l->items, l->n, l->cap);
	struct lw_diag *d = &l->items[l->n++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->check = lw__diag_check(kind);
	d->sev = lw__diag_severity(kind);
	d->loc = loc;
	d->msg = lw_arena_strdup(l->arena, msg);
	if (nnotes > LW_MAX_NOTES)
		nnotes = LW_MAX_NOTES;
	if (nnotes) {
		/* Room for LW_MAX_NOTES, as lw__diag_note() expects. */
		struct lw_note *n = lw_arena_alloc(l->arena, LW_MAX_NOTES * sizeof(*n));
		for (uint32_t i = 0; i < nnotes; i++) {
			n[i].loc = notes[i].loc;
			n[i].msg = lw_arena_strdup(l->arena, notes[i].msg);
		}
		d->notes = n;
		d->nnotes = nnotes;
	}
}

void lw__link_sidecar_matched(struct lw_program *p, const char *key, size_t len)
{
	g_hash_table_add(p->scmatched, g_strndup(key, len));
}

int lw_program_sidecar_matched(const struct lw_program *p, const char *key)
{
	return g_hash_table_contains(p->scmatched, key);
}

unsigned lw_program_analyze(struct lw_program *p, const struct lw_options *o,
			    const struct lw_diag_sink *sink)
{
	return lw__analyze(p->tu, p->model, &p->diags, o, sink);
}

const char *lw_program_file_name(const struct lw_program *p, uint32_t file)
{
	return lw_tu_file_name(p->tu, file);
}

uint32_t lw_program_nfuncs(const struct lw_program *p)
{
	return p->tu->nfuncs;
}

size_t lw_program_memory(const struct lw_program *p)
{
	return lw_arena_used(p->tu->arena) + lw_arena_used(p->darena);
}
