/*
 * sidecar.c - loading a YAML sidecar (libyaml's document API) and attaching
 * its entries to a TU as annotation strings.
 *
 * Must not interpret annotations: the strings go through the same parser
 * (annot.c) as the macros' strings, so errors read the same and point into
 * the YAML file.  Must not hand-parse YAML.
 *
 * A sidecar is read as one plain tree: a first pass over libyaml's events
 * refuses aliases (a 139 KB file of aliases to one big mapping expands to
 * millions of entries, and the document API expands every one) and a
 * second document (which the document API would silently ignore); merge
 * keys ("<<") are refused where keys are read, since libyaml does not
 * apply them.  So the work and the entries are linear in the file's size.
 */
#include "sidecar.h"

#include <fnmatch.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "builtins.h"

enum entry_kind { E_FIELD, E_GLOBAL, E_FUNCTION };

struct entry {
	uint8_t kind;
	char *owner; /* struct name for fields */
	char *name;
	char *key;
	char *file; /* globals: a path glob the declaring file must match, or NULL */
	uint32_t line, col;
	uint32_t nann;
	char **ann;         /* "lockwarden:..." */
	uint32_t *ann_line, *ann_col;
	int matched;
};

struct lw_sidecar {
	char *path;
	GPtrArray *entries; /* struct entry * */
	uint32_t cat_on, cat_off;
};

static void entry_free(gpointer p)
{
	struct entry *e = p;
	for (uint32_t i = 0; i < e->nann; i++)
		g_free(e->ann[i]);
	g_free(e->ann);
	g_free(e->ann_line);
	g_free(e->ann_col);
	g_free(e->owner);
	g_free(e->name);
	g_free(e->key);
	g_free(e->file);
	g_free(e);
}

void lw_sidecar_free(struct lw_sidecar *sc)
{
	if (!sc)
		return;
	g_ptr_array_free(sc->entries, TRUE);
	g_free(sc->path);
	g_free(sc);
}

struct loader {
	yaml_document_t *doc;
	struct lw_sidecar *sc;
	char *err;
	size_t errlen;
	int failed;
};

static int bad(struct loader *L, yaml_node_t *n, const char *fmt, const char *arg)
{
	if (L->failed)
		return -1;
	char what[256];
	snprintf(what, sizeof(what), fmt, arg ? arg : "");
	snprintf(L->err, L->errlen, "%s:%lu:%lu: %s", L->sc->path,
		 n ? (unsigned long)n->start_mark.line + 1 : 0UL,
		 n ? (unsigned long)n->start_mark.column + 1 : 0UL, what);
	L->failed = 1;
	return -1;
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A mapping's key as a name; NULL (and the load fails) for a merge key,
 * which YAML 1.1 means and libyaml does not do. */
static const char *key_name(struct loader *L, yaml_node_t *k)
{
	const char *s = scalar(k);
	if (s && !strcmp(s, "<<") && k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		bad(L, k, "a merge key ('<<'): sidecars take no YAML merge keys or aliases%s", "");
		return NULL;
	}
	return s;
}

static yaml_node_t *node(struct loader *L, int id)
{
	return yaml_document_get_node(L->doc, id);
}

static void add_ann(struct entry *e, const char *text, yaml_node_t *n)
{
	e->ann = g_renew(char *, e->ann, e->nann + 1);
	e->ann_line = g_renew(uint32_t, e->ann_line, e->nann + 1);
	e->ann_col = g_renew(uint32_t, e->ann_col, e->nann + 1);
	e->ann[e->nann] = g_strdup_printf("lockwarden:%s", text);
	e->ann_line[e->nann] = (uint32_t)n->start_mark.line + 1;
	e->ann_col[e->nann] = (uint32_t)n->start_mark.column + 1;
	e->nann++;
}

static struct entry *new_entry(struct loader *L, int kind, const char *owner, const char *name,
			       yaml_node_t *at)
{
	struct entry *e = g_new0(struct entry, 1);
	e->kind = (uint8_t)kind;
	e->owner = owner ? g_strdup(owner) : NULL;
	e->name = g_strdup(name);
	e->key = kind == E_FIELD ? g_strdup_printf("field %s.%s", owner, name)
		 : kind == E_GLOBAL ? g_strdup_printf("global %s", name)
				    : g_strdup_printf("function %s", name);
	e->line = (uint32_t)at->start_mark.line + 1;
	e->col = (uint32_t)at->start_mark.column + 1;
	g_ptr_array_add(L->sc->entries, e);
	return e;
}

/* ANN or [ANN, ...] */
static void annotations(struct loader *L, struct entry *e, yaml_node_t *v)
{
	if (scalar(v)) {
		add_ann(e, scalar(v), v);
		return;
	}
	if (!v || v->type != YAML_SEQUENCE_NODE) {
		bad(L, v, "expected an annotation or a list of annotations for '%s'", e->name);
		return;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *x = node(L, *it);
		if (!scalar(x)) {
			bad(L, x, "expected an annotation for '%s'", e->name);
			return;
		}
		add_ann(e, scalar(x), x);
	}
}

/*
 * NAME: {file: GLOB, annotations: ANN or [ANN, ...]}: a global of that name
 * declared in a file GLOB matches, for file-static globals that share a
 * name (every file's own 'lock').
 */
static void scoped_global(struct loader *L, const char *name, yaml_node_t *k, yaml_node_t *v)
{
	const char *file = NULL;
	yaml_node_t *anns = NULL;
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *pk = node(L, p->key), *pv = node(L, p->value);
		const char *what = key_name(L, pk);
		if (L->failed)
			return;
		if (what && !strcmp(what, "file")) {
			file = scalar(pv);
			if (!file || !*file) {
				bad(L, pv, "'file' of global '%s' must be a path or a glob", name);
				return;
			}
		} else if (what && !strcmp(what, "annotations")) {
			anns = pv;
		} else {
			bad(L, pk, "a global's mapping takes 'file' and 'annotations', not '%s'",
			    what ? what : "?");
			return;
		}
	}
	if (!file || !anns) {
		bad(L, v, "global '%s' given as a mapping needs both 'file' and 'annotations'", name);
		return;
	}
	struct entry *e = new_entry(L, E_GLOBAL, NULL, name, k);
	e->file = g_strdup(file);
	g_free(e->key);
	e->key = g_strdup_printf("global %s in %s", name, file);
	annotations(L, e, anns);
}

static void names_section(struct loader *L, yaml_node_t *v, int kind)
{
	if (!v || v->type != YAML_MAPPING_NODE) {
		bad(L, v, "expected a mapping of names to annotations%s", "");
		return;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top && !L->failed; p++) {
		yaml_node_t *k = node(L, p->key), *val = node(L, p->value);
		const char *name = key_name(L, k);
		if (L->failed)
			return;
		if (!name) {
			bad(L, k, "expected a name%s", "");
			return;
		}
		if (kind == E_GLOBAL && val && val->type == YAML_MAPPING_NODE)
			scoped_global(L, name, k, val);
		else
			annotations(L, new_entry(L, kind, NULL, name, k), val);
	}
}

static void fields_section(struct loader *L, yaml_node_t *v)
{
	if (!v || v->type != YAML_MAPPING_NODE) {
		bad(L, v, "'fields' must map struct names to their fields%s", "");
		return;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top && !L->failed; p++) {
		yaml_node_t *k = node(L, p->key), *fs = node(L, p->value);
		key_name(L, k);
		if (L->failed)
			return;
		if (!scalar(k)) {
			bad(L, k, "expected a struct name%s", "");
			return;
		}
		if (!fs || fs->type != YAML_MAPPING_NODE) {
			bad(L, fs, "struct '%s' must map field names to annotations", scalar(k));
			return;
		}
		for (yaml_node_pair_t *q = fs->data.mapping.pairs.start; q < fs->data.mapping.pairs.top && !L->failed; q++) {
			yaml_node_t *fk = node(L, q->key), *fv = node(L, q->value);
			key_name(L, fk);
			if (L->failed)
				return;
			if (!scalar(fk)) {
				bad(L, fk, "expected a field name in '%s'", scalar(k));
				return;
			}
			annotations(L, new_entry(L, E_FIELD, scalar(k), scalar(fk), fk), fv);
		}
	}
}

static void list_section(struct loader *L, yaml_node_t *v, const char *ann)
{
	if (!v || v->type != YAML_SEQUENCE_NODE) {
		bad(L, v, "expected a list of function names%s", "");
		return;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *x = node(L, *it);
		if (!scalar(x)) {
			bad(L, x, "expected a function name%s", "");
			return;
		}
		add_ann(new_entry(L, E_FUNCTION, NULL, scalar(x), x), ann, x);
	}
}

static int truth(const char *s)
{
	if (!strcmp(s, "on") || !strcmp(s, "true") || !strcmp(s, "yes"))
		return 1;
	if (!strcmp(s, "off") || !strcmp(s, "false") || !strcmp(s, "no"))
		return 0;
	return -1;
}

static void categories_section(struct loader *L, yaml_node_t *v)
{
	if (!v || v->type != YAML_MAPPING_NODE) {
		bad(L, v, "'categories' must map category names to on or off%s", "");
		return;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top && !L->failed; p++) {
		yaml_node_t *k = node(L, p->key), *val = node(L, p->value);
		const char *name = key_name(L, k);
		if (L->failed)
			return;
		int c = name ? lw_block_cat_parse(name, strlen(name)) : -1;
		if (c < 0) {
			bad(L, k, "unknown blocking category '%s'", name);
			return;
		}
		int t = scalar(val) ? truth(scalar(val)) : -1;
		if (t < 0) {
			bad(L, val, "category '%s' must be on or off", name);
			return;
		}
		if (t)
			L->sc->cat_on |= 1u << c;
		else
			L->sc->cat_off |= 1u << c;
	}
}

/*
 * The first pass, over events: refuses aliases and a second document.
 * Returns 0 (a syntax error is left for the load, which words it), or -1
 * with err.
 */
static int check_events(const char *path, const unsigned char *data, size_t len, char *err,
			size_t errlen)
{
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, data, len);
	int docs = 0, rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			break;
		yaml_event_type_t type = ev.type;
		unsigned long line = (unsigned long)ev.start_mark.line + 1;
		unsigned long col = (unsigned long)ev.start_mark.column + 1;
		if (type == YAML_ALIAS_EVENT) {
			snprintf(err, errlen,
				 "%s:%lu:%lu: an alias ('*%s'): sidecars take no YAML aliases or "
				 "merge keys; write each entry out",
				 path, line, col, (const char *)ev.data.alias.anchor);
			rc = -1;
		} else if (type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			snprintf(err, errlen,
				 "%s:%lu:%lu: a second YAML document: a sidecar is one document "
				 "(give each file its own --annotations)",
				 path, line, col);
			rc = -1;
		}
		yaml_event_delete(&ev);
		if (rc || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return rc;
}

int lw_sidecar_load(const char *path, struct lw_sidecar **out, char *err, size_t errlen)
{
	*out = NULL;
	gchar *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &data, &len, NULL)) {
		snprintf(err, errlen, "%s: cannot open sidecar file", path);
		return -1;
	}
	int rc = lw__sidecar_parse(path, data, len, out, err, errlen);
	g_free(data);
	return rc;
}

int lw__sidecar_parse(const char *path, const char *data, size_t len, struct lw_sidecar **out,
		      char *err, size_t errlen)
{
	*out = NULL;
	if (check_events(path, (const unsigned char *)data, len, err, errlen) != 0)
		return -1;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%lu:%lu: not valid YAML: %s", path,
			 (unsigned long)parser.problem_mark.line + 1,
			 (unsigned long)parser.problem_mark.column + 1,
			 parser.problem ? parser.problem : "parse error");
		yaml_parser_delete(&parser);
		return -1;
	}
	struct lw_sidecar *sc = g_new0(struct lw_sidecar, 1);
	sc->path = g_strdup(path);
	sc->entries = g_ptr_array_new_with_free_func(entry_free);
	struct loader L = {&doc, sc, err, errlen, 0};
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (!root) {
		/* An empty file says nothing: fine. */
	} else if (root->type != YAML_MAPPING_NODE) {
		bad(&L, root, "the sidecar must be a mapping with sections fields, globals, functions, blocking, nonblocking, categories%s", "");
	} else {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && !L.failed; p++) {
			yaml_node_t *k = node(&L, p->key), *v = node(&L, p->value);
			const char *key = key_name(&L, k);
			if (L.failed)
				break;
			if (!key)
				bad(&L, k, "expected a section name%s", "");
			else if (!strcmp(key, "version")) {
				if (!scalar(v) || strcmp(scalar(v), "1"))
					bad(&L, v, "unsupported sidecar version '%s' (this lockwarden reads version 1)", scalar(v));
			} else if (!strcmp(key, "fields"))
				fields_section(&L, v);
			else if (!strcmp(key, "globals"))
				names_section(&L, v, E_GLOBAL);
			else if (!strcmp(key, "functions"))
				names_section(&L, v, E_FUNCTION);
			else if (!strcmp(key, "blocking"))
				list_section(&L, v, "blocking");
			else if (!strcmp(key, "nonblocking"))
				list_section(&L, v, "nonblocking");
			else if (!strcmp(key, "categories"))
				categories_section(&L, v);
			else
				bad(&L, k, "unknown section '%s' (known: version, fields, globals, functions, blocking, nonblocking, categories)", key);
		}
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (L.failed) {
		lw_sidecar_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}

static const struct lw_annot_src *append(struct lw_tu *tu, const struct lw_annot_src *old,
					 uint32_t *n, const struct entry *e, uint32_t file)
{
	struct lw_annot_src *a = lw_arena_alloc(tu->arena, (*n + e->nann) * sizeof(*a));
	if (*n)
		memcpy(a, old, *n * sizeof(*a));
	for (uint32_t i = 0; i < e->nann; i++) {
		a[*n + i].text = lw_arena_strdup(tu->arena, e->ann[i]);
		a[*n + i].loc = (struct lw_loc){file, e->ann_line[i], e->ann_col[i]};
	}
	*n += e->nann;
	return a;
}

/* GLOB matches PATH or any tail of it that starts after a '/', so that
 * "util/virlog.c" names a file whatever folder the build ran in. */
static int path_matches(const char *glob, const char *path)
{
	for (const char *p = path; p; ) {
		if (fnmatch(glob, p, 0) == 0)
			return 1;
		p = strchr(p, '/');
		if (p)
			p++;
	}
	return 0;
}

void lw_sidecar_apply(struct lw_sidecar *sc, struct lw_tu *tu)
{
	uint32_t file = lw_tu_file(tu, sc->path);
	GHashTable *fns = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (uint32_t i = 0; i < tu->nfdecls; i++)
		g_hash_table_insert(fns, GUINT_TO_POINTER(tu->fdecls[i].name), GUINT_TO_POINTER(i + 1));
	for (guint i = 0; i < sc->entries->len; i++) {
		struct entry *e = g_ptr_array_index(sc->entries, i);
		lw_str name = lw_intern_cstr(tu, e->name);
		if (e->kind == E_FIELD) {
			struct lw_record *r = (struct lw_record *)lw_tu_find_record(tu, lw_intern_cstr(tu, e->owner));
			if (!r)
				continue;
			for (uint32_t k = 0; k < r->nfields; k++) {
				struct lw_field *f = (struct lw_field *)&r->fields[k];
				if (f->name != name)
					continue;
				f->annots = append(tu, f->annots, &f->nannots, e, file);
				e->matched = 1;
			}
		} else if (e->kind == E_GLOBAL) {
			struct lw_global *g = (struct lw_global *)lw_tu_find_global(tu, name);
			if (!g)
				continue;
			const char *where = g->loc.file < tu->nfiles ? tu->files[g->loc.file] : "";
			if (e->file && !path_matches(e->file, where))
				continue;
			g->annots = append(tu, g->annots, &g->nannots, e, file);
			e->matched = 1;
			if (!e->file && g->is_static) {
				/* Recorded so that the whole program can tell when an
				 * unscoped name hits the statics of several files. */
				char *k = g_strdup_printf("%s%c%s", e->key, LW_SIDECAR_STATIC_SEP, where);
				lw_tu_add_sidecar_match(tu, k);
				g_free(k);
			}
		} else {
			guint idx = GPOINTER_TO_UINT(g_hash_table_lookup(fns, GUINT_TO_POINTER(name)));
			if (!idx)
				continue;
			struct lw_fdecl *fd = &tu->fdecls[idx - 1];
			fd->annots = append(tu, fd->annots, &fd->nannots, e, file);
			e->matched = 1;
		}
		if (e->matched)
			lw_tu_add_sidecar_match(tu, e->key);
	}
	g_hash_table_destroy(fns);
}

void lw_sidecar_apply_options(const struct lw_sidecar *sc, struct lw_options *o)
{
	o->blocking |= sc->cat_on;
	o->blocking &= ~sc->cat_off;
}

uint32_t lw_sidecar_nentries(const struct lw_sidecar *sc)
{
	return sc->entries->len;
}

static const struct entry *entry_at(const struct lw_sidecar *sc, uint32_t i)
{
	return g_ptr_array_index(sc->entries, i);
}

const char *lw_sidecar_entry_key(const struct lw_sidecar *sc, uint32_t i)
{
	return entry_at(sc, i)->key;
}

uint32_t lw_sidecar_entry_line(const struct lw_sidecar *sc, uint32_t i)
{
	return entry_at(sc, i)->line;
}

int lw_sidecar_entry_matched(const struct lw_sidecar *sc, uint32_t i)
{
	return entry_at(sc, i)->matched;
}

const char *lw_sidecar_path(const struct lw_sidecar *sc)
{
	return sc->path;
}

enum lw_sidecar_target lw_sidecar_entry_target(const struct lw_sidecar *sc, uint32_t i)
{
	switch (entry_at(sc, i)->kind) {
	case E_FIELD:
		return LW_SIDECAR_FIELD;
	case E_GLOBAL:
		return LW_SIDECAR_GLOBAL;
	default:
		return LW_SIDECAR_FUNCTION;
	}
}

const char *lw_sidecar_entry_owner(const struct lw_sidecar *sc, uint32_t i)
{
	const struct entry *e = entry_at(sc, i);
	return e->kind == E_FIELD ? e->owner : NULL;
}

const char *lw_sidecar_entry_name(const struct lw_sidecar *sc, uint32_t i)
{
	return entry_at(sc, i)->name;
}
