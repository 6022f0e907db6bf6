/*
 * builtins.c - the built-in table of library functions: lock operations,
 * blocking calls by category, atomic builtins and RCU primitives.
 *
 * Read-only data and a binary search: no allocation, no I/O, no state, so
 * any thread of the plugin or the driver may call it.  Must not know about
 * Clang, and must not decide anything about the program (whether a lock is
 * the driver lock, whether a category is switched on): it only answers
 * "what is this function".  The lists and the reasons behind them are in
 * docs/builtins.md; testcases/unit/test_builtins.c checks that the table is
 * sorted and that the doc names every entry.
 */
#include "builtins.h"

#include <stdlib.h>
#include <string.h>

/* The option parser keeps one bit per category in a uint32_t. */
_Static_assert(LW_BLK__COUNT <= 32, "blocking categories must fit a 32-bit mask");

static const char *const cat_names[] = {
#define X(id, name) name,
	LW_BLOCK_CATEGORIES(X)
#undef X
};

const char *lw_block_cat_name(enum lw_block_cat cat)
{
	if ((unsigned)cat >= LW_BLK__COUNT)
		return NULL;
	return cat_names[cat];
}

int lw_block_cat_parse(const char *name, size_t len)
{
	if (!name)
		return -1;
	for (int i = 0; i < LW_BLK__COUNT; i++)
		if (strlen(cat_names[i]) == len && !memcmp(cat_names[i], name, len))
			return i;
	return -1;
}

/*
 * Entry shapes.  A condition wait always names its mutex as argument 1 and
 * carries the wait category (see builtins.h for why).
 */
#define LK(n, op, la, fl)       { n, LW_OP_##op, la, 0, -1, fl }
#define TRY(n, op, ret, fl)     { n, LW_OP_##op, 0, ret, -1, fl }
#define CONDWAIT(n, fl)         { n, LW_OP_WAIT, 1, 0, LW_BLK_WAIT, fl }
#define GUARD(n, op, fl)        { n, LW_OP_##op, 0, 0, -1, fl }
#define RSEC(n, op)             { n, LW_OP_RCU_##op, -1, 0, -1, 0 }
#define RPTR(n, op)             { n, LW_OP_RCU_##op, -1, 0, -1, 0 }
#define ATOM(n)                 { n, LW_OP_ATOMIC, -1, 0, -1, 0 }
#define ALOAD(n)                { n, LW_OP_ATOMIC, -1, 0, -1, LW_BF_LOADS }
#define FENCE(n)                { n, LW_OP_ATOMIC, -1, 0, -1, 0 }
#define BLK(n, cat)             { n, LW_OP_NONE, -1, 0, LW_BLK_##cat, 0 }
#define BLKF(n, cat, fl)        { n, LW_OP_NONE, -1, 0, LW_BLK_##cat, fl }
#define KNOWN(n)                { n, LW_OP_NONE, -1, 0, -1, 0 }
#define NORET(n)                { n, LW_OP_NONE, -1, 0, -1, LW_BF_NORETURN }
#define ALLOC(n)                { n, LW_OP_NONE, -1, 0, -1, LW_BF_ALLOCATOR }

/*
 * Sorted by strcmp() on the name (so "_X" < "__x" < "a"), because lookup is a
 * binary search; the unit test fails on an entry out of place or a duplicate.
 * Add an entry at its sorted position, then list it in docs/builtins.md.
 *
 * Names come in the spellings a call site can show after preprocessing, which
 * is what the adapter sees:
 *  - Clang rewrites an overloaded __sync_* call to the sized builtin
 *    (__sync_fetch_and_add_4), so both spellings are here.  __atomic_* and
 *    __c11_atomic_* reach the AST as AtomicExpr, not calls: the adapter passes
 *    the builtin's name.  atomic_init, __c11_atomic_init and
 *    g_atomic_ref_count_init initialize rather than access atomically, but
 *    they are the API's own way to set an atomic object, so they count as
 *    atomic accesses: an LW_ATOMIC field may be initialized with them.
 *  - liburcu 0.13 (Debian 12's liburcu-dev): rcu_read_lock and friends are
 *    macros naming urcu_<flavour>_*; with _LGPL_SOURCE those become the static
 *    inline _urcu_<flavour>_*.  rcu_dereference, rcu_assign_pointer,
 *    rcu_set_pointer, rcu_xchg_pointer and rcu_cmpxchg_pointer are always
 *    macros: without _LGPL_SOURCE they call the *_sym functions; with it they
 *    expand to plain loads, stores and uatomic_* (no call at all).  The
 *    adapter sees calls, not macro spellings, so an entry marked "macro"
 *    matches only where a project (or an older liburcu) declares that name
 *    as a function; with liburcu 0.13 the *_sym entries are what matches,
 *    and under _LGPL_SOURCE the pointer macros are not seen at all.  The
 *    rcu_*_<flavour> spellings (rcu_read_lock_memb, _rcu_read_lock_memb,
 *    synchronize_rcu_memb) are the names of liburcu before 0.11, where
 *    urcu/map/urcu.h mapped rcu_read_lock to them; 0.13 keeps them as
 *    macros.  rcu_dereference_{memb,mb,qsbr,sig} and the matching
 *    *_pointer_<flavour> macros are left out: 0.13 maps them to
 *    urcu_<flavour>_dereference etc., which it never defines.
 */
static const struct lw_builtin table[] = {
	LK("LWLockHeldByMe", TESTS_HELD, 0, 0),
	NORET("_Exit"),
	BLK("_Fork", PROCESS),
	NORET("__assert"),
	NORET("__assert_fail"),
	NORET("__assert_perror_fail"),
	ATOM("__atomic_add_fetch"),
	ATOM("__atomic_and_fetch"),
	ATOM("__atomic_clear"),
	ATOM("__atomic_compare_exchange"),
	ATOM("__atomic_compare_exchange_n"),
	ATOM("__atomic_exchange"),
	ATOM("__atomic_exchange_n"),
	ATOM("__atomic_fetch_add"),
	ATOM("__atomic_fetch_and"),
	ATOM("__atomic_fetch_max"),
	ATOM("__atomic_fetch_min"),
	ATOM("__atomic_fetch_nand"),
	ATOM("__atomic_fetch_or"),
	ATOM("__atomic_fetch_sub"),
	ATOM("__atomic_fetch_xor"),
	ATOM("__atomic_load"),
	ALOAD("__atomic_load_n"),
	ATOM("__atomic_max_fetch"),
	ATOM("__atomic_min_fetch"),
	ATOM("__atomic_nand_fetch"),
	ATOM("__atomic_or_fetch"),
	FENCE("__atomic_signal_fence"),
	ATOM("__atomic_store"),
	ATOM("__atomic_store_n"),
	ATOM("__atomic_sub_fetch"),
	ATOM("__atomic_test_and_set"),
	FENCE("__atomic_thread_fence"),
	ATOM("__atomic_xor_fetch"),
	NORET("__builtin_trap"),
	NORET("__builtin_unreachable"),
	ATOM("__c11_atomic_compare_exchange_strong"),
	ATOM("__c11_atomic_compare_exchange_weak"),
	ATOM("__c11_atomic_exchange"),
	ATOM("__c11_atomic_fetch_add"),
	ATOM("__c11_atomic_fetch_and"),
	ATOM("__c11_atomic_fetch_max"),
	ATOM("__c11_atomic_fetch_min"),
	ATOM("__c11_atomic_fetch_nand"),
	ATOM("__c11_atomic_fetch_or"),
	ATOM("__c11_atomic_fetch_sub"),
	ATOM("__c11_atomic_fetch_xor"),
	ATOM("__c11_atomic_init"),                           /* init, counted as an atomic access */
	ALOAD("__c11_atomic_load"),
	FENCE("__c11_atomic_signal_fence"),
	ATOM("__c11_atomic_store"),
	FENCE("__c11_atomic_thread_fence"),
	NORET("__stack_chk_fail"),
	ATOM("__sync_add_and_fetch"),
	ATOM("__sync_add_and_fetch_1"),
	ATOM("__sync_add_and_fetch_16"),
	ATOM("__sync_add_and_fetch_2"),
	ATOM("__sync_add_and_fetch_4"),
	ATOM("__sync_add_and_fetch_8"),
	ATOM("__sync_and_and_fetch"),
	ATOM("__sync_and_and_fetch_1"),
	ATOM("__sync_and_and_fetch_16"),
	ATOM("__sync_and_and_fetch_2"),
	ATOM("__sync_and_and_fetch_4"),
	ATOM("__sync_and_and_fetch_8"),
	ATOM("__sync_bool_compare_and_swap"),
	ATOM("__sync_bool_compare_and_swap_1"),
	ATOM("__sync_bool_compare_and_swap_16"),
	ATOM("__sync_bool_compare_and_swap_2"),
	ATOM("__sync_bool_compare_and_swap_4"),
	ATOM("__sync_bool_compare_and_swap_8"),
	ATOM("__sync_fetch_and_add"),
	ATOM("__sync_fetch_and_add_1"),
	ATOM("__sync_fetch_and_add_16"),
	ATOM("__sync_fetch_and_add_2"),
	ATOM("__sync_fetch_and_add_4"),
	ATOM("__sync_fetch_and_add_8"),
	ATOM("__sync_fetch_and_and"),
	ATOM("__sync_fetch_and_and_1"),
	ATOM("__sync_fetch_and_and_16"),
	ATOM("__sync_fetch_and_and_2"),
	ATOM("__sync_fetch_and_and_4"),
	ATOM("__sync_fetch_and_and_8"),
	ATOM("__sync_fetch_and_max"),
	ATOM("__sync_fetch_and_min"),
	ATOM("__sync_fetch_and_nand"),
	ATOM("__sync_fetch_and_nand_1"),
	ATOM("__sync_fetch_and_nand_16"),
	ATOM("__sync_fetch_and_nand_2"),
	ATOM("__sync_fetch_and_nand_4"),
	ATOM("__sync_fetch_and_nand_8"),
	ATOM("__sync_fetch_and_or"),
	ATOM("__sync_fetch_and_or_1"),
	ATOM("__sync_fetch_and_or_16"),
	ATOM("__sync_fetch_and_or_2"),
	ATOM("__sync_fetch_and_or_4"),
	ATOM("__sync_fetch_and_or_8"),
	ATOM("__sync_fetch_and_sub"),
	ATOM("__sync_fetch_and_sub_1"),
	ATOM("__sync_fetch_and_sub_16"),
	ATOM("__sync_fetch_and_sub_2"),
	ATOM("__sync_fetch_and_sub_4"),
	ATOM("__sync_fetch_and_sub_8"),
	ATOM("__sync_fetch_and_umax"),
	ATOM("__sync_fetch_and_umin"),
	ATOM("__sync_fetch_and_xor"),
	ATOM("__sync_fetch_and_xor_1"),
	ATOM("__sync_fetch_and_xor_16"),
	ATOM("__sync_fetch_and_xor_2"),
	ATOM("__sync_fetch_and_xor_4"),
	ATOM("__sync_fetch_and_xor_8"),
	ATOM("__sync_lock_release"),
	ATOM("__sync_lock_release_1"),
	ATOM("__sync_lock_release_16"),
	ATOM("__sync_lock_release_2"),
	ATOM("__sync_lock_release_4"),
	ATOM("__sync_lock_release_8"),
	ATOM("__sync_lock_test_and_set"),
	ATOM("__sync_lock_test_and_set_1"),
	ATOM("__sync_lock_test_and_set_16"),
	ATOM("__sync_lock_test_and_set_2"),
	ATOM("__sync_lock_test_and_set_4"),
	ATOM("__sync_lock_test_and_set_8"),
	ATOM("__sync_nand_and_fetch"),
	ATOM("__sync_nand_and_fetch_1"),
	ATOM("__sync_nand_and_fetch_16"),
	ATOM("__sync_nand_and_fetch_2"),
	ATOM("__sync_nand_and_fetch_4"),
	ATOM("__sync_nand_and_fetch_8"),
	ATOM("__sync_or_and_fetch"),
	ATOM("__sync_or_and_fetch_1"),
	ATOM("__sync_or_and_fetch_16"),
	ATOM("__sync_or_and_fetch_2"),
	ATOM("__sync_or_and_fetch_4"),
	ATOM("__sync_or_and_fetch_8"),
	ATOM("__sync_sub_and_fetch"),
	ATOM("__sync_sub_and_fetch_1"),
	ATOM("__sync_sub_and_fetch_16"),
	ATOM("__sync_sub_and_fetch_2"),
	ATOM("__sync_sub_and_fetch_4"),
	ATOM("__sync_sub_and_fetch_8"),
	ATOM("__sync_swap"),
	ATOM("__sync_swap_1"),
	ATOM("__sync_swap_16"),
	ATOM("__sync_swap_2"),
	ATOM("__sync_swap_4"),
	ATOM("__sync_swap_8"),
	FENCE("__sync_synchronize"),
	ATOM("__sync_val_compare_and_swap"),
	ATOM("__sync_val_compare_and_swap_1"),
	ATOM("__sync_val_compare_and_swap_16"),
	ATOM("__sync_val_compare_and_swap_2"),
	ATOM("__sync_val_compare_and_swap_4"),
	ATOM("__sync_val_compare_and_swap_8"),
	ATOM("__sync_xor_and_fetch"),
	ATOM("__sync_xor_and_fetch_1"),
	ATOM("__sync_xor_and_fetch_16"),
	ATOM("__sync_xor_and_fetch_2"),
	ATOM("__sync_xor_and_fetch_4"),
	ATOM("__sync_xor_and_fetch_8"),
	ATOM("__uatomic_add"),
	ATOM("__uatomic_add_return"),
	ATOM("__uatomic_and"),
	ATOM("__uatomic_cmpxchg"),
	ATOM("__uatomic_dec"),
	ATOM("__uatomic_exchange"),
	ATOM("__uatomic_inc"),
	ATOM("__uatomic_or"),
	NORET("_exit"),
	NORET("_longjmp"),
	RPTR("_rcu_assign_pointer", PUBLISH), /* macro */
	RPTR("_rcu_cmpxchg_pointer", PUBLISH),            /* macro */
	RPTR("_rcu_dereference", DEREF),                  /* macro: __atomic_load or a volatile load */
	RSEC("_rcu_read_lock", READ_LOCK),                   /* macro */
	RSEC("_rcu_read_lock_bp", READ_LOCK),                /* macro; static inline before 0.11 */
	RSEC("_rcu_read_lock_mb", READ_LOCK),                /* macro; static inline before 0.11 */
	RSEC("_rcu_read_lock_memb", READ_LOCK),              /* macro; static inline before 0.11 */
	RSEC("_rcu_read_lock_qsbr", READ_LOCK),              /* macro; static inline before 0.11 */
	RSEC("_rcu_read_lock_sig", READ_LOCK),               /* macro; static inline before 0.11 */
	RSEC("_rcu_read_unlock", READ_UNLOCK),               /* macro */
	RSEC("_rcu_read_unlock_bp", READ_UNLOCK),            /* macro; static inline before 0.11 */
	RSEC("_rcu_read_unlock_mb", READ_UNLOCK),            /* macro; static inline before 0.11 */
	RSEC("_rcu_read_unlock_memb", READ_UNLOCK),          /* macro; static inline before 0.11 */
	RSEC("_rcu_read_unlock_qsbr", READ_UNLOCK),          /* macro; static inline before 0.11 */
	RSEC("_rcu_read_unlock_sig", READ_UNLOCK),           /* macro; static inline before 0.11 */
	RPTR("_rcu_set_pointer", PUBLISH),                /* macro: a barrier and a volatile store */
	RPTR("_rcu_xchg_pointer", PUBLISH),               /* macro */
	RSEC("_urcu_bp_read_lock", READ_LOCK),               /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_bp_read_unlock", READ_UNLOCK),           /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_mb_read_lock", READ_LOCK),               /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_mb_read_unlock", READ_UNLOCK),           /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_memb_read_lock", READ_LOCK),             /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_memb_read_unlock", READ_UNLOCK),         /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_qsbr_read_lock", READ_LOCK),             /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_qsbr_read_unlock", READ_UNLOCK),         /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_signal_read_lock", READ_LOCK),           /* static inline (_LGPL_SOURCE) */
	RSEC("_urcu_signal_read_unlock", READ_UNLOCK),       /* static inline (_LGPL_SOURCE) */
	NORET("abort"),
	BLK("accept", NET),
	BLK("accept4", NET),
	BLK("access", FS),
	ATOM("atomic_compare_exchange_strong"),
	ATOM("atomic_compare_exchange_strong_explicit"),
	ATOM("atomic_compare_exchange_weak"),
	ATOM("atomic_compare_exchange_weak_explicit"),
	ATOM("atomic_exchange"),
	ATOM("atomic_exchange_explicit"),
	ATOM("atomic_fetch_add"),
	ATOM("atomic_fetch_add_explicit"),
	ATOM("atomic_fetch_and"),
	ATOM("atomic_fetch_and_explicit"),
	ATOM("atomic_fetch_or"),
	ATOM("atomic_fetch_or_explicit"),
	ATOM("atomic_fetch_sub"),
	ATOM("atomic_fetch_sub_explicit"),
	ATOM("atomic_fetch_xor"),
	ATOM("atomic_fetch_xor_explicit"),
	ATOM("atomic_flag_clear"),
	ATOM("atomic_flag_clear_explicit"),
	ATOM("atomic_flag_test_and_set"),
	ATOM("atomic_flag_test_and_set_explicit"),
	ATOM("atomic_init"),                                 /* init, counted as an atomic access */
	ALOAD("atomic_load"),
	ALOAD("atomic_load_explicit"),
	FENCE("atomic_signal_fence"),
	ATOM("atomic_store"),
	ATOM("atomic_store_explicit"),
	FENCE("atomic_thread_fence"),
	KNOWN("call_rcu"),                                   /* only queues a callback */
	KNOWN("call_rcu_bp"),                                /* macro; exported name before 0.11 */
	BLK("call_rcu_data_free", RCU),                      /* polls until its thread stops */
	BLK("call_rcu_data_free_bp", RCU),                   /* macro; exported name before 0.11 */
	BLK("call_rcu_data_free_mb", RCU),                   /* macro; exported name before 0.11 */
	BLK("call_rcu_data_free_memb", RCU),                 /* macro; exported name before 0.11 */
	BLK("call_rcu_data_free_qsbr", RCU),                 /* macro; exported name before 0.11 */
	BLK("call_rcu_data_free_sig", RCU),                  /* macro; exported name before 0.11 */
	KNOWN("call_rcu_mb"),                                /* macro; exported name before 0.11 */
	KNOWN("call_rcu_memb"),                              /* macro; exported name before 0.11 */
	KNOWN("call_rcu_qsbr"),                              /* macro; exported name before 0.11 */
	KNOWN("call_rcu_sig"),                               /* macro; exported name before 0.11 */
	ALLOC("calloc"),
	BLK("canonicalize_file_name", FS),
	BLK("chdir", FS),
	BLK("chmod", FS),
	BLK("chown", FS),
	BLK("clock_nanosleep", SLEEP),
	CONDWAIT("cnd_timedwait", 0),
	CONDWAIT("cnd_wait", 0),
	BLK("connect", NET),
	BLK("copy_file_range", IO),
	BLK("creat", FS),
	BLK("creat64", FS),
	BLK("daemon", PROCESS),
	BLK("defer_rcu", RCU),                               /* synchronize_rcu on a full queue */
	BLK("defer_rcu_bp", RCU),                            /* macro; exported name before 0.11 */
	BLK("defer_rcu_mb", RCU),                            /* macro; exported name before 0.11 */
	BLK("defer_rcu_memb", RCU),                          /* macro; exported name before 0.11 */
	BLK("defer_rcu_qsbr", RCU),                          /* macro; exported name before 0.11 */
	BLK("defer_rcu_sig", RCU),                           /* macro; exported name before 0.11 */
	BLK("dlmopen", FS),
	BLK("dlopen", FS),
	BLK("eaccess", FS),
	BLKF("epoll_pwait", POLL, LW_BF_ARGDEP),
	BLK("epoll_pwait2", POLL),
	BLKF("epoll_wait", POLL, LW_BF_ARGDEP),
	NORET("err"),
	NORET("errx"),
	BLK("euidaccess", FS),
	BLK("execl", PROCESS),
	BLK("execle", PROCESS),
	BLK("execlp", PROCESS),
	BLK("execv", PROCESS),
	BLK("execve", PROCESS),
	BLK("execveat", PROCESS),
	BLK("execvp", PROCESS),
	BLK("execvpe", PROCESS),
	NORET("exit"),
	BLK("faccessat", FS),
	BLK("fallocate", FS),
	BLK("fallocate64", FS),
	BLK("fchmod", FS),
	BLK("fchmodat", FS),
	BLK("fchown", FS),
	BLK("fchownat", FS),
	BLK("fclose", FS),                                   /* writes out the stdio buffer */
	BLKF("fcntl", FILELOCK, LW_BF_ARGDEP),
	BLKF("fcntl64", FILELOCK, LW_BF_ARGDEP),
	BLK("fdatasync", FS),
	BLK("fdopendir", FS),
	BLK("fexecve", PROCESS),
	BLK("fflush", IO),
	BLK("fflush_unlocked", IO),
	BLK("fgetc", IO),
	BLK("fgetc_unlocked", IO),
	BLK("fgetfilecon", FS),
	BLK("fgetfilecon_raw", FS),
	BLK("fgets", IO),
	BLK("fgets_unlocked", IO),
	BLK("fgetxattr", FS),
	BLK("flistxattr", FS),
	BLKF("flock", FILELOCK, LW_BF_ARGDEP),
	BLK("fopen", FS),
	BLK("fopen64", FS),
	BLK("fork", PROCESS),
	BLK("fread", IO),
	BLK("fread_unlocked", IO),
	BLK("free_all_cpu_call_rcu_data", RCU),              /* calls synchronize_rcu (rcu-api.md) */
	BLK("free_all_cpu_call_rcu_data_bp", RCU),           /* macro; exported name before 0.11 */
	BLK("free_all_cpu_call_rcu_data_mb", RCU),           /* macro; exported name before 0.11 */
	BLK("free_all_cpu_call_rcu_data_memb", RCU),         /* macro; exported name before 0.11 */
	BLK("free_all_cpu_call_rcu_data_qsbr", RCU),         /* macro; exported name before 0.11 */
	BLK("free_all_cpu_call_rcu_data_sig", RCU),          /* macro; exported name before 0.11 */
	BLK("fremovexattr", FS),
	BLK("freopen", FS),
	BLK("freopen64", FS),
	BLK("fscanf", IO),
	BLK("fsetfilecon", FS),
	BLK("fsetfilecon_raw", FS),
	BLK("fsetxattr", FS),
	BLK("fstat", FS),                                    /* NFS: GETATTR, flushes first */
	BLK("fstat64", FS),
	BLK("fstatat", FS),
	BLK("fstatat64", FS),
	BLK("fstatfs", FS),
	BLK("fstatfs64", FS),
	BLK("fstatvfs", FS),
	BLK("fstatvfs64", FS),
	BLK("fsync", FS),
	BLK("ftruncate", FS),
	BLK("ftruncate64", FS),
	BLK("fts_children", FS),
	BLK("fts_open", FS),
	BLK("fts_read", FS),
	BLK("ftw", FS),
	BLK("ftw64", FS),
	BLK("futimens", FS),
	BLK("futimes", FS),
	BLK("futimesat", FS),
	BLK("fwrite", IO),                                   /* large blocks bypass the buffer */
	BLK("fwrite_unlocked", IO),
	NORET("g_abort"),
	BLK("g_access", FS),
	NORET("g_assertion_message_expr"),
	BLK("g_async_queue_pop", WAIT),
	BLK("g_async_queue_pop_unlocked", WAIT),
	BLK("g_async_queue_timeout_pop", WAIT),
	BLK("g_async_queue_timeout_pop_unlocked", WAIT),
	ATOM("g_atomic_int_add"),
	ATOM("g_atomic_int_and"),
	ATOM("g_atomic_int_compare_and_exchange"),
	ATOM("g_atomic_int_compare_and_exchange_full"),
	ATOM("g_atomic_int_dec_and_test"),
	ATOM("g_atomic_int_exchange"),
	ATOM("g_atomic_int_exchange_and_add"),
	ALOAD("g_atomic_int_get"),
	ATOM("g_atomic_int_inc"),
	ATOM("g_atomic_int_or"),
	ATOM("g_atomic_int_set"),
	ATOM("g_atomic_int_xor"),
	ATOM("g_atomic_pointer_add"),
	ATOM("g_atomic_pointer_and"),
	ATOM("g_atomic_pointer_compare_and_exchange"),
	ATOM("g_atomic_pointer_compare_and_exchange_full"),
	ATOM("g_atomic_pointer_exchange"),
	ALOAD("g_atomic_pointer_get"),
	ATOM("g_atomic_pointer_or"),
	ATOM("g_atomic_pointer_set"),
	ATOM("g_atomic_pointer_xor"),
	ATOM("g_atomic_ref_count_compare"),
	ATOM("g_atomic_ref_count_dec"),
	ATOM("g_atomic_ref_count_inc"),
	ATOM("g_atomic_ref_count_init"),                     /* init, counted as an atomic access */
	BLK("g_chdir", FS),
	CONDWAIT("g_cond_wait", 0),
	CONDWAIT("g_cond_wait_until", 0),
	BLK("g_dir_make_tmp", FS),
	BLK("g_dir_open", FS),
	BLK("g_dir_read_name", FS),
	BLK("g_file_get_contents", FS),
	BLK("g_file_open_tmp", FS),
	BLK("g_file_read_link", FS),
	BLK("g_file_set_contents", FS),
	BLK("g_file_set_contents_full", FS),
	BLK("g_file_test", FS),
	BLK("g_fsync", FS),
	BLKF("g_main_context_iteration", POLL, LW_BF_ARGDEP),
	BLK("g_main_loop_run", POLL),
	ALLOC("g_malloc"),
	ALLOC("g_malloc0"),
	ALLOC("g_malloc0_n"),
	ALLOC("g_malloc_n"),
	BLK("g_mkdir_with_parents", FS),
	BLK("g_mkdtemp", FS),
	BLK("g_mkdtemp_full", FS),
	BLK("g_mkstemp", FS),
	BLK("g_mkstemp_full", FS),
	LK("g_mutex_lock", ACQUIRE, 0, 0),
	GUARD("g_mutex_locker_free", GUARD_RELEASE, 0),
	GUARD("g_mutex_locker_new", GUARD_ACQUIRE, 0),
	TRY("g_mutex_trylock", TRY_ACQUIRE, 1, 0),
	LK("g_mutex_unlock", RELEASE, 0, 0),
	BLKF("g_poll", POLL, LW_BF_ARGDEP),
	ALLOC("g_realloc"),
	LK("g_rec_mutex_lock", ACQUIRE, 0, LW_BF_RECURSIVE),
	GUARD("g_rec_mutex_locker_free", GUARD_RELEASE, LW_BF_RECURSIVE),
	GUARD("g_rec_mutex_locker_new", GUARD_ACQUIRE, LW_BF_RECURSIVE),
	TRY("g_rec_mutex_trylock", TRY_ACQUIRE, 1, LW_BF_RECURSIVE),
	LK("g_rec_mutex_unlock", RELEASE, 0, LW_BF_RECURSIVE),
	BLK("g_rmdir", FS),
	LK("g_rw_lock_reader_lock", ACQUIRE_SHARED, 0, 0),
	GUARD("g_rw_lock_reader_locker_free", GUARD_RELEASE, LW_BF_SHARED),
	GUARD("g_rw_lock_reader_locker_new", GUARD_ACQUIRE, LW_BF_SHARED),
	TRY("g_rw_lock_reader_trylock", TRY_ACQUIRE_SHARED, 1, 0),
	LK("g_rw_lock_reader_unlock", RELEASE, 0, 0),
	LK("g_rw_lock_writer_lock", ACQUIRE, 0, 0),
	GUARD("g_rw_lock_writer_locker_free", GUARD_RELEASE, 0),
	GUARD("g_rw_lock_writer_locker_new", GUARD_ACQUIRE, 0),
	TRY("g_rw_lock_writer_trylock", TRY_ACQUIRE, 1, 0),
	LK("g_rw_lock_writer_unlock", RELEASE, 0, 0),
	ALLOC("g_slice_alloc"),
	ALLOC("g_slice_alloc0"),
	BLK("g_spawn_async", PROCESS),
	BLK("g_spawn_async_with_fds", PROCESS),
	BLK("g_spawn_async_with_pipes", PROCESS),
	BLK("g_spawn_async_with_pipes_and_fds", PROCESS),
	BLK("g_spawn_command_line_async", PROCESS),
	BLK("g_spawn_command_line_sync", PROCESS),
	BLK("g_spawn_sync", PROCESS),
	NORET("g_thread_exit"),
	BLK("g_thread_join", WAIT),
	ALLOC("g_try_malloc"),
	ALLOC("g_try_malloc0"),
	BLK("g_unlink", FS),
	BLK("g_usleep", SLEEP),
	BLK("getaddrinfo", NET),
	BLK("getc", IO),
	BLK("getc_unlocked", IO),
	BLK("getchar", IO),
	BLK("getchar_unlocked", IO),
	BLK("getdelim", IO),
	BLK("getfilecon", FS),
	BLK("getfilecon_raw", FS),
	BLK("getgrgid", NET),
	BLK("getgrgid_r", NET),
	BLK("getgrnam", NET),
	BLK("getgrnam_r", NET),
	BLK("getgrouplist", NET),
	BLK("gethostbyaddr", NET),
	BLK("gethostbyaddr_r", NET),
	BLK("gethostbyname", NET),
	BLK("gethostbyname2", NET),
	BLK("gethostbyname2_r", NET),
	BLK("gethostbyname_r", NET),
	BLK("getline", IO),
	BLKF("getnameinfo", NET, LW_BF_ARGDEP),
	BLK("getpwnam", NET),                                /* NSS: may ask LDAP/SSSD/NIS */
	BLK("getpwnam_r", NET),
	BLK("getpwuid", NET),
	BLK("getpwuid_r", NET),
	BLK("gets", IO),
	BLK("getxattr", FS),
	/* g_autoptr(GMutexLocker) and friends: the cleanup functions GLib
	 * defines static inline in its headers; argument 0 is &locker. */
	GUARD("glib_autoptr_cleanup_GMutexLocker", GUARD_RELEASE, 0),
	GUARD("glib_autoptr_cleanup_GRWLockReaderLocker", GUARD_RELEASE, LW_BF_SHARED),
	GUARD("glib_autoptr_cleanup_GRWLockWriterLocker", GUARD_RELEASE, 0),
	GUARD("glib_autoptr_cleanup_GRecMutexLocker", GUARD_RELEASE, LW_BF_RECURSIVE),
	BLK("glob", FS),
	BLK("glob64", FS),
	BLK("initgroups", NET),
	BLK("lchown", FS),
	BLK("lgetfilecon", FS),
	BLK("lgetfilecon_raw", FS),
	BLK("lgetxattr", FS),
	BLK("link", FS),
	BLK("linkat", FS),
	BLK("listxattr", FS),
	BLK("llistxattr", FS),
	BLKF("lockf", FILELOCK, LW_BF_ARGDEP),
	BLKF("lockf64", FILELOCK, LW_BF_ARGDEP),
	NORET("longjmp"),
	BLK("lremovexattr", FS),
	BLK("lsetfilecon", FS),
	BLK("lsetfilecon_raw", FS),
	BLK("lsetxattr", FS),
	BLK("lstat", FS),
	BLK("lstat64", FS),
	BLK("lutimes", FS),
	ALLOC("malloc"),
	BLK("mkdir", FS),
	BLK("mkdirat", FS),
	BLK("mkdtemp", FS),
	BLK("mkfifo", FS),
	BLK("mkfifoat", FS),
	BLK("mknod", FS),
	BLK("mknodat", FS),
	BLK("mkostemp", FS),
	BLK("mkostemp64", FS),
	BLK("mkostemps", FS),
	BLK("mkstemp", FS),
	BLK("mkstemp64", FS),
	BLK("mkstemps", FS),
	BLK("mount", FS),
	LK("mtx_lock", ACQUIRE, 0, 0),
	TRY("mtx_timedlock", TRY_ACQUIRE, 0, 0),
	TRY("mtx_trylock", TRY_ACQUIRE, 0, 0),
	LK("mtx_unlock", RELEASE, 0, 0),
	BLK("nanosleep", SLEEP),
	BLK("nftw", FS),
	BLK("nftw64", FS),
	BLK("open", FS),                                     /* even with O_NONBLOCK */
	BLK("open64", FS),
	BLK("openat", FS),
	BLK("openat64", FS),
	BLK("opendir", FS),
	BLK("pause", SLEEP),
	BLK("pclose", PROCESS),                              /* waits for the child */
	BLKF("poll", POLL, LW_BF_ARGDEP),
	BLK("popen", PROCESS),
	BLK("posix_fallocate", FS),                          /* falls back to writing zeroes */
	BLK("posix_fallocate64", FS),
	BLK("posix_spawn", PROCESS),
	BLK("posix_spawnp", PROCESS),
	BLK("ppoll", POLL),
	BLK("pread", IO),
	BLK("pread64", IO),
	BLK("preadv", IO),
	BLK("preadv2", IO),
	BLK("preadv64", IO),
	BLK("preadv64v2", IO),
	BLK("pselect", POLL),
	BLK("pthread_barrier_wait", WAIT),
	BLK("pthread_clockjoin_np", WAIT),
	CONDWAIT("pthread_cond_clockwait", 0),
	CONDWAIT("pthread_cond_timedwait", 0),
	CONDWAIT("pthread_cond_wait", 0),
	NORET("pthread_exit"),
	BLK("pthread_join", WAIT),
	TRY("pthread_mutex_clocklock", TRY_ACQUIRE, 0, 0),
	LK("pthread_mutex_lock", ACQUIRE, 0, 0),
	TRY("pthread_mutex_timedlock", TRY_ACQUIRE, 0, 0),
	TRY("pthread_mutex_trylock", TRY_ACQUIRE, 0, 0),
	LK("pthread_mutex_unlock", RELEASE, 0, 0),
	TRY("pthread_rwlock_clockrdlock", TRY_ACQUIRE_SHARED, 0, 0),
	TRY("pthread_rwlock_clockwrlock", TRY_ACQUIRE, 0, 0),
	LK("pthread_rwlock_rdlock", ACQUIRE_SHARED, 0, 0),
	TRY("pthread_rwlock_timedrdlock", TRY_ACQUIRE_SHARED, 0, 0),
	TRY("pthread_rwlock_timedwrlock", TRY_ACQUIRE, 0, 0),
	TRY("pthread_rwlock_tryrdlock", TRY_ACQUIRE_SHARED, 0, 0),
	TRY("pthread_rwlock_trywrlock", TRY_ACQUIRE, 0, 0),
	LK("pthread_rwlock_unlock", RELEASE, 0, 0),
	LK("pthread_rwlock_wrlock", ACQUIRE, 0, 0),
	LK("pthread_spin_lock", ACQUIRE, 0, 0),
	TRY("pthread_spin_trylock", TRY_ACQUIRE, 0, 0),
	LK("pthread_spin_unlock", RELEASE, 0, 0),
	BLK("pthread_timedjoin_np", WAIT),
	BLK("pwrite", IO),
	BLK("pwrite64", IO),
	BLK("pwritev", IO),
	BLK("pwritev2", IO),
	BLK("pwritev64", IO),
	BLK("pwritev64v2", IO),
	NORET("quick_exit"),
	RPTR("rcu_assign_pointer", PUBLISH), /* macro: rcu_set_pointer(&p, v) */
	BLK("rcu_barrier", RCU),
	BLK("rcu_barrier_bp", RCU),                          /* macro; exported name before 0.11 */
	BLK("rcu_barrier_mb", RCU),                          /* macro; exported name before 0.11 */
	BLK("rcu_barrier_memb", RCU),                        /* macro; exported name before 0.11 */
	BLK("rcu_barrier_qsbr", RCU),                        /* macro; exported name before 0.11 */
	BLK("rcu_barrier_sig", RCU),                         /* macro; exported name before 0.11 */
	RPTR("rcu_cmpxchg_pointer", PUBLISH),             /* macro */
	RPTR("rcu_cmpxchg_pointer_bp", PUBLISH),          /* macro */
	RPTR("rcu_cmpxchg_pointer_sym", PUBLISH),         /* function */
	BLK("rcu_defer_barrier", RCU),
	BLK("rcu_defer_barrier_bp", RCU),                    /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_mb", RCU),                    /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_memb", RCU),                  /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_qsbr", RCU),                  /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_sig", RCU),                   /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_thread", RCU),
	BLK("rcu_defer_barrier_thread_bp", RCU),             /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_thread_mb", RCU),             /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_thread_memb", RCU),           /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_thread_qsbr", RCU),           /* macro; exported name before 0.11 */
	BLK("rcu_defer_barrier_thread_sig", RCU),            /* macro; exported name before 0.11 */
	RPTR("rcu_dereference", DEREF),                   /* macro */
	RPTR("rcu_dereference_bp", DEREF),                /* macro */
	RPTR("rcu_dereference_sym", DEREF),               /* function */
	RSEC("rcu_read_lock", READ_LOCK),
	RSEC("rcu_read_lock_bp", READ_LOCK),                 /* macro; exported name before 0.11 */
	RSEC("rcu_read_lock_mb", READ_LOCK),                 /* macro; exported name before 0.11 */
	RSEC("rcu_read_lock_memb", READ_LOCK),               /* macro; exported name before 0.11 */
	RSEC("rcu_read_lock_qsbr", READ_LOCK),               /* macro; exported name before 0.11 */
	RSEC("rcu_read_lock_sig", READ_LOCK),                /* macro; exported name before 0.11 */
	RSEC("rcu_read_unlock", READ_UNLOCK),
	RSEC("rcu_read_unlock_bp", READ_UNLOCK),             /* macro; exported name before 0.11 */
	RSEC("rcu_read_unlock_mb", READ_UNLOCK),             /* macro; exported name before 0.11 */
	RSEC("rcu_read_unlock_memb", READ_UNLOCK),           /* macro; exported name before 0.11 */
	RSEC("rcu_read_unlock_qsbr", READ_UNLOCK),           /* macro; exported name before 0.11 */
	RSEC("rcu_read_unlock_sig", READ_UNLOCK),            /* macro; exported name before 0.11 */
	RPTR("rcu_set_pointer", PUBLISH),                 /* macro */
	RPTR("rcu_set_pointer_bp", PUBLISH),              /* macro */
	RPTR("rcu_set_pointer_sym", PUBLISH),             /* function */
	RPTR("rcu_xchg_pointer", PUBLISH),                /* macro */
	RPTR("rcu_xchg_pointer_bp", PUBLISH),             /* macro */
	RPTR("rcu_xchg_pointer_sym", PUBLISH),            /* function */
	BLK("read", IO),
	BLK("readdir", FS),
	BLK("readdir64", FS),
	BLK("readdir64_r", FS),
	BLK("readdir_r", FS),
	BLK("readlink", FS),
	BLK("readlinkat", FS),
	BLK("readv", IO),
	ALLOC("realloc"),
	BLK("realpath", FS),
	BLKF("recv", NET, LW_BF_ARGDEP),
	BLKF("recvfrom", NET, LW_BF_ARGDEP),
	BLKF("recvmmsg", NET, LW_BF_ARGDEP),
	BLKF("recvmsg", NET, LW_BF_ARGDEP),
	BLK("remove", FS),
	BLK("removexattr", FS),
	BLK("rename", FS),
	BLK("renameat", FS),
	BLK("renameat2", FS),
	BLK("res_nquery", NET),
	BLK("res_nquerydomain", NET),
	BLK("res_nsearch", NET),
	BLK("res_nsend", NET),
	BLK("res_query", NET),
	BLK("res_querydomain", NET),
	BLK("res_search", NET),
	BLK("res_send", NET),
	BLK("rmdir", FS),
	BLK("scandir", FS),
	BLK("scandir64", FS),
	BLK("scandirat", FS),
	BLK("scanf", IO),
	BLK("select", POLL),
	BLK("selinux_restorecon", FS),
	BLK("sem_clockwait", WAIT),
	BLK("sem_timedwait", WAIT),
	BLK("sem_wait", WAIT),
	BLKF("send", NET, LW_BF_ARGDEP),
	BLK("sendfile", IO),
	BLK("sendfile64", IO),
	BLKF("sendmmsg", NET, LW_BF_ARGDEP),
	BLKF("sendmsg", NET, LW_BF_ARGDEP),
	BLKF("sendto", NET, LW_BF_ARGDEP),
	BLK("setfilecon", FS),
	BLK("setfilecon_raw", FS),
	BLK("setxattr", FS),
	NORET("siglongjmp"),
	BLK("sigsuspend", SLEEP),
	BLK("sigtimedwait", SLEEP),
	BLK("sigwait", SLEEP),
	BLK("sigwaitinfo", SLEEP),
	BLK("sleep", SLEEP),
	BLK("splice", IO),
	BLK("stat", FS),
	BLK("stat64", FS),
	BLK("statfs", FS),
	BLK("statfs64", FS),
	BLK("statvfs", FS),
	BLK("statvfs64", FS),
	BLK("statx", FS),
	BLK("symlink", FS),
	BLK("symlinkat", FS),
	BLK("sync", FS),
	BLK("sync_file_range", FS),
	BLK("syncfs", FS),
	BLK("synchronize_rcu", RCU),
	BLK("synchronize_rcu_bp", RCU),                      /* macro; exported name before 0.11 */
	BLK("synchronize_rcu_mb", RCU),                      /* macro; exported name before 0.11 */
	BLK("synchronize_rcu_memb", RCU),                    /* macro; exported name before 0.11 */
	BLK("synchronize_rcu_qsbr", RCU),                    /* macro; exported name before 0.11 */
	BLK("synchronize_rcu_sig", RCU),                     /* macro; exported name before 0.11 */
	BLK("system", PROCESS),
	BLK("tee", IO),
	NORET("thrd_exit"),
	BLK("thrd_join", WAIT),
	BLK("thrd_sleep", SLEEP),
	BLK("tmpfile", FS),
	BLK("tmpfile64", FS),
	BLK("truncate", FS),
	BLK("truncate64", FS),
	BLK("umount", FS),
	BLK("umount2", FS),
	BLK("unlink", FS),
	BLK("unlinkat", FS),
	BLK("urcu_bp_barrier", RCU),
	KNOWN("urcu_bp_call_rcu"),
	BLK("urcu_bp_call_rcu_data_free", RCU),
	RPTR("urcu_bp_cmpxchg_pointer", PUBLISH),         /* macro */
	RPTR("urcu_bp_cmpxchg_pointer_sym", PUBLISH),     /* function */
	BLK("urcu_bp_defer_barrier", RCU),
	BLK("urcu_bp_defer_barrier_thread", RCU),
	BLK("urcu_bp_defer_rcu", RCU),
	RPTR("urcu_bp_dereference", DEREF),               /* macro */
	RPTR("urcu_bp_dereference_sym", DEREF),           /* function */
	BLK("urcu_bp_free_all_cpu_call_rcu_data", RCU),
	RSEC("urcu_bp_read_lock", READ_LOCK),
	RSEC("urcu_bp_read_unlock", READ_UNLOCK),
	RPTR("urcu_bp_set_pointer", PUBLISH),             /* macro */
	RPTR("urcu_bp_set_pointer_sym", PUBLISH),         /* function */
	BLK("urcu_bp_synchronize_rcu", RCU),
	RPTR("urcu_bp_xchg_pointer", PUBLISH),            /* macro */
	RPTR("urcu_bp_xchg_pointer_sym", PUBLISH),        /* function */
	BLK("urcu_mb_barrier", RCU),
	KNOWN("urcu_mb_call_rcu"),
	BLK("urcu_mb_call_rcu_data_free", RCU),
	BLK("urcu_mb_defer_barrier", RCU),
	BLK("urcu_mb_defer_barrier_thread", RCU),
	BLK("urcu_mb_defer_rcu", RCU),
	BLK("urcu_mb_free_all_cpu_call_rcu_data", RCU),
	RSEC("urcu_mb_read_lock", READ_LOCK),
	RSEC("urcu_mb_read_unlock", READ_UNLOCK),
	BLK("urcu_mb_synchronize_rcu", RCU),
	BLK("urcu_memb_barrier", RCU),
	KNOWN("urcu_memb_call_rcu"),
	BLK("urcu_memb_call_rcu_data_free", RCU),
	BLK("urcu_memb_defer_barrier", RCU),
	BLK("urcu_memb_defer_barrier_thread", RCU),
	BLK("urcu_memb_defer_rcu", RCU),
	BLK("urcu_memb_free_all_cpu_call_rcu_data", RCU),
	RSEC("urcu_memb_read_lock", READ_LOCK),
	RSEC("urcu_memb_read_unlock", READ_UNLOCK),
	BLK("urcu_memb_synchronize_rcu", RCU),
	BLK("urcu_qsbr_barrier", RCU),
	KNOWN("urcu_qsbr_call_rcu"),
	BLK("urcu_qsbr_call_rcu_data_free", RCU),
	BLK("urcu_qsbr_defer_barrier", RCU),
	BLK("urcu_qsbr_defer_barrier_thread", RCU),
	BLK("urcu_qsbr_defer_rcu", RCU),
	BLK("urcu_qsbr_free_all_cpu_call_rcu_data", RCU),
	RSEC("urcu_qsbr_read_lock", READ_LOCK),
	RSEC("urcu_qsbr_read_unlock", READ_UNLOCK),
	BLK("urcu_qsbr_synchronize_rcu", RCU),
	BLK("urcu_signal_barrier", RCU),
	KNOWN("urcu_signal_call_rcu"),
	BLK("urcu_signal_call_rcu_data_free", RCU),
	BLK("urcu_signal_defer_barrier", RCU),
	BLK("urcu_signal_defer_barrier_thread", RCU),
	BLK("urcu_signal_defer_rcu", RCU),
	BLK("urcu_signal_free_all_cpu_call_rcu_data", RCU),
	RSEC("urcu_signal_read_lock", READ_LOCK),
	RSEC("urcu_signal_read_unlock", READ_UNLOCK),
	BLK("urcu_signal_synchronize_rcu", RCU),
	BLK("usleep", SLEEP),
	BLK("utime", FS),
	BLK("utimensat", FS),
	BLK("utimes", FS),
	NORET("verr"),
	NORET("verrx"),
	BLK("vfork", PROCESS),
	BLK("vfscanf", IO),
	BLK("vmsplice", IO),
	BLK("vscanf", IO),
	BLK("wait", WAIT),
	BLKF("wait3", WAIT, LW_BF_ARGDEP),
	BLKF("wait4", WAIT, LW_BF_ARGDEP),
	BLKF("waitid", WAIT, LW_BF_ARGDEP),
	BLKF("waitpid", WAIT, LW_BF_ARGDEP),
	BLK("write", IO),
	BLK("writev", IO),
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

/*
 * Argument-dependent entries.  Each rule tests one integer argument; when the
 * argument is not a known constant the rule's default applies.  The defaults
 * follow what the call does in its common form: poll() or waitpid() without
 * flags blocks, so they block unless told otherwise; most fcntl() commands
 * do not, so fcntl() is quiet unless the command is known to wait.  The
 * constants are Linux's (x86-64 and the asm-generic numbering of arm64 and
 * riscv); F_SETLKW64 (14) only exists on 32-bit targets and is harmless here.
 */
enum arg_test {
	TEST_EQ,     /* the argument equals one of v[0..nv) */
	TEST_BITS,   /* the argument has any bit of v[0] */
	TEST_ALLBITS /* the argument has every bit of v[0] */
};

struct arg_rule {
	const char *name;
	uint8_t arg;
	uint8_t test;           /* enum arg_test */
	uint8_t match_blocks;   /* the verdict when the test holds (the opposite otherwise) */
	uint8_t unknown_blocks; /* the verdict when the argument is not a known constant */
	uint8_t nv;
	int64_t v[3];
	const char *text;
	struct lw_builtin quiet; /* what lookup returns when the call does not block */
};

#define QUIET(n) { n, LW_OP_NONE, -1, 0, -1, LW_BF_ARGDEP }
#define RULE(n, arg, test, mb, ub, nv, v, text) \
	{ n, arg, TEST_##test, mb, ub, nv, v, text, QUIET(n) }
#define V(...) { __VA_ARGS__ }

#define FCNTL_TEXT \
	"blocks only if argument 1 is F_SETLKW (7), F_SETLKW64 (14, 32-bit) or F_OFD_SETLKW (38)"
#define LOCKF_TEXT "blocks only if argument 1 is F_LOCK (1)"
#define DONTWAIT_TEXT(a) "does not block if argument " a " has MSG_DONTWAIT (0x40)"
#define WNOHANG_TEXT(a) "does not block if argument " a " has WNOHANG (1)"
#define TIMEOUT0_TEXT(a) "does not block if argument " a " (the timeout) is 0"

static const struct arg_rule rules[] = {
	RULE("epoll_pwait", 3, EQ, 0, 1, 1, V(0), TIMEOUT0_TEXT("3")),
	RULE("epoll_wait", 3, EQ, 0, 1, 1, V(0), TIMEOUT0_TEXT("3")),
	RULE("fcntl", 1, EQ, 1, 0, 3, V(7, 14, 38), FCNTL_TEXT),
	RULE("fcntl64", 1, EQ, 1, 0, 3, V(7, 14, 38), FCNTL_TEXT),
	RULE("flock", 1, BITS, 0, 1, 1, V(4 | 8),
	     "does not block if argument 1 has LOCK_NB (4) or LOCK_UN (8)"),
	RULE("g_main_context_iteration", 1, EQ, 0, 0, 1, V(0),
	     "blocks only if argument 1 (may_block) is a nonzero constant"),
	RULE("g_poll", 2, EQ, 0, 1, 1, V(0), TIMEOUT0_TEXT("2")),
	RULE("getnameinfo", 6, ALLBITS, 0, 1, 1, V(1 | 2),
	     "does not block if argument 6 has NI_NUMERICHOST (1) and NI_NUMERICSERV (2): no lookup"),
	RULE("lockf", 1, EQ, 1, 0, 1, V(1), LOCKF_TEXT),
	RULE("lockf64", 1, EQ, 1, 0, 1, V(1), LOCKF_TEXT),
	RULE("poll", 2, EQ, 0, 1, 1, V(0), TIMEOUT0_TEXT("2")),
	RULE("recv", 3, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("3")),
	RULE("recvfrom", 3, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("3")),
	RULE("recvmmsg", 3, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("3")),
	RULE("recvmsg", 2, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("2")),
	RULE("send", 3, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("3")),
	RULE("sendmmsg", 3, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("3")),
	RULE("sendmsg", 2, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("2")),
	RULE("sendto", 3, BITS, 0, 1, 1, V(0x40), DONTWAIT_TEXT("3")),
	RULE("wait3", 1, BITS, 0, 1, 1, V(1), WNOHANG_TEXT("1")),
	RULE("wait4", 2, BITS, 0, 1, 1, V(1), WNOHANG_TEXT("2")),
	RULE("waitid", 3, BITS, 0, 1, 1, V(1), WNOHANG_TEXT("3")),
	RULE("waitpid", 2, BITS, 0, 1, 1, V(1), WNOHANG_TEXT("2")),
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* Only LW_BF_ARGDEP entries get here, a handful of names: a scan is enough. */
static const struct arg_rule *find_rule(const char *name)
{
	for (size_t i = 0; i < NRULES; i++)
		if (!strcmp(rules[i].name, name))
			return &rules[i];
	return NULL;
}

static int rule_blocks(const struct arg_rule *r, unsigned argc,
		       const int64_t *argv_const, const uint8_t *has_const)
{
	if (r->arg >= argc || !argv_const || !has_const || !has_const[r->arg])
		return r->unknown_blocks;
	int64_t a = argv_const[r->arg];
	int match = 0;
	if (r->test == TEST_BITS) {
		match = (a & r->v[0]) != 0;
	} else if (r->test == TEST_ALLBITS) {
		match = (a & r->v[0]) == r->v[0];
	} else {
		for (unsigned i = 0; i < r->nv; i++)
			match |= a == r->v[i];
	}
	return match ? r->match_blocks : !r->match_blocks;
}

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct lw_builtin *)elem)->name);
}

const struct lw_builtin *lw_builtin_find(const char *name)
{
	return name ? bsearch(name, table, NTABLE, sizeof(table[0]), cmp_name) : NULL;
}

const struct lw_builtin *lw_builtin_with_args(const struct lw_builtin *e, unsigned argc,
					      const int64_t *argv_const, const uint8_t *has_const)
{
	if (!e || !(e->flags & LW_BF_ARGDEP))
		return e;
	const struct arg_rule *r = find_rule(e->name);
	if (!r || rule_blocks(r, argc, argv_const, has_const))
		return e;
	return &r->quiet;
}

const struct lw_builtin *lw_builtin_lookup(const char *name, unsigned argc,
					   const int64_t *argv_const, const uint8_t *has_const)
{
	return lw_builtin_with_args(lw_builtin_find(name), argc, argv_const, has_const);
}

const struct lw_builtin *lw_builtin_table(unsigned *count)
{
	if (count)
		*count = (unsigned)NTABLE;
	return table;
}

const char *lw_builtin_argdep_text(const char *name)
{
	const struct arg_rule *r = name ? find_rule(name) : NULL;
	return r ? r->text : NULL;
}
