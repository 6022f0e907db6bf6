/*
 * Unit tests of the driver's findings, renderers and baseline
 * (checker/driver/output.c, baseline.c): hand-built lw_diag values in,
 * text compared byte for byte, JSON and SARIF parsed back with jansson and
 * checked field by field.
 *
 * No SARIF schema validator is packaged in Debian 12 (apt-cache search sarif
 * finds only Go and Python object models), so check_github_sarif() checks
 * what GitHub code scanning requires of an upload, as its "SARIF support for
 * code scanning" page lists it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>
#include <jansson.h>

#include "output.h"
#include "report.h"

/* ---- fixtures ----------------------------------------------------------- */

static const char *const files[] = {
	NULL, "src/qemu/qemu_driver.c", "src/util/vir process.c", "./src/x.c",
	"/usr/include/glib.h",
};

static const char *file_name(void *ctx, uint32_t file)
{
	(void)ctx;
	return file < sizeof(files) / sizeof(files[0]) ? files[file] : NULL;
}

#define SLEEP_MSG "call to 'qemuProcessStop' may block while holding driver lock 'driver->lock'"

static const struct lw_note sleep_notes[] = {
	{{1, 38, 2}, "'driver->lock' acquired here", LW_NOTE_ACQUIRED_HERE},
	{{2, 31, 2}, "'qemuProcessStop' calls 'qemuProcessKill' here", LW_NOTE_CALLS_HERE},
	{{2, 24, 3}, "'usleep' blocks here (sleep)", LW_NOTE_BLOCKS_HERE},
};

static struct lw_diag sleep_diag(void)
{
	struct lw_diag d = {0};
	d.kind = LW_DIAG_BLOCK_VIA_CALL;
	d.check = LW_CHECK_SLEEP_UNDER_LOCK;
	d.sev = LW_SEV_WARNING;
	d.loc = (struct lw_loc){1, 39, 2};
	d.msg = SLEEP_MSG " [sleep-under-lock]";
	d.nnotes = 3;
	d.notes = sleep_notes;
	d.function = "qemuDomainDestroy";
	return d;
}

static struct lw_diag bad_annotation_diag(void)
{
	struct lw_diag d = {0};
	d.kind = LW_DIAG_BAD_ANNOTATION;
	d.check = LW_CHECK_BAD_ANNOTATION;
	d.sev = LW_SEV_ERROR;
	d.loc = (struct lw_loc){3, 5, 20};
	d.msg = "unknown annotation 'guarded_bye' [bad-annotation]";
	return d;
}

static struct lw_diag debug_diag(void)
{
	struct lw_diag d = {0};
	d.kind = LW_DIAG_DEBUG_LOCKSET;
	d.check = LW_CHECK_DEBUG;
	d.sev = LW_SEV_REMARK;
	d.loc = (struct lw_loc){0, 0, 0}; /* unknown location */
	d.msg = "held: {d->lock} [debug]";
	return d;
}

/* A string lw_findings_free() can free. */
static char *heap_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	assert_non_null(p);
	return memcpy(p, s, n);
}

static void add(struct lw_findings *fs, struct lw_diag d)
{
	lw_findings_add(fs, &d, file_name, NULL);
}

/* The three fixtures, in this order: sleep, bad annotation, debug. */
static void add_all(struct lw_findings *fs)
{
	add(fs, sleep_diag());
	add(fs, bad_annotation_diag());
	add(fs, debug_diag());
}

/* ---- helpers ------------------------------------------------------------ */

enum fmt { TEXT, TEXT_COLOUR, JSON, SARIF };

/* Renders into a string (g_free it). */
static char *render(const struct lw_findings *fs, enum fmt fmt)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	int r = fmt == TEXT ? lw_output_text(f, fs, 0) :
		fmt == TEXT_COLOUR ? lw_output_text(f, fs, 1) :
		fmt == JSON ? lw_output_json(f, fs, "0.1.0") : lw_output_sarif(f, fs, "0.1.0");
	assert_int_equal(r, 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *s = g_malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = 0;
	fclose(f);
	return s;
}

static json_t *render_json(const struct lw_findings *fs, enum fmt fmt)
{
	char *s = render(fs, fmt);
	json_error_t err;
	json_t *j = json_loads(s, JSON_REJECT_DUPLICATES, &err);
	if (!j)
		fail_msg("output is not JSON: %s (line %d)\n%s", err.text, err.line, s);
	g_free(s);
	return j;
}

/* json_object_get along a path of keys and [indices]: "runs/0/tool/driver". */
static json_t *at(json_t *j, const char *path)
{
	char **parts = g_strsplit(path, "/", -1);
	for (char **p = parts; *p && j; p++) {
		if (g_ascii_isdigit(**p))
			j = json_array_get(j, (size_t)atoi(*p));
		else
			j = json_object_get(j, *p);
	}
	g_strfreev(parts);
	return j;
}

static void assert_str_at(json_t *j, const char *path, const char *want)
{
	json_t *v = at(j, path);
	if (!json_is_string(v))
		fail_msg("%s: not a string", path);
	if (strcmp(json_string_value(v), want))
		fail_msg("%s: got \"%s\", want \"%s\"", path, json_string_value(v), want);
}

static void assert_int_at(json_t *j, const char *path, json_int_t want)
{
	json_t *v = at(j, path);
	if (!json_is_integer(v))
		fail_msg("%s: not an integer", path);
	if (json_integer_value(v) != want)
		fail_msg("%s: got %lld, want %lld", path, (long long)json_integer_value(v),
			 (long long)want);
}

static size_t size_at(json_t *j, const char *path)
{
	json_t *v = at(j, path);
	if (!json_is_array(v) && !json_is_object(v))
		fail_msg("%s: not an array or object", path);
	return json_is_array(v) ? json_array_size(v) : json_object_size(v);
}

static int nonempty_string(json_t *v)
{
	return json_is_string(v) && json_string_length(v) > 0;
}

static int valid_level(json_t *v)
{
	const char *s = json_string_value(v);
	return s && (!strcmp(s, "note") || !strcmp(s, "warning") || !strcmp(s, "error") ||
		     !strcmp(s, "none"));
}

/* A physicalLocation as GitHub needs it: a uri and a region whose lines
 * and columns count from 1. */
static void check_physical_location(json_t *pl, const char *where)
{
	if (!nonempty_string(at(pl, "artifactLocation/uri")))
		fail_msg("%s: no artifactLocation.uri", where);
	json_t *line = at(pl, "region/startLine");
	if (!json_is_integer(line) || json_integer_value(line) < 1)
		fail_msg("%s: region.startLine missing or < 1", where);
	json_t *col = at(pl, "region/startColumn");
	if (col && (!json_is_integer(col) || json_integer_value(col) < 1))
		fail_msg("%s: region.startColumn < 1", where);
}

/* What GitHub code scanning requires of an uploaded SARIF file. */
static void check_github_sarif(json_t *root)
{
	assert_true(nonempty_string(at(root, "$schema")));
	assert_str_at(root, "version", "2.1.0");
	json_t *runs = at(root, "runs");
	assert_true(json_is_array(runs) && json_array_size(runs) >= 1);
	size_t ri;
	json_t *run;
	json_array_foreach(runs, ri, run) {
		assert_true(nonempty_string(at(run, "tool/driver/name")));
		json_t *rules = at(run, "tool/driver/rules");
		assert_true(json_is_array(rules));
		size_t i, j;
		json_t *rule, *res;
		json_array_foreach(rules, i, rule) {
			assert_true(nonempty_string(at(rule, "id")));
			for (j = 0; j < i; j++)
				assert_string_not_equal(json_string_value(at(rule, "id")),
							json_string_value(at(json_array_get(rules, j), "id")));
			assert_true(!at(rule, "name") || json_string_length(at(rule, "name")) <= 255);
			assert_true(nonempty_string(at(rule, "shortDescription/text")));
			assert_true(json_string_length(at(rule, "shortDescription/text")) <= 1024);
			assert_true(nonempty_string(at(rule, "fullDescription/text")));
			assert_true(json_string_length(at(rule, "fullDescription/text")) <= 1024);
			assert_true(nonempty_string(at(rule, "help/text")));
			json_t *level = at(rule, "defaultConfiguration/level");
			assert_true(!level || valid_level(level));
		}
		json_t *results = at(run, "results");
		assert_true(json_is_array(results));
		json_array_foreach(results, i, res) {
			assert_true(nonempty_string(at(res, "message/text")));
			const char *id = json_string_value(at(res, "ruleId"));
			assert_non_null(id);
			json_t *matching = NULL;
			json_array_foreach(rules, j, rule)
				if (!strcmp(json_string_value(at(rule, "id")), id))
					matching = rule;
			if (!matching)
				fail_msg("result %zu: ruleId '%s' is no rule's id", i, id);
			json_t *idx = at(res, "ruleIndex");
			if (idx)
				assert_ptr_equal(json_array_get(rules, (size_t)json_integer_value(idx)),
						 matching);
			assert_true(!at(res, "level") || valid_level(at(res, "level")));
			json_t *locs = at(res, "locations");
			assert_true(json_is_array(locs) && json_array_size(locs) >= 1 &&
				    json_array_size(locs) <= 10);
			check_physical_location(at(locs, "0/physicalLocation"), "locations[0]");
			json_t *fp = at(res, "partialFingerprints");
			assert_true(json_is_object(fp) && json_object_size(fp) >= 1);
			json_t *rel = at(res, "relatedLocations");
			json_t *l;
			json_array_foreach(rel, j, l) {
				assert_true(json_is_integer(at(l, "id")));
				check_physical_location(at(l, "physicalLocation"), "relatedLocations[]");
			}
			json_t *steps = at(res, "codeFlows/0/threadFlows/0/locations");
			json_array_foreach(steps, j, l)
				assert_non_null(at(l, "location"));
		}
	}
}

/* ---- text --------------------------------------------------------------- */

static void test_text(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	add_all(&fs);
	char *s = render(&fs, TEXT);
	assert_string_equal(s,
		"src/qemu/qemu_driver.c:39:2: warning: " SLEEP_MSG " [sleep-under-lock]\n"
		"src/qemu/qemu_driver.c:38:2: note: 'driver->lock' acquired here\n"
		"src/util/vir process.c:31:2: note: 'qemuProcessStop' calls 'qemuProcessKill' here\n"
		"src/util/vir process.c:24:3: note: 'usleep' blocks here (sleep)\n"
		"./src/x.c:5:20: error: unknown annotation 'guarded_bye' [bad-annotation]\n"
		"remark: held: {d->lock} [debug]\n");
	g_free(s);
	lw_findings_free(&fs);

	/* Nothing but the findings: no findings, no output. */
	s = render(&fs, TEXT);
	assert_string_equal(s, "");
	g_free(s);
}

/* The escape sequences clang 19 prints with -fcolor-diagnostics (checked
 * with clang-19 -fno-caret-diagnostics | cat -v). */
static void test_text_colour(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	add_all(&fs);
	fs.items[0].nnotes = 1; /* one note is enough here */
	char *s = render(&fs, TEXT_COLOUR);
	fs.items[0].nnotes = 3;
	assert_string_equal(s,
		"\033[1msrc/qemu/qemu_driver.c:39:2: \033[0m\033[0;1;35mwarning: \033[0m"
		"\033[1m" SLEEP_MSG " [sleep-under-lock]\033[0m\n"
		"\033[1msrc/qemu/qemu_driver.c:38:2: \033[0m\033[0;1;36mnote: \033[0m"
		"'driver->lock' acquired here\033[0m\n"
		"\033[1m./src/x.c:5:20: \033[0m\033[0;1;31merror: \033[0m"
		"\033[1munknown annotation 'guarded_bye' [bad-annotation]\033[0m\n"
		"\033[0;1;34mremark: \033[0m\033[1mheld: {d->lock} [debug]\033[0m\n");
	g_free(s);
	lw_findings_free(&fs);
}

/* ---- JSON --------------------------------------------------------------- */

static void test_json(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	add_all(&fs);
	json_t *j = render_json(&fs, JSON);
	assert_int_at(j, "version", 1);
	assert_str_at(j, "tool/name", "lockwarden");
	assert_str_at(j, "tool/version", "0.1.0");
	assert_int_equal(size_at(j, "findings"), 3);

	json_t *f = at(j, "findings/0");
	assert_str_at(f, "check", "sleep-under-lock");
	assert_str_at(f, "severity", "warning");
	assert_str_at(f, "file", "src/qemu/qemu_driver.c");
	assert_int_at(f, "line", 39);
	assert_int_at(f, "column", 2);
	assert_str_at(f, "message", SLEEP_MSG);
	assert_str_at(f, "function", "qemuDomainDestroy");
	assert_str_at(f, "fingerprint", fs.items[0].fingerprint);
	assert_int_equal(size_at(f, "notes"), 3);
	assert_str_at(f, "notes/1/file", "src/util/vir process.c");
	assert_int_at(f, "notes/1/line", 31);
	assert_int_at(f, "notes/1/column", 2);
	assert_str_at(f, "notes/1/message", "'qemuProcessStop' calls 'qemuProcessKill' here");
	assert_int_equal(size_at(f, "notes/0"), 4);

	f = at(j, "findings/1");
	assert_str_at(f, "severity", "error");
	assert_str_at(f, "message", "unknown annotation 'guarded_bye'");
	assert_true(json_is_null(at(f, "function")));
	assert_int_equal(size_at(f, "notes"), 0);

	f = at(j, "findings/2");
	assert_str_at(f, "severity", "remark");
	assert_true(json_is_null(at(f, "file")));
	assert_int_at(f, "line", 0);
	assert_int_at(f, "column", 0);

	/* The documented key order (docs/json-format.md). */
	const char *order[] = {"check", "severity", "file", "line", "column", "message",
			       "function", "fingerprint", "notes"};
	size_t i = 0;
	const char *key;
	json_t *v;
	json_object_foreach(at(j, "findings/0"), key, v)
		assert_string_equal(key, order[i++]);
	assert_int_equal(i, 9);
	json_decref(j);

	/* Byte for byte the same twice. */
	char *a = render(&fs, JSON), *b = render(&fs, JSON);
	assert_string_equal(a, b);
	g_free(a);
	g_free(b);
	lw_findings_free(&fs);
}

static void test_json_not_utf8(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	add(&fs, sleep_diag());
	free(fs.items[0].file);
	fs.items[0].file = heap_str("bad\377name.c");
	json_t *j = render_json(&fs, JSON);
	assert_str_at(j, "findings/0/file", "bad\357\277\275name.c"); /* U+FFFD */
	json_decref(j);
	lw_findings_free(&fs);
}

/* ---- SARIF -------------------------------------------------------------- */

static void test_sarif(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	add_all(&fs);
	/* GitHub needs a location (test_sarif_unknown_location has none). */
	fs.items[2].file = heap_str("src/x.c");
	fs.items[2].line = 10;
	fs.items[2].col = 3;
	json_t *j = render_json(&fs, SARIF);
	check_github_sarif(j);
	assert_str_at(j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	assert_int_equal(size_at(j, "runs"), 1);
	json_t *run = at(j, "runs/0");
	assert_str_at(run, "tool/driver/name", "lockwarden");
	assert_str_at(run, "tool/driver/version", "0.1.0");
	assert_str_at(run, "tool/driver/semanticVersion", "0.1.0");
	assert_null(at(run, "tool/driver/informationUri"));
	assert_str_at(run, "columnKind", "unicodeCodePoints");

	/* A debug finding is there, so its rule is too, last. */
	assert_int_equal(size_at(run, "tool/driver/rules"), LW_CHECK__COUNT);
	json_t *rule = at(run, "tool/driver/rules/0");
	assert_str_at(rule, "id", "sleep-under-lock");
	assert_str_at(rule, "name", "SleepUnderLock");
	assert_str_at(rule, "shortDescription/text", "Blocking call while the driver lock is held");
	assert_str_at(rule, "defaultConfiguration/level", "warning");
	assert_str_at(rule, "properties/problem.severity", "warning");
	assert_str_at(rule, "properties/precision", "high");
	assert_str_at(rule, "properties/tags/0", "concurrency");
	assert_non_null(strstr(json_string_value(at(rule, "help/markdown")),
			       "`lockwarden-ignore(sleep-under-lock)`"));
	assert_non_null(strstr(json_string_value(at(rule, "help/text")),
			       " lockwarden-ignore(sleep-under-lock) "));
	assert_null(strchr(json_string_value(at(rule, "help/text")), '`'));
	assert_null(strchr(json_string_value(at(rule, "fullDescription/text")), '`'));
	rule = at(run, "tool/driver/rules/7");
	assert_str_at(rule, "id", "bad-annotation");
	assert_str_at(rule, "name", "BadAnnotation");
	assert_str_at(rule, "defaultConfiguration/level", "error");
	assert_str_at(rule, "properties/problem.severity", "error");
	assert_str_at(run, "tool/driver/rules/3/name", "RcuAccess");
	assert_str_at(run, "tool/driver/rules/8/id", "debug");

	assert_int_equal(size_at(run, "results"), 3);
	json_t *r = at(run, "results/0");
	assert_str_at(r, "ruleId", "sleep-under-lock");
	assert_int_at(r, "ruleIndex", 0);
	assert_str_at(r, "level", "warning");
	assert_str_at(r, "message/text", SLEEP_MSG);
	assert_int_equal(size_at(r, "locations"), 1);
	json_t *pl = at(r, "locations/0/physicalLocation");
	assert_str_at(pl, "artifactLocation/uri", "src/qemu/qemu_driver.c");
	assert_str_at(pl, "artifactLocation/uriBaseId", "%SRCROOT%");
	assert_int_at(pl, "region/startLine", 39);
	assert_int_at(pl, "region/startColumn", 2);
	/* "lockwarden/v1" has a '/' in it: not through at(). */
	json_t *fp = json_object_get(at(r, "partialFingerprints"), "lockwarden/v1");
	assert_string_equal(json_string_value(fp), fs.items[0].fingerprint);
	assert_int_equal(size_at(r, "partialFingerprints"), 1);

	/* Only the "acquired here" note is a related location. */
	assert_int_equal(size_at(r, "relatedLocations"), 1);
	assert_int_at(r, "relatedLocations/0/id", 1);
	assert_str_at(r, "relatedLocations/0/message/text", "'driver->lock' acquired here");
	assert_int_at(r, "relatedLocations/0/physicalLocation/region/startLine", 38);

	/* Every note in order, then the finding itself. */
	assert_int_equal(size_at(r, "codeFlows"), 1);
	assert_int_equal(size_at(r, "codeFlows/0/threadFlows"), 1);
	json_t *steps = at(r, "codeFlows/0/threadFlows/0/locations");
	assert_int_equal(json_array_size(steps), 4);
	assert_str_at(steps, "0/location/message/text", "'driver->lock' acquired here");
	assert_str_at(steps, "1/location/physicalLocation/artifactLocation/uri",
		      "src/util/vir%20process.c");
	assert_int_at(steps, "2/location/physicalLocation/region/startLine", 24);
	assert_int_at(steps, "2/location/physicalLocation/region/startColumn", 3);
	assert_str_at(steps, "2/location/message/text", "'usleep' blocks here (sleep)");
	assert_str_at(steps, "3/location/message/text", SLEEP_MSG);
	assert_int_at(steps, "3/location/physicalLocation/region/startLine", 39);

	r = at(run, "results/1");
	assert_str_at(r, "ruleId", "bad-annotation");
	assert_int_at(r, "ruleIndex", 7);
	assert_str_at(r, "level", "error");
	assert_str_at(r, "message/text", "unknown annotation 'guarded_bye'");
	/* "./" goes: "./src/x.c" and "src/x.c" are one file to GitHub. */
	assert_str_at(r, "locations/0/physicalLocation/artifactLocation/uri", "src/x.c");
	assert_null(at(r, "relatedLocations"));
	assert_null(at(r, "codeFlows"));
	json_decref(j);
	lw_findings_free(&fs);
}

/* A finding without a location keeps its result, with no locations: that
 * is true to the data, and GitHub shows what it can (nothing for it). */
static void test_sarif_unknown_location(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	add(&fs, debug_diag());
	json_t *j = render_json(&fs, SARIF);
	json_t *r = at(j, "runs/0/results/0");
	assert_str_at(r, "ruleId", "debug");
	assert_str_at(r, "level", "note");
	assert_int_equal(size_at(r, "locations"), 0);
	json_decref(j);
	lw_findings_free(&fs);
}

/* Rules describe the tool, not the run: all checks, none missing, even with
 * no findings (the debug probes only when one fired). */
static void test_sarif_rules_cover_every_check(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	json_t *j = render_json(&fs, SARIF);
	check_github_sarif(j);
	json_t *rules = at(j, "runs/0/tool/driver/rules");
	assert_int_equal(json_array_size(rules), LW_CHECK__COUNT - 1);
	assert_int_equal(size_at(j, "runs/0/results"), 0);
	size_t i = 0;
	for (int c = 0; c < LW_CHECK__COUNT; c++) {
		if (c == LW_CHECK_DEBUG)
			continue;
		json_t *rule = json_array_get(rules, i++);
		assert_string_equal(json_string_value(at(rule, "id")), lw_check_name(c));
		/* A row of its own in output.c, not the fallback. */
		assert_string_not_equal(json_string_value(at(rule, "shortDescription/text")),
					lw_check_name(c));
		assert_true(nonempty_string(at(rule, "help/markdown")));
		assert_true(nonempty_string(at(rule, "properties/precision")));
		assert_true(size_at(rule, "properties/tags") >= 1);
		const char *want = c == LW_CHECK_BAD_ANNOTATION ? "error" : "warning";
		assert_str_at(rule, "defaultConfiguration/level", want);
	}
	json_decref(j);
}

/* Every NOTE row of diag-kinds.def reaches SARIF as its role says: a
 * RELATED note is a related location and a step, a STEP note a step only. */
static void test_sarif_related_notes(void **state)
{
	(void)state;
struct lw_note notes[LW_DIAG__COUNT];
	char msgs[LW_DIAG__COUNT][256];
	int want_related[LW_DIAG__COUNT];
	uint32_t n = 0;
	for (int k = 0; k < LW_DIAG__COUNT; k++) {
		if (lw__diag_severity(k) != LW_SEV_NOTE)
			continue;
		const char *fmt = lw_diag_format(k);
		int rel = lw_note_role(k) == LW_NOTE_ROLE_RELATED;
		snprintf(msgs[n], sizeof(msgs[n]), fmt, "d->lock", "x", "y");
		notes[n] = (struct lw_note){{1, 10 + n, 1}, msgs[n], (enum lw_diag_kind)k};
		want_related[n++] = rel;
	}
	struct lw_diag d = sleep_diag();
	d.notes = notes;
	d.nnotes = n;
	struct lw_findings fs = {0};
	add(&fs, d);
	json_t *j = render_json(&fs, SARIF);
	check_github_sarif(j);
	json_t *r = at(j, "runs/0/results/0");
	size_t got = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (!want_related[i])
			continue;
		json_t *l = json_array_get(at(r, "relatedLocations"), got++);
		assert_non_null(l);
		assert_string_equal(json_string_value(at(l, "message/text")), msgs[i]);
		assert_int_equal(json_integer_value(at(l, "id")), (json_int_t)got);
	}
	assert_int_equal(size_at(r, "relatedLocations"), got);
	assert_int_equal(size_at(r, "codeFlows/0/threadFlows/0/locations"), n + 1);
	json_decref(j);
	lw_findings_free(&fs);
}

static void test_sarif_uris(void **state)
{
	(void)state;
	static const struct {
		const char *path, *uri;
		int base;
	} cases[] = {
		{"src/a.c", "src/a.c", 1},
		{"./src/a.c", "src/a.c", 1},
		{".//./src/a.c", "src/a.c", 1},
		{"../lib/a b.c", "../lib/a%20b.c", 1},
		{"x/100%#?:\\.c", "x/100%25%23%3F%3A%5C.c", 1},
		{"d\303\251j\303\240.c", "d%C3%A9j%C3%A0.c", 1},
		{"/usr/include/glib.h", "file:///usr/include/glib.h", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lw_findings fs = {0};
		add(&fs, sleep_diag());
		free(fs.items[0].file);
		fs.items[0].file = heap_str(cases[i].path);
		json_t *j = render_json(&fs, SARIF);
		json_t *al = at(j, "runs/0/results/0/locations/0/physicalLocation/artifactLocation");
		assert_string_equal(json_string_value(at(al, "uri")), cases[i].uri);
		if (cases[i].base)
			assert_string_equal(json_string_value(at(al, "uriBaseId")), "%SRCROOT%");
		else
			assert_null(at(al, "uriBaseId"));
		json_decref(j);
		lw_findings_free(&fs);
	}
}

static void test_sarif_versions(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	static const struct {
		const char *v;
		int semver;
	} cases[] = {{"0.1.0", 1}, {"1.2.3-rc1+g1234", 1}, {"0.1", 0}, {"01.2.3", 0},
		     {"0.1.0-5-gabcdef", 1}, {"git-abcdef", 0}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = tmpfile();
		assert_int_equal(lw_output_sarif(f, &fs, cases[i].v), 0);
		rewind(f);
		json_error_t err;
		json_t *j = json_loadf(f, 0, &err);
		fclose(f);
		assert_str_at(j, "runs/0/tool/driver/version", cases[i].v);
		json_t *sv = at(j, "runs/0/tool/driver/semanticVersion");
		assert_true(cases[i].semver ? sv != NULL : sv == NULL);
		json_decref(j);
	}
}

/* ---- fingerprints ------------------------------------------------------- */

static void test_fingerprint(void **state)
{
	(void)state;
	struct lw_findings fs = {0};
	struct lw_diag d = sleep_diag();
	add(&fs, d);

	/* The recipe of docs/ci.md, computed independently:
	 * printf "sleep-under-lock\0qemuDomainDestroy\0call to ... [sleep-under-lock]\0
	 * 'driver->lock' acquired here\0...\0'usleep' blocks here (sleep)" | sha256sum */
	assert_string_equal(fs.items[0].fingerprint,
			    "54719d1f4bd88cec23ebe31c873e518ae9955291bf6896c76921250629eef4b8");

	/* Lines, columns and file names move; the fingerprint does not. */
	struct lw_note moved[3];
	memcpy(moved, sleep_notes, sizeof(moved));
	for (int i = 0; i < 3; i++) {
		moved[i].loc.line += 100;
		moved[i].loc.col += 4;
		moved[i].loc.file = 3;
	}
	d.loc = (struct lw_loc){2, 139, 6};
	d.notes = moved;
	add(&fs, d);
	assert_string_equal(fs.items[1].fingerprint, fs.items[0].fingerprint);

	/* A different message, note, function or check: another fingerprint. */
	d = sleep_diag();
	d.msg = "call to 'qemuProcessStart' may block while holding driver lock "
		"'driver->lock' [sleep-under-lock]";
	add(&fs, d);
	d = sleep_diag();
	moved[0] = sleep_notes[0];
	moved[1] = sleep_notes[1];
	moved[2] = (struct lw_note){{2, 24, 3}, "'waitpid' blocks here (child)", LW_NOTE_BLOCKS_HERE};
	d.notes = moved;
	add(&fs, d);
	d = sleep_diag();
	d.function = "qemuDomainShutdown";
	add(&fs, d);
	d = sleep_diag();
	d.function = NULL;
	add(&fs, d);
	d = sleep_diag();
	d.nnotes = 2;
	add(&fs, d);
	for (uint32_t i = 2; i < fs.n; i++)
		for (uint32_t k = 0; k < i; k++)
			if (k != 1)
				assert_string_not_equal(fs.items[i].fingerprint, fs.items[k].fingerprint);

	/* No function hashes as the empty string. */
	add(&fs, debug_diag());
	assert_string_equal(fs.items[fs.n - 1].fingerprint,
			    "49ccf6f03f7c2219a3eb70b5d8e6adfda30e08e5f196de1cd8cdaaad8cb637b8");
	lw_findings_free(&fs);
}

/* The copy owns its strings: the diag's may go away. */
static void test_deep_copy(void **state)
{
	(void)state;
	char msg[] = "plain read of atomic field 'd->n'; use an atomic builtin [atomic-access]";
	char note[] = "'d->lock' acquired here";
	char fn[] = "f";
	struct lw_note n = {{1, 3, 4}, note, LW_NOTE_ACQUIRED_HERE};
	struct lw_diag d = {0};
	d.check = LW_CHECK_ATOMIC_ACCESS;
	d.sev = LW_SEV_WARNING;
	d.loc = (struct lw_loc){1, 5, 6};
	d.msg = msg;
	d.notes = &n;
	d.nnotes = 1;
	d.function = fn;
	struct lw_findings fs = {0};
	for (int i = 0; i < 100; i++) /* and the array grows */
		lw_findings_add(&fs, &d, file_name, NULL);
	memset(msg, 'x', sizeof(msg) - 1);
	memset(note, 'x', sizeof(note) - 1);
	fn[0] = 'g';
	assert_int_equal(fs.n, 100);
	assert_string_equal(fs.items[99].check, "atomic-access");
	assert_string_equal(fs.items[99].msg,
			    "plain read of atomic field 'd->n'; use an atomic builtin [atomic-access]");
	assert_string_equal(fs.items[99].notes[0].msg, "'d->lock' acquired here");
	assert_string_equal(fs.items[99].notes[0].file, "src/qemu/qemu_driver.c");
	assert_string_equal(fs.items[99].function, "f");
	assert_int_equal(fs.items[99].line, 5);
	assert_int_equal(fs.items[99].col, 6);
	lw_findings_free(&fs);
	assert_int_equal(fs.n, 0);
	assert_null(fs.items);
}

/* ---- baseline ----------------------------------------------------------- */

static char *temp_path(const char *name)
{
	char *dir = g_dir_make_tmp("lw-test-XXXXXX", NULL);
	assert_non_null(dir);
	char *p = g_build_filename(dir, name, NULL);
	g_free(dir);
	return p;
}

static void remove_temp(char *path)
{
	char *dir = g_path_get_dirname(path);
	remove(path);
	remove(dir);
	g_free(dir);
	g_free(path);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_baseline_round_trip(void **state)
{
	(void)state;
	char *path = temp_path("baseline.json");
	char err[512] = "";
	struct lw_findings fs = {0};
	add_all(&fs);
	add(&fs, sleep_diag()); /* the same bug twice */
	assert_int_equal(lw_baseline_write(&fs, path, err, sizeof(err)), 0);

	/* The file: sorted fingerprints with their counts. */
	json_error_t jerr;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	assert_non_null(j);
	assert_int_at(j, "version", 1);
	json_t *fps = at(j, "fingerprints");
	assert_int_equal(json_object_size(fps), 3);
	assert_int_equal(json_integer_value(json_object_get(fps, fs.items[0].fingerprint)), 2);
	assert_int_equal(json_integer_value(json_object_get(fps, fs.items[1].fingerprint)), 1);
	const char *key, *prev = "";
	json_t *v;
	json_object_foreach(fps, key, v) {
		assert_true(strcmp(prev, key) < 0);
		prev = key;
	}
	json_decref(j);

	/* Everything that was there is gone. */
	assert_int_equal(lw_baseline_filter(&fs, path, err, sizeof(err)), 0);
	assert_int_equal(fs.n, 0);
	lw_findings_free(&fs);

	/* A new finding stays, the known ones go; order is kept. */
	struct lw_diag d = sleep_diag();
	d.function = "qemuDomainShutdown";
	add_all(&fs);
	add(&fs, d);
	add(&fs, sleep_diag());
	assert_int_equal(lw_baseline_filter(&fs, path, err, sizeof(err)), 0);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.items[0].function, "qemuDomainShutdown");
	lw_findings_free(&fs);

	/* Same bytes when written again from the same findings. */
	add_all(&fs);
	add(&fs, sleep_diag());
	FILE *f = fopen(path, "r");
	char before[8192], after[8192];
	size_t nb = fread(before, 1, sizeof(before), f);
	fclose(f);
	assert_int_equal(lw_baseline_write(&fs, path, err, sizeof(err)), 0);
	f = fopen(path, "r");
	size_t na = fread(after, 1, sizeof(after), f);
	fclose(f);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, na);
	assert_int_equal(after[na - 1], '\n');
	lw_findings_free(&fs);
	remove_temp(path);
}

/* A fingerprint known k times removes at most k findings. */
static void test_baseline_counts(void **state)
{
	(void)state;
	char *path = temp_path("baseline.json");
	char err[512] = "";
	struct lw_findings fs = {0};
	add(&fs, sleep_diag());
	assert_int_equal(lw_baseline_write(&fs, path, err, sizeof(err)), 0);
	lw_findings_free(&fs);

	for (int i = 0; i < 3; i++)
		add(&fs, sleep_diag());
	fs.items[0].line = 10;
	fs.items[1].line = 20;
	fs.items[2].line = 30;
	assert_int_equal(lw_baseline_filter(&fs, path, err, sizeof(err)), 0);
	assert_int_equal(fs.n, 2);
	/* The first in output order is taken as the known one. */
	assert_int_equal(fs.items[0].line, 20);
	assert_int_equal(fs.items[1].line, 30);
	lw_findings_free(&fs);

	/* Counts as written by hand. */
	struct lw_findings one = {0};
	add(&one, sleep_diag());
	char text[256];
	snprintf(text, sizeof(text), "{\"version\": 1, \"fingerprints\": {\"%s\": 2}}",
		 one.items[0].fingerprint);
	write_file(path, text);
	for (int i = 0; i < 3; i++)
		add(&fs, sleep_diag());
	assert_int_equal(lw_baseline_filter(&fs, path, err, sizeof(err)), 0);
	assert_int_equal(fs.n, 1);
	lw_findings_free(&fs);

	/* An empty baseline removes nothing. */
	write_file(path, "{\"version\": 1, \"fingerprints\": {}}");
	add(&fs, sleep_diag());
	assert_int_equal(lw_baseline_filter(&fs, path, err, sizeof(err)), 0);
	assert_int_equal(fs.n, 1);
	lw_findings_free(&fs);
	lw_findings_free(&one);
	remove_temp(path);
}

static void expect_error(const char *path, const char *text, const char *want)
{
	if (text)
		write_file(path, text);
	char err[512] = "";
	struct lw_findings fs = {0};
	add(&fs, sleep_diag());
	assert_int_equal(lw_baseline_filter(&fs, path, err, sizeof(err)), -1);
	assert_int_equal(fs.n, 1); /* unchanged */
	if (strncmp(err, path, strlen(path)))
		fail_msg("error does not name the file: %s", err);
	if (!strstr(err, want))
		fail_msg("error \"%s\" does not say \"%s\"", err, want);
	lw_findings_free(&fs);
}

static void test_baseline_errors(void **state)
{
	(void)state;
	char *path = temp_path("baseline.json");
	expect_error(path, NULL, ": cannot read the baseline: No such file or directory");
	expect_error(path, "{\"version\": 1, \"fingerprints\": {", ":1:32: malformed baseline: ");
	expect_error(path, "", "malformed baseline");
	expect_error(path, "[]", "malformed baseline: no integer \"version\"");
	expect_error(path, "{\"fingerprints\": {}}", "no integer \"version\"");
	expect_error(path, "{\"version\": 2, \"fingerprints\": {}}",
		     ": baseline version 2 is not supported (this lockwarden reads version 1)");
	expect_error(path, "{\"version\": 1, \"fingerprints\": []}",
		     "\"fingerprints\" is not an object");
	expect_error(path, "{\"version\": 1, \"fingerprints\": {\"abc\": 1}}",
		     "\"abc\": expected 64 lowercase hex digits");
	char text[256];
	snprintf(text, sizeof(text), "{\"version\": 1, \"fingerprints\": {\"%064d\": 0}}", 7);
	expect_error(path, text, "mapped to a count of at least 1");
	snprintf(text, sizeof(text), "{\"version\": 1, \"fingerprints\": {\"%064d\": 1, \"%064d\": 2}}",
		 7, 7);
	expect_error(path, text, "duplicate object key");

	/* Writing into a folder that does not exist. */
	char *bad = g_strconcat(path, ".d/sub/baseline.json", NULL);
	char err[512] = "";
	struct lw_findings fs = {0};
	assert_int_equal(lw_baseline_write(&fs, bad, err, sizeof(err)), -1);
	assert_true(!strncmp(err, bad, strlen(bad)));
	assert_non_null(strstr(err, "cannot write the baseline"));
	g_free(bad);
	remove_temp(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_colour),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_not_utf8),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_sarif_unknown_location),
		cmocka_unit_test(test_sarif_rules_cover_every_check),
		cmocka_unit_test(test_sarif_related_notes),
		cmocka_unit_test(test_sarif_uris),
		cmocka_unit_test(test_sarif_versions),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_deep_copy),
		cmocka_unit_test(test_baseline_round_trip),
		cmocka_unit_test(test_baseline_counts),
		cmocka_unit_test(test_baseline_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
