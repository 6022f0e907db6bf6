/*
 * check-rcu-access.c - an LW_RCU_CONFIG pointer loaded outside a read-side
 * section without its lock, replaced by a plain store, published without
 * its lock, or written through (a published snapshot is read-only).
 * Start-up code may do all of these.  docs/checks.md.
 */
#include "check.h"

#include "builtins.h"

static const char *access_name(struct lw_check_ctx *c, const struct lw_event *e)
{
	return lw_check_lockname(c, &e->path, (struct lw_lockclass){0, 0});
}

/* A write through a snapshot pointer, or through an RCU field directly
 * (p->config->x = ...). */
static void snapshot_write(struct lw_check_ctx *c, const struct lw_state *s,
			   const struct lw_event *e)
{
	for (int i = 0; i < s->nsnap; i++) {
		const struct lw_snap *sn = &s->snap[i];
		if (lw_path_is_prefix(&sn->path, &e->path) && e->path.nsteps > sn->path.nsteps &&
		    e->path.steps[sn->path.nsteps].kind == LW_STEP_DEREF) {
			struct lw_diag *d = lw_report_RCU_SNAPSHOT_WRITE(c, e->loc, access_name(c, e));
			lw_note_SNAPSHOT_FROM(c, d, sn->loc,
					      lw_check_lockname(c, &sn->from, (struct lw_lockclass){0, 0}));
			return;
		}
	}
	for (uint16_t i = 0; i + 1 < e->path.nsteps; i++) {
		const struct lw_step *st = &e->path.steps[i];
		if (st->kind != LW_STEP_FIELD || e->path.steps[i + 1].kind != LW_STEP_DEREF)
			continue;
		const struct lw_field_info *fi = lw_model_field(c->a->model, st->record, st->field);
		if (fi && fi->cls == LW_FC_RCU) {
			lw_report_RCU_SNAPSHOT_WRITE(c, e->loc, access_name(c, e));
			return;
		}
	}
}

static void rcu_field(struct lw_check_ctx *c, const struct lw_state *s,
		      const struct lw_access_info *ai)
{
	const struct lw_event *e = ai->e;
	int held = ai->held >= 0;
	const char *lock = lw_check_lockname(c, &ai->lock, ai->fi->lock_cls);
	if (e->mode == LW_ACC_READ || (e->mode == LW_ACC_ADDR && ai->addr_op == LW_OP_RCU_DEREF)) {
		if (!held && !s->rcu)
			lw_report_RCU_UNPROTECTED_LOAD(c, e->loc, access_name(c, e), lock);
		return;
	}
	int publication = 0;
	if (e->mode == LW_ACC_WRITE && (e->flags & (LW_AF_VOLATILE | LW_AF_ATOMIC_TYPE)))
		publication = 1;
	else if (e->mode == LW_ACC_ADDR && (ai->addr_publishes || ai->addr_op == LW_OP_RCU_PUBLISH ||
					    ai->addr_op == LW_OP_ATOMIC))
		publication = 1;
	else if (e->mode == LW_ACC_ADDR)
		return;
	if (!publication)
		lw_report_RCU_PLAIN_STORE(c, e->loc, access_name(c, e));
	else if (!held)
		lw_report_RCU_UNLOCKED_PUBLISH(c, e->loc, access_name(c, e), lock);
}

static void on_access(struct lw_check_ctx *c, const struct lw_state *s,
		      const struct lw_access_info *ai)
{
	if (ai->initializing || ai->in_init)
		return;
	if (ai->e->mode == LW_ACC_WRITE || ai->e->mode == LW_ACC_RMW)
		snapshot_write(c, s, ai->e);
	if (ai->fi && ai->fi->cls == LW_FC_RCU)
		rcu_field(c, s, ai);
}

const struct lw_check_ops lw__check_rcu_access = {
	.access = on_access,
};
