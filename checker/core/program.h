/*
 * program.h - whole-program mode: per-file facts, and linking them into one
 * program that the same analysis runs over.
 *
 * A facts file is what the plugin writes for one translation unit in
 * facts mode (-fplugin-arg-lockwarden-facts=FILE): its function bodies as
 * IR, its declarations, its resolved annotations, the bad-annotation
 * findings and the suppression comments, plus the files it read (for
 * cache validation).  The format is MessagePack (docs/facts.md), written
 * (facts-write.c) and read (facts-read.c) with msgpack-c; the dependency
 * list goes, alone, into a JSON file beside it.  Linking (link.c) matches
 * external functions by name, keeps static functions per defining file,
 * and analyses a function defined in a header once however many files
 * include it.
 */
#ifndef LW_PROGRAM_H
#define LW_PROGRAM_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "ir.h"
#include "options.h"

/* Bumped whenever the facts format or the meaning of its contents change;
 * part of every cache key. */
#define LW_FACTS_VERSION 9

struct lw_model;
struct lw_diag_list;

/* Plugin side: writes tu's facts to path (atomically: a temporary file
 * renamed into place).  deps are the files the TU read, with their hash
 * (lw_hash_file), and the paths it looked for and did not find (hash
 * NULL: a failed include lookup, which a new file there would satisfy),
 * for the driver's cache.  Returns 0 or -1 with err. */
struct lw_dep {
	const char *path;
	const char *hash; /* NULL: the path did not exist */
};
int lw_facts_write(struct lw_tu *tu, const struct lw_dep *deps, uint32_t ndeps,
		   const char *path, char *err, size_t errlen);

/* Checks a facts file without unpacking it (for the cache): its first
 * bytes and its checksum, then reads its dependency list from the .deps
 * file beside it and calls, until one returns nonzero, fn for each file
 * the unit read with its hash, then missing for each folder the unit
 * looked for files in vain, with their names ('\n' between them: a
 * folder comes back in every unit, and the cache checks it once).
 * Neither file is opened in a way that can block (a FIFO), and neither is
 * read unless it is a regular file.  Returns 0; 1 if a callback stopped
 * it; or -1 with err if either file is unreadable, not a regular file,
 * damaged, malformed or of another version. */
int lw_facts_deps(const char *path,
		  int (*fn)(void *ctx, const char *dep, const char *hash),
		  int (*missing)(void *ctx, const char *folder, const char *names), void *ctx,
		  char *err, size_t errlen);

/* A 128-bit hash of a file's contents (XXH3) in hex; 0, or -1 with errno
 * if it cannot be read or is not a regular file (never blocks on a FIFO).
 * The cache's dependency lists use it. */
#define LW_HASH_HEX 33
int lw_hash_file(const char *path, char out[LW_HASH_HEX]);

struct lw_program;

struct lw_program *lw_program_new(void);
void lw_program_free(struct lw_program *p);
/* Reads a facts file and links it into p.  Returns 0 or -1 with err
 * ("FILE: what is wrong").  A file that cannot be read, is not a regular
 * file, is damaged or is of another version leaves p unchanged; one that fails a check part-way
 * (only a writer's bug, or a file made by hand, can) may leave some of its
 * strings and declarations in p, and the unit is to be reported as failed. */
int lw_program_add_facts(struct lw_program *p, const char *path, char *err,
			 size_t errlen);
/* Runs every check over the linked program; findings go to sink, sorted
 * and deduplicated (same input, same output).  Returns the number of
 * findings (remarks not counted). */
unsigned lw_program_analyze(struct lw_program *p, const struct lw_options *o,
			    const struct lw_diag_sink *sink);
/* Did a sidecar entry (lw_sidecar_entry_key) match anything in any file? */
int lw_program_sidecar_matched(const struct lw_program *p, const char *key);
/* How many files declare file-static globals that the unscoped sidecar
 * global entry KEY matched; the first max of them, sorted, in out. */
unsigned lw_program_sidecar_statics(const struct lw_program *p, const char *key,
				    const char **out, unsigned max);
/* File names for the locations of the findings. */
const char *lw_program_file_name(const struct lw_program *p, uint32_t file);
/* Statistics for benchmarks. */
uint32_t lw_program_nfuncs(const struct lw_program *p);
size_t lw_program_memory(const struct lw_program *p);

#endif /* LW_PROGRAM_H */
