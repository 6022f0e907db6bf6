/*
 * output.h - findings of a whole-program run, and their renderers.
 *
 * The driver collects every finding (a deep copy of the core's lw_diag)
 * into a struct lw_findings, filters it through a baseline, and renders it
 * as compiler-style text, versioned JSON or SARIF 2.1.0.  Renderers never
 * reorder: the core already sorted (same input, same output, byte for byte).
 */
#ifndef LW_OUTPUT_H
#define LW_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct lw_finding_note {
	char *file; /* path as the driver shows it */
	uint32_t line, col;
	char *msg;
	int related; /* another place the finding is about (SARIF relatedLocations),
		      * not only a step of its path (diag-kinds.def) */
};

struct lw_finding {
	char *check;  /* check id, e.g. "sleep-under-lock" */
	int sev;      /* enum lw_severity */
	char *file;
	uint32_t line, col;
	char *msg;    /* ends in " [check-id]" */
	char *function; /* may be NULL */
	uint32_t nnotes;
	struct lw_finding_note *notes;
	char fingerprint[65]; /* lw_finding_fingerprint() */
};

struct lw_findings {
	uint32_t n, cap;
	struct lw_finding *items;
};

/* Copies d (file names through file_name) and computes its fingerprint. */
void lw_findings_add(struct lw_findings *fs, const struct lw_diag *d,
		     const char *(*file_name)(void *ctx, uint32_t file), void *ctx);
void lw_findings_free(struct lw_findings *fs);

/* Stable across edits that only move lines: SHA-256 over the check id, the
 * function, the message and the notes' messages (no line numbers). */
void lw_finding_fingerprint(const struct lw_finding *f, char out[65]);

/* Baseline: a JSON file of fingerprints (docs/ci.md).  write: all of fs.
 * filter: removes from fs every finding whose fingerprint is in the file.
 * Both return 0 or -1 with err. */
int lw_baseline_write(const struct lw_findings *fs, const char *path, char *err, size_t errlen);
int lw_baseline_filter(struct lw_findings *fs, const char *path, char *err, size_t errlen);

/* Renderers; colour only for text.  Return 0 or -1 on a write error.  Text
 * shows file names and messages through lw_output_escape(). */
int lw_output_text(FILE *out, const struct lw_findings *fs, int colour);
int lw_output_json(FILE *out, const struct lw_findings *fs, const char *tool_version);
int lw_output_sarif(FILE *out, const struct lw_findings *fs, const char *tool_version);

/* s with each control character written as an escape (\n, \t, \r,
 * \xHH), so that a name with a newline cannot forge a line of text output
 * or of lockwarden's messages.  Other bytes, backslash included, stay as
 * they are.  g_free the result. */
char *lw_output_escape(const char *s);

#endif /* LW_OUTPUT_H */
