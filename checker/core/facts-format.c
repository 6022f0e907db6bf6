/*
 * facts-format.c - the parts of the facts format that its writer and its
 * reader share beyond the slot names of facts-format.h: the bytes every
 * facts file starts with, its checksum, and the hash of a dependency.
 *
 * No MessagePack is read here: these work on bytes, so that the cache can
 * check an entry without unpacking it.  docs/facts.md describes the format.
 */
#define _XOPEN_SOURCE 700 /* O_CLOEXEC */
#include "facts-format.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <msgpack.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "program.h"

/* The prefix has a fixed length only while each of its parts fits
 * MessagePack's one-byte forms. */
_Static_assert(FX_SEC__N <= 15, "the top-level array header must be one byte");
_Static_assert(LW_FACTS_VERSION >= 0 && LW_FACTS_VERSION <= 127, "the version must be one byte");
_Static_assert(FX_SUM_HEX <= 31, "the checksum's string header must be one byte");

void lw__facts_prefix(unsigned char out[FX_PREFIX_LEN])
{
	/* Packed as the writer packs it, by msgpack-c, not spelled out. */
	msgpack_sbuffer sb;
	msgpack_sbuffer_init(&sb);
	msgpack_packer pk;
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	msgpack_pack_array(&pk, FX_SEC__N);
	msgpack_pack_int64(&pk, LW_FACTS_VERSION);
	msgpack_pack_str(&pk, FX_SUM_HEX);
	memcpy(out, sb.data, FX_PREFIX_LEN);
	msgpack_sbuffer_destroy(&sb);
}

void lw__facts_checksum(const void *body, size_t len, char out[FX_SUM_HEX + 1])
{
	snprintf(out, FX_SUM_HEX + 1, "%016llx", (unsigned long long)XXH3_64bits(body, len));
}

const char *lw__facts_verify(const void *data, size_t len)
{
	unsigned char want[FX_PREFIX_LEN];
	lw__facts_prefix(want);
	if (len < FX_BODY_AT)
		return "truncated";
	if (memcmp(data, want, FX_PREFIX_LEN) != 0)
		return "not a facts file of this version";
	char sum[FX_SUM_HEX + 1];
	const char *bytes = data;
	lw__facts_checksum(bytes + FX_BODY_AT, len - FX_BODY_AT, sum);
	if (memcmp(bytes + FX_PREFIX_LEN, sum, FX_SUM_HEX) != 0)
		return "checksum mismatch";
	return NULL;
}

int lw__read_regular(const char *path, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	/* The size is a hint: the file may grow or shrink while it is read. */
	size_t cap = st.st_size > 0 ? (size_t)st.st_size + 2 : 4096, n = 0;
	char *buf = g_malloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			buf = g_realloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			g_free(buf);
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = 0;
	*data = buf;
	*len = n;
	return 0;
}

/* XXH3-128 (libxxhash): the cache compares every dependency of every unit
 * (hundreds of headers each), and a cryptographic hash cost seconds over a
 * program the size of libvirt.  Collisions are not an attack surface here:
 * the files are the user's own. */
int lw_hash_file(const char *path, char out[LW_HASH_HEX])
{
	char *data = NULL;
	size_t len = 0;
	if (lw__read_regular(path, &data, &len) != 0)
		return -1;
	XXH128_hash_t h = XXH3_128bits(data, len);
	snprintf(out, LW_HASH_HEX, "%016llx%016llx", (unsigned long long)h.high64,
		 (unsigned long long)h.low64);
	g_free(data);
	return 0;
}
