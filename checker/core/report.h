/*
 * report.h - collecting findings before they are sorted and emitted.
 *
 * Checks add findings here with the diag-kinds.def row and its string
 * arguments; lw_tu_analyze() filters suppressions, sorts, deduplicates and
 * hands them to the sink.
 */
#ifndef LW_REPORT_H
#define LW_REPORT_H

#include "diag.h"

#define LW_MAX_NOTES 32

struct lw_diag_list {
	struct lw_arena *arena;
	struct lw_tu *tu;
	struct lw_diag *items;
	uint32_t n, cap;
};

/* Formats the message of kind k with the string arguments that follow. */
struct lw_diag *lw__diag_add(struct lw_diag_list *l, enum lw_diag_kind k,
			     struct lw_loc loc, ...);
void lw__diag_note(struct lw_diag_list *l, struct lw_diag *d,
		   enum lw_diag_kind k, struct lw_loc loc, ...);

const char *lw__diag_format(enum lw_diag_kind k);
enum lw_check lw__diag_check(enum lw_diag_kind k);
enum lw_severity lw__diag_severity(enum lw_diag_kind k);

#endif /* LW_REPORT_H */
