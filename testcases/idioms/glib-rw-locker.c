// GLib's reader and writer lockers on a GRWLock: a reader locker holds the lock
// shared (a read of a guarded field is fine, a write is not), a writer locker
// exclusively.
// RUN: %clang -fsyntax-only %lw_flags $(pkg-config --cflags glib-2.0) -Xclang -verify %s
#include <glib.h>
#include <lockwarden.h>

struct tbl {
	GRWLock lock;
	int n LW_GUARDED_BY(lock);
};

int read_under_reader(struct tbl *t)
{
	g_autoptr(GRWLockReaderLocker) l = g_rw_lock_reader_locker_new(&t->lock);
	return t->n;
}

void write_under_reader(struct tbl *t)
{
	g_autoptr(GRWLockReaderLocker) l = g_rw_lock_reader_locker_new(&t->lock);
	t->n = 1; // expected-warning {{writing field 't->n' requires holding 't->lock' exclusively [unguarded-access]}}
}

void write_under_writer(struct tbl *t)
{
	g_autoptr(GRWLockWriterLocker) l = g_rw_lock_writer_locker_new(&t->lock);
	t->n = 1;
}
