/*
 * diag.c - turning a diagnostic kind and its arguments into a message.
 *
 * Owns the mapping from diag-kinds.def rows to text and from check enum to
 * check id.  Must not decide whether something is a finding; the checks do.
 */
#include "diag.h"

#include <string.h>

#include "report.h"

static const char *const check_names[] = {
#define X(id, name) name,
	LW_CHECKS(X)
#undef X
};

const char *lw_check_name(enum lw_check c)
{
	return (unsigned)c < LW_CHECK__COUNT ? check_names[c] : "?";
}

int lw_check_parse(const char *name, size_t len)
{
	for (int i = 0; i < LW_CHECK__COUNT; i++)
		if (strlen(check_names[i]) == len && !memcmp(check_names[i], name, len))
			return i;
	return -1;
}

struct kind_info {
	int is_note;
	enum lw_check check;
	enum lw_severity sev;
	const char *fmt;
};

static const struct kind_info kinds[] = {
#define DIAG(id, check, sev, fmt) {0, LW_CHECK_##check, LW_SEV_##sev, fmt},
#define NOTE(id, fmt) {1, LW_CHECK_DEBUG, LW_SEV_NOTE, fmt},
#include "diag-kinds.def"
#undef DIAG
#undef NOTE
};

const char *lw__diag_format(enum lw_diag_kind k)
{
	return kinds[k].fmt;
}

enum lw_check lw__diag_check(enum lw_diag_kind k)
{
	return kinds[k].check;
}

enum lw_severity lw__diag_severity(enum lw_diag_kind k)
{
	return kinds[k].sev;
}

/* ---- collecting ---------------------------------------------------------- */

#include <stdarg.h>
#include <stdio.h>

#include "report.h"

static char *vformat(struct lw_arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *s = lw_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	return s;
}

struct lw_diag *lw__diag_add(struct lw_diag_list *l, enum lw_diag_kind k,
			     struct lw_loc loc, ...)
{
	LW_GROW(l->arena, l->items, l->n, l->cap);
	struct lw_diag *d = &l->items[l->n++];
	memset(d, 0, sizeof(*d));
	d->kind = k;
	d->check = kinds[k].check;
	d->sev = kinds[k].sev;
	d->loc = loc;
	va_list ap;
	va_start(ap, loc);
	char *body = vformat(l->arena, kinds[k].fmt, ap);
	va_end(ap);
	d->msg = lw_arena_printf(l->arena, "%s [%s]", body, lw_check_name(d->check));
	return d;
}

void lw__diag_note(struct lw_diag_list *l, struct lw_diag *d,
		   enum lw_diag_kind k, struct lw_loc loc, ...)
{
	if (d->nnotes >= LW_MAX_NOTES)
		return;
	if (!d->notes)
		d->notes = lw_arena_alloc(l->arena, LW_MAX_NOTES * sizeof(struct lw_note));
	struct lw_note *n = (struct lw_note *)&d->notes[d->nnotes++];
	n->loc = loc;
	va_list ap;
	va_start(ap, loc);
	n->msg = vformat(l->arena, kinds[k].fmt, ap);
	va_end(ap);
}
