/*
 * test_builtins.c - unit tests for the built-in function table (builtins.c).
 *
 * Checks the table's shape (sorted, no duplicates, fields consistent with the
 * op), representative lookups in every category and op, the argument-dependent
 * entries, and that docs/builtins.md names every entry.  Must not depend on
 * anything but builtins.c and cmocka.
 *
 * Usage: test_builtins DOCS/builtins.md   (or LW_DOCS_DIR=DOCS test_builtins)
 *        test_builtins --list             prints the generated lists of docs/builtins.md
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

static const char *docs_path;

static const struct lw_builtin *look(const char *name)
{
	return lw_builtin_lookup(name, 0, NULL, NULL);
}

/* Looks name up with argument idx known to be k and the others unknown. */
static const struct lw_builtin *look_arg(const char *name, unsigned idx, int64_t k)
{
	int64_t v[8] = { 0 };
	uint8_t has[8] = { 0 };
	v[idx] = k;
	has[idx] = 1;
	return lw_builtin_lookup(name, 8, v, has);
}

static int cat_of(const struct lw_builtin *b)
{
	assert_non_null(b);
	return b->block_cat;
}

static const struct lw_builtin *expect(const char *name, enum lw_lock_op op)
{
	const struct lw_builtin *b = look(name);
	if (!b)
		fail_msg("'%s' is not in the table", name);
	if (b->op != op)
		fail_msg("'%s': op %d, expected %d", name, (int)b->op, (int)op);
	return b;
}

static void expect_blocking(const char *name, enum lw_block_cat cat)
{
	const struct lw_builtin *b = look(name);
	if (!b)
		fail_msg("'%s' is not in the table", name);
	if (b->block_cat != (int)cat)
		fail_msg("'%s': category %d, expected %s", name, b->block_cat,
			 lw_block_cat_name(cat));
}

/* ---- the table's shape ---------------------------------------------------- */

static void test_table_sorted_unique(void **state)
{
	(void)state;
	unsigned n;
	const struct lw_builtin *t = lw_builtin_table(&n);
	assert_non_null(t);
	assert_true(n > 0);
	for (unsigned i = 1; i < n; i++) {
		int c = strcmp(t[i - 1].name, t[i].name);
		if (c == 0)
			fail_msg("duplicate entry '%s'", t[i].name);
		if (c > 0)
			fail_msg("'%s' is out of place: it must come before '%s'",
				 t[i].name, t[i - 1].name);
	}
	/* Every entry must be found by its own name, i.e. the search agrees
	 * with the order. */
	for (unsigned i = 0; i < n; i++) {
		const struct lw_builtin *b = look(t[i].name);
		assert_non_null(b);
		assert_string_equal(b->name, t[i].name);
	}
}

static int is_lock_op(enum lw_lock_op op)
{
	return op >= LW_OP_ACQUIRE && op <= LW_OP_GUARD_RELEASE;
}

static int is_try(enum lw_lock_op op)
{
	return op == LW_OP_TRY_ACQUIRE || op == LW_OP_TRY_ACQUIRE_SHARED;
}

static void test_entries_consistent(void **state)
{
	(void)state;
	unsigned n;
	const struct lw_builtin *t = lw_builtin_table(&n);
	for (unsigned i = 0; i < n; i++) {
		const struct lw_builtin *b = &t[i];
		const char *nm = b->name;
		if (!nm || !*nm)
			fail_msg("entry %u has no name", i);
		if (b->op < LW_OP_NONE || b->op > LW_OP_ATOMIC)
			fail_msg("'%s': bad op", nm);
		if (b->block_cat < -1 || b->block_cat >= LW_BLK__COUNT)
			fail_msg("'%s': bad category", nm);
		if (is_lock_op(b->op) != (b->lock_arg >= 0))
			fail_msg("'%s': lock_arg must be set exactly for lock ops", nm);
		if (!is_try(b->op) && b->try_ret != 0)
			fail_msg("'%s': try_ret on a non-try entry", nm);
		if (b->op == LW_OP_WAIT && (b->lock_arg != 1 || b->block_cat != LW_BLK_WAIT))
			fail_msg("'%s': waits name the mutex as argument 1 and block as 'wait'", nm);
		if (b->op != LW_OP_NONE && b->op != LW_OP_WAIT && b->block_cat >= 0)
			fail_msg("'%s': only plain functions and waits are blocking", nm);
		if ((b->flags & LW_BF_ALLOCATOR) && (b->op != LW_OP_NONE || b->block_cat >= 0))
			fail_msg("'%s': allocators are plain, not blocking", nm);
		if ((b->flags & LW_BF_SHARED) &&
		    b->op != LW_OP_GUARD_ACQUIRE && b->op != LW_OP_GUARD_RELEASE)
			fail_msg("'%s': LW_BF_SHARED is for guard ops", nm);
		if ((b->flags & LW_BF_NORETURN) && (b->op != LW_OP_NONE || b->block_cat >= 0))
			fail_msg("'%s': noreturn entries carry nothing else", nm);
		/* An argument-dependent entry shows its blocking form in the table,
		 * has a rule, and its quiet form differs only in block_cat. */
		if (b->flags & LW_BF_ARGDEP) {
			if (b->block_cat < 0)
				fail_msg("'%s': LW_BF_ARGDEP entry without a category", nm);
			if (!lw_builtin_argdep_text(nm))
				fail_msg("'%s': LW_BF_ARGDEP entry without a rule", nm);
		} else if (lw_builtin_argdep_text(nm)) {
			fail_msg("'%s': has a rule but no LW_BF_ARGDEP", nm);
		}
	}
}

/* Finds, for each ARGDEP entry, an argument value that makes it quiet and
 * checks the quiet copy matches the table entry. */
static void test_argdep_quiet_copies(void **state)
{
	(void)state;
	static const int64_t probes[] = { 0, 1, 2, 3, 4, 8, 0x40, -1 };
	unsigned n;
	const struct lw_builtin *t = lw_builtin_table(&n);
	for (unsigned i = 0; i < n; i++) {
		const struct lw_builtin *b = &t[i];
		if (!(b->flags & LW_BF_ARGDEP))
			continue;
		int found = 0;
		for (unsigned a = 0; a < 7 && !found; a++) {
			for (size_t p = 0; p < sizeof(probes) / sizeof(probes[0]); p++) {
				const struct lw_builtin *q = look_arg(b->name, a, probes[p]);
				assert_non_null(q);
				if (q->block_cat >= 0)
					continue;
				found = 1;
				assert_ptr_not_equal(q, b);
				assert_string_equal(q->name, b->name);
				assert_int_equal(q->op, b->op);
				assert_int_equal(q->lock_arg, b->lock_arg);
				assert_int_equal(q->try_ret, b->try_ret);
				assert_int_equal(q->flags, b->flags);
				break;
			}
		}
		if (!found) {
			/* Rules whose default is quiet need no probe. */
			if (look(b->name)->block_cat >= 0)
				fail_msg("'%s': no argument value makes it non-blocking", b->name);
		}
	}
}

/* ---- lookups ---------------------------------------------------------------- */

static void test_lookup_locks(void **state)
{
	(void)state;
	const struct lw_builtin *b;

	b = expect("pthread_mutex_lock", LW_OP_ACQUIRE);
	assert_int_equal(b->lock_arg, 0);
	assert_int_equal(b->block_cat, -1); /* a lock is not "blocking" here */
	expect("pthread_mutex_unlock", LW_OP_RELEASE);
	b = expect("pthread_mutex_trylock", LW_OP_TRY_ACQUIRE);
	assert_int_equal(b->try_ret, 0);
	b = expect("pthread_mutex_timedlock", LW_OP_TRY_ACQUIRE);
	assert_int_equal(b->try_ret, 0);
	assert_int_equal(b->block_cat, -1);
	expect("pthread_mutex_clocklock", LW_OP_TRY_ACQUIRE);
	expect("pthread_rwlock_rdlock", LW_OP_ACQUIRE_SHARED);
	expect("pthread_rwlock_wrlock", LW_OP_ACQUIRE);
	expect("pthread_rwlock_tryrdlock", LW_OP_TRY_ACQUIRE_SHARED);
	expect("pthread_rwlock_trywrlock", LW_OP_TRY_ACQUIRE);
	expect("pthread_rwlock_timedrdlock", LW_OP_TRY_ACQUIRE_SHARED);
	expect("pthread_rwlock_timedwrlock", LW_OP_TRY_ACQUIRE);
	expect("pthread_rwlock_unlock", LW_OP_RELEASE);
	expect("pthread_spin_lock", LW_OP_ACQUIRE);
	expect("pthread_spin_trylock", LW_OP_TRY_ACQUIRE);
	expect("pthread_spin_unlock", LW_OP_RELEASE);

	b = expect("pthread_cond_wait", LW_OP_WAIT);
	assert_int_equal(b->lock_arg, 1);
	assert_int_equal(b->block_cat, LW_BLK_WAIT);
	b = expect("pthread_cond_timedwait", LW_OP_WAIT);
	assert_int_equal(b->lock_arg, 1);
	expect("pthread_cond_clockwait", LW_OP_WAIT);

	expect("mtx_lock", LW_OP_ACQUIRE);
	b = expect("mtx_trylock", LW_OP_TRY_ACQUIRE);
	assert_int_equal(b->try_ret, 0); /* thrd_success */
	expect("mtx_timedlock", LW_OP_TRY_ACQUIRE);
	expect("mtx_unlock", LW_OP_RELEASE);
	assert_int_equal(expect("cnd_wait", LW_OP_WAIT)->lock_arg, 1);
	expect("cnd_timedwait", LW_OP_WAIT);

	expect("g_mutex_lock", LW_OP_ACQUIRE);
	expect("g_mutex_unlock", LW_OP_RELEASE);
	b = expect("g_mutex_trylock", LW_OP_TRY_ACQUIRE);
	assert_int_equal(b->try_ret, 1); /* TRUE */
	b = expect("g_rec_mutex_lock", LW_OP_ACQUIRE);
	assert_true(b->flags & LW_BF_RECURSIVE);
	assert_false(look("g_mutex_lock")->flags & LW_BF_RECURSIVE);
	b = expect("g_rec_mutex_trylock", LW_OP_TRY_ACQUIRE);
	assert_true(b->flags & LW_BF_RECURSIVE);
	assert_int_equal(b->try_ret, 1);
	expect("g_rec_mutex_unlock", LW_OP_RELEASE);
	expect("g_rw_lock_writer_lock", LW_OP_ACQUIRE);
	expect("g_rw_lock_writer_unlock", LW_OP_RELEASE);
	assert_int_equal(expect("g_rw_lock_writer_trylock", LW_OP_TRY_ACQUIRE)->try_ret, 1);
	expect("g_rw_lock_reader_lock", LW_OP_ACQUIRE_SHARED);
	expect("g_rw_lock_reader_unlock", LW_OP_RELEASE);
	assert_int_equal(expect("g_rw_lock_reader_trylock", LW_OP_TRY_ACQUIRE_SHARED)->try_ret, 1);
	assert_int_equal(expect("g_cond_wait", LW_OP_WAIT)->lock_arg, 1);
	expect("g_cond_wait_until", LW_OP_WAIT);

	b = expect("g_mutex_locker_new", LW_OP_GUARD_ACQUIRE);
	assert_int_equal(b->lock_arg, 0);
	b = expect("g_mutex_locker_free", LW_OP_GUARD_RELEASE);
	assert_int_equal(b->lock_arg, 0);
	assert_true(expect("g_rec_mutex_locker_new", LW_OP_GUARD_ACQUIRE)->flags & LW_BF_RECURSIVE);
	expect("g_rec_mutex_locker_free", LW_OP_GUARD_RELEASE);
	b = expect("g_rw_lock_writer_locker_new", LW_OP_GUARD_ACQUIRE);
	assert_false(b->flags & LW_BF_SHARED);
	expect("g_rw_lock_writer_locker_free", LW_OP_GUARD_RELEASE);
	b = expect("g_rw_lock_reader_locker_new", LW_OP_GUARD_ACQUIRE);
	assert_true(b->flags & LW_BF_SHARED);
	expect("g_rw_lock_reader_locker_free", LW_OP_GUARD_RELEASE);

	/* Neither lock ops nor blocking. */
	assert_null(look("pthread_cond_signal"));
	assert_null(look("pthread_mutex_init"));
	assert_null(look("sem_post"));
}

static void test_lookup_rcu(void **state)
{
	(void)state;
	static const char *const flav[] = { "memb", "mb", "bp", "qsbr", "signal" };
	static const char *const compat[] = { "memb", "mb", "bp", "qsbr", "sig" };
	char buf[96];

	expect("rcu_read_lock", LW_OP_RCU_READ_LOCK);
	expect("rcu_read_unlock", LW_OP_RCU_READ_UNLOCK);
	for (int i = 0; i < 5; i++) {
		snprintf(buf, sizeof buf, "urcu_%s_read_lock", flav[i]);
		expect(buf, LW_OP_RCU_READ_LOCK);
		snprintf(buf, sizeof buf, "urcu_%s_read_unlock", flav[i]);
		expect(buf, LW_OP_RCU_READ_UNLOCK);
		snprintf(buf, sizeof buf, "_urcu_%s_read_lock", flav[i]);
		expect(buf, LW_OP_RCU_READ_LOCK);
		snprintf(buf, sizeof buf, "_urcu_%s_read_unlock", flav[i]);
		expect(buf, LW_OP_RCU_READ_UNLOCK);
		snprintf(buf, sizeof buf, "urcu_%s_synchronize_rcu", flav[i]);
		expect_blocking(buf, LW_BLK_RCU);
		snprintf(buf, sizeof buf, "urcu_%s_barrier", flav[i]);
		expect_blocking(buf, LW_BLK_RCU);
		snprintf(buf, sizeof buf, "urcu_%s_call_rcu", flav[i]);
		assert_int_equal(cat_of(expect(buf, LW_OP_NONE)), -1);
		snprintf(buf, sizeof buf, "rcu_read_lock_%s", compat[i]);
		expect(buf, LW_OP_RCU_READ_LOCK);
		snprintf(buf, sizeof buf, "rcu_read_unlock_%s", compat[i]);
		expect(buf, LW_OP_RCU_READ_UNLOCK);
		snprintf(buf, sizeof buf, "synchronize_rcu_%s", compat[i]);
		expect_blocking(buf, LW_BLK_RCU);
	}

	expect("rcu_dereference", LW_OP_RCU_DEREF);
	expect("rcu_dereference_sym", LW_OP_RCU_DEREF);
	expect("urcu_bp_dereference_sym", LW_OP_RCU_DEREF);
	expect("rcu_assign_pointer", LW_OP_RCU_PUBLISH);
	expect("rcu_set_pointer", LW_OP_RCU_PUBLISH);
	expect("rcu_set_pointer_sym", LW_OP_RCU_PUBLISH);
	expect("rcu_xchg_pointer", LW_OP_RCU_PUBLISH);
	expect("rcu_xchg_pointer_sym", LW_OP_RCU_PUBLISH);
	expect("rcu_cmpxchg_pointer", LW_OP_RCU_PUBLISH);
	expect("rcu_cmpxchg_pointer_sym", LW_OP_RCU_PUBLISH);

	expect_blocking("synchronize_rcu", LW_BLK_RCU);
	expect_blocking("rcu_barrier", LW_BLK_RCU);
	expect_blocking("defer_rcu", LW_BLK_RCU);
	expect_blocking("rcu_defer_barrier", LW_BLK_RCU);
	const struct lw_builtin *b = expect("call_rcu", LW_OP_NONE);
	assert_int_equal(b->block_cat, -1);
}

static void test_lookup_atomics(void **state)
{
	(void)state;
	static const char *const sync_ops[] = {
		"fetch_and_add", "fetch_and_sub", "fetch_and_or", "fetch_and_and",
		"fetch_and_xor", "fetch_and_nand", "add_and_fetch", "sub_and_fetch",
		"or_and_fetch", "and_and_fetch", "xor_and_fetch", "nand_and_fetch",
		"bool_compare_and_swap", "val_compare_and_swap", "lock_test_and_set",
		"lock_release", "swap"
	};
	static const int sizes[] = { 1, 2, 4, 8, 16 };
	char buf[96];
	for (size_t i = 0; i < sizeof(sync_ops) / sizeof(sync_ops[0]); i++) {
		snprintf(buf, sizeof buf, "__sync_%s", sync_ops[i]);
		expect(buf, LW_OP_ATOMIC);
		/* Clang's AST names the sized builtin. */
		for (int s = 0; s < 5; s++) {
			snprintf(buf, sizeof buf, "__sync_%s_%d", sync_ops[i], sizes[s]);
			expect(buf, LW_OP_ATOMIC);
		}
	}
	expect("__sync_synchronize", LW_OP_ATOMIC);

	static const char *const names[] = {
		"__atomic_load", "__atomic_load_n", "__atomic_store", "__atomic_store_n",
		"__atomic_exchange", "__atomic_exchange_n", "__atomic_compare_exchange",
		"__atomic_compare_exchange_n", "__atomic_fetch_add", "__atomic_fetch_sub",
		"__atomic_fetch_and", "__atomic_fetch_or", "__atomic_fetch_xor",
		"__atomic_fetch_nand", "__atomic_add_fetch", "__atomic_sub_fetch",
		"__atomic_and_fetch", "__atomic_or_fetch", "__atomic_xor_fetch",
		"__atomic_nand_fetch", "__atomic_test_and_set", "__atomic_clear",
		"__c11_atomic_load", "__c11_atomic_store", "__c11_atomic_exchange",
		"__c11_atomic_compare_exchange_strong", "__c11_atomic_fetch_add",
		"atomic_load", "atomic_load_explicit", "atomic_store_explicit",
		"atomic_exchange", "atomic_fetch_add", "atomic_fetch_sub_explicit",
		"atomic_compare_exchange_strong", "atomic_compare_exchange_weak_explicit",
		"atomic_flag_test_and_set", "atomic_flag_clear_explicit",
		"g_atomic_int_get", "g_atomic_int_set", "g_atomic_int_inc",
		"g_atomic_int_dec_and_test", "g_atomic_int_add", "g_atomic_int_and",
		"g_atomic_int_or", "g_atomic_int_xor", "g_atomic_int_compare_and_exchange",
		"g_atomic_int_exchange", "g_atomic_pointer_get", "g_atomic_pointer_set",
		"g_atomic_pointer_add", "g_atomic_pointer_and", "g_atomic_pointer_or",
		"g_atomic_pointer_xor", "g_atomic_pointer_compare_and_exchange",
		"g_atomic_pointer_exchange", "__uatomic_cmpxchg",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct lw_builtin *b = expect(names[i], LW_OP_ATOMIC);
		assert_int_equal(b->block_cat, -1);
	}
	expect("__atomic_thread_fence", LW_OP_ATOMIC);
	expect("atomic_thread_fence", LW_OP_ATOMIC);
	/* Initialization through the atomic API counts as an atomic access. */
	expect("atomic_init", LW_OP_ATOMIC);
	expect("__c11_atomic_init", LW_OP_ATOMIC);
	/* Queries, not accesses. */
	assert_null(look("__atomic_is_lock_free"));
	assert_null(look("__atomic_always_lock_free"));
}

static void test_lookup_blocking(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum lw_block_cat cat;
	} cases[] = {
		{ "sleep", LW_BLK_SLEEP }, { "usleep", LW_BLK_SLEEP },
		{ "nanosleep", LW_BLK_SLEEP }, { "clock_nanosleep", LW_BLK_SLEEP },
		{ "g_usleep", LW_BLK_SLEEP }, { "pause", LW_BLK_SLEEP },
		{ "sigtimedwait", LW_BLK_SLEEP },
		{ "wait", LW_BLK_WAIT }, { "waitpid", LW_BLK_WAIT },
		{ "pthread_join", LW_BLK_WAIT }, { "sem_wait", LW_BLK_WAIT },
		{ "sem_timedwait", LW_BLK_WAIT }, { "pthread_barrier_wait", LW_BLK_WAIT },
		{ "g_thread_join", LW_BLK_WAIT },
		{ "poll", LW_BLK_POLL }, { "ppoll", LW_BLK_POLL }, { "select", LW_BLK_POLL },
		{ "epoll_wait", LW_BLK_POLL }, { "epoll_pwait2", LW_BLK_POLL },
		{ "g_poll", LW_BLK_POLL }, { "g_main_loop_run", LW_BLK_POLL },
		{ "connect", LW_BLK_NET }, { "accept4", LW_BLK_NET }, { "recv", LW_BLK_NET },
		{ "sendmsg", LW_BLK_NET }, { "getaddrinfo", LW_BLK_NET },
		{ "gethostbyname_r", LW_BLK_NET }, { "res_search", LW_BLK_NET },
		{ "getpwnam_r", LW_BLK_NET },
		{ "open", LW_BLK_FS }, { "stat", LW_BLK_FS }, { "lstat", LW_BLK_FS },
		{ "fstat", LW_BLK_FS }, { "statx", LW_BLK_FS }, { "access", LW_BLK_FS },
		{ "realpath", LW_BLK_FS }, { "readdir", LW_BLK_FS }, { "fsync", LW_BLK_FS },
		{ "rename", LW_BLK_FS }, { "lgetxattr", LW_BLK_FS }, { "umount2", LW_BLK_FS },
		{ "fopen", LW_BLK_FS }, { "fclose", LW_BLK_FS }, { "dlopen", LW_BLK_FS },
		{ "setfilecon", LW_BLK_FS }, { "lsetfilecon_raw", LW_BLK_FS },
		{ "g_file_get_contents", LW_BLK_FS },
		{ "read", LW_BLK_IO }, { "pread64", LW_BLK_IO }, { "write", LW_BLK_IO },
		{ "fread", LW_BLK_IO }, { "fwrite", LW_BLK_IO }, { "fgets", LW_BLK_IO },
		{ "getc", LW_BLK_IO }, { "getline", LW_BLK_IO }, { "fscanf", LW_BLK_IO },
		{ "fflush", LW_BLK_IO }, { "splice", LW_BLK_IO }, { "copy_file_range", LW_BLK_IO },
		{ "system", LW_BLK_PROCESS }, { "popen", LW_BLK_PROCESS },
		{ "pclose", LW_BLK_PROCESS }, { "fork", LW_BLK_PROCESS },
		{ "execvp", LW_BLK_PROCESS }, { "posix_spawn", LW_BLK_PROCESS },
		{ "g_spawn_sync", LW_BLK_PROCESS }, { "g_spawn_command_line_sync", LW_BLK_PROCESS },
		{ "flock", LW_BLK_FILELOCK },
		{ "synchronize_rcu", LW_BLK_RCU }, { "rcu_barrier", LW_BLK_RCU },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		expect_blocking(cases[i].name, cases[i].cat);
		assert_int_equal(look(cases[i].name)->op, LW_OP_NONE);
	}

	/* Every category has members. */
	unsigned n, count[LW_BLK__COUNT] = { 0 };
	const struct lw_builtin *t = lw_builtin_table(&n);
	for (unsigned i = 0; i < n; i++)
		if (t[i].block_cat >= 0)
			count[t[i].block_cat]++;
	for (int c = 0; c < LW_BLK__COUNT; c++)
		if (!count[c])
			fail_msg("category '%s' is empty", lw_block_cat_name((enum lw_block_cat)c));

	/* Deliberately left out: see docs/builtins.md. */
	static const char *const out[] = {
		"close", "fdopen", "printf", "fprintf", "fputs", "puts", "free",
		"ioctl", "lseek", "sched_yield", "pthread_create", "socket", "pipe",
		"epoll_ctl", "sem_trywait", "fseek",
	};
	for (size_t i = 0; i < sizeof(out) / sizeof(out[0]); i++)
		if (look(out[i]))
			fail_msg("'%s' is deliberately not in the table", out[i]);
}

static void test_noreturn(void **state)
{
	(void)state;
	static const char *const names[] = {
		"abort", "exit", "_exit", "_Exit", "pthread_exit", "longjmp",
		"siglongjmp", "__assert_fail", "g_assertion_message_expr",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct lw_builtin *b = expect(names[i], LW_OP_NONE);
		assert_true(b->flags & LW_BF_NORETURN);
		assert_int_equal(b->block_cat, -1);
	}
	/* exec* returns on failure. */
	assert_false(look("execv")->flags & LW_BF_NORETURN);
}

/* ---- argument-dependent entries ------------------------------------------- */

enum { F_GETFL_ = 3, F_SETLK_ = 6, F_SETLKW_ = 7, F_OFD_SETLKW_ = 38 };

static void test_fcntl(void **state)
{
	(void)state;
	static const char *const names[] = { "fcntl", "fcntl64" };
	for (int i = 0; i < 2; i++) {
		const char *f = names[i];
		assert_int_equal(cat_of(look_arg(f, 1, F_SETLKW_)), LW_BLK_FILELOCK);
		assert_int_equal(cat_of(look_arg(f, 1, F_OFD_SETLKW_)), LW_BLK_FILELOCK);
		assert_int_equal(cat_of(look_arg(f, 1, F_GETFL_)), -1);
		assert_int_equal(cat_of(look_arg(f, 1, F_SETLK_)), -1);
		/* Unknown command: not blocking. */
		assert_int_equal(cat_of(look(f)), -1);
		/* F_SETLKW as argument 0 is the fd, not the command. */
		assert_int_equal(cat_of(look_arg(f, 0, F_SETLKW_)), -1);
		int64_t v[3] = { 5, F_SETLKW_, 0 };
		uint8_t has[3] = { 0, 0, 0 };
		assert_int_equal(cat_of(lw_builtin_lookup(f, 3, v, has)), -1);
		/* argc too short to hold the command. */
		assert_int_equal(cat_of(lw_builtin_lookup(f, 1, v, (uint8_t[]){ 1, 1 })), -1);
		/* The returned quiet entry keeps the name. */
		assert_string_equal(look_arg(f, 1, F_GETFL_)->name, f);
	}
	/* The table itself shows the blocking form. */
	unsigned n;
	const struct lw_builtin *t = lw_builtin_table(&n);
	const struct lw_builtin *blk = look_arg("fcntl", 1, F_SETLKW_);
	assert_true(blk >= t && blk < t + n);
	assert_true(blk->flags & LW_BF_ARGDEP);
	assert_non_null(lw_builtin_argdep_text("fcntl"));
}

static void test_lockf_flock(void **state)
{
	(void)state;
	enum { F_ULOCK_ = 0, F_LOCK_ = 1, F_TLOCK_ = 2, F_TEST_ = 3 };
	enum { LOCK_SH_ = 1, LOCK_EX_ = 2, LOCK_NB_ = 4, LOCK_UN_ = 8 };
	assert_int_equal(cat_of(look_arg("lockf", 1, F_LOCK_)), LW_BLK_FILELOCK);
	assert_int_equal(cat_of(look_arg("lockf", 1, F_TLOCK_)), -1);
	assert_int_equal(cat_of(look_arg("lockf", 1, F_TEST_)), -1);
	assert_int_equal(cat_of(look_arg("lockf", 1, F_ULOCK_)), -1);
	assert_int_equal(cat_of(look("lockf")), -1);
	assert_int_equal(cat_of(look_arg("lockf64", 1, F_LOCK_)), LW_BLK_FILELOCK);

	assert_int_equal(cat_of(look_arg("flock", 1, LOCK_EX_)), LW_BLK_FILELOCK);
	assert_int_equal(cat_of(look_arg("flock", 1, LOCK_SH_)), LW_BLK_FILELOCK);
	assert_int_equal(cat_of(look_arg("flock", 1, LOCK_EX_ | LOCK_NB_)), -1);
	assert_int_equal(cat_of(look_arg("flock", 1, LOCK_UN_)), -1);
	assert_int_equal(cat_of(look("flock")), LW_BLK_FILELOCK);
}

static void test_other_argdep(void **state)
{
	(void)state;
	enum { WNOHANG_ = 1, MSG_DONTWAIT_ = 0x40, MSG_PEEK_ = 2, O_NONBLOCK_ = 04000 };
	assert_int_equal(cat_of(look_arg("waitpid", 2, WNOHANG_)), -1);
	assert_int_equal(cat_of(look_arg("waitpid", 2, 0)), LW_BLK_WAIT);
	assert_int_equal(cat_of(look_arg("wait3", 1, WNOHANG_)), -1);
	assert_int_equal(cat_of(look_arg("wait4", 2, WNOHANG_)), -1);
	assert_int_equal(cat_of(look_arg("waitid", 3, 4 | WNOHANG_)), -1);
	assert_int_equal(cat_of(look_arg("waitid", 3, 4)), LW_BLK_WAIT);

	assert_int_equal(cat_of(look_arg("recv", 3, MSG_DONTWAIT_ | MSG_PEEK_)), -1);
	assert_int_equal(cat_of(look_arg("recv", 3, MSG_PEEK_)), LW_BLK_NET);
	assert_int_equal(cat_of(look_arg("recvmsg", 2, MSG_DONTWAIT_)), -1);
	assert_int_equal(cat_of(look_arg("sendto", 3, MSG_DONTWAIT_)), -1);
	assert_int_equal(cat_of(look_arg("sendmsg", 2, 0)), LW_BLK_NET);

	assert_int_equal(cat_of(look_arg("poll", 2, 0)), -1);
	assert_int_equal(cat_of(look_arg("poll", 2, -1)), LW_BLK_POLL);
	assert_int_equal(cat_of(look_arg("poll", 2, 100)), LW_BLK_POLL);
	assert_int_equal(cat_of(look_arg("epoll_wait", 3, 0)), -1);
	assert_int_equal(cat_of(look_arg("g_poll", 2, 0)), -1);

	assert_int_equal(cat_of(look_arg("g_main_context_iteration", 1, 1)), LW_BLK_POLL);
	assert_int_equal(cat_of(look_arg("g_main_context_iteration", 1, 0)), -1);
	assert_int_equal(cat_of(look("g_main_context_iteration")), -1);

	/* O_NONBLOCK does not make an open non-blocking: no rule. */
	assert_int_equal(cat_of(look_arg("open", 1, O_NONBLOCK_)), LW_BLK_FS);
	assert_int_equal(cat_of(look_arg("openat", 2, O_NONBLOCK_)), LW_BLK_FS);
	assert_null(lw_builtin_argdep_text("open"));
}

static void test_unknown(void **state)
{
	(void)state;
	assert_null(look("virMutexLock"));
	assert_null(look("qemuDriverLock"));
	assert_null(look(""));
	assert_null(look(NULL));
	assert_null(look("pthread_mutex"));      /* a prefix of an entry */
	assert_null(look("pthread_mutex_lockx")); /* an entry is a prefix of it */
	assert_null(look("Sleep"));              /* case matters */
	assert_null(look("zzzz"));               /* past the end */
	assert_null(look("\x01"));               /* before the start */
}

static void test_cat_parse(void **state)
{
	(void)state;
	for (int c = 0; c < LW_BLK__COUNT; c++) {
		const char *nm = lw_block_cat_name((enum lw_block_cat)c);
		assert_non_null(nm);
		assert_int_equal(lw_block_cat_parse(nm, strlen(nm)), c);
	}
	assert_string_equal(lw_block_cat_name(LW_BLK_FS), "fs");
	assert_string_equal(lw_block_cat_name(LW_BLK_FILELOCK), "filelock");
	assert_null(lw_block_cat_name(LW_BLK__COUNT));
	assert_int_equal(lw_block_cat_parse("fs,io", 2), LW_BLK_FS);
	assert_int_equal(lw_block_cat_parse("io", 2), LW_BLK_IO);
	assert_int_equal(lw_block_cat_parse("fsx", 3), -1);
	assert_int_equal(lw_block_cat_parse("f", 1), -1);
	assert_int_equal(lw_block_cat_parse("FS", 2), -1);
	assert_int_equal(lw_block_cat_parse("", 0), -1);
	assert_int_equal(lw_block_cat_parse(NULL, 0), -1);
}

/* ---- the doc ------------------------------------------------------------------ */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len - 1 == 0) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

static void test_docs_mention_every_name(void **state)
{
	(void)state;
	if (!docs_path)
		fail_msg("no docs path: pass docs/builtins.md as argument 1 or set LW_DOCS_DIR");
	char *doc = read_file(docs_path);
	if (!doc)
		fail_msg("cannot read '%s'", docs_path);
	unsigned n, missing = 0;
	const struct lw_builtin *t = lw_builtin_table(&n);
	char needle[128];
	for (unsigned i = 0; i < n; i++) {
		snprintf(needle, sizeof needle, "`%s`", t[i].name);
		if (!strstr(doc, needle)) {
			print_error("%s does not mention %s\n", docs_path, needle);
			missing++;
		}
	}
	free(doc);
	if (missing)
		fail_msg("%u table entries missing from %s (regenerate its lists with "
			 "'test_builtins --list')", missing, docs_path);
}

/* ---- --list: the generated part of docs/builtins.md ---------------------------- */

static void print_names(const struct lw_builtin *t, unsigned n,
			int (*pick)(const struct lw_builtin *, const void *), const void *arg)
{
	unsigned col = 0, count = 0;
	for (unsigned i = 0; i < n; i++) {
		if (!pick(&t[i], arg))
			continue;
		size_t w = strlen(t[i].name) + 4;
		if (count && col + w > 96) {
			printf(",\n");
			col = 0;
		} else if (count) {
			printf(", ");
		}
		printf("`%s`", t[i].name);
		col += (unsigned)w;
		count++;
	}
	if (count)
		printf(".\n");
}

static unsigned count_picked(const struct lw_builtin *t, unsigned n,
			     int (*pick)(const struct lw_builtin *, const void *), const void *arg)
{
	unsigned c = 0;
	for (unsigned i = 0; i < n; i++)
		c += pick(&t[i], arg) != 0;
	return c;
}

static int pick_cat(const struct lw_builtin *b, const void *arg)
{
	return b->op == LW_OP_NONE && b->block_cat == *(const int *)arg;
}

static int pick_prefix(const struct lw_builtin *b, const void *arg)
{
	const char *p = arg;
	return b->op == LW_OP_ATOMIC && !strncmp(b->name, p, strlen(p));
}

static int pick_stdatomic(const struct lw_builtin *b, const void *arg)
{
	(void)arg;
	return b->op == LW_OP_ATOMIC && !strncmp(b->name, "atomic_", 7);
}

static int pick_rcu_op(const struct lw_builtin *b, const void *arg)
{
	return b->op == *(const enum lw_lock_op *)arg;
}

static int pick_known(const struct lw_builtin *b, const void *arg)
{
	(void)arg;
	return b->op == LW_OP_NONE && b->block_cat < 0 &&
	       !(b->flags & (LW_BF_NORETURN | LW_BF_ALLOCATOR));
}

static int pick_allocator(const struct lw_builtin *b, const void *arg)
{
	(void)arg;
	return (b->flags & LW_BF_ALLOCATOR) != 0;
}

static int pick_noreturn(const struct lw_builtin *b, const void *arg)
{
	(void)arg;
	return (b->flags & LW_BF_NORETURN) != 0;
}

static const char *op_name(enum lw_lock_op op)
{
	switch (op) {
	case LW_OP_ACQUIRE: return "acquire";
	case LW_OP_ACQUIRE_SHARED: return "acquire shared";
	case LW_OP_TRY_ACQUIRE: return "try-acquire";
	case LW_OP_TRY_ACQUIRE_SHARED: return "try-acquire shared";
	case LW_OP_RELEASE: return "release";
	case LW_OP_TESTS_HELD: return "is it held? (query)";
	case LW_OP_WAIT: return "wait (releases, blocks, retakes)";
	case LW_OP_GUARD_ACQUIRE: return "guard acquire";
	case LW_OP_GUARD_RELEASE: return "guard release";
	default: return "?";
	}
}

static int list_tables(void)
{
	unsigned n;
	const struct lw_builtin *t = lw_builtin_table(&n);

	printf("<!-- generated by `test_builtins --list`: %u entries -->\n\n", n);
	printf("### Lock operations\n\n");
	printf("| function | operation | lock argument | success when it returns | flags |\n");
	printf("|---|---|---|---|---|\n");
	for (unsigned i = 0; i < n; i++) {
		const struct lw_builtin *b = &t[i];
		if (b->op < LW_OP_ACQUIRE || b->op > LW_OP_GUARD_RELEASE)
			continue;
		char ret[16] = "";
		if (b->op == LW_OP_TRY_ACQUIRE || b->op == LW_OP_TRY_ACQUIRE_SHARED)
			snprintf(ret, sizeof ret, "%d", (int)b->try_ret);
		char fl[64] = "";
		if (b->flags & LW_BF_RECURSIVE)
			strcat(fl, ", recursive");
		if (b->op == LW_OP_TRY_ACQUIRE || b->op == LW_OP_TRY_ACQUIRE_SHARED)
			strcat(fl, ", may fail");
		if (b->flags & LW_BF_SHARED)
			strcat(fl, ", shared");
		if (b->block_cat >= 0)
			strcat(fl, ", blocking (wait)");
		printf("| `%s` | %s | %d | %s | %s |\n", b->name, op_name(b->op),
		       b->lock_arg, ret, fl[0] ? fl + 2 : "");
	}

	printf("\n### Blocking functions by category\n");
	for (int c = 0; c < LW_BLK__COUNT; c++) {
		printf("\n#### `%s` (%u)\n\n", lw_block_cat_name((enum lw_block_cat)c),
		       count_picked(t, n, pick_cat, &c));
		print_names(t, n, pick_cat, &c);
	}

	printf("\n### Argument-dependent entries\n\n");
	printf("| function | category | rule |\n|---|---|---|\n");
	for (unsigned i = 0; i < n; i++)
		if (t[i].flags & LW_BF_ARGDEP)
			printf("| `%s` | %s | %s |\n", t[i].name,
			       lw_block_cat_name((enum lw_block_cat)t[i].block_cat),
			       lw_builtin_argdep_text(t[i].name));

	printf("\n### RCU operations\n");
	static const struct {
		enum lw_lock_op op;
		const char *title;
	} rcu[] = {
		{ LW_OP_RCU_READ_LOCK, "Read-side section start" },
		{ LW_OP_RCU_READ_UNLOCK, "Read-side section end" },
		{ LW_OP_RCU_DEREF, "Dereference (argument 0 is the loaded pointer)" },
		{ LW_OP_RCU_PUBLISH, "Publication (argument 0 is the address of the location;"
				     " for `rcu_assign_pointer` and `_rcu_assign_pointer` the"
				     " location itself)" },
	};
	for (size_t k = 0; k < sizeof(rcu) / sizeof(rcu[0]); k++) {
		printf("\n%s (%u):\n", rcu[k].title, count_picked(t, n, pick_rcu_op, &rcu[k].op));
		print_names(t, n, pick_rcu_op, &rcu[k].op);
	}

	printf("\n### Atomic operations (argument 0 is the accessed address; fences have none)\n");
	static const struct {
		const char *prefix;
		const char *title;
	} fam[] = {
		{ "__sync_", "GCC `__sync` builtins, generic and sized" },
		{ "__atomic_", "GCC/Clang `__atomic` builtins" },
		{ "__c11_atomic_", "Clang `__c11_atomic` builtins" },
		{ "g_atomic_", "GLib" },
		{ "__uatomic_", "liburcu's x86 `uatomic` helpers" },
	};
	for (size_t k = 0; k < sizeof(fam) / sizeof(fam[0]); k++) {
		printf("\n%s (%u):\n", fam[k].title, count_picked(t, n, pick_prefix, fam[k].prefix));
		print_names(t, n, pick_prefix, fam[k].prefix);
		if (k == 2) {
			printf("\nC11 `<stdatomic.h>` (%u):\n", count_picked(t, n, pick_stdatomic, NULL));
			print_names(t, n, pick_stdatomic, NULL);
		}
	}

	printf("\n### Known, not blocking (%u)\n\n", count_picked(t, n, pick_known, NULL));
	print_names(t, n, pick_known, NULL);
	printf("\n### Allocators: fresh memory, not blocking (%u)\n\n",
	       count_picked(t, n, pick_allocator, NULL));
	print_names(t, n, pick_allocator, NULL);
	printf("\n### Do not return (%u)\n\n", count_picked(t, n, pick_noreturn, NULL));
	print_names(t, n, pick_noreturn, NULL);
	printf("\n<!-- end of generated lists -->\n");
	return 0;
}

int main(int argc, char **argv)
{
	static char envpath[4096];
	if (argc > 1 && !strcmp(argv[1], "--list"))
		return list_tables();
	if (argc > 1) {
		docs_path = argv[1];
	} else if (getenv("LW_DOCS_DIR")) {
		snprintf(envpath, sizeof envpath, "%s/builtins.md", getenv("LW_DOCS_DIR"));
		docs_path = envpath;
	}

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_sorted_unique),
		cmocka_unit_test(test_entries_consistent),
		cmocka_unit_test(test_argdep_quiet_copies),
		cmocka_unit_test(test_lookup_locks),
		cmocka_unit_test(test_lookup_rcu),
		cmocka_unit_test(test_lookup_atomics),
		cmocka_unit_test(test_lookup_blocking),
		cmocka_unit_test(test_noreturn),
		cmocka_unit_test(test_fcntl),
		cmocka_unit_test(test_lockf_flock),
		cmocka_unit_test(test_other_argdep),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_cat_parse),
		cmocka_unit_test(test_docs_mention_every_name),
	};
	return cmocka_run_group_tests_name("builtins", tests, NULL, NULL);
}
