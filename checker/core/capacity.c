/*
 * capacity.c - the names and values of the tracker's limits (capacity.h), for
 * the debug remarks and --stats.
 */
#include "capacity.h"

static const struct {
	const char *what;
	unsigned long value;
} limits[] = {
#define X(id, n, what) {what, n},
	LW_LIMITS(X)
#undef X
};

const char *lw_limit_what(enum lw_limit l)
{
	return (unsigned)l < LW_LIMIT__COUNT ? limits[l].what : "?";
}

unsigned long lw_limit_value(enum lw_limit l)
{
	return (unsigned)l < LW_LIMIT__COUNT ? limits[l].value : 0;
}
