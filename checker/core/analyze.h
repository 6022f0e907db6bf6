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

#endif /* LW_ANALYZE_H */
