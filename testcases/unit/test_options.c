/*
 * Unit tests of the option parser (options.c): check globs, blocking
 * categories, dump-ir, and the errors every front end shows for a bad
 * value, word for word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "builtins.h"
#include "diag.h"
#include "options.h"

#define ALL_CATS ((1u << LW_BLK__COUNT) - 1)

static int enabled(const struct lw_options *o, enum lw_check c)
{
	return lw_options_check_enabled(o, c);
}

/* Applies one option and expects it to be accepted. */
static void set_ok(struct lw_options *o, const char *key, const char *value)
{
	char err[256] = "";
	int rc = lw_options_set(o, key, value, err, sizeof(err));
	if (rc != 0)
		print_error("%s=%s refused: %s\n", key, value ? value : "(none)", err);
	assert_int_equal(rc, 0);
}

/* Applies one option and expects it to be refused with exactly msg. */
static void set_bad(struct lw_options *o, const char *key, const char *value, const char *msg)
{
	char err[256] = "";
	assert_int_equal(lw_options_set(o, key, value, err, sizeof(err)), -1);
	assert_string_equal(err, msg);
}

static void test_defaults(void **state)
{
	(void)state;
	struct lw_options o;
	memset(&o, 0xff, sizeof(o)); /* init must not depend on the caller zeroing */
	lw_options_init(&o);
	for (int c = 0; c < LW_CHECK__COUNT; c++)
		assert_true(enabled(&o, (enum lw_check)c));
	assert_int_equal(o.blocking, ALL_CATS);
	assert_int_equal(o.dump_ir, 0);
	/* nothing beyond the known checks and categories is set */
	assert_int_equal(o.checks >> LW_CHECK__COUNT, 0);
}

static void test_checks_minus_all(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	set_ok(&o, "checks", "-*");
	for (int c = 0; c < LW_CHECK__COUNT; c++) {
		/* debug probes and bad-annotation cannot be switched off */
		int on = c == LW_CHECK_DEBUG || c == LW_CHECK_BAD_ANNOTATION;
		assert_int_equal(enabled(&o, (enum lw_check)c), on);
	}
}

static void test_checks_select_one(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	set_ok(&o, "checks", "-*,sleep-under-lock");
	assert_true(enabled(&o, LW_CHECK_SLEEP_UNDER_LOCK));
	assert_false(enabled(&o, LW_CHECK_UNGUARDED_ACCESS));
	assert_false(enabled(&o, LW_CHECK_LOCK_IMBALANCE));
	assert_false(enabled(&o, LW_CHECK_NEEDLESS_LOCK));
	assert_true(enabled(&o, LW_CHECK_BAD_ANNOTATION));
	assert_true(enabled(&o, LW_CHECK_DEBUG));

	/* globs apply in order: the later one wins */
	lw_options_init(&o);
	set_ok(&o, "checks", "-*,*-access,-rcu-access");
	assert_true(enabled(&o, LW_CHECK_UNGUARDED_ACCESS));
	assert_true(enabled(&o, LW_CHECK_ATOMIC_ACCESS));
	assert_false(enabled(&o, LW_CHECK_RCU_ACCESS));
	assert_false(enabled(&o, LW_CHECK_SLEEP_UNDER_LOCK));

	/* '*' puts everything back */
	set_ok(&o, "checks", "*");
	for (int c = 0; c < LW_CHECK__COUNT; c++)
		assert_true(enabled(&o, (enum lw_check)c));

	/* spaces after a comma are allowed */
	lw_options_init(&o);
	set_ok(&o, "checks", "-*, needless-lock");
	assert_true(enabled(&o, LW_CHECK_NEEDLESS_LOCK));
	assert_false(enabled(&o, LW_CHECK_SLEEP_UNDER_LOCK));
}

static void test_checks_remove_one(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	set_ok(&o, "checks", "-needless-lock");
	assert_false(enabled(&o, LW_CHECK_NEEDLESS_LOCK));
	for (int c = 0; c < LW_CHECK__COUNT; c++)
		if (c != LW_CHECK_NEEDLESS_LOCK)
			assert_true(enabled(&o, (enum lw_check)c));
	/* options accumulate over several settings, as repeated flags do */
	set_ok(&o, "checks", "-lock-imbalance");
	assert_false(enabled(&o, LW_CHECK_NEEDLESS_LOCK));
	assert_false(enabled(&o, LW_CHECK_LOCK_IMBALANCE));
	/* every check id the table knows is accepted by name */
	for (int c = 0; c < LW_CHECK__COUNT; c++) {
		if (c == LW_CHECK_DEBUG)
			continue;
		char v[64];
		snprintf(v, sizeof(v), "-%s", lw_check_name((enum lw_check)c));
		lw_options_init(&o);
		set_ok(&o, "checks", v);
		snprintf(v, sizeof(v), "%s", lw_check_name((enum lw_check)c));
		set_ok(&o, "checks", v);
		assert_true(enabled(&o, (enum lw_check)c));
	}
}

static void test_checks_unknown(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	set_bad(&o, "checks", "-*,sleep-under-locks",
		"unknown check 'sleep-under-locks' in checks option");
	set_bad(&o, "checks", "-nosuch", "unknown check 'nosuch' in checks option");
	/* the debug probe has no switchable id */
	set_bad(&o, "checks", "-debug", "unknown check 'debug' in checks option");
	/* bad-annotation is a known name that cannot be switched off */
	lw_options_init(&o);
	set_ok(&o, "checks", "-bad-annotation");
	assert_true(enabled(&o, LW_CHECK_BAD_ANNOTATION));
	/* an empty item and an empty list change nothing */
	lw_options_init(&o);
	set_ok(&o, "checks", "");
	set_ok(&o, "checks", ",");
	for (int c = 0; c < LW_CHECK__COUNT; c++)
		assert_true(enabled(&o, (enum lw_check)c));
	/* a pattern longer than any check id is refused, not cut */
	char longpat[300];
	memset(longpat, 'x', sizeof(longpat) - 1);
	longpat[sizeof(longpat) - 1] = 0;
	set_bad(&o, "checks", longpat, "check pattern too long");
	set_bad(&o, "checks", NULL, "option 'checks' needs a value");
}

static void test_blocking_select(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	/* a list that starts with a name selects just those */
	set_ok(&o, "blocking", "sleep,wait");
	assert_int_equal(o.blocking, (1u << LW_BLK_SLEEP) | (1u << LW_BLK_WAIT));
	lw_options_init(&o);
	set_ok(&o, "blocking", "rcu");
	assert_int_equal(o.blocking, 1u << LW_BLK_RCU);
	/* all and '*' stand for every category */
	lw_options_init(&o);
	set_ok(&o, "blocking", "all");
	assert_int_equal(o.blocking, ALL_CATS);
	set_ok(&o, "blocking", "sleep");
	set_ok(&o, "blocking", "*");
	assert_int_equal(o.blocking, ALL_CATS);
	/* every category in the table is known by its name */
	for (int c = 0; c < LW_BLK__COUNT; c++) {
		lw_options_init(&o);
		set_ok(&o, "blocking", lw_block_cat_name((enum lw_block_cat)c));
		assert_int_equal(o.blocking, 1u << c);
	}
}

static void test_blocking_negation(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	/* a list that starts with '-' removes from everything */
	set_ok(&o, "blocking", "-fs,-io");
	assert_int_equal(o.blocking, ALL_CATS & ~((1u << LW_BLK_FS) | (1u << LW_BLK_IO)));
	/* a name both removed and selected in one list says nothing: refused */
	lw_options_init(&o);
	set_bad(&o, "blocking", "-fs,-io,fs",
		"blocking category 'fs' is both selected and removed in '-fs,-io,fs'");
	/* -all / -* switch everything off; a name after it adds one */
	lw_options_init(&o);
	set_ok(&o, "blocking", "-all,sleep");
	assert_int_equal(o.blocking, 1u << LW_BLK_SLEEP);
	lw_options_init(&o);
	set_ok(&o, "blocking", "-*");
	assert_int_equal(o.blocking, 0);
	/* a second option starting with '-' works on what the first left */
	lw_options_init(&o);
	set_ok(&o, "blocking", "sleep,net");
	set_ok(&o, "blocking", "-net");
	assert_int_equal(o.blocking, 1u << LW_BLK_SLEEP);
}

static void test_blocking_unknown(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	set_bad(&o, "blocking", "sleep,nap",
		"unknown blocking category 'nap' (known: sleep, wait, poll, net, fs, io, process, filelock, rcu)");
	set_bad(&o, "blocking", "-disk",
		"unknown blocking category 'disk' (known: sleep, wait, poll, net, fs, io, process, filelock, rcu)");
	set_bad(&o, "blocking", NULL, "option 'blocking' needs a value");
	/* the list in the message is the table's */
	char known[256] = "";
	for (int c = 0; c < LW_BLK__COUNT; c++) {
		strcat(known, c ? ", " : "");
		strcat(known, lw_block_cat_name((enum lw_block_cat)c));
	}
	char want[512];
	snprintf(want, sizeof(want), "unknown blocking category 'x' (known: %s)", known);
	set_bad(&o, "blocking", "x", want);
}

static void test_dump_ir_and_unknown_key(void **state)
{
	(void)state;
	struct lw_options o;
	lw_options_init(&o);
	set_ok(&o, "dump-ir", NULL);
	assert_int_equal(o.dump_ir, 1);
	/* dump-ir changes nothing else */
	for (int c = 0; c < LW_CHECK__COUNT; c++)
		assert_true(enabled(&o, (enum lw_check)c));
	assert_int_equal(o.blocking, ALL_CATS);
	assert_int_equal(o.debug, 0);
	set_ok(&o, "debug", NULL);
	assert_int_equal(o.debug, 1);
	assert_int_equal(o.dump_ir, 1);
	set_bad(&o, "dumpir", NULL, "unknown option 'dumpir' (known: checks, blocking, dump-ir, debug)");
	set_bad(&o, "check", "-*", "unknown option 'check' (known: checks, blocking, dump-ir, debug)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_checks_minus_all),
		cmocka_unit_test(test_checks_select_one),
		cmocka_unit_test(test_checks_remove_one),
		cmocka_unit_test(test_checks_unknown),
		cmocka_unit_test(test_blocking_select),
		cmocka_unit_test(test_blocking_negation),
		cmocka_unit_test(test_blocking_unknown),
		cmocka_unit_test(test_dump_ir_and_unknown_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
