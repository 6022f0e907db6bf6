/*
 * check-immutable-write.c - an LW_IMMUTABLE or LW_SELF_LOCKING field
 * written outside start-up: assigned, changed in place, or its address
 * passed to a function that may write through it.  Fresh objects and
 * initializers are start-up of their own.  docs/checks.md.
 */
#include "check.h"

#include "builtins.h"

static int lock_op(int op)
{
	return op == LW_OP_ACQUIRE || op == LW_OP_RELEASE || op == LW_OP_ACQUIRE_SHARED ||
	       op == LW_OP_TRY_ACQUIRE || op == LW_OP_TRY_ACQUIRE_SHARED;
}

static void on_access(struct lw_check_ctx *c, const struct lw_state *s,
		      const struct lw_access_info *ai)
{
	(void)s;
	const struct lw_event *e = ai->e;
	if (!ai->fi || ai->initializing || ai->in_init)
		return;
	if (ai->fi->cls != LW_FC_IMMUTABLE && ai->fi->cls != LW_FC_SELF_LOCKING)
		return;
	const char *name = lw_check_lockname(c, &e->path, (struct lw_lockclass){0, 0});
	if (e->mode == LW_ACC_WRITE || e->mode == LW_ACC_RMW) {
		if (ai->fi->cls == LW_FC_IMMUTABLE)
			lw_report_IMMUTABLE_WRITE(c, e->loc, name);
		else
			lw_report_SELF_LOCKING_WRITE(c, e->loc, name);
	} else if (e->mode == LW_ACC_ADDR && e->call_id && !(e->flags & LW_AF_CONST_ARG)) {
		if (lock_op(ai->addr_op))
			return; /* locking a lock field is not writing it */
		lw_report_IMMUTABLE_ADDR(c, e->loc, name,
					 ai->addr_call ? lw_check_callee_name(c, ai->addr_call) : "?");
	}
}

const struct lw_check_ops lw__check_immutable_write = {
	.access = on_access,
};
