/*
 * Unit tests of the IR verifier, lw_ir_verify(): a well-formed function
 * passes, and each malformation it promises to catch is caught, with its
 * message, one test each.  Every test starts from the same valid function
 * and breaks one thing in a copy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ir.h"

/* void work(struct drv *d)
 * {
 *	long l = lock(&d->lock);        B0: CALL #1, ASSIGN g_last = l,
 *	g_last = l;                         ACCESS d->n = 1
 *	d->n = 1;
 *	if (l) {                        B0 -> B1 if l != 0, -> B2 if l == 0
 *		unlock(&d->lock);       B1: CALL #2, UNKNOWN
 *		asm("");
 *	}
 *	return d->n;                    B2: RETURN d->n
 * }
 */
struct fixture {
	struct lw_tu *tu;
	uint32_t fd_work, fd_lock, fd_unlock;
	struct lw_step lock_steps[2], n_steps[2];
	struct lw_value lock_arg;
	struct lw_event b0[3], b1[2], b2[1];
	struct lw_cond c_true, c_false;
	struct lw_edge e0[2], e1[1];
	struct lw_block blocks[3];
	struct lw_var locals[1];
	struct lw_func fn;
};

static struct lw_path param_path(struct lw_step *steps, uint16_t n)
{
	struct lw_path p = {LW_ROOT_PARAM, n, 0, steps};
	return p;
}

static void build(struct fixture *x)
{
	memset(x, 0, sizeof(*x));
	struct lw_tu *tu = x->tu = lw_tu_new();
	uint32_t file = lw_tu_file(tu, "work.c");
	lw_str drv = lw_intern_cstr(tu, "drv");
	struct lw_var params[1] = {{lw_intern_cstr(tu, "d"), NULL, {file, 1, 20}}};
	struct lw_fdecl work = {lw_intern_cstr(tu, "work"), {file, 1, 6}, LW_FD_HAS_BODY, 1, params, 0,
				NULL, -1};
	struct lw_fdecl lock = {lw_intern_cstr(tu, "lock"), {file, 0, 0}, 0, 1, params, 0, NULL, -1};
	struct lw_fdecl unlock = {lw_intern_cstr(tu, "unlock"), {file, 0, 0}, 0, 1, params, 0, NULL, -1};
	x->fd_work = lw_tu_add_fdecl(tu, &work);
	x->fd_lock = lw_tu_add_fdecl(tu, &lock);
	x->fd_unlock = lw_tu_add_fdecl(tu, &unlock);

	x->lock_steps[0] = (struct lw_step){LW_STEP_DEREF, 0, 0, 0};
	x->lock_steps[1] = (struct lw_step){LW_STEP_FIELD, 0, drv, lw_intern_cstr(tu, "lock")};
	x->n_steps[0] = (struct lw_step){LW_STEP_DEREF, 0, 0, 0};
	x->n_steps[1] = (struct lw_step){LW_STEP_FIELD, 0, drv, lw_intern_cstr(tu, "n")};
	x->lock_arg = (struct lw_value){LW_VAL_ADDR, 0, param_path(x->lock_steps, 2)};
	x->locals[0] = (struct lw_var){lw_intern_cstr(tu, "l"), NULL, {file, 3, 7}};
	struct lw_path l = {LW_ROOT_LOCAL, 0, 0, NULL};
	struct lw_path g_last = {LW_ROOT_GLOBAL, 0, lw_intern_cstr(tu, "g_last"), NULL};

	struct lw_event *e = &x->b0[0];
	e->kind = LW_EV_CALL;
	e->loc = (struct lw_loc){file, 3, 11};
	e->id = 1;
	e->callee = lw_intern_cstr(tu, "lock");
	e->decl = (int32_t)x->fd_lock;
	e->nargs = 1;
	e->args = &x->lock_arg;
	e->path = l;
	e = &x->b0[1];
	e->kind = LW_EV_ASSIGN;
	e->loc = (struct lw_loc){file, 4, 2};
	e->path = g_last;
	e->value = (struct lw_value){LW_VAL_LOAD, 0, l};
	e = &x->b0[2];
	e->kind = LW_EV_ACCESS;
	e->mode = LW_ACC_WRITE;
	e->loc = (struct lw_loc){file, 5, 5};
	e->path = param_path(x->n_steps, 2);
	e->value = (struct lw_value){LW_VAL_INT, 1, {0, 0, 0, NULL}};
	e = &x->b1[0];
	e->kind = LW_EV_CALL;
	e->loc = (struct lw_loc){file, 7, 3};
	e->id = 2;
	e->callee = lw_intern_cstr(tu, "unlock");
	e->decl = (int32_t)x->fd_unlock;
	e->nargs = 1;
	e->args = &x->lock_arg;
	e = &x->b1[1];
	e->kind = LW_EV_UNKNOWN;
	e->loc = (struct lw_loc){file, 8, 3};
	e->what = "asm statement";
	e = &x->b2[0];
	e->kind = LW_EV_RETURN;
	e->loc = (struct lw_loc){file, 10, 2};
	e->value = (struct lw_value){LW_VAL_LOAD, 0, param_path(x->n_steps, 2)};

	x->c_true = (struct lw_cond){LW_COND_NE, 0, {LW_VAL_LOAD, 0, l}};
	x->c_false = (struct lw_cond){LW_COND_EQ, 0, {LW_VAL_LOAD, 0, l}};
	x->e0[0] = (struct lw_edge){1, 1, &x->c_true};
	x->e0[1] = (struct lw_edge){2, 1, &x->c_false};
	x->e1[0] = (struct lw_edge){2, 0, NULL};
	x->blocks[0] = (struct lw_block){3, x->b0, 2, x->e0};
	x->blocks[1] = (struct lw_block){2, x->b1, 1, x->e1};
	x->blocks[2] = (struct lw_block){1, x->b2, 0, NULL};

	x->fn.name = lw_intern_cstr(tu, "work");
	x->fn.loc = (struct lw_loc){file, 1, 6};
	x->fn.decl = x->fd_work;
	x->fn.nlocals = 1;
	x->fn.locals = x->locals;
	x->fn.nblocks = 3;
	x->fn.blocks = x->blocks;
	x->fn.entry = 0;
	x->fn.exit = 2;
	x->fn.ncalls = 2;
}

/* lw_ir_verify() must refuse x->fn and say why. */
static void refused(struct fixture *x, const char *why)
{
	char got[256] = "";
	assert_int_equal(lw_ir_verify(x->tu, &x->fn, got, sizeof(got)), -1);
	assert_string_equal(got, why);
	lw_tu_free(x->tu);
}

static void test_valid(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	char why[256] = "";
	assert_int_equal(lw_ir_verify(x.tu, &x.fn, why, sizeof(why)), 0);
	/* and the builder, which verifies too, takes it */
	assert_int_equal(lw_tu_add_func(x.tu, &x.fn), 0);
	assert_int_equal(x.tu->fdecls[x.fd_work].func, 0);
	assert_int_equal(lw_ir_verify(x.tu, &x.tu->funcs[0], why, sizeof(why)), 0);
	lw_tu_free(x.tu);
}

static void test_no_declaration(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.fn.decl = x.tu->nfdecls;
	refused(&x, "function has no declaration");
}

static void test_entry_out_of_range(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.fn.entry = 3;
	refused(&x, "entry/exit block out of range");
}

static void test_exit_out_of_range(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.fn.exit = 7;
	refused(&x, "entry/exit block out of range");
}

static void test_successor_out_of_range(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.e1[0].target = 3;
	refused(&x, "block 1: successor out of range");
}

static void test_bad_event_kind(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b2[0].kind = LW_EV__COUNT;
	refused(&x, "block 2: bad event kind");
}

static void test_call_id_zero(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[0].id = 0;
	refused(&x, "block 0: call id 0 out of range");
}

static void test_call_id_past_ncalls(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b1[0].id = 3;
	refused(&x, "block 1: call id 3 out of range");
}

static void test_callee_decl_out_of_range(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b1[0].decl = (int32_t)x.tu->nfdecls;
	refused(&x, "block 1: callee decl out of range");
}

static void test_access_not_a_field(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[2].path.nsteps = 1; /* *d: ends in a DEREF */
	refused(&x, "block 0: access path is neither a field nor a global");
}

static void test_access_root_alone_not_global(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[2].path = (struct lw_path){LW_ROOT_LOCAL, 0, 0, NULL};
	refused(&x, "block 0: access path is neither a field nor a global");
}

static void test_steps_without_root(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[1].path = (struct lw_path){LW_ROOT_NONE, 2, 0, x.n_steps};
	refused(&x, "path with steps but no root");
}

static void test_parameter_out_of_range(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b2[0].value.path.root = 1; /* work has one parameter */
	refused(&x, "parameter 1 out of range");
}

static void test_local_out_of_range(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[1].path = (struct lw_path){LW_ROOT_LOCAL, 0, 1, NULL};
	refused(&x, "local 1 out of range");
}

static void test_result_zero(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[1].value.path = (struct lw_path){LW_ROOT_RESULT, 0, 0, NULL};
	refused(&x, "call result 0 out of range");
}

static void test_result_past_ncalls(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[1].value.path = (struct lw_path){LW_ROOT_RESULT, 0, 3, NULL};
	refused(&x, "call result 3 out of range");
}

static void test_bad_root_kind(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.b0[0].path.root_kind = LW_ROOT_RESULT + 1;
	refused(&x, "bad root kind 5");
}

/* Every path of an event or an edge is checked, not only the event's own. */
static void test_argument_path_checked(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.lock_arg.path.root = 2;
	refused(&x, "parameter 2 out of range");
}

static void test_condition_path_checked(void **state)
{
	(void)state;
	struct fixture x;
	build(&x);
	x.c_false.val.path.root = 4;
	refused(&x, "local 4 out of range");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_no_declaration),
		cmocka_unit_test(test_entry_out_of_range),
		cmocka_unit_test(test_exit_out_of_range),
		cmocka_unit_test(test_successor_out_of_range),
		cmocka_unit_test(test_bad_event_kind),
		cmocka_unit_test(test_call_id_zero),
		cmocka_unit_test(test_call_id_past_ncalls),
		cmocka_unit_test(test_callee_decl_out_of_range),
		cmocka_unit_test(test_access_not_a_field),
		cmocka_unit_test(test_access_root_alone_not_global),
		cmocka_unit_test(test_steps_without_root),
		cmocka_unit_test(test_parameter_out_of_range),
		cmocka_unit_test(test_local_out_of_range),
		cmocka_unit_test(test_result_zero),
		cmocka_unit_test(test_result_past_ncalls),
		cmocka_unit_test(test_bad_root_kind),
		cmocka_unit_test(test_argument_path_checked),
		cmocka_unit_test(test_condition_path_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
