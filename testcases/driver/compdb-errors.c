// A missing or malformed compile_commands.json is a tool error that says what is
// wrong with it (exit status 2), before anything runs.
// RUN: rm -rf %t && split-file %s %t && cd %t
//
// RUN: mkdir -p empty-dir
// RUN: %lockwarden -p empty-dir > out 2> err; test $? -eq 2
// RUN: count 0 < out && FileCheck --check-prefix=MISSING %s < err
// MISSING: lockwarden: error: empty-dir/compile_commands.json: No such file or directory
//
// RUN: %lockwarden -p no-such-dir > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NODIR %s < err
// NODIR: lockwarden: error: no-such-dir/compile_commands.json: No such file or directory
//
// RUN: %lockwarden -p truncated > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=TRUNCATED %s < err
// TRUNCATED: lockwarden: error: truncated/compile_commands.json: not valid JSON: line {{[0-9]+}}, column {{[0-9]+}}:
//
// RUN: %lockwarden -p object > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=OBJECT %s < err
// OBJECT: lockwarden: error: object/compile_commands.json: not a JSON array of compile commands
//
// RUN: %lockwarden -p empty > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=EMPTY %s < err
// EMPTY: lockwarden: error: empty/compile_commands.json: no compile commands in it
//
// RUN: %lockwarden -p nofile > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOFILE %s < err
// NOFILE: lockwarden: error: nofile/compile_commands.json: entry 2 has no "file" string
//
// RUN: %lockwarden -p nocommand > out 2> err; test $? -eq 2
// RUN: FileCheck --check-prefix=NOCOMMAND %s < err
// NOCOMMAND: lockwarden: error: nocommand/compile_commands.json: entry 1 has neither "arguments" nor "command"

//--- truncated/compile_commands.json
[
  {"directory": "/tmp", "file": "a.c", "arguments": ["cc", "-c", "a.c"]},
//--- object/compile_commands.json
{"directory": "/tmp", "file": "a.c", "arguments": ["cc", "-c", "a.c"]}
//--- empty/compile_commands.json
[]
//--- nofile/compile_commands.json
[
  {"directory": "/tmp", "file": "a.c", "arguments": ["cc", "-c", "a.c"]},
  {"directory": "/tmp", "arguments": ["cc", "-c", "b.c"]}
]
//--- nocommand/compile_commands.json
[{"directory": "/tmp", "file": "a.c"}]
