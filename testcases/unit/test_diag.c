/*
 * Unit tests of the check and message tables (checks.def, diag-kinds.def):
 * every row well formed, every check documented, messages formatted with
 * their arguments in order, note roles as the table says.
 *
 * Usage: test_diag DOCS/checks.md
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "report.h"

static const char *docs_path;

static unsigned count_s(const char *fmt)
{
	unsigned n = 0;
	for (const char *p = fmt; *p; p++)
		if (p[0] == '%' && p[1] == 's')
			n++;
	return n;
}

/* The number of %s of each format is the row's argument count, so the
 * typed wrappers of check.h pass exactly what the format uses. */
static void test_nargs_match_formats(void **state)
{
	(void)state;
	for (int k = 0; k < LW_DIAG__COUNT; k++)
		if (count_s(lw_diag_format(k)) != lw_diag_nargs(k))
			fail_msg("row %d \"%s\": %u arguments, %u %%s", k, lw_diag_format(k),
				 lw_diag_nargs(k), count_s(lw_diag_format(k)));
}

static void test_check_rows(void **state)
{
	(void)state;
	for (int c = 0; c < LW_CHECK__COUNT; c++) {
		const struct lw_check_info *ci = lw_check_info(c);
		assert_non_null(ci);
		assert_true(ci->id && *ci->id && ci->short_desc && *ci->short_desc);
		assert_true(ci->meaning && ci->detail && ci->fix && ci->tags[0]);
		assert_true(!strcmp(ci->level, "warning") || !strcmp(ci->level, "error") ||
			    !strcmp(ci->level, "note"));
		assert_int_equal(lw_check_parse(ci->id, strlen(ci->id)), c);
		assert_string_equal(lw_check_name(c), ci->id);
	}
	assert_null(lw_check_info(LW_CHECK__COUNT));
	assert_int_equal(lw_check_parse("sleep-under", 11), -1);
	/* Every finding's check has a row; every check has a finding kind. */
	int has[LW_CHECK__COUNT] = {0};
	for (int k = 0; k < LW_DIAG__COUNT; k++) {
		int c = lw__diag_check(k);
		assert_true(c >= 0 && c < LW_CHECK__COUNT);
		if (lw__diag_severity(k) != LW_SEV_NOTE)
			has[c] = 1;
	}
	for (int c = 0; c < LW_CHECK__COUNT; c++)
		if (!has[c])
			fail_msg("check '%s' has no message in diag-kinds.def", lw_check_name(c));
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = 0;
	fclose(f);
	return s;
}

/* docs/checks.md has a section "## <id>" for every check. */
static void test_docs_section_per_check(void **state)
{
	(void)state;
	if (!docs_path)
		fail_msg("no docs path: pass docs/checks.md as argument 1");
	char *doc = read_file(docs_path);
	if (!doc)
		fail_msg("cannot read '%s'", docs_path);
	for (int c = 0; c < LW_CHECK__COUNT; c++) {
		char head[128];
		snprintf(head, sizeof(head), "\n## %s\n", lw_check_name(c));
		if (!strstr(doc, head))
			fail_msg("%s: no section '## %s'", docs_path, lw_check_name(c));
	}
	free(doc);
}

static void test_format_in_order(void **state)
{
	(void)state;
	struct lw_arena *A = lw_arena_new();
	struct lw_diag_list l = {A, NULL, NULL, 0, 0};
	const char *args[] = {"usleep", "driver->lock"};
	struct lw_diag *d = lw__diag_add_argv(&l, LW_DIAG_BLOCK_UNDER_LOCK, (struct lw_loc){1, 2, 3},
					      2, args);
	assert_string_equal(d->msg, "blocking call 'usleep' while holding driver lock "
				    "'driver->lock' [sleep-under-lock]");
	assert_int_equal(d->check, LW_CHECK_SLEEP_UNDER_LOCK);
	assert_int_equal(d->sev, LW_SEV_WARNING);
	/* An argument with a '%' is text, not a format. */
	const char *pct[] = {"100%s"};
	d = lw__diag_add_argv(&l, LW_DIAG_IMMUTABLE_WRITE, (struct lw_loc){1, 2, 3}, 1, pct);
	assert_string_equal(d->msg, "write to immutable field '100%s' outside initialization "
				    "[immutable-write]");
	const char *callee[] = {"f", "g"};
	lw__diag_note_argv(&l, d, LW_NOTE_CALLS_HERE, (struct lw_loc){1, 4, 5}, 2, callee);
	assert_int_equal(d->nnotes, 1);
	assert_string_equal(d->notes[0].msg, "'f' calls 'g' here");
	assert_int_equal(d->notes[0].kind, LW_NOTE_CALLS_HERE);
	/* The variadic form takes the row's number of strings. */
	d = lw__diag_add(&l, LW_DIAG_BLOCK_IN_RCU, (struct lw_loc){1, 2, 3}, "sleep");
	assert_string_equal(d->msg, "blocking call 'sleep' inside an RCU read-side section "
				    "[sleep-under-lock]");
	lw_arena_free(A);
}

static void test_note_roles(void **state)
{
	(void)state;
	assert_int_equal(lw_note_role(LW_NOTE_ACQUIRED_HERE), LW_NOTE_ROLE_RELATED);
	assert_int_equal(lw_note_role(LW_NOTE_RELEASED_HERE), LW_NOTE_ROLE_RELATED);
	assert_int_equal(lw_note_role(LW_NOTE_CALLS_HERE), LW_NOTE_ROLE_STEP);
	assert_int_equal(lw_note_role(LW_NOTE_BLOCKS_HERE), LW_NOTE_ROLE_STEP);
}

int main(int argc, char **argv)
{
	docs_path = argc > 1 ? argv[1] : NULL;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nargs_match_formats),
		cmocka_unit_test(test_check_rows),
		cmocka_unit_test(test_docs_section_per_check),
		cmocka_unit_test(test_format_in_order),
		cmocka_unit_test(test_note_roles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
