/*
 * options.c - parsing user options (check globs, blocking categories).
 *
 * Every front end passes key=value pairs here so spellings and errors are
 * the same in the plugin and the driver.  Must not print: errors go back to
 * the caller as text.
 */
#include "options.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "diag.h"

void lw_options_init(struct lw_options *o)
{
	memset(o, 0, sizeof(*o));
	o->checks = ((1u << LW_CHECK__COUNT) - 1) & ~(1u << LW_CHECK_DEBUG);
	/* The debug probe check is always on: it only fires on explicit
	 * lw_debug_*() calls written into a test. */
	o->checks |= 1u << LW_CHECK_DEBUG;
	o->blocking = (1u << LW_BLK__COUNT) - 1;
}

int lw_options_check_enabled(const struct lw_options *o, int check)
{
	return (o->checks >> check) & 1u;
}

/* clang-tidy style: comma separated globs, '-' in front removes; applied
 * in order, starting from the defaults. */
static int parse_checks(struct lw_options *o, const char *v, char *err, size_t errlen)
{
	char item[128];
	while (*v) {
		const char *end = strchr(v, ',');
		size_t n = end ? (size_t)(end - v) : strlen(v);
		while (n && (*v == ' ')) {
			v++;
			n--;
		}
		if (n >= sizeof(item)) {
			snprintf(err, errlen, "check pattern too long");
			return -1;
		}
		memcpy(item, v, n);
		item[n] = 0;
		int neg = item[0] == '-';
		const char *pat = item + neg;
		if (*pat) {
			int matched = 0;
			for (int c = 0; c < LW_CHECK__COUNT; c++) {
				if (c == LW_CHECK_DEBUG || c == LW_CHECK_BAD_ANNOTATION)
					continue; /* not switchable: see docs/checks.md */
				if (fnmatch(pat, lw_check_name(c), 0) == 0) {
					matched = 1;
					if (neg)
						o->checks &= ~(1u << c);
					else
						o->checks |= 1u << c;
				}
			}
			if (!matched && !strchr(pat, '*') && strcmp(pat, "bad-annotation")) {
				snprintf(err, errlen, "unknown check '%s' in checks option", pat);
				return -1;
			}
		}
		v += n;
		if (*v == ',')
			v++;
	}
	return 0;
}

/*
 * A list that starts with a positive name selects just those; one that
 * starts with '-' removes from everything.  An empty item (",", "fs,,io")
 * and a category both named and removed ("sleep,-sleep") are errors: the
 * first used to turn every category off, the second to mean whichever
 * came last, both without a word.
 */
static int parse_blocking(struct lw_options *o, const char *value, char *err, size_t errlen)
{
	const char *v = value;
	int first = 1;
	uint32_t named = 0, removed = 0;
	if (!*v) {
		snprintf(err, errlen, "the blocking option names no category");
		return -1;
	}
	for (;;) {
		const char *end = strchr(v, ',');
		size_t n = end ? (size_t)(end - v) : strlen(v);
		int neg = n && v[0] == '-';
		const char *name = v + neg;
		size_t nl = n - (size_t)neg;
		if (!nl) {
			snprintf(err, errlen, "empty category in blocking option '%s'", value);
			return -1;
		}
		int all = (nl == 1 && name[0] == '*') || (nl == 3 && !memcmp(name, "all", 3));
		if (first && !neg && !all)
			o->blocking = 0;
		first = 0;
		if (all) {
			o->blocking = neg ? 0 : (1u << LW_BLK__COUNT) - 1;
		} else {
			int c = lw_block_cat_parse(name, nl);
			if (c < 0) {
				char known[256];
				size_t kl = 0;
				known[0] = 0;
				for (int k = 0; k < LW_BLK__COUNT && kl < sizeof(known); k++)
					kl += (size_t)snprintf(known + kl, sizeof(known) - kl, "%s%s", k ? ", " : "",
							       lw_block_cat_name((enum lw_block_cat)k));
				snprintf(err, errlen, "unknown blocking category '%.*s' (known: %s)", (int)nl, name, known);
				return -1;
			}
			if ((neg ? named : removed) & (1u << c)) {
				snprintf(err, errlen,
					 "blocking category '%.*s' is both selected and removed in '%s'",
					 (int)nl, name, value);
				return -1;
			}
			if (neg) {
				removed |= 1u << c;
				o->blocking &= ~(1u << c);
			} else {
				named |= 1u << c;
				o->blocking |= 1u << c;
			}
		}
		if (!end)
			break;
		v = end + 1;
	}
	return 0;
}

int lw_options_set(struct lw_options *o, const char *key, const char *value,
		   char *err, size_t errlen)
{
	if (!strcmp(key, "checks")) {
		if (!value) {
			snprintf(err, errlen, "option 'checks' needs a value");
			return -1;
		}
		return parse_checks(o, value, err, errlen);
	}
	if (!strcmp(key, "blocking")) {
		if (!value) {
			snprintf(err, errlen, "option 'blocking' needs a value");
			return -1;
		}
		return parse_blocking(o, value, err, errlen);
	}
	if (!strcmp(key, "dump-ir")) {
		o->dump_ir = 1;
		return 0;
	}
	if (!strcmp(key, "debug")) {
		o->debug = 1;
		return 0;
	}
	snprintf(err, errlen, "unknown option '%s' (known: checks, blocking, dump-ir, debug)", key);
	return -1;
}
