/*
 * Under GCC every LW_* macro expands to nothing, whatever the user defines: the sample, which
 * uses every macro, compiles without a single warning (GCC would warn -Wattributes on
 * annotate/context/TSA attributes and error on guarded_by(&lock)).  The header only uses
 * C89 preprocessor features, hence the -std=c89 -pedantic run (and block comments here).
 *
 * RUN: %gcc -std=c11 -Wall -Wextra -Werror -fsyntax-only -I %lw_include %s
 * RUN: %gcc -std=c11 -Wall -Wextra -Werror -fsyntax-only -DLOCKWARDEN -DLW_THREAD_SAFETY \
 * RUN:   -I %lw_include %s
 * RUN: %gcc -std=c89 -pedantic -Wall -Wextra -Werror -fsyntax-only -I %lw_include %s
 *
 * The expansions really are empty:
 * RUN: %gcc -E -P -DLOCKWARDEN -DLW_THREAD_SAFETY -I %lw_include %S/Inputs/macros.h \
 * RUN:   | FileCheck --implicit-check-not=__attribute__ %s
 * CHECK: immutable =
 * CHECK: end_of_macros =
 */
#include "Inputs/sample.h"
