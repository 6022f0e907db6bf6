/*
 * lockwarden.h - lock-discipline annotations for C.
 *
 * Include this header and annotate fields, locks and function prototypes with the LW_*
 * macros below.  One spelling serves four consumers:
 *
 *   lockwarden   The Clang plugin predefines LOCKWARDEN (to 1) when it runs; every macro then
 *                becomes __attribute__((annotate("lockwarden:<kind>(<args>)"))), with the
 *                arguments stringified exactly as written.  This is the only consumer that
 *                understands every macro.
 *   Clang TSA    Define LW_THREAD_SAFETY yourself (and build with -Wthread-safety) to also get
 *                Clang's thread-safety attributes where an equivalent exists.  Guarded fields
 *                need Clang >= 19 (older Clang rejects a sibling-field guard in a C struct).
 *   sparse       Under __CHECKER__, acquire/release/requires become sparse context()
 *                attributes; everything else is empty.
 *   GCC & co.    Every macro expands to nothing.
 *
 * Why the annotate form is off unless LOCKWARDEN is defined: annotate on a field makes Clang
 * emit an llvm.ptr.annotation call at every access of that field, and annotate on a function
 * adds an llvm.global.annotations entry, so an ordinary build would change its generated code.
 * The plugin run (normally -fsyntax-only) is the only build that needs the strings.
 *
 * Writing arguments:
 *   - Function annotations name locks in terms of the function's parameters (*m, vm->lock,
 *     driver->lock) or name a global lock.  Put them on the prototype in the header; the plugin
 *     merges all redeclarations.  (sparse checks a body only against the annotations written on
 *     its definition: see docs/annotations.md.)
 *   - Field annotations name a sibling field of the same struct, declared before the annotated
 *     field (LW_GUARDED_BY(lock), not LW_GUARDED_BY(&lock)), or a global lock.
 *   - The lock named must be a lock object, not a pointer to one.
 *
 * Full documentation: docs/annotations.md.
 *
 * This header uses only C89 preprocessor features and includes nothing.
 */
#ifndef LOCKWARDEN_H
#define LOCKWARDEN_H

/*
 * Internal carriers.  Each is empty unless its consumer is active:
 *   LW__ANN(s)            plugin string             (Clang, LOCKWARDEN defined)
 *   LW__TSA(a)            TSA attribute a           (Clang, LW_THREAD_SAFETY defined)
 *   LW__TSA_TRY(ret, x)   try_acquire_capability    (same; separate because of the comma)
 *   LW__TSA_FIELD(a)      TSA attribute on a field  (same, and Clang >= 19)
 *   LW__CTX(x, in, out)   sparse context attribute  (sparse)
 * sparse defines __GNUC__ but not __clang__; __CHECKER__ is tested first all the same.
 */
#if defined(__CHECKER__)
# define LW__CTX(x, in, out)   __attribute__((context(x, in, out)))
#else
# define LW__CTX(x, in, out)
#endif

#if !defined(__CHECKER__) && defined(__clang__) && defined(LOCKWARDEN)
# define LW__ANN(s)            __attribute__((annotate(s)))
#else
# define LW__ANN(s)
#endif

#if !defined(__CHECKER__) && defined(__clang__) && defined(LW_THREAD_SAFETY)
# define LW__TSA(a)            __attribute__((a))
# define LW__TSA_TRY(ret, x)   __attribute__((try_acquire_capability(ret, x)))
# if defined(__clang_major__) && __clang_major__ >= 19
#  define LW__TSA_FIELD(a)     __attribute__((a))
# else
   /* Clang <= 18 in C: guarded_by(lock) on a sibling field is a hard error
    * ("use of undeclared identifier"), so field guards are left to the plugin. */
#  define LW__TSA_FIELD(a)
# endif
#else
# define LW__TSA(a)
# define LW__TSA_TRY(ret, x)
# define LW__TSA_FIELD(a)
#endif

/* ------------------------------------------------------------------------------------------
 * Field annotations: written after the field's declarator, `int n LW_GUARDED_BY(lock);`.
 * ---------------------------------------------------------------------------------------- */

/* Written only during start-up/teardown (in LW_INIT functions and functions only they call);
 * read with no lock. */
#define LW_IMMUTABLE             LW__ANN("lockwarden:immutable")

/* Immutable pointer to an object whose own API does its locking; same write rule as
 * LW_IMMUTABLE. */
#define LW_SELF_LOCKING          LW__ANN("lockwarden:self_locking")

/* Reads need `lock` held (shared is enough); writes need it held exclusively.  TSA form is
 * guarded_by(&lock): the address form is the one Clang 19 resolves correctly in C. */
#define LW_GUARDED_BY(lock) \
    LW__TSA_FIELD(guarded_by(&lock)) \
    LW__ANN("lockwarden:guarded_by(" #lock ")")

/* Pointer to a configuration snapshot: loaded only in an RCU read-side section or with `lock`
 * held; replaced only by publication with `lock` held (or in LW_INIT); never written
 * through once published. */
#define LW_RCU_CONFIG(lock)      LW__ANN("lockwarden:rcu_config(" #lock ")")

/* Accessed only through atomic builtins (__atomic_*, __sync_*, C11 atomic_*, g_atomic_*). */
#define LW_ATOMIC                LW__ANN("lockwarden:atomic")

/* ------------------------------------------------------------------------------------------
 * Lock annotations.
 * ---------------------------------------------------------------------------------------- */

/* On a lock field or a global lock variable: the coarse lock under which blocking is
 * forbidden. */
#define LW_DRIVER_LOCK           LW__ANN("lockwarden:driver_lock")

/* On a lock struct type, `typedef struct LW_CAPABILITY("mutex") _virMutex {...} virMutex;`:
 * objects of this type are locks for Clang TSA.  No meaning to the plugin. */
#define LW_CAPABILITY(kind)      LW__TSA(capability(kind))

/* ------------------------------------------------------------------------------------------
 * Function annotations: written after the prototype's parameter list,
 * `void virMutexLock(virMutex *m) LW_ACQUIRES(*m);`.
 * ---------------------------------------------------------------------------------------- */

/* Returns with x held exclusively (x not held on entry). */
#define LW_ACQUIRES(x) \
    LW__CTX(x, 0, 1) LW__TSA(acquire_capability(x)) \
    LW__ANN("lockwarden:acquires(" #x ")")

/* Returns with x held shared (read lock). */
#define LW_ACQUIRES_SHARED(x) \
    LW__CTX(x, 0, 1) LW__TSA(acquire_shared_capability(x)) \
    LW__ANN("lockwarden:acquires_shared(" #x ")")

/* Releases x, however it was held.  TSA form is release_generic_capability so one unlock
 * function serves exclusive and shared holders (an rwlock unlock). */
#define LW_RELEASES(x) \
    LW__CTX(x, 1, 0) LW__TSA(release_generic_capability(x)) \
    LW__ANN("lockwarden:releases(" #x ")")

/* Caller must hold x exclusively; still held on return. */
#define LW_REQUIRES(x) \
    LW__CTX(x, 1, 1) LW__TSA(requires_capability(x)) \
    LW__ANN("lockwarden:requires(" #x ")")

/* Caller must hold x, shared or exclusive; still held on return. */
#define LW_REQUIRES_SHARED(x) \
    LW__CTX(x, 1, 1) LW__TSA(requires_shared_capability(x)) \
    LW__ANN("lockwarden:requires_shared(" #x ")")

/* Caller must not hold x (the function takes it itself). */
#define LW_EXCLUDES(x) \
    LW__TSA(locks_excluded(x)) \
    LW__ANN("lockwarden:excludes(" #x ")")

/* Try-lock: x is held on return exactly when the function returned `ret`
 * (e.g. LW_TRY_ACQUIRES(0, *m) for a pthread-style int result). */
#define LW_TRY_ACQUIRES(ret, x) \
    LW__TSA_TRY(ret, x) \
    LW__ANN("lockwarden:try_acquires(" #ret ", " #x ")")

/* "Is it held?" query: returns non-zero exactly when the calling thread holds x, and
 * takes or drops nothing (qemu's bql_locked()).  Where the result is tested, x is known
 * held on one side and known not held on the other.  No TSA or sparse equivalent. */
#define LW_TESTS_HELD(x)         LW__ANN("lockwarden:tests_held(" #x ")")

/* Scoped guard: takes x and returns a guard object that holds it; the lock is released when
 * the guard is passed to an LW_RELEASES_GUARD function, including implicitly through
 * __attribute__((cleanup)) (VIR_LOCK_GUARD, g_autoptr(GMutexLocker)).  Neither TSA nor
 * sparse can follow a guard, so only the plugin sees these. */
#define LW_ACQUIRES_GUARD(x)     LW__ANN("lockwarden:acquires_guard(" #x ")")

/* Releases the lock held by guard object g, e.g. LW_RELEASES_GUARD(*g) for
 * `void virLockGuardUnlock(virLockGuard *g)`. */
#define LW_RELEASES_GUARD(g)     LW__ANN("lockwarden:releases_guard(" #g ")")

/* Blocks with x released and retakes it before returning (pthread_cond_wait style): the
 * caller must hold x, and the call does not count as blocking while x is held.  For TSA
 * and sparse this is the same contract as LW_REQUIRES(x). */
#define LW_WAITS(x) \
    LW__CTX(x, 1, 1) LW__TSA(requires_capability(x)) \
    LW__ANN("lockwarden:waits(" #x ")")

/* May block (sleep, wait, do I/O): must not be called with the driver lock held. */
#define LW_BLOCKING              LW__ANN("lockwarden:blocking")

/* Never blocks, whatever its body calls or the built-in list says. */
#define LW_NONBLOCKING           LW__ANN("lockwarden:nonblocking")

/* Start-up or teardown code: may write LW_IMMUTABLE / LW_SELF_LOCKING fields and publish
 * LW_RCU_CONFIG pointers without the lock.  TSA skips its body. */
#define LW_INIT \
    LW__TSA(no_thread_safety_analysis) \
    LW__ANN("lockwarden:init")

/* Enters / leaves an RCU read-side section (for RCU flavours lockwarden does not know). */
#define LW_RCU_READ_LOCK         LW__ANN("lockwarden:rcu_read_lock")
#define LW_RCU_READ_UNLOCK       LW__ANN("lockwarden:rcu_read_unlock")

/* Publishes a pointer (rcu_assign_pointer style): a legal way to replace an LW_RCU_CONFIG
 * pointer. */
#define LW_RCU_PUBLISH           LW__ANN("lockwarden:rcu_publish")

/* Starts a thread that takes over the object locks its caller holds (a locked object
 * passed to the thread, which unlocks it): after a call, the locks the caller took are no
 * longer its to release, though it still may (on the path where the thread did not
 * start).  Driver locks are never handed over.  Unlocking in another thread is libvirt's
 * practice with its own mutexes; POSIX leaves it undefined for pthread mutexes. */
#define LW_HANDS_OFF             LW__ANN("lockwarden:hands_off")

/* On a lock field or global: a recursive mutex (PTHREAD_MUTEX_RECURSIVE, GRecMutex,
 * virMutexInitRecursive): its holder may take it again; each release undoes one. */
#define LW_RECURSIVE             LW__ANN("lockwarden:recursive")

/* Keeps the function pointers it is given for later (a timer, an event loop, a thread
 * to start): a call does not call them, whatever the body does with them. */
#define LW_STORES_CALLBACKS      LW__ANN("lockwarden:stores_callbacks")

/* Do not analyse this function's body (lock primitives, deliberate tricks).  Its other
 * annotations still apply at its call sites. */
#define LW_NO_ANALYSIS \
    LW__TSA(no_thread_safety_analysis) \
    LW__ANN("lockwarden:no_analysis")

#endif /* LOCKWARDEN_H */
