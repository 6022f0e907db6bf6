/*
 * baseline.c - the baseline file: the findings a project has accepted, so
 * that CI fails only on new ones.
 *
 * The file maps each fingerprint to how many findings carry it; filtering
 * removes at most that many, so a second instance of a known bug is still
 * reported.  Must not decide anything about findings beyond their
 * fingerprints.  The format and its semantics are in docs/ci.md.
 */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "arena.h" /* lw_oom() */

#define LW_BASELINE_VERSION 1

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int lw_baseline_write(const struct lw_findings *fs, const char *path, char *err, size_t errlen)
{
	const char **fps = malloc((fs->n ? fs->n : 1) * sizeof(*fps));
	if (!fps)
		lw_oom();
	for (uint32_t i = 0; i < fs->n; i++)
		fps[i] = fs->items[i].fingerprint;
	qsort(fps, fs->n, sizeof(*fps), cmp_str);
	json_t *map = json_object();
	for (uint32_t i = 0, j; i < fs->n; i = j) {
		for (j = i + 1; j < fs->n && !strcmp(fps[i], fps[j]); j++)
			;
		if (!map || json_object_set_new(map, fps[i], json_integer(j - i)) < 0)
			lw_oom();
	}
	free(fps);
	json_t *root = json_object();
	if (!root || json_object_set_new(root, "version", json_integer(LW_BASELINE_VERSION)) < 0 ||
	    json_object_set_new(root, "fingerprints", map) < 0)
		lw_oom();
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text)
		lw_oom();
	char *file = g_strconcat(text, "\n", NULL);
	free(text);

	/* A temporary file renamed into place, so an interrupted run never
	 * leaves half a baseline; 0666 less the umask, like any new file. */
	GError *e = NULL;
	int ok = g_file_set_contents_full(path, file, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &e);
	if (!ok) {
		snprintf(err, errlen, "%s: cannot write the baseline: %s", path, e->message);
		g_error_free(e);
	}
	g_free(file);
	return ok ? 0 : -1;
}

static int is_fingerprint(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!g_ascii_isdigit(s[n]) && !(s[n] >= 'a' && s[n] <= 'f'))
			return 0;
	return n == 64;
}

/* Reads the baseline into fingerprint -> count. */
static GHashTable *read_baseline(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: cannot read the baseline: %s", path, strerror(errno));
		return NULL;
	}
	json_error_t jerr;
	json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	fclose(f);
	if (!root) {
		/* file:line:col: like a compiler, leaving out what jansson does not
		 * know (it gives column 0 at the end of the file). */
		char where[32] = "";
		if (jerr.line > 0 && jerr.column > 0)
			snprintf(where, sizeof(where), ":%d:%d", jerr.line, jerr.column);
		else if (jerr.line > 0)
			snprintf(where, sizeof(where), ":%d", jerr.line);
		snprintf(err, errlen, "%s%s: malformed baseline: %s", path, where, jerr.text);
		return NULL;
	}
	GHashTable *counts = NULL;
	json_t *version = json_object_get(root, "version");
	json_t *fps = json_object_get(root, "fingerprints");
	if (!json_is_object(root) || !json_is_integer(version)) {
		snprintf(err, errlen, "%s: malformed baseline: no integer \"version\"", path);
		goto out;
	}
	if (json_integer_value(version) != LW_BASELINE_VERSION) {
		snprintf(err, errlen, "%s: baseline version %" JSON_INTEGER_FORMAT
			 " is not supported (this lockwarden reads version %d)",
			 path, json_integer_value(version), LW_BASELINE_VERSION);
		goto out;
	}
	if (!json_is_object(fps)) {
		snprintf(err, errlen, "%s: malformed baseline: \"fingerprints\" is not an object",
			 path);
		goto out;
	}
	counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *key;
	json_t *value;
	json_object_foreach(fps, key, value) {
		json_int_t n = json_is_integer(value) ? json_integer_value(value) : 0;
		if (!is_fingerprint(key) || n < 1 || n > UINT32_MAX) {
			snprintf(err, errlen, "%s: malformed baseline: \"%s\": expected 64 lowercase "
				 "hex digits mapped to a count of at least 1", path, key);
			g_hash_table_destroy(counts);
			counts = NULL;
			goto out;
		}
		g_hash_table_insert(counts, g_strdup(key), GUINT_TO_POINTER((guint)n));
	}
out:
	json_decref(root);
	return counts;
}

int lw_baseline_filter(struct lw_findings *fs, const char *path, char *err, size_t errlen)
{
	GHashTable *counts = read_baseline(path, err, errlen);
	if (!counts)
		return -1;
	/* The removed findings go to a list of their own, to be freed by the
	 * one function that knows a finding's layout. */
	struct lw_findings gone = {0, fs->n, malloc((fs->n ? fs->n : 1) * sizeof(*fs->items))};
	if (!gone.items)
		lw_oom();
	uint32_t kept = 0;
	for (uint32_t i = 0; i < fs->n; i++) {
		struct lw_finding *f = &fs->items[i];
		guint left = GPOINTER_TO_UINT(g_hash_table_lookup(counts, f->fingerprint));
		if (left) {
			g_hash_table_replace(counts, g_strdup(f->fingerprint), GUINT_TO_POINTER(left - 1));
			gone.items[gone.n++] = *f;
		} else {
			fs->items[kept++] = *f;
		}
	}
	fs->n = kept;
	lw_findings_free(&gone);
	g_hash_table_destroy(counts);
	return 0;
}
