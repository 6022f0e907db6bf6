/*
 * link.h - inside the program that facts files are linked into (link.c).
 *
 * The facts reader (facts-read.c) decodes and checks one unit's facts and
 * adds them here, in the program's own numbering of strings, files and
 * declarations; the unit tests look at the result through the same
 * functions.  The public side is program.h.
 */
#ifndef LW_LINK_H
#define LW_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "annot.h"
#include "diag.h"
#include "ir.h"
#include "program.h"

struct lw_model;
struct lw_diag_list;

/* The program's TU: strings, files, declarations, bodies, suppressions. */
struct lw_tu *lw__program_tu(struct lw_program *p);
/* The program's annotation model: fields, globals, lock classes and each
 * declaration's lock effects. */
struct lw_model *lw__program_model(struct lw_program *p);
/* The findings the units' facts brought (bad annotations). */
const struct lw_diag_list *lw__program_diags(const struct lw_program *p);

/* The program's declaration for a unit's fd (already in the program's
 * strings and files), def being where its body is, or its own loc without
 * one.  Added on first sight; see link.c for how units' declarations are
 * matched. */
uint32_t lw__link_fdecl(struct lw_program *p, const struct lw_fdecl *fd, struct lw_loc def);
/* 0 if the program already has a body for its declaration decl: an
 * earlier unit brought it (a header's inline function). */
int lw__link_wants_body(struct lw_program *p, uint32_t decl);
/* A unit's annotation of a field (record 0: a global), into the program's
 * model.  Units may disagree (two structs of one name, a header compiled
 * with other macros): see link.c for how, and the errors said. */
void lw__link_field(struct lw_program *p, lw_str record, lw_str name,
		    const struct lw_field_info *fi);
/* A unit's flags and lock effects of declaration decl; flag_loc[0] and
 * [1] are where LW_BLOCKING and LW_NONBLOCKING are in that unit (file 0:
 * not there).  Effects stay the caller's (they live in the program). */
void lw__link_fn(struct lw_program *p, uint32_t decl, uint32_t flags,
		 const struct lw_effect *effects, uint32_t n, const struct lw_loc flag_loc[2]);
/* A finding as a unit recorded it: message and notes complete, copied. */
void lw__link_diag(struct lw_program *p, enum lw_diag_kind kind, struct lw_loc loc,
		   const char *msg, uint32_t nnotes, const struct lw_note *notes);
/* A sidecar entry (lw_sidecar_entry_key) matched something in a unit. */
void lw__link_sidecar_matched(struct lw_program *p, const char *key, size_t len);

/* lw_program_add_facts() on len bytes already in memory, named path in
 * messages (the fuzz target, bench/fuzz/, reads no file). */
int lw__program_add_facts_data(struct lw_program *p, const char *path, const char *data,
			       size_t len, char *err, size_t errlen);

#endif /* LW_LINK_H */
