/*
 * Unit tests of the sidecar reader (sidecar.c): a valid file's entries and
 * where they are written, each error the reader reports with its words and
 * its place, entries attached to a hand-built TU (and those that match
 * nothing), and contradictions with in-source annotations, which name both
 * places.  The YAML files are written to a temporary folder by the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "annot.h"
#include "builtins.h"
#include "options.h"
#include "report.h"
#include "sidecar.h"

static char *tmpdir;
static unsigned nfiles;

static int setup(void **state)
{
	(void)state;
	tmpdir = g_dir_make_tmp("lw-sidecar-XXXXXX", NULL);
	return tmpdir ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	for (unsigned i = 0; i < nfiles; i++) {
		char *p = g_strdup_printf("%s/%u.yaml", tmpdir, i);
		g_unlink(p);
		g_free(p);
	}
	g_rmdir(tmpdir);
	g_free(tmpdir);
	return 0;
}

/* Writes text to a new file; the path lives until the end of the run. */
static const char *yaml(const char *text)
{
	static char paths[64][512];
	assert_true(nfiles < 64);
	char *p = paths[nfiles];
	snprintf(p, sizeof(paths[0]), "%s/%u.yaml", tmpdir, nfiles);
	nfiles++;
	assert_true(g_file_set_contents(p, text, -1, NULL));
	return p;
}

/* Loads text and expects the error "PATH:LINE:COL: what". */
static void load_bad(const char *text, unsigned line, unsigned col, const char *what)
{
	const char *path = yaml(text);
	struct lw_sidecar *sc = (struct lw_sidecar *)1;
	char err[512] = "";
	assert_int_equal(lw_sidecar_load(path, &sc, err, sizeof(err)), -1);
	assert_null(sc);
	char want[1024];
	snprintf(want, sizeof(want), "%s:%u:%u: %s", path, line, col, what);
	assert_string_equal(err, want);
}

static struct lw_sidecar *load_ok(const char *path)
{
	struct lw_sidecar *sc = NULL;
	char err[512] = "";
	int rc = lw_sidecar_load(path, &sc, err, sizeof(err));
	if (rc != 0)
		print_error("%s\n", err);
	assert_int_equal(rc, 0);
	assert_non_null(sc);
	return sc;
}

/* ---- a valid file ---------------------------------------------------------- */

static const char valid[] =
	"# what the macros would say\n"                   /* 1 */
	"version: 1\n"                                    /* 2 */
	"fields:\n"                                       /* 3 */
	"  drv:\n"                                        /* 4 */
	"    lock: driver_lock\n"                         /* 5 */
	"    n: [guarded_by(lock), atomic]\n"             /* 6 */
	"globals:\n"                                      /* 7 */
	"  g_lock: driver_lock\n"                         /* 8 */
	"functions:\n"                                    /* 9 */
	"  drvLock: acquires(d->lock)\n"                  /* 10 */
	"blocking: [monitorSend]\n"                       /* 11 */
	"nonblocking:\n"                                  /* 12 */
	"  - quickStat\n"                                 /* 13 */
	"categories:\n"                                   /* 14 */
	"  fs: off\n"                                     /* 15 */
	"  rcu: no\n"                                     /* 16 */
	"  sleep: on\n";                                  /* 17 */

static void test_valid(void **state)
{
	(void)state;
	const char *path = yaml(valid);
	struct lw_sidecar *sc = load_ok(path);
	assert_string_equal(lw_sidecar_path(sc), path);
	assert_int_equal(lw_sidecar_nentries(sc), 6);
	static const struct {
		const char *key;
		unsigned line;
		enum lw_sidecar_target target;
		const char *owner, *name;
	} want[] = {
		{"field drv.lock", 5, LW_SIDECAR_FIELD, "drv", "lock"},
		{"field drv.n", 6, LW_SIDECAR_FIELD, "drv", "n"},
		{"global g_lock", 8, LW_SIDECAR_GLOBAL, NULL, "g_lock"},
		{"function drvLock", 10, LW_SIDECAR_FUNCTION, NULL, "drvLock"},
		{"function monitorSend", 11, LW_SIDECAR_FUNCTION, NULL, "monitorSend"},
		{"function quickStat", 13, LW_SIDECAR_FUNCTION, NULL, "quickStat"},
	};
	for (uint32_t i = 0; i < 6; i++) {
		assert_string_equal(lw_sidecar_entry_key(sc, i), want[i].key);
		assert_int_equal(lw_sidecar_entry_line(sc, i), want[i].line);
		assert_int_equal(lw_sidecar_entry_target(sc, i), want[i].target);
		if (want[i].owner)
			assert_string_equal(lw_sidecar_entry_owner(sc, i), want[i].owner);
		else
			assert_null(lw_sidecar_entry_owner(sc, i));
		assert_string_equal(lw_sidecar_entry_name(sc, i), want[i].name);
		assert_false(lw_sidecar_entry_matched(sc, i));
	}

	/* categories: on adds, off (and no) removes */
	struct lw_options o;
	lw_options_init(&o);
	assert_int_equal(lw_options_set(&o, "blocking", "wait", (char[64]){0}, 64), 0);
	lw_sidecar_apply_options(sc, &o);
	assert_int_equal(o.blocking, (1u << LW_BLK_WAIT) | (1u << LW_BLK_SLEEP));
	lw_options_init(&o);
	lw_sidecar_apply_options(sc, &o);
	assert_int_equal(o.blocking,
			 ((1u << LW_BLK__COUNT) - 1) & ~((1u << LW_BLK_FS) | (1u << LW_BLK_RCU)));
	lw_sidecar_free(sc);
}

static void test_empty_and_truth_words(void **state)
{
	(void)state;
	struct lw_sidecar *sc = load_ok(yaml(""));
	assert_int_equal(lw_sidecar_nentries(sc), 0);
	lw_sidecar_free(sc);
	sc = load_ok(yaml("# nothing but a comment\n"));
	assert_int_equal(lw_sidecar_nentries(sc), 0);
	lw_sidecar_free(sc);
	/* every spelling of on and off */
	sc = load_ok(yaml("categories:\n  sleep: off\n  wait: false\n  poll: no\n"
			  "  net: on\n  fs: true\n  io: yes\n"));
	struct lw_options o;
	lw_options_init(&o);
	o.blocking = (1u << LW_BLK_SLEEP) | (1u << LW_BLK_WAIT) | (1u << LW_BLK_POLL);
	lw_sidecar_apply_options(sc, &o);
	assert_int_equal(o.blocking, (1u << LW_BLK_NET) | (1u << LW_BLK_FS) | (1u << LW_BLK_IO));
	lw_sidecar_free(sc);
}

/* ---- errors ------------------------------------------------------------------ */

static void test_cannot_open(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof(path), "%s/missing.yaml", tmpdir);
	struct lw_sidecar *sc = (struct lw_sidecar *)1;
	char err[800] = "";
	assert_int_equal(lw_sidecar_load(path, &sc, err, sizeof(err)), -1);
	assert_null(sc);
	char want[800];
	snprintf(want, sizeof(want), "%s: cannot open sidecar file", path);
	assert_string_equal(err, want);
}

static void test_not_yaml(void **state)
{
	(void)state;
	const char *path = yaml("fields:\n  drv: [\n");
	struct lw_sidecar *sc = (struct lw_sidecar *)1;
	char err[512] = "";
	assert_int_equal(lw_sidecar_load(path, &sc, err, sizeof(err)), -1);
	assert_null(sc);
	/* libyaml words the problem; the place is the reader's */
	char want[600];
	snprintf(want, sizeof(want), "%s:3:1: not valid YAML: ", path);
	assert_memory_equal(err, want, strlen(want));
	assert_true(strlen(err) > strlen(want));
}

static void test_structure_errors(void **state)
{
	(void)state;
	load_bad("- fields\n", 1, 1,
		 "the sidecar must be a mapping with sections fields, globals, functions, "
		 "blocking, nonblocking, categories");
	load_bad("? [fields]\n: 1\n", 1, 3, "expected a section name");
	load_bad("version: 2\n", 1, 10,
		 "unsupported sidecar version '2' (this lockwarden reads version 1)");
	load_bad("version: [1]\n", 1, 10,
		 "unsupported sidecar version '' (this lockwarden reads version 1)");
	load_bad("version: 1\nfield:\n  drv:\n    n: immutable\n", 2, 1,
		 "unknown section 'field' (known: version, fields, globals, functions, "
		 "blocking, nonblocking, categories)");
}

static void test_fields_errors(void **state)
{
	(void)state;
	load_bad("fields: [drv]\n", 1, 9, "'fields' must map struct names to their fields");
	load_bad("fields:\n  ? [drv]\n  : {n: immutable}\n", 2, 5, "expected a struct name");
	load_bad("fields:\n  drv: immutable\n", 2, 8,
		 "struct 'drv' must map field names to annotations");
	load_bad("fields:\n  drv:\n    ? [n]\n    : immutable\n", 3, 7,
		 "expected a field name in 'drv'");
	load_bad("fields:\n  drv:\n    n: {guarded_by: lock}\n", 3, 8,
		 "expected an annotation or a list of annotations for 'n'");
	load_bad("fields:\n  drv:\n    n: [immutable, [atomic]]\n", 3, 20,
		 "expected an annotation for 'n'");
}

static void test_names_errors(void **state)
{
	(void)state;
	load_bad("globals: [g_lock]\n", 1, 10, "expected a mapping of names to annotations");
	load_bad("functions:\n  ? [f]\n  : blocking\n", 2, 5, "expected a name");
	load_bad("functions:\n  f: [blocking, {x: y}]\n", 2, 17, "expected an annotation for 'f'");
	load_bad("blocking: monitorSend\n", 1, 11, "expected a list of function names");
	load_bad("nonblocking:\n  - quickStat\n  - [stat]\n", 3, 5, "expected a function name");
}

static void test_categories_errors(void **state)
{
	(void)state;
	load_bad("categories: [fs]\n", 1, 13,
		 "'categories' must map category names to on or off");
	load_bad("categories:\n  fs: off\n  disk: off\n", 3, 3, "unknown blocking category 'disk'");
	load_bad("categories:\n  fs: maybe\n", 2, 7, "category 'fs' must be on or off");
	load_bad("categories:\n  fs: [off]\n", 2, 7, "category 'fs' must be on or off");
}

/* The first error stops the reading: later ones are not reported instead. */
static void test_first_error_wins(void **state)
{
	(void)state;
	load_bad("fields:\n  drv: immutable\nbogus: 1\n", 2, 8,
		 "struct 'drv' must map field names to annotations");
}

/* ---- attaching to a TU -------------------------------------------------------- */

struct world {
	struct lw_tu *tu;
	uint32_t fd_lock, fd_stat, fd_send;
};

/* struct drv { int lock; int n LW_IMMUTABLE; }; int g_lock;
 * void drvLock(struct drv *d); int quickStat(void) LW_BLOCKING;
 * int monitorSend(void) LW_NONBLOCKING;  -- all in file 1 */
static void build(struct world *w)
{
	struct lw_tu *tu = lw_tu_new();
	w->tu = tu;
	uint32_t src = lw_tu_file(tu, "drv.c");
	assert_int_equal(src, 1);
	lw_str sdrv = lw_intern_cstr(tu, "drv");
	const struct lw_type *intty = lw_type_new(tu, LW_TY_OTHER, lw_intern_cstr(tu, "int"), NULL, 0);
	/* a lock's type: GUARDED_BY naming a scalar is an error */
	const struct lw_type *mutexty = lw_type_new(tu, LW_TY_RECORD, lw_intern_cstr(tu, "pthread_mutex_t"), NULL, 0);
	const struct lw_type *drv = lw_type_new(tu, LW_TY_RECORD, sdrv, NULL, 0);
	const struct lw_type *pdrv = lw_type_new(tu, LW_TY_POINTER, 0, drv, 0);
	static const struct lw_annot_src imm = {"lockwarden:immutable", {1, 3, 9}};
	struct lw_field f[2] = {
		{lw_intern_cstr(tu, "lock"), {1, 2, 6}, mutexty, 0, NULL},
		{lw_intern_cstr(tu, "n"), {1, 3, 6}, intty, 1, &imm},
	};
	struct lw_record rec = {sdrv, {1, 1, 8}, 2, f};
	lw_tu_add_record(tu, &rec);
	struct lw_global g = {lw_intern_cstr(tu, "g_lock"), {1, 5, 5}, intty, 0, 0, NULL};
	lw_tu_add_global(tu, &g);
	struct lw_var params[1] = {{lw_intern_cstr(tu, "d"), pdrv, {1, 6, 20}}};
	struct lw_fdecl lock = {lw_intern_cstr(tu, "drvLock"), {1, 6, 6}, 0, 1, params, 0, NULL, -1};
	w->fd_lock = lw_tu_add_fdecl(tu, &lock);
	static const struct lw_annot_src blk = {"lockwarden:blocking", {1, 7, 22}};
	struct lw_fdecl stat = {lw_intern_cstr(tu, "quickStat"), {1, 7, 5}, 0, 0, NULL, 1, &blk, -1};
	w->fd_stat = lw_tu_add_fdecl(tu, &stat);
	static const struct lw_annot_src non = {"lockwarden:nonblocking", {1, 8, 24}};
	struct lw_fdecl send = {lw_intern_cstr(tu, "monitorSend"), {1, 8, 5}, 0, 0, NULL, 1, &non, -1};
	w->fd_send = lw_tu_add_fdecl(tu, &send);
}

static const struct lw_field *field(struct lw_tu *tu, const char *rec, const char *name)
{
	const struct lw_record *r = lw_tu_find_record(tu, lw_intern_cstr(tu, rec));
	assert_non_null(r);
	for (uint32_t i = 0; i < r->nfields; i++)
		if (r->fields[i].name == lw_intern_cstr(tu, name))
			return &r->fields[i];
	fail_msg("no field %s.%s", rec, name);
	return NULL;
}

static int has_match(const struct lw_tu *tu, const char *key)
{
	for (uint32_t i = 0; i < tu->nsc_matched; i++)
		if (!strcmp(tu->sc_matched[i], key))
			return 1;
	return 0;
}

static void test_apply(void **state)
{
	(void)state;
	struct world w;
	build(&w);
	const char *path = yaml("fields:\n"                     /* 1 */
				"  drv:\n"                      /* 2 */
				"    lock: driver_lock\n"       /* 3 */
				"    nosuch: atomic\n"          /* 4 */
				"  nostruct:\n"                 /* 5 */
				"    lock: driver_lock\n"       /* 6 */
				"globals:\n"                    /* 7 */
				"  g_lock: [driver_lock]\n"     /* 8 */
				"  g_missing: driver_lock\n"    /* 9 */
				"functions:\n"                  /* 10 */
				"  drvLock: acquires(d->lock)\n" /* 11 */
				"blocking: [noSuchFunction]\n"); /* 12 */
	struct lw_sidecar *sc = load_ok(path);
	lw_sidecar_apply(sc, w.tu);
	uint32_t file = lw_tu_file(w.tu, path);
	assert_int_not_equal(file, 1);

	/* matched entries, in the file's order */
	static const int matched[] = {1, 0, 0, 1, 0, 1, 0};
	assert_int_equal(lw_sidecar_nentries(sc), 7);
	for (uint32_t i = 0; i < 7; i++)
		assert_int_equal(lw_sidecar_entry_matched(sc, i), matched[i]);
	assert_int_equal(w.tu->nsc_matched, 3);
	assert_true(has_match(w.tu, "field drv.lock"));
	assert_true(has_match(w.tu, "global g_lock"));
	assert_true(has_match(w.tu, "function drvLock"));
	assert_false(has_match(w.tu, "field drv.nosuch"));
	assert_false(has_match(w.tu, "field nostruct.lock"));
	assert_false(has_match(w.tu, "global g_missing"));
	assert_false(has_match(w.tu, "function noSuchFunction"));

	/* the strings are the macros', placed in the YAML file */
	const struct lw_field *lock = field(w.tu, "drv", "lock");
	assert_int_equal(lock->nannots, 1);
	assert_string_equal(lock->annots[0].text, "lockwarden:driver_lock");
	assert_int_equal(lock->annots[0].loc.file, file);
	assert_int_equal(lock->annots[0].loc.line, 3);
	assert_int_equal(lock->annots[0].loc.col, 11);
	const struct lw_global *g = lw_tu_find_global(w.tu, lw_intern_cstr(w.tu, "g_lock"));
	assert_int_equal(g->nannots, 1);
	assert_string_equal(g->annots[0].text, "lockwarden:driver_lock");
	assert_int_equal(g->annots[0].loc.line, 8);
	assert_int_equal(g->annots[0].loc.col, 12);
	const struct lw_fdecl *fd = &w.tu->fdecls[w.fd_lock];
	assert_int_equal(fd->nannots, 1);
	assert_string_equal(fd->annots[0].text, "lockwarden:acquires(d->lock)");
	assert_int_equal(fd->annots[0].loc.file, file);
	assert_int_equal(fd->annots[0].loc.line, 11);

	/* an in-source annotation stays, the sidecar's comes after it */
	const struct lw_field *n = field(w.tu, "drv", "n");
	assert_int_equal(n->nannots, 1);

	/* the model sees them as if the source had them */
	struct lw_diag_list diags = {lw_tu_arena(w.tu), w.tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(w.tu, &diags);
	assert_int_equal(diags.n, 0);
	lw_str sdrv = lw_intern_cstr(w.tu, "drv");
	assert_true(lw_model_is_driver_lock(m, (struct lw_lockclass){sdrv, lw_intern_cstr(w.tu, "lock")}));
	assert_true(lw_model_is_driver_lock(m, (struct lw_lockclass){0, lw_intern_cstr(w.tu, "g_lock")}));
	assert_int_equal(lw_model_fn(m, w.fd_lock)->neffects, 1);
	lw_model_free(m);
	lw_sidecar_free(sc);
	lw_tu_free(w.tu);
}

/* A sidecar that contradicts the source: the error is at the sidecar's
 * entry, the note at the source's annotation. */
static void test_contradictions(void **state)
{
	(void)state;
	struct world w;
	build(&w);
	const char *path = yaml("fields:\n"
				"  drv:\n"
				"    n: guarded_by(lock)\n"   /* 3: source says immutable */
				"nonblocking:\n"
				"  - quickStat\n"            /* 5: source says blocking */
				"blocking: [monitorSend]\n"); /* 6: source says nonblocking */
	struct lw_sidecar *sc = load_ok(path);
	lw_sidecar_apply(sc, w.tu);
	uint32_t file = lw_tu_file(w.tu, path);
	struct lw_diag_list diags = {lw_tu_arena(w.tu), w.tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(w.tu, &diags);
	assert_int_equal(diags.n, 3);
	const struct lw_diag *d = &diags.items[0];
	assert_int_equal(d->check, LW_CHECK_BAD_ANNOTATION);
	assert_int_equal(d->sev, LW_SEV_ERROR);
	assert_string_equal(d->msg, "'guarded_by' contradicts an earlier annotation of 'n' [bad-annotation]");
	assert_int_equal(d->loc.file, file);
	assert_int_equal(d->loc.line, 3);
	assert_int_equal(d->loc.col, 8);
	assert_int_equal(d->nnotes, 1);
	assert_string_equal(d->notes[0].msg, "conflicting annotation 'immutable' here");
	assert_int_equal(d->notes[0].loc.file, 1);
	assert_int_equal(d->notes[0].loc.line, 3);
	/* the first class stays */
	const struct lw_field_info *fi = lw_model_field(m, lw_intern_cstr(w.tu, "drv"),
							lw_intern_cstr(w.tu, "n"));
	assert_int_equal(fi->cls, LW_FC_IMMUTABLE);

	/* blocking in the source, nonblocking in the sidecar */
	d = &diags.items[1];
	assert_string_equal(d->msg, "'quickStat' is annotated both blocking and nonblocking [bad-annotation]");
	assert_int_equal(d->loc.file, file);
	assert_int_equal(d->loc.line, 5);
	assert_int_equal(d->nnotes, 1);
	assert_string_equal(d->notes[0].msg, "conflicting annotation 'blocking' here");
	assert_int_equal(d->notes[0].loc.file, 1);
	assert_int_equal(d->notes[0].loc.line, 7);
	/* and the reverse: the error at the source, the note in the sidecar */
	d = &diags.items[2];
	assert_string_equal(d->msg, "'monitorSend' is annotated both blocking and nonblocking [bad-annotation]");
	assert_int_equal(d->loc.file, 1);
	assert_int_equal(d->loc.line, 8);
	assert_int_equal(d->nnotes, 1);
	assert_int_equal(d->notes[0].loc.file, file);
	assert_int_equal(d->notes[0].loc.line, 6);
	/* nonblocking wins */
	assert_false(lw_model_fn(m, w.fd_stat)->flags & LW_FN_BLOCKING);
	assert_true(lw_model_fn(m, w.fd_stat)->flags & LW_FN_NONBLOCKING);
	lw_model_free(m);
	lw_sidecar_free(sc);
	lw_tu_free(w.tu);
}

/* A malformed annotation in a sidecar is reported by the annotation parser
 * at its place in the YAML file. */
static void test_bad_annotation_points_into_yaml(void **state)
{
	(void)state;
	struct world w;
	build(&w);
	const char *path = yaml("functions:\n"
				"  drvLock: [acquires(e->lock), blockng]\n");
	struct lw_sidecar *sc = load_ok(path);
	lw_sidecar_apply(sc, w.tu);
	uint32_t file = lw_tu_file(w.tu, path);
	struct lw_diag_list diags = {lw_tu_arena(w.tu), w.tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(w.tu, &diags);
	assert_int_equal(diags.n, 2);
	assert_string_equal(diags.items[0].msg,
			    "'e' names no parameter of 'drvLock' and no global variable [bad-annotation]");
	assert_int_equal(diags.items[0].loc.file, file);
	assert_int_equal(diags.items[0].loc.line, 2);
	assert_int_equal(diags.items[0].loc.col, 13);
	assert_string_equal(diags.items[1].msg, "unknown annotation 'blockng' [bad-annotation]");
	assert_int_equal(diags.items[1].loc.file, file);
	assert_int_equal(diags.items[1].loc.line, 2);
	assert_int_equal(diags.items[1].loc.col, 32);
	lw_model_free(m);
	lw_sidecar_free(sc);
	lw_tu_free(w.tu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_empty_and_truth_words),
		cmocka_unit_test(test_cannot_open),
		cmocka_unit_test(test_not_yaml),
		cmocka_unit_test(test_structure_errors),
		cmocka_unit_test(test_fields_errors),
		cmocka_unit_test(test_names_errors),
		cmocka_unit_test(test_categories_errors),
		cmocka_unit_test(test_first_error_wins),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_contradictions),
		cmocka_unit_test(test_bad_annotation_points_into_yaml),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
