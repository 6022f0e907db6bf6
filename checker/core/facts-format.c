/*
 * facts-format.c - what the facts format's writer and reader share beyond
 * the slot names of facts-format.h: the hash of a dependency, which the
 * plugin records and the driver's cache compares.  docs/facts.md describes
 * the format.
 */
#include "facts-format.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "program.h"

/* XXH3-128 (libxxhash): the cache compares every dependency of every unit
 * (hundreds of headers each), and a cryptographic hash cost seconds over a
 * program the size of libvirt.  Collisions are not an attack surface here:
 * the files are the user's own. */
int lw_hash_file(const char *path, char out[LW_HASH_HEX])
{
	gchar *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &data, &len, NULL))
		return -1;
	XXH128_hash_t h = XXH3_128bits(data, len);
	snprintf(out, LW_HASH_HEX, "%016llx%016llx", (unsigned long long)h.high64,
		 (unsigned long long)h.low64);
	g_free(data);
	return 0;
}
