/*
 * analyze.h - the one entry point that runs every check over a TU.
 *
 * Order of the passes is written once, in lw_tu_analyze(): parse
 * annotations, build the call graph, compute summaries bottom-up, run the
 * checks, filter suppressions, sort and emit.
 */
#ifndef LW_ANALYZE_H
#define LW_ANALYZE_H

#include "diag.h"
#include "ir.h"
#include "options.h"

/* Runs the analysis; findings go to sink sorted by location then check.
 * Returns the number of findings emitted (not counting remarks). */
unsigned lw_tu_analyze(struct lw_tu *tu, const struct lw_options *o,
		       const struct lw_diag_sink *sink);

struct lw_model;
struct lw_diag_list;

/* The pipeline over a TU (or a linked program) whose model is built:
 * findings are appended to dl, then filtered, sorted and emitted.  For the
 * whole-program link, which builds its own model. */
unsigned lw__analyze(struct lw_tu *tu, struct lw_model *m, struct lw_diag_list *dl,
		     const struct lw_options *o, const struct lw_diag_sink *sink);

#endif /* LW_ANALYZE_H */
