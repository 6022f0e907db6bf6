/*
 * builtins.h - what lockwarden knows about library functions without seeing
 * their bodies: lock operations, blocking calls, atomic builtins, RCU.
 *
 * The table is static and read-only; every pointer returned here stays valid
 * for the life of the process and must not be freed.  The lists, and why a
 * name is in or out, are in docs/builtins.md.
 */
#ifndef LW_BUILTINS_H
#define LW_BUILTINS_H
#include <stddef.h>
#include <stdint.h>
/* Blocking categories; each can be switched on/off by the user. */
#define LW_BLOCK_CATEGORIES(X) \
  X(SLEEP, "sleep") X(WAIT, "wait") X(POLL, "poll") X(NET, "net") \
  X(FS, "fs") X(IO, "io") X(PROCESS, "process") X(FILELOCK, "filelock") X(RCU, "rcu")
enum lw_block_cat {
#define X(id, name) LW_BLK_##id,
  LW_BLOCK_CATEGORIES(X)
#undef X
  LW_BLK__COUNT
};
/* The user-facing name ("fs"), or NULL if cat is out of range. */
const char *lw_block_cat_name(enum lw_block_cat cat);
/* Returns the category for name, or -1. */
int lw_block_cat_parse(const char *name, size_t len);

enum lw_lock_op {
  LW_OP_NONE = 0,
  LW_OP_ACQUIRE,         /* exclusive */
  LW_OP_ACQUIRE_SHARED,  /* rwlock read lock */
  LW_OP_TRY_ACQUIRE,     /* acquired iff return == try_ret */
  LW_OP_TRY_ACQUIRE_SHARED,
  LW_OP_RELEASE,
  LW_OP_TESTS_HELD,      /* returns non-zero iff the caller holds lock_arg (LWLockHeldByMe) */
  LW_OP_WAIT,            /* cond wait: releases lock_arg, blocks, retakes it */
  LW_OP_GUARD_ACQUIRE,   /* returns a guard that holds lock_arg (g_mutex_locker_new) */
  LW_OP_GUARD_RELEASE,   /* releases the guard passed as lock_arg (g_mutex_locker_free) */
  LW_OP_RCU_READ_LOCK,
  LW_OP_RCU_READ_UNLOCK,
  LW_OP_RCU_PUBLISH,     /* rcu_assign_pointer-like: publishes the location passed */
  LW_OP_RCU_DEREF,       /* rcu_dereference-like: a load inside a read section */
  LW_OP_ATOMIC           /* atomic builtin: accesses the address passed atomically */
};
enum { LW_BF_RECURSIVE = 1u << 0, /* lock may be re-acquired by the holder (g_rec_mutex) */
       LW_BF_NORETURN = 1u << 1,  /* the call does not return: the path ends */
       /* Whether the call blocks depends on a constant argument (fcntl's command,
        * waitpid's WNOHANG, poll's timeout...).  lw_builtin_lookup() has already
        * applied the rule to the arguments it was given; lw_builtin_table() shows
        * the blocking form. */
       LW_BF_ARGDEP = 1u << 2,
       /* Guard ops: the guard holds the lock shared (g_rw_lock_reader_locker_new). */
       LW_BF_SHARED = 1u << 3,
       /* Returns fresh memory nobody else sees yet (malloc, g_malloc0...):
        * writes into it are initialization. */
       LW_BF_ALLOCATOR = 1u << 4,
       /* An atomic load: returns what its first argument points to. */
       LW_BF_LOADS = 1u << 5 };
/*
 * One entry.  How to read it:
 *  - op != NONE: a lock, RCU or atomic operation; lock_arg says which argument
 *    points to the lock, guard or mutex.  The RCU and atomic operations act on
 *    the address passed as their first argument: the adapter lowers it as an
 *    access of that location tied to the call, so the table needs no index.
 *  - block_cat >= 0: the call may block; report it if that category is enabled.
 *    Lock acquisitions never carry a block_cat (waiting for a lock is the
 *    lock-order check's business).  WAIT entries carry LW_BLK_WAIT: the wait
 *    releases lock_arg, so it is not blocking while holding *that* lock, only
 *    while holding any other.
 *  - op == NONE and block_cat < 0: known and harmless (call_rcu), or only
 *    flagged (NORETURN).  The name being known says "does not block", so the
 *    core need not guess from a missing body.
 */
struct lw_builtin {
  const char *name;
  enum lw_lock_op op;
  int8_t lock_arg;   /* index of the argument that points to the lock / guard / cond mutex, or -1 */
  int32_t try_ret;   /* for TRY_*: the return value that means success (0 for pthread, 1/TRUE for GLib) */
  int8_t block_cat;  /* enum lw_block_cat, or -1 if not blocking */
  uint8_t flags;
};
/* Looks a function name up in the built-in table; NULL if unknown.
 * argc/argv_const give the call's integer-constant arguments where known
 * (has_const[i] != 0 means argv_const[i] is valid) so that argument-dependent
 * entries (fcntl with F_SETLKW / F_OFD_SETLKW, open with O_NONBLOCK is still fs)
 * can be decided; pass 0/NULL when unknown. The returned pointer is static.
 * For an LW_BF_ARGDEP entry whose arguments say "does not block", the result is
 * a static copy with block_cat -1, not the element of lw_builtin_table(). */
const struct lw_builtin *lw_builtin_lookup(const char *name, unsigned argc,
                                           const int64_t *argv_const, const uint8_t *has_const);
/* The two halves of lw_builtin_lookup(), for callers that cache the first
 * per name: the table's entry for name (or NULL), and that entry with its
 * argument rule applied. */
const struct lw_builtin *lw_builtin_find(const char *name);
const struct lw_builtin *lw_builtin_with_args(const struct lw_builtin *e, unsigned argc,
                                              const int64_t *argv_const, const uint8_t *has_const);
/* For docs and tests: iterate the whole table. */
const struct lw_builtin *lw_builtin_table(unsigned *count);

/* For docs and tests: the argument rule behind an LW_BF_ARGDEP entry, in words
 * ("blocks only if argument 1 is 7, 14 or 38"), or NULL if name has none. */
const char *lw_builtin_argdep_text(const char *name);
#endif
