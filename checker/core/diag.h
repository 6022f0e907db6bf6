/*
 * diag.h - findings as plain data.
 *
 * The analysis never prints: it fills a struct lw_diag and hands it to a
 * sink (the Clang adapter turns it into a Clang diagnostic, the command-line
 * driver into text, JSON or SARIF).  The wording of every diagnostic lives in
 * diag-kinds.def.
 */
#ifndef LW_DIAG_H
#define LW_DIAG_H

#include <stdint.h>

#include "ir.h"

enum lw_severity { LW_SEV_REMARK = 0, LW_SEV_NOTE, LW_SEV_WARNING, LW_SEV_ERROR };

/* One row per check: the id is the name used everywhere (message suffix,
 * --checks globs, suppression comments, SARIF ruleId, docs section). */
#define LW_CHECKS(X)                                                           \
	X(SLEEP_UNDER_LOCK, "sleep-under-lock")                                \
	X(UNGUARDED_ACCESS, "unguarded-access")                                \
	X(IMMUTABLE_WRITE, "immutable-write")                                  \
	X(RCU_ACCESS, "rcu-access")                                            \
	X(ATOMIC_ACCESS, "atomic-access")                                      \
	X(LOCK_IMBALANCE, "lock-imbalance")                                    \
	X(NEEDLESS_LOCK, "needless-lock")                                      \
	X(BAD_ANNOTATION, "bad-annotation")                                    \
	X(DEBUG, "debug")

enum lw_check {
#define X(id, name) LW_CHECK_##id,
	LW_CHECKS(X)
#undef X
	LW_CHECK__COUNT
};

const char *lw_check_name(enum lw_check c);
/* Returns the check for name, or -1. */
int lw_check_parse(const char *name, size_t len);

enum lw_diag_kind {
#define DIAG(id, check, sev, fmt) LW_DIAG_##id,
#define NOTE(id, fmt) LW_NOTE_##id,
#include "diag-kinds.def"
#undef DIAG
#undef NOTE
	LW_DIAG__COUNT
};

struct lw_note {
	struct lw_loc loc;
	const char *msg;
};

struct lw_diag {
	enum lw_diag_kind kind;
	enum lw_check check;
	enum lw_severity sev;
	struct lw_loc loc;
	const char *msg; /* complete, ends in " [check-id]" */
	uint32_t nnotes;
	const struct lw_note *notes;
	/* For fingerprints (whole-program mode): stable across line moves. */
	const char *function;
	const char *key;
};

struct lw_diag_sink {
	void (*emit)(void *ctx, const struct lw_diag *d);
	void *ctx;
};

#endif /* LW_DIAG_H */
