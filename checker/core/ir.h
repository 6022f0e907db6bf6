/*
 * ir.h - lockwarden's intermediate representation of one translation unit.
 *
 * The Clang adapter lowers declarations and function bodies into these
 * structures; the analysis reads them.  Nothing here knows about Clang: types
 * are reduced to what annotation resolution needs, expressions to lock paths
 * and values, statements to events in the blocks of a control-flow graph.
 * Every event kind and field is described in docs/ir.md.
 *
 * Ownership: everything reachable from a struct lw_tu lives in its arena and
 * dies with lw_tu_free().  Builder functions deep-copy what they are given,
 * so the adapter may pass pointers into its own temporary storage.
 */
#ifndef LW_IR_H
#define LW_IR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

typedef uint32_t lw_str; /* interned string; 0 is "no string" */

struct lw_loc {
	uint32_t file; /* index into the TU's file table; 0 = unknown */
	uint32_t line;
	uint32_t col;
};

/* ---- types: only what annotation resolution needs ---------------------- */

enum lw_type_kind {
	LW_TY_OTHER = 0, /* scalars, functions, anything not followed */
	LW_TY_RECORD,    /* struct or union; name is the tag or typedef name */
	LW_TY_POINTER,   /* pointer; pointee may be NULL when not followed */
	LW_TY_ARRAY      /* array; pointee is the element type */
};

struct lw_type {
	uint8_t kind;           /* enum lw_type_kind */
	uint8_t is_const;       /* for pointers: the pointee is const */
	lw_str name;            /* record name, or the spelled type for OTHER */
	const struct lw_type *pointee;
};

/* A raw annotation as written: "lockwarden:guarded_by(lock)". */
struct lw_annot_src {
	const char *text;
	struct lw_loc loc;
};

struct lw_field {
	lw_str name;
	struct lw_loc loc;
	const struct lw_type *type;
	uint32_t nannots;
	const struct lw_annot_src *annots;
};

struct lw_record {
	lw_str name;
	struct lw_loc loc;
	uint32_t nfields;
	const struct lw_field *fields;
};

struct lw_var {
	lw_str name;
	const struct lw_type *type;
	struct lw_loc loc;
};

struct lw_global {
	lw_str name;
	struct lw_loc loc;
	const struct lw_type *type;
	uint8_t is_static;
	uint32_t nannots;
	const struct lw_annot_src *annots;
};

enum {
	LW_FD_STATIC = 1u << 0,   /* internal linkage */
	LW_FD_NORETURN = 1u << 1, /* noreturn attribute or _Noreturn */
	LW_FD_HAS_BODY = 1u << 2  /* the TU defines it */
};

/* A function as declared (all redeclarations merged). */
struct lw_fdecl {
	lw_str name;
	struct lw_loc loc;
	uint32_t flags;
	uint32_t nparams;
	const struct lw_var *params;
	uint32_t nannots; /* from every redeclaration, duplicates removed */
	const struct lw_annot_src *annots;
	int32_t func; /* index of the body in lw_tu.funcs, or -1 */
};

/* ---- lock paths and values --------------------------------------------- */

enum lw_root_kind {
	LW_ROOT_NONE = 0, /* no path (unknown lvalue) */
	LW_ROOT_PARAM,    /* root = parameter index */
	LW_ROOT_GLOBAL,   /* root = interned global name */
	LW_ROOT_LOCAL,    /* root = local index in lw_func.locals */
	LW_ROOT_RESULT    /* root = id of a call event (its returned value) */
};

enum lw_step_kind {
	LW_STEP_DEREF = 0, /* *p, or the implicit deref of p->f */
	LW_STEP_FIELD      /* .field; record names the struct it belongs to */
};

enum { LW_SF_UNION = 1u << 0 }; /* a member of a union: same memory as its siblings */

struct lw_step {
	uint8_t kind;
	uint8_t flags; /* LW_SF_* */
	lw_str record;
	lw_str field;
};

/*
 * An lvalue: root followed by steps.  d->lock is PARAM(d), DEREF,
 * FIELD(drv, lock); *m is PARAM(m), DEREF; g_lock is GLOBAL(g_lock).
 * Array subscripts are lowered as a DEREF of the array (all elements alike).
 */
struct lw_path {
	uint8_t root_kind;
	uint16_t nsteps;
	uint32_t root;
	const struct lw_step *steps;
};

enum lw_value_kind {
	LW_VAL_UNKNOWN = 0,
	LW_VAL_LOAD, /* the value stored in path (an rvalue use of an lvalue) */
	LW_VAL_ADDR, /* &path */
	LW_VAL_INT,  /* integer constant k; NULL pointers are INT 0 */
	LW_VAL_FUNC  /* the address of the function k (an index into lw_tu.fdecls) */
};

struct lw_value {
	uint8_t kind;
	int64_t k;
	struct lw_path path;
};

/* ---- events ------------------------------------------------------------ */

#define LW_EVENT_KINDS(X)                                                      \
	X(CALL, "call")                                                        \
	X(ACCESS, "access")                                                    \
	X(ASSIGN, "assign")                                                    \
	X(RETURN, "return")                                                    \
	X(UNKNOWN, "unknown")

enum lw_event_kind {
#define X(id, name) LW_EV_##id,
	LW_EVENT_KINDS(X)
#undef X
	LW_EV__COUNT
};

enum lw_access_mode {
	LW_ACC_READ = 0,
	LW_ACC_WRITE, /* plain store; value holds what is stored */
	LW_ACC_RMW,   /* compound assignment, ++, -- */
	LW_ACC_ADDR   /* address taken: passed to call call_id, or escapes */
};

enum {
	LW_AF_ATOMIC_TYPE = 1u << 0, /* the field has an _Atomic type */
	LW_AF_VOLATILE = 1u << 1,    /* accessed through a volatile lvalue */
	LW_AF_CONST_ARG = 1u << 2,   /* ADDR passed to a pointer-to-const param */
	LW_AF_INIT = 1u << 3         /* designated initializer of a new object */
};

enum {
	LW_CF_NORETURN = 1u << 0, /* the call does not return */
	LW_CF_INDIRECT = 1u << 1, /* through a function pointer; callee unknown */
	LW_CF_CLEANUP = 1u << 2,  /* implicit __attribute__((cleanup)) call */
	LW_CF_ATOMIC_EXPR = 1u << 3, /* a builtin atomic expression */
	LW_CF_UNUSED = 1u << 4     /* its result is thrown away (a statement) */
};

struct lw_event {
	uint8_t kind;  /* enum lw_event_kind */
	uint8_t mode;  /* ACCESS: enum lw_access_mode */
	uint16_t flags; /* ACCESS: LW_AF_*; CALL: LW_CF_* */
	struct lw_loc loc;
	/* CALL: id (unique in the function, from 1), callee and its arguments;
	 * result is where the return value is stored (root NONE if dropped). */
	uint32_t id;
	lw_str callee;  /* 0 for indirect calls */
	int32_t decl;   /* index into lw_tu.fdecls, or -1 */
	uint32_t nargs;
	const struct lw_value *args;
	/* ACCESS: the field's lvalue (last step is the FIELD);
	 * ASSIGN: the destination.  CALL: the result destination. */
	struct lw_path path;
	/* ACCESS WRITE / ASSIGN: the stored value; RETURN: the returned value;
	 * CALL through a pointer (LW_CF_INDIRECT): the pointer called. */
	struct lw_value value;
	/* ACCESS ADDR: the id of the call the address is passed to, or 0. */
	uint32_t call_id;
	/* UNKNOWN: what the adapter did not understand. */
	const char *what;
};

/* ---- control flow ------------------------------------------------------ */

enum lw_cond_op { LW_COND_EQ = 0, LW_COND_NE };

/* A fact known on an edge: value op k.  "if (vm)" gives NE 0 on the
 * true edge and EQ 0 on the false edge. */
struct lw_cond {
	uint8_t op;
	int64_t k;
	struct lw_value val; /* LOAD of a path, or LOAD of a RESULT root */
};

struct lw_edge {
	uint32_t target;
	uint32_t nconds;
	const struct lw_cond *conds;
};

struct lw_block {
	uint32_t nevents;
	const struct lw_event *events;
	uint32_t nsucc;
	const struct lw_edge *succ;
};

struct lw_func {
	lw_str name;
	struct lw_loc loc;
	uint32_t decl; /* index into lw_tu.fdecls */
	uint32_t nlocals;
	const struct lw_var *locals;
	uint32_t nblocks;
	const struct lw_block *blocks;
	uint32_t entry, exit;
	uint32_t ncalls; /* call ids run from 1 to ncalls */
};

/* An annotation found on a declaration the IR does not otherwise model
 * (a parameter, a local variable, a type): still parsed, so that a field
 * annotation written on the wrong thing is reported, not ignored. */
struct lw_stray_annot {
	struct lw_annot_src src;
	const char *where; /* "parameter", "local variable", "struct", ... */
};

struct lw_suppression {
	uint32_t file, line;
	const char *ids; /* comma separated check ids, as written */
};

/* A function's address stored by a static initializer (a global's or a
 * static local's, at any nesting: a table of callbacks, an ops struct):
 * into a field of a struct type, or into a global pointer variable.  Calls
 * through that field or global may call it.  (Stores in code are ACCESS
 * WRITE and ASSIGN events with LW_VAL_FUNC values.)  Also a global's
 * address stored into a global pointer (static mutex_t *gp = &g): then
 * fdecl is -1 and global names g. */
struct lw_fnstore {
	lw_str record; /* the field's struct; 0 for a global variable */
	lw_str name;   /* the field, or the global */
	int32_t fdecl; /* the function stored, or -1 */
	lw_str global; /* the global whose address is stored (fdecl -1) */
	struct lw_loc loc;
};

struct lw_tu;

/* ---- building a TU (used by the adapter) --------------------------------- */

struct lw_tu *lw_tu_new(void);
void lw_tu_free(struct lw_tu *tu);
struct lw_arena *lw_tu_arena(struct lw_tu *tu);

lw_str lw_intern(struct lw_tu *tu, const char *s, size_t len);
lw_str lw_intern_cstr(struct lw_tu *tu, const char *s);
const char *lw_str_get(const struct lw_tu *tu, lw_str s);
uint32_t lw_tu_nstrings(const struct lw_tu *tu);

/* Returns the file id for path, adding it on first use (ids start at 1). */
uint32_t lw_tu_file(struct lw_tu *tu, const char *path);
const char *lw_tu_file_name(const struct lw_tu *tu, uint32_t file);
uint32_t lw_tu_nfiles(const struct lw_tu *tu);

/* Types are compared by identity: the adapter memoises them. */
const struct lw_type *lw_type_new(struct lw_tu *tu, enum lw_type_kind kind,
				  lw_str name, const struct lw_type *pointee,
				  int is_const);

/* Deep copies; the returned index identifies the entry. */
uint32_t lw_tu_add_record(struct lw_tu *tu, const struct lw_record *rec);
uint32_t lw_tu_add_global(struct lw_tu *tu, const struct lw_global *g);
uint32_t lw_tu_add_fdecl(struct lw_tu *tu, const struct lw_fdecl *fd);
void lw_tu_add_stray_annot(struct lw_tu *tu, const struct lw_stray_annot *a);
void lw_tu_add_sidecar_match(struct lw_tu *tu, const char *key);
void lw_tu_add_suppression(struct lw_tu *tu, uint32_t file, uint32_t line,
			   const char *ids, size_t len);
void lw_tu_add_fnstore(struct lw_tu *tu, const struct lw_fnstore *s);

/*
 * Adds a function body.  The block array, its events, edges, paths and
 * values are deep-copied.  Returns the index in lw_tu.funcs; the fdecl's
 * func field is set to it.  The IR is verified (lw_ir_verify) and a
 * violation aborts: it is a bug in the adapter, not in the user's code.
 */
uint32_t lw_tu_add_func(struct lw_tu *tu, const struct lw_func *fn);

/* ---- reading a TU (used by the analysis) ------------------------------- */

struct lw_tu {
	struct lw_arena *arena;
	void *strtab; /* opaque: ir.c's struct strtab (interned strings, lookups) */
	uint32_t nfiles;
	const char **files; /* [0] is "<unknown>" */
	uint32_t nrecords, nglobals, nfdecls, nfuncs, nstray, nsupp;
	struct lw_record *records;
	struct lw_global *globals;
	struct lw_fdecl *fdecls;
	struct lw_func *funcs;
	struct lw_stray_annot *stray;
	struct lw_suppression *supp;
	struct lw_fnstore *fnstores;
	uint32_t nfnstores, cap_fnstores;
	/* sidecar entries (lw_sidecar_entry_key) that matched something here */
	const char **sc_matched;
	uint32_t nsc_matched, cap_sc_matched;
	uint32_t cap_records, cap_globals, cap_fdecls, cap_funcs, cap_stray,
		cap_supp, cap_files;
};

const struct lw_record *lw_tu_find_record(const struct lw_tu *tu, lw_str name);
const struct lw_global *lw_tu_find_global(const struct lw_tu *tu, lw_str name);

/* Returns 0 when fn is well formed, else writes a reason to why. */
int lw_ir_verify(const struct lw_tu *tu, const struct lw_func *fn,
		 char *why, size_t whylen);

/* Path helpers. */
int lw_path_equal(const struct lw_path *a, const struct lw_path *b);
/* a is a prefix of b (equal counts). */
int lw_path_is_prefix(const struct lw_path *a, const struct lw_path *b);
/* Prints like C: d->lock, *m, cfg.lock.  Returns the length written
 * (snprintf semantics).  fn may be NULL (roots then print as p0, l3). */
int lw_path_print(const struct lw_tu *tu, const struct lw_func *fn,
		  const struct lw_fdecl *fd, const struct lw_path *p,
		  char *buf, size_t len);

/* Writes a readable dump of fn to out (for tests and debugging). */
void lw_ir_dump(const struct lw_tu *tu, const struct lw_func *fn, FILE *out);

#endif /* LW_IR_H */
