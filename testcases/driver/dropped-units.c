// Nothing is dropped without a word. A database entry with an empty or blank "command"
// among good ones is an error naming the entry (it used to be skipped, even under -v,
// and the run passed); so is a directory, /dev/null or a FIFO named as FILE (it used to
// match nothing, with or without -p, and the run passed or blamed the plugin); a
// database entry whose file is not a regular file fails its unit without running clang.
// RUN: rm -rf %t && split-file %s %t && cd %t
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' empty/cdb.in > empty/compile_commands.json
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' blank/cdb.in > blank/compile_commands.json
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' good/cdb.in > good/compile_commands.json
// RUN: sed 's|@DIR@|%t|g; s|@INC@|%lw_include|g' fifo/cdb.in > fifo/compile_commands.json
// RUN: mkfifo pipe
//
// RUN: %lockwarden -p empty -v > out 2> err; test $? -eq 2
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=EMPTY --match-full-lines %s < err
// EMPTY: lockwarden: error: empty/compile_commands.json: entry 2 has an empty "command"
// RUN: %lockwarden -p blank > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=BLANK --match-full-lines %s < err
// BLANK: lockwarden: error: blank/compile_commands.json: entry 1 has an empty "command"
//
// FILE that is not a file: with -p and without.
// RUN: %lockwarden -p good src > out 2> err; test $? -eq 2
// RUN: count 0 < out
// RUN: FileCheck --check-prefix=DIR-P --match-full-lines %s < err
// DIR-P: lockwarden: error: src: a directory, not a file (name the files whose findings to show)
// RUN: %lockwarden -p good /dev/null > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=DEVNULL --match-full-lines %s < err
// DEVNULL: lockwarden: error: /dev/null: not a regular file
// RUN: %lockwarden -p good pipe > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=PIPE --match-full-lines %s < err
// PIPE: lockwarden: error: pipe: not a regular file
// RUN: %lockwarden --cache-dir=c src/a.c src -- -I%lw_include > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=DIR --match-full-lines %s < err
// DIR: lockwarden: error: src: a directory, not a file (name the files to analyse)
// RUN: %lockwarden --cache-dir=c src/a.c /dev/null -- -I%lw_include > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=DEVNULL --match-full-lines %s < err
//
// The good database alone is fine.
// RUN: %lockwarden -p good > out 2> err; test $? -eq 0
// RUN: FileCheck --check-prefix=GOOD --match-full-lines %s < err
// GOOD: lockwarden: 2 files (0 from the cache), 0 failed; 0 findings
//
// A database entry whose file is a FIFO fails at once; the others are analysed.
// RUN: %lockwarden -p fifo > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=FIFO --match-full-lines %s < err
// FIFO:      lockwarden: error: pipe: could not be analysed (not a regular file)
// FIFO-NEXT: lockwarden: 2 files (0 from the cache), 1 failed; 0 findings

//--- empty/cdb.in
[
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "src/a.c"], "file": "src/a.c"},
  {"directory": "@DIR@", "command": "", "file": "src/b.c"}
]
//--- blank/cdb.in
[
  {"directory": "@DIR@", "command": " \t ", "file": "src/a.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "src/b.c"], "file": "src/b.c"}
]
//--- good/cdb.in
[
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "src/a.c"], "file": "src/a.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "src/b.c"], "file": "src/b.c"}
]
//--- fifo/cdb.in
[
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-c", "src/a.c"], "file": "src/a.c"},
  {"directory": "@DIR@", "arguments": ["cc", "-I@INC@", "-x", "c", "-c", "pipe"], "file": "pipe"}
]
//--- src/a.c
int a(void) { return 1; }
//--- src/b.c
int b(void) { return 2; }
