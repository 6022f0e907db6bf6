/*
 * facts-read.c - reading and checking one unit's facts file (driver side),
 * and its .deps side file for the cache; linking what was read is
 * link.c's business.
 *
 * A facts file may be damaged, cut short, of another version or not a
 * facts file at all: each is an error with a message naming the file and
 * what is wrong, never a crash or an abort.  Four layers of checks, in this
 * order: mp_check() walks the raw MessagePack bytes by hand, because
 * msgpack-c trusts the counts it reads (see there); msgpack-c then unpacks
 * the whole file into zone-allocated objects; the version and the checksum
 * (facts-format.h) are compared; last, every record is checked while it is
 * read: its size against the count in facts-format.h, every id and index in
 * range, every kind known, every function body by lw_ir_verify().  The
 * format is in docs/facts.md.
 */
#include "program.h"

#include <errno.h>
#include <glib.h>
#include <jansson.h>
#include <msgpack.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "annot.h"
#include "facts-format.h"
#include "link.h"
#include "report.h"

typedef const msgpack_object mobj;

struct reader {
	struct lw_program *p;
	struct lw_tu *tu; /* the program's */
	char *err;
	size_t errlen;
	int failed;
	const char *path;
	struct lw_arena *scratch; /* what is copied again when linked; freed at the end */
	/* maps from this file's numbering to the program's */
	lw_str *str;
	size_t nstr;
	/* the same, for the name of a global: a file-static global is one of
	 * this unit's, "name@file" in the program (two files' static locks
	 * are two locks); lw_path_print shows the name alone */
	lw_str *gstr;
	uint32_t *file;
	size_t nfile;
	uint32_t *decl;
	size_t ndecl;
};

/* Records the first failure only: later ones follow from it. */
static int fail(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct reader *r, const char *fmt, ...)
{
	if (!r->failed) {
		char what[256];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(what, sizeof(what), fmt, ap);
		va_end(ap);
		snprintf(r->err, r->errlen, "%s: malformed facts file: %s", r->path, what);
	}
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

/* A string (without NUL bytes) or NULL; *len its length. */
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
	size_t n = 0;
	const char *s = sval(o, &n);
	return s ? lw_arena_strndup(r->scratch, s, n) : NULL;
}

/* o if it is a record of n slots, else NULL (and the read fails). */
static mobj *rec(struct reader *r, mobj *o, size_t n, const char *what)
{
	if (!is_arr(o) || asize(o) != n) {
		fail(r, "bad %s", what);
		return NULL;
	}
	return o;
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

/* Slot i as an integer from lo to hi. */
static int64_t jnum(struct reader *r, mobj *a, size_t i, int64_t lo, int64_t hi, const char *what)
{
	int64_t v = jint(r, a, i);
	if (!r->failed && (v < lo || v > hi))
		fail(r, "bad %s %lld", what, (long long)v);
	return r->failed ? 0 : v;
}

static uint32_t ju32(struct reader *r, mobj *a, size_t i, const char *what)
{
	return (uint32_t)jnum(r, a, i, 0, UINT32_MAX, what);
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


/* A string id of this file (slot i of a), as the program's. */
static lw_str rstr(struct reader *r, mobj *a, size_t i)
{
	int64_t id = jint(r, a, i);
	if (r->failed)
		return 0;
	if (id < 0 || (uint64_t)id >= r->nstr) {
		fail(r, "string id %lld out of range", (long long)id);
		return 0;
	}
	return r->str[id];
}

/* A global's name (string id in slot i of a), as the program's: rstr()
 * checked the id. */
static lw_str rgstr(struct reader *r, mobj *a, size_t i)
{
	rstr(r, a, i);
	return r->failed ? 0 : r->gstr[jint(r, a, i)];
}

/* A lock class of this file: a global lock's name is a global's. */
static struct lw_lockclass rclass(struct reader *r, mobj *a, size_t ri, size_t ni)
{
	struct lw_lockclass c;
	c.record = rstr(r, a, ri);
	c.name = c.record ? rstr(r, a, ni) : rgstr(r, a, ni);
	return c;
}


static uint32_t rfile(struct reader *r, mobj *a, size_t i)
{
	int64_t id = jint(r, a, i);
	if (r->failed)
		return 0;
	if (id < 0 || (uint64_t)id >= r->nfile) {
		fail(r, "file id %lld out of range", (long long)id);
		return 0;
	}
	return r->file[id];
}

/* A declaration index of this file, as the program's, or -1 for none. */
static int32_t rdecl(struct reader *r, mobj *a, size_t i, int none_ok)
{
	int64_t d = jint(r, a, i);
	if (r->failed)
		return -1;
	if (d == -1 && none_ok)
		return -1;
	if (d < 0 || (uint64_t)d >= r->ndecl) {
		fail(r, "declaration %lld out of range", (long long)d);
		return -1;
	}
	return (int32_t)r->decl[d];
}

static struct lw_loc rloc(struct reader *r, mobj *o)
{
	struct lw_loc l = {0, 0, 0};
	mobj *a = rec(r, o, FX_LOC__N, "location");
	l.file = rfile(r, a, FX_LOC_FILE);
	l.line = ju32(r, a, FX_LOC_LINE, "line");
	l.col = ju32(r, a, FX_LOC_COL, "column");
	return l;
}

/* Steps into arena A: the program's for the model, which keeps them, the
 * scratch arena for function bodies, which lw_tu_add_func() copies. */
static const struct lw_step *rsteps(struct reader *r, mobj *a, struct lw_arena *A, uint16_t *n)
{
	size_t ns = asize(a);
	*n = 0;
	if (ns > UINT16_MAX)
		fail(r, "path too long");
	if (r->failed || !ns)
		return NULL;
	struct lw_step *st = lw_arena_alloc(A, ns * sizeof(*st));
	for (size_t i = 0; i < ns && !r->failed; i++) {
		mobj *s = rec(r, aget(a, i), FX_STEP__N, "path step");
		int64_t kf = jnum(r, s, FX_STEP_KIND_FLAGS, 0, 0xff, "step");
		st[i].kind = (uint8_t)(kf & ((1 << FX_STEP_FLAGS_SHIFT) - 1));
		st[i].flags = (uint8_t)(kf >> FX_STEP_FLAGS_SHIFT);
		if (st[i].kind > LW_STEP_FIELD)
			fail(r, "bad step kind %u", st[i].kind);
		st[i].record = rstr(r, s, FX_STEP_RECORD);
		st[i].field = rstr(r, s, FX_STEP_FIELD);
	}
	*n = (uint16_t)ns;
	return st;
}

static struct lw_path rpath(struct reader *r, mobj *o, struct lw_arena *A)
{
	struct lw_path p;
	memset(&p, 0, sizeof(p));
	if (is_int(o) && ival(o) == 0)
		return p;
	mobj *a = rec(r, o, FX_PATH__N, "path");
	p.root_kind = (uint8_t)jnum(r, a, FX_PATH_ROOT_KIND, LW_ROOT_PARAM, LW_ROOT_RESULT,
				    "path root kind");
	if (p.root_kind == LW_ROOT_GLOBAL)
		p.root = rgstr(r, a, FX_PATH_ROOT);
	else
		p.root = ju32(r, a, FX_PATH_ROOT, "path root");
	p.steps = rsteps(r, jarr(r, a, FX_PATH_STEPS), A, &p.nsteps);
	return p;
}

static struct lw_value rvalue(struct reader *r, mobj *o, struct lw_arena *A)
{
	struct lw_value v;
	memset(&v, 0, sizeof(v));
	mobj *a = rec(r, o, FX_VALUE__N, "value");
	v.kind = (uint8_t)jnum(r, a, FX_VALUE_KIND, LW_VAL_UNKNOWN, LW_VAL_FUNC, "value kind");
	/* a function value names a declaration: this file's index, the
	 * program's once read */
	v.k = v.kind == LW_VAL_FUNC ? rdecl(r, a, FX_VALUE_K, 0) : jint(r, a, FX_VALUE_K);
	v.path = rpath(r, aget(a, FX_VALUE_PATH), A);
	return v;
}

/* One entry of the fields or globals section, into the program's model. */
static void read_field(struct reader *r, mobj *o, int global)
{
	struct lw_field_info fi;
	memset(&fi, 0, sizeof(fi));
	mobj *a = rec(r, o, FX_FIELD__N, global ? "global" : "field");
	lw_str record = rstr(r, a, FX_FIELD_RECORD);
	lw_str name = global ? rgstr(r, a, FX_FIELD_NAME) : rstr(r, a, FX_FIELD_NAME);
	fi.cls = (uint8_t)jnum(r, a, FX_FIELD_CLS, LW_FC_NONE, LW_FC_ATOMIC, "field class");
	fi.driver_lock = (uint8_t)jnum(r, a, FX_FIELD_DRIVER_LOCK, 0, 1, "driver-lock flag");
	fi.is_lock = (uint8_t)jnum(r, a, FX_FIELD_IS_LOCK, 0, 1, "is-lock flag");
	fi.lock_global = rgstr(r, a, FX_FIELD_LOCK_GLOBAL);
	fi.lock_steps = rsteps(r, jarr(r, a, FX_FIELD_LOCK_STEPS), r->tu->arena, &fi.nlock_steps);
	fi.lock_cls = rclass(r, a, FX_FIELD_LOCK_CLASS_RECORD, FX_FIELD_LOCK_CLASS_NAME);
	fi.loc = rloc(r, aget(a, FX_FIELD_LOC));
	fi.cls_loc = rloc(r, aget(a, FX_FIELD_CLS_LOC));
	fi.calls = (uint8_t)jnum(r, a, FX_FIELD_CALLS, LW_FP_ANY, LW_FP_NONBLOCKING, "function pointer calls");
	fi.recursive = (uint8_t)jnum(r, a, FX_FIELD_RECURSIVE, 0, 1, "recursive flag");
	if (r->failed)
		return;
	lw__link_field(r->p, global ? 0 : record, name, &fi);
}

static void read_lock(struct reader *r, mobj *o)
{
	mobj *a = rec(r, o, FX_LOCK__N, "lock");
	struct lw_lockclass c = rclass(r, a, FX_LOCK_RECORD, FX_LOCK_NAME);
	int driver = (int)jnum(r, a, FX_LOCK_DRIVER, 0, 1, "driver-lock flag");
	if (!r->failed)
		lw_model_add_lock(lw__program_model(r->p), c, driver);
}

static void read_fdecl(struct reader *r, mobj *o, size_t i)
{
	mobj *a = rec(r, o, FX_FDECL__N, "function declaration");
	struct lw_fdecl fd;
	memset(&fd, 0, sizeof(fd));
	fd.name = rstr(r, a, FX_FDECL_NAME);
	fd.loc = rloc(r, aget(a, FX_FDECL_LOC));
	/* Which body the program keeps is linking's to say. */
	fd.flags = ju32(r, a, FX_FDECL_FLAGS, "declaration flags") & ~(uint32_t)LW_FD_HAS_BODY;
	mobj *params = jarr(r, a, FX_FDECL_PARAMS);
	fd.nparams = (uint32_t)asize(params);
	struct lw_var *pv = fd.nparams ? lw_arena_alloc(r->scratch, fd.nparams * sizeof(*pv)) : NULL;
	for (uint32_t k = 0; k < fd.nparams; k++)
		pv[k].name = rstr(r, params, k);
	fd.params = pv;
	uint32_t fn_flags = ju32(r, a, FX_FDECL_FN_FLAGS, "function flags");
	struct lw_loc def = rloc(r, aget(a, FX_FDECL_DEF_LOC));
	struct lw_loc flag_loc[2] = {rloc(r, aget(a, FX_FDECL_BLOCKING_LOC)),
				     rloc(r, aget(a, FX_FDECL_NONBLOCKING_LOC))};
	if (r->failed)
		return;
	uint32_t idx = lw__link_fdecl(r->p, &fd, def);
	r->decl[i] = idx;
	/* Effects in the program's strings, kept by the model. */
	mobj *effects = jarr(r, a, FX_FDECL_EFFECTS);
	size_t ne = asize(effects);
	struct lw_effect *ef = ne ? lw_arena_alloc(r->tu->arena, ne * sizeof(*ef)) : NULL;
	for (size_t k = 0; k < ne && !r->failed; k++) {
		mobj *e = rec(r, aget(effects, k), FX_EFFECT__N, "effect");
		ef[k].kind = (uint8_t)jnum(r, e, FX_EFFECT_KIND, 0, LW_AN__COUNT - 1, "effect kind");
		ef[k].lock = rpath(r, aget(e, FX_EFFECT_LOCK), r->tu->arena);
		ef[k].cls = rclass(r, e, FX_EFFECT_CLASS_RECORD, FX_EFFECT_CLASS_NAME);
		ef[k].ret = jint(r, e, FX_EFFECT_RET);
		ef[k].loc = rloc(r, aget(e, FX_EFFECT_LOC));
	}
	if (!r->failed)
		lw__link_fn(r->p, idx, fn_flags, ef, (uint32_t)ne, flag_loc);
}

static void read_event(struct reader *r, mobj *o, struct lw_event *e)
{
	struct lw_arena *S = r->scratch;
	memset(e, 0, sizeof(*e));
	mobj *a = rec(r, o, FX_EVENT__N, "event");
	e->kind = (uint8_t)jnum(r, a, FX_EVENT_KIND, 0, LW_EV__COUNT - 1, "event kind");
	e->mode = (uint8_t)jnum(r, a, FX_EVENT_MODE, LW_ACC_READ, LW_ACC_ADDR, "access mode");
	e->flags = (uint16_t)jnum(r, a, FX_EVENT_FLAGS, 0, UINT16_MAX, "event flags");
	e->loc = rloc(r, aget(a, FX_EVENT_LOC));
	e->id = ju32(r, a, FX_EVENT_ID, "call id");
	e->callee = rstr(r, a, FX_EVENT_CALLEE);
	e->decl = rdecl(r, a, FX_EVENT_DECL, 1);
	mobj *args = jarr(r, a, FX_EVENT_ARGS);
	e->nargs = (uint32_t)asize(args);
	if (e->nargs) {
		struct lw_value *av = lw_arena_alloc(S, e->nargs * sizeof(*av));
		for (uint32_t k = 0; k < e->nargs && !r->failed; k++)
			av[k] = rvalue(r, aget(args, k), S);
		e->args = av;
	}
	e->path = rpath(r, aget(a, FX_EVENT_PATH), S);
	e->value = rvalue(r, aget(a, FX_EVENT_VALUE), S);
	e->call_id = ju32(r, a, FX_EVENT_CALL_ID, "call id");
	mobj *what = aget(a, FX_EVENT_WHAT);
	if (what && what->type != MSGPACK_OBJECT_NIL && !(e->what = cstr(r, what)))
		fail(r, "bad event text");
}

static void read_edge(struct reader *r, mobj *o, struct lw_edge *ed)
{
	struct lw_arena *S = r->scratch;
	mobj *a = rec(r, o, FX_EDGE__N, "edge");
	ed->target = ju32(r, a, FX_EDGE_TARGET, "edge target");
	mobj *conds = jarr(r, a, FX_EDGE_CONDS);
	ed->nconds = (uint32_t)asize(conds);
	struct lw_cond *c = ed->nconds ? lw_arena_alloc(S, ed->nconds * sizeof(*c)) : NULL;
	for (uint32_t x = 0; x < ed->nconds && !r->failed; x++) {
		mobj *jc = rec(r, aget(conds, x), FX_COND__N, "condition operator");
		c[x].op = (uint8_t)jnum(r, jc, FX_COND_OP, LW_COND_EQ, LW_COND_NE, "condition operator");
		c[x].k = jint(r, jc, FX_COND_K);
		c[x].val = rvalue(r, aget(jc, FX_COND_VALUE), S);
	}
	ed->conds = c;
}

static void read_func(struct reader *r, mobj *o)
{
	struct lw_arena *S = r->scratch;
	mobj *a = rec(r, o, FX_FUNC__N, "function");
	int32_t decl = rdecl(r, a, FX_FUNC_DECL, 0);
	if (r->failed || !lw__link_wants_body(r->p, (uint32_t)decl))
		return;
	struct lw_func fn;
	memset(&fn, 0, sizeof(fn));
	fn.name = rstr(r, a, FX_FUNC_NAME);
	fn.decl = (uint32_t)decl;
	fn.loc = rloc(r, aget(a, FX_FUNC_LOC));
	mobj *locals = jarr(r, a, FX_FUNC_LOCALS);
	fn.nlocals = (uint32_t)asize(locals);
	struct lw_var *lv = fn.nlocals ? lw_arena_alloc(S, fn.nlocals * sizeof(*lv)) : NULL;
	for (uint32_t k = 0; k < fn.nlocals; k++)
		lv[k].name = rstr(r, locals, k);
	fn.locals = lv;
	fn.entry = ju32(r, a, FX_FUNC_ENTRY, "entry block");
	fn.exit = ju32(r, a, FX_FUNC_EXIT, "exit block");
	fn.ncalls = ju32(r, a, FX_FUNC_NCALLS, "call count");
	mobj *blocks = jarr(r, a, FX_FUNC_BLOCKS);
	fn.nblocks = (uint32_t)asize(blocks);
	struct lw_block *bl = lw_arena_alloc(S, (fn.nblocks + 1) * sizeof(*bl));
	for (uint32_t b = 0; b < fn.nblocks && !r->failed; b++) {
		mobj *jb = rec(r, aget(blocks, b), FX_BLOCK__N, "block");
		mobj *evs = jarr(r, jb, FX_BLOCK_EVENTS), *succ = jarr(r, jb, FX_BLOCK_SUCC);
		bl[b].nevents = (uint32_t)asize(evs);
		struct lw_event *ev = lw_arena_alloc(S, (bl[b].nevents + 1) * sizeof(*ev));
		for (uint32_t k = 0; k < bl[b].nevents && !r->failed; k++)
			read_event(r, aget(evs, k), &ev[k]);
		bl[b].events = ev;
		bl[b].nsucc = (uint32_t)asize(succ);
		struct lw_edge *ed = lw_arena_alloc(S, (bl[b].nsucc + 1) * sizeof(*ed));
		for (uint32_t k = 0; k < bl[b].nsucc && !r->failed; k++)
			read_edge(r, aget(succ, k), &ed[k]);
		bl[b].succ = ed;
	}
	fn.blocks = bl;
	char why[256];
	if (!r->failed && lw_ir_verify(r->tu, &fn, why, sizeof(why)) != 0)
		fail(r, "function '%s': %s", lw_str_get(r->tu, fn.name), why);
	if (!r->failed)
		lw_tu_add_func(r->tu, &fn); /* deep copy */
}

static void read_diag(struct reader *r, mobj *o)
{
	mobj *a = rec(r, o, FX_DIAG__N, "finding");
	enum lw_diag_kind kind =
		(enum lw_diag_kind)jnum(r, a, FX_DIAG_KIND, 0, LW_DIAG__COUNT - 1, "finding kind");
	struct lw_loc loc = rloc(r, aget(a, FX_DIAG_LOC));
	const char *msg = cstr(r, aget(a, FX_DIAG_MESSAGE));
	if (!msg)
		fail(r, "bad finding message");
	mobj *jn = jarr(r, a, FX_DIAG_NOTES);
	uint32_t nn = (uint32_t)asize(jn);
	struct lw_note *notes = nn ? lw_arena_alloc(r->scratch, nn * sizeof(*notes)) : NULL;
	for (uint32_t k = 0; k < nn && !r->failed; k++) {
		mobj *n = rec(r, aget(jn, k), FX_NOTE__N, "note");
		notes[k].loc = rloc(r, aget(n, FX_NOTE_LOC));
		if (!(notes[k].msg = cstr(r, aget(n, FX_NOTE_MESSAGE))))
			fail(r, "bad note message");
	}
	if (!r->failed)
		lw__link_diag(r->p, kind, loc, msg, nn, notes);
}

static void read_suppression(struct reader *r, mobj *o)
{
	mobj *a = rec(r, o, FX_SUPP__N, "suppression");
	uint32_t file = rfile(r, a, FX_SUPP_FILE);
	uint32_t line = ju32(r, a, FX_SUPP_LINE, "line");
	size_t n = 0;
	const char *ids = sval(aget(a, FX_SUPP_IDS), &n);
	if (!ids)
		fail(r, "bad suppression ids");
	if (!r->failed)
		lw_tu_add_suppression(r->tu, file, line, ids, n);
}

static void read_fnstore(struct reader *r, mobj *o)
{
	mobj *a = rec(r, o, FX_FNSTORE__N, "function store");
	struct lw_fnstore st;
	st.record = rstr(r, a, FX_FNSTORE_RECORD);
	st.name = st.record ? rstr(r, a, FX_FNSTORE_NAME) : rgstr(r, a, FX_FNSTORE_NAME);
	st.fdecl = rdecl(r, a, FX_FNSTORE_FDECL, 1);
	st.global = rgstr(r, a, FX_FNSTORE_GLOBAL);
	st.loc = rloc(r, aget(a, FX_FNSTORE_LOC));
	if (!r->failed)
		lw_tu_add_fnstore(r->tu, &st);
}

/* The string and file tables: this file's ids to the program's. */
static void read_tables(struct reader *r, mobj *strs, mobj *files)
{
	r->nstr = asize(strs);
	r->str = lw_arena_alloc(r->scratch, (r->nstr + 1) * sizeof(*r->str));
	for (size_t i = 0; i < r->nstr && !r->failed; i++) {
		size_t n = 0;
		const char *s = sval(aget(strs, i), &n);
		if (!s)
			fail(r, "string table entry %zu is not a string", i);
		else if (i == 0 && n)
			fail(r, "string 0 is not empty"); /* id 0 is "none" everywhere */
		else
			r->str[i] = lw_intern(r->tu, s, n);
	}
	r->nfile = asize(files);
	r->file = lw_arena_alloc(r->scratch, (r->nfile + 1) * sizeof(*r->file));
	for (size_t i = 0; i < r->nfile && !r->failed; i++) {
		const char *s = cstr(r, aget(files, i));
		if (!s)
			fail(r, "file table entry %zu is not a string", i);
		else
			r->file[i] = i == 0 ? 0 : lw_tu_file(r->tu, s); /* 0 is <unknown> */
	}
}

/* The file-static globals get names of this unit's: "name@file". */
static void read_statics(struct reader *r, mobj *names)
{
	r->gstr = lw_arena_alloc(r->scratch, (r->nstr + 1) * sizeof(*r->gstr));
	memcpy(r->gstr, r->str, r->nstr * sizeof(*r->gstr));
	const char *unit = r->nfile > 1 ? lw_tu_file_name(r->tu, r->file[1]) : r->path;
	for (size_t i = 0; i < asize(names) && !r->failed; i++) {
		int64_t id = jint(r, names, i);
		if (r->failed)
			return;
		if (id <= 0 || (uint64_t)id >= r->nstr) {
			fail(r, "static global name %lld out of range", (long long)id);
			return;
		}
		char *n = g_strdup_printf("%s@%s", lw_str_get(r->tu, r->str[id]), unit);
		r->gstr[id] = lw_intern_cstr(r->tu, n);
		g_free(n);
	}
}

static void read_sections(struct reader *r, mobj *root)
{
	mobj *sec[FX_SEC__N];
	for (size_t i = FX_SEC_FILES; i < FX_SEC__N; i++)
		if (!(sec[i] = jarr(r, root, i)))
			return;
	/* A failure part-way leaves the program with some of this file's
	 * declarations: harmless, the driver reports the unit as failed. */
	read_tables(r, sec[FX_SEC_STRINGS], sec[FX_SEC_FILES]);
	read_statics(r, sec[FX_SEC_STATICS]);
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_FIELDS]); i++)
		read_field(r, aget(sec[FX_SEC_FIELDS], i), 0);
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_GLOBALS]); i++)
		read_field(r, aget(sec[FX_SEC_GLOBALS], i), 1);
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_LOCKS]); i++)
		read_lock(r, aget(sec[FX_SEC_LOCKS], i));
	r->ndecl = asize(sec[FX_SEC_FDECLS]);
	r->decl = lw_arena_alloc(r->scratch, (r->ndecl + 1) * sizeof(*r->decl));
	for (size_t i = 0; !r->failed && i < r->ndecl; i++)
		read_fdecl(r, aget(sec[FX_SEC_FDECLS], i), i);
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_FUNCS]); i++)
		read_func(r, aget(sec[FX_SEC_FUNCS], i));
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_DIAGS]); i++)
		read_diag(r, aget(sec[FX_SEC_DIAGS], i));
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_SUPPRESSIONS]); i++)
		read_suppression(r, aget(sec[FX_SEC_SUPPRESSIONS], i));
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_SIDECAR_MATCHED]); i++) {
		size_t n = 0;
		const char *k = sval(aget(sec[FX_SEC_SIDECAR_MATCHED], i), &n);
		if (!k)
			fail(r, "bad sidecar entry key");
		else
			lw__link_sidecar_matched(r->p, k, n);
	}
	for (size_t i = 0; !r->failed && i < asize(sec[FX_SEC_FNSTORES]); i++)
		read_fnstore(r, aget(sec[FX_SEC_FNSTORES], i));
}

/*
 * Walks MessagePack data by hand, without building anything, before
 * msgpack-c unpacks it: msgpack-c allocates an array's or map's elements
 * as soon as it reads the count, so a damaged count would have it allocate
 * gigabytes for elements that are not there.  Checks that every length
 * lies within the data, that no container promises more elements than
 * bytes are left (each element takes one at least), and that nothing
 * follows the value.  Returns NULL, or what is wrong.
 */
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

/* "cannot read facts: WHAT" for a file lw__read_regular() refused. */
static void read_error(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: cannot read facts: %s", path,
		 errno == EINVAL ? "not a regular file" : g_strerror(errno));
}

int lw_program_add_facts(struct lw_program *p, const char *path, char *err, size_t errlen)
{
	char *data = NULL;
	size_t len = 0;
	if (lw__read_regular(path, &data, &len) != 0) {
		read_error(path, err, errlen);
		return -1;
	}
	int rc = lw__program_add_facts_data(p, path, data, len, err, errlen);
	g_free(data);
	return rc;
}

int lw__program_add_facts_data(struct lw_program *p, const char *path, const char *data,
			       size_t len, char *err, size_t errlen)
{
	/* One object, the whole file; strings in it point into data. */
	msgpack_unpacked u;
	msgpack_unpacked_init(&u);
	size_t off = 0;
	const char *bad = mp_check((const unsigned char *)data, len);
	msgpack_unpack_return ur = bad ? MSGPACK_UNPACK_PARSE_ERROR
				       : msgpack_unpack_next(&u, data, len, &off);
	if (!bad && ur == MSGPACK_UNPACK_SUCCESS && off != len)
		bad = "data after the end";
	mobj *root = &u.data;
	mobj *v = aget(root, FX_SEC_VERSION);
	int ok = 0;
	if (bad || ur != MSGPACK_UNPACK_SUCCESS)
		snprintf(err, errlen, "%s: cannot read facts: %s", path,
			 bad				   ? bad
			 : ur == MSGPACK_UNPACK_CONTINUE   ? "truncated"
			 : ur == MSGPACK_UNPACK_NOMEM_ERROR ? "out of memory"
							   : "not MessagePack");
	else if (!is_int(v) || ival(v) != LW_FACTS_VERSION)
		snprintf(err, errlen, "%s: not a facts file of version %d", path, LW_FACTS_VERSION);
	else if ((bad = lw__facts_verify(data, len)))
		snprintf(err, errlen, "%s: cannot read facts: %s", path, bad);
	else
		ok = 1;
	if (!ok) {
		msgpack_unpacked_destroy(&u);
		return -1;
	}
	struct reader r;
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.tu = lw__program_tu(p);
	r.err = err;
	r.errlen = errlen;
	r.path = path;
	r.scratch = lw_arena_new();
	if (asize(root) != FX_SEC__N)
		fail(&r, "%zu sections, not %d", asize(root), FX_SEC__N);
	else
		read_sections(&r, root);
	lw_arena_free(r.scratch);
	msgpack_unpacked_destroy(&u);
	return r.failed ? -1 : 0;
}

int lw_facts_deps(const char *path, int (*fn)(void *ctx, const char *dep, const char *hash),
		  int (*missing_fn)(void *ctx, const char *folder, const char *names), void *ctx,
		  char *err, size_t errlen)
{
	/* The facts file whole, not unpacked: its checksum says it is as
	 * written, so that a damaged entry is analysed again rather than
	 * linked.  Hashing costs little next to reading it at the link. */
	char *data = NULL;
	size_t len = 0;
	if (lw__read_regular(path, &data, &len) != 0) {
		read_error(path, err, errlen);
		return -1;
	}
	const char *bad = lw__facts_verify(data, len);
	g_free(data);
	if (bad) {
		snprintf(err, errlen, "%s: %s", path, bad);
		return -1;
	}
	json_error_t je;
	char *dpath = g_strdup_printf("%s.deps", path);
	json_t *root = NULL;
	if (lw__read_regular(dpath, &data, &len) != 0) {
		read_error(dpath, err, errlen);
		g_free(dpath);
		return -1;
	}
	root = json_loadb(data, len, 0, &je);
	g_free(data);
	if (!root) {
		snprintf(err, errlen, "%s: %s", dpath, je.text);
		g_free(dpath);
		return -1;
	}
	json_t *v = json_object_get(root, "version");
	json_t *deps = json_object_get(root, "deps");
	json_t *missing = json_object_get(root, "missing");
	int rc = 0;
	if (!json_is_integer(v) || json_integer_value(v) != LW_FACTS_VERSION || !json_is_array(deps) ||
	    !json_is_array(missing)) {
		snprintf(err, errlen, "%s: not a dependency list of version %d", dpath,
			 LW_FACTS_VERSION);
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < json_array_size(deps); i++) {
		json_t *d = json_array_get(deps, i);
		const char *dp = json_string_value(json_array_get(d, 0));
		const char *sh = json_string_value(json_array_get(d, 1));
		if (!dp || !sh) {
			snprintf(err, errlen, "%s: malformed dependency list", dpath);
			rc = -1;
			break;
		}
		rc = fn(ctx, dp, sh);
		if (rc) {
			snprintf(err, errlen, "%s: dependency check stopped", path);
			rc = 1;
		}
	}
	/* [folder, "name\nname..."]: each folder/name is a path looked for
	 * in vain. */
	for (size_t i = 0; rc == 0 && i < json_array_size(missing); i++) {
		json_t *group = json_array_get(missing, i);
		const char *folder = json_string_value(json_array_get(group, 0));
		const char *names = json_string_value(json_array_get(group, 1));
		if (json_array_size(group) != 2 || !folder || !names) {
			snprintf(err, errlen, "%s: malformed dependency list", dpath);
			rc = -1;
			break;
		}
		rc = missing_fn(ctx, folder, names);
		if (rc) {
			snprintf(err, errlen, "%s: dependency check stopped", path);
			rc = 1;
		}
	}
	json_decref(root);
	g_free(dpath);
	return rc < 0 ? -1 : rc;
}
