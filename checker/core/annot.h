/*
 * annot.h - the annotation model: what each field, global and function
 * promises, parsed from "lockwarden:..." strings.
 *
 * The grammar of the strings and of lock expressions is the core's own
 * (docs/annotations.md); the parser reports malformed annotations as
 * bad-annotation findings and never aborts.  Lock identity at this level is
 * a lock class: a field within a struct type, or a global variable.
 */
#ifndef LW_ANNOT_H
#define LW_ANNOT_H

#include <stdint.h>

#include "ir.h"

#define LW_ANNOT_KINDS(X)                                                      \
	X(IMMUTABLE, "immutable", 0, LW_ON_FIELD)                              \
	X(SELF_LOCKING, "self_locking", 0, LW_ON_FIELD)                        \
	X(GUARDED_BY, "guarded_by", 1, LW_ON_FIELD | LW_ON_GLOBAL)             \
	X(RCU_CONFIG, "rcu_config", 1, LW_ON_FIELD | LW_ON_GLOBAL)             \
	X(ATOMIC, "atomic", 0, LW_ON_FIELD | LW_ON_GLOBAL)                     \
	X(DRIVER_LOCK, "driver_lock", 0, LW_ON_FIELD | LW_ON_GLOBAL)           \
	X(RECURSIVE, "recursive", 0, LW_ON_FIELD | LW_ON_GLOBAL)               \
	X(ACQUIRES, "acquires", 1, LW_ON_FUNC)                                 \
	X(ACQUIRES_SHARED, "acquires_shared", 1, LW_ON_FUNC)                   \
	X(RELEASES, "releases", 1, LW_ON_FUNC)                                 \
	X(REQUIRES, "requires", 1, LW_ON_FUNC)                                 \
	X(REQUIRES_SHARED, "requires_shared", 1, LW_ON_FUNC)                   \
	X(EXCLUDES, "excludes", 1, LW_ON_FUNC)                                 \
	X(TRY_ACQUIRES, "try_acquires", 2, LW_ON_FUNC)                         \
	X(TESTS_HELD, "tests_held", 1, LW_ON_FUNC)                             \
	X(ACQUIRES_GUARD, "acquires_guard", 1, LW_ON_FUNC)                     \
	X(RELEASES_GUARD, "releases_guard", 1, LW_ON_FUNC)                     \
	X(WAITS, "waits", 1, LW_ON_FUNC)                                       \
	X(BLOCKING, "blocking", 0, LW_ON_FUNC | LW_ON_FIELD | LW_ON_GLOBAL)    \
	X(NONBLOCKING, "nonblocking", 0, LW_ON_FUNC | LW_ON_FIELD | LW_ON_GLOBAL) \
	X(INIT, "init", 0, LW_ON_FUNC)                                         \
	X(RCU_READ_LOCK, "rcu_read_lock", 0, LW_ON_FUNC)                       \
	X(RCU_READ_UNLOCK, "rcu_read_unlock", 0, LW_ON_FUNC)                   \
	X(RCU_PUBLISH, "rcu_publish", 0, LW_ON_FUNC)                           \
	X(HANDS_OFF, "hands_off", 0, LW_ON_FUNC)                               \
	X(STORES_CALLBACKS, "stores_callbacks", 0, LW_ON_FUNC)                 \
	X(NO_ANALYSIS, "no_analysis", 0, LW_ON_FUNC)

enum { LW_ON_FIELD = 1, LW_ON_GLOBAL = 2, LW_ON_FUNC = 4 };

enum lw_annot_kind {
#define X(id, name, nargs, where) LW_AN_##id,
	LW_ANNOT_KINDS(X)
#undef X
	LW_AN__COUNT
};

/* A lock class: (record, field) for a lock field, (0, name) for a global. */
struct lw_lockclass {
	lw_str record;
	lw_str name;
};

/* An empty class (a lock with no field or global name: a parameter's
 * pointee) names no lock: it equals no class, itself included. */
static inline int lw_lockclass_empty(struct lw_lockclass c)
{
	return !c.record && !c.name;
}

static inline int lw_lockclass_eq(struct lw_lockclass a, struct lw_lockclass b)
{
	return !lw_lockclass_empty(a) && a.record == b.record && a.name == b.name;
}

enum lw_field_cls {
	LW_FC_NONE = 0,
	LW_FC_IMMUTABLE,
	LW_FC_SELF_LOCKING,
	LW_FC_GUARDED,
	LW_FC_RCU,
	LW_FC_ATOMIC
};

/* What an annotated field or global promises. */
struct lw_field_info {
	uint8_t cls;         /* enum lw_field_cls */
	uint8_t driver_lock; /* this field/global is a driver lock */
	uint8_t is_lock;     /* named as a lock by some annotation */
	/* GUARDED / RCU: the lock.  For a sibling field, lock_steps is the
	 * field chain relative to the record (usually one FIELD step);
	 * for a global, lock_global is its name. */
	lw_str lock_global;
	uint16_t nlock_steps;
	const struct lw_step *lock_steps;
	struct lw_lockclass lock_cls;
	struct lw_loc loc;
	struct lw_loc cls_loc; /* where the annotation giving cls is */
	/* a function pointer: every call through it blocks, or none does
	 * (LW_BLOCKING / LW_NONBLOCKING on the field or global) */
	uint8_t calls; /* enum lw_fp_calls */
	uint8_t recursive; /* a lock its holder may take again (LW_RECURSIVE) */
};

enum lw_fp_calls { LW_FP_ANY = 0, LW_FP_BLOCKING, LW_FP_NONBLOCKING };

/* One lock effect of a function, in terms of its parameters. */
struct lw_effect {
	uint8_t kind;          /* enum lw_annot_kind: ACQUIRES..WAITS */
	struct lw_path lock;   /* root PARAM or GLOBAL */
	struct lw_lockclass cls;
	int64_t ret;           /* TRY_ACQUIRES */
	struct lw_loc loc;
};

enum {
	LW_FN_BLOCKING = 1u << 0,
	LW_FN_NONBLOCKING = 1u << 1,
	LW_FN_INIT = 1u << 2,
	LW_FN_RCU_READ_LOCK = 1u << 3,
	LW_FN_RCU_READ_UNLOCK = 1u << 4,
	LW_FN_RCU_PUBLISH = 1u << 5,
	LW_FN_NO_ANALYSIS = 1u << 6,
	LW_FN_HAS_LOCK_EFFECTS = 1u << 7,
	LW_FN_HANDS_OFF = 1u << 8,
	LW_FN_STORES_CALLBACKS = 1u << 9 /* its callbacks are for later */
};

struct lw_fn_info {
	uint32_t flags;
	uint32_t neffects;
	const struct lw_effect *effects;
};

struct lw_model;
struct lw_diag_list;

/*
 * Parses every annotation of the TU.  Malformed ones are reported to diags
 * (bad-annotation) and otherwise ignored.  The model lives in tu's arena.
 */
struct lw_model *lw_model_build(struct lw_tu *tu, struct lw_diag_list *diags);
void lw_model_free(struct lw_model *m);

/* NULL when the field/global has no annotation. */
const struct lw_field_info *lw_model_field(const struct lw_model *m, lw_str record,
					   lw_str field);
const struct lw_field_info *lw_model_global(const struct lw_model *m, lw_str name);
/* Never NULL: an unannotated function has an empty info. */
const struct lw_fn_info *lw_model_fn(const struct lw_model *m, uint32_t fdecl);
/* Is this class a driver lock / named as a lock by any annotation? */
int lw_model_is_driver_lock(const struct lw_model *m, struct lw_lockclass c);
int lw_model_is_lock(const struct lw_model *m, struct lw_lockclass c);

/* Whole-program link: a model filled from resolved entries (facts files).
 * Adding a field or global that is already there keeps the first; function
 * infos merge (flags or'ed, effects deduplicated). */
struct lw_model *lw_model_new(struct lw_tu *tu);
void lw_model_add_field(struct lw_model *m, lw_str record, lw_str field,
			const struct lw_field_info *fi);
void lw_model_add_global(struct lw_model *m, lw_str name, const struct lw_field_info *fi);
void lw_model_add_lock(struct lw_model *m, struct lw_lockclass c, int driver);
void lw_model_add_fn(struct lw_model *m, uint32_t fdecl, uint32_t flags,
		     const struct lw_effect *effects, uint32_t n);
/* The same, replacing what is there: the link resolves contradictions
 * between units (link.c) and puts the result.  Effects are copied. */
void lw_model_put_field(struct lw_model *m, lw_str record, lw_str field,
			const struct lw_field_info *fi);
void lw_model_put_global(struct lw_model *m, lw_str name, const struct lw_field_info *fi);
void lw_model_put_fn(struct lw_model *m, uint32_t fdecl, uint32_t flags,
		     const struct lw_effect *effects, uint32_t n);
/* Iteration, in no particular order (record is 0 for globals). */
void lw_model_each_field(const struct lw_model *m,
			 void (*fn)(void *ctx, lw_str record, lw_str field,
				    const struct lw_field_info *fi),
			 void *ctx);
void lw_model_each_global(const struct lw_model *m,
			  void (*fn)(void *ctx, lw_str record, lw_str name,
				     const struct lw_field_info *fi),
			  void *ctx);
void lw_model_each_lock(const struct lw_model *m,
			void (*fn)(void *ctx, struct lw_lockclass c, int driver), void *ctx);

/* "guarded_by", "acquires", ...: an annotation kind as written. */
const char *lw_annot_kind_name(enum lw_annot_kind k);

/* An effect among effects[0..n) that contradicts e on the same lock
 * (acquires or try_acquires against releases, requires against
 * excludes), or NULL.  The model reports one within a unit, the link one
 * across units. */
const struct lw_effect *lw__effects_clash(const struct lw_effect *effects, uint32_t n,
					  const struct lw_effect *e);

/*
 * Parses a lock expression ("*m", "vm->lock", "&d->lock", "g_lock") in the
 * scope of a function's parameters (fd) or, when fd is NULL, of a record
 * (rec; sibling fields) and the globals.  On success fills out and returns
 * 0; on failure writes a message to err and returns -1, or
 * LW_LOCK_EXPR_UNSEEN when the expression's first name is no parameter,
 * field or global this TU declares (a file-static global of another file,
 * or a typo).  Exposed for the unit tests.
 */
#define LW_LOCK_EXPR_UNSEEN (-2)
int lw_parse_lock_expr(struct lw_tu *tu, const struct lw_fdecl *fd,
		       const struct lw_record *rec, const char *text,
		       struct lw_path *out, struct lw_lockclass *cls, char *err,
		       size_t errlen);

#endif /* LW_ANNOT_H */
