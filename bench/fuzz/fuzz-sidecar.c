/*
 * fuzz-sidecar.c - libFuzzer target for the sidecar reader (sidecar.c):
 * any bytes as a sidecar file, loaded, applied to an empty unit and freed.
 *
 * The reader must refuse what is not a sidecar with a message, never
 * crash, leak, or take more than linear work (aliases are refused).  Run
 * by scripts/fuzz.sh; not part of the build or of the tests.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ir.h"
#include "options.h"
#include "sidecar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	struct lw_sidecar *sc = NULL;
	if (lw__sidecar_parse("fuzz.yaml", (const char *)data, size, &sc, err, sizeof(err)) != 0) {
		/* Every refusal says where and what. */
		if (strncmp(err, "fuzz.yaml", 9) != 0)
			__builtin_trap();
		return 0;
	}
	struct lw_options o;
	lw_options_init(&o);
	lw_sidecar_apply_options(sc, &o);
	struct lw_tu *tu = lw_tu_new();
	lw_sidecar_apply(sc, tu);
	for (uint32_t i = 0; i < lw_sidecar_nentries(sc); i++)
		if (!lw_sidecar_entry_key(sc, i) || !lw_sidecar_entry_name(sc, i))
			__builtin_trap();
	lw_tu_free(tu);
	lw_sidecar_free(sc);
	return 0;
}
