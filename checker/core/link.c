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
 *
 * Annotations across units: each unit's model is consistent (annot.c
 * reported its own contradictions), but two units may still disagree
 * about one field or function.  Where they do, the annotation whose place
 * comes first (file name, line, column) stands, whatever the order of the
 * units, and every other one that contradicts it is a bad-annotation
 * error naming both places, said once the program is complete
 * (finish_annotations()).
 */
#include "link.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "annot.h"
#include "report.h"
#include "sidecar.h"

struct lw_program {
	struct lw_tu *tu;
	struct lw_model *model;
	struct lw_arena *darena;
	struct lw_diag_list diags;
	GHashTable *fkeys;     /* function key -> fdecl index + 1 */
	GHashTable *scmatched; /* sidecar entry keys matched in some unit */
	/* What each unit said, for the errors of finish_annotations(). */
	GHashTable *field_said; /* record << 32 | name -> GArray of struct lw_field_info */
	GHashTable *fn_said;    /* fdecl index + 1 -> struct fn_said */
	int finished;
};

/* What the units said about one function. */
struct fn_said {
	struct lw_loc flag_loc[2]; /* the first LW_BLOCKING, LW_NONBLOCKING; file 0: none */
	GArray *effects;           /* struct lw_effect, each distinct one once */
};

static void free_array(gpointer a)
{
	g_array_free(a, TRUE);
}

static void free_fn_said(gpointer p)
{
	struct fn_said *f = p;
	g_array_free(f->effects, TRUE);
	g_free(f);
}

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
	p->field_said = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, free_array);
	p->fn_said = g_hash_table_new_full(NULL, NULL, NULL, free_fn_said);
	return p;
}

void lw_program_free(struct lw_program *p)
{
	if (!p)
		return;
	g_hash_table_destroy(p->fkeys);
	g_hash_table_destroy(p->scmatched);
	g_hash_table_destroy(p->field_said);
	g_hash_table_destroy(p->fn_said);
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

/* ---- annotations across units ------------------------------------------- */

/* Places in a fixed order: file name, line, column; none (file 0) last. */
static int loc_cmp(const struct lw_tu *tu, struct lw_loc a, struct lw_loc b)
{
	if (!a.file != !b.file)
		return a.file ? -1 : 1;
	if (a.file != b.file) {
		int c = strcmp(lw_tu_file_name(tu, a.file), lw_tu_file_name(tu, b.file));
		if (c)
			return c;
	}
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return a.col < b.col ? -1 : a.col > b.col;
}

static int same_lock(const struct lw_field_info *a, const struct lw_field_info *b)
{
	if (a->lock_global != b->lock_global || a->nlock_steps != b->nlock_steps)
		return 0;
	for (uint16_t i = 0; i < a->nlock_steps; i++)
		if (a->lock_steps[i].kind != b->lock_steps[i].kind ||
		    a->lock_steps[i].record != b->lock_steps[i].record ||
		    a->lock_steps[i].field != b->lock_steps[i].field)
			return 0;
	return 1;
}

/* Both give the field a class, and not the same one (or not the same lock). */
static int classes_clash(const struct lw_field_info *a, const struct lw_field_info *b)
{
	if (!a->cls || !b->cls)
		return 0;
	if (a->cls != b->cls)
		return 1;
	return (a->cls == LW_FC_GUARDED || a->cls == LW_FC_RCU) && !same_lock(a, b);
}

static const char *class_kind(uint8_t cls)
{
	switch (cls) {
	case LW_FC_IMMUTABLE: return lw_annot_kind_name(LW_AN_IMMUTABLE);
	case LW_FC_SELF_LOCKING: return lw_annot_kind_name(LW_AN_SELF_LOCKING);
	case LW_FC_GUARDED: return lw_annot_kind_name(LW_AN_GUARDED_BY);
	case LW_FC_RCU: return lw_annot_kind_name(LW_AN_RCU_CONFIG);
	default: return lw_annot_kind_name(LW_AN_ATOMIC);
	}
}

/* A field's class as it would be written: "guarded_by(lock)". */
static void class_text(const struct lw_tu *tu, const struct lw_field_info *fi, char *buf,
		       size_t len)
{
	if (fi->cls != LW_FC_GUARDED && fi->cls != LW_FC_RCU) {
		snprintf(buf, len, "%s", class_kind(fi->cls));
		return;
	}
	GString *lock = g_string_new(fi->lock_global ? lw_str_get(tu, fi->lock_global) : "");
	for (uint16_t i = 0; i < fi->nlock_steps; i++)
		if (fi->lock_steps[i].kind == LW_STEP_FIELD)
			g_string_append_printf(lock, "%s%s", lock->len ? "." : "",
					       lw_str_get(tu, fi->lock_steps[i].field));
	snprintf(buf, len, "%s(%s)", class_kind(fi->cls), lock->str);
	g_string_free(lock, TRUE);
}

void lw__link_field(struct lw_program *p, lw_str record, lw_str name,
		    const struct lw_field_info *fi)
{
	struct lw_tu *tu = p->tu;
	guint64 key = (guint64)record << 32 | name;
	GArray *said = g_hash_table_lookup(p->field_said, &key);
	if (!said) {
		said = g_array_new(FALSE, FALSE, sizeof(struct lw_field_info));
		g_hash_table_insert(p->field_said, g_memdup2(&key, sizeof(key)), said);
	}
	/* The same header in many units says the same thing: once. */
	int known = 0;
	for (guint i = 0; i < said->len && !known; i++) {
		const struct lw_field_info *x = &g_array_index(said, struct lw_field_info, i);
		known = x->cls == fi->cls && same_lock(x, fi) && x->driver_lock == fi->driver_lock &&
			!loc_cmp(tu, x->cls_loc, fi->cls_loc) && !loc_cmp(tu, x->loc, fi->loc);
	}
	if (!known)
		g_array_append_val(said, *fi);

	const struct lw_field_info *old = record ? lw_model_field(p->model, record, name)
						 : lw_model_global(p->model, name);
	if (!old) {
		if (record)
			lw_model_add_field(p->model, record, name, fi);
		else
			lw_model_add_global(p->model, name, fi);
		return;
	}
	/* Flags add up; of two classes, the one written first stands. */
	struct lw_field_info v = *old;
	v.driver_lock |= fi->driver_lock;
	v.is_lock |= fi->is_lock;
	if (fi->cls && (!old->cls || loc_cmp(tu, fi->cls_loc, old->cls_loc) < 0)) {
		v.cls = fi->cls;
		v.lock_global = fi->lock_global;
		v.nlock_steps = fi->nlock_steps;
		v.lock_steps = fi->lock_steps;
		v.lock_cls = fi->lock_cls;
		v.cls_loc = fi->cls_loc;
	}
	if (loc_cmp(tu, fi->loc, v.loc) < 0)
		v.loc = fi->loc;
	if (record)
		lw_model_put_field(p->model, record, name, &v);
	else
		lw_model_put_global(p->model, name, &v);
}

static int effect_same(const struct lw_effect *a, const struct lw_effect *b)
{
	return a->kind == b->kind && a->ret == b->ret && lw_path_equal(&a->lock, &b->lock);
}

static struct fn_said *fn_said(struct lw_program *p, uint32_t decl)
{
	struct fn_said *f = g_hash_table_lookup(p->fn_said, GUINT_TO_POINTER(decl + 1));
	if (!f) {
		f = g_new0(struct fn_said, 1);
		f->effects = g_array_new(FALSE, FALSE, sizeof(struct lw_effect));
		g_hash_table_insert(p->fn_said, GUINT_TO_POINTER(decl + 1), f);
	}
	return f;
}

void lw__link_fn(struct lw_program *p, uint32_t decl, uint32_t flags,
		 const struct lw_effect *effects, uint32_t n, const struct lw_loc flag_loc[2])
{
	struct lw_tu *tu = p->tu;
	struct fn_said *said = fn_said(p, decl);
	for (int k = 0; k < 2; k++)
		if (flag_loc[k].file &&
		    (!said->flag_loc[k].file || loc_cmp(tu, flag_loc[k], said->flag_loc[k]) < 0))
			said->flag_loc[k] = flag_loc[k];
	for (uint32_t i = 0; i < n; i++) {
		int known = 0;
		for (guint j = 0; j < said->effects->len && !known; j++) {
			const struct lw_effect *x = &g_array_index(said->effects, struct lw_effect, j);
			known = effect_same(x, &effects[i]) && !loc_cmp(tu, x->loc, effects[i].loc);
		}
		if (!known)
			g_array_append_val(said->effects, effects[i]);
	}

	const struct lw_fn_info *old = lw_model_fn(p->model, decl);
	uint32_t fl = old->flags | flags;
	/* As within a unit: nonblocking stands against blocking. */
	if ((fl & LW_FN_BLOCKING) && (fl & LW_FN_NONBLOCKING))
		fl &= ~(uint32_t)LW_FN_BLOCKING;
	GArray *e = g_array_new(FALSE, FALSE, sizeof(struct lw_effect));
	if (old->neffects)
		g_array_append_vals(e, old->effects, old->neffects);
	for (uint32_t i = 0; i < n; i++) {
		struct lw_effect *have = NULL;
		for (guint j = 0; j < e->len && !have; j++)
			if (effect_same(&g_array_index(e, struct lw_effect, j), &effects[i]))
				have = &g_array_index(e, struct lw_effect, j);
		if (have) {
			if (loc_cmp(tu, effects[i].loc, have->loc) < 0)
				have->loc = effects[i].loc;
			continue;
		}
		/* Of two that contradict each other, the one written first. */
		const struct lw_effect *clash =
			lw__effects_clash((const struct lw_effect *)e->data, e->len, &effects[i]);
		if (clash) {
			if (loc_cmp(tu, effects[i].loc, clash->loc) < 0)
				*(struct lw_effect *)clash = effects[i];
			continue;
		}
		g_array_append_val(e, effects[i]);
	}
	lw_model_put_fn(p->model, decl, fl, (const struct lw_effect *)e->data, e->len);
	g_array_free(e, TRUE);
}

static void contradiction(struct lw_program *p, struct lw_loc at, const char *kind, lw_str name,
			  struct lw_loc other_at, const char *other)
{
	char msg[512];
	snprintf(msg, sizeof(msg), "'%s' contradicts an earlier annotation of '%s'", kind,
		 lw_str_get(p->tu, name));
	struct lw_diag *d = lw__diag_add(&p->diags, LW_DIAG_BAD_ANNOTATION, at, msg);
	lw__diag_note(&p->diags, d, LW_NOTE_OTHER_ANNOTATION, other_at, other);
}

/* The errors for what units said against the program's model, now that
 * every unit is in: the model holds what stands. */
/*
 * A unit that cannot see a lock an annotation names (a file-static global
 * of another file, named in a shared header or a sidecar) said so; where
 * another unit resolved the same annotation, that was only its view, and
 * the error goes.  What no unit resolved stays an error: a typo.
 */
static void drop_unseen(struct lw_program *p, GArray *resolved)
{
	struct lw_diag_list *l = &p->diags;
	uint32_t kept = 0;
	for (uint32_t i = 0; i < l->n; i++) {
		int drop = 0;
		for (guint k = 0; l->items[i].kind == LW_DIAG_BAD_ANNOTATION_UNSEEN &&
				  k < resolved->len && !drop; k++)
			drop = !loc_cmp(p->tu, l->items[i].loc,
					g_array_index(resolved, struct lw_loc, k));
		if (!drop)
			l->items[kept++] = l->items[i];
	}
	l->n = kept;
}

static void finish_annotations(struct lw_program *p)
{
	if (p->finished)
		return;
	p->finished = 1;
	struct lw_tu *tu = p->tu;
	char text[512];
	GHashTableIter it;
	gpointer k, v;
	GArray *resolved = g_array_new(FALSE, FALSE, sizeof(struct lw_loc));
	g_hash_table_iter_init(&it, p->field_said);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		guint64 key = *(guint64 *)k;
		lw_str record = (lw_str)(key >> 32), name = (lw_str)(key & 0xffffffffu);
		GArray *said = v;
		for (guint i = 0; i < said->len; i++)
			g_array_append_val(resolved, g_array_index(said, struct lw_field_info, i).cls_loc);
		const struct lw_field_info *fi = record ? lw_model_field(p->model, record, name)
							: lw_model_global(p->model, name);
		if (!fi)
			continue;
		class_text(tu, fi, text, sizeof(text));
		const struct lw_field_info *driver = NULL;
		for (guint i = 0; i < said->len; i++) {
			const struct lw_field_info *x = &g_array_index(said, struct lw_field_info, i);
			if (classes_clash(x, fi))
				contradiction(p, x->cls_loc, class_kind(x->cls), name, fi->cls_loc, text);
			if (x->driver_lock && (!driver || loc_cmp(tu, x->loc, driver->loc) < 0))
				driver = x;
		}
		/* A driver lock in one unit, atomic in another. */
		if (driver && fi->cls == LW_FC_ATOMIC)
			contradiction(p, fi->cls_loc, class_kind(fi->cls), name, driver->loc,
				      lw_annot_kind_name(LW_AN_DRIVER_LOCK));
	}
	g_hash_table_iter_init(&it, p->fn_said);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		uint32_t decl = GPOINTER_TO_UINT(k) - 1;
		const struct fn_said *said = v;
		const struct lw_fdecl *fd = &tu->fdecls[decl];
		if (said->flag_loc[0].file && said->flag_loc[1].file) {
			snprintf(text, sizeof(text), "'%s' is annotated both blocking and nonblocking",
				 lw_str_get(tu, fd->name));
			struct lw_diag *d = lw__diag_add(&p->diags, LW_DIAG_BAD_ANNOTATION,
							 said->flag_loc[1], text);
			lw__diag_note(&p->diags, d, LW_NOTE_OTHER_ANNOTATION, said->flag_loc[0],
				      lw_annot_kind_name(LW_AN_BLOCKING));
		}
		const struct lw_fn_info *fi = lw_model_fn(p->model, decl);
		for (guint i = 0; i < said->effects->len; i++) {
			const struct lw_effect *x = &g_array_index(said->effects, struct lw_effect, i);
			g_array_append_val(resolved, x->loc);
			const struct lw_effect *y = lw__effects_clash(fi->effects, fi->neffects, x);
			if (!y)
				continue;
			char lock[256];
			lw_path_print(tu, NULL, fd, &y->lock, lock, sizeof(lock));
			snprintf(text, sizeof(text), "%s(%s)", lw_annot_kind_name(y->kind), lock);
			contradiction(p, x->loc, lw_annot_kind_name(x->kind), fd->name, y->loc, text);
		}
	}
	drop_unseen(p, resolved);
	g_array_free(resolved, TRUE);
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

static gint by_string(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

unsigned lw_program_sidecar_statics(const struct lw_program *p, const char *key,
				    const char **out, unsigned max)
{
	GPtrArray *files = g_ptr_array_new();
	size_t n = strlen(key);
	GHashTableIter it;
	gpointer k;
	g_hash_table_iter_init(&it, p->scmatched);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		const char *s = k;
		if (!strncmp(s, key, n) && s[n] == LW_SIDECAR_STATIC_SEP)
			g_ptr_array_add(files, (gpointer)(s + n + 1));
	}
	g_ptr_array_sort(files, by_string);
	unsigned n_all = files->len;
	for (unsigned i = 0; i < n_all && i < max; i++)
		out[i] = g_ptr_array_index(files, i);
	g_ptr_array_free(files, TRUE);
	return n_all;
}

unsigned lw_program_analyze(struct lw_program *p, const struct lw_options *o,
			    const struct lw_diag_sink *sink)
{
	finish_annotations(p);
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
