/*
 * Unit tests of the facts files, without Clang: a hand-built TU is written
 * with lw_facts_write(), read back into a program with
 * lw_program_add_facts(), and everything that comes back is compared with
 * what went out, by name (the program numbers strings, files and
 * declarations its own way).  Then damaged files: cut short at every
 * length, each bit of each byte flipped, of another version, and files
 * whose checksum is right but whose contents are not; each is refused with
 * its message and leaves the program as it was, or, for the last kind, is
 * refused or read, never a crash.
 */
#define _XOPEN_SOURCE 700 /* mkfifo */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "annot.h"
#include "facts-format.h"
#include "link.h"
#include "program.h"
#include "report.h"

/* ---- the unit ------------------------------------------------------------ */

struct unit {
	struct lw_tu *tu;
	uint32_t f_c, f_h;
	uint32_t fd_lock, fd_unlock, fd_trylock, fd_die, fd_confused, fd_work;
};

static struct lw_loc at(uint32_t file, uint32_t line, uint32_t col)
{
	return (struct lw_loc){file, line, col};
}

static void add_records(struct unit *u)
{
	struct lw_tu *tu = u->tu;
	const struct lw_type *intty = lw_type_new(tu, LW_TY_OTHER, lw_intern_cstr(tu, "int"), NULL, 0);
	lw_str smutex = lw_intern_cstr(tu, "virMutex");
	const struct lw_type *mutex = lw_type_new(tu, LW_TY_RECORD, smutex, NULL, 0);
	struct lw_field mf[1] = {{lw_intern_cstr(tu, "raw"), at(u->f_h, 2, 6), intty, 0, NULL}};
	struct lw_record mrec = {smutex, at(u->f_h, 1, 8), 1, mf};
	lw_tu_add_record(tu, &mrec);

	struct lw_annot_src dl = {"lockwarden:driver_lock", at(u->f_h, 5, 20)};
	struct lw_annot_src gb = {"lockwarden:guarded_by(lock)", at(u->f_h, 6, 20)};
	struct lw_annot_src im = {"lockwarden:immutable", at(u->f_h, 7, 20)};
	struct lw_field df[4] = {
		{lw_intern_cstr(tu, "lock"), at(u->f_h, 5, 11), mutex, 1, &dl},
		{lw_intern_cstr(tu, "n"), at(u->f_h, 6, 6), intty, 1, &gb},
		{lw_intern_cstr(tu, "id"), at(u->f_h, 7, 6), intty, 1, &im},
		{lw_intern_cstr(tu, "u"), at(u->f_h, 8, 6), intty, 0, NULL},
	};
	struct lw_record drec = {lw_intern_cstr(tu, "drv"), at(u->f_h, 4, 8), 4, df};
	lw_tu_add_record(tu, &drec);

	struct lw_annot_src gdl = {"lockwarden:driver_lock", at(u->f_c, 3, 30)};
	struct lw_annot_src ggb = {"lockwarden:guarded_by(g_lock)", at(u->f_c, 4, 30)};
	struct lw_global g1 = {lw_intern_cstr(tu, "g_lock"), at(u->f_c, 3, 17), mutex, 0, 1, &gdl};
	struct lw_global g2 = {lw_intern_cstr(tu, "g_count"), at(u->f_c, 4, 12), intty, 1, 1, &ggb};
	lw_tu_add_global(tu, &g1);
	lw_tu_add_global(tu, &g2);
}

static uint32_t add_fdecl(struct unit *u, const char *name, struct lw_loc loc, uint32_t flags,
			  uint32_t nparams, const struct lw_annot_src *annots, uint32_t nannots)
{
	struct lw_tu *tu = u->tu;
	const struct lw_type *drv = lw_type_new(tu, LW_TY_RECORD, lw_intern_cstr(tu, "drv"), NULL, 0);
	const struct lw_type *pdrv = lw_type_new(tu, LW_TY_POINTER, 0, drv, 0);
	struct lw_var params[2] = {
		{lw_intern_cstr(tu, "d"), pdrv, at(loc.file, loc.line, loc.col + 12)},
		{lw_intern_cstr(tu, "k"), NULL, at(loc.file, loc.line, loc.col + 28)},
	};
	struct lw_fdecl fd = {lw_intern_cstr(tu, name), loc, flags, nparams, params, nannots,
			      annots, -1};
	return lw_tu_add_fdecl(tu, &fd);
}

static void add_fdecls(struct unit *u)
{
	struct lw_annot_src acq = {"lockwarden:acquires(d->lock)", at(u->f_h, 11, 30)};
	struct lw_annot_src rel = {"lockwarden:releases(d->lock)", at(u->f_h, 12, 30)};
	struct lw_annot_src try = {"lockwarden:try_acquires(0, d->lock)", at(u->f_h, 13, 30)};
	struct lw_annot_src both[2] = {
		{"lockwarden:blocking", at(u->f_h, 15, 30)},
		{"lockwarden:nonblocking", at(u->f_h, 16, 30)},
	};
	u->fd_lock = add_fdecl(u, "drvLock", at(u->f_h, 11, 6), 0, 1, &acq, 1);
	u->fd_unlock = add_fdecl(u, "drvUnlock", at(u->f_h, 12, 6), 0, 1, &rel, 1);
	u->fd_trylock = add_fdecl(u, "drvTryLock", at(u->f_h, 13, 5), 0, 1, &try, 1);
	u->fd_die = add_fdecl(u, "die", at(u->f_h, 14, 6), LW_FD_NORETURN, 0, NULL, 0);
	u->fd_confused = add_fdecl(u, "confused", at(u->f_h, 16, 6), 0, 0, both, 2);
	u->fd_work = add_fdecl(u, "work", at(u->f_c, 6, 13), LW_FD_STATIC | LW_FD_HAS_BODY, 2,
			       NULL, 0);
}

/*
 * static long work(struct drv *d, int k), with an event of every kind and
 * every field and flag of each set somewhere:
 *  B0: CALL #1 drvLock(&d->lock)
 *      CALL #2 (*fp)(-7, <unknown>, tmp) -> res      indirect, atomic
 *      ACCESS write d->n = 42                          atomic-type volatile init
 *      ACCESS rmw g_count
 *      ACCESS addr d->u.a to #1                        const-arg; a union member
 *      ACCESS read d->n
 *      ASSIGN tmp = drvTryLock()->n                    a RESULT root with steps
 *      UNKNOWN "statement expression"
 *      -> B1 if res != 0 && (call#2) == 5;  -> B2 if res == 0
 *  B1: CALL #3 die() noreturn cleanup;  -> B2
 *  B2: CALL #4 drvUnlock(&d->lock);  RETURN &g_count
 */
static void add_work(struct unit *u)
{
	struct lw_tu *tu = u->tu;
	uint32_t f = u->f_c;
	lw_str drv = lw_intern_cstr(tu, "drv");
	struct lw_step lock[2] = {{LW_STEP_DEREF, 0, 0, 0},
				  {LW_STEP_FIELD, 0, drv, lw_intern_cstr(tu, "lock")}};
	struct lw_step n[2] = {{LW_STEP_DEREF, 0, 0, 0},
			       {LW_STEP_FIELD, 0, drv, lw_intern_cstr(tu, "n")}};
	struct lw_step ua[3] = {{LW_STEP_DEREF, 0, 0, 0},
				{LW_STEP_FIELD, 0, drv, lw_intern_cstr(tu, "u")},
				{LW_STEP_FIELD, LW_SF_UNION, lw_intern_cstr(tu, "u_t"),
				 lw_intern_cstr(tu, "a")}};
	struct lw_path p_lock = {LW_ROOT_PARAM, 2, 0, lock};
	struct lw_path p_n = {LW_ROOT_PARAM, 2, 0, n};
	struct lw_path p_ua = {LW_ROOT_PARAM, 3, 0, ua};
	struct lw_path tmp = {LW_ROOT_LOCAL, 0, 0, NULL};
	struct lw_path res = {LW_ROOT_LOCAL, 0, 1, NULL};
	struct lw_path r2 = {LW_ROOT_RESULT, 0, 2, NULL};
	struct lw_path r3n = {LW_ROOT_RESULT, 2, 3, n};
	struct lw_path g_count = {LW_ROOT_GLOBAL, 0, lw_intern_cstr(tu, "g_count"), NULL};
	struct lw_value none = {LW_VAL_UNKNOWN, 0, {0, 0, 0, NULL}};
	struct lw_value addr_lock = {LW_VAL_ADDR, 0, p_lock};
	struct lw_value args2[3] = {{LW_VAL_INT, -7, {0, 0, 0, NULL}}, none, {LW_VAL_LOAD, 0, tmp}};

	struct lw_event b0[8], b1[1], b2[2];
	memset(b0, 0, sizeof(b0));
	memset(b1, 0, sizeof(b1));
	memset(b2, 0, sizeof(b2));
	b0[0] = (struct lw_event){.kind = LW_EV_CALL, .loc = at(f, 8, 2), .id = 1,
				  .callee = lw_intern_cstr(tu, "drvLock"), .decl = (int32_t)u->fd_lock,
				  .nargs = 1, .args = &addr_lock};
	b0[1] = (struct lw_event){.kind = LW_EV_CALL, .flags = LW_CF_INDIRECT | LW_CF_ATOMIC_EXPR,
				  .loc = at(f, 9, 8), .id = 2, .callee = 0, .decl = -1, .nargs = 3,
				  .args = args2, .path = res};
	b0[2] = (struct lw_event){.kind = LW_EV_ACCESS, .mode = LW_ACC_WRITE,
				  .flags = LW_AF_ATOMIC_TYPE | LW_AF_VOLATILE | LW_AF_INIT,
				  .loc = at(f, 10, 5), .decl = -1, .path = p_n,
				  .value = {LW_VAL_INT, 42, {0, 0, 0, NULL}}};
	b0[3] = (struct lw_event){.kind = LW_EV_ACCESS, .mode = LW_ACC_RMW, .loc = at(f, 11, 2),
				  .decl = -1, .path = g_count};
	b0[4] = (struct lw_event){.kind = LW_EV_ACCESS, .mode = LW_ACC_ADDR,
				  .flags = LW_AF_CONST_ARG, .loc = at(f, 12, 11), .decl = -1,
				  .path = p_ua, .call_id = 1};
	b0[5] = (struct lw_event){.kind = LW_EV_ACCESS, .mode = LW_ACC_READ, .loc = at(f, 13, 9),
				  .decl = -1, .path = p_n};
	b0[6] = (struct lw_event){.kind = LW_EV_ASSIGN, .loc = at(f, 14, 6), .decl = -1,
				  .path = tmp, .value = {LW_VAL_LOAD, 0, r3n}};
	b0[7] = (struct lw_event){.kind = LW_EV_UNKNOWN, .loc = at(f, 15, 2), .decl = -1,
				  .what = "statement expression"};
	b1[0] = (struct lw_event){.kind = LW_EV_CALL, .flags = LW_CF_NORETURN | LW_CF_CLEANUP,
				  .loc = at(f, 17, 3), .id = 3, .callee = lw_intern_cstr(tu, "die"),
				  .decl = (int32_t)u->fd_die};
	b2[0] = (struct lw_event){.kind = LW_EV_CALL, .loc = at(f, 19, 2), .id = 4,
				  .callee = lw_intern_cstr(tu, "drvUnlock"),
				  .decl = (int32_t)u->fd_unlock, .nargs = 1, .args = &addr_lock};
	b2[1] = (struct lw_event){.kind = LW_EV_RETURN, .loc = at(f, 20, 2), .decl = -1,
				  .value = {LW_VAL_ADDR, 0, g_count}};
	/* The result of #3 names drvTryLock's: call ids index calls, not
	 * callees, so any call will do for the IR. */

	struct lw_cond to1[2] = {{LW_COND_NE, 0, {LW_VAL_LOAD, 0, res}},
				 {LW_COND_EQ, 5, {LW_VAL_LOAD, 0, r2}}};
	struct lw_cond to2[1] = {{LW_COND_EQ, 0, {LW_VAL_LOAD, 0, res}}};
	struct lw_edge e0[2] = {{1, 2, to1}, {2, 1, to2}};
	struct lw_edge e1[1] = {{2, 0, NULL}};
	struct lw_block blocks[3] = {{8, b0, 2, e0}, {1, b1, 1, e1}, {2, b2, 0, NULL}};
	struct lw_var locals[2] = {{lw_intern_cstr(tu, "tmp"), NULL, at(f, 7, 7)},
				   {lw_intern_cstr(tu, "res"), NULL, at(f, 7, 12)}};
	struct lw_func fn = {lw_intern_cstr(tu, "work"), at(f, 6, 13), u->fd_work, 2, locals, 3,
			     blocks, 0, 2, 4};
	lw_tu_add_func(tu, &fn);
}

static void build(struct unit *u)
{
	memset(u, 0, sizeof(*u));
	u->tu = lw_tu_new();
	u->f_c = lw_tu_file(u->tu, "src/drv.c");
	u->f_h = lw_tu_file(u->tu, "include/drv.h");
	add_records(u);
	add_fdecls(u);
	add_work(u);
	lw_tu_add_suppression(u->tu, u->f_c, 12, "sleep-under-lock,needless-lock", 30);
	lw_tu_add_sidecar_match(u->tu, "function:drvLock");
}

/* ---- files ----------------------------------------------------------------- */

struct files {
	char *dir;
	char *good;    /* the unit's facts file */
	char *bad;     /* a damaged copy, rewritten by each test */
	gchar *bytes;  /* the good file's contents */
	gsize len;
};

/* Two files read and one path looked for in vain (hash NULL). */
#define NDEPS 3
static const struct lw_dep deps[NDEPS] = {
	{"src/drv.c", "00112233445566778899aabbccddeeff"},
	{"include/drv.h", "ffeeddccbbaa99887766554433221100"},
	{"include-first/drv.h", NULL},
};

static void write_unit(struct files *fs, struct unit *u)
{
	char err[512] = "";
	fs->dir = g_dir_make_tmp("lw-test-facts-XXXXXX", NULL);
	assert_non_null(fs->dir);
	fs->good = g_build_filename(fs->dir, "unit.facts", NULL);
	fs->bad = g_build_filename(fs->dir, "bad.facts", NULL);
	assert_int_equal(lw_facts_write(u->tu, deps, NDEPS, fs->good, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_true(g_file_get_contents(fs->good, &fs->bytes, &fs->len, NULL));
}

/* Not g_file_set_contents(): it syncs, and some tests write thousands. */
static void put(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static guchar *find(guchar *hay, size_t n, const guchar *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (!memcmp(hay + i, needle, m))
			return hay + i;
	return NULL;
}

static void remove_files(struct files *fs)
{
	const char *names[] = {"unit.facts", "unit.facts.deps", "bad.facts", "bad.facts.deps"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *p = g_build_filename(fs->dir, names[i], NULL);
		g_remove(p);
		g_free(p);
	}
	g_rmdir(fs->dir);
	g_free(fs->dir);
	g_free(fs->good);
	g_free(fs->bad);
	g_free(fs->bytes);
}

/* ---- comparing by name ---------------------------------------------------- */

/* The unit (a) and the program (b). */
struct cmp {
	const struct lw_tu *a, *b;
	const struct lw_model *ma, *mb;
};

static void same_str(const struct cmp *c, lw_str a, lw_str b)
{
	assert_string_equal(lw_str_get(c->a, a), lw_str_get(c->b, b));
}

static void same_loc(const struct cmp *c, struct lw_loc a, struct lw_loc b)
{
	assert_string_equal(lw_tu_file_name(c->a, a.file), lw_tu_file_name(c->b, b.file));
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.col, b.col);
}

static void same_steps(const struct cmp *c, const struct lw_step *a, uint16_t na,
		       const struct lw_step *b, uint16_t nb)
{
	assert_int_equal(na, nb);
	for (uint16_t i = 0; i < na; i++) {
		assert_int_equal(a[i].kind, b[i].kind);
		assert_int_equal(a[i].flags, b[i].flags);
		same_str(c, a[i].record, b[i].record);
		same_str(c, a[i].field, b[i].field);
	}
}

/* A global's name: a file-static one is "name@file" in the program. */
static void same_global(const struct cmp *c, lw_str a, lw_str b, int is_static)
{
	const char *na = lw_str_get(c->a, a), *nb = lw_str_get(c->b, b);
	if (!is_static) {
		assert_string_equal(na, nb);
		return;
	}
	char want[256];
	snprintf(want, sizeof(want), "%s@%s", na, lw_tu_file_name(c->b, 1));
	assert_string_equal(want, nb);
}

static int is_static_global(const struct lw_tu *tu, lw_str name)
{
	const struct lw_global *g = lw_tu_find_global(tu, name);
	return g && g->is_static;
}

static void same_path(const struct cmp *c, const struct lw_path *a, const struct lw_path *b)
{
	assert_int_equal(a->root_kind, b->root_kind);
	if (a->root_kind == LW_ROOT_GLOBAL)
		same_global(c, a->root, b->root, is_static_global(c->a, a->root));
	else
		assert_int_equal(a->root, b->root);
	same_steps(c, a->steps, a->nsteps, b->steps, b->nsteps);
}

static void same_value(const struct cmp *c, const struct lw_value *a, const struct lw_value *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->k, b->k);
	same_path(c, &a->path, &b->path);
}

static void same_decl(const struct cmp *c, int32_t a, int32_t b)
{
	assert_int_equal(a < 0, b < 0);
	if (a >= 0)
		same_str(c, c->a->fdecls[a].name, c->b->fdecls[b].name);
}

static void same_event(const struct cmp *c, const struct lw_event *a, const struct lw_event *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->mode, b->mode);
	assert_int_equal(a->flags, b->flags);
	same_loc(c, a->loc, b->loc);
	assert_int_equal(a->id, b->id);
	same_str(c, a->callee, b->callee);
	same_decl(c, a->decl, b->decl);
	assert_int_equal(a->nargs, b->nargs);
	for (uint32_t k = 0; k < a->nargs; k++)
		same_value(c, &a->args[k], &b->args[k]);
	same_path(c, &a->path, &b->path);
	same_value(c, &a->value, &b->value);
	assert_int_equal(a->call_id, b->call_id);
	assert_int_equal(a->what == NULL, b->what == NULL);
	if (a->what)
		assert_string_equal(a->what, b->what);
}

static void same_func(const struct cmp *c, const struct lw_func *a, const struct lw_func *b)
{
	same_str(c, a->name, b->name);
	same_loc(c, a->loc, b->loc);
	same_decl(c, (int32_t)a->decl, (int32_t)b->decl);
	assert_int_equal(a->nlocals, b->nlocals);
	for (uint32_t i = 0; i < a->nlocals; i++)
		same_str(c, a->locals[i].name, b->locals[i].name);
	assert_int_equal(a->entry, b->entry);
	assert_int_equal(a->exit, b->exit);
	assert_int_equal(a->ncalls, b->ncalls);
	assert_int_equal(a->nblocks, b->nblocks);
	for (uint32_t k = 0; k < a->nblocks; k++) {
		const struct lw_block *x = &a->blocks[k], *y = &b->blocks[k];
		assert_int_equal(x->nevents, y->nevents);
		for (uint32_t i = 0; i < x->nevents; i++)
			same_event(c, &x->events[i], &y->events[i]);
		assert_int_equal(x->nsucc, y->nsucc);
		for (uint32_t s = 0; s < x->nsucc; s++) {
			assert_int_equal(x->succ[s].target, y->succ[s].target);
			assert_int_equal(x->succ[s].nconds, y->succ[s].nconds);
			for (uint32_t i = 0; i < x->succ[s].nconds; i++) {
				const struct lw_cond *ca = &x->succ[s].conds[i], *cb = &y->succ[s].conds[i];
				assert_int_equal(ca->op, cb->op);
				assert_int_equal(ca->k, cb->k);
				same_value(c, &ca->val, &cb->val);
			}
		}
	}
}

static void same_field_info(const struct cmp *c, const struct lw_field_info *a,
			    const struct lw_field_info *b)
{
	assert_non_null(b);
	assert_int_equal(a->cls, b->cls);
	assert_int_equal(a->driver_lock, b->driver_lock);
	assert_int_equal(a->is_lock, b->is_lock);
	same_global(c, a->lock_global, b->lock_global, is_static_global(c->a, a->lock_global));
	same_steps(c, a->lock_steps, a->nlock_steps, b->lock_steps, b->nlock_steps);
	same_str(c, a->lock_cls.record, b->lock_cls.record);
	if (a->lock_cls.record)
		same_str(c, a->lock_cls.name, b->lock_cls.name);
	else
		same_global(c, a->lock_cls.name, b->lock_cls.name,
			    is_static_global(c->a, a->lock_cls.name));
	same_loc(c, a->loc, b->loc);
	same_loc(c, a->cls_loc, b->cls_loc);
}

/* The program's id of a unit's string (which must be in the program). */
static lw_str in_b(const struct cmp *c, lw_str a)
{
	return lw_intern_cstr((struct lw_tu *)c->b, lw_str_get(c->a, a));
}

/* The same for a global's name: a file-static one is "name@file". */
static lw_str global_in_b(const struct cmp *c, lw_str a)
{
	if (!is_static_global(c->a, a))
		return in_b(c, a);
	char n[256];
	snprintf(n, sizeof(n), "%s@%s", lw_str_get(c->a, a), lw_tu_file_name(c->b, 1));
	return lw_intern_cstr((struct lw_tu *)c->b, n);
}

struct each {
	const struct cmp *c;
	unsigned n;
};

static void field_cb(void *ctx, lw_str record, lw_str field, const struct lw_field_info *fi)
{
	struct each *e = ctx;
	e->n++;
	same_field_info(e->c, fi, lw_model_field(e->c->mb, in_b(e->c, record), in_b(e->c, field)));
}

static void global_cb(void *ctx, lw_str record, lw_str name, const struct lw_field_info *fi)
{
	struct each *e = ctx;
	(void)record;
	e->n++;
	same_field_info(e->c, fi, lw_model_global(e->c->mb, global_in_b(e->c, name)));
}

static void lock_cb(void *ctx, struct lw_lockclass cls, int driver)
{
	struct each *e = ctx;
	e->n++;
	struct lw_lockclass b = {in_b(e->c, cls.record),
				 cls.record ? in_b(e->c, cls.name) : global_in_b(e->c, cls.name)};
	assert_true(lw_model_is_lock(e->c->mb, b));
	assert_int_equal(lw_model_is_driver_lock(e->c->mb, b), driver);
}

static void count_field_cb(void *ctx, lw_str record, lw_str field, const struct lw_field_info *fi)
{
	(void)record, (void)field, (void)fi;
	++*(unsigned *)ctx;
}

static void count_lock_cb(void *ctx, struct lw_lockclass cls, int driver)
{
	(void)cls, (void)driver;
	++*(unsigned *)ctx;
}

static uint32_t decl_in_b(const struct cmp *c, uint32_t a)
{
	for (uint32_t j = 0; j < c->b->nfdecls; j++)
		if (!strcmp(lw_str_get(c->b, c->b->fdecls[j].name),
			    lw_str_get(c->a, c->a->fdecls[a].name)))
			return j;
	fail_msg("no declaration '%s' in the program", lw_str_get(c->a, c->a->fdecls[a].name));
	return 0;
}

static void same_model(const struct cmp *c)
{
	struct each e = {c, 0};
	unsigned nb = 0;
	lw_model_each_field(c->ma, field_cb, &e);
	lw_model_each_field(c->mb, count_field_cb, &nb);
	assert_int_equal(e.n, 3); /* drv.lock, drv.n, drv.id */
	assert_int_equal(nb, e.n);
	e.n = nb = 0;
	lw_model_each_global(c->ma, global_cb, &e);
	lw_model_each_global(c->mb, count_field_cb, &nb);
	assert_int_equal(e.n, 2);
	assert_int_equal(nb, e.n);
	e.n = nb = 0;
	lw_model_each_lock(c->ma, lock_cb, &e);
	lw_model_each_lock(c->mb, count_lock_cb, &nb);
	assert_true(e.n >= 2);
	assert_int_equal(nb, e.n);

	unsigned neffects = 0;
	for (uint32_t i = 0; i < c->a->nfdecls; i++) {
		const struct lw_fn_info *fa = lw_model_fn(c->ma, i);
		const struct lw_fn_info *fb = lw_model_fn(c->mb, decl_in_b(c, i));
		assert_int_equal(fa->flags, fb->flags);
		assert_int_equal(fa->neffects, fb->neffects);
		for (uint32_t k = 0; k < fa->neffects; k++) {
			const struct lw_effect *x = &fa->effects[k], *y = &fb->effects[k];
			assert_int_equal(x->kind, y->kind);
			same_path(c, &x->lock, &y->lock);
			same_str(c, x->cls.record, y->cls.record);
			same_str(c, x->cls.name, y->cls.name);
			assert_int_equal(x->ret, y->ret);
			same_loc(c, x->loc, y->loc);
			neffects++;
		}
	}
	assert_int_equal(neffects, 3);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct unit u;
	build(&u);
	struct files fs;
	write_unit(&fs, &u);

	struct lw_program *p = lw_program_new();
	char err[512] = "";
	assert_int_equal(lw_program_add_facts(p, fs.good, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	struct lw_tu *b = lw__program_tu(p);

	/* What the writer resolved, built again from the unit. */
	struct lw_diag_list da = {lw_tu_arena(u.tu), u.tu, NULL, 0, 0};
	struct lw_model *ma = lw_model_build(u.tu, &da);
	struct cmp c = {u.tu, b, ma, lw__program_model(p)};

	/* declarations: all of them, with their flags but not HAS_BODY (the
	 * program decides which body it keeps) */
	assert_int_equal(b->nfdecls, u.tu->nfdecls);
	for (uint32_t i = 0; i < u.tu->nfdecls; i++) {
		const struct lw_fdecl *x = &u.tu->fdecls[i], *y = &b->fdecls[decl_in_b(&c, i)];
		same_loc(&c, x->loc, y->loc);
		assert_int_equal(x->flags & ~(uint32_t)LW_FD_HAS_BODY, y->flags);
		assert_int_equal(x->nparams, y->nparams);
		for (uint32_t k = 0; k < x->nparams; k++)
			same_str(&c, x->params[k].name, y->params[k].name);
		assert_int_equal(x->func >= 0, y->func >= 0);
	}
	assert_int_equal(u.tu->fdecls[u.fd_work].flags & LW_FD_STATIC, LW_FD_STATIC);
	assert_int_equal(u.tu->fdecls[u.fd_die].flags, LW_FD_NORETURN);

	/* the body */
	assert_int_equal(lw_program_nfuncs(p), 1);
	same_func(&c, &u.tu->funcs[0], &b->funcs[0]);

	/* the annotations, as the model */
	same_model(&c);

	/* the findings of building the model: one, with a note */
	const struct lw_diag_list *db = lw__program_diags(p);
	assert_int_equal(da.n, 1);
	assert_int_equal(db->n, da.n);
	const struct lw_diag *x = &da.items[0], *y = &db->items[0];
	assert_int_equal(x->kind, y->kind);
	assert_int_equal(y->check, LW_CHECK_BAD_ANNOTATION);
	assert_int_equal(y->sev, LW_SEV_ERROR);
	same_loc(&c, x->loc, y->loc);
	assert_string_equal(y->msg,
			    "'confused' is annotated both blocking and nonblocking [bad-annotation]");
	assert_string_equal(x->msg, y->msg);
	assert_int_equal(y->nnotes, 1);
	assert_int_equal(x->nnotes, y->nnotes);
	same_loc(&c, x->notes[0].loc, y->notes[0].loc);
	assert_string_equal(x->notes[0].msg, y->notes[0].msg);

	/* suppressions, sidecar matches, files */
	assert_int_equal(b->nsupp, 1);
	assert_string_equal(lw_program_file_name(p, b->supp[0].file), "src/drv.c");
	assert_int_equal(b->supp[0].line, 12);
	assert_string_equal(b->supp[0].ids, "sleep-under-lock,needless-lock");
	assert_true(lw_program_sidecar_matched(p, "function:drvLock"));
	assert_false(lw_program_sidecar_matched(p, "function:drvUnlock"));
	assert_int_equal(b->nfiles, 3);

	/* The same unit again: nothing new (one body per function, an
	 * external or static declaration matched to itself). */
	assert_int_equal(lw_program_add_facts(p, fs.good, err, sizeof(err)), 0);
	assert_int_equal(lw_program_nfuncs(p), 1);
	assert_int_equal(b->nfdecls, u.tu->nfdecls);

	lw_model_free(ma);
	lw_program_free(p);
	remove_files(&fs);
	lw_tu_free(u.tu);
}

/* ---- damaged files ------------------------------------------------------- */

/* A program that every damaged file must leave as it is. */
static void unchanged(struct lw_program *p)
{
	struct lw_tu *tu = lw__program_tu(p);
	assert_int_equal(tu->nfdecls, 0);
	assert_int_equal(tu->nfuncs, 0);
	assert_int_equal(tu->nsupp, 0);
	assert_int_equal(tu->nfiles, 1);
	assert_int_equal(lw__program_diags(p)->n, 0);
	assert_false(lw_program_sidecar_matched(p, "function:drvLock"));
}

/* err is "PATH: " and one of whats. */
static void says(const char *err, const char *path, const char *const *whats)
{
	size_t n = strlen(path);
	if (strncmp(err, path, n) != 0 || strncmp(err + n, ": ", 2) != 0)
		fail_msg("'%s' does not name '%s'", err, path);
	for (const char *const *w = whats; *w; w++)
		if (!strcmp(err + n + 2, *w))
			return;
	fail_msg("unexpected message '%s'", err);
}

static const char *const unreadable[] = {
	"cannot read facts: truncated",
	"cannot read facts: a length runs past the end",
	"cannot read facts: data after the end",
	"cannot read facts: not MessagePack",
	"cannot read facts: checksum mismatch",
	"cannot read facts: not a facts file of this version",
	"not a facts file of version " G_STRINGIFY(LW_FACTS_VERSION),
	NULL,
};

static void test_cut_short(void **state)
{
	(void)state;
	struct unit u;
	build(&u);
	struct files fs;
	write_unit(&fs, &u);
	struct lw_program *p = lw_program_new();
	char err[512];
	for (gsize n = 0; n < fs.len; n++) {
		put(fs.bad, fs.bytes, n);
		err[0] = 0;
		assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
		says(err, fs.bad, unreadable);
	}
	put(fs.bad, "", 0);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
	char want[1024];
	snprintf(want, sizeof(want), "%s: cannot read facts: truncated", fs.bad);
	assert_string_equal(err, want);
	unchanged(p);
	/* the whole file still reads */
	put(fs.bad, fs.bytes, fs.len);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), 0);
	lw_program_free(p);
	remove_files(&fs);
	lw_tu_free(u.tu);
}

static void test_bit_flips(void **state)
{
	(void)state;
	struct unit u;
	build(&u);
	struct files fs;
	write_unit(&fs, &u);
	struct lw_program *p = lw_program_new();
	char err[512];
	guchar *d = g_memdup2(fs.bytes, fs.len);
	unsigned mismatches = 0;
	for (gsize i = 0; i < fs.len; i++)
		for (int bit = 0; bit < 8; bit++) {
			d[i] ^= (guchar)(1u << bit);
			put(fs.bad, d, fs.len);
			err[0] = 0;
			assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
			says(err, fs.bad, unreadable);
			if (strstr(err, "checksum mismatch"))
				mismatches++;
			d[i] ^= (guchar)(1u << bit);
		}
	unchanged(p);
	/* Most flips leave valid MessagePack: only the checksum tells. */
	assert_true(mismatches > fs.len);
	g_free(d);
	lw_program_free(p);
	remove_files(&fs);
	lw_tu_free(u.tu);
}

static void test_specific_damage(void **state)
{
	(void)state;
	struct unit u;
	build(&u);
	struct files fs;
	write_unit(&fs, &u);
	struct lw_program *p = lw_program_new();
	char err[512], want[1024];
	guchar *d = g_memdup2(fs.bytes, fs.len);

	/* another version, before and after this one */
	for (int v = LW_FACTS_VERSION - 1; v <= LW_FACTS_VERSION + 1; v += 2) {
		d[1] = (guchar)v;
		put(fs.bad, d, fs.len);
		assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
		snprintf(want, sizeof(want), "%s: not a facts file of version %d", fs.bad,
			 LW_FACTS_VERSION);
		assert_string_equal(err, want);
	}
	d[1] = fs.bytes[1];

	/* a line number changed: still valid MessagePack, refused by the checksum */
	guchar loc[4] = {0x93, 0x01, 20, 2}; /* RETURN at src/drv.c:20:2 */
	guchar *hit = find(d, fs.len, loc, sizeof(loc));
	assert_non_null(hit);
	hit[2] = 21;
	put(fs.bad, d, fs.len);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: cannot read facts: checksum mismatch", fs.bad);
	assert_string_equal(err, want);
	hit[2] = 20;

	/* not MessagePack, not there */
	put(fs.bad, "\xc1", 1);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: cannot read facts: not MessagePack", fs.bad);
	assert_string_equal(err, want);
	put(fs.bad, "garbage\n", 8);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: cannot read facts: data after the end", fs.bad);
	assert_string_equal(err, want);
	/* A count of four billion elements in a 9-byte file: refused before
	 * msgpack-c would allocate room for them. */
	put(fs.bad, "\xdd\xff\xff\xff\xff\x01\x02\x03\x04", 9);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: cannot read facts: a length runs past the end", fs.bad);
	assert_string_equal(err, want);
	char *missing = g_build_filename(fs.dir, "missing.facts", NULL);
	assert_int_equal(lw_program_add_facts(p, missing, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: cannot read facts: ", missing);
	assert_int_equal(strncmp(err, want, strlen(want)), 0);
	g_free(missing);

	unchanged(p);
	g_free(d);
	lw_program_free(p);
	remove_files(&fs);
	lw_tu_free(u.tu);
}

/* Writes u's facts with one thing in its body broken behind the IR
 * builder's back (the checksum is the writer's, so right), and reads them
 * into a new program: the reader's own checks must refuse them. */
static void refused_when(struct unit *u, const char *why)
{
	struct files fs;
	write_unit(&fs, u);
	struct lw_program *p = lw_program_new();
	char err[512], want[1024];
	assert_int_equal(lw_program_add_facts(p, fs.good, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: malformed facts file: %s", fs.good, why);
	assert_string_equal(err, want);
	assert_int_equal(lw_program_nfuncs(p), 0);
	lw_program_free(p);
	remove_files(&fs);
	lw_tu_free(u->tu);
}

static struct lw_event *event(struct unit *u, uint32_t b, uint32_t i)
{
	return (struct lw_event *)&u->tu->funcs[0].blocks[b].events[i];
}

static void test_reader_checks(void **state)
{
	(void)state;
	struct unit u;
	build(&u);
	event(&u, 0, 0)->callee = 100000;
	refused_when(&u, "string id 100000 out of range");
	build(&u);
	event(&u, 2, 1)->kind = 9;
	refused_when(&u, "bad event kind 9");
	build(&u);
	event(&u, 0, 2)->mode = 4;
	refused_when(&u, "bad access mode 4");
	build(&u);
	event(&u, 2, 0)->decl = 50;
	refused_when(&u, "declaration 50 out of range");
	build(&u);
	event(&u, 0, 5)->loc.file = 77;
	refused_when(&u, "file id 77 out of range");
	build(&u);
	event(&u, 0, 1)->value.kind = 7;
	refused_when(&u, "bad value kind 7");
	build(&u);
	((struct lw_edge *)&u.tu->funcs[0].blocks[1].succ[0])->target = 9;
	refused_when(&u, "function 'work': block 1: successor out of range");
	build(&u);
	((struct lw_cond *)&u.tu->funcs[0].blocks[0].succ[0].conds[0])->op = 2;
	refused_when(&u, "bad condition operator 2");
	build(&u);
	((struct lw_step *)&event(&u, 0, 4)->path.steps[1])->kind = 3;
	refused_when(&u, "bad step kind 3");
}

static void ignore(void *ctx, const struct lw_diag *d)
{
	(void)ctx, (void)d;
}

/* Damage behind the checksum: flipped bits, the checksum made right
 * again.  The reader's checks must hold: refused with a message, or read;
 * what was read is analysed without a crash. */
static void test_reader_checks_everywhere(void **state)
{
	(void)state;
	struct unit u;
	build(&u);
	struct files fs;
	write_unit(&fs, &u);
	guchar *d = g_memdup2(fs.bytes, fs.len);
	struct lw_options o;
	lw_options_init(&o);
	unsigned refused = 0, read = 0;
	for (gsize i = FX_BODY_AT; i < fs.len; i++)
		for (int bit = 0; bit < 8; bit++) {
			d[i] ^= (guchar)(1u << bit);
			char sum[FX_SUM_HEX + 1];
			lw__facts_checksum(d + FX_BODY_AT, fs.len - FX_BODY_AT, sum);
			memcpy(d + FX_PREFIX_LEN, sum, FX_SUM_HEX);
			put(fs.bad, d, fs.len);
			struct lw_program *p = lw_program_new();
			char err[512] = "";
			if (lw_program_add_facts(p, fs.bad, err, sizeof(err)) == 0) {
				read++;
				struct lw_diag_sink sink = {ignore, NULL, NULL};
				lw_program_analyze(p, &o, &sink);
			} else {
				refused++;
				size_t n = strlen(fs.bad);
				assert_int_equal(strncmp(err, fs.bad, n), 0);
				assert_true(!strncmp(err + n, ": malformed facts file: ", 24) ||
					    !strncmp(err + n, ": cannot read facts: ", 21));
			}
			lw_program_free(p);
			d[i] ^= (guchar)(1u << bit);
		}
	assert_true(refused > 0);
	assert_true(read > 0);
	g_free(d);
	remove_files(&fs);
	lw_tu_free(u.tu);
}

/* ---- the cache's check ------------------------------------------------------ */

struct seen {
	unsigned n;
	int stop_at;
};

static int dep_cb(void *ctx, const char *dep, const char *hash)
{
	struct seen *s = ctx;
	assert_true(s->n < NDEPS);
	assert_string_equal(dep, deps[s->n].path);
	assert_string_equal(hash, deps[s->n].hash);
	return ++s->n == (unsigned)s->stop_at;
}

/* The missing path comes back as its folder and name. */
static int missing_cb(void *ctx, const char *folder, const char *names)
{
	struct seen *s = ctx;
	assert_int_equal(s->n, NDEPS - 1);
	assert_string_equal(folder, "include-first");
	assert_string_equal(names, "drv.h");
	return ++s->n == (unsigned)s->stop_at;
}

static void test_deps(void **state)
{
	(void)state;
	struct unit u;
	build(&u);
	struct files fs;
	write_unit(&fs, &u);
	char err[512] = "", want[1024];
	struct seen s = {0, -1};
	assert_int_equal(lw_facts_deps(fs.good, dep_cb, missing_cb, &s, err, sizeof(err)), 0);
	assert_int_equal(s.n, NDEPS);
	s = (struct seen){0, 1};
	assert_int_equal(lw_facts_deps(fs.good, dep_cb, missing_cb, &s, err, sizeof(err)), 1);
	assert_int_equal(s.n, 1);

	/* a damaged facts file fails the check, though its .deps is fine */
	char *deps_good = g_strconcat(fs.good, ".deps", NULL);
	char *deps_bad = g_strconcat(fs.bad, ".deps", NULL);
	gchar *dj;
	gsize dlen;
	assert_true(g_file_get_contents(deps_good, &dj, &dlen, NULL));
	put(deps_bad, dj, dlen);
	guchar *d = g_memdup2(fs.bytes, fs.len);
	d[fs.len / 2] ^= 0x20;
	put(fs.bad, d, fs.len);
	s = (struct seen){0, -1};
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: checksum mismatch", fs.bad);
	assert_string_equal(err, want);
	assert_int_equal(s.n, 0);
	put(fs.bad, fs.bytes, fs.len - 1);
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), -1);
	assert_string_equal(err, want);
	d[fs.len / 2] ^= 0x20;
	d[1] = LW_FACTS_VERSION - 1;
	put(fs.bad, d, fs.len);
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: not a facts file of this version", fs.bad);
	assert_string_equal(err, want);
	assert_int_equal(s.n, 0);

	/* an intact facts file whose .deps is damaged or gone */
	put(fs.bad, fs.bytes, fs.len);
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), 0);
	s = (struct seen){0, -1};
	put(deps_bad, dj, dlen / 2);
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), -1);
	assert_int_equal(strncmp(err, deps_bad, strlen(deps_bad)), 0);
	g_remove(deps_bad);
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), -1);
	assert_int_equal(s.n, 0);

	/* Not regular files: refused at once, a FIFO without blocking. */
	put(deps_bad, dj, dlen);
	g_remove(fs.bad);
	assert_int_equal(mkfifo(fs.bad, 0600), 0);
	struct lw_program *p = lw_program_new();
	snprintf(want, sizeof(want), "%s: cannot read facts: not a regular file", fs.bad);
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), -1);
	assert_string_equal(err, want);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
	assert_string_equal(err, want);
	g_remove(fs.bad);
	assert_int_equal(g_mkdir(fs.bad, 0700), 0);
	assert_int_equal(lw_program_add_facts(p, fs.bad, err, sizeof(err)), -1);
	assert_string_equal(err, want);
	g_rmdir(fs.bad);
	put(fs.bad, fs.bytes, fs.len);
	g_remove(deps_bad);
	assert_int_equal(mkfifo(deps_bad, 0600), 0);
	assert_int_equal(lw_facts_deps(fs.bad, dep_cb, missing_cb, &s, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: cannot read facts: not a regular file", deps_bad);
	assert_string_equal(err, want);
	assert_int_equal(s.n, 0);
	char hex[LW_HASH_HEX];
	assert_int_equal(lw_hash_file(deps_bad, hex), -1);
	g_remove(deps_bad);
	lw_program_free(p);

	g_free(d);
	g_free(dj);
	g_free(deps_good);
	g_free(deps_bad);
	remove_files(&fs);
	lw_tu_free(u.tu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_cut_short),
		cmocka_unit_test(test_bit_flips),
		cmocka_unit_test(test_specific_damage),
		cmocka_unit_test(test_reader_checks),
		cmocka_unit_test(test_reader_checks_everywhere),
		cmocka_unit_test(test_deps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
