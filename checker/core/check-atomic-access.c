/*
 * check-atomic-access.c - an LW_ATOMIC field or global read or written
 * with a plain load or store instead of an atomic builtin.  Fields of
 * _Atomic type are atomic by themselves.  docs/checks.md.
 */
#include "check.h"

static void on_access(struct lw_check_ctx *c, const struct lw_state *s,
		      const struct lw_access_info *ai)
{
	(void)s;
	const struct lw_event *e = ai->e;
	if (!ai->fi || ai->fi->cls != LW_FC_ATOMIC || ai->initializing ||
	    (e->flags & LW_AF_ATOMIC_TYPE))
		return;
	if (e->mode != LW_ACC_READ && e->mode != LW_ACC_WRITE && e->mode != LW_ACC_RMW)
		return;
	const char *name = lw_check_lockname(c, &e->path, (struct lw_lockclass){0, 0});
	if (e->mode == LW_ACC_READ && ai->global)
		lw_report_ATOMIC_GLOBAL_PLAIN_READ(c, e->loc, name);
	else if (e->mode == LW_ACC_READ)
		lw_report_ATOMIC_PLAIN_READ(c, e->loc, name);
	else if (ai->global)
		lw_report_ATOMIC_GLOBAL_PLAIN_WRITE(c, e->loc, name);
	else
		lw_report_ATOMIC_PLAIN_WRITE(c, e->loc, name);
}

const struct lw_check_ops lw__check_atomic_access = {
	.access = on_access,
};
