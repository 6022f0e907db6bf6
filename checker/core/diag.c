/*
 * diag.c - turning a diagnostic kind and its arguments into a message.
 *
 * Owns the mapping from diag-kinds.def rows to text and from checks.def
 * rows to check ids and metadata.  Must not decide whether something is a
 * finding; the checks do.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

static const struct lw_check_info checks[] = {
#define CHECK(id, name, module, supp, level, prec, tag1, tag2, short_, meaning, detail, fix) \
	{name, supp, level, prec, {tag1, tag2}, short_, meaning, detail, fix},
#include "checks.def"
#undef CHECK
};

const struct lw_check_info *lw_check_info(enum lw_check c)
{
	return (unsigned)c < LW_CHECK__COUNT ? &checks[c] : NULL;
}

const char *lw_check_name(enum lw_check c)
{
	return (unsigned)c < LW_CHECK__COUNT ? checks[c].id : "?";
}

int lw_check_parse(const char *name, size_t len)
{
	for (int i = 0; i < LW_CHECK__COUNT; i++)
		if (strlen(checks[i].id) == len && !memcmp(checks[i].id, name, len))
			return i;
	return -1;
}

struct kind_info {
	int is_note;
	enum lw_check check;
	enum lw_severity sev;
	enum lw_note_role role;
	unsigned nargs;
	const char *fmt;
};

static const struct kind_info kinds[] = {
#define DIAG(id, check, sev, nargs, fmt) \
	{0, LW_CHECK_##check, LW_SEV_##sev, LW_NOTE_ROLE_RELATED, nargs, fmt},
#define NOTE(id, role, nargs, fmt) \
	{1, LW_CHECK_DEBUG, LW_SEV_NOTE, LW_NOTE_ROLE_##role, nargs, fmt},
#include "diag-kinds.def"
#undef DIAG
#undef NOTE
};

const char *lw_diag_format(enum lw_diag_kind k)
{
	return kinds[k].fmt;
}

unsigned lw_diag_nargs(enum lw_diag_kind k)
{
	return kinds[k].nargs;
}

enum lw_note_role lw_note_role(enum lw_diag_kind k)
{
	return kinds[k].role;
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

/* kinds[k].fmt with its %s replaced by args, in order. */
static char *format_args(struct lw_arena *a, enum lw_diag_kind k, unsigned nargs,
			 const char *const *args)
{
	const char *fmt = kinds[k].fmt;
	size_t len = strlen(fmt) + 1;
	for (unsigned i = 0; i < nargs; i++)
		len += strlen(args[i] ? args[i] : "");
	char *out = lw_arena_alloc(a, len), *o = out;
	unsigned next = 0;
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's' && next < nargs) {
			const char *v = args[next++];
			size_t n = strlen(v ? v : "");
			memcpy(o, v ? v : "", n);
			o += n;
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			*o++ = '%';
			p++;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	return out;
}

struct lw_diag *lw__diag_add_argv(struct lw_diag_list *l, enum lw_diag_kind k,
				  struct lw_loc loc, unsigned nargs, const char *const *args)
{
	LW_GROW(l->arena, l->items, l->n, l->cap);
	struct lw_diag *d = &l->items[l->n++];
	memset(d, 0, sizeof(*d));
	d->kind = k;
	d->check = kinds[k].check;
	d->sev = kinds[k].sev;
	d->loc = loc;
	char *body = format_args(l->arena, k, nargs, args);
	d->msg = lw_arena_printf(l->arena, "%s [%s]", body, lw_check_name(d->check));
	return d;
}

void lw__diag_note_argv(struct lw_diag_list *l, struct lw_diag *d, enum lw_diag_kind k,
			struct lw_loc loc, unsigned nargs, const char *const *args)
{
	if (d->nnotes >= LW_MAX_NOTES)
		return;
	if (!d->notes)
		d->notes = lw_arena_alloc(l->arena, LW_MAX_NOTES * sizeof(struct lw_note));
	struct lw_note *n = (struct lw_note *)&d->notes[d->nnotes++];
	n->loc = loc;
	n->kind = k;
	n->msg = format_args(l->arena, k, nargs, args);
}

/* The variadic forms, for the annotation reader (string arguments only):
 * kind k's arguments into args (at most 4). */
static void take_args(enum lw_diag_kind k, va_list ap, const char **args)
{
	for (unsigned i = 0; i < kinds[k].nargs && i < 4; i++)
		args[i] = va_arg(ap, const char *);
}

struct lw_diag *lw__diag_add(struct lw_diag_list *l, enum lw_diag_kind k,
			     struct lw_loc loc, ...)
{
	const char *args[4] = {0};
	va_list ap;
	va_start(ap, loc);
	take_args(k, ap, args);
	va_end(ap);
	return lw__diag_add_argv(l, k, loc, kinds[k].nargs, args);
}

void lw__diag_note(struct lw_diag_list *l, struct lw_diag *d,
		   enum lw_diag_kind k, struct lw_loc loc, ...)
{
	const char *args[4] = {0};
	va_list ap;
	va_start(ap, loc);
	take_args(k, ap, args);
	va_end(ap);
	lw__diag_note_argv(l, d, k, loc, kinds[k].nargs, args);
}
