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

#include "capacity.h"

struct lw_diag_list {
	struct lw_arena *arena;
	struct lw_tu *tu;
	struct lw_diag *items;
	uint32_t n, cap;
};

/* Formats the message of kind k with its lw_diag_nargs(k) string
 * arguments.  Checks report through check.h's typed wrappers instead. */
struct lw_diag *lw__diag_add_argv(struct lw_diag_list *l, enum lw_diag_kind k,
				  struct lw_loc loc, unsigned nargs, const char *const *args);
void lw__diag_note_argv(struct lw_diag_list *l, struct lw_diag *d, enum lw_diag_kind k,
			struct lw_loc loc, unsigned nargs, const char *const *args);
/* The same with the arguments as variadic strings. */
struct lw_diag *lw__diag_add(struct lw_diag_list *l, enum lw_diag_kind k,
			     struct lw_loc loc, ...);
void lw__diag_note(struct lw_diag_list *l, struct lw_diag *d,
		   enum lw_diag_kind k, struct lw_loc loc, ...);

enum lw_check lw__diag_check(enum lw_diag_kind k);
enum lw_severity lw__diag_severity(enum lw_diag_kind k);

#endif /* LW_REPORT_H */
