/*
 * compdb.c - which translation units to analyse, and how clang must parse each.
 *
 * Reads compile_commands.json through libclang's compilation-database C API
 * (after checking it with jansson, which can say what is wrong with a broken
 * file where libclang only returns an error code), or builds a fixed
 * database from "FILE... -- FLAGS".  Turns a compile command into the
 * arguments of a -fsyntax-only run: whatever produces output or dependency
 * files goes.  Must not run anything; runner.c does.  docs/driver.md
 * describes what is dropped.
 */
#define _XOPEN_SOURCE 700 /* realpath, O_CLOEXEC, st_mtim */
#include "compdb.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <clang-c/CXCompilationDatabase.h>
#include <glib.h>
#include <jansson.h>

#include "output.h" /* lw_output_escape() */

/* ---- paths ------------------------------------------------------------- */

static const char *current_dir(void)
{
	static char *cwd;
	if (!cwd)
		cwd = g_get_current_dir();
	return cwd;
}

char *lw_path_absolute(const char *dir, const char *path)
{
	char *joined;
	if (g_path_is_absolute(path))
		joined = g_strdup(path);
	else if (dir && g_path_is_absolute(dir))
		joined = g_build_filename(dir, path, NULL);
	else
		joined = g_build_filename(current_dir(), dir ? dir : "", path, NULL);

	/* Lexical normalisation: symbolic links are left alone, so the path
	 * stays the one the user and the compiler wrote. */
	char **parts = g_strsplit(joined, "/", -1);
	GPtrArray *keep = g_ptr_array_new();
	for (char **p = parts; *p; p++) {
		if (!**p || !strcmp(*p, "."))
			continue;
		if (!strcmp(*p, "..")) {
			if (keep->len)
				g_ptr_array_remove_index(keep, keep->len - 1);
			continue;
		}
		g_ptr_array_add(keep, *p);
	}
	GString *out = g_string_new("");
	for (guint i = 0; i < keep->len; i++) {
		g_string_append_c(out, '/');
		g_string_append(out, keep->pdata[i]);
	}
	if (!out->len)
		g_string_append_c(out, '/');
	g_ptr_array_free(keep, TRUE);
	g_strfreev(parts);
	g_free(joined);
	return g_string_free(out, FALSE);
}

char *lw_path_show(const char *path)
{
	const char *cwd = current_dir();
	size_t n = strlen(cwd);
	if (!strcmp(cwd, "/") && path[0] == '/' && path[1])
		return g_strdup(path + 1);
	if (!strncmp(path, cwd, n) && path[n] == '/' && path[n + 1])
		return g_strdup(path + n + 1);
	return g_strdup(path);
}

/* ---- units ------------------------------------------------------------- */

/* As lockwarden's messages name the unit: shown, with control characters
 * escaped, so that a name cannot make up a message line. */
static char *shown_name(const char *file)
{
	char *shown = lw_path_show(file);
	char *escaped = lw_output_escape(shown);
	g_free(shown);
	return escaped;
}

static struct lw_unit *add_unit(struct lw_units *u)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 16;
		u->items = g_renew(struct lw_unit, u->items, u->cap);
	}
	struct lw_unit *x = &u->items[u->n++];
	memset(x, 0, sizeof(*x));
	return x;
}

void lw_units_free(struct lw_units *u)
{
	for (unsigned i = 0; i < u->n; i++) {
		g_free(u->items[i].file);
		g_free(u->items[i].shown);
		g_free(u->items[i].dir);
		g_strfreev(u->items[i].argv);
	}
	g_free(u->items);
	memset(u, 0, sizeof(*u));
}

void lw_compdb_fixed(char **files, unsigned nfiles, char **flags, unsigned nflags,
		     struct lw_units *out)
{
	const char *cwd = current_dir();
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (unsigned i = 0; i < nfiles; i++) {
		char *file = lw_path_absolute(cwd, files[i]);
		if (g_hash_table_contains(seen, file)) { /* named twice: one unit */
			g_free(file);
			continue;
		}
		struct lw_unit *x = add_unit(out);
		x->dir = g_strdup(cwd);
		x->file = file;
		g_hash_table_add(seen, x->file);
		x->shown = shown_name(x->file);
		x->argc = nflags + 2;
		x->argv = g_new0(char *, x->argc + 1);
		x->argv[0] = g_strdup("clang");
		for (unsigned k = 0; k < nflags; k++)
			x->argv[k + 1] = g_strdup(flags[k]);
		x->argv[nflags + 1] = g_strdup(files[i]);
	}
	g_hash_table_destroy(seen);
}

/* What is wrong with the database, in words, or NULL if it looks right. */
static char *check_json(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return g_strdup(g_strerror(errno));
	if (!S_ISREG(st.st_mode))
		return g_strdup("not a regular file");

	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		if (jerr.line > 0)
			return g_strdup_printf("not valid JSON: line %d, column %d: %s",
					       jerr.line, jerr.column, jerr.text);
		return g_strdup_printf("not valid JSON: %s", jerr.text);
	}
	char *what = NULL;
	if (!json_is_array(root)) {
		what = g_strdup("not a JSON array of compile commands");
	} else if (json_array_size(root) == 0) {
		what = g_strdup("no compile commands in it");
	} else {
		size_t i;
		json_t *e;
		json_array_foreach(root, i, e) {
			const char *miss = NULL;
			json_t *args = json_object_get(e, "arguments");
			const char *cmd = json_string_value(json_object_get(e, "command"));
			if (!json_is_object(e))
				miss = "is not an object";
			else if (!json_is_string(json_object_get(e, "directory")))
				miss = "has no \"directory\" string";
			else if (!json_is_string(json_object_get(e, "file")))
				miss = "has no \"file\" string";
			else if (args && !(json_is_array(args) && json_array_size(args) > 0))
				miss = "has an \"arguments\" that is not a non-empty array";
			else if (!args && !cmd)
				miss = "has neither \"arguments\" nor \"command\"";
			else if (!args && !cmd[strspn(cmd, " \t\r\n\v\f")])
				/* libclang would give it no arguments, and the unit
				 * would be dropped without a word. */
				miss = "has an empty \"command\"";
			else if (args && !json_is_string(json_array_get(args, 0)))
				miss = "has an \"arguments\" that does not start with a string";
			if (miss) {
				what = g_strdup_printf("entry %zu %s", i + 1, miss);
				break;
			}
		}
	}
	json_decref(root);
	return what;
}

static int is_assembler(const char *file)
{
	const char *dot = strrchr(file, '.');
	return dot && (!strcmp(dot, ".s") || !strcmp(dot, ".S") || !strcmp(dot, ".sx") ||
		       !strcmp(dot, ".asm"));
}

static char *take(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = g_strdup(c ? c : "");
	clang_disposeString(s);
	return r;
}

int lw_compdb_load(const char *build_dir, char **extra, unsigned nextra,
		   struct lw_units *out, char *err, size_t errlen)
{
	char *json = g_build_filename(build_dir, "compile_commands.json", NULL);
	char *what = check_json(json);
	if (what) {
		snprintf(err, errlen, "%s: %s", json, what);
		g_free(what);
		g_free(json);
		return -1;
	}

	CXCompilationDatabase_Error ec = CXCompilationDatabase_NoError;
	CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(build_dir, &ec);
	if (ec != CXCompilationDatabase_NoError || !db) {
		snprintf(err, errlen, "%s: libclang could not load it", json);
		g_free(json);
		return -1;
	}
	char *build_abs = lw_path_absolute(NULL, build_dir);
	CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	unsigned n = clang_CompileCommands_getSize(cmds);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (unsigned i = 0; i < n; i++) {
		CXCompileCommand c = clang_CompileCommands_getCommand(cmds, i);
		char *dir = take(clang_CompileCommand_getDirectory(c));
		char *file = take(clang_CompileCommand_getFilename(c));
		char *dir_abs = lw_path_absolute(build_abs, dir);
		char *file_abs = lw_path_absolute(dir_abs, file);
		unsigned nargs = clang_CompileCommand_getNumArgs(c);
		g_free(dir);
		g_free(file);
		/* One file built twice (say for a library and for a test) would
		 * define its functions twice in the linked program.  Assembler
		 * has no functions for the plugin to see. */
		if (!nargs) {
			/* check_json() refuses empty commands; a command of
			 * quotes alone ("''") still tokenises to nothing. */
			snprintf(err, errlen, "%s: the command for %s has no arguments", json, file_abs);
			g_free(dir_abs);
			g_free(file_abs);
			g_hash_table_destroy(seen);
			clang_CompileCommands_dispose(cmds);
			clang_CompilationDatabase_dispose(db);
			g_free(build_abs);
			g_free(json);
			return -1;
		}
		if (g_hash_table_contains(seen, file_abs) || is_assembler(file_abs)) {
			g_free(dir_abs);
			g_free(file_abs);
			continue;
		}
		struct lw_unit *x = add_unit(out);
		x->dir = dir_abs;
		x->file = file_abs;
		x->shown = shown_name(file_abs);
		x->argc = nargs + nextra;
		x->argv = g_new0(char *, x->argc + 1);
		for (unsigned k = 0; k < nargs; k++)
			x->argv[k] = take(clang_CompileCommand_getArg(c, k));
		for (unsigned k = 0; k < nextra; k++)
			x->argv[nargs + k] = g_strdup(extra[k]);
		g_hash_table_add(seen, x->file);
	}
	g_hash_table_destroy(seen);
	clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
	g_free(build_abs);
	if (!out->n) {
		snprintf(err, errlen, "%s: no usable compile commands in it", json);
		g_free(json);
		return -1;
	}
	g_free(json);
	return 0;
}

/* ---- arguments for -fsyntax-only ---------------------------------------- */

/* Options whose value is the next argument (GCC's and Clang's spellings), so
 * that the value is not mistaken for an input file. */
static const char *const separate_value[] = {
	"-o", "-x", "-I", "-D", "-U", "-include", "-imacros", "-isystem",
	"-idirafter", "-iquote", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
	"-isysroot", "-imultilib", "-Xclang", "-Xpreprocessor", "-Xassembler",
	"-Xlinker", "-MF", "-MT", "-MQ", "-MJ", "-target", "-arch", "-L", "-F",
	"-T", "-u", "-z", "--param", "-aux-info", "-dumpbase", "-dumpdir",
	"--serialize-diagnostics", NULL,
};

static int takes_value(const char *a)
{
	for (const char *const *s = separate_value; *s; s++)
		if (!strcmp(a, *s))
			return 1;
	return 0;
}

/* Dropped with the argument after them. */
static int drop_with_value(const char *a)
{
	return !strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT") ||
	       !strcmp(a, "-MQ") || !strcmp(a, "-MJ") ||
	       !strcmp(a, "--serialize-diagnostics");
}

static int drop_alone(const char *a)
{
	static const char *const exact[] = {
		"-c", "-S", "-E", "-fsyntax-only", "-M", "-MM", "-MD", "-MMD",
		"-MP", "-MG", "-MV", "-pipe", NULL,
	};
	for (const char *const *s = exact; *s; s++)
		if (!strcmp(a, *s))
			return 1;
	/* -ofile, -MFfile, -MTtarget, -MQtarget, -MJfile */
	if ((!strncmp(a, "-o", 2) && strncmp(a, "-obj", 4)) || !strncmp(a, "-MF", 3) ||
	    !strncmp(a, "-MT", 3) || !strncmp(a, "-MQ", 3) || !strncmp(a, "-MJ", 3))
		return 1;
	/* -Wp,-MD,file and -Wp,-MMD,file (Linux, autotools) */
	if (!strncmp(a, "-Wp,-M", 6))
		return 1;
	/* Plugins of the build itself: GCC plugins do not load into clang,
	 * and this plugin must not run twice. */
	if (!strncmp(a, "-fplugin=", 9) || !strncmp(a, "-fplugin-arg-", 13) ||
	    !strncmp(a, "-fpass-plugin=", 14))
		return 1;
	return 0;
}

static int is_source(const char *a)
{
	static const char *const ext[] = {
		".c", ".i", ".h", ".cc", ".cp", ".cxx", ".cpp", ".c++", ".C", ".ii",
		".m", ".mm", ".s", ".S", ".sx", NULL,
	};
	const char *dot = strrchr(a, '.');
	if (!dot)
		return 0;
	for (const char *const *e = ext; *e; e++)
		if (!strcmp(dot, *e))
			return 1;
	return 0;
}

/* Include-path options whose directory is made absolute, so that clang
 * names every file absolutely whatever directory the unit compiles in. */
static const char *const dir_options[] = {"-I", "-isystem", "-iquote", "-idirafter", NULL};

static const char *dir_option(const char *a)
{
	for (const char *const *o = dir_options; *o; o++)
		if (!strncmp(a, *o, strlen(*o)))
			return *o;
	return NULL;
}

static char *absolute_dir(const struct lw_unit *u, const char *d)
{
	/* "=dir" is relative to the sysroot: not ours to change. */
	if (!*d || *d == '=' || !strcmp(d, "-") || g_path_is_absolute(d))
		return g_strdup(d);
	return lw_path_absolute(u->dir, d);
}

char **lw_unit_clang_args(const struct lw_unit *u)
{
	GPtrArray *out = g_ptr_array_new();
	int have_main = 0;
	for (unsigned i = 1; i < u->argc; i++) {
		const char *a = u->argv[i];
		if (drop_with_value(a)) {
			i++;
			continue;
		}
		if (a[0] == '-' && drop_alone(a))
			continue;
		const char *dopt = a[0] == '-' ? dir_option(a) : NULL;
		if (dopt && a[strlen(dopt)]) { /* -Idir */
			char *d = absolute_dir(u, a + strlen(dopt));
			g_ptr_array_add(out, g_strconcat(dopt, d, NULL));
			g_free(d);
			continue;
		}
		if (a[0] == '-' && a[1] && takes_value(a)) {
			g_ptr_array_add(out, g_strdup(a));
			if (i + 1 < u->argc) {
				const char *v = u->argv[++i];
				g_ptr_array_add(out, dopt ? absolute_dir(u, v) : g_strdup(v));
			}
			continue;
		}
		if (a[0] != '-') {
			char *abs = lw_path_absolute(u->dir, a);
			int is_main = !strcmp(abs, u->file);
			g_free(abs);
			if (is_main && have_main)
				continue;
			if (!is_main && is_source(a))
				continue; /* another input of the same command */
			if (is_main) {
				have_main = 1;
				g_ptr_array_add(out, g_strdup(u->file));
				continue;
			}
		}
		g_ptr_array_add(out, g_strdup(a));
	}
	if (!have_main)
		g_ptr_array_add(out, g_strdup(u->file));
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}
