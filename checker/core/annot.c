/*
 * annot.c - parsing "lockwarden:..." strings into the annotation model.
 *
 * Owns the grammar of annotations and of lock expressions and every
 * bad-annotation message.  Must not look at function bodies: what code does
 * is flow.c's business; this module only records what code promises.
 */
#include "annot.h"

#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

struct lw_model {
	struct lw_tu *tu;
	GHashTable *fields;  /* (record << 32 | field) -> struct lw_field_info * */
	GHashTable *globals; /* name -> struct lw_field_info * */
	GHashTable *locks;   /* (record << 32 | name) -> 1 lock, 2 driver lock */
	struct lw_fn_info *fns; /* one per fdecl */
	uint32_t nfns, cap_fns;
	struct lw_fn_info empty;
};

static const struct {
	const char *name;
	int nargs;
	unsigned where;
} kinds[] = {
#define X(id, name, nargs, where) {name, nargs, where},
	LW_ANNOT_KINDS(X)
#undef X
};

static guint64 *key64(struct lw_tu *tu, lw_str a, lw_str b)
{
	guint64 *k = lw_arena_alloc(tu->arena, sizeof(*k));
	*k = ((guint64)a << 32) | b;
	return k;
}

/* ---- lock expressions ------------------------------------------------------ */

struct lexer {
	const char *p;
};

static void skip_ws(struct lexer *lx)
{
	while (isspace((unsigned char)*lx->p))
		lx->p++;
}

static int ident(struct lexer *lx, const char **s, size_t *n)
{
	skip_ws(lx);
	const char *b = lx->p;
	if (!(isalpha((unsigned char)*b) || *b == '_'))
		return 0;
	while (isalnum((unsigned char)*lx->p) || *lx->p == '_')
		lx->p++;
	*s = b;
	*n = (size_t)(lx->p - b);
	return 1;
}

static const struct lw_field *find_field(const struct lw_record *r, lw_str name)
{
	for (uint32_t i = 0; i < r->nfields; i++)
		if (r->fields[i].name == name)
			return &r->fields[i];
	return NULL;
}

struct pexpr {
	struct lw_path path;
	struct lw_step steps[16];
	const struct lw_type *type; /* NULL when unknown */
	int addr;                    /* the expression is &lvalue */
	int unseen;                  /* its first name is declared nowhere in view */
};

static int push_step(struct pexpr *e, uint8_t kind, lw_str rec, lw_str field,
		     char *err, size_t errlen)
{
	if (e->path.nsteps >= 16) {
		snprintf(err, errlen, "lock expression is too deep");
		return -1;
	}
	e->steps[e->path.nsteps].kind = kind;
	e->steps[e->path.nsteps].record = rec;
	e->steps[e->path.nsteps].field = field;
	e->path.nsteps++;
	return 0;
}

static int parse_unary(struct lw_tu *tu, const struct lw_fdecl *fd,
		       const struct lw_record *rec, struct lexer *lx,
		       struct pexpr *e, char *err, size_t errlen);

static int parse_primary(struct lw_tu *tu, const struct lw_fdecl *fd,
			 const struct lw_record *rec, struct lexer *lx,
			 struct pexpr *e, char *err, size_t errlen)
{
	skip_ws(lx);
	if (*lx->p == '(') {
		lx->p++;
		if (parse_unary(tu, fd, rec, lx, e, err, errlen))
			return -1;
		skip_ws(lx);
		if (*lx->p != ')') {
			snprintf(err, errlen, "expected ')' in lock expression");
			return -1;
		}
		lx->p++;
		return 0;
	}
	/* $N: the N-th parameter (from 1), for prototypes whose parameter
	 * names differ between header and definition (sidecars). */
	if (*lx->p == '$' && fd) {
		char *end;
		long k = strtol(lx->p + 1, &end, 10);
		if (end == lx->p + 1 || k < 1 || (unsigned long)k > fd->nparams) {
			snprintf(err, errlen, "'%.*s' names no parameter of '%s' (it has %u)",
				 (int)(end - lx->p), lx->p, lw_str_get(tu, fd->name), fd->nparams);
			return -1;
		}
		lx->p = end;
		memset(&e->path, 0, sizeof(e->path));
		e->path.steps = e->steps;
		e->path.root_kind = LW_ROOT_PARAM;
		e->path.root = (uint32_t)(k - 1);
		e->type = fd->params[k - 1].type;
		return 0;
	}
	const char *s;
	size_t n;
	if (!ident(lx, &s, &n)) {
		snprintf(err, errlen, "expected a name in lock expression, found '%s'",
			 *lx->p ? lx->p : "end of text");
		return -1;
	}
	lw_str name = lw_intern(tu, s, n);
	memset(&e->path, 0, sizeof(e->path));
	e->path.steps = e->steps;
	if (fd) {
		for (uint32_t i = 0; i < fd->nparams; i++) {
			if (fd->params[i].name == name) {
				e->path.root_kind = LW_ROOT_PARAM;
				e->path.root = i;
				e->type = fd->params[i].type;
				return 0;
			}
		}
	}
	if (rec) {
		const struct lw_field *f = find_field(rec, name);
		if (f) {
			/* Sibling field: a path relative to the record object,
			 * rooted at parameter 0 by convention (the object). */
			e->path.root_kind = LW_ROOT_PARAM;
			e->path.root = 0;
			if (push_step(e, LW_STEP_FIELD, rec->name, name, err, errlen))
				return -1;
			e->type = f->type;
			return 0;
		}
	}
	const struct lw_global *g = lw_tu_find_global(tu, name);
	if (g) {
		e->path.root_kind = LW_ROOT_GLOBAL;
		e->path.root = name;
		e->type = g->type;
		return 0;
	}
	e->unseen = 1;
	if (fd)
		snprintf(err, errlen, "'%.*s' names no parameter of '%s' and no global variable",
			 (int)n, s, lw_str_get(tu, fd->name));
	else if (rec)
		snprintf(err, errlen, "'%.*s' names no field of '%s' and no global variable",
			 (int)n, s, lw_str_get(tu, rec->name));
	else
		snprintf(err, errlen, "'%.*s' names no global variable", (int)n, s);
	return -1;
}

static int parse_postfix(struct lw_tu *tu, const struct lw_fdecl *fd,
			 const struct lw_record *rec, struct lexer *lx,
			 struct pexpr *e, char *err, size_t errlen)
{
	if (parse_primary(tu, fd, rec, lx, e, err, errlen))
		return -1;
	for (;;) {
		skip_ws(lx);
		int arrow = 0;
		if (lx->p[0] == '-' && lx->p[1] == '>') {
			arrow = 1;
			lx->p += 2;
		} else if (lx->p[0] == '.') {
			lx->p += 1;
		} else {
			return 0;
		}
		const char *s;
		size_t n;
		if (!ident(lx, &s, &n)) {
			snprintf(err, errlen, "expected a field name after '%s'", arrow ? "->" : ".");
			return -1;
		}
		lw_str fname = lw_intern(tu, s, n);
		const struct lw_type *t = e->type;
		if (arrow) {
			if (!t || t->kind != LW_TY_POINTER) {
				snprintf(err, errlen, "'->%.*s' applied to something that is not a pointer", (int)n, s);
				return -1;
			}
			if (push_step(e, LW_STEP_DEREF, 0, 0, err, errlen))
				return -1;
			t = t->pointee;
		}
		if (!t || t->kind != LW_TY_RECORD) {
			snprintf(err, errlen, "'%.*s' is looked up in something that is not a struct", (int)n, s);
			return -1;
		}
		const struct lw_record *r = lw_tu_find_record(tu, t->name);
		const struct lw_field *f = r ? find_field(r, fname) : NULL;
		if (!f) {
			snprintf(err, errlen, "'%.*s' is not a field of '%s'", (int)n, s,
				 lw_str_get(tu, t->name));
			return -1;
		}
		if (push_step(e, LW_STEP_FIELD, t->name, fname, err, errlen))
			return -1;
		e->type = f->type;
	}
}

static int parse_unary(struct lw_tu *tu, const struct lw_fdecl *fd,
		       const struct lw_record *rec, struct lexer *lx,
		       struct pexpr *e, char *err, size_t errlen)
{
	skip_ws(lx);
	if (*lx->p == '*') {
		lx->p++;
		if (parse_unary(tu, fd, rec, lx, e, err, errlen))
			return -1;
		if (e->addr) {
			e->addr = 0; /* *&x is x */
			return 0;
		}
		if (e->type && e->type->kind != LW_TY_POINTER && e->type->kind != LW_TY_ARRAY) {
			snprintf(err, errlen, "'*' applied to something that is not a pointer");
			return -1;
		}
		if (push_step(e, LW_STEP_DEREF, 0, 0, err, errlen))
			return -1;
		e->type = e->type ? e->type->pointee : NULL;
		return 0;
	}
	if (*lx->p == '&') {
		lx->p++;
		if (parse_unary(tu, fd, rec, lx, e, err, errlen))
			return -1;
		e->addr = 1;
		return 0;
	}
	return parse_postfix(tu, fd, rec, lx, e, err, errlen);
}

int lw_parse_lock_expr(struct lw_tu *tu, const struct lw_fdecl *fd,
		       const struct lw_record *rec, const char *text,
		       struct lw_path *out, struct lw_lockclass *cls, char *err,
		       size_t errlen)
{
	struct pexpr e;
	memset(&e, 0, sizeof(e));
	e.path.steps = e.steps;
	struct lexer lx = {text};
	if (parse_unary(tu, fd, rec, &lx, &e, err, errlen))
		return e.unseen ? LW_LOCK_EXPR_UNSEEN : -1;
	skip_ws(&lx);
	if (*lx.p) {
		snprintf(err, errlen, "unexpected '%s' after lock expression", lx.p);
		return -1;
	}
	/*
	 * The argument names the lock object.  "&x" (Clang thread-safety
	 * style) names x; a pointer-typed expression such as "m" names *m,
	 * as acquire_capability(m) does.
	 */
	if (!e.addr && e.type && e.type->kind == LW_TY_POINTER) {
		if (push_step(&e, LW_STEP_DEREF, 0, 0, err, errlen))
			return -1;
		e.type = e.type->pointee;
	}
	*out = e.path;
	out->steps = e.path.nsteps ? lw_arena_dup(tu->arena, e.steps, e.path.nsteps * sizeof(e.steps[0])) : NULL;
	if (cls) {
		cls->record = 0;
		cls->name = 0;
		if (out->nsteps && out->steps[out->nsteps - 1].kind == LW_STEP_FIELD) {
			cls->record = out->steps[out->nsteps - 1].record;
			cls->name = out->steps[out->nsteps - 1].field;
		} else if (out->root_kind == LW_ROOT_GLOBAL && out->nsteps == 0) {
			cls->name = out->root;
		} else if (e.type && e.type->kind == LW_TY_RECORD) {
			/* *m: the class is the lock type itself. */
			cls->record = e.type->name;
			cls->name = lw_intern_cstr(tu, "*");
		}
	}
	return 0;
}

/* ---- annotation strings -------------------------------------------------- */

static const char PREFIX[] = "lockwarden:";

struct parsed {
	int kind;
	const char *args[2];
	size_t arglen[2];
	int nargs;
};

/* Splits "kind(arg, arg)"; returns 0 or -1 with err. */
static int split(const char *text, struct parsed *p, char *err, size_t errlen)
{
	memset(p, 0, sizeof(*p));
	if (strncmp(text, PREFIX, sizeof(PREFIX) - 1)) {
		snprintf(err, errlen, "annotation '%s' does not start with '%s'", text, PREFIX);
		return -1;
	}
	const char *s = text + sizeof(PREFIX) - 1;
	const char *paren = strchr(s, '(');
	size_t klen = paren ? (size_t)(paren - s) : strlen(s);
	while (klen && isspace((unsigned char)s[klen - 1]))
		klen--;
	p->kind = -1;
	for (int i = 0; i < LW_AN__COUNT; i++)
		if (strlen(kinds[i].name) == klen && !memcmp(kinds[i].name, s, klen))
			p->kind = i;
	if (p->kind < 0) {
		snprintf(err, errlen, "unknown annotation '%.*s'", (int)klen, s);
		return -1;
	}
	if (paren) {
		const char *end = strrchr(paren, ')');
		if (!end || end[1]) {
			snprintf(err, errlen, "unbalanced parentheses in annotation '%s'", s);
			return -1;
		}
		const char *a = paren + 1;
		int depth = 0;
		const char *start = a;
		for (const char *c = a; c <= end; c++) {
			if (c < end && *c == '(')
				depth++;
			else if (c < end && *c == ')')
				depth--;
			if ((c == end || (*c == ',' && depth == 0))) {
				if (p->nargs >= 2) {
					snprintf(err, errlen, "too many arguments to '%s'", kinds[p->kind].name);
					return -1;
				}
				while (start < c && isspace((unsigned char)*start))
					start++;
				size_t l = (size_t)(c - start);
				while (l && isspace((unsigned char)start[l - 1]))
					l--;
				p->args[p->nargs] = start;
				p->arglen[p->nargs] = l;
				p->nargs++;
				start = c + 1;
			}
		}
		if (p->nargs == 1 && p->arglen[0] == 0)
			p->nargs = 0;
	}
	if (p->nargs != kinds[p->kind].nargs) {
		if (kinds[p->kind].nargs == 0)
			snprintf(err, errlen, "'%s' takes no argument", kinds[p->kind].name);
		else
			snprintf(err, errlen, "'%s' takes %d argument%s, %d given", kinds[p->kind].name,
				 kinds[p->kind].nargs, kinds[p->kind].nargs > 1 ? "s" : "", p->nargs);
		return -1;
	}
	return 0;
}

static void bad(struct lw_diag_list *diags, struct lw_loc loc, const char *msg)
{
	lw__diag_add(diags, LW_DIAG_BAD_ANNOTATION, loc, msg);
}

/* A lock expression that does not parse; one that names nothing this unit
 * can see may be resolved by another unit (docs/annotations.md). */
static void bad_lock(struct lw_diag_list *diags, struct lw_loc loc, int rc, const char *msg)
{
	lw__diag_add(diags, rc == LW_LOCK_EXPR_UNSEEN ? LW_DIAG_BAD_ANNOTATION_UNSEEN
						      : LW_DIAG_BAD_ANNOTATION,
		     loc, msg);
}

static const char *where_name(unsigned w)
{
	if (w & LW_ON_FUNC)
		return "a function";
	if (w & LW_ON_FIELD)
		return "a struct field";
	return "a global variable";
}

static const char *allowed_name(unsigned where)
{
	if (where == LW_ON_FUNC)
		return "functions";
	if (where == LW_ON_FIELD)
		return "struct fields";
	if (where & LW_ON_FUNC)
		return "functions and function pointers (fields, globals, their typedefs)";
	return "struct fields and global variables";
}

static int check_where(struct lw_diag_list *diags, const struct lw_annot_src *a,
		       const struct parsed *p, unsigned on)
{
	if (kinds[p->kind].where & on)
		return 0;
	char msg[512];
	snprintf(msg, sizeof(msg), "'%s' applies to %s, not to %s", kinds[p->kind].name,
		 allowed_name(kinds[p->kind].where), where_name(on));
	bad(diags, a->loc, msg);
	return -1;
}

static void mark_lock(struct lw_model *m, struct lw_lockclass c, int driver)
{
	guint64 *k = key64(m->tu, c.record, c.name);
	gpointer old = g_hash_table_lookup(m->locks, k);
	int v = GPOINTER_TO_INT(old);
	if (driver || v < 1)
		g_hash_table_insert(m->locks, k, GINT_TO_POINTER(driver ? 2 : (v ? v : 1)));
}

/* A contradiction between two annotations of one thing: the later one is
 * the error, with a note at the earlier one. */
static void contradicts(struct lw_diag_list *diags, const struct lw_tu *tu, const char *kind,
			lw_str name, const struct lw_annot_src *later,
			const struct lw_annot_src *earlier)
{
	char msg[512];
	snprintf(msg, sizeof(msg), "'%s' contradicts an earlier annotation of '%s'", kind,
		 lw_str_get(tu, name));
	struct lw_diag *d = lw__diag_add(diags, LW_DIAG_BAD_ANNOTATION, later->loc, msg);
	if (earlier)
		lw__diag_note(diags, d, LW_NOTE_OTHER_ANNOTATION, earlier->loc,
			      earlier->text + sizeof(PREFIX) - 1);
}

/* The type of the lock a field annotation names (a sibling field, a
 * field of one, or a global), or NULL if it cannot be told. */
static const struct lw_type *named_lock_type(const struct lw_tu *tu, const struct lw_path *path,
					     const struct lw_step *steps, uint16_t nsteps)
{
	if (path->root_kind == LW_ROOT_GLOBAL) {
		const struct lw_global *g = lw_tu_find_global((struct lw_tu *)tu, path->root);
		return g ? g->type : NULL;
	}
	if (!nsteps || steps[nsteps - 1].kind != LW_STEP_FIELD)
		return NULL;
	const struct lw_record *r = lw_tu_find_record((struct lw_tu *)tu, steps[nsteps - 1].record);
	const struct lw_field *f = r ? find_field(r, steps[nsteps - 1].field) : NULL;
	return f ? f->type : NULL;
}

/* A lock is an object (a struct or union such as pthread_mutex_t), or a
 * pointer to one; a scalar (an int, an enum, a float) is not.  A pointer
 * and an unknown type pass. */
static int may_be_lock(const struct lw_tu *tu, const struct lw_type *t)
{
	return !t || t->kind != LW_TY_OTHER || !t->name ||
	       !strcmp(lw_str_get(tu, t->name), "<no type>");
}

static int same_steps(const struct lw_step *a, uint16_t na, const struct lw_step *b, uint16_t nb)
{
	if (na != nb)
		return 0;
	for (uint16_t i = 0; i < na; i++)
		if (a[i].kind != b[i].kind || a[i].record != b[i].record || a[i].field != b[i].field)
			return 0;
	return 1;
}

/* Field or global: builds its lw_field_info from all its annotations. */
static struct lw_field_info *field_info(struct lw_model *m, struct lw_diag_list *diags,
					const struct lw_record *rec, const struct lw_field *f,
					const struct lw_global *g)
{
	uint32_t n = f ? f->nannots : g->nannots;
	const struct lw_annot_src *as = f ? f->annots : g->annots;
	if (!n)
		return NULL;
	struct lw_tu *tu = m->tu;
	lw_str self = f ? f->name : g->name;
	const struct lw_type *self_type = f ? f->type : g->type;
	struct lw_field_info *fi = lw_arena_alloc(tu->arena, sizeof(*fi));
	const struct lw_annot_src *cls_src = NULL, *driver_src = NULL;
	fi->loc = f ? f->loc : g->loc;
	for (uint32_t i = 0; i < n; i++) {
		const struct lw_annot_src *a = &as[i];
		struct parsed p;
		char err[512];
		if (split(a->text, &p, err, sizeof(err))) {
			bad(diags, a->loc, err);
			continue;
		}
		if (check_where(diags, a, &p, f ? LW_ON_FIELD : LW_ON_GLOBAL))
			continue;
		uint8_t cls = LW_FC_NONE;
		/* The lock of GUARDED_BY and RCU_CONFIG, kept only if the
		 * annotation stands. */
		lw_str lock_global = 0;
		uint16_t nlock_steps = 0;
		const struct lw_step *lock_steps = NULL;
		struct lw_lockclass lc = {0, 0};
		switch (p.kind) {
		case LW_AN_DRIVER_LOCK:
			if (fi->cls == LW_FC_ATOMIC) {
				contradicts(diags, tu, "driver_lock", self, a, cls_src);
				continue;
			}
			fi->driver_lock = 1;
			fi->is_lock = 1;
			if (!driver_src)
				driver_src = a;
			continue;
		case LW_AN_RECURSIVE:
			/* a recursive mutex: taken again by its holder, it nests */
			fi->recursive = 1;
			fi->is_lock = 1;
			continue;
		case LW_AN_BLOCKING:
		case LW_AN_NONBLOCKING: {
			/* on a function pointer: what every call through it does */
			uint8_t calls = p.kind == LW_AN_BLOCKING ? LW_FP_BLOCKING : LW_FP_NONBLOCKING;
			if (self_type && self_type->kind != LW_TY_POINTER) {
				snprintf(err, sizeof(err),
					 "'%s' on '%s' applies to a function pointer; '%s' is not a pointer",
					 kinds[p.kind].name, lw_str_get(tu, self), lw_str_get(tu, self));
				bad(diags, a->loc, err);
			} else if (fi->calls && fi->calls != calls) {
				contradicts(diags, tu, kinds[p.kind].name, self, a, NULL);
			} else {
				fi->calls = calls;
			}
			continue;
		}
		case LW_AN_IMMUTABLE:
			cls = LW_FC_IMMUTABLE;
			break;
		case LW_AN_SELF_LOCKING:
			cls = LW_FC_SELF_LOCKING;
			break;
		case LW_AN_ATOMIC:
			cls = LW_FC_ATOMIC;
			/* A lock is taken, not updated atomically. */
			if (driver_src && !fi->cls) {
				contradicts(diags, tu, "atomic", self, a, driver_src);
				continue;
			}
			break;
		case LW_AN_GUARDED_BY:
		case LW_AN_RCU_CONFIG: {
			cls = p.kind == LW_AN_GUARDED_BY ? LW_FC_GUARDED : LW_FC_RCU;
			if (cls == LW_FC_RCU && self_type && self_type->kind != LW_TY_POINTER) {
				snprintf(err, sizeof(err),
					 "'rcu_config' applies to a pointer to a configuration "
					 "snapshot; '%s' is not a pointer",
					 lw_str_get(tu, self));
				bad(diags, a->loc, err);
				continue;
			}
			char text[256];
			snprintf(text, sizeof(text), "%.*s", (int)p.arglen[0], p.args[0]);
			struct lw_path path;
			int rc = lw_parse_lock_expr(tu, NULL, rec, text, &path, &lc, err, sizeof(err));
			if (rc) {
				bad_lock(diags, a->loc, rc, err);
				continue;
			}
			/* A global lock, or a member of a global (foo.mu), or a
			 * field chain from the struct.  Drop the trailing DEREF
			 * a pointer-typed lock field got: the lock is what it
			 * points to, and the class is the field. */
			if (path.root_kind == LW_ROOT_GLOBAL)
				lock_global = path.root;
			nlock_steps = path.nsteps;
			lock_steps = path.steps;
			while (nlock_steps && lock_steps[nlock_steps - 1].kind == LW_STEP_DEREF)
				nlock_steps--;
			if (nlock_steps) {
				lc.record = lock_steps[nlock_steps - 1].record;
				lc.name = lock_steps[nlock_steps - 1].field;
			}
			int itself = g ? lock_global == g->name
				       : nlock_steps == 1 && lock_steps[0].kind == LW_STEP_FIELD &&
						 lock_steps[0].field == f->name &&
						 lock_steps[0].record == rec->name;
			if (itself) {
				snprintf(err, sizeof(err), "'%s' cannot guard itself",
					 lw_str_get(tu, self));
				bad(diags, a->loc, err);
				continue;
			}
			const struct lw_type *lt = named_lock_type(tu, &path, lock_steps, nlock_steps);
			if (!may_be_lock(tu, lt)) {
				snprintf(err, sizeof(err), "'%s' is not a lock: its type is '%s'", text,
					 lw_str_get(tu, lt->name));
				bad(diags, a->loc, err);
				continue;
			}
			break;
		}
		default:
			continue;
		}
		/* Two classes, or one class with two different locks (two
		 * GUARDED_BY), cannot both hold: the first stands. */
		int other_lock = cls == fi->cls && (cls == LW_FC_GUARDED || cls == LW_FC_RCU) &&
				 (lock_global != fi->lock_global ||
				  !same_steps(lock_steps, nlock_steps, fi->lock_steps, fi->nlock_steps));
		if (fi->cls && (fi->cls != cls || other_lock)) {
			contradicts(diags, tu, kinds[p.kind].name, self, a, cls_src);
			continue;
		}
		if (!fi->cls) {
			fi->lock_global = lock_global;
			fi->nlock_steps = nlock_steps;
			fi->lock_steps = lock_steps;
			fi->lock_cls = lc;
			fi->cls_loc = a->loc;
			cls_src = a;
		}
		fi->cls = cls;
	}
	return fi;
}

const char *lw_annot_kind_name(enum lw_annot_kind k)
{
	return (unsigned)k < LW_AN__COUNT ? kinds[k].name : "?";
}

/* Which lock effects cannot both hold for one lock: taking it and
 * dropping it, needing it held and needing it not held. */
static int effect_group(uint8_t kind)
{
	switch (kind) {
	case LW_AN_ACQUIRES:
	case LW_AN_ACQUIRES_SHARED:
	case LW_AN_TRY_ACQUIRES:
		return 1;
	case LW_AN_RELEASES:
		return -1;
	case LW_AN_REQUIRES:
	case LW_AN_REQUIRES_SHARED:
		return 2;
	case LW_AN_EXCLUDES:
		return -2;
	default:
		return 0;
	}
}

const struct lw_effect *lw__effects_clash(const struct lw_effect *effects, uint32_t n,
					  const struct lw_effect *e)
{
	int g = effect_group(e->kind);
	for (uint32_t i = 0; g && i < n; i++)
		if (effect_group(effects[i].kind) == -g && lw_path_equal(&effects[i].lock, &e->lock))
			return &effects[i];
	return NULL;
}

static void fn_info(struct lw_model *m, struct lw_diag_list *diags, uint32_t idx)
{
	struct lw_tu *tu = m->tu;
	const struct lw_fdecl *fd = &tu->fdecls[idx];
	struct lw_fn_info *fi = &m->fns[idx];
	if (!fd->nannots)
		return;
	struct lw_effect *eff = lw_arena_alloc(tu->arena, fd->nannots * sizeof(*eff));
	const struct lw_annot_src **effect_src =
		lw_arena_alloc(tu->arena, fd->nannots * sizeof(*effect_src));
	for (uint32_t i = 0; i < fd->nannots; i++) {
		const struct lw_annot_src *a = &fd->annots[i];
		struct parsed p;
		char err[512];
		if (split(a->text, &p, err, sizeof(err))) {
			bad(diags, a->loc, err);
			continue;
		}
		if (check_where(diags, a, &p, LW_ON_FUNC))
			continue;
		switch (p.kind) {
		case LW_AN_BLOCKING:
			fi->flags |= LW_FN_BLOCKING;
			continue;
		case LW_AN_NONBLOCKING:
			fi->flags |= LW_FN_NONBLOCKING;
			continue;
		case LW_AN_INIT:
			fi->flags |= LW_FN_INIT;
			continue;
		case LW_AN_RCU_READ_LOCK:
			fi->flags |= LW_FN_RCU_READ_LOCK;
			continue;
		case LW_AN_RCU_READ_UNLOCK:
			fi->flags |= LW_FN_RCU_READ_UNLOCK;
			continue;
		case LW_AN_RCU_PUBLISH:
			fi->flags |= LW_FN_RCU_PUBLISH;
			continue;
		case LW_AN_NO_ANALYSIS:
			fi->flags |= LW_FN_NO_ANALYSIS;
			continue;
		case LW_AN_STORES_CALLBACKS:
			fi->flags |= LW_FN_STORES_CALLBACKS;
			continue;
		case LW_AN_HANDS_OFF:
			fi->flags |= LW_FN_HANDS_OFF;
			continue;
		default:
			break;
		}
		struct lw_effect *e = &eff[fi->neffects];
		memset(e, 0, sizeof(*e));
		e->kind = (uint8_t)p.kind;
		e->loc = a->loc;
		int lockarg = 0;
		if (p.kind == LW_AN_TRY_ACQUIRES) {
			char num[64];
			snprintf(num, sizeof(num), "%.*s", (int)p.arglen[0], p.args[0]);
			char *end;
			long long v;
			if (!strcmp(num, "true") || !strcmp(num, "TRUE"))
				v = 1, end = num + strlen(num);
			else if (!strcmp(num, "false") || !strcmp(num, "FALSE") || !strcmp(num, "NULL"))
				v = 0, end = num + strlen(num);
			else
				v = strtoll(num, &end, 0);
			if (!*num || *end) {
				snprintf(err, sizeof(err), "'try_acquires' needs an integer success value first, not '%s'", num);
				bad(diags, a->loc, err);
				continue;
			}
			e->ret = v;
			lockarg = 1;
		}
		char text[256];
		snprintf(text, sizeof(text), "%.*s", (int)p.arglen[lockarg], p.args[lockarg]);
		int rc = lw_parse_lock_expr(tu, fd, NULL, text, &e->lock, &e->cls, err, sizeof(err));
		if (rc) {
			bad_lock(diags, a->loc, rc, err);
			continue;
		}
		const struct lw_effect *clash = lw__effects_clash(eff, fi->neffects, e);
		if (clash) {
			contradicts(diags, tu, kinds[p.kind].name, fd->name, a,
				    effect_src[clash - eff]);
			continue;
		}
		if (p.kind != LW_AN_RELEASES_GUARD && (e->cls.name || e->cls.record))
			mark_lock(m, e->cls, 0);
		fi->flags |= LW_FN_HAS_LOCK_EFFECTS;
		effect_src[fi->neffects] = a;
		fi->neffects++;
	}
	fi->effects = eff;
	if ((fi->flags & LW_FN_BLOCKING) && (fi->flags & LW_FN_NONBLOCKING)) {
		/* Name both places: one is often in a sidecar file. */
		const struct lw_annot_src *blk = NULL, *non = NULL;
		for (uint32_t i = 0; i < fd->nannots; i++) {
			if (!strcmp(fd->annots[i].text, "lockwarden:blocking"))
				blk = &fd->annots[i];
			if (!strcmp(fd->annots[i].text, "lockwarden:nonblocking"))
				non = &fd->annots[i];
		}
		char msg[512];
		snprintf(msg, sizeof(msg), "'%s' is annotated both blocking and nonblocking",
			 lw_str_get(tu, fd->name));
		struct lw_diag *d = lw__diag_add(diags, LW_DIAG_BAD_ANNOTATION,
						 non ? non->loc : fd->loc, msg);
		if (blk)
			lw__diag_note(diags, d, LW_NOTE_OTHER_ANNOTATION, blk->loc, "blocking");
		fi->flags &= ~(uint32_t)LW_FN_BLOCKING;
	}
}

struct lw_model *lw_model_build(struct lw_tu *tu, struct lw_diag_list *diags)
{
	struct lw_model *m = lw_arena_alloc(tu->arena, sizeof(*m));
	m->tu = tu;
	m->fields = g_hash_table_new(g_int64_hash, g_int64_equal);
	m->globals = g_hash_table_new(g_direct_hash, g_direct_equal);
	m->locks = g_hash_table_new(g_int64_hash, g_int64_equal);
	m->fns = lw_arena_alloc(tu->arena, (tu->nfdecls + 1) * sizeof(*m->fns));
	m->nfns = m->cap_fns = tu->nfdecls;
	for (uint32_t r = 0; r < tu->nrecords; r++) {
		const struct lw_record *rec = &tu->records[r];
		if (lw_tu_find_record(tu, rec->name) != rec)
			continue; /* a second definition of the same name */
		for (uint32_t i = 0; i < rec->nfields; i++) {
			const struct lw_field *f = &rec->fields[i];
			struct lw_field_info *fi = field_info(m, diags, rec, f, NULL);
			if (!fi)
				continue;
			g_hash_table_insert(m->fields, key64(tu, rec->name, f->name), fi);
			if (fi->driver_lock)
				mark_lock(m, (struct lw_lockclass){rec->name, f->name}, 1);
			if (fi->cls == LW_FC_GUARDED || fi->cls == LW_FC_RCU)
				mark_lock(m, fi->lock_cls, 0);
		}
	}
	for (uint32_t i = 0; i < tu->nglobals; i++) {
		const struct lw_global *g = &tu->globals[i];
		struct lw_field_info *fi = field_info(m, diags, NULL, NULL, g);
		if (!fi)
			continue;
		g_hash_table_insert(m->globals, GUINT_TO_POINTER(g->name), fi);
		if (fi->driver_lock)
			mark_lock(m, (struct lw_lockclass){0, g->name}, 1);
		if (fi->cls == LW_FC_GUARDED || fi->cls == LW_FC_RCU)
			mark_lock(m, fi->lock_cls, 0);
	}
	for (uint32_t i = 0; i < tu->nfdecls; i++)
		fn_info(m, diags, i);
	for (uint32_t i = 0; i < tu->nstray; i++) {
		const struct lw_stray_annot *a = &tu->stray[i];
		struct parsed p;
		char err[512];
		if (split(a->src.text, &p, err, sizeof(err))) {
			bad(diags, a->src.loc, err);
			continue;
		}
		snprintf(err, sizeof(err), "'%s' applies to %s, not to %s %s", kinds[p.kind].name,
			 allowed_name(kinds[p.kind].where),
			 strchr("aeiou", a->where[0]) ? "an" : "a", a->where);
		bad(diags, a->src.loc, err);
	}
	return m;
}

void lw_model_free(struct lw_model *m)
{
	if (!m)
		return;
	g_hash_table_destroy(m->fields);
	g_hash_table_destroy(m->globals);
	g_hash_table_destroy(m->locks);
}

const struct lw_field_info *lw_model_field(const struct lw_model *m, lw_str record,
					   lw_str field)
{
	guint64 k = ((guint64)record << 32) | field;
	return g_hash_table_lookup(m->fields, &k);
}

const struct lw_field_info *lw_model_global(const struct lw_model *m, lw_str name)
{
	return g_hash_table_lookup(m->globals, GUINT_TO_POINTER(name));
}

const struct lw_fn_info *lw_model_fn(const struct lw_model *m, uint32_t fdecl)
{
	return fdecl < m->nfns ? &m->fns[fdecl] : &m->empty;
}

/* ---- building a model from resolved entries (whole-program link) ----------- */

struct lw_model *lw_model_new(struct lw_tu *tu)
{
	struct lw_model *m = lw_arena_alloc(tu->arena, sizeof(*m));
	m->tu = tu;
	m->fields = g_hash_table_new(g_int64_hash, g_int64_equal);
	m->globals = g_hash_table_new(g_direct_hash, g_direct_equal);
	m->locks = g_hash_table_new(g_int64_hash, g_int64_equal);
	return m;
}

void lw_model_add_field(struct lw_model *m, lw_str record, lw_str field,
			const struct lw_field_info *fi)
{
	guint64 k = ((guint64)record << 32) | field;
	if (g_hash_table_contains(m->fields, &k))
		return; /* the first definition of a struct name wins */
	g_hash_table_insert(m->fields, key64(m->tu, record, field),
			    lw_arena_dup(m->tu->arena, fi, sizeof(*fi)));
}

void lw_model_add_global(struct lw_model *m, lw_str name, const struct lw_field_info *fi)
{
	if (g_hash_table_contains(m->globals, GUINT_TO_POINTER(name)))
		return;
	g_hash_table_insert(m->globals, GUINT_TO_POINTER(name),
			    lw_arena_dup(m->tu->arena, fi, sizeof(*fi)));
}

void lw_model_put_field(struct lw_model *m, lw_str record, lw_str field,
			const struct lw_field_info *fi)
{
	g_hash_table_insert(m->fields, key64(m->tu, record, field),
			    lw_arena_dup(m->tu->arena, fi, sizeof(*fi)));
}

void lw_model_put_global(struct lw_model *m, lw_str name, const struct lw_field_info *fi)
{
	g_hash_table_insert(m->globals, GUINT_TO_POINTER(name),
			    lw_arena_dup(m->tu->arena, fi, sizeof(*fi)));
}

void lw_model_put_fn(struct lw_model *m, uint32_t fdecl, uint32_t flags,
		     const struct lw_effect *effects, uint32_t n)
{
	lw_model_add_fn(m, fdecl, 0, NULL, 0); /* makes room */
	struct lw_fn_info *fi = &m->fns[fdecl];
	fi->flags = flags;
	fi->neffects = n;
	fi->effects = n ? lw_arena_dup(m->tu->arena, effects, n * sizeof(*effects)) : NULL;
}

void lw_model_add_lock(struct lw_model *m, struct lw_lockclass c, int driver)
{
	mark_lock(m, c, driver);
}

static int effect_eq(const struct lw_effect *a, const struct lw_effect *b)
{
	return a->kind == b->kind && a->ret == b->ret && lw_path_equal(&a->lock, &b->lock);
}

void lw_model_add_fn(struct lw_model *m, uint32_t fdecl, uint32_t flags,
		     const struct lw_effect *effects, uint32_t n)
{
	struct lw_arena *A = m->tu->arena;
	while (fdecl >= m->nfns) {
		LW_GROW(A, m->fns, m->nfns, m->cap_fns);
		memset(&m->fns[m->nfns], 0, sizeof(m->fns[0]));
		m->nfns++;
	}
	struct lw_fn_info *fi = &m->fns[fdecl];
	fi->flags |= flags;
	if (!n)
		return;
	struct lw_effect *e = lw_arena_alloc(A, (fi->neffects + n) * sizeof(*e));
	if (fi->neffects)
		memcpy(e, fi->effects, fi->neffects * sizeof(*e));
	uint32_t k = fi->neffects;
	for (uint32_t i = 0; i < n; i++) {
		int dup = 0;
		for (uint32_t j = 0; j < k && !dup; j++)
			dup = effect_eq(&e[j], &effects[i]);
		if (!dup)
			e[k++] = effects[i];
	}
	fi->effects = e;
	fi->neffects = k;
}

struct each_ctx {
	void (*fn)(void *, lw_str, lw_str, const struct lw_field_info *);
	void *ctx;
};

static void each_field(gpointer k, gpointer v, gpointer u)
{
	struct each_ctx *c = u;
	guint64 key = *(guint64 *)k;
	c->fn(c->ctx, (lw_str)(key >> 32), (lw_str)(key & 0xffffffffu), v);
}

static void each_global(gpointer k, gpointer v, gpointer u)
{
	struct each_ctx *c = u;
	c->fn(c->ctx, 0, (lw_str)GPOINTER_TO_UINT(k), v);
}

void lw_model_each_field(const struct lw_model *m,
			 void (*fn)(void *, lw_str, lw_str, const struct lw_field_info *),
			 void *ctx)
{
	struct each_ctx c = {fn, ctx};
	g_hash_table_foreach(m->fields, each_field, &c);
}

void lw_model_each_global(const struct lw_model *m,
			  void (*fn)(void *, lw_str, lw_str, const struct lw_field_info *),
			  void *ctx)
{
	struct each_ctx c = {fn, ctx};
	g_hash_table_foreach(m->globals, each_global, &c);
}

struct each_lock_ctx {
	void (*fn)(void *, struct lw_lockclass, int);
	void *ctx;
};

static void each_lock(gpointer k, gpointer v, gpointer u)
{
	struct each_lock_ctx *c = u;
	guint64 key = *(guint64 *)k;
	struct lw_lockclass cls = {(lw_str)(key >> 32), (lw_str)(key & 0xffffffffu)};
	c->fn(c->ctx, cls, GPOINTER_TO_INT(v) == 2);
}

void lw_model_each_lock(const struct lw_model *m,
			void (*fn)(void *, struct lw_lockclass, int driver), void *ctx)
{
	struct each_lock_ctx c = {fn, ctx};
	g_hash_table_foreach(m->locks, each_lock, &c);
}

int lw_model_is_driver_lock(const struct lw_model *m, struct lw_lockclass c)
{
	guint64 k = ((guint64)c.record << 32) | c.name;
	return GPOINTER_TO_INT(g_hash_table_lookup(m->locks, &k)) == 2;
}

int lw_model_is_lock(const struct lw_model *m, struct lw_lockclass c)
{
	guint64 k = ((guint64)c.record << 32) | c.name;
	return GPOINTER_TO_INT(g_hash_table_lookup(m->locks, &k)) >= 1;
}
