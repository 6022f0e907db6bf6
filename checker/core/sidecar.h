/*
 * sidecar.h - annotations kept beside the code, in a YAML file, for code
 * that cannot be edited or before a team commits to annotating.
 *
 * A sidecar says what the header's macros say: fields by struct tag or
 * typedef name, globals and functions by name, extra blocking and
 * non-blocking functions, blocking categories on or off.  Entries become
 * the same "lockwarden:..." annotation strings the macros produce, located
 * in the YAML file, so sidecar and in-source annotations merge and a
 * contradiction names both places.  Format: docs/sidecar.md.
 */
#ifndef LW_SIDECAR_H
#define LW_SIDECAR_H

#include <stddef.h>
#include <stdint.h>

#include "ir.h"
#include "options.h"

struct lw_sidecar;

/* Parses path with libyaml.  Returns 0, or -1 with "FILE:LINE:COL: what"
 * in err for a file that cannot be read, is not YAML, is more than one
 * YAML document, uses aliases or merge keys, or does not follow the
 * format. */
int lw_sidecar_load(const char *path, struct lw_sidecar **out, char *err, size_t errlen);
/* The same on len bytes in memory, path naming them in messages (the fuzz
 * target, bench/fuzz/, reads no file). */
int lw__sidecar_parse(const char *path, const char *data, size_t len, struct lw_sidecar **out,
		      char *err, size_t errlen);
void lw_sidecar_free(struct lw_sidecar *sc);

/* Attaches the entries to the matching records, globals and function
 * declarations of tu and marks those entries matched. */
void lw_sidecar_apply(struct lw_sidecar *sc, struct lw_tu *tu);

/* Blocking categories switched on or off in the file. */
void lw_sidecar_apply_options(const struct lw_sidecar *sc, struct lw_options *o);

/* The entries, for the "matches nothing" warning: a key such as
 * "field _virQEMUDriver.lock" or "function qemuDriverLock", where it is
 * written, and whether lw_sidecar_apply() found it. */
uint32_t lw_sidecar_nentries(const struct lw_sidecar *sc);
/* An unscoped global entry that matches a file-static global also records
 * "KEY<sep>DECLARING-FILE" as matched, for the warning about one name
 * hitting the statics of several files. */
#define LW_SIDECAR_STATIC_SEP '\x1f'
const char *lw_sidecar_entry_key(const struct lw_sidecar *sc, uint32_t i);
uint32_t lw_sidecar_entry_line(const struct lw_sidecar *sc, uint32_t i);
int lw_sidecar_entry_matched(const struct lw_sidecar *sc, uint32_t i);
const char *lw_sidecar_path(const struct lw_sidecar *sc);

/* What entry i names, for the plugin, which registers records, globals
 * and function parameters' types only where something annotates them:
 * a field (owner is the struct's name), a global or a function. */
enum lw_sidecar_target { LW_SIDECAR_FIELD, LW_SIDECAR_GLOBAL, LW_SIDECAR_FUNCTION };
enum lw_sidecar_target lw_sidecar_entry_target(const struct lw_sidecar *sc, uint32_t i);
const char *lw_sidecar_entry_owner(const struct lw_sidecar *sc, uint32_t i); /* NULL unless a field */
const char *lw_sidecar_entry_name(const struct lw_sidecar *sc, uint32_t i);

#endif /* LW_SIDECAR_H */
