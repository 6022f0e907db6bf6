/*
 * check-needless-lock.c - a driver-lock critical section in which nothing
 * needed the lock: no guarded, RCU or unclassified field of the driver,
 * no callee requirement or need, no callee that could not be seen.  The
 * tracker marks each lock site used; this reads the marks at the end of
 * the function.  docs/checks.md.
 */
#include "check.h"

static void on_function_end(struct lw_check_ctx *c)
{
	const struct lw_flow *f = c->f;
	if (f->gave_up)
		return;
	for (uint32_t i = 1; i < f->nsites; i++) {
		const struct lw_site *st = &f->sites[i];
		if (!st->driver || !st->released || st->used)
			continue;
		const char *n = lw_check_lockname(c, &st->path, st->cls);
		struct lw_diag *d = lw_report_NEEDLESS_LOCK(c, st->loc, n);
		lw_note_RELEASED_HERE(c, d, st->rel_loc, n);
	}
}

const struct lw_check_ops lw__check_needless_lock = {
	.function_end = on_function_end,
};
