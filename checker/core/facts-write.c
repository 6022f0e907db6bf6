/*
 * facts-write.c - one translation unit's facts as MessagePack, written by
 * the plugin in facts mode (the reading side is facts-read.c).
 *
 * What is written is resolved: annotations go out as the model built from
 * them (lock paths in terms of parameters, lock classes), so linking needs
 * no types.  Facts are packed with msgpack-c as the unit is walked, with no
 * tree in between, each record's slots in the order facts-format.h names
 * them.  Must not decide anything about the program: that is linking's
 * business (link.c).  The format is in docs/facts.md.
 */
#include "program.h"

#include <errno.h>
#include <glib.h>
#include <jansson.h>
#include <msgpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annot.h"
#include "facts-format.h"
#include "report.h"

/*
 * One record being packed.  slot() checks that slots come in the order of
 * the record's enum and close() that all came: a writer out of step with
 * facts-format.h is a bug here, and would otherwise only show as facts the
 * reader refuses, or worse, misreads.
 */
struct rec {
	msgpack_packer *pk;
	unsigned next, n;
};

static _Noreturn void bug(const char *what, unsigned got, unsigned want)
{
	fprintf(stderr, "lockwarden: internal error: facts writer: %s (%u, not %u)\n", what, got,
		want);
	abort();
}

static struct rec open_rec(msgpack_packer *pk, unsigned n)
{
	msgpack_pack_array(pk, n);
	return (struct rec){pk, 0, n};
}

static msgpack_packer *slot(struct rec *r, unsigned s)
{
	if (s != r->next)
		bug("a record's slot out of order", s, r->next);
	r->next++;
	return r->pk;
}

static void close_rec(const struct rec *r)
{
	if (r->next != r->n)
		bug("a record's slots missing", r->next, r->n);
}

static void pk_int(msgpack_packer *pk, int64_t v)
{
	msgpack_pack_int64(pk, v); /* the smallest encoding that holds v */
}

static void pk_str(msgpack_packer *pk, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	msgpack_pack_str(pk, n);
	msgpack_pack_str_body(pk, s ? s : "", n);
}

static void pk_loc(msgpack_packer *pk, struct lw_loc l)
{
	struct rec r = open_rec(pk, FX_LOC__N);
	pk_int(slot(&r, FX_LOC_FILE), l.file);
	pk_int(slot(&r, FX_LOC_LINE), l.line);
	pk_int(slot(&r, FX_LOC_COL), l.col);
	close_rec(&r);
}

static void pk_steps(msgpack_packer *pk, const struct lw_step *steps, uint16_t n)
{
	msgpack_pack_array(pk, n);
	for (uint16_t i = 0; i < n; i++) {
		struct rec r = open_rec(pk, FX_STEP__N);
		pk_int(slot(&r, FX_STEP_KIND_FLAGS),
		       steps[i].kind | steps[i].flags << FX_STEP_FLAGS_SHIFT);
		pk_int(slot(&r, FX_STEP_RECORD), steps[i].record);
		pk_int(slot(&r, FX_STEP_FIELD), steps[i].field);
		close_rec(&r);
	}
}

static void pk_path(msgpack_packer *pk, const struct lw_path *p)
{
	if (!p->root_kind) {
		pk_int(pk, 0);
		return;
	}
	struct rec r = open_rec(pk, FX_PATH__N);
	pk_int(slot(&r, FX_PATH_ROOT_KIND), p->root_kind);
	pk_int(slot(&r, FX_PATH_ROOT), p->root);
	pk_steps(slot(&r, FX_PATH_STEPS), p->steps, p->nsteps);
	close_rec(&r);
}

static void pk_value(msgpack_packer *pk, const struct lw_value *v)
{
	struct rec r = open_rec(pk, FX_VALUE__N);
	pk_int(slot(&r, FX_VALUE_KIND), v->kind);
	pk_int(slot(&r, FX_VALUE_K), v->k);
	pk_path(slot(&r, FX_VALUE_PATH), &v->path);
	close_rec(&r);
}

static void count_field_cb(void *ctx, lw_str record, lw_str field, const struct lw_field_info *fi)
{
	(void)record, (void)field, (void)fi;
	++*(uint32_t *)ctx;
}

static void count_lock_cb(void *ctx, struct lw_lockclass c, int driver)
{
	(void)c, (void)driver;
	++*(uint32_t *)ctx;
}

static void pk_field_cb(void *ctx, lw_str record, lw_str field, const struct lw_field_info *fi)
{
	struct rec r = open_rec(ctx, FX_FIELD__N);
	pk_int(slot(&r, FX_FIELD_RECORD), record);
	pk_int(slot(&r, FX_FIELD_NAME), field);
	pk_int(slot(&r, FX_FIELD_CLS), fi->cls);
	pk_int(slot(&r, FX_FIELD_DRIVER_LOCK), fi->driver_lock);
	pk_int(slot(&r, FX_FIELD_IS_LOCK), fi->is_lock);
	pk_int(slot(&r, FX_FIELD_LOCK_GLOBAL), fi->lock_global);
	pk_steps(slot(&r, FX_FIELD_LOCK_STEPS), fi->lock_steps, fi->nlock_steps);
	pk_int(slot(&r, FX_FIELD_LOCK_CLASS_RECORD), fi->lock_cls.record);
	pk_int(slot(&r, FX_FIELD_LOCK_CLASS_NAME), fi->lock_cls.name);
	pk_loc(slot(&r, FX_FIELD_LOC), fi->loc);
	pk_loc(slot(&r, FX_FIELD_CLS_LOC), fi->cls_loc);
	pk_int(slot(&r, FX_FIELD_CALLS), fi->calls);
	pk_int(slot(&r, FX_FIELD_RECURSIVE), fi->recursive);
	close_rec(&r);
}

static void pk_lock_cb(void *ctx, struct lw_lockclass c, int driver)
{
	struct rec r = open_rec(ctx, FX_LOCK__N);
	pk_int(slot(&r, FX_LOCK_RECORD), c.record);
	pk_int(slot(&r, FX_LOCK_NAME), c.name);
	pk_int(slot(&r, FX_LOCK_DRIVER), driver);
	close_rec(&r);
}

static void pk_effect(msgpack_packer *pk, const struct lw_effect *e)
{
	struct rec r = open_rec(pk, FX_EFFECT__N);
	pk_int(slot(&r, FX_EFFECT_KIND), e->kind);
	pk_path(slot(&r, FX_EFFECT_LOCK), &e->lock);
	pk_int(slot(&r, FX_EFFECT_CLASS_RECORD), e->cls.record);
	pk_int(slot(&r, FX_EFFECT_CLASS_NAME), e->cls.name);
	pk_int(slot(&r, FX_EFFECT_RET), e->ret);
	pk_loc(slot(&r, FX_EFFECT_LOC), e->loc);
	close_rec(&r);
}

static const struct lw_loc no_loc = {0, 0, 0};

/* Where fd has the annotation text (the first of its declarations to),
 * as annot.c finds a flag's place for its own message. */
static struct lw_loc annot_loc(const struct lw_fdecl *fd, const char *text)
{
	for (uint32_t i = 0; i < fd->nannots; i++)
		if (!strcmp(fd->annots[i].text, text))
			return fd->annots[i].loc;
	return fd->loc;
}

static void pk_fdecl(msgpack_packer *pk, const struct lw_tu *tu, const struct lw_fdecl *fd,
		     const struct lw_fn_info *fi)
{
	struct rec r = open_rec(pk, FX_FDECL__N);
	pk_int(slot(&r, FX_FDECL_NAME), fd->name);
	pk_loc(slot(&r, FX_FDECL_LOC), fd->loc);
	pk_int(slot(&r, FX_FDECL_FLAGS), fd->flags);
	msgpack_pack_array(slot(&r, FX_FDECL_PARAMS), fd->nparams);
	for (uint32_t k = 0; k < fd->nparams; k++)
		pk_int(pk, fd->params[k].name);
	pk_int(slot(&r, FX_FDECL_FN_FLAGS), fi->flags);
	msgpack_pack_array(slot(&r, FX_FDECL_EFFECTS), fi->neffects);
	for (uint32_t k = 0; k < fi->neffects; k++)
		pk_effect(pk, &fi->effects[k]);
	/* The definition's place identifies a static function. */
	pk_loc(slot(&r, FX_FDECL_DEF_LOC), fd->func >= 0 ? tu->funcs[fd->func].loc : fd->loc);
	pk_loc(slot(&r, FX_FDECL_BLOCKING_LOC),
	       fi->flags & LW_FN_BLOCKING ? annot_loc(fd, "lockwarden:blocking") : no_loc);
	pk_loc(slot(&r, FX_FDECL_NONBLOCKING_LOC),
	       fi->flags & LW_FN_NONBLOCKING ? annot_loc(fd, "lockwarden:nonblocking") : no_loc);
	close_rec(&r);
}

static void pk_event(msgpack_packer *pk, const struct lw_event *e)
{
	struct rec r = open_rec(pk, FX_EVENT__N);
	pk_int(slot(&r, FX_EVENT_KIND), e->kind);
	pk_int(slot(&r, FX_EVENT_MODE), e->mode);
	pk_int(slot(&r, FX_EVENT_FLAGS), e->flags);
	pk_loc(slot(&r, FX_EVENT_LOC), e->loc);
	pk_int(slot(&r, FX_EVENT_ID), e->id);
	pk_int(slot(&r, FX_EVENT_CALLEE), e->callee);
	pk_int(slot(&r, FX_EVENT_DECL), e->decl);
	msgpack_pack_array(slot(&r, FX_EVENT_ARGS), e->nargs);
	for (uint32_t i = 0; i < e->nargs; i++)
		pk_value(pk, &e->args[i]);
	pk_path(slot(&r, FX_EVENT_PATH), &e->path);
	pk_value(slot(&r, FX_EVENT_VALUE), &e->value);
	pk_int(slot(&r, FX_EVENT_CALL_ID), e->call_id);
	if (e->what)
		pk_str(slot(&r, FX_EVENT_WHAT), e->what);
	else
		msgpack_pack_nil(slot(&r, FX_EVENT_WHAT));
	close_rec(&r);
}

static void pk_edge(msgpack_packer *pk, const struct lw_edge *ed)
{
	struct rec r = open_rec(pk, FX_EDGE__N);
	pk_int(slot(&r, FX_EDGE_TARGET), ed->target);
	msgpack_pack_array(slot(&r, FX_EDGE_CONDS), ed->nconds);
	for (uint32_t c = 0; c < ed->nconds; c++) {
		struct rec rc = open_rec(pk, FX_COND__N);
		pk_int(slot(&rc, FX_COND_OP), ed->conds[c].op);
		pk_int(slot(&rc, FX_COND_K), ed->conds[c].k);
		pk_value(slot(&rc, FX_COND_VALUE), &ed->conds[c].val);
		close_rec(&rc);
	}
	close_rec(&r);
}

static void pk_func(msgpack_packer *pk, const struct lw_func *fn)
{
	struct rec r = open_rec(pk, FX_FUNC__N);
	pk_int(slot(&r, FX_FUNC_NAME), fn->name);
	pk_int(slot(&r, FX_FUNC_DECL), fn->decl);
	pk_loc(slot(&r, FX_FUNC_LOC), fn->loc);
	msgpack_pack_array(slot(&r, FX_FUNC_LOCALS), fn->nlocals);
	for (uint32_t i = 0; i < fn->nlocals; i++)
		pk_int(pk, fn->locals[i].name);
	pk_int(slot(&r, FX_FUNC_ENTRY), fn->entry);
	pk_int(slot(&r, FX_FUNC_EXIT), fn->exit);
	pk_int(slot(&r, FX_FUNC_NCALLS), fn->ncalls);
	msgpack_pack_array(slot(&r, FX_FUNC_BLOCKS), fn->nblocks);
	for (uint32_t b = 0; b < fn->nblocks; b++) {
		const struct lw_block *bl = &fn->blocks[b];
		struct rec rb = open_rec(pk, FX_BLOCK__N);
		msgpack_pack_array(slot(&rb, FX_BLOCK_EVENTS), bl->nevents);
		for (uint32_t i = 0; i < bl->nevents; i++)
			pk_event(pk, &bl->events[i]);
		msgpack_pack_array(slot(&rb, FX_BLOCK_SUCC), bl->nsucc);
		for (uint32_t k = 0; k < bl->nsucc; k++)
			pk_edge(pk, &bl->succ[k]);
		close_rec(&rb);
	}
	close_rec(&r);
}

static void pk_diag(msgpack_packer *pk, const struct lw_diag *d)
{
	struct rec r = open_rec(pk, FX_DIAG__N);
	pk_int(slot(&r, FX_DIAG_KIND), d->kind);
	pk_loc(slot(&r, FX_DIAG_LOC), d->loc);
	pk_str(slot(&r, FX_DIAG_MESSAGE), d->msg);
	msgpack_pack_array(slot(&r, FX_DIAG_NOTES), d->nnotes);
	for (uint32_t k = 0; k < d->nnotes; k++) {
		struct rec rn = open_rec(pk, FX_NOTE__N);
		pk_loc(slot(&rn, FX_NOTE_LOC), d->notes[k].loc);
		pk_str(slot(&rn, FX_NOTE_MESSAGE), d->notes[k].msg);
		close_rec(&rn);
	}
	close_rec(&r);
}

static void pk_suppression(msgpack_packer *pk, const struct lw_suppression *s)
{
	struct rec r = open_rec(pk, FX_SUPP__N);
	pk_int(slot(&r, FX_SUPP_FILE), s->file);
	pk_int(slot(&r, FX_SUPP_LINE), s->line);
	pk_str(slot(&r, FX_SUPP_IDS), s->ids);
	close_rec(&r);
}

static void pk_fnstore(msgpack_packer *pk, const struct lw_fnstore *st)
{
	struct rec r = open_rec(pk, FX_FNSTORE__N);
	pk_int(slot(&r, FX_FNSTORE_RECORD), st->record);
	pk_int(slot(&r, FX_FNSTORE_NAME), st->name);
	pk_int(slot(&r, FX_FNSTORE_FDECL), st->fdecl);
	pk_int(slot(&r, FX_FNSTORE_GLOBAL), st->global);
	pk_loc(slot(&r, FX_FNSTORE_LOC), st->loc);
	close_rec(&r);
}

/* The whole facts file into sb, its checksum last (over what follows it). */
static void pk_facts(msgpack_sbuffer *sb, struct lw_tu *tu)
{
	msgpack_packer pk_, *pk = &pk_;
	msgpack_packer_init(pk, sb, msgpack_sbuffer_write);

	struct lw_arena *A = lw_arena_new();
	struct lw_diag_list diags = {A, tu, NULL, 0, 0};
	struct lw_model *m = lw_model_build(tu, &diags);

	struct rec top = open_rec(pk, FX_SEC__N);
	pk_int(slot(&top, FX_SEC_VERSION), LW_FACTS_VERSION);
	static const char unsummed[FX_SUM_HEX] = {0};
	msgpack_pack_str(slot(&top, FX_SEC_CHECKSUM), FX_SUM_HEX);
	msgpack_pack_str_body(pk, unsummed, FX_SUM_HEX);

	msgpack_pack_array(slot(&top, FX_SEC_FILES), tu->nfiles);
	for (uint32_t i = 0; i < tu->nfiles; i++)
		pk_str(pk, tu->files[i]);
	/* The whole string table: ids in the rest of the file index it. */
	msgpack_pack_array(slot(&top, FX_SEC_STRINGS), lw_tu_nstrings(tu));
	for (lw_str i = 0; i < lw_tu_nstrings(tu); i++)
		pk_str(pk, lw_str_get(tu, i));

	uint32_t nfields = 0, nglobals = 0, nlocks = 0;
	lw_model_each_field(m, count_field_cb, &nfields);
	lw_model_each_global(m, count_field_cb, &nglobals);
	lw_model_each_lock(m, count_lock_cb, &nlocks);
	msgpack_pack_array(slot(&top, FX_SEC_FIELDS), nfields);
	lw_model_each_field(m, pk_field_cb, pk);
	msgpack_pack_array(slot(&top, FX_SEC_GLOBALS), nglobals);
	lw_model_each_global(m, pk_field_cb, pk);
	msgpack_pack_array(slot(&top, FX_SEC_LOCKS), nlocks);
	lw_model_each_lock(m, pk_lock_cb, pk);

	msgpack_pack_array(slot(&top, FX_SEC_FDECLS), tu->nfdecls);
	for (uint32_t i = 0; i < tu->nfdecls; i++)
		pk_fdecl(pk, tu, &tu->fdecls[i], lw_model_fn(m, i));
	msgpack_pack_array(slot(&top, FX_SEC_FUNCS), tu->nfuncs);
	for (uint32_t i = 0; i < tu->nfuncs; i++)
		pk_func(pk, &tu->funcs[i]);
	msgpack_pack_array(slot(&top, FX_SEC_DIAGS), diags.n);
	for (uint32_t i = 0; i < diags.n; i++)
		pk_diag(pk, &diags.items[i]);
	msgpack_pack_array(slot(&top, FX_SEC_SUPPRESSIONS), tu->nsupp);
	for (uint32_t i = 0; i < tu->nsupp; i++)
		pk_suppression(pk, &tu->supp[i]);
	msgpack_pack_array(slot(&top, FX_SEC_SIDECAR_MATCHED), tu->nsc_matched);
	for (uint32_t i = 0; i < tu->nsc_matched; i++)
		pk_str(pk, tu->sc_matched[i]);
	msgpack_pack_array(slot(&top, FX_SEC_FNSTORES), tu->nfnstores);
	for (uint32_t i = 0; i < tu->nfnstores; i++)
		pk_fnstore(pk, &tu->fnstores[i]);
	uint32_t nstatic = 0;
	for (uint32_t i = 0; i < tu->nglobals; i++)
		nstatic += tu->globals[i].is_static;
	msgpack_pack_array(slot(&top, FX_SEC_STATICS), nstatic);
	for (uint32_t i = 0; i < tu->nglobals; i++)
		if (tu->globals[i].is_static)
			pk_int(pk, tu->globals[i].name);
	close_rec(&top);

	lw_model_free(m);
	lw_arena_free(A);

	unsigned char prefix[FX_PREFIX_LEN];
	lw__facts_prefix(prefix);
	if (sb->size < FX_BODY_AT || memcmp(sb->data, prefix, FX_PREFIX_LEN) != 0)
		bug("the file does not start with the prefix", (unsigned)sb->size, FX_BODY_AT);
	char sum[FX_SUM_HEX + 1];
	lw__facts_checksum(sb->data + FX_BODY_AT, sb->size - FX_BODY_AT, sum);
	memcpy(sb->data + FX_PREFIX_LEN, sum, FX_SUM_HEX);
}

/* Writes len bytes to path through a temporary file renamed into place:
 * a reader never sees half a file. */
static int write_atomically(const char *path, const void *data, size_t len)
{
	char *tmp = g_strdup_printf("%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		g_free(tmp);
		errno = e;
		return -1;
	}
	g_free(tmp);
	return 0;
}

/* The dependency list alone, as JSON, so that checking the cache does not
 * unpack every facts file: the files read with their hashes, and the paths
 * looked for in vain, by folder ([folder, "name\nname..."]; the folder of
 * a path without a '/' is "", of "/x" it is "/"). */
static int write_deps(const struct lw_dep *deps, uint32_t ndeps, const char *path, char *err,
		      size_t errlen)
{
	json_t *d = json_object();
	json_t *jdeps = json_array();
	/* Missing paths by folder, the names of a folder in one string, one
	 * per line: a unit looks for each header in every search directory,
	 * so folders repeat a thousand times, and the cache's check parses
	 * every .deps file (a JSON string per name cost it more than the
	 * stat() calls).  A header name has no newline in it. */
	json_t *missing = json_array();
	GString *names = NULL;
	const char *dir = NULL;
	size_t dirlen = 0;
	for (uint32_t i = 0; i <= ndeps; i++) {
		if (i < ndeps && deps[i].hash) {
			json_array_append_new(jdeps, json_pack("[ss]", deps[i].path, deps[i].hash));
			continue;
		}
		const char *path = i < ndeps ? deps[i].path : NULL;
		const char *slash = path ? strrchr(path, '/') : NULL;
		/* "/x": the folder is "/". */
		size_t n = !slash ? 0 : slash == path ? 1 : (size_t)(slash - path);
		if (names && (!path || n != dirlen || memcmp(path, dir, n))) {
			json_array_append_new(missing, json_pack("[s%s%]", dir, dirlen, names->str,
								 names->len));
			g_string_free(names, TRUE);
			names = NULL;
		}
		if (!path)
			break;
		if (!names) {
			names = g_string_new("");
			dir = path;
			dirlen = n;
		} else {
			g_string_append_c(names, '\n');
		}
		g_string_append(names, slash ? slash + 1 : path);
	}
	json_object_set_new(d, "version", json_integer(LW_FACTS_VERSION));
	json_object_set_new(d, "deps", jdeps);
	json_object_set_new(d, "missing", missing);
	char *dpath = g_strdup_printf("%s.deps", path);
	char *text = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	int rc = text ? write_atomically(dpath, text, strlen(text)) : (errno = ENOMEM, -1);
	if (rc != 0)
		snprintf(err, errlen, "cannot write '%s': %s", dpath, strerror(errno));
	free(text);
	g_free(dpath);
	return rc;
}

int lw_facts_write(struct lw_tu *tu, const struct lw_dep *deps, uint32_t ndeps,
		   const char *path, char *err, size_t errlen)
{
	/* The .deps file first: lw_facts_deps() trusts a facts file only
	 * through its .deps file. */
	if (write_deps(deps, ndeps, path, err, errlen) != 0)
		return -1;
	msgpack_sbuffer sb;
	msgpack_sbuffer_init(&sb);
	pk_facts(&sb, tu);
	int rc = write_atomically(path, sb.data, sb.size);
	msgpack_sbuffer_destroy(&sb);
	if (rc != 0) {
		snprintf(err, errlen, "cannot write facts file '%s': %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
