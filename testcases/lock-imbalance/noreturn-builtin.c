// A call the built-in table knows never returns ends the path, even where the
// header does not say noreturn: no imbalance at a return that is never reached.
// RUN: %clang -fsyntax-only %lw_flags -I %S/../Inputs -fplugin-arg-lockwarden-checks=-*,lock-imbalance -Xclang -verify %s
#include "lwtest.h"

/* Declared here without the attribute GLib's <glib.h> gives it. */
void g_assertion_message_expr(const char *domain, const char *file, int line, const char *func, const char *expr);

int checked(struct drv *d, int ok)
{
	virMutexLock(&d->lock);
	if (!ok) {
		g_assertion_message_expr("d", __FILE__, __LINE__, __func__, "ok");
		return -1; /* never reached */
	}
	virMutexUnlock(&d->lock);
	return 0;
}

/* A function the table does not know keeps the path going. */
void my_fail(const char *why);

int unchecked(struct drv *d, int ok)
{
	virMutexLock(&d->lock); // expected-note {{'d->lock' acquired here}}
	if (!ok) {
		my_fail("ok");
		return -1; // expected-warning {{'d->lock' is still held at this return but not on every path [lock-imbalance]}}
	}
	virMutexUnlock(&d->lock);
	return 0;
}
