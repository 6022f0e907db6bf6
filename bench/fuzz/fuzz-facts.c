/*
 * fuzz-facts.c - libFuzzer target for the facts reader (facts-read.c):
 * any bytes as a facts file, read into a program, and the program freed.
 *
 * The checksum (facts-format.h) would refuse almost every mutation before
 * the reader looks at it, so the target writes the right first bytes and
 * checksum over what the fuzzer gave: what is fuzzed is the MessagePack
 * walk and every check behind a right checksum, as docs/facts.md says
 * they must hold ("refused or read, never a crash").  With
 * LW_FUZZ_ANALYZE defined, what is read is also analysed.  Run by
 * scripts/fuzz.sh; not part of the build or of the tests.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts-format.h"
#include "link.h"
#include "options.h"
#include "program.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + FX_BODY_AT);
	if (!buf)
		return 0;
	/* The input is the body when it is short, else it stands whole with
	 * its first bytes and checksum put right. */
	size_t len = size;
	const uint8_t *body = data;
	if (size < FX_BODY_AT) {
		len = size + FX_BODY_AT;
	} else {
		body = data + FX_BODY_AT;
	}
	memcpy(buf + FX_BODY_AT, body, len - FX_BODY_AT);
	lw__facts_prefix((unsigned char *)buf);
	char sum[FX_SUM_HEX + 1];
	lw__facts_checksum(buf + FX_BODY_AT, len - FX_BODY_AT, sum);
	memcpy(buf + FX_PREFIX_LEN, sum, FX_SUM_HEX);

	char err[1024];
	struct lw_program *p = lw_program_new();
	int rc = lw__program_add_facts_data(p, "fuzz.facts", buf, len, err, sizeof(err));
	if (rc != 0 && strncmp(err, "fuzz.facts: ", 12) != 0)
		__builtin_trap(); /* a refusal names the file */
#ifdef LW_FUZZ_ANALYZE
	if (rc == 0) {
		struct lw_options o;
		lw_options_init(&o);
		lw_program_analyze(p, &o, NULL);
	}
#endif
	lw_program_free(p);
	free(buf);
	return 0;
}
