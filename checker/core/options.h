/*
 * options.h - what the user switched on or off.
 *
 * Options arrive as key=value strings (-fplugin-arg-lockwarden-KEY=VALUE in
 * the plugin, --KEY=VALUE in the driver) and are parsed here, so that every
 * front end accepts the same spellings and reports the same errors.
 */
#ifndef LW_OPTIONS_H
#define LW_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

struct lw_options {
	uint32_t checks;   /* bit per enum lw_check */
	uint32_t blocking; /* bit per enum lw_block_cat */
	int dump_ir;       /* print each function's IR to stderr */
	int debug;         /* remarks where the tracker lost precision */
};

void lw_options_init(struct lw_options *o);
/*
 * Applies one option.  Keys: "checks" (clang-tidy style globs, e.g.
 * "-*,sleep-under-lock"), "blocking" (category list, e.g. "-fs,-io" or
 * "sleep,wait"), "dump-ir" and "debug" (no value).  Returns 0, or -1 with a message in
 * err.
 */
int lw_options_set(struct lw_options *o, const char *key, const char *value,
		   char *err, size_t errlen);
int lw_options_check_enabled(const struct lw_options *o, int check);

#endif /* LW_OPTIONS_H */
