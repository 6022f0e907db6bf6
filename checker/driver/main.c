/*
 * main.c - the lockwarden command: options, the run over the units, linking,
 * the report and the exit status.
 *
 * Reads the options (GOptionContext), gets the units (compdb.c), decides
 * which need the plugin (cache.c), runs them (runner.c), links every unit's
 * facts into one program and analyses it (checker/core/program.h), then
 * filters and renders the findings (output.h).  Must not reorder findings:
 * the core sorts them, and nothing here may depend on the order in which
 * clang processes finish.  User documentation: docs/driver.md.
 */
#define _XOPEN_SOURCE 700 /* realpath, O_CLOEXEC, st_mtim */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "cache.h"
#include "capacity.h"
#include "compdb.h"
#include "diag.h"
#include "lw-driver-config.h"
#include "options.h"
#include "output.h"
#include "program.h"
#include "runner.h"
#include "sidecar.h"

#define JOBS_UNSET INT_MIN

/*
 * The limits of one clang run (docs/driver.md, "Units that cannot be
 * analysed").  The slowest unit of libvirt 9.0.0 takes 0.7 s, the
 * largest 130 MiB (resident, plugin included); these are far above what
 * a real unit needs, and low enough that a hung or runaway clang is
 * stopped within a minute, before it takes the machine's memory.
 */
#define UNIT_TIME_DEFAULT 60      /* seconds */
#define UNIT_MEMORY_DEFAULT 4096  /* MiB */

static gchar *opt_build_dir;
static gchar *opt_checks;
static gchar *opt_blocking;
static gchar **opt_annotations;
static gchar *opt_format;
static gchar *opt_output;
static gchar *opt_baseline;
static gchar *opt_write_baseline;
static gint opt_jobs = JOBS_UNSET;
static gchar *opt_cache_dir;
static gchar *opt_clang;
static gchar *opt_plugin;
static gint opt_unit_time = UNIT_TIME_DEFAULT;
static gint opt_unit_memory = UNIT_MEMORY_DEFAULT;
static gboolean opt_print_plugin_path;
static gboolean opt_cflags;
static gboolean opt_verbose;
static gboolean opt_stats;
static gboolean opt_version;

static const GOptionEntry entries[] = {
	{"build-dir", 'p', 0, G_OPTION_ARG_FILENAME, &opt_build_dir,
	 "Read BUILD_DIR/compile_commands.json", "BUILD_DIR"},
	{"checks", 0, 0, G_OPTION_ARG_STRING, &opt_checks,
	 "Checks to run, clang-tidy style globs (-*,sleep-under-lock)", "GLOBS"},
	{"blocking", 0, 0, G_OPTION_ARG_STRING, &opt_blocking,
	 "Blocking categories to report (-fs,-io or sleep,wait)", "CATEGORIES"},
	{"annotations", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_annotations,
	 "Sidecar annotation file for the plugin (repeatable)", "FILE"},
	{"format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
	 "Output format: text (default), json or sarif", "FORMAT"},
	{"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
	 "Write the report to FILE instead of standard output", "FILE"},
	{"baseline", 0, 0, G_OPTION_ARG_FILENAME, &opt_baseline,
	 "Do not report findings recorded in FILE", "FILE"},
	{"write-baseline", 0, 0, G_OPTION_ARG_FILENAME, &opt_write_baseline,
	 "Record today's findings in FILE, report nothing, exit 0", "FILE"},
	{"jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
	 "Run N clang processes at once (default: the number of processors)", "N"},
	{"cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_cache_dir,
	 "Keep facts in DIR (default: BUILD_DIR/.lockwarden-cache, or "
	 ".lockwarden-cache without -p)", "DIR"},
	{"clang", 0, 0, G_OPTION_ARG_FILENAME, &opt_clang,
	 "Run this clang (default: " LW_CLANG_PATH ")", "PATH"},
	{"plugin", 0, 0, G_OPTION_ARG_FILENAME, &opt_plugin,
	 "Load this plugin (default: the one installed with lockwarden)", "PATH"},
	{"unit-time", 0, 0, G_OPTION_ARG_INT, &opt_unit_time,
	 "Stop a clang run after SECONDS and fail its unit (default: 60; 0: no limit)", "SECONDS"},
	{"unit-memory", 0, 0, G_OPTION_ARG_INT, &opt_unit_memory,
	 "Stop a clang run that uses more than MIB of memory and fail its unit "
	 "(default: 4096; 0: no limit)", "MIB"},
	{"print-plugin-path", 0, 0, G_OPTION_ARG_NONE, &opt_print_plugin_path,
	 "Print the plugin's path and exit", NULL},
	{"cflags", 0, 0, G_OPTION_ARG_NONE, &opt_cflags,
	 "Print the flags that run the plugin in a clang build, and exit", NULL},
	{"verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose,
	 "Say which files are analysed or cached, and the commands run", NULL},
	{"stats", 0, 0, G_OPTION_ARG_NONE, &opt_stats,
	 "Print the time of each step and the link step's memory on standard error (for benchmarks)", NULL},
	{"version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
	 "Print the version and exit", NULL},
	{NULL, 0, 0, 0, NULL, NULL, NULL},
};

static const char description[] =
	"With -p, every translation unit of the compilation database is analysed\n"
	"and linked; FILEs, if given, only select whose findings are shown.\n"
	"Without -p, each FILE is compiled as 'clang FLAGS FILE'.\n"
	"\n"
	"Exit status: 0 no findings, 1 findings, 2 bad usage or configuration,\n"
	"or files that could not be analysed.  See docs/driver.md.";

static void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("lockwarden: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static _Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("lockwarden: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* ---- where the plugin and the header are -------------------------------- */

struct paths {
	char *plugin;  /* the plugin */
	char *include; /* the directory of lockwarden.h */
};

/* The build tree's binary uses the build tree's plugin; any other copy is
 * an installed one, found relative to itself (<prefix>/bin/lockwarden) so
 * that `cmake --install --prefix` anywhere works. */
static struct paths find_paths(void)
{
	struct paths p = {NULL, NULL};
	char *self = realpath("/proc/self/exe", NULL);
	char *build = realpath(LW_BUILD_EXE, NULL);
	if (self && build && !strcmp(self, build)) {
		p.plugin = g_strdup(LW_BUILD_PLUGIN);
		p.include = g_strdup(LW_BUILD_INCLUDE);
	} else {
		char *prefix = NULL;
		if (self) {
			char *bin = g_path_get_dirname(self);
			prefix = g_path_get_dirname(bin);
			g_free(bin);
		}
		char *plugin = prefix ? g_build_filename(prefix, LW_INSTALL_PLUGIN, NULL) : NULL;
		char *include = prefix ? g_build_filename(prefix, LW_INSTALL_INCLUDE, NULL) : NULL;
		if (plugin && access(plugin, R_OK) == 0) {
			p.plugin = plugin;
			p.include = include;
		} else {
			g_free(plugin);
			g_free(include);
			p.plugin = g_build_filename(LW_INSTALL_PREFIX, LW_INSTALL_PLUGIN, NULL);
			p.include = g_build_filename(LW_INSTALL_PREFIX, LW_INSTALL_INCLUDE, NULL);
		}
		g_free(prefix);
	}
	free(self);
	free(build);
	if (opt_plugin) {
		g_free(p.plugin);
		p.plugin = lw_path_absolute(NULL, opt_plugin);
	}
	return p;
}

/* ---- command line ------------------------------------------------------- */

/* GOption reads "-j4" as "-j" followed by the next argument; split the
 * attached spelling of the short options that take a value. */
static int takes_value(const char *arg)
{
	for (const GOptionEntry *e = entries; e->long_name; e++) {
		if (e->arg == G_OPTION_ARG_NONE)
			continue;
		if (arg[0] == '-' && arg[1] == '-' && !strcmp(arg + 2, e->long_name))
			return 1;
		if (e->short_name && arg[0] == '-' && arg[1] == e->short_name && !arg[2])
			return 1;
	}
	return 0;
}

static char **split_short(int argc, char **argv)
{
	GPtrArray *a = g_ptr_array_new();
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		/* Not a value of the option before it (--blocking -process). */
		if (i > 1 && takes_value(argv[i - 1])) {
			g_ptr_array_add(a, g_strdup(s));
			continue;
		}
		if (i > 0 && s[0] == '-' && s[1] && strchr("pjo", s[1]) && s[2]) {
			g_ptr_array_add(a, g_strndup(s, 2));
			g_ptr_array_add(a, g_strdup(s + 2));
		} else {
			g_ptr_array_add(a, g_strdup(s));
		}
	}
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static int needs_quotes(const char *s)
{
	if (!*s)
		return 1;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && !strchr("_./=,:+@%-", *s))
			return 1;
	return 0;
}

static void print_command(const char *shown, const char *dir, char **argv)
{
	GString *s = g_string_new("");
	char *qdir = g_shell_quote(dir);
	g_string_append_printf(s, "lockwarden: %s: cd %s &&", shown,
			       needs_quotes(dir) ? qdir : dir);
	g_free(qdir);
	for (char **a = argv; *a; a++) {
		g_string_append_c(s, ' ');
		if (needs_quotes(*a)) {
			char *q = g_shell_quote(*a);
			g_string_append(s, q);
			g_free(q);
		} else {
			g_string_append(s, *a);
		}
	}
	fprintf(stderr, "%s\n", s->str);
	g_string_free(s, TRUE);
}

/* ---- progress ----------------------------------------------------------- */

struct progress {
	unsigned base, total;
	int width; /* of the last line printed */
};

static void show_progress(void *ctx, unsigned done, unsigned failed)
{
	struct progress *p = ctx;
	p->width = fprintf(stderr, "\r[%u/%u] files, %u failed", p->base + done, p->total, failed);
	fflush(stderr);
}

static void clear_progress(struct progress *p)
{
	if (p->width > 0)
		fprintf(stderr, "\r%*s\r", p->width, "");
	p->width = 0;
}

/* ---- findings ----------------------------------------------------------- */

struct collect {
	struct lw_program *prog;
	struct lw_findings *fs;
	GHashTable *shown;  /* file id -> name as shown */
	GHashTable *filter; /* absolute paths whose findings are shown; NULL: all */
	struct lw_track_stats *track; /* filled once the analysis is done */
};

static const char *file_shown(void *ctx, uint32_t file)
{
	struct collect *c = ctx;
	gpointer key = GUINT_TO_POINTER(file + 1);
	const char *s = g_hash_table_lookup(c->shown, key);
	if (!s) {
		const char *name = lw_program_file_name(c->prog, file);
		char *v;
		if (!name || !*name) {
			v = g_strdup("<unknown>");
		} else if (g_path_is_absolute(name)) {
			char *abs = lw_path_absolute(NULL, name);
			v = lw_path_show(abs);
			g_free(abs);
		} else {
			v = g_strdup(name);
		}
		g_hash_table_insert(c->shown, key, v);
		s = v;
	}
	return s;
}

static int in_filter(struct collect *c, uint32_t file)
{
	const char *name = lw_program_file_name(c->prog, file);
	if (!name)
		return 0;
	char *abs = lw_path_absolute(NULL, name);
	int in = g_hash_table_contains(c->filter, abs);
	if (!in) {
		char *real = realpath(abs, NULL);
		in = real && g_hash_table_contains(c->filter, real);
		free(real);
	}
	g_free(abs);
	return in;
}

static void collect(void *ctx, const struct lw_diag *d)
{
	struct collect *c = ctx;
	if (c->filter && !in_filter(c, d->loc.file))
		return;
	lw_findings_add(c->fs, d, file_shown, c);
}

/* ---- the run ------------------------------------------------------------ */

/* A line of clang's output, with the current directory taken off the
 * front of its file name, as lockwarden shows paths. */
static void print_clang_line(const char *line)
{
	static char *cwd;
	if (!cwd)
		cwd = g_get_current_dir();
	size_t n = strlen(cwd);
	if (n > 1 && !strncmp(line, cwd, n) && line[n] == '/')
		line += n + 1;
	fprintf(stderr, "%s\n", line);
}

/* Prints why a unit failed: clang's error lines (all its output with -v). */
static void report_failure(const struct lw_job *j)
{
	if (j->timed_out)
		error("%s: could not be analysed (clang did not finish within %d s; "
		      "--unit-time sets the limit)", j->unit->shown, opt_unit_time);
	else if (j->out_of_memory)
		error("%s: could not be analysed (clang used more than %d MiB of memory; "
		      "--unit-memory sets the limit)", j->unit->shown, opt_unit_memory);
	else if (j->signal)
		error("%s: could not be analysed (clang was killed by signal %d)",
		      j->unit->shown, j->signal);
	else
		error("%s: could not be analysed (clang exited with %d)", j->unit->shown,
		      j->exit_code);
	if (!j->output || !*j->output)
		return;
	if (opt_verbose) {
		fputs(j->output, stderr);
		if (j->output[strlen(j->output) - 1] != '\n')
			fputc('\n', stderr);
		return;
	}
	enum { MAX_LINES = 5 };
	char **lines = g_strsplit(j->output, "\n", -1);
	unsigned shown = 0, more = 0;
	for (char **l = lines; *l; l++) {
		if (!strstr(*l, "error:"))
			continue;
		if (shown < MAX_LINES) {
			print_clang_line(*l);
			shown++;
		} else {
			more++;
		}
	}
	if (!shown) /* no error line: a crash, a missing program; say what came */
		for (char **l = lines; *l && shown < MAX_LINES; l++)
			if (**l) {
				print_clang_line(*l);
				shown++;
			}
	if (more)
		fprintf(stderr, "lockwarden: note: %s: %u more error lines (-v shows all)\n",
			j->unit->shown, more);
	g_strfreev(lines);
}

static int is_source_name(const char *f)
{
	const char *dot = strrchr(f, '.');
	return dot && (!strcmp(dot, ".c") || !strcmp(dot, ".cc") || !strcmp(dot, ".cpp") ||
		       !strcmp(dot, ".cxx") || !strcmp(dot, ".m"));
}

/* Everything one run knows, phase by phase. */
struct run {
	/* the command line */
	char **files; /* FILE arguments, NULL-terminated */
	unsigned nfiles;
	char **flags; /* after "--", or NULL */
	unsigned nflags;
	int dashdash;
	/* configuration */
	struct paths paths;
	char *clang;
	const char *format;
	unsigned jobs;
	struct lw_options options;
	struct lw_sidecar **sidecars;
	unsigned nsidecars;
	/* the units, and what happened to each */
	struct lw_units units;
	GHashTable *filter; /* absolute paths whose findings are shown, or NULL */
	char *cache_dir;
	struct lw_cache *cache;
	char **entry;  /* per unit: its cache entry */
	int *failed;   /* per unit */
	int *cached;   /* per unit: answered by the cache */
	unsigned nfailed;
	struct lw_job *jobs_run;
	unsigned nrun;
	/* the program */
	struct lw_program *prog;
	struct lw_findings findings;
	GHashTable *shown; /* file id -> name as shown */
	struct lw_track_stats track; /* where the analysis lost precision */
};

/* Options into the opt_* variables; the rest into r. */
static void parse_command_line(struct run *r, int argc, char **argv)
{
	/* "--" ends the options; what follows are compile flags. */
	int dd = 0;
	for (int i = 1; i < argc && !dd; i++)
		if (!strcmp(argv[i], "--"))
			dd = i;
	r->dashdash = dd > 0;
	r->flags = dd ? argv + dd + 1 : NULL;
	r->nflags = dd ? (unsigned)(argc - dd - 1) : 0;

	char **args = split_short(dd ? dd : argc, argv);
	GOptionContext *ctx = g_option_context_new("[FILE…] [-- FLAGS…]");
	g_option_context_set_summary(ctx,
		"Check lock discipline over a whole C program, from its compilation\n"
		"database (-p BUILD_DIR) or from FILEs and compile FLAGS.");
	/* The checks, from their table (checks.def). */
	GString *desc = g_string_new("Checks (--checks; docs/checks.md):\n");
	for (int c = 0; c < LW_CHECK__COUNT; c++)
		g_string_append_printf(desc, "  %-18s %s\n", lw_check_name(c),
				       lw_check_info(c)->short_desc);
	g_string_append_printf(desc, "\n%s", description);
	g_option_context_set_description(ctx, desc->str);
	g_string_free(desc, TRUE);
	g_option_context_add_main_entries(ctx, entries, NULL);
	GError *gerr = NULL;
	if (!g_option_context_parse_strv(ctx, &args, &gerr)) {
		error("%s", gerr->message);
		fprintf(stderr, "lockwarden: note: 'lockwarden --help' lists the options\n");
		g_error_free(gerr);
		g_strfreev(args);
		g_option_context_free(ctx);
		exit(2);
	}
	g_option_context_free(ctx);
	/* args[0] is the program; GOption left the FILEs after it. */
	r->nfiles = g_strv_length(args) - 1;
	r->files = g_new0(char *, r->nfiles + 1);
	for (unsigned i = 0; i < r->nfiles; i++)
		r->files[i] = g_strdup(args[i + 1]);
	g_strfreev(args);
}

/* Everything that can be wrong before anything runs: exit 2 if it is. */
static void configure(struct run *r)
{
	char err[1024];
	r->format = opt_format ? opt_format : "text";
	if (strcmp(r->format, "text") && strcmp(r->format, "json") && strcmp(r->format, "sarif"))
		die("unknown output format '%s' (known: text, json, sarif)", r->format);
	if (opt_jobs != JOBS_UNSET && opt_jobs < 1)
		die("-j needs a number of jobs of at least 1, not %d", opt_jobs);
	if (opt_unit_time < 0)
		die("--unit-time needs a number of seconds (0 for no limit), not %d", opt_unit_time);
	if (opt_unit_memory < 0)
		die("--unit-memory needs a number of MiB (0 for no limit), not %d", opt_unit_memory);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	r->jobs = opt_jobs != JOBS_UNSET ? (unsigned)opt_jobs : ncpu > 0 ? (unsigned)ncpu : 1;

	/* Sidecars first, so that the command line has the last word on
	 * blocking categories; the plugin reads them again for the facts. */
	lw_options_init(&r->options);
	r->nsidecars = opt_annotations ? g_strv_length(opt_annotations) : 0;
	r->sidecars = g_new0(struct lw_sidecar *, r->nsidecars + 1);
	for (unsigned k = 0; k < r->nsidecars; k++) {
		/* Every clang run reads it again: a pipe (<(...)) or a FIFO
		 * would be empty, or block, after the first reader. */
		struct stat st;
		if (stat(opt_annotations[k], &st) == 0 && !S_ISREG(st.st_mode))
			die("%s: not a regular file (each clang run reads the sidecar again)",
			    opt_annotations[k]);
		if (lw_sidecar_load(opt_annotations[k], &r->sidecars[k], err, sizeof(err)) != 0)
			die("%s", err);
		lw_sidecar_apply_options(r->sidecars[k], &r->options);
	}
	if (opt_checks && lw_options_set(&r->options, "checks", opt_checks, err, sizeof(err)))
		die("%s", err);
	if (opt_blocking &&
	    lw_options_set(&r->options, "blocking", opt_blocking, err, sizeof(err)))
		die("%s", err);

	if (opt_baseline && opt_write_baseline)
		die("--baseline and --write-baseline do not go together (the new baseline "
		    "records every finding)");
	if (opt_baseline && access(opt_baseline, R_OK) != 0)
		die("%s: %s", opt_baseline, g_strerror(errno));
	if (access(r->paths.plugin, R_OK) != 0)
		die("%s: %s (the plugin is not where it was installed; see --plugin)",
		    r->paths.plugin, g_strerror(errno));
	r->clang = g_strdup(opt_clang ? opt_clang : LW_CLANG_PATH);
	if (!strchr(r->clang, '/')) {
		char *found = g_find_program_in_path(r->clang);
		if (!found)
			die("%s: not found in PATH", r->clang);
		g_free(r->clang);
		r->clang = found;
	}
}

/* The units: the database's, or FILE... -- FLAGS. */
static void load_units(struct run *r)
{
	char err[1024];
	/* A directory or a device named as FILE would match no finding (with
	 * -p) or make no unit (without): the run would pass without a word. */
	for (unsigned i = 0; i < r->nfiles; i++) {
		struct stat st;
		if (stat(r->files[i], &st) != 0)
			die("%s: %s", r->files[i], g_strerror(errno));
		if (S_ISDIR(st.st_mode))
			die("%s: a directory, not a file (name the files%s)", r->files[i],
			    opt_build_dir ? " whose findings to show" : " to analyse");
		if (!S_ISREG(st.st_mode))
			die("%s: not a regular file", r->files[i]);
	}
	if (!opt_build_dir) {
		if (!r->dashdash)
			die("no compilation database: give -p BUILD_DIR, or FILE... -- FLAGS "
			    "(flags may be empty)");
		if (!r->nfiles)
			die("no files to analyse: FILE... -- FLAGS");
		lw_compdb_fixed(r->files, r->nfiles, r->flags, r->nflags, &r->units);
		r->cache_dir = g_strdup(opt_cache_dir ? opt_cache_dir : ".lockwarden-cache");
		return;
	}

	if (lw_compdb_load(opt_build_dir, r->flags, r->nflags, &r->units, err, sizeof(err)))
		die("%s", err);
	r->cache_dir = opt_cache_dir ? g_strdup(opt_cache_dir)
				     : g_build_filename(opt_build_dir, ".lockwarden-cache", NULL);
	if (!r->nfiles)
		return;
	/* Named files select the findings shown; the whole database is still
	 * analysed, since calls cross files. */
	r->filter = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *in_db = g_hash_table_new(g_str_hash, g_str_equal);
	for (unsigned i = 0; i < r->units.n; i++)
		g_hash_table_add(in_db, r->units.items[i].file);
	for (unsigned i = 0; i < r->nfiles; i++) {
		char *abs = lw_path_absolute(NULL, r->files[i]);
		char *real = realpath(abs, NULL);
		if (!g_hash_table_contains(in_db, abs) && is_source_name(abs))
			fprintf(stderr,
				"lockwarden: note: %s: not in %s/compile_commands.json; "
				"only findings located in it are shown\n",
				r->files[i], opt_build_dir);
		if (real)
			g_hash_table_add(r->filter, g_strdup(real));
		g_hash_table_add(r->filter, abs);
		free(real);
	}
	g_hash_table_destroy(in_db);
}

/*
 * A flag that only turns warnings on or into errors: -Wall, -Wshadow,
 * -Wframe-larger-than=4096, -Werror=format.  Under -w (below) none of them
 * changes anything, yet clang spends about 20 ms a unit on a GCC project's
 * list of them, looking up near misses for each name it does not know.
 * -Wno-* stays (it can silence an error-by-default diagnostic such as
 * implicit-function-declaration, which -w leaves alone), and so do the
 * pass-through flags -Wp, -Wa and -Wl.
 */
static int warning_enabler(const char *arg)
{
	if (arg[0] != '-' || arg[1] != 'W')
		return 0;
	if (g_str_has_prefix(arg, "-Wno-") || g_str_has_prefix(arg, "-Wp,") ||
	    g_str_has_prefix(arg, "-Wa,") || g_str_has_prefix(arg, "-Wl,"))
		return 0;
	return 1;
}

/* The clang command that writes u's facts to entry. */
static char **clang_command(const struct run *r, const struct lw_unit *u, const char *entry)
{
	GPtrArray *a = g_ptr_array_new();
	g_ptr_array_add(a, g_strdup(r->clang));
	g_ptr_array_add(a, g_strdup("-fsyntax-only"));
	g_ptr_array_add(a, g_strdup_printf("-fplugin=%s", r->paths.plugin));
	g_ptr_array_add(a, g_strdup_printf("-fplugin-arg-lockwarden-facts=%s", entry));
	for (unsigned k = 0; k < r->nsidecars; k++) {
		char *abs = lw_path_absolute(NULL, opt_annotations[k]);
		g_ptr_array_add(a, g_strdup_printf("-fplugin-arg-lockwarden-annotations=%s", abs));
		g_free(abs);
	}
	char **args = lw_unit_clang_args(u);
	for (char **x = args; *x; x++) {
		/* Not the value of -Xclang and its kin. */
		if (warning_enabler(*x) && !(x > args && g_str_has_prefix(x[-1], "-X")))
			g_free(*x);
		else
			g_ptr_array_add(a, *x);
	}
	g_free(args);
	/* -Werror is for the project's compiler: a warning only clang gives
	 * must not stop the analysis. */
	g_ptr_array_add(a, g_strdup("-Wno-error"));
	/* In facts mode the plugin reports nothing itself (bad annotations
	 * are errors, kept in the facts) and clang's own warnings are not
	 * shown: computing them is wasted time. */
	g_ptr_array_add(a, g_strdup("-w"));
	/* The project may force colours (meson: -fdiagnostics-color=always);
	 * clang's output is read back here, so none. */
	g_ptr_array_add(a, g_strdup("-fno-color-diagnostics"));
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static void schedule(struct run *r, unsigned i);

/* Which units the cache answers, and the clang jobs for the others. */
static void plan(struct run *r)
{
	char err[1024];
	r->cache = lw_cache_open(r->cache_dir, r->paths.plugin, r->clang, opt_annotations,
				 r->nsidecars, err, sizeof(err));
	if (!r->cache)
		die("%s", err);
	r->entry = g_new0(char *, r->units.n);
	r->failed = g_new0(int, r->units.n);
	r->cached = g_new0(int, r->units.n);
	r->jobs_run = g_new0(struct lw_job, r->units.n);
	for (unsigned i = 0; i < r->units.n; i++) {
		const struct lw_unit *u = &r->units.items[i];
		/* A FIFO or a device where a source file should be would hang
		 * clang or feed it without end: not run at all. */
		struct stat st;
		if (stat(u->file, &st) == 0 && !S_ISREG(st.st_mode)) {
			error("%s: could not be analysed (not a regular file)", u->shown);
			r->failed[i] = 1;
			r->nfailed++;
			continue;
		}
		r->entry[i] = lw_cache_entry(r->cache, u);
		if (lw_cache_valid(r->cache, u, r->entry[i])) {
			if (opt_verbose)
				fprintf(stderr, "lockwarden: cached %s\n", u->shown);
			r->cached[i] = 1;
			continue;
		}
		schedule(r, i);
	}
}

/* Unit i is parsed by clang: a job for it. */
static void schedule(struct run *r, unsigned i)
{
	const struct lw_unit *u = &r->units.items[i];
	if (opt_verbose)
		fprintf(stderr, "lockwarden: analysing %s\n", u->shown);
	/* A stale entry must not pass for this run's facts. */
	unlink(r->entry[i]);
	r->cached[i] = 0;
	struct lw_job *j = &r->jobs_run[r->nrun++];
	j->unit = u;
	j->facts = r->entry[i];
	j->argv = clang_command(r, u, r->entry[i]);
	if (opt_verbose)
		print_command(u->shown, u->dir, j->argv);
}

/*
 * One note per set of dropped flags, naming its first unit: a GCC
 * project passes the same flags to every file, and a note per file would
 * bury everything else.  -v gives the note per file, with the command.
 */
static void note_dropped_flags(const struct run *r, unsigned from)
{
	GPtrArray *lists = g_ptr_array_new_with_free_func(g_free);
	GArray *first = g_array_new(FALSE, FALSE, sizeof(unsigned));
	GArray *count = g_array_new(FALSE, FALSE, sizeof(unsigned));
	for (unsigned k = from; k < r->nrun; k++) {
		const struct lw_job *j = &r->jobs_run[k];
		if (!j->dropped)
			continue;
		char *list = g_strjoinv(" ", j->dropped);
		guint at;
		if (g_ptr_array_find_with_equal_func(lists, list, g_str_equal, &at)) {
			g_array_index(count, unsigned, at)++;
			g_free(list);
			continue;
		}
		unsigned one = 1;
		g_ptr_array_add(lists, list);
		g_array_append_val(first, k);
		g_array_append_val(count, one);
	}
	for (guint n = 0; n < lists->len; n++) {
		const char *shown = r->jobs_run[g_array_index(first, unsigned, n)].unit->shown;
		unsigned others = g_array_index(count, unsigned, n) - 1;
		if (others)
			fprintf(stderr,
				"lockwarden: note: %s and %u other file%s: dropped flags clang "
				"does not know: %s\n",
				shown, others, others == 1 ? "" : "s", (char *)lists->pdata[n]);
		else
			fprintf(stderr, "lockwarden: note: %s: dropped flags clang does not know: %s\n",
				shown, (char *)lists->pdata[n]);
	}
	g_ptr_array_free(lists, TRUE);
	g_array_free(first, TRUE);
	g_array_free(count, TRUE);
}

/*
 * The plugin loads only into the clang of its own LLVM version; another
 * clang fails every unit without saying why (it crashes loading the
 * plugin: "exited with 139").  So the clang is asked its version once,
 * before its first run.  A clang that does not answer is left to its runs.
 */
static void check_clang_version(const struct run *r)
{
	static int checked;
	if (checked)
		return;
	checked = 1;
	char *argv[] = {r->clang, (char *)"-dumpversion", NULL};
	gchar *out = NULL;
	gint status = 0;
	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
			  &status, NULL))
		return;
	char *end = out;
	long major = out ? strtol(out, &end, 10) : 0;
	int known = end != out && g_spawn_check_wait_status(status, NULL);
	g_free(out);
	if (known && major != strtol(LW_LLVM_MAJOR, NULL, 10))
		die("%s is clang %ld, but the plugin %s is built for clang %s: give --clang a "
		    "clang %s, or use a lockwarden built for clang %ld", r->clang, major,
		    r->paths.plugin, LW_LLVM_MAJOR, LW_LLVM_MAJOR, major);
}

/* Runs the jobs from the first'th on, then says what happened, in the
 * units' order. */
static void execute(struct run *r, unsigned first)
{
	unsigned n = r->nrun - first;
	struct progress prog = {r->units.n - n, r->units.n, 0};
	struct lw_run_opts ro = {r->jobs, (unsigned)opt_unit_time, (unsigned long)opt_unit_memory,
				 NULL, &prog};
	if (n)
		check_clang_version(r);
	if (n && !opt_verbose && isatty(2)) {
		ro.progress = show_progress;
		show_progress(&prog, 0, 0);
	}
	lw_run_jobs(r->jobs_run + first, n, &ro);
	clear_progress(&prog);

	if (!opt_verbose)
		note_dropped_flags(r, first);
	for (unsigned k = first; k < r->nrun; k++) {
		const struct lw_job *j = &r->jobs_run[k];
		unsigned i = (unsigned)(j->unit - r->units.items);
		if (j->dropped && opt_verbose) {
			char *list = g_strjoinv(" ", j->dropped);
			fprintf(stderr,
				"lockwarden: note: %s: dropped flags clang does not know: %s\n",
				j->unit->shown, list);
			g_free(list);
			print_command(j->unit->shown, j->unit->dir, j->argv);
		}
		if (j->exit_code != 0 || j->signal) {
			report_failure(j);
			r->failed[i] = 1;
			r->nfailed++;
		} else if (opt_verbose && j->output && *j->output) {
			fputs(j->output, stderr);
		}
	}
}

/* Reads every unit's facts into a new program, in the database's order.
 * A unit whose facts cannot be read fails, unless they came from the
 * cache and again is set: then it is added to again, to be parsed anew. */
static void read_facts(struct run *r, GArray *again)
{
	char err[1024];
	r->prog = lw_program_new();
	for (unsigned i = 0; i < r->units.n; i++) {
		const struct lw_unit *u = &r->units.items[i];
		if (r->failed[i])
			continue;
		int ok = 0;
		if (access(r->entry[i], F_OK) != 0)
			snprintf(err, sizeof(err), "%s: %s", r->entry[i], g_strerror(errno));
		else
			ok = lw_program_add_facts(r->prog, r->entry[i], err, sizeof(err)) == 0;
		if (ok)
			continue;
		if (again && r->cached[i]) {
			fprintf(stderr, "lockwarden: note: %s: its cached facts could not be read "
				"(%s); analysing it again\n", u->shown, err);
			g_array_append_val(again, i);
			continue;
		}
		if (access(r->entry[i], F_OK) != 0)
			/* clang succeeded but the plugin did not run, or
			 * not in facts mode: a plugin for another clang? */
			error("%s: could not be analysed (clang wrote no facts: is %s the plugin "
			      "for %s?)", u->shown, r->paths.plugin, r->clang);
		else
			error("%s: could not be analysed (facts: %s)", u->shown, err);
		r->failed[i] = 1;
		r->nfailed++;
	}
}

/*
 * An unscoped sidecar global that names the file-static globals of several
 * files annotates each of them: every file's own 'lock' becomes, say, a
 * driver lock.  That is rarely meant, so it is said, with the files, and
 * how to scope the entry (docs/sidecar.md).
 */
static void warn_static_spread(const struct lw_sidecar *sc, uint32_t e,
			       const struct lw_program *prog)
{
	enum { SHOWN = 3 };
	const char *files[SHOWN];
	if (lw_sidecar_entry_target(sc, e) != LW_SIDECAR_GLOBAL)
		return;
	const char *key = lw_sidecar_entry_key(sc, e);
	unsigned n = lw_program_sidecar_statics(prog, key, files, SHOWN);
	if (n < 2)
		return;
	GString *list = g_string_new(NULL);
	for (unsigned i = 0; i < n && i < SHOWN; i++) {
		char *shown = lw_path_show(files[i]);
		char *q = lw_output_escape(shown);
		g_string_append_printf(list, "%s'%s'", i ? ", " : "", q);
		g_free(q);
		g_free(shown);
	}
	if (n > SHOWN)
		g_string_append_printf(list, " and %u more", n - SHOWN);
	char *q = lw_output_escape(key);
	fprintf(stderr, "lockwarden: warning: %s:%u: '%s' matches file-static globals of %u "
		"files (%s); give it a 'file:' to say which\n",
		lw_sidecar_path(sc), lw_sidecar_entry_line(sc, e), q, n, list->str);
	g_free(q);
	g_string_free(list, TRUE);
}

/*
 * Every unit's facts into one program.  The cache's check before the run
 * reads no more than a facts file's checksum, so a cached entry can still
 * fail here (removed by another run meanwhile, or refused by a reader
 * newer than its writer): such units are parsed again and the program
 * is read anew, once.  A freshly written entry that cannot be read fails
 * its unit.
 */
static void link_program(struct run *r)
{
	GArray *again = g_array_new(FALSE, FALSE, sizeof(unsigned));
	read_facts(r, again);
	if (again->len) {
		/* A unit that failed part-way may have left declarations in
		 * the program: it is read again from the start. */
		lw_program_free(r->prog);
		r->prog = NULL;
		unsigned first = r->nrun;
		for (guint k = 0; k < again->len; k++)
			schedule(r, g_array_index(again, unsigned, k));
		execute(r, first);
		read_facts(r, NULL);
	}
	g_array_free(again, TRUE);

	/* Sidecar entries that name nothing are likely typos; only the
	 * complete program can tell.  A long list is cut: a generated
	 * sidecar that matches nothing would otherwise bury the report. */
	enum { MAX_UNMATCHED = 10 };
	for (unsigned k = 0; k < r->nsidecars && !r->nfailed; k++) {
		unsigned shown = 0, more = 0;
		for (uint32_t e = 0; e < lw_sidecar_nentries(r->sidecars[k]); e++) {
			const char *key = lw_sidecar_entry_key(r->sidecars[k], e);
			warn_static_spread(r->sidecars[k], e, r->prog);
			if (lw_program_sidecar_matched(r->prog, key))
				continue;
			if (shown++ >= MAX_UNMATCHED) {
				more++;
				continue;
			}
			char *q = lw_output_escape(key);
			fprintf(stderr, "lockwarden: warning: %s:%u: '%s' matches nothing in the program\n",
				lw_sidecar_path(r->sidecars[k]), lw_sidecar_entry_line(r->sidecars[k], e), q);
			g_free(q);
		}
		if (more)
			fprintf(stderr, "lockwarden: warning: %s: ... and %u more entr%s that match "
				"nothing in the program\n", lw_sidecar_path(r->sidecars[k]), more,
				more == 1 ? "y" : "ies");
	}
}

/* The temporary report being written, for the signal handler. */
static char report_tmp[PATH_MAX];

static void remove_report_tmp(int sig)
{
	unlink(report_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * -o FILE is written as --write-baseline is: into a temporary file in
 * FILE's folder, renamed over FILE when complete, so that a full disk, a
 * file size limit, a SIGINT or a second run writing the same FILE never
 * leaves a cut-off or mixed report (the previous one stays).  Its mode is
 * the previous file's, or 0666 less the umask.  A symbolic link is
 * followed (the link stays); a FILE that exists and is not a regular file
 * (a FIFO, a terminal, /dev/null) has nothing to replace and is written in
 * place.  Returns the stream; *tmp is the temporary file, or NULL.
 */
static FILE *open_report(const char *path, char **tmp, char **target)
{
	*tmp = NULL;
	/* Link by link, not realpath(): the link may point to a file that
	 * does not exist yet. */
	*target = g_strdup(path);
	struct stat lst;
	for (int hops = 0; hops < 40 && lstat(*target, &lst) == 0 && S_ISLNK(lst.st_mode); hops++) {
		char *to = g_file_read_link(*target, NULL);
		if (!to)
			break;
		if (!g_path_is_absolute(to)) {
			char *dir = g_path_get_dirname(*target);
			char *joined = g_build_filename(dir, to, NULL);
			g_free(dir);
			g_free(to);
			to = joined;
		}
		g_free(*target);
		*target = to;
	}
	struct stat st;
	int exists = stat(*target, &st) == 0;
	if (exists && !S_ISREG(st.st_mode))
		return fopen(*target, "w");
	char *dir = g_path_get_dirname(*target), *base = g_path_get_basename(*target);
	*tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	int fd = g_mkstemp_full(*tmp, O_WRONLY | O_CLOEXEC, 0666);
	if (fd < 0)
		return NULL;
	if (strlen(*tmp) < sizeof(report_tmp))
		memcpy(report_tmp, *tmp, strlen(*tmp) + 1);
	if (exists)
		(void)!fchmod(fd, st.st_mode & 07777);
	else {
		mode_t um = umask(0);
		umask(um);
		(void)!fchmod(fd, 0666 & ~um);
	}
	return fdopen(fd, "w");
}

static void write_report(const struct run *r)
{
	FILE *out = stdout;
	char *tmp = NULL, *target = NULL;
	/* A file size limit makes write() fail (EFBIG) instead of killing
	 * lockwarden half-way; a stop signal removes the temporary file. */
	signal(SIGXFSZ, SIG_IGN);
	static const int stops[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		struct sigaction sa;
		if (sigaction(stops[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
			signal(stops[i], remove_report_tmp);
	}
	if (opt_output && !(out = open_report(opt_output, &tmp, &target)))
		die("%s: %s", opt_output, g_strerror(errno));
	int colour = !opt_output && isatty(1) && !getenv("NO_COLOR") &&
		     g_strcmp0(getenv("TERM"), "dumb") != 0;
	int rc;
	errno = 0;
	if (!strcmp(r->format, "json"))
		rc = lw_output_json(out, &r->findings, LW_VERSION);
	else if (!strcmp(r->format, "sarif"))
		rc = lw_output_sarif(out, &r->findings, LW_VERSION);
	else
		rc = lw_output_text(out, &r->findings, colour);
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	if (tmp && rc == 0 && fsync(fileno(out)) != 0)
		rc = -1;
	int e = errno ? errno : EIO;
	if (out != stdout && fclose(out) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && tmp && rename(tmp, target) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		if (tmp)
			unlink(tmp);
		die("%s: %s%s", opt_output ? opt_output : "standard output", g_strerror(e),
		    tmp ? " (the report was not written; a previous one is unchanged)" : "");
	}
	report_tmp[0] = 0;
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		struct sigaction sa;
		if (sigaction(stops[i], NULL, &sa) == 0 && sa.sa_handler == remove_report_tmp)
			signal(stops[i], SIG_DFL);
	}
	g_free(tmp);
	g_free(target);
}

static void keep_stats(void *ctx, const struct lw_track_stats *st)
{
	*((struct collect *)ctx)->track = *st;
}

/* --stats: where the analysis lost precision (capacity.h), one line. */
static void print_precision(const struct lw_track_stats *st)
{
	GString *s = g_string_new("");
	for (int l = 0; l < LW_LIMIT__COUNT; l++)
		if (st->limit_hits[l])
			g_string_append_printf(s, "%s%s (%lu) in %u", s->len ? ", " : "",
					       lw_limit_what((enum lw_limit)l),
					       lw_limit_value((enum lw_limit)l), st->limit_hits[l]);
	fprintf(stderr, "lockwarden: precision: %u functions analysed; limits reached: %s; "
		"constructs not lowered: %u; calls through pointers: %u, %u resolved "
		"(largest set %u, %.1f functions a call on average)\n",
		st->functions, s->len ? s->str : "none", st->unknown_events, st->indirect,
		st->indirect_resolved, st->indirect_largest,
		st->indirect_resolved ? (double)st->indirect_targets / st->indirect_resolved : 0.0);
	g_string_free(s, TRUE);
}

static unsigned count(const int *flags, unsigned n)
{
	unsigned c = 0;
	for (unsigned i = 0; i < n; i++)
		c += flags[i] != 0;
	return c;
}

/* Analyses, filters and reports; returns the exit status. */
static int report(struct run *r)
{
	char err[1024];
	r->shown = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	struct collect col = {r->prog, &r->findings, r->shown, r->filter, &r->track};
	struct lw_diag_sink sink = {collect, &col, keep_stats};
	lw_program_analyze(r->prog, &r->options, &sink);

	GString *summary = g_string_new("");
	g_string_append_printf(summary, "lockwarden: %u file%s (%u from the cache), %u failed; ",
			       r->units.n, r->units.n == 1 ? "" : "s", count(r->cached, r->units.n),
			       r->nfailed);
	int status = r->nfailed ? 2 : 0;
	unsigned n = r->findings.n;
	if (opt_write_baseline) {
		if (lw_baseline_write(&r->findings, opt_write_baseline, err, sizeof(err)) != 0)
			die("%s", err);
		g_string_append_printf(summary, "%u finding%s recorded in %s", n,
				       n == 1 ? "" : "s", opt_write_baseline);
	} else {
		if (opt_baseline &&
		    lw_baseline_filter(&r->findings, opt_baseline, err, sizeof(err)) != 0)
			die("%s", err);
		write_report(r);
		if (!status && r->findings.n)
			status = 1;
		g_string_append_printf(summary, "%u finding%s", r->findings.n,
				       r->findings.n == 1 ? "" : "s");
		if (opt_baseline)
			g_string_append_printf(summary, " (%u accepted by the baseline)",
					       n - r->findings.n);
	}
	fprintf(stderr, "%s\n", summary->str);
	g_string_free(summary, TRUE);
	return status;
}

static void run_free(struct run *r)
{
	lw_findings_free(&r->findings);
	if (r->shown)
		g_hash_table_destroy(r->shown);
	if (r->filter)
		g_hash_table_destroy(r->filter);
	lw_program_free(r->prog);
	for (unsigned k = 0; k < r->nrun; k++)
		lw_job_clear(&r->jobs_run[k]);
	g_free(r->jobs_run);
	for (unsigned i = 0; i < r->units.n && r->entry; i++)
		g_free(r->entry[i]);
	g_free(r->entry);
	g_free(r->failed);
	g_free(r->cached);
	lw_cache_free(r->cache);
	g_free(r->cache_dir);
	lw_units_free(&r->units);
	for (unsigned k = 0; k < r->nsidecars; k++)
		lw_sidecar_free(r->sidecars[k]);
	g_free(r->sidecars);
	g_strfreev(r->files);
	g_free(r->paths.plugin);
	g_free(r->paths.include);
	g_free(r->clang);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	/* GLib's messages in the user's language; numbers always in C's. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");

	struct run r;
	memset(&r, 0, sizeof(r));
	parse_command_line(&r, argc, argv);
	r.paths = find_paths();

	if (opt_version) {
		printf("lockwarden %s (for clang %s)\n", LW_VERSION, LW_LLVM_MAJOR);
		run_free(&r);
		return 0;
	}
	if (opt_print_plugin_path || opt_cflags) {
		if (access(r.paths.plugin, R_OK) != 0)
			die("%s: %s (the plugin is not where it was installed)", r.paths.plugin,
			    g_strerror(errno));
		if (opt_print_plugin_path)
			printf("%s\n", r.paths.plugin);
		if (opt_cflags)
			printf("-fplugin=%s -I%s\n", r.paths.plugin, r.paths.include);
		run_free(&r);
		return 0;
	}

	/* Steps timed for --stats: the per-file runs and the link step (reading
	 * facts, analysis, report) are what the benchmarks compare. */
	double t0 = now_seconds();
	configure(&r);
	load_units(&r);
	plan(&r);
	double t1 = now_seconds();
	execute(&r, 0);
	double t2 = now_seconds();
	link_program(&r);
	double t3 = now_seconds();
	int status = report(&r);
	double t4 = now_seconds();
	if (opt_stats) {
		print_precision(&r.track);
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr,
			"lockwarden: stats: plan %.3f s, clang runs %.3f s (%u of %u files), "
			"link: read facts %.3f s, analyse and report %.3f s; %u functions, "
			"%.1f MiB of program data, peak RSS %.1f MiB\n",
			t1 - t0, t2 - t1, r.nrun, r.units.n, t3 - t2, t4 - t3,
			r.prog ? lw_program_nfuncs(r.prog) : 0,
			r.prog ? lw_program_memory(r.prog) / 1048576.0 : 0.0,
			ru.ru_maxrss / 1024.0);
	}
	run_free(&r);
	return status;
}
