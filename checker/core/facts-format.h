/*
 * facts-format.h - the layout of a facts file, written by facts-write.c and
 * read by facts-read.c.  docs/facts.md describes it for people.
 *
 * Every record is a MessagePack array whose elements (slots) are known by
 * their position.  The positions are named here and nowhere else: the
 * writer packs each record's slots in the order of its enum (and checks
 * that it does), the reader fetches them by the same names and refuses a
 * record whose size is not the enum's count.  Any change here changes the
 * format: bump LW_FACTS_VERSION (program.h) and update docs/facts.md.
 */
#ifndef LW_FACTS_FORMAT_H
#define LW_FACTS_FORMAT_H

#include <stddef.h>

/* The top level: one array of these sections, in this order. */
enum {
	FX_SEC_VERSION,         /* LW_FACTS_VERSION */
	FX_SEC_CHECKSUM,        /* FX_SUM_HEX hex digits: see below */
	FX_SEC_FILES,           /* [path...]; file ids index it, 0 is "<unknown>" */
	FX_SEC_STRINGS,         /* [string...]; string ids index it */
	FX_SEC_FIELDS,          /* [field...], the model's struct fields */
	FX_SEC_GLOBALS,         /* [field...], the model's globals */
	FX_SEC_LOCKS,           /* [lock...] */
	FX_SEC_FDECLS,          /* [fdecl...]; declaration indexes index it */
	FX_SEC_FUNCS,           /* [func...] */
	FX_SEC_DIAGS,           /* [diag...] */
	FX_SEC_SUPPRESSIONS,    /* [suppression...] */
	FX_SEC_SIDECAR_MATCHED, /* [key...] */
	FX_SEC_FNSTORES,        /* [fnstore...]: functions static initializers store */
	FX_SEC_STATICS,         /* [string id...]: the file-static globals' names */
	FX_SEC__N
};

/* struct lw_loc: file id, line, column. */
enum { FX_LOC_FILE, FX_LOC_LINE, FX_LOC_COL, FX_LOC__N };

/* struct lw_path, or the integer 0 for no path (root NONE). */
enum { FX_PATH_ROOT_KIND, FX_PATH_ROOT, FX_PATH_STEPS, FX_PATH__N };

/* struct lw_step: kind | flags << FX_STEP_FLAGS_SHIFT, and two string ids. */
enum { FX_STEP_KIND_FLAGS, FX_STEP_RECORD, FX_STEP_FIELD, FX_STEP__N };
#define FX_STEP_FLAGS_SHIFT 4

/* struct lw_value. */
enum { FX_VALUE_KIND, FX_VALUE_K, FX_VALUE_PATH, FX_VALUE__N };

/* One entry of the model's fields or globals (struct lw_field_info and the
 * names it is filed under; record is 0 for a global).  Its lock steps are
 * steps as above; cls_loc is where the annotation that gave the class is
 * (the link names it when units contradict each other). */
enum {
	FX_FIELD_RECORD,
	FX_FIELD_NAME,
	FX_FIELD_CLS,
	FX_FIELD_DRIVER_LOCK,
	FX_FIELD_IS_LOCK,
	FX_FIELD_LOCK_GLOBAL,
	FX_FIELD_LOCK_STEPS,
	FX_FIELD_LOCK_CLASS_RECORD,
	FX_FIELD_LOCK_CLASS_NAME,
	FX_FIELD_LOC,
	FX_FIELD_CLS_LOC,
	FX_FIELD_CALLS, /* enum lw_fp_calls */
	FX_FIELD_RECURSIVE,
	FX_FIELD__N
};

/* A lock class of the model, and whether it is a driver lock. */
enum { FX_LOCK_RECORD, FX_LOCK_NAME, FX_LOCK_DRIVER, FX_LOCK__N };

/* struct lw_fdecl with the model's struct lw_fn_info for it; def_loc is
 * where its body is (or its own loc without one); blocking_loc and
 * nonblocking_loc are where LW_BLOCKING and LW_NONBLOCKING are, if the
 * flag stands (a loc of file 0 if not), for the link's contradictions. */
enum {
	FX_FDECL_NAME,
	FX_FDECL_LOC,
	FX_FDECL_FLAGS,
	FX_FDECL_PARAMS,
	FX_FDECL_FN_FLAGS,
	FX_FDECL_EFFECTS,
	FX_FDECL_DEF_LOC,
	FX_FDECL_BLOCKING_LOC,
	FX_FDECL_NONBLOCKING_LOC,
	FX_FDECL__N
};

/* struct lw_effect. */
enum {
	FX_EFFECT_KIND,
	FX_EFFECT_LOCK,
	FX_EFFECT_CLASS_RECORD,
	FX_EFFECT_CLASS_NAME,
	FX_EFFECT_RET,
	FX_EFFECT_LOC,
	FX_EFFECT__N
};

/* struct lw_func, its blocks, their edges and the edges' conditions. */
enum {
	FX_FUNC_NAME,
	FX_FUNC_DECL,
	FX_FUNC_LOC,
	FX_FUNC_LOCALS,
	FX_FUNC_ENTRY,
	FX_FUNC_EXIT,
	FX_FUNC_NCALLS,
	FX_FUNC_BLOCKS,
	FX_FUNC__N
};
enum { FX_BLOCK_EVENTS, FX_BLOCK_SUCC, FX_BLOCK__N };
enum { FX_EDGE_TARGET, FX_EDGE_CONDS, FX_EDGE__N };
enum { FX_COND_OP, FX_COND_K, FX_COND_VALUE, FX_COND__N };

/* struct lw_event; what is a string for UNKNOWN, else nil. */
enum {
	FX_EVENT_KIND,
	FX_EVENT_MODE,
	FX_EVENT_FLAGS,
	FX_EVENT_LOC,
	FX_EVENT_ID,
	FX_EVENT_CALLEE,
	FX_EVENT_DECL,
	FX_EVENT_ARGS,
	FX_EVENT_PATH,
	FX_EVENT_VALUE,
	FX_EVENT_CALL_ID,
	FX_EVENT_WHAT,
	FX_EVENT__N
};

/* A finding made while building the model (bad-annotation), its message
 * complete, and its notes. */
enum { FX_DIAG_KIND, FX_DIAG_LOC, FX_DIAG_MESSAGE, FX_DIAG_NOTES, FX_DIAG__N };
enum { FX_NOTE_LOC, FX_NOTE_MESSAGE, FX_NOTE__N };

/* struct lw_suppression: file id, line, the ids as written. */
enum { FX_SUPP_FILE, FX_SUPP_LINE, FX_SUPP_IDS, FX_SUPP__N };

/* struct lw_fnstore: record (string id, 0 for a global), field or global
 * name (string id), the function (declaration index, or -1), the global
 * whose address is stored (string id, 0 for a function), loc. */
enum { FX_FNSTORE_RECORD, FX_FNSTORE_NAME, FX_FNSTORE_FDECL, FX_FNSTORE_GLOBAL, FX_FNSTORE_LOC,
       FX_FNSTORE__N };

/*
 * The first bytes of a facts file never change within a version: the
 * top-level array's header, the version, and the header of the checksum
 * string (FX_PREFIX_LEN bytes in all, lw__facts_prefix()).  The checksum's
 * FX_SUM_HEX hex digits follow; they are the XXH3-64 hash of every byte
 * after them, from FX_BODY_AT to the end.  The checksum catches what the
 * reader's checks cannot: a damaged byte that still reads as a valid,
 * wrong, fact (a line number, a flag).
 */
#define FX_PREFIX_LEN 3
#define FX_SUM_HEX 16
#define FX_BODY_AT (FX_PREFIX_LEN + FX_SUM_HEX)

void lw__facts_prefix(unsigned char out[FX_PREFIX_LEN]);
/* The checksum of body, as FX_SUM_HEX hex digits and a NUL. */
void lw__facts_checksum(const void *body, size_t len, char out[FX_SUM_HEX + 1]);
/* NULL when data starts with this version's prefix and its checksum is
 * right; else what is wrong ("truncated", "not a facts file of this
 * version", "checksum mismatch"). */
const char *lw__facts_verify(const void *data, size_t len);

/* Reads the whole of path, which must be a regular file: it is opened
 * without blocking (O_NONBLOCK: a FIFO where a facts file, a .deps file or
 * a dependency is expected must not hang the run) and refused unless
 * fstat() says it is regular.  Returns 0 with *data (g_free it, NUL added
 * after *len bytes) or -1 with errno (EINVAL: not a regular file). */
int lw__read_regular(const char *path, char **data, size_t *len);

#endif /* LW_FACTS_FORMAT_H */
