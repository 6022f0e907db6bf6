/*
 * cache.h - facts files kept between runs, keyed by what produced them.
 *
 * An entry is <dir>/<key>.facts, the facts file the plugin wrote.  The key
 * covers everything that decides the facts except the contents of the files
 * the unit reads: LW_FACTS_VERSION, the plugin and the clang (identity, once
 * per run), the sidecar annotation files' contents, the unit's directory,
 * its whole command and its main file (the key itself is a SHA-256 of
 * these).  The contents are checked against the entry's list of (path,
 * XXH3-128 hash) from lw_hash_file(), each distinct file hashed at most
 * once per run.  docs/driver.md describes it for users.
 */
#ifndef LW_DRIVER_CACHE_H
#define LW_DRIVER_CACHE_H

#include <stddef.h>

#include "compdb.h"

struct lw_cache;

/* Creates dir if needed and hashes the plugin, clang and sidecars.  Returns
 * NULL with err ("PATH: what") if one cannot be read or dir not made. */
struct lw_cache *lw_cache_open(const char *dir, const char *plugin, const char *clang,
			       char **sidecars, unsigned nsidecars, char *err,
			       size_t errlen);
void lw_cache_free(struct lw_cache *c);

/* The entry's path for u (whether or not it exists); g_free it. */
char *lw_cache_entry(struct lw_cache *c, const struct lw_unit *u);

/* 1 if entry exists, is an intact facts file of this version (its
 * checksum, lw_facts_deps()), lists u's main file, and every file it lists
 * still has the hash recorded; else 0. */
int lw_cache_valid(struct lw_cache *c, const struct lw_unit *u, const char *entry);

/* The hash of a file's contents as lw_hash_file() gives it (XXH3-128, in
 * hex), or NULL with errno if unreadable; memoised for the run. */
const char *lw_cache_file_hash(struct lw_cache *c, const char *path);

#endif /* LW_DRIVER_CACHE_H */
