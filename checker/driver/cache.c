/*
 * cache.c - keys and validity of cached facts files.
 *
 * Decides whether a unit's facts from an earlier run still hold.  It never
 * writes an entry: the plugin writes facts files atomically (temporary file,
 * then rename), so concurrent runs sharing a cache see whole files or none.
 * Reads the dependency list through lw_facts_deps() (checker/core/program.h).
 * The key's contents are listed in cache.h and docs/driver.md.
 */
#define _XOPEN_SOURCE 700 /* realpath, O_CLOEXEC, st_mtim */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "program.h"

struct file_info {
	char *hash; /* NULL: unreadable */
	char *real;   /* realpath, NULL if none */
	int error;    /* errno of the failed read */
};

struct lw_cache {
	char *dir;
	char *identity; /* hex digest of version, plugin, clang and sidecars */
	GHashTable *files; /* absolute path -> struct file_info */
	GHashTable *exists; /* path -> 1 if it exists now, 0 if not */
	GHashTable *groups; /* folder "\n\n" names -> 1 if one of them exists now */
};

static void file_info_free(gpointer p)
{
	struct file_info *f = p;
	g_free(f->hash);
	free(f->real);
	g_free(f);
}

/* The file's hash as the plugin records it (lw_hash_file), or NULL with
 * errno set. */
static char *hash_file(const char *path)
{
	char hex[LW_HASH_HEX];
	errno = 0;
	if (lw_hash_file(path, hex) != 0) {
		if (!errno)
			errno = EIO;
		return NULL;
	}
	return g_strdup(hex);
}

/* Why lw_hash_file() failed: it refuses what is not a regular file. */
static const char *why(int e)
{
	return e == EINVAL ? "not a regular file" : g_strerror(e);
}

/* Fields go in with their length, so no two lists of fields hash alike. */
static void feed(GChecksum *ck, const char *tag, const void *data, size_t len)
{
	uint64_t n = len;
	g_checksum_update(ck, (const guchar *)tag, (gssize)strlen(tag) + 1);
	g_checksum_update(ck, (const guchar *)&n, sizeof(n));
	g_checksum_update(ck, data, (gssize)len);
}

static void feed_str(GChecksum *ck, const char *tag, const char *s)
{
	feed(ck, tag, s, strlen(s));
}

static struct file_info *info(struct lw_cache *c, const char *abs)
{
	struct file_info *f = g_hash_table_lookup(c->files, abs);
	if (!f) {
		f = g_new0(struct file_info, 1);
		f->hash = hash_file(abs);
		f->error = f->hash ? 0 : errno;
		f->real = realpath(abs, NULL);
		g_hash_table_insert(c->files, g_strdup(abs), f);
	}
	return f;
}

const char *lw_cache_file_hash(struct lw_cache *c, const char *path)
{
	char *abs = lw_path_absolute(NULL, path);
	struct file_info *f = info(c, abs);
	g_free(abs);
	errno = f->error;
	return f->hash;
}

struct lw_cache *lw_cache_open(const char *dir, const char *plugin, const char *clang,
			       char **sidecars, unsigned nsidecars, char *err,
			       size_t errlen)
{
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		snprintf(err, errlen, "%s: cannot create the cache directory: %s", dir,
			 g_strerror(errno));
		return NULL;
	}
	struct lw_cache *c = g_new0(struct lw_cache, 1);
	c->dir = lw_path_absolute(NULL, dir);
	c->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, file_info_free);
	c->exists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	char version[32];
	snprintf(version, sizeof(version), "%d", LW_FACTS_VERSION);
	feed_str(ck, "facts-version", version);

	/* The plugin by content: a rebuilt plugin may lower differently. */
	const char *ph = lw_cache_file_hash(c, plugin);
	if (!ph) {
		snprintf(err, errlen, "%s: %s", plugin, why(errno));
		goto fail;
	}
	feed_str(ck, "plugin", ph);

	/* clang by path, size and time: hashing it would cost more than the
	 * whole check of a small project. */
	struct stat st;
	if (stat(clang, &st) != 0) {
		snprintf(err, errlen, "%s: %s", clang, g_strerror(errno));
		goto fail;
	}
	char *cid = g_strdup_printf("%s %lld %lld.%09ld", clang, (long long)st.st_size,
				    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
	feed_str(ck, "clang", cid);
	g_free(cid);

	for (unsigned i = 0; i < nsidecars; i++) {
		const char *h = lw_cache_file_hash(c, sidecars[i]);
		if (!h) {
			snprintf(err, errlen, "%s: %s", sidecars[i], why(errno));
			goto fail;
		}
		char *abs = lw_path_absolute(NULL, sidecars[i]);
		feed_str(ck, "sidecar-path", abs);
		feed_str(ck, "sidecar", h);
		g_free(abs);
	}
	c->identity = g_strdup(g_checksum_get_string(ck));
	g_checksum_free(ck);
	return c;

fail:
	g_checksum_free(ck);
	lw_cache_free(c);
	return NULL;
}

void lw_cache_free(struct lw_cache *c)
{
	if (!c)
		return;
	g_hash_table_destroy(c->files);
	g_hash_table_destroy(c->exists);
	g_hash_table_destroy(c->groups);
	g_free(c->identity);
	g_free(c->dir);
	g_free(c);
}

char *lw_cache_entry(struct lw_cache *c, const struct lw_unit *u)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	feed_str(ck, "identity", c->identity);
	feed_str(ck, "directory", u->dir);
	for (unsigned i = 0; i < u->argc; i++)
		feed_str(ck, "arg", u->argv[i]);
	feed_str(ck, "file", u->file);
	char *name = g_strdup_printf("%s.facts", g_checksum_get_string(ck));
	g_checksum_free(ck);
	char *path = g_build_filename(c->dir, name, NULL);
	g_free(name);
	return path;
}

struct check {
	struct lw_cache *c;
	const struct lw_unit *u;
	const char *main_real;
	int stale;
	int has_main;
};

/* Does path exist now (as anything stat() can reach)?  Memoised: one
 * failed include lookup is shared by many units. */
static int exists_now(struct lw_cache *c, const char *path)
{
	gpointer v;
	if (g_hash_table_lookup_extended(c->exists, path, NULL, &v))
		return GPOINTER_TO_INT(v);
	struct stat st;
	int e = stat(path, &st) == 0;
	g_hash_table_insert(c->exists, g_strdup(path), GINT_TO_POINTER(e));
	return e;
}

/*
 * Names the unit looked for in vain in folder (a/cfg.h before b/cfg.h was
 * found): if one exists now, clang would find it first.  Not normalised:
 * "sub/../x.h" is not "x.h" through a link.  The same folder and names
 * come back in most units (the system headers in each search directory),
 * so the answer is kept per folder and names.
 */
static int check_missing(void *ctx, const char *folder, const char *names)
{
	struct check *k = ctx;
	char *dir = !*folder ? g_strdup(k->u->dir)
		    : g_path_is_absolute(folder) ? g_strdup(folder)
						  : g_build_filename(k->u->dir, folder, NULL);
	char *key = g_strconcat(dir, "\n\n", names, NULL);
	gpointer v;
	if (g_hash_table_lookup_extended(k->c->groups, key, NULL, &v)) {
		k->stale = GPOINTER_TO_INT(v);
		g_free(key);
		g_free(dir);
		return k->stale;
	}
	GString *p = g_string_new("");
	int stale = 0;
	for (const char *name = names; name && !stale;) {
		const char *nl = strchr(name, '\n');
		g_string_assign(p, dir);
		if (p->len && p->str[p->len - 1] != '/')
			g_string_append_c(p, '/');
		g_string_append_len(p, name, nl ? nl - name : (gssize)strlen(name));
		stale = exists_now(k->c, p->str);
		name = nl ? nl + 1 : NULL;
	}
	g_string_free(p, TRUE);
	g_hash_table_insert(k->c->groups, key, GINT_TO_POINTER(stale));
	g_free(dir);
	k->stale = stale;
	return stale;
}

static int check_dep(void *ctx, const char *dep, const char *hash)
{
	struct check *k = ctx;
	char *abs = lw_path_absolute(k->u->dir, dep);
	struct file_info *f = info(k->c, abs);
	if (!f->hash || g_ascii_strcasecmp(f->hash, hash) != 0)
		k->stale = 1; /* and stop: one changed file is enough */
	if (!strcmp(abs, k->u->file) ||
	    (k->main_real && f->real && !strcmp(f->real, k->main_real)))
		k->has_main = 1;
	g_free(abs);
	return k->stale;
}

int lw_cache_valid(struct lw_cache *c, const struct lw_unit *u, const char *entry)
{
	if (access(entry, R_OK) != 0)
		return 0;
	struct check k = {c, u, info(c, u->file)->real, 0, 0};
	char err[256];
	if (lw_facts_deps(entry, check_dep, check_missing, &k, err, sizeof(err)) != 0)
		return 0;
	/* A facts file that does not list its own main file cannot tell
	 * whether that file changed. */
	return !k.stale && k.has_main;
}
