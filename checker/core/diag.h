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

enum lw_check {
#define CHECK(id, name, module, supp, level, prec, tag1, tag2, short_, meaning, detail, fix) \
	LW_CHECK_##id,
#include "checks.def"
#undef CHECK
	LW_CHECK__COUNT
};

/* A check's row of checks.def, for --help, SARIF and the docs test. */
struct lw_check_info {
	const char *id;
	int suppressible;
	const char *level; /* SARIF's: "warning", "error", "note" */
	const char *precision;
	const char *tags[2]; /* NULL where there is none */
	const char *short_desc, *meaning, *detail, *fix;
};

const struct lw_check_info *lw_check_info(enum lw_check c);
const char *lw_check_name(enum lw_check c);
/* Returns the check for name, or -1. */
int lw_check_parse(const char *name, size_t len);

enum lw_diag_kind {
#define DIAG(id, check, sev, nargs, fmt) LW_DIAG_##id,
#define NOTE(id, role, nargs, fmt) LW_NOTE_##id,
#include "diag-kinds.def"
#undef DIAG
#undef NOTE
	LW_DIAG__COUNT
};

/* What a note is to a reader of the finding (diag-kinds.def). */
enum lw_note_role {
	LW_NOTE_ROLE_RELATED, /* another place the finding is about */
	LW_NOTE_ROLE_STEP,    /* a step of the path to it */
};

struct lw_note {
	struct lw_loc loc;
	const char *msg;
	enum lw_diag_kind kind;
};

enum lw_note_role lw_note_role(enum lw_diag_kind k);
/* The number of %s arguments of kind k's format (diag-kinds.def). */
unsigned lw_diag_nargs(enum lw_diag_kind k);
const char *lw_diag_format(enum lw_diag_kind k);

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

struct lw_track_stats;

struct lw_diag_sink {
	void (*emit)(void *ctx, const struct lw_diag *d);
	void *ctx;
	/* Optional: what the tracker lost over the analysis (capacity.h),
	 * called once after the findings. */
	void (*stats)(void *ctx, const struct lw_track_stats *st);
};

#endif /* LW_DIAG_H */
