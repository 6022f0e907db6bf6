/*
 * facts.c - one translation unit's facts as JSON: writing (plugin side),
 * reading and linking into a program (driver side).
 *
 * What is written is resolved: annotations are stored as the model built
 * from them (lock paths in terms of parameters, lock classes), so linking
 * needs no types.  Reading checks every index and kind; a malformed file is
 * an error with a message, never a crash.  The format is in docs/facts.md.
 * Uses jansson for all JSON; nothing here parses text by hand.
 */
#include "program.h"

#include <errno.h>
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annot.h"
#include "flow.h"
#include "report.h"

/* ---- writing ----------------------------------------------------------------- */

static json_t *jpath(const struct lw_path *p)
{
	if (!p->root_kind)
		return json_integer(0);
	json_t *steps = json_array();
	for (uint16_t i = 0; i < p->nsteps; i++)
		json_array_append_new(steps, json_pack("[iII]", p->steps[i].kind | (p->steps[i].flags << 4),
						       (json_int_t)p->steps[i].record,
						       (json_int_t)p->steps[i].field));
	return json_pack("[iIo]", p->root_kind, (json_int_t)p->root, steps);
}

static json_t *jvalue(const struct lw_value *v)
{
	return json_pack("[iIo]", v->kind, (json_int_t)v->k, jpath(&v->path));
}

static json_t *jloc(struct lw_loc l)
{
	return json_pack("[III]", (json_int_t)l.file, (json_int_t)l.line, (json_int_t)l.col);
}

static json_t *jfield_info(lw_str record, lw_str field, const struct lw_field_info *fi)
{
	json_t *steps = json_array();
	for (uint16_t i = 0; i < fi->nlock_steps; i++)
		json_array_append_new(steps, json_pack("[iII]", fi->lock_steps[i].kind,
						       (json_int_t)fi->lock_steps[i].record,
						       (json_int_t)fi->lock_steps[i].field));
	return json_pack("[IIiiiIoIIo]", (json_int_t)record, (json_int_t)field, fi->cls,
			 fi->driver_lock, fi->is_lock, (json_int_t)fi->lock_global, steps,
			 (json_int_t)fi->lock_cls.record, (json_int_t)fi->lock_cls.name,
			 jloc(fi->loc));
}

static void add_field_cb(void *ctx, lw_str record, lw_str field, const struct lw_field_info *fi)
{
	json_array_append_new(ctx, jfield_info(record, field, fi));
}

static void add_lock_cb(void *ctx, struct lw_lockclass c, int driver)
{
	json_array_append_new(ctx, json_pack("[IIi]", (json_int_t)c.record, (json_int_t)c.name, driver));
}

static json_t *jevent(const struct lw_event *e)
{
	json_t *args = json_array();
	for (uint32_t i = 0; i < e->nargs; i++)
		json_array_append_new(args, jvalue(&e->args[i]));
	return json_pack("[iiioIIIIoooIs?]", e->kind, e->mode, e->flags, jloc(e->loc),
			 (json_int_t)e->id, (json_int_t)e->callee, (json_int_t)e->decl,
			 (json_int_t)0, args, jpath(&e->path), jvalue(&e->value),
			 (json_int_t)e->call_id, e->what);
}

static json_t *jfunc(const struct lw_func *fn)
{
	json_t *locals = json_array();
	for (uint32_t i = 0; i < fn->nlocals; i++)
		json_array_append_new(locals, json_integer(fn->locals[i].name));
	json_t *blocks = json_array();
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *bl = &fn->blocks[b];
		json_t *evs = json_array();
		for (uint32_t i = 0; i < bl->nevents; i++)
			json_array_append_new(evs, jevent(&bl->events[i]));
		json_t *succ = json_array();
		for (uint32_t k = 0; k < bl->nsucc; k++) {
			json_t *conds = json_array();
			for (uint32_t c = 0; c < bl->succ[k].nconds; c++)
				json_array_append_new(conds, json_pack("[iIo]", bl->succ[k].conds[c].op,
								       (json_int_t)bl->succ[k].conds[c].k,
								       jvalue(&bl->succ[k].conds[c].val)));
			json_array_append_new(succ, json_pack("[Io]", (json_int_t)bl->succ[k].target, conds));
		}
		json_array_append_new(blocks, json_pack("[oo]", evs, succ));
	}
	return json_pack("[IIooIIIo]", (json_int_t)fn->name, (json_int_t)fn->decl, jloc(fn->loc),
			 locals, (json_int_t)fn->entry, (json_int_t)fn->exit,
			 (json_int_t)fn->ncalls, blocks);
}

int lw_facts_write(struct lw_tu *tu, const struct lw_dep *deps, uint32_t ndeps,
		   const char *path, char *err, size_t errlen)
{
	struct lw_arena *A = lw_arena_new();
	struct lw_diag_list diags = {A, tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(tu, &diags);

	json_t *root = json_object();
	json_object_set_new(root, "version", json_integer(LW_FACTS_VERSION));
	json_t *files = json_array();
	for (uint32_t i = 0; i < tu->nfiles; i++)
		json_array_append_new(files, json_string(tu->files[i]));
	json_object_set_new(root, "files", files);
	json_t *jdeps = json_array();
	for (uint32_t i = 0; i < ndeps; i++)
		json_array_append_new(jdeps, json_pack("[ss]", deps[i].path, deps[i].sha256));
	json_object_set_new(root, "deps", jdeps);
	/* The whole string table: ids in the rest of the file index it. */
	json_t *strs = json_array();
	for (lw_str i = 0; i < lw_tu_nstrings(tu); i++)
		json_array_append_new(strs, json_string(lw_str_get(tu, i)));
	json_object_set_new(root, "strings", strs);

	json_t *fields = json_array(), *globals = json_array(), *locks = json_array();
	lw_model_each_field(m, add_field_cb, fields);
	lw_model_each_global(m, add_field_cb, globals);
	lw_model_each_lock(m, add_lock_cb, locks);
	json_object_set_new(root, "fields", fields);
	json_object_set_new(root, "globals", globals);
	json_object_set_new(root, "locks", locks);

	json_t *fdecls = json_array();
	for (uint32_t i = 0; i < tu->nfdecls; i++) {
		const struct lw_fdecl *fd = &tu->fdecls[i];
		const struct lw_fn_info *fi = lw_model_fn(m, i);
		json_t *params = json_array();
		for (uint32_t k = 0; k < fd->nparams; k++)
			json_array_append_new(params, json_integer(fd->params[k].name));
		json_t *effects = json_array();
		for (uint32_t k = 0; k < fi->neffects; k++) {
			const struct lw_effect *e = &fi->effects[k];
			json_array_append_new(effects, json_pack("[ioIIIo]", e->kind, jpath(&e->lock),
								 (json_int_t)e->cls.record, (json_int_t)e->cls.name,
								 (json_int_t)e->ret, jloc(e->loc)));
		}
		/* The definition's place identifies a static function. */
		struct lw_loc def = fd->func >= 0 ? tu->funcs[fd->func].loc : fd->loc;
		json_array_append_new(fdecls, json_pack("[IoIoIoo]", (json_int_t)fd->name, jloc(fd->loc),
							(json_int_t)fd->flags, params,
							(json_int_t)fi->flags, effects, jloc(def)));
	}
	json_object_set_new(root, "fdecls", fdecls);
	json_t *funcs = json_array();
	for (uint32_t i = 0; i < tu->nfuncs; i++)
		json_array_append_new(funcs, jfunc(&tu->funcs[i]));
	json_object_set_new(root, "funcs", funcs);

	json_t *jd = json_array();
	for (uint32_t i = 0; i < diags.n; i++) {
		const struct lw_diag *d = &diags.items[i];
		json_t *notes = json_array();
		for (uint32_t k = 0; k < d->nnotes; k++)
			json_array_append_new(notes, json_pack("[os]", jloc(d->notes[k].loc), d->notes[k].msg));
		json_array_append_new(jd, json_pack("[iosso]", d->kind, jloc(d->loc), d->msg,
						    d->function ? d->function : "", notes));
	}
	json_object_set_new(root, "diags", jd);
	json_t *supp = json_array();
	for (uint32_t i = 0; i < tu->nsupp; i++)
		json_array_append_new(supp, json_pack("[IIs]", (json_int_t)tu->supp[i].file,
						      (json_int_t)tu->supp[i].line, tu->supp[i].ids));
	json_object_set_new(root, "suppressions", supp);
	json_t *scm = json_array();
	for (uint32_t i = 0; i < tu->nsc_matched; i++)
		json_array_append_new(scm, json_string(tu->sc_matched[i]));
	json_object_set_new(root, "sidecar_matched", scm);

	lw_model_free(m);
	lw_arena_free(A);

	/* The dependency list again, alone, so that checking the cache does
	 * not read every facts file whole.  Written first: a facts file is
	 * only trusted by lw_facts_deps() through its .deps file. */
	{
		json_t *d = json_object();
		json_object_set_new(d, "version", json_integer(LW_FACTS_VERSION));
		json_object_set(d, "deps", jdeps);
		char *dpath = g_strdup_printf("%s.deps", path);
		char *dtmp = g_strdup_printf("%s.tmp.%ld", dpath, (long)getpid());
		int drc = json_dump_file(d, dtmp, JSON_COMPACT);
		json_decref(d);
		if (drc != 0 || rename(dtmp, dpath) != 0) {
			snprintf(err, errlen, "cannot write '%s': %s", dpath, strerror(errno));
			unlink(dtmp);
			g_free(dtmp);
			g_free(dpath);
			json_decref(root);
			return -1;
		}
		g_free(dtmp);
		g_free(dpath);
	}

	/* Atomically: a reader never sees half a file. */
	char *tmp = g_strdup_printf("%s.tmp.%ld", path, (long)getpid());
	int rc = json_dump_file(root, tmp, JSON_COMPACT);
	json_decref(root);
	if (rc != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write facts file '%s': %s", path, strerror(errno));
		unlink(tmp);
		g_free(tmp);
		return -1;
	}
	g_free(tmp);
	return 0;
}

/* ---- reading -------------------------------------------------------------------- */

struct reader {
	struct lw_program *p;
	struct lw_tu *tu; /* the program's */
	char *err;
	size_t errlen;
	int failed;
	const char *path;
	/* maps from this file's numbering to the program's */
	lw_str *str;
	size_t nstr;
	uint32_t *file;
	size_t nfile;
	uint32_t *decl;
	size_t ndecl;
	int32_t *keep; /* per func in this file: program func index or -1 */
};

static int fail(struct reader *r, const char *what)
{
	if (!r->failed)
		snprintf(r->err, r->errlen, "%s: malformed facts file: %s", r->path, what);
	r->failed = 1;
	return -1;
}

static json_int_t jint(struct reader *r, json_t *a, size_t i)
{
	json_t *v = json_array_get(a, i);
	if (!json_is_integer(v)) {
		fail(r, "expected an integer");
		return 0;
	}
	return json_integer_value(v);
}

static json_t *jarr(struct reader *r, json_t *a, size_t i)
{
	json_t *v = json_array_get(a, i);
	if (!json_is_array(v)) {
		fail(r, "expected an array");
		return json_array_get(json_array(), 0); /* NULL */
	}
	return v;
}

static lw_str rstr(struct reader *r, json_int_t id)
{
	if (id < 0 || (size_t)id >= r->nstr) {
		fail(r, "string id out of range");
		return 0;
	}
	return r->str[id];
}

static uint32_t rfile(struct reader *r, json_int_t id)
{
	if (id < 0 || (size_t)id >= r->nfile) {
		fail(r, "file id out of range");
		return 0;
	}
	return r->file[id];
}

static struct lw_loc rloc(struct reader *r, json_t *a)
{
	struct lw_loc l = {0, 0, 0};
	if (!json_is_array(a) || json_array_size(a) != 3) {
		fail(r, "bad location");
		return l;
	}
	l.file = rfile(r, jint(r, a, 0));
	l.line = (uint32_t)jint(r, a, 1);
	l.col = (uint32_t)jint(r, a, 2);
	return l;
}

static struct lw_path rpath(struct reader *r, json_t *a)
{
	struct lw_path p;
	memset(&p, 0, sizeof(p));
	if (json_is_integer(a))
		return p;
	if (!json_is_array(a) || json_array_size(a) != 3) {
		fail(r, "bad path");
		return p;
	}
	p.root_kind = (uint8_t)jint(r, a, 0);
	json_int_t root = jint(r, a, 1);
	if (p.root_kind == LW_ROOT_GLOBAL)
		p.root = rstr(r, root);
	else if (p.root_kind > LW_ROOT_RESULT || root < 0 || root > UINT32_MAX)
		fail(r, "bad path root");
	else
		p.root = (uint32_t)root;
	json_t *steps = jarr(r, a, 2);
	size_t n = json_array_size(steps);
	if (n > UINT16_MAX)
		fail(r, "path too long");
	if (r->failed || !n)
		return p;
	struct lw_step *st = lw_arena_alloc(r->tu->arena, n * sizeof(*st));
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_array_get(steps, i);
		if (!json_is_array(s) || json_array_size(s) != 3) {
			fail(r, "bad path step");
			return p;
		}
		json_int_t kf = jint(r, s, 0);
		st[i].kind = (uint8_t)(kf & 0xf);
		st[i].flags = (uint8_t)(kf >> 4);
		if (st[i].kind > LW_STEP_FIELD)
			fail(r, "bad step kind");
		st[i].record = rstr(r, jint(r, s, 1));
		st[i].field = rstr(r, jint(r, s, 2));
	}
	p.steps = st;
	p.nsteps = (uint16_t)n;
	return p;
}

static struct lw_value rvalue(struct reader *r, json_t *a)
{
	struct lw_value v;
	memset(&v, 0, sizeof(v));
	if (!json_is_array(a) || json_array_size(a) != 3) {
		fail(r, "bad value");
		return v;
	}
	v.kind = (uint8_t)jint(r, a, 0);
	if (v.kind > LW_VAL_NEW)
		fail(r, "bad value kind");
	v.k = jint(r, a, 1);
	v.path = rpath(r, json_array_get(a, 2));
	return v;
}

static struct lw_field_info rfield_info(struct reader *r, json_t *a, lw_str *rec, lw_str *name)
{
	struct lw_field_info fi;
	memset(&fi, 0, sizeof(fi));
	if (!json_is_array(a) || json_array_size(a) != 10) {
		fail(r, "bad field entry");
		return fi;
	}
	*rec = jint(r, a, 0) ? rstr(r, jint(r, a, 0)) : 0;
	*name = rstr(r, jint(r, a, 1));
	fi.cls = (uint8_t)jint(r, a, 2);
	fi.driver_lock = (uint8_t)jint(r, a, 3);
	fi.is_lock = (uint8_t)jint(r, a, 4);
	fi.lock_global = jint(r, a, 5) ? rstr(r, jint(r, a, 5)) : 0;
	json_t *steps = jarr(r, a, 6);
	size_t n = json_array_size(steps);
	if (n) {
		struct lw_step *st = lw_arena_alloc(r->tu->arena, n * sizeof(*st));
		for (size_t i = 0; i < n && !r->failed; i++) {
			json_t *s = json_array_get(steps, i);
			st[i].kind = (uint8_t)jint(r, s, 0);
			st[i].record = rstr(r, jint(r, s, 1));
			st[i].field = rstr(r, jint(r, s, 2));
		}
		fi.lock_steps = st;
		fi.nlock_steps = (uint16_t)n;
	}
	fi.lock_cls.record = jint(r, a, 7) ? rstr(r, jint(r, a, 7)) : 0;
	fi.lock_cls.name = jint(r, a, 8) ? rstr(r, jint(r, a, 8)) : 0;
	fi.loc = rloc(r, json_array_get(a, 9));
	return fi;
}

/* The facts file starts as lw_facts_write() writes it (a cheap check; the
 * whole file is parsed when it is linked). */
static int facts_header_ok(const char *path)
{
	char want[64], got[64];
	int n = snprintf(want, sizeof(want), "{\"version\":%d,", LW_FACTS_VERSION);
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t r = fread(got, 1, (size_t)n, f);
	fclose(f);
	return r == (size_t)n && !memcmp(got, want, (size_t)n);
}

int lw_facts_deps(const char *path, int (*fn)(void *ctx, const char *dep, const char *sha256),
		  void *ctx, char *err, size_t errlen)
{
	json_error_t je;
	/* The small .deps file written beside the facts; the facts file
	 * itself must exist too. */
	char *dpath = g_strdup_printf("%s.deps", path);
	json_t *root = facts_header_ok(path) ? json_load_file(dpath, 0, &je) : NULL;
	g_free(dpath);
	if (!root) {
		snprintf(err, errlen, "%s: no usable dependency list", path);
		return -1;
	}
	json_t *v = json_object_get(root, "version");
	json_t *deps = json_object_get(root, "deps");
	int rc = 0;
	if (!json_is_integer(v) || json_integer_value(v) != LW_FACTS_VERSION || !json_is_array(deps)) {
		snprintf(err, errlen, "%s: not a facts file of version %d", path, LW_FACTS_VERSION);
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < json_array_size(deps); i++) {
		json_t *d = json_array_get(deps, i);
		const char *dp = json_string_value(json_array_get(d, 0));
		const char *sh = json_string_value(json_array_get(d, 1));
		if (!dp || !sh) {
			snprintf(err, errlen, "%s: malformed dependency list", path);
			rc = -1;
			break;
		}
		rc = fn(ctx, dp, sh);
		if (rc) {
			snprintf(err, errlen, "%s: dependency check stopped", path);
			rc = 1;
		}
	}
	json_decref(root);
	return rc < 0 ? -1 : rc;
}

/* ---- the program ---------------------------------------------------------------- */

struct lw_program {
	struct lw_tu *tu;
	struct lw_model *model;
	struct lw_arena *darena;
	struct lw_diag_list diags;
	GHashTable *fkeys; /* function key -> fdecl index + 1 */
	GHashTable *scmatched; /* sidecar entry keys matched in some file */
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

/*
 * External functions are one function program-wide, matched by name; a
 * static one is known by its name and where it is defined, so that a
 * static inline function from a header is one function however many files
 * include it, and two files' static helpers of the same name stay apart.
 */
static char *func_key(struct reader *r, lw_str name, uint32_t flags, struct lw_loc def)
{
	const char *n = lw_str_get(r->tu, name);
	if (!(flags & LW_FD_STATIC))
		return g_strdup(n);
	return g_strdup_printf("%s@%s:%u", n, lw_tu_file_name(r->tu, def.file), def.line);
}

static void read_fdecls(struct reader *r, json_t *fdecls)
{
	r->ndecl = json_array_size(fdecls);
	r->decl = g_new0(uint32_t, r->ndecl + 1);
	for (size_t i = 0; i < r->ndecl && !r->failed; i++) {
		json_t *a = json_array_get(fdecls, i);
		if (!json_is_array(a) || json_array_size(a) != 7) {
			fail(r, "bad function declaration");
			return;
		}
		struct lw_fdecl fd;
		memset(&fd, 0, sizeof(fd));
		fd.name = rstr(r, jint(r, a, 0));
		fd.loc = rloc(r, json_array_get(a, 1));
		fd.flags = (uint32_t)jint(r, a, 2) & ~(uint32_t)LW_FD_HAS_BODY;
		json_t *params = jarr(r, a, 3);
		fd.nparams = (uint32_t)json_array_size(params);
		struct lw_var *pv = fd.nparams ? g_new0(struct lw_var, fd.nparams) : NULL;
		for (uint32_t k = 0; k < fd.nparams; k++)
			pv[k].name = rstr(r, jint(r, params, k));
		fd.params = pv;
		struct lw_loc def = rloc(r, json_array_get(a, 6));
		if (r->failed) {
			g_free(pv);
			return;
		}
		char *key = func_key(r, fd.name, fd.flags, def);
		gpointer v = g_hash_table_lookup(r->p->fkeys, key);
		uint32_t idx;
		if (v) {
			idx = GPOINTER_TO_UINT(v) - 1;
			g_free(key);
		} else {
			idx = lw_tu_add_fdecl(r->tu, &fd);
			g_hash_table_insert(r->p->fkeys, key, GUINT_TO_POINTER(idx + 1));
		}
		g_free(pv);
		r->decl[i] = idx;
		/* effects, re-rooted in the program's strings */
		json_t *effects = jarr(r, a, 5);
		size_t ne = json_array_size(effects);
		struct lw_effect *ef = ne ? lw_arena_alloc(r->tu->arena, ne * sizeof(*ef)) : NULL;
		for (size_t k = 0; k < ne && !r->failed; k++) {
			json_t *e = json_array_get(effects, k);
			if (!json_is_array(e) || json_array_size(e) != 6) {
				fail(r, "bad effect");
				return;
			}
			ef[k].kind = (uint8_t)jint(r, e, 0);
			ef[k].lock = rpath(r, json_array_get(e, 1));
			ef[k].cls.record = jint(r, e, 2) ? rstr(r, jint(r, e, 2)) : 0;
			ef[k].cls.name = jint(r, e, 3) ? rstr(r, jint(r, e, 3)) : 0;
			ef[k].ret = jint(r, e, 4);
			ef[k].loc = rloc(r, json_array_get(e, 5));
		}
		if (!r->failed)
			lw_model_add_fn(r->p->model, idx, (uint32_t)jint(r, a, 4), ef, (uint32_t)ne);
	}
}

static int read_events(struct reader *r, json_t *evs, struct lw_event *out, size_t n)
{
	for (size_t i = 0; i < n && !r->failed; i++) {
		json_t *a = json_array_get(evs, i);
		if (!json_is_array(a) || json_array_size(a) != 13)
			return fail(r, "bad event");
		struct lw_event *e = &out[i];
		memset(e, 0, sizeof(*e));
		e->kind = (uint8_t)jint(r, a, 0);
		e->mode = (uint8_t)jint(r, a, 1);
		e->flags = (uint16_t)jint(r, a, 2);
		e->loc = rloc(r, json_array_get(a, 3));
		e->id = (uint32_t)jint(r, a, 4);
		json_int_t callee = jint(r, a, 5);
		e->callee = callee ? rstr(r, callee) : 0;
		json_int_t d = jint(r, a, 6);
		if (d >= 0 && (size_t)d >= r->ndecl)
			return fail(r, "callee declaration out of range");
		e->decl = d >= 0 ? (int32_t)r->decl[d] : -1;
		json_t *args = jarr(r, a, 8);
		e->nargs = (uint32_t)json_array_size(args);
		if (e->nargs) {
			struct lw_value *av = g_new0(struct lw_value, e->nargs);
			for (uint32_t k = 0; k < e->nargs; k++)
				av[k] = rvalue(r, json_array_get(args, k));
			e->args = av;
		}
		e->path = rpath(r, json_array_get(a, 9));
		e->value = rvalue(r, json_array_get(a, 10));
		e->call_id = (uint32_t)jint(r, a, 11);
		json_t *what = json_array_get(a, 12);
		e->what = json_is_string(what) ? json_string_value(what) : NULL;
		if (e->kind >= LW_EV__COUNT)
			return fail(r, "bad event kind");
	}
	return r->failed ? -1 : 0;
}

static void read_funcs(struct reader *r, json_t *funcs)
{
	size_t nf = json_array_size(funcs);
	for (size_t i = 0; i < nf && !r->failed; i++) {
		json_t *a = json_array_get(funcs, i);
		if (!json_is_array(a) || json_array_size(a) != 8) {
			fail(r, "bad function");
			return;
		}
		json_int_t d = jint(r, a, 1);
		if (d < 0 || (size_t)d >= r->ndecl) {
			fail(r, "function declaration out of range");
			return;
		}
		uint32_t decl = r->decl[d];
		/* Seen in an earlier file (a header's inline function, or the
		 * same file twice): analysed once. */
		if (r->tu->fdecls[decl].func >= 0)
			continue;
		struct lw_func fn;
		memset(&fn, 0, sizeof(fn));
		fn.name = rstr(r, jint(r, a, 0));
		fn.decl = decl;
		fn.loc = rloc(r, json_array_get(a, 2));
		json_t *locals = jarr(r, a, 3);
		fn.nlocals = (uint32_t)json_array_size(locals);
		struct lw_var *lv = fn.nlocals ? g_new0(struct lw_var, fn.nlocals) : NULL;
		for (uint32_t k = 0; k < fn.nlocals; k++)
			lv[k].name = rstr(r, jint(r, locals, k));
		fn.locals = lv;
		fn.entry = (uint32_t)jint(r, a, 4);
		fn.exit = (uint32_t)jint(r, a, 5);
		fn.ncalls = (uint32_t)jint(r, a, 6);
		json_t *blocks = jarr(r, a, 7);
		fn.nblocks = (uint32_t)json_array_size(blocks);
		struct lw_block *bl = g_new0(struct lw_block, fn.nblocks + 1);
		GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
		for (uint32_t b = 0; b < fn.nblocks && !r->failed; b++) {
			json_t *jb = json_array_get(blocks, b);
			json_t *evs = jarr(r, jb, 0), *succ = jarr(r, jb, 1);
			if (r->failed)
				break;
			bl[b].nevents = (uint32_t)json_array_size(evs);
			struct lw_event *ev = g_new0(struct lw_event, bl[b].nevents + 1);
			g_ptr_array_add(owned, ev);
			read_events(r, evs, ev, bl[b].nevents);
			for (uint32_t k = 0; k < bl[b].nevents; k++)
				if (ev[k].args)
					g_ptr_array_add(owned, (void *)ev[k].args);
			bl[b].events = ev;
			bl[b].nsucc = (uint32_t)json_array_size(succ);
			struct lw_edge *ed = g_new0(struct lw_edge, bl[b].nsucc + 1);
			g_ptr_array_add(owned, ed);
			for (uint32_t k = 0; k < bl[b].nsucc && !r->failed; k++) {
				json_t *je = json_array_get(succ, k);
				ed[k].target = (uint32_t)jint(r, je, 0);
				json_t *conds = jarr(r, je, 1);
				ed[k].nconds = (uint32_t)json_array_size(conds);
				struct lw_cond *c = g_new0(struct lw_cond, ed[k].nconds + 1);
				g_ptr_array_add(owned, c);
				for (uint32_t x = 0; x < ed[k].nconds; x++) {
					json_t *jc = json_array_get(conds, x);
					c[x].op = (uint8_t)jint(r, jc, 0);
					c[x].k = jint(r, jc, 1);
					c[x].val = rvalue(r, json_array_get(jc, 2));
				}
				ed[k].conds = c;
			}
			bl[b].succ = ed;
		}
		fn.blocks = bl;
		char why[256];
		if (!r->failed && lw_ir_verify(r->tu, &fn, why, sizeof(why)) != 0)
			fail(r, why);
		if (!r->failed)
			lw_tu_add_func(r->tu, &fn); /* deep copy */
		g_ptr_array_free(owned, TRUE);
		g_free(bl);
		g_free(lv);
	}
}

static void add_field_entry(struct reader *r, json_t *a, int global)
{
	lw_str rec = 0, name = 0;
	struct lw_field_info fi = rfield_info(r, a, &rec, &name);
	if (r->failed)
		return;
	if (global)
		lw_model_add_global(r->p->model, name, &fi);
	else
		lw_model_add_field(r->p->model, rec, name, &fi);
}

int lw_program_add_facts(struct lw_program *p, const char *path, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root) {
		snprintf(err, errlen, "%s: cannot read facts: %s (line %d)", path, je.text, je.line);
		return -1;
	}
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.tu = p->tu;
	r.err = err;
	r.errlen = errlen;
	r.path = path;
	json_t *v = json_object_get(root, "version");
	if (!json_is_integer(v) || json_integer_value(v) != LW_FACTS_VERSION) {
		snprintf(err, errlen, "%s: not a facts file of version %d", path, LW_FACTS_VERSION);
		json_decref(root);
		return -1;
	}
	/* A failure part-way leaves the program with some of this file's
	 * declarations: harmless, and the driver reports the file as failed.
	 * Validate the cheap, global parts first. */
	json_t *strs = json_object_get(root, "strings"), *files = json_object_get(root, "files");
	if (!json_is_array(strs) || !json_is_array(files)) {
		json_decref(root);
		snprintf(err, errlen, "%s: malformed facts file: no string or file table", path);
		return -1;
	}
	r.nstr = json_array_size(strs);
	r.str = g_new0(lw_str, r.nstr + 1);
	for (size_t i = 0; i < r.nstr && !r.failed; i++) {
		const char *s = json_string_value(json_array_get(strs, i));
		if (!s)
			fail(&r, "string table entry is not a string");
		else
			r.str[i] = lw_intern_cstr(p->tu, s);
	}
	r.nfile = json_array_size(files);
	r.file = g_new0(uint32_t, r.nfile + 1);
	for (size_t i = 0; i < r.nfile && !r.failed; i++) {
		const char *s = json_string_value(json_array_get(files, i));
		if (!s)
			fail(&r, "file table entry is not a string");
		else
			r.file[i] = i == 0 ? 0 : lw_tu_file(p->tu, s);
	}
	json_t *fields = json_object_get(root, "fields"), *globals = json_object_get(root, "globals"),
	       *locks = json_object_get(root, "locks"), *fdecls = json_object_get(root, "fdecls"),
	       *funcs = json_object_get(root, "funcs"), *diags = json_object_get(root, "diags"),
	       *supp = json_object_get(root, "suppressions");
	if (!r.failed && (!json_is_array(fields) || !json_is_array(globals) || !json_is_array(locks) ||
			  !json_is_array(fdecls) || !json_is_array(funcs) || !json_is_array(diags) ||
			  !json_is_array(supp)))
		fail(&r, "a section is missing");
	for (size_t i = 0; !r.failed && i < json_array_size(fields); i++)
		add_field_entry(&r, json_array_get(fields, i), 0);
	for (size_t i = 0; !r.failed && i < json_array_size(globals); i++)
		add_field_entry(&r, json_array_get(globals, i), 1);
	for (size_t i = 0; !r.failed && i < json_array_size(locks); i++) {
		json_t *a = json_array_get(locks, i);
		struct lw_lockclass c = {jint(&r, a, 0) ? rstr(&r, jint(&r, a, 0)) : 0,
					 jint(&r, a, 1) ? rstr(&r, jint(&r, a, 1)) : 0};
		int drv = (int)jint(&r, a, 2);
		if (!r.failed)
			lw_model_add_lock(p->model, c, drv);
	}
	if (!r.failed)
		read_fdecls(&r, fdecls);
	if (!r.failed)
		read_funcs(&r, funcs);
	for (size_t i = 0; !r.failed && i < json_array_size(diags); i++) {
		json_t *a = json_array_get(diags, i);
		json_int_t kind = jint(&r, a, 0);
		struct lw_loc loc = rloc(&r, json_array_get(a, 1));
		const char *msg = json_string_value(json_array_get(a, 2));
		if (kind < 0 || kind >= LW_DIAG__COUNT || !msg) {
			fail(&r, "bad finding");
			break;
		}
		/* The message is already complete: re-add it verbatim. */
		struct lw_diag *d = lw__diag_add(&p->diags, LW_DIAG_BAD_ANNOTATION, loc, "");
		d->kind = (enum lw_diag_kind)kind;
		d->check = lw__diag_check(d->kind);
		d->sev = lw__diag_severity(d->kind);
		d->msg = lw_arena_strdup(p->darena, msg);
		json_t *notes = jarr(&r, a, 4);
		for (size_t k = 0; !r.failed && k < json_array_size(notes); k++) {
			json_t *n = json_array_get(notes, k);
			struct lw_loc nl = rloc(&r, json_array_get(n, 0));
			const char *nm = json_string_value(json_array_get(n, 1));
			if (nm)
				lw__diag_note(&p->diags, d, LW_NOTE_OTHER_ANNOTATION, nl, "");
			if (nm && d->nnotes)
				((struct lw_note *)d->notes)[d->nnotes - 1].msg = lw_arena_strdup(p->darena, nm);
		}
	}
	for (size_t i = 0; !r.failed && i < json_array_size(supp); i++) {
		json_t *a = json_array_get(supp, i);
		const char *ids = json_string_value(json_array_get(a, 2));
		uint32_t f = rfile(&r, jint(&r, a, 0));
		if (!ids)
			fail(&r, "bad suppression");
		else if (!r.failed)
			lw_tu_add_suppression(p->tu, f, (uint32_t)jint(&r, a, 1), ids, strlen(ids));
	}
	json_t *scm = json_object_get(root, "sidecar_matched");
	for (size_t i = 0; !r.failed && json_is_array(scm) && i < json_array_size(scm); i++) {
		const char *k = json_string_value(json_array_get(scm, i));
		if (k)
			g_hash_table_add(p->scmatched, g_strdup(k));
	}
	g_free(r.str);
	g_free(r.file);
	g_free(r.decl);
	json_decref(root);
	return r.failed ? -1 : 0;
}

unsigned lw_program_analyze(struct lw_program *p, const struct lw_options *o,
			    const struct lw_diag_sink *sink)
{
	return lw__analyze(p->tu, p->model, &p->diags, o, sink);
}

int lw_sha256_file(const char *path, char out[65])
{
	gchar *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &data, &len, NULL))
		return -1;
	gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	g_strlcpy(out, hex, 65);
	g_free(hex);
	g_free(data);
	return 0;
}

int lw_program_sidecar_matched(const struct lw_program *p, const char *key)
{
	return g_hash_table_contains(p->scmatched, key);
}
