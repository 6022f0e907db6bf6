/*
 * facts.c - one translation unit's facts as MessagePack: writing (plugin
 * side), reading and linking into a program (driver side).
 *
 * What is written is resolved: annotations are stored as the model built
 * from them (lock paths in terms of parameters, lock classes), so linking
 * needs no types.  Reading checks every index and kind; a malformed file is
 * an error with a message, never a crash.  The format is in docs/facts.md.
 * Facts are packed with msgpack-c as they are walked (no tree), and read by
 * unpacking the whole file into msgpack-c's zone-allocated objects; the
 * small .deps side file is JSON (jansson).  Nothing here parses by hand.
 */
#include "program.h"

#include <errno.h>
#include <glib.h>
#include <jansson.h>
#include <xxhash.h>
#include <msgpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "annot.h"
#include "report.h"

/* The top level: an array of these sections, in this order. */
enum {
	S_VERSION,
	S_FILES,
	S_DEPS,
	S_STRINGS,
	S_FIELDS,
	S_GLOBALS,
	S_LOCKS,
	S_FDECLS,
	S_FUNCS,
	S_DIAGS,
	S_SUPPRESSIONS,
	S_SIDECAR_MATCHED,
	S__COUNT
};

/* ---- writing ----------------------------------------------------------------- */

static void pk_int(msgpack_packer *pk, int64_t v)
{
	msgpack_pack_int64(pk, v); /* the smallest encoding that holds v */
}

static void pk_str(msgpack_packer *pk, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	msgpack_pack_str(pk, n);
	msgpack_pack_str_body(pk, s ? s : "", n);
}

static void pk_path(msgpack_packer *pk, const struct lw_path *p)
{
	if (!p->root_kind) {
		pk_int(pk, 0);
		return;
	}
	msgpack_pack_array(pk, 3);
	pk_int(pk, p->root_kind);
	pk_int(pk, p->root);
	msgpack_pack_array(pk, p->nsteps);
	for (uint16_t i = 0; i < p->nsteps; i++) {
		msgpack_pack_array(pk, 3);
		pk_int(pk, p->steps[i].kind | (p->steps[i].flags << 4));
		pk_int(pk, p->steps[i].record);
		pk_int(pk, p->steps[i].field);
	}
}

static void pk_value(msgpack_packer *pk, const struct lw_value *v)
{
	msgpack_pack_array(pk, 3);
	pk_int(pk, v->kind);
	pk_int(pk, v->k);
	pk_path(pk, &v->path);
}

static void pk_loc(msgpack_packer *pk, struct lw_loc l)
{
	msgpack_pack_array(pk, 3);
	pk_int(pk, l.file);
	pk_int(pk, l.line);
	pk_int(pk, l.col);
}

static void count_field_cb(void *ctx, lw_str record, lw_str field, const struct lw_field_info *fi)
{
	(void)record, (void)field, (void)fi;
	++*(uint32_t *)ctx;
}

static void count_lock_cb(void *ctx, struct lw_lockclass c, int driver)
{
	(void)c, (void)driver;
	++*(uint32_t *)ctx;
}

static void pk_field_cb(void *ctx, lw_str record, lw_str field, const struct lw_field_info *fi)
{
	msgpack_packer *pk = ctx;
	msgpack_pack_array(pk, 10);
	pk_int(pk, record);
	pk_int(pk, field);
	pk_int(pk, fi->cls);
	pk_int(pk, fi->driver_lock);
	pk_int(pk, fi->is_lock);
	pk_int(pk, fi->lock_global);
	msgpack_pack_array(pk, fi->nlock_steps);
	for (uint16_t i = 0; i < fi->nlock_steps; i++) {
		msgpack_pack_array(pk, 3);
		pk_int(pk, fi->lock_steps[i].kind);
		pk_int(pk, fi->lock_steps[i].record);
		pk_int(pk, fi->lock_steps[i].field);
	}
	pk_int(pk, fi->lock_cls.record);
	pk_int(pk, fi->lock_cls.name);
	pk_loc(pk, fi->loc);
}

static void pk_lock_cb(void *ctx, struct lw_lockclass c, int driver)
{
	msgpack_packer *pk = ctx;
	msgpack_pack_array(pk, 3);
	pk_int(pk, c.record);
	pk_int(pk, c.name);
	pk_int(pk, driver);
}

static void pk_event(msgpack_packer *pk, const struct lw_event *e)
{
	msgpack_pack_array(pk, 13);
	pk_int(pk, e->kind);
	pk_int(pk, e->mode);
	pk_int(pk, e->flags);
	pk_loc(pk, e->loc);
	pk_int(pk, e->id);
	pk_int(pk, e->callee);
	pk_int(pk, e->decl);
	pk_int(pk, 0);
	msgpack_pack_array(pk, e->nargs);
	for (uint32_t i = 0; i < e->nargs; i++)
		pk_value(pk, &e->args[i]);
	pk_path(pk, &e->path);
	pk_value(pk, &e->value);
	pk_int(pk, e->call_id);
	if (e->what)
		pk_str(pk, e->what);
	else
		msgpack_pack_nil(pk);
}

static void pk_func(msgpack_packer *pk, const struct lw_func *fn)
{
	msgpack_pack_array(pk, 8);
	pk_int(pk, fn->name);
	pk_int(pk, fn->decl);
	pk_loc(pk, fn->loc);
	msgpack_pack_array(pk, fn->nlocals);
	for (uint32_t i = 0; i < fn->nlocals; i++)
		pk_int(pk, fn->locals[i].name);
	pk_int(pk, fn->entry);
	pk_int(pk, fn->exit);
	pk_int(pk, fn->ncalls);
	msgpack_pack_array(pk, fn->nblocks);
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *bl = &fn->blocks[b];
		msgpack_pack_array(pk, 2);
		msgpack_pack_array(pk, bl->nevents);
		for (uint32_t i = 0; i < bl->nevents; i++)
			pk_event(pk, &bl->events[i]);
		msgpack_pack_array(pk, bl->nsucc);
		for (uint32_t k = 0; k < bl->nsucc; k++) {
			const struct lw_edge *ed = &bl->succ[k];
			msgpack_pack_array(pk, 2);
			pk_int(pk, ed->target);
			msgpack_pack_array(pk, ed->nconds);
			for (uint32_t c = 0; c < ed->nconds; c++) {
				msgpack_pack_array(pk, 3);
				pk_int(pk, ed->conds[c].op);
				pk_int(pk, ed->conds[c].k);
				pk_value(pk, &ed->conds[c].val);
			}
		}
	}
}

/* Writes len bytes to path through a temporary file renamed into place:
 * a reader never sees half a file. */
static int write_atomically(const char *path, const void *data, size_t len)
{
	char *tmp = g_strdup_printf("%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		g_free(tmp);
		errno = e;
		return -1;
	}
	g_free(tmp);
	return 0;
}

int lw_facts_write(struct lw_tu *tu, const struct lw_dep *deps, uint32_t ndeps,
		   const char *path, char *err, size_t errlen)
{
	/* The dependency list alone, as JSON, so that checking the cache
	 * does not read every facts file whole.  Written first: a facts file
	 * is only trusted by lw_facts_deps() through its .deps file. */
	{
		json_t *d = json_object();
		json_t *jdeps = json_array();
		for (uint32_t i = 0; i < ndeps; i++)
			json_array_append_new(jdeps, json_pack("[ss]", deps[i].path, deps[i].hash));
		json_object_set_new(d, "version", json_integer(LW_FACTS_VERSION));
		json_object_set_new(d, "deps", jdeps);
		char *dpath = g_strdup_printf("%s.deps", path);
		char *dtmp = g_strdup_printf("%s.tmp.%ld", dpath, (long)getpid());
		int drc = json_dump_file(d, dtmp, JSON_COMPACT);
		json_decref(d);
		if (drc != 0 || rename(dtmp, dpath) != 0) {
			snprintf(err, errlen, "cannot write '%s': %s", dpath, strerror(errno));
			unlink(dtmp);
			g_free(dtmp);
			g_free(dpath);
			return -1;
		}
		g_free(dtmp);
		g_free(dpath);
	}

	struct lw_arena *A = lw_arena_new();
	struct lw_diag_list diags = {A, tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(tu, &diags);

	msgpack_sbuffer sb;
	msgpack_sbuffer_init(&sb);
	msgpack_packer pk_, *pk = &pk_;
	msgpack_packer_init(pk, &sb, msgpack_sbuffer_write);

	/* The version first: facts_header_ok() reads these first bytes. */
	msgpack_pack_array(pk, S__COUNT);
	pk_int(pk, LW_FACTS_VERSION);
	msgpack_pack_array(pk, tu->nfiles);
	for (uint32_t i = 0; i < tu->nfiles; i++)
		pk_str(pk, tu->files[i]);
	msgpack_pack_array(pk, ndeps);
	for (uint32_t i = 0; i < ndeps; i++) {
		msgpack_pack_array(pk, 2);
		pk_str(pk, deps[i].path);
		pk_str(pk, deps[i].hash);
	}
	/* The whole string table: ids in the rest of the file index it. */
	msgpack_pack_array(pk, lw_tu_nstrings(tu));
	for (lw_str i = 0; i < lw_tu_nstrings(tu); i++)
		pk_str(pk, lw_str_get(tu, i));

	uint32_t nfields = 0, nglobals = 0, nlocks = 0;
	lw_model_each_field(m, count_field_cb, &nfields);
	lw_model_each_global(m, count_field_cb, &nglobals);
	lw_model_each_lock(m, count_lock_cb, &nlocks);
	msgpack_pack_array(pk, nfields);
	lw_model_each_field(m, pk_field_cb, pk);
	msgpack_pack_array(pk, nglobals);
	lw_model_each_global(m, pk_field_cb, pk);
	msgpack_pack_array(pk, nlocks);
	lw_model_each_lock(m, pk_lock_cb, pk);

	msgpack_pack_array(pk, tu->nfdecls);
	for (uint32_t i = 0; i < tu->nfdecls; i++) {
		const struct lw_fdecl *fd = &tu->fdecls[i];
		const struct lw_fn_info *fi = lw_model_fn(m, i);
		msgpack_pack_array(pk, 7);
		pk_int(pk, fd->name);
		pk_loc(pk, fd->loc);
		pk_int(pk, fd->flags);
		msgpack_pack_array(pk, fd->nparams);
		for (uint32_t k = 0; k < fd->nparams; k++)
			pk_int(pk, fd->params[k].name);
		pk_int(pk, fi->flags);
		msgpack_pack_array(pk, fi->neffects);
		for (uint32_t k = 0; k < fi->neffects; k++) {
			const struct lw_effect *e = &fi->effects[k];
			msgpack_pack_array(pk, 6);
			pk_int(pk, e->kind);
			pk_path(pk, &e->lock);
			pk_int(pk, e->cls.record);
			pk_int(pk, e->cls.name);
			pk_int(pk, e->ret);
			pk_loc(pk, e->loc);
		}
		/* The definition's place identifies a static function. */
		pk_loc(pk, fd->func >= 0 ? tu->funcs[fd->func].loc : fd->loc);
	}
	msgpack_pack_array(pk, tu->nfuncs);
	for (uint32_t i = 0; i < tu->nfuncs; i++)
		pk_func(pk, &tu->funcs[i]);

	msgpack_pack_array(pk, diags.n);
	for (uint32_t i = 0; i < diags.n; i++) {
		const struct lw_diag *d = &diags.items[i];
		msgpack_pack_array(pk, 5);
		pk_int(pk, d->kind);
		pk_loc(pk, d->loc);
		pk_str(pk, d->msg);
		pk_str(pk, d->function ? d->function : "");
		msgpack_pack_array(pk, d->nnotes);
		for (uint32_t k = 0; k < d->nnotes; k++) {
			msgpack_pack_array(pk, 2);
			pk_loc(pk, d->notes[k].loc);
			pk_str(pk, d->notes[k].msg);
		}
	}
	msgpack_pack_array(pk, tu->nsupp);
	for (uint32_t i = 0; i < tu->nsupp; i++) {
		msgpack_pack_array(pk, 3);
		pk_int(pk, tu->supp[i].file);
		pk_int(pk, tu->supp[i].line);
		pk_str(pk, tu->supp[i].ids);
	}
	msgpack_pack_array(pk, tu->nsc_matched);
	for (uint32_t i = 0; i < tu->nsc_matched; i++)
		pk_str(pk, tu->sc_matched[i]);

	lw_model_free(m);
	lw_arena_free(A);

	int rc = write_atomically(path, sb.data, sb.size);
	msgpack_sbuffer_destroy(&sb);
	if (rc != 0) {
		snprintf(err, errlen, "cannot write facts file '%s': %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- reading -------------------------------------------------------------------- */

typedef const msgpack_object mobj;

struct reader {
	struct lw_program *p;
	struct lw_tu *tu; /* the program's */
	char *err;
	size_t errlen;
	int failed;
	const char *path;
	struct lw_arena *scratch; /* NUL-terminated copies, freed at the end */
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

/* Like jansson's accessors: NULL or 0 for a missing element or a non-array. */
static int is_arr(mobj *o)
{
	return o && o->type == MSGPACK_OBJECT_ARRAY;
}

static size_t asize(mobj *a)
{
	return is_arr(a) ? a->via.array.size : 0;
}

static mobj *aget(mobj *a, size_t i)
{
	return is_arr(a) && i < a->via.array.size ? &a->via.array.ptr[i] : NULL;
}

static int is_int(mobj *o)
{
	return o && (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER ||
		     (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER && o->via.u64 <= INT64_MAX));
}

static int64_t ival(mobj *o)
{
	return o->type == MSGPACK_OBJECT_POSITIVE_INTEGER ? (int64_t)o->via.u64 : o->via.i64;
}

/* A string (without NUL bytes, as JSON had them) or NULL; *len its length. */
static const char *sval(mobj *o, size_t *len)
{
	if (!o || o->type != MSGPACK_OBJECT_STR)
		return NULL;
	const char *s = o->via.str.size ? o->via.str.ptr : "";
	if (memchr(s, 0, o->via.str.size))
		return NULL;
	*len = o->via.str.size;
	return s;
}

/* The same, NUL-terminated (a copy in the scratch arena). */
static const char *cstr(struct reader *r, mobj *o)
{
	size_t n;
	const char *s = sval(o, &n);
	if (!s)
		return NULL;
	char *c = lw_arena_alloc(r->scratch, n + 1);
	memcpy(c, s, n);
	c[n] = 0;
	return c;
}

static int64_t jint(struct reader *r, mobj *a, size_t i)
{
	mobj *v = aget(a, i);
	if (!is_int(v)) {
		fail(r, "expected an integer");
		return 0;
	}
	return ival(v);
}

static mobj *jarr(struct reader *r, mobj *a, size_t i)
{
	mobj *v = aget(a, i);
	if (!is_arr(v)) {
		fail(r, "expected an array");
		return NULL;
	}
	return v;
}

static lw_str rstr(struct reader *r, int64_t id)
{
	if (id < 0 || (uint64_t)id >= r->nstr) {
		fail(r, "string id out of range");
		return 0;
	}
	return r->str[id];
}

static uint32_t rfile(struct reader *r, int64_t id)
{
	if (id < 0 || (uint64_t)id >= r->nfile) {
		fail(r, "file id out of range");
		return 0;
	}
	return r->file[id];
}

static struct lw_loc rloc(struct reader *r, mobj *a)
{
	struct lw_loc l = {0, 0, 0};
	if (!is_arr(a) || asize(a) != 3) {
		fail(r, "bad location");
		return l;
	}
	l.file = rfile(r, jint(r, a, 0));
	l.line = (uint32_t)jint(r, a, 1);
	l.col = (uint32_t)jint(r, a, 2);
	return l;
}

static struct lw_path rpath(struct reader *r, mobj *a)
{
	struct lw_path p;
	memset(&p, 0, sizeof(p));
	if (is_int(a))
		return p;
	if (!is_arr(a) || asize(a) != 3) {
		fail(r, "bad path");
		return p;
	}
	p.root_kind = (uint8_t)jint(r, a, 0);
	int64_t root = jint(r, a, 1);
	if (p.root_kind == LW_ROOT_GLOBAL)
		p.root = rstr(r, root);
	else if (p.root_kind > LW_ROOT_RESULT || root < 0 || root > UINT32_MAX)
		fail(r, "bad path root");
	else
		p.root = (uint32_t)root;
	mobj *steps = jarr(r, a, 2);
	size_t n = asize(steps);
	if (n > UINT16_MAX)
		fail(r, "path too long");
	if (r->failed || !n)
		return p;
	struct lw_step *st = lw_arena_alloc(r->tu->arena, n * sizeof(*st));
	for (size_t i = 0; i < n; i++) {
		mobj *s = aget(steps, i);
		if (!is_arr(s) || asize(s) != 3) {
			fail(r, "bad path step");
			return p;
		}
		int64_t kf = jint(r, s, 0);
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

static struct lw_value rvalue(struct reader *r, mobj *a)
{
	struct lw_value v;
	memset(&v, 0, sizeof(v));
	if (!is_arr(a) || asize(a) != 3) {
		fail(r, "bad value");
		return v;
	}
	v.kind = (uint8_t)jint(r, a, 0);
	if (v.kind > LW_VAL_NEW)
		fail(r, "bad value kind");
	v.k = jint(r, a, 1);
	v.path = rpath(r, aget(a, 2));
	return v;
}

static struct lw_field_info rfield_info(struct reader *r, mobj *a, lw_str *rec, lw_str *name)
{
	struct lw_field_info fi;
	memset(&fi, 0, sizeof(fi));
	if (!is_arr(a) || asize(a) != 10) {
		fail(r, "bad field entry");
		return fi;
	}
	*rec = jint(r, a, 0) ? rstr(r, jint(r, a, 0)) : 0;
	*name = rstr(r, jint(r, a, 1));
	fi.cls = (uint8_t)jint(r, a, 2);
	fi.driver_lock = (uint8_t)jint(r, a, 3);
	fi.is_lock = (uint8_t)jint(r, a, 4);
	fi.lock_global = jint(r, a, 5) ? rstr(r, jint(r, a, 5)) : 0;
	mobj *steps = jarr(r, a, 6);
	size_t n = asize(steps);
	if (n > UINT16_MAX)
		fail(r, "path too long");
	if (n && !r->failed) {
		struct lw_step *st = lw_arena_alloc(r->tu->arena, n * sizeof(*st));
		for (size_t i = 0; i < n && !r->failed; i++) {
			mobj *s = aget(steps, i);
			st[i].kind = (uint8_t)jint(r, s, 0);
			st[i].record = rstr(r, jint(r, s, 1));
			st[i].field = rstr(r, jint(r, s, 2));
		}
		fi.lock_steps = st;
		fi.nlock_steps = (uint16_t)n;
	}
	fi.lock_cls.record = jint(r, a, 7) ? rstr(r, jint(r, a, 7)) : 0;
	fi.lock_cls.name = jint(r, a, 8) ? rstr(r, jint(r, a, 8)) : 0;
	fi.loc = rloc(r, aget(a, 9));
	return fi;
}

/* The first bytes of a facts file: the top-level array's header and the
 * version, as lw_facts_write() packs them.  Returns their length. */
static size_t facts_header(char out[16])
{
	msgpack_sbuffer sb;
	msgpack_sbuffer_init(&sb);
	msgpack_packer pk;
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	msgpack_pack_array(&pk, S__COUNT);
	pk_int(&pk, LW_FACTS_VERSION);
	size_t n = sb.size < 16 ? sb.size : 16;
	memcpy(out, sb.data, n);
	msgpack_sbuffer_destroy(&sb);
	return n;
}

/* The facts file starts as lw_facts_write() writes it (a cheap check; the
 * whole file is unpacked when it is linked). */
static int facts_header_ok(const char *path)
{
	char want[16], got[16];
	size_t n = facts_header(want);
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t r = fread(got, 1, n, f);
	fclose(f);
	return r == n && !memcmp(got, want, n);
}

int lw_facts_deps(const char *path, int (*fn)(void *ctx, const char *dep, const char *hash),
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


static void read_fdecls(struct reader *r, mobj *fdecls)
{
	r->ndecl = asize(fdecls);
	r->decl = g_new0(uint32_t, r->ndecl + 1);
	for (size_t i = 0; i < r->ndecl && !r->failed; i++) {
		mobj *a = aget(fdecls, i);
		if (!is_arr(a) || asize(a) != 7) {
			fail(r, "bad function declaration");
			return;
		}
		struct lw_fdecl fd;
		memset(&fd, 0, sizeof(fd));
		fd.name = rstr(r, jint(r, a, 0));
		fd.loc = rloc(r, aget(a, 1));
		fd.flags = (uint32_t)jint(r, a, 2) & ~(uint32_t)LW_FD_HAS_BODY;
		mobj *params = jarr(r, a, 3);
		fd.nparams = (uint32_t)asize(params);
		struct lw_var *pv = fd.nparams ? g_new0(struct lw_var, fd.nparams) : NULL;
		for (uint32_t k = 0; k < fd.nparams; k++)
			pv[k].name = rstr(r, jint(r, params, k));
		fd.params = pv;
		struct lw_loc def = rloc(r, aget(a, 6));
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
		mobj *effects = jarr(r, a, 5);
		size_t ne = asize(effects);
		struct lw_effect *ef = ne ? lw_arena_alloc(r->tu->arena, ne * sizeof(*ef)) : NULL;
		for (size_t k = 0; k < ne && !r->failed; k++) {
			mobj *e = aget(effects, k);
			if (!is_arr(e) || asize(e) != 6) {
				fail(r, "bad effect");
				return;
			}
			ef[k].kind = (uint8_t)jint(r, e, 0);
			ef[k].lock = rpath(r, aget(e, 1));
			ef[k].cls.record = jint(r, e, 2) ? rstr(r, jint(r, e, 2)) : 0;
			ef[k].cls.name = jint(r, e, 3) ? rstr(r, jint(r, e, 3)) : 0;
			ef[k].ret = jint(r, e, 4);
			ef[k].loc = rloc(r, aget(e, 5));
		}
		if (!r->failed)
			lw_model_add_fn(r->p->model, idx, (uint32_t)jint(r, a, 4), ef, (uint32_t)ne);
	}
}

static int read_events(struct reader *r, mobj *evs, struct lw_event *out, size_t n)
{
	for (size_t i = 0; i < n && !r->failed; i++) {
		mobj *a = aget(evs, i);
		if (!is_arr(a) || asize(a) != 13)
			return fail(r, "bad event");
		struct lw_event *e = &out[i];
		memset(e, 0, sizeof(*e));
		e->kind = (uint8_t)jint(r, a, 0);
		e->mode = (uint8_t)jint(r, a, 1);
		e->flags = (uint16_t)jint(r, a, 2);
		e->loc = rloc(r, aget(a, 3));
		e->id = (uint32_t)jint(r, a, 4);
		int64_t callee = jint(r, a, 5);
		e->callee = callee ? rstr(r, callee) : 0;
		int64_t d = jint(r, a, 6);
		if (d >= 0 && (uint64_t)d >= r->ndecl)
			return fail(r, "callee declaration out of range");
		e->decl = d >= 0 ? (int32_t)r->decl[d] : -1;
		mobj *args = jarr(r, a, 8);
		e->nargs = (uint32_t)asize(args);
		if (e->nargs) {
			struct lw_value *av = g_new0(struct lw_value, e->nargs);
			for (uint32_t k = 0; k < e->nargs; k++)
				av[k] = rvalue(r, aget(args, k));
			e->args = av;
		}
		e->path = rpath(r, aget(a, 9));
		e->value = rvalue(r, aget(a, 10));
		e->call_id = (uint32_t)jint(r, a, 11);
		e->what = cstr(r, aget(a, 12)); /* a string, or nil */
		if (e->kind >= LW_EV__COUNT)
			return fail(r, "bad event kind");
	}
	return r->failed ? -1 : 0;
}

static void read_funcs(struct reader *r, mobj *funcs)
{
	size_t nf = asize(funcs);
	for (size_t i = 0; i < nf && !r->failed; i++) {
		mobj *a = aget(funcs, i);
		if (!is_arr(a) || asize(a) != 8) {
			fail(r, "bad function");
			return;
		}
		int64_t d = jint(r, a, 1);
		if (d < 0 || (uint64_t)d >= r->ndecl) {
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
		fn.loc = rloc(r, aget(a, 2));
		mobj *locals = jarr(r, a, 3);
		fn.nlocals = (uint32_t)asize(locals);
		struct lw_var *lv = fn.nlocals ? g_new0(struct lw_var, fn.nlocals) : NULL;
		for (uint32_t k = 0; k < fn.nlocals; k++)
			lv[k].name = rstr(r, jint(r, locals, k));
		fn.locals = lv;
		fn.entry = (uint32_t)jint(r, a, 4);
		fn.exit = (uint32_t)jint(r, a, 5);
		fn.ncalls = (uint32_t)jint(r, a, 6);
		mobj *blocks = jarr(r, a, 7);
		fn.nblocks = (uint32_t)asize(blocks);
		struct lw_block *bl = g_new0(struct lw_block, fn.nblocks + 1);
		GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
		for (uint32_t b = 0; b < fn.nblocks && !r->failed; b++) {
			mobj *jb = aget(blocks, b);
			mobj *evs = jarr(r, jb, 0), *succ = jarr(r, jb, 1);
			if (r->failed)
				break;
			bl[b].nevents = (uint32_t)asize(evs);
			struct lw_event *ev = g_new0(struct lw_event, bl[b].nevents + 1);
			g_ptr_array_add(owned, ev);
			read_events(r, evs, ev, bl[b].nevents);
			for (uint32_t k = 0; k < bl[b].nevents; k++)
				if (ev[k].args)
					g_ptr_array_add(owned, (void *)ev[k].args);
			bl[b].events = ev;
			bl[b].nsucc = (uint32_t)asize(succ);
			struct lw_edge *ed = g_new0(struct lw_edge, bl[b].nsucc + 1);
			g_ptr_array_add(owned, ed);
			for (uint32_t k = 0; k < bl[b].nsucc && !r->failed; k++) {
				mobj *je = aget(succ, k);
				ed[k].target = (uint32_t)jint(r, je, 0);
				mobj *conds = jarr(r, je, 1);
				ed[k].nconds = (uint32_t)asize(conds);
				struct lw_cond *c = g_new0(struct lw_cond, ed[k].nconds + 1);
				g_ptr_array_add(owned, c);
				for (uint32_t x = 0; x < ed[k].nconds; x++) {
					mobj *jc = aget(conds, x);
					c[x].op = (uint8_t)jint(r, jc, 0);
					c[x].k = jint(r, jc, 1);
					c[x].val = rvalue(r, aget(jc, 2));
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

static void add_field_entry(struct reader *r, mobj *a, int global)
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

static void read_sections(struct reader *r, mobj *root)
{
	struct lw_program *p = r->p;
	/* A failure part-way leaves the program with some of this file's
	 * declarations: harmless, and the driver reports the file as failed.
	 * Validate the cheap, global parts first. */
	mobj *strs = aget(root, S_STRINGS), *files = aget(root, S_FILES);
	if (!is_arr(strs) || !is_arr(files)) {
		fail(r, "no string or file table");
		return;
	}
	r->nstr = asize(strs);
	r->str = g_new0(lw_str, r->nstr + 1);
	for (size_t i = 0; i < r->nstr && !r->failed; i++) {
		size_t n;
		const char *s = sval(aget(strs, i), &n);
		if (!s)
			fail(r, "string table entry is not a string");
		else
			r->str[i] = lw_intern(p->tu, s, n);
	}
	r->nfile = asize(files);
	r->file = g_new0(uint32_t, r->nfile + 1);
	for (size_t i = 0; i < r->nfile && !r->failed; i++) {
		const char *s = cstr(r, aget(files, i));
		if (!s)
			fail(r, "file table entry is not a string");
		else
			r->file[i] = i == 0 ? 0 : lw_tu_file(p->tu, s);
	}
	mobj *fields = aget(root, S_FIELDS), *globals = aget(root, S_GLOBALS),
	     *locks = aget(root, S_LOCKS), *fdecls = aget(root, S_FDECLS),
	     *funcs = aget(root, S_FUNCS), *diags = aget(root, S_DIAGS),
	     *supp = aget(root, S_SUPPRESSIONS), *scm = aget(root, S_SIDECAR_MATCHED);
	if (!r->failed && (!is_arr(fields) || !is_arr(globals) || !is_arr(locks) ||
			   !is_arr(fdecls) || !is_arr(funcs) || !is_arr(diags) || !is_arr(supp) ||
			   !is_arr(scm)))
		fail(r, "a section is missing");
	for (size_t i = 0; !r->failed && i < asize(fields); i++)
		add_field_entry(r, aget(fields, i), 0);
	for (size_t i = 0; !r->failed && i < asize(globals); i++)
		add_field_entry(r, aget(globals, i), 1);
	for (size_t i = 0; !r->failed && i < asize(locks); i++) {
		mobj *a = aget(locks, i);
		struct lw_lockclass c = {jint(r, a, 0) ? rstr(r, jint(r, a, 0)) : 0,
					 jint(r, a, 1) ? rstr(r, jint(r, a, 1)) : 0};
		int drv = (int)jint(r, a, 2);
		if (!r->failed)
			lw_model_add_lock(p->model, c, drv);
	}
	if (!r->failed)
		read_fdecls(r, fdecls);
	if (!r->failed)
		read_funcs(r, funcs);
	for (size_t i = 0; !r->failed && i < asize(diags); i++) {
		mobj *a = aget(diags, i);
		int64_t kind = jint(r, a, 0);
		struct lw_loc loc = rloc(r, aget(a, 1));
		const char *msg = cstr(r, aget(a, 2));
		if (kind < 0 || kind >= LW_DIAG__COUNT || !msg) {
			fail(r, "bad finding");
			break;
		}
		/* The message is already complete: re-add it verbatim. */
		struct lw_diag *d = lw__diag_add(&p->diags, LW_DIAG_BAD_ANNOTATION, loc, "");
		d->kind = (enum lw_diag_kind)kind;
		d->check = lw__diag_check(d->kind);
		d->sev = lw__diag_severity(d->kind);
		d->msg = lw_arena_strdup(p->darena, msg);
		mobj *notes = jarr(r, a, 4);
		for (size_t k = 0; !r->failed && k < asize(notes); k++) {
			mobj *n = aget(notes, k);
			struct lw_loc nl = rloc(r, aget(n, 0));
			const char *nm = cstr(r, aget(n, 1));
			if (nm)
				lw__diag_note(&p->diags, d, LW_NOTE_OTHER_ANNOTATION, nl, "");
			if (nm && d->nnotes)
				((struct lw_note *)d->notes)[d->nnotes - 1].msg = lw_arena_strdup(p->darena, nm);
		}
	}
	for (size_t i = 0; !r->failed && i < asize(supp); i++) {
		mobj *a = aget(supp, i);
		size_t n;
		const char *ids = sval(aget(a, 2), &n);
		uint32_t f = rfile(r, jint(r, a, 0));
		if (!ids)
			fail(r, "bad suppression");
		else if (!r->failed)
			lw_tu_add_suppression(p->tu, f, (uint32_t)jint(r, a, 1), ids, n);
	}
	for (size_t i = 0; !r->failed && i < asize(scm); i++) {
		size_t n;
		const char *k = sval(aget(scm, i), &n);
		if (k)
			g_hash_table_add(p->scmatched, g_strndup(k, n));
	}
}

/* Checks the structure of MessagePack data before msgpack-c unpacks it:
 * every length within the data, and no more elements promised than bytes
 * left (each takes one at least), so that a corrupt count cannot make the
 * unpacker allocate gigabytes for an array that is not there.  Returns
 * NULL or what is wrong. */
static const char *mp_check(const unsigned char *p, size_t len)
{
	size_t off = 0, need = 1; /* objects still to come */
	while (need) {
		if (off >= len)
			return "truncated";
		need--;
		unsigned b = p[off++];
		size_t hdr = 0, body = 0, elems = 0; /* hdr: big-endian length bytes */
		int kind = 0; /* 0 scalar, 1 string-like (hdr is a length), 2 array, 3 map */
		if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3)
			;
		else if (b <= 0x8f)
			elems = 2 * (size_t)(b & 0xf);
		else if (b <= 0x9f)
			elems = b & 0xf;
		else if (b <= 0xbf)
			body = b & 0x1f;
		else if (b == 0xc1)
			return "not MessagePack";
		else if (b <= 0xc6)
			kind = 1, hdr = (size_t)1 << (b - 0xc4); /* bin 8/16/32 */
		else if (b <= 0xc9)
			kind = 1, hdr = (size_t)1 << (b - 0xc7), body = 1; /* ext: + type */
		else if (b == 0xca)
			body = 4;
		else if (b == 0xcb)
			body = 8;
		else if (b <= 0xcf)
			body = (size_t)1 << (b - 0xcc);
		else if (b <= 0xd3)
			body = (size_t)1 << (b - 0xd0);
		else if (b <= 0xd8)
			body = 1 + ((size_t)1 << (b - 0xd4)); /* fixext */
		else if (b <= 0xdb)
			kind = 1, hdr = b == 0xd9 ? 1 : b == 0xda ? 2 : 4;
		else if (b <= 0xdd)
			kind = 2, hdr = b == 0xdc ? 2 : 4;
		else
			kind = 3, hdr = b == 0xde ? 2 : 4;
		if (hdr > len - off)
			return "truncated";
		size_t n = 0;
		for (size_t i = 0; i < hdr; i++)
			n = n << 8 | p[off + i];
		off += hdr;
		if (kind == 1)
			body += n;
		else if (kind == 2)
			elems = n;
		else if (kind == 3)
			elems = 2 * n;
		if (body > len - off)
			return "truncated";
		off += body;
		if (elems > len - off || need + elems > len - off)
			return "a length runs past the end";
		need += elems;
	}
	return off == len ? NULL : "data after the end";
}

int lw_program_add_facts(struct lw_program *p, const char *path, char *err, size_t errlen)
{
	gchar *data = NULL;
	gsize len = 0;
	GError *ge = NULL;
	if (!g_file_get_contents(path, &data, &len, &ge)) {
		snprintf(err, errlen, "%s: cannot read facts: %s", path, ge->message);
		g_error_free(ge);
		return -1;
	}
	/* One object, the whole file; strings in it point into data. */
	msgpack_unpacked u;
	msgpack_unpacked_init(&u);
	size_t off = 0;
	const char *bad = mp_check((const unsigned char *)data, len);
	msgpack_unpack_return ur = bad ? MSGPACK_UNPACK_PARSE_ERROR
				       : msgpack_unpack_next(&u, data, len, &off);
	if (!bad && ur == MSGPACK_UNPACK_SUCCESS && off != len)
		bad = "data after the end";
	if (bad || ur != MSGPACK_UNPACK_SUCCESS) {
		snprintf(err, errlen, "%s: cannot read facts: %s", path,
			 bad				   ? bad
			 : ur == MSGPACK_UNPACK_CONTINUE   ? "truncated"
			 : ur == MSGPACK_UNPACK_NOMEM_ERROR ? "out of memory"
							   : "not MessagePack");
		msgpack_unpacked_destroy(&u);
		g_free(data);
		return -1;
	}
	mobj *root = &u.data;
	mobj *v = aget(root, S_VERSION);
	if (!is_int(v) || ival(v) != LW_FACTS_VERSION) {
		snprintf(err, errlen, "%s: not a facts file of version %d", path, LW_FACTS_VERSION);
		msgpack_unpacked_destroy(&u);
		g_free(data);
		return -1;
	}
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.tu = p->tu;
	r.err = err;
	r.errlen = errlen;
	r.path = path;
	r.scratch = lw_arena_new();
	if (asize(root) != S__COUNT)
		fail(&r, "a section is missing");
	else
		read_sections(&r, root);
	g_free(r.str);
	g_free(r.file);
	g_free(r.decl);
	lw_arena_free(r.scratch);
	msgpack_unpacked_destroy(&u);
	g_free(data);
	return r.failed ? -1 : 0;
}

unsigned lw_program_analyze(struct lw_program *p, const struct lw_options *o,
			    const struct lw_diag_sink *sink)
{
	return lw__analyze(p->tu, p->model, &p->diags, o, sink);
}

/* XXH3-128 (libxxhash): the cache compares every dependency of every unit
 * (hundreds of headers each), and a cryptographic hash cost seconds over a
 * program the size of libvirt.  Collisions are not an attack surface here:
 * the files are the user's own. */
int lw_hash_file(const char *path, char out[LW_HASH_HEX])
{
	gchar *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &data, &len, NULL))
		return -1;
	XXH128_hash_t h = XXH3_128bits(data, len);
	snprintf(out, LW_HASH_HEX, "%016llx%016llx", (unsigned long long)h.high64,
		 (unsigned long long)h.low64);
	g_free(data);
	return 0;
}

int lw_program_sidecar_matched(const struct lw_program *p, const char *key)
{
	return g_hash_table_contains(p->scmatched, key);
}
