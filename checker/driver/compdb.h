/*
 * compdb.h - the translation units to analyse, and the clang arguments for each.
 *
 * Units come from a compilation database (compile_commands.json, read with
 * libclang's CXCompilationDatabase) or from the command line (FILE... --
 * FLAGS, a fixed database like clang-tidy's).  Everything here is owned by
 * the struct lw_units and freed with it.
 */
#ifndef LW_DRIVER_COMPDB_H
#define LW_DRIVER_COMPDB_H

#include <stddef.h>

struct lw_unit {
	char *file;  /* absolute, normalised path of the main file */
	char *shown; /* file as messages show it (lw_path_show, lw_output_escape) */
	char *dir;   /* the directory the compiler ran in, absolute */
	char **argv; /* the whole compile command, argv[0] the compiler; NULL-terminated */
	unsigned argc;
};

struct lw_units {
	unsigned n, cap;
	struct lw_unit *items;
};

/*
 * Reads build_dir/compile_commands.json.  extra (nextra strings, may be 0)
 * are appended to every command.  The file is checked with jansson first,
 * so that a missing or malformed database is reported with what is wrong
 * ("<build_dir>/compile_commands.json: <what>" in err); libclang then reads
 * it.  Several commands for one file: the first wins.  Assembler files
 * (.s, .S, .sx, .asm) are left out.  Returns 0 or -1.
 */
int lw_compdb_load(const char *build_dir, char **extra, unsigned nextra,
		   struct lw_units *out, char *err, size_t errlen);

/* One unit per file, each compiled as "clang FLAGS FILE" in the current
 * directory. */
void lw_compdb_fixed(char **files, unsigned nfiles, char **flags, unsigned nflags,
		     struct lw_units *out);

void lw_units_free(struct lw_units *u);

/*
 * The arguments clang needs to parse u with -fsyntax-only: u's command
 * without the compiler name, the output (-o), the action (-c, -S, -E),
 * dependency-file flags (-M*, -Wp,-M*), other plugins (-fplugin*) and other
 * source files.  The main file stays where it was (after any -x), made
 * absolute, as are the directories of -I, -isystem, -iquote and -idirafter,
 * so that clang names every file absolutely; if the command did not name
 * the main file, it is appended.  Returns a NULL-terminated array
 * (g_strfreev).
 */
char **lw_unit_clang_args(const struct lw_unit *u);

/* Absolute and lexically normalised (no ".", "..", "//"); relative paths
 * are taken from dir.  g_free the result. */
char *lw_path_absolute(const char *dir, const char *path);
/* How a path is shown: relative to the current directory when under it,
 * else absolute.  g_free the result. */
char *lw_path_show(const char *path);

#endif /* LW_DRIVER_COMPDB_H */
