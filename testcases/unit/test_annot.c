/*
 * Unit tests of the annotation parser and model, without Clang: the core
 * is fed a hand-built TU.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "annot.h"
#include "report.h"

struct world {
	struct lw_tu *tu;
	const struct lw_type *drv, *pdrv, *mutex, *pmutex, *intty;
	uint32_t fd_lock; /* void lock(struct drv *d) */
};

static void build(struct world *w)
{
	struct lw_tu *tu = lw_tu_new();
	w->tu = tu;
	lw_str sdrv = lw_intern_cstr(tu, "drv"), smutex = lw_intern_cstr(tu, "virMutex");
	w->mutex = lw_type_new(tu, LW_TY_RECORD, smutex, NULL, 0);
	w->pmutex = lw_type_new(tu, LW_TY_POINTER, 0, w->mutex, 0);
	w->drv = lw_type_new(tu, LW_TY_RECORD, sdrv, NULL, 0);
	w->pdrv = lw_type_new(tu, LW_TY_POINTER, 0, w->drv, 0);
	w->intty = lw_type_new(tu, LW_TY_OTHER, lw_intern_cstr(tu, "int"), NULL, 0);
	struct lw_field mf[1] = {{lw_intern_cstr(tu, "lock"), {1, 1, 1}, w->intty, 0, NULL}};
	struct lw_record mrec = {smutex, {1, 1, 1}, 1, mf};
	lw_tu_add_record(tu, &mrec);
	struct lw_annot_src dl = {"lockwarden:driver_lock", {1, 2, 3}};
	struct lw_annot_src gb = {"lockwarden:guarded_by(lock)", {1, 3, 3}};
	struct lw_annot_src bad = {"lockwarden:guarded_by(nolock)", {1, 4, 3}};
	struct lw_field df[3] = {
		{lw_intern_cstr(tu, "lock"), {1, 2, 1}, w->mutex, 1, &dl},
		{lw_intern_cstr(tu, "n"), {1, 3, 1}, w->intty, 1, &gb},
		{lw_intern_cstr(tu, "m"), {1, 4, 1}, w->intty, 1, &bad},
	};
	struct lw_record drec = {sdrv, {1, 1, 1}, 3, df};
	lw_tu_add_record(tu, &drec);
	struct lw_var params[1] = {{lw_intern_cstr(tu, "d"), w->pdrv, {1, 5, 1}}};
	struct lw_annot_src acq = {"lockwarden:acquires(d->lock)", {1, 5, 20}};
	struct lw_fdecl fd = {lw_intern_cstr(tu, "drvLock"), {1, 5, 1}, 0, 1, params, 1, &acq, -1};
	w->fd_lock = lw_tu_add_fdecl(tu, &fd);
}

static void test_lock_expressions(void **state)
{
	(void)state;
	struct world w;
	build(&w);
	const struct lw_fdecl *fd = &w.tu->fdecls[w.fd_lock];
	struct lw_path p;
	struct lw_lockclass c;
	char err[256];
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "d->lock", &p, &c, err, sizeof(err)), 0);
	assert_int_equal(p.root_kind, LW_ROOT_PARAM);
	assert_int_equal(p.nsteps, 2);
	assert_int_equal(p.steps[0].kind, LW_STEP_DEREF);
	assert_string_equal(lw_str_get(w.tu, c.record), "drv");
	assert_string_equal(lw_str_get(w.tu, c.name), "lock");
	/* &d->lock names the same object */
	struct lw_path q;
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "&d->lock", &q, NULL, err, sizeof(err)), 0);
	assert_true(lw_path_equal(&p, &q));
	/* d alone is a pointer: it names *d */
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "d", &q, NULL, err, sizeof(err)), 0);
	assert_int_equal(q.nsteps, 1);
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "(*d).lock", &q, NULL, err, sizeof(err)), 0);
	assert_true(lw_path_equal(&p, &q));
	/* $1 is the first parameter, whatever its name */
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "$1->lock", &q, NULL, err, sizeof(err)), 0);
	assert_true(lw_path_equal(&p, &q));
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "$2->lock", &q, NULL, err, sizeof(err)), -1);
	assert_string_equal(err, "'$2' names no parameter of 'drvLock' (it has 1)");
	/* errors say what is wrong */
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "e->lock", &q, NULL, err, sizeof(err)), LW_LOCK_EXPR_UNSEEN);
	assert_string_equal(err, "'e' names no parameter of 'drvLock' and no global variable");
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "d->nolock", &q, NULL, err, sizeof(err)), -1);
	assert_string_equal(err, "'nolock' is not a field of 'drv'");
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "d.lock", &q, NULL, err, sizeof(err)), -1);
	assert_string_equal(err, "'lock' is looked up in something that is not a struct");
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "d->lock)", &q, NULL, err, sizeof(err)), -1);
	assert_int_equal(lw_parse_lock_expr(w.tu, fd, NULL, "", &q, NULL, err, sizeof(err)), -1);
	lw_tu_free(w.tu);
}

static void test_model(void **state)
{
	(void)state;
	struct world w;
	build(&w);
	struct lw_diag_list diags = {lw_tu_arena(w.tu), w.tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(w.tu, &diags);
	lw_str drv = lw_intern_cstr(w.tu, "drv");
	const struct lw_field_info *lock = lw_model_field(m, drv, lw_intern_cstr(w.tu, "lock"));
	assert_non_null(lock);
	assert_true(lock->driver_lock);
	const struct lw_field_info *n = lw_model_field(m, drv, lw_intern_cstr(w.tu, "n"));
	assert_non_null(n);
	assert_int_equal(n->cls, LW_FC_GUARDED);
	assert_int_equal(n->lock_cls.record, drv);
	assert_true(lw_model_is_driver_lock(m, (struct lw_lockclass){drv, lw_intern_cstr(w.tu, "lock")}));
	/* the malformed guarded_by is one bad-annotation error at its place */
	assert_int_equal(diags.n, 1);
	assert_int_equal(diags.items[0].check, LW_CHECK_BAD_ANNOTATION);
	assert_int_equal(diags.items[0].sev, LW_SEV_ERROR);
	assert_int_equal(diags.items[0].loc.line, 4);
	assert_string_equal(diags.items[0].msg,
			    "'nolock' names no field of 'drv' and no global variable [bad-annotation]");
	const struct lw_fn_info *fi = lw_model_fn(m, w.fd_lock);
	assert_int_equal(fi->neffects, 1);
	assert_int_equal(fi->effects[0].kind, LW_AN_ACQUIRES);
	lw_model_free(m);
	lw_tu_free(w.tu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock_expressions),
		cmocka_unit_test(test_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
