/*
 * output.c - the driver's findings: deep copies of the core's diagnostics,
 * their fingerprints, and the text, JSON and SARIF renderers.
 *
 * Renderers print what they are given, in the order given (the core sorts);
 * they never decide what is a finding.  JSON and SARIF are built with jansson,
 * never by hand.  The JSON schema is docs/json-format.md; fingerprints and
 * the SARIF file as GitHub code scanning reads it are in docs/ci.md.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "arena.h" /* lw_oom() */

/* ---- findings ----------------------------------------------------------- */

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		lw_oom();
	return p;
}

static char *xstrdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

/* File 0 is "unknown" (ir.h); so is a name the callback does not have. */
static char *file_copy(const char *(*file_name)(void *, uint32_t), void *ctx, uint32_t file)
{
	const char *s = file && file_name ? file_name(ctx, file) : NULL;
	return s && *s ? xstrdup(s) : NULL;
}

void lw_findings_add(struct lw_findings *fs, const struct lw_diag *d,
		     const char *(*file_name)(void *ctx, uint32_t file), void *ctx)
{
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->items = xrealloc(fs->items, fs->cap * sizeof(*fs->items));
	}
	struct lw_finding *f = &fs->items[fs->n++];
	memset(f, 0, sizeof(*f));
	f->check = xstrdup(lw_check_name(d->check));
	f->sev = d->sev;
	f->file = file_copy(file_name, ctx, d->loc.file);
	f->line = d->loc.line;
	f->col = d->loc.col;
	f->msg = xstrdup(d->msg ? d->msg : "");
	f->function = xstrdup(d->function);
	f->nnotes = d->nnotes;
	f->notes = d->nnotes ? xrealloc(NULL, d->nnotes * sizeof(*f->notes)) : NULL;
	for (uint32_t i = 0; i < d->nnotes; i++) {
		const struct lw_note *n = &d->notes[i];
		f->notes[i].file = file_copy(file_name, ctx, n->loc.file);
		f->notes[i].line = n->loc.line;
		f->notes[i].col = n->loc.col;
		f->notes[i].msg = xstrdup(n->msg ? n->msg : "");
		f->notes[i].related = lw_note_role(n->kind) == LW_NOTE_ROLE_RELATED;
	}
	lw_finding_fingerprint(f, f->fingerprint);
}

static void finding_free(struct lw_finding *f)
{
	free(f->check);
	free(f->file);
	free(f->msg);
	free(f->function);
	for (uint32_t i = 0; i < f->nnotes; i++) {
		free(f->notes[i].file);
		free(f->notes[i].msg);
	}
	free(f->notes);
}

void lw_findings_free(struct lw_findings *fs)
{
	for (uint32_t i = 0; i < fs->n; i++)
		finding_free(&fs->items[i]);
	free(fs->items);
	memset(fs, 0, sizeof(*fs));
}

/* The fields are joined with NUL bytes, which none of them can contain, so
 * no two different field lists hash the same input.  docs/ci.md has the
 * exact recipe; test_output.c checks it against sha256sum. */
void lw_finding_fingerprint(const struct lw_finding *f, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	const char *fields[3] = {f->check, f->function ? f->function : "", f->msg};
	for (int i = 0; i < 3; i++) {
		if (i)
			g_checksum_update(c, (const guchar *)"", 1);
		g_checksum_update(c, (const guchar *)fields[i], -1);
	}
	for (uint32_t i = 0; i < f->nnotes; i++) {
		g_checksum_update(c, (const guchar *)"", 1);
		g_checksum_update(c, (const guchar *)f->notes[i].msg, -1);
	}
	memcpy(out, g_checksum_get_string(c), 64);
	out[64] = 0;
	g_checksum_free(c);
}

/* ---- shared helpers ----------------------------------------------------- */

/* The message without its " [check-id]" suffix, as a length. */
static size_t msg_len_without_id(const struct lw_finding *f)
{
	size_t n = strlen(f->msg), k = strlen(f->check);
	if (n >= k + 3 && !memcmp(f->msg + n - k - 3, " [", 2) &&
	    !memcmp(f->msg + n - k - 1, f->check, k) && f->msg[n - 1] == ']')
		return n - k - 3;
	return n;
}

static const char *severity_name(int sev)
{
	switch (sev) {
	case LW_SEV_ERROR: return "error";
	case LW_SEV_WARNING: return "warning";
	case LW_SEV_NOTE: return "note";
	default: return "remark";
	}
}

/* jansson refuses strings that are not UTF-8 (json_string returns NULL);
 * file names on Linux are bytes, so replace what is not UTF-8 with U+FFFD. */
static json_t *jstrn(const char *s, size_t n)
{
	json_t *j = json_stringn(s, n);
	if (!j) {
		char *v = g_utf8_make_valid(s, (gssize)n);
		j = json_string(v);
		g_free(v);
	}
	return j;
}

static json_t *jstr(const char *s)
{
	return s ? jstrn(s, strlen(s)) : json_null();
}

static void set(json_t *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o, key, v) < 0)
		lw_oom();
}

static void push(json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v) < 0)
		lw_oom();
}

static json_t *jobj(void)
{
	json_t *o = json_object();
	if (!o)
		lw_oom();
	return o;
}

static json_t *jarr(void)
{
	json_t *a = json_array();
	if (!a)
		lw_oom();
	return a;
}

static int dump(FILE *out, json_t *root)
{
	int r = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (r < 0 || fputc('\n', out) == EOF || fflush(out) == EOF || ferror(out))
		return -1;
	return 0;
}

/* ---- text --------------------------------------------------------------- */

char *lw_output_escape(const char *s)
{
	GString *o = g_string_sized_new(strlen(s));
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			g_string_append(o, "\\n");
		else if (*p == '\r')
			g_string_append(o, "\\r");
		else if (*p == '\t')
			g_string_append(o, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			g_string_append_printf(o, "\\x%02x", *p);
		else
			g_string_append_c(o, (char)*p);
	}
	return g_string_free(o, FALSE);
}

/* clang's colours (TextDiagnostic.cpp, as clang 19 prints them): the location
 * bold, the level bold and coloured, a primary message bold, a note's plain.
 * clang 14 printed "note:" bold black; clang 19 prints it bold cyan. */
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *level_colour(int sev)
{
	switch (sev) {
	case LW_SEV_ERROR: return "\033[0;1;31m";
	case LW_SEV_WARNING: return "\033[0;1;35m";
	case LW_SEV_NOTE: return "\033[0;1;36m";
	default: return "\033[0;1;34m";
	}
}

static void text_line(FILE *out, const char *file, uint32_t line, uint32_t col,
		      int sev, const char *msg, int colour)
{
	/* Like clang: no location at all when it is unknown, no column when
	 * the column is. */
	/* One finding or note, one line: a newline in a file name (or an
	 * escape sequence) must not make up a line of its own. */
	if (file) {
		if (colour)
			fputs(BOLD, out);
		char *f = lw_output_escape(file);
		fputs(f, out);
		g_free(f);
		if (line) {
			fprintf(out, ":%u", (unsigned)line);
			if (col)
				fprintf(out, ":%u", (unsigned)col);
		}
		fputs(": ", out);
		if (colour)
			fputs(RESET, out);
	}
	if (colour)
		fputs(level_colour(sev), out);
	fprintf(out, "%s: ", severity_name(sev));
	if (colour)
		fputs(RESET, out);
	if (colour && sev != LW_SEV_NOTE)
		fputs(BOLD, out);
	char *m = lw_output_escape(msg);
	fputs(m, out);
	g_free(m);
	if (colour)
		fputs(RESET, out);
	fputc('\n', out);
}

int lw_output_text(FILE *out, const struct lw_findings *fs, int colour)
{
	for (uint32_t i = 0; i < fs->n; i++) {
		const struct lw_finding *f = &fs->items[i];
		text_line(out, f->file, f->line, f->col, f->sev, f->msg, colour);
		for (uint32_t j = 0; j < f->nnotes; j++) {
			const struct lw_finding_note *n = &f->notes[j];
			text_line(out, n->file, n->line, n->col, LW_SEV_NOTE, n->msg, colour);
		}
	}
	return fflush(out) == EOF || ferror(out) ? -1 : 0;
}

/* ---- JSON (docs/json-format.md) ----------------------------------------- */

#define LW_JSON_VERSION 1

int lw_output_json(FILE *out, const struct lw_findings *fs, const char *tool_version)
{
	json_t *root = jobj();
	set(root, "version", json_integer(LW_JSON_VERSION));
	json_t *tool = jobj();
	set(tool, "name", jstr("lockwarden"));
	set(tool, "version", jstr(tool_version));
	set(root, "tool", tool);
	json_t *findings = jarr();
	for (uint32_t i = 0; i < fs->n; i++) {
		const struct lw_finding *f = &fs->items[i];
		json_t *o = jobj();
		set(o, "check", jstr(f->check));
		set(o, "severity", jstr(severity_name(f->sev)));
		set(o, "file", jstr(f->file));
		set(o, "line", json_integer(f->line));
		set(o, "column", json_integer(f->col));
		set(o, "message", jstrn(f->msg, msg_len_without_id(f)));
		set(o, "function", jstr(f->function));
		set(o, "fingerprint", jstr(f->fingerprint));
		json_t *notes = jarr();
		for (uint32_t j = 0; j < f->nnotes; j++) {
			const struct lw_finding_note *n = &f->notes[j];
			json_t *no = jobj();
			set(no, "file", jstr(n->file));
			set(no, "line", json_integer(n->line));
			set(no, "column", json_integer(n->col));
			set(no, "message", jstr(n->msg));
			push(notes, no);
		}
		set(o, "notes", notes);
		push(findings, o);
	}
	set(root, "findings", findings);
	return dump(out, root);
}

/* ---- SARIF 2.1.0 (docs/ci.md) ------------------------------------------- */

/* "sleep-under-lock" -> "SleepUnderLock" */
static json_t *camel_case(const char *id)
{
	GString *s = g_string_new(NULL);
	for (int up = 1; *id; id++) {
		if (*id == '-') {
			up = 1;
			continue;
		}
		g_string_append_c(s, up ? g_ascii_toupper(*id) : *id);
		up = 0;
	}
	json_t *j = jstr(s->str);
	g_string_free(s, TRUE);
	return j;
}

static json_t *text_obj(const char *s)
{
	json_t *o = jobj();
	set(o, "text", jstr(s));
	return o;
}

/* help.text and fullDescription are the Markdown without its backquotes. */
static json_t *plain_text_obj(const char *markdown)
{
	GString *s = g_string_new(NULL);
	for (const char *p = markdown; *p; p++)
		if (*p != '`')
			g_string_append_c(s, *p);
	json_t *o = text_obj(s->str);
	g_string_free(s, TRUE);
	return o;
}

/* One rule per check, from its row of checks.def, in that order (so
 * ruleIndex is stable). */
static json_t *rule_json(enum lw_check c)
{
	const struct lw_check_info *r = lw_check_info(c);
	const char *id = r->id;
	json_t *o = jobj();
	set(o, "id", jstr(id));
	set(o, "name", camel_case(id));
	set(o, "shortDescription", text_obj(r->short_desc));
	set(o, "fullDescription", plain_text_obj(r->meaning));

	GString *md = g_string_new(r->meaning);
	if (r->detail)
		g_string_append_printf(md, " %s", r->detail);
	g_string_append_printf(md, "\n\nFix: %s", r->fix);
	if (r->suppressible)
		g_string_append_printf(md, "\n\nTo suppress one finding, write the comment "
				       "`lockwarden-ignore(%s)` on its line or the line before.", id);
	json_t *help = plain_text_obj(md->str);
	set(help, "markdown", jstr(md->str));
	set(o, "help", help);
	g_string_free(md, TRUE);

	json_t *conf = jobj();
	set(conf, "level", jstr(r->level));
	set(o, "defaultConfiguration", conf);
	json_t *props = jobj();
	json_t *tags = jarr();
	for (int i = 0; i < 2 && r->tags[i]; i++)
		push(tags, jstr(r->tags[i]));
	set(props, "tags", tags);
	set(props, "precision", jstr(r->precision));
	set(props, "problem.severity",
	    jstr(!strcmp(r->level, "note") ? "recommendation" : r->level));
	set(o, "properties", props);
	return o;
}

/* A relative path as a URI reference: '/' separates segments, every byte
 * but RFC 3986's unreserved ones is percent-encoded (so a space, '%', '#',
 * '?', ':' or '\' in a file name cannot change the URI's meaning), and a
 * leading "./" goes, so "./a.c" and "a.c" are one artifact.  An absolute
 * path becomes a file:// URI without uriBaseId. */
static json_t *artifact_location(const char *path)
{
	GString *u = g_string_new(NULL);
	int absolute = path[0] == '/';
	if (absolute)
		g_string_append(u, "file://");
	else
		while (path[0] == '.' && path[1] == '/')
			for (path += 2; *path == '/'; path++)
				;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (g_ascii_isalnum(*p) || strchr("-._~/", *p))
			g_string_append_c(u, (char)*p);
		else
			g_string_append_printf(u, "%%%02X", *p);
	}
	json_t *o = jobj();
	set(o, "uri", jstr(u->str));
	if (!absolute)
		set(o, "uriBaseId", jstr("%SRCROOT%"));
	g_string_free(u, TRUE);
	return o;
}

/* NULL when the file is unknown: SARIF has no way to say "somewhere". */
static json_t *physical_location(const char *file, uint32_t line, uint32_t col)
{
	if (!file)
		return NULL;
	json_t *o = jobj();
	set(o, "artifactLocation", artifact_location(file));
	if (line) {
		json_t *r = jobj();
		set(r, "startLine", json_integer(line));
		if (col)
			set(r, "startColumn", json_integer(col));
		set(o, "region", r);
	}
	return o;
}

/* A location object: physicalLocation when known, then message. */
static json_t *location(const char *file, uint32_t line, uint32_t col, json_t *msg)
{
	json_t *o = jobj();
	json_t *pl = physical_location(file, line, col);
	if (pl)
		set(o, "physicalLocation", pl);
	if (msg)
		set(o, "message", msg);
	return o;
}

static json_t *result_json(const struct lw_finding *f, int rule_index)
{
	json_t *o = jobj();
	set(o, "ruleId", jstr(f->check));
	if (rule_index >= 0) /* always, for the checks of LW_CHECKS */
		set(o, "ruleIndex", json_integer(rule_index));
	set(o, "level", jstr(f->sev == LW_SEV_ERROR ? "error" :
			     f->sev == LW_SEV_WARNING ? "warning" : "note"));
	json_t *msg = jobj();
	set(msg, "text", jstrn(f->msg, msg_len_without_id(f)));
	set(o, "message", msg);
	json_t *locs = jarr();
	json_t *pl = physical_location(f->file, f->line, f->col);
	if (pl) {
		json_t *l = jobj();
		set(l, "physicalLocation", pl);
		push(locs, l);
	}
	set(o, "locations", locs);
	json_t *fp = jobj();
	set(fp, "lockwarden/v1", jstr(f->fingerprint));
	set(o, "partialFingerprints", fp);
	if (!f->nnotes)
		return o;

	json_t *related = jarr();
	for (uint32_t j = 0; j < f->nnotes; j++) {
		const struct lw_finding_note *n = &f->notes[j];
		if (!n->related || !n->file)
			continue;
		json_t *l = jobj();
		set(l, "id", json_integer((json_int_t)json_array_size(related) + 1));
		set(l, "physicalLocation", physical_location(n->file, n->line, n->col));
		set(l, "message", text_obj(n->msg));
		push(related, l);
	}
	if (json_array_size(related))
		set(o, "relatedLocations", related);
	else
		json_decref(related);

	json_t *steps = jarr();
	for (uint32_t j = 0; j < f->nnotes; j++) {
		const struct lw_finding_note *n = &f->notes[j];
		json_t *s = jobj();
		set(s, "location", location(n->file, n->line, n->col, text_obj(n->msg)));
		push(steps, s);
	}
	json_t *last = jobj();
	json_t *lmsg = jobj();
	set(lmsg, "text", jstrn(f->msg, msg_len_without_id(f)));
	set(last, "location", location(f->file, f->line, f->col, lmsg));
	push(steps, last);
	json_t *tf = jobj();
	set(tf, "locations", steps);
	json_t *tfs = jarr();
	push(tfs, tf);
	json_t *cf = jobj();
	set(cf, "threadFlows", tfs);
	json_t *cfs = jarr();
	push(cfs, cf);
	set(o, "codeFlows", cfs);
	return o;
}

/* MAJOR.MINOR.PATCH with an optional -pre or +build tail (semver.org). */
static int is_semver(const char *v)
{
	for (int part = 0; part < 3; part++) {
		if (!g_ascii_isdigit(*v) || (v[0] == '0' && g_ascii_isdigit(v[1])))
			return 0;
		while (g_ascii_isdigit(*v))
			v++;
		if (part < 2 && *v++ != '.')
			return 0;
	}
	return *v == 0 || *v == '-' || *v == '+';
}

int lw_output_sarif(FILE *out, const struct lw_findings *fs, const char *tool_version)
{
	/* Every check but the debug probes always (rules describe the tool,
	 * not this run); the probes only when one fired. */
	int with_debug = 0;
	for (uint32_t i = 0; i < fs->n; i++)
		with_debug |= !strcmp(fs->items[i].check, lw_check_name(LW_CHECK_DEBUG));
	json_t *rules_json = jarr();
	const char *rule_ids[LW_CHECK__COUNT];
	int nrules = 0;
	for (int c = 0; c < LW_CHECK__COUNT; c++) {
		if (c == LW_CHECK_DEBUG && !with_debug)
			continue;
		rule_ids[nrules++] = lw_check_name(c);
		push(rules_json, rule_json((enum lw_check)c));
	}

	json_t *driver = jobj();
	set(driver, "name", jstr("lockwarden"));
	if (tool_version) {
		set(driver, "version", jstr(tool_version));
		if (is_semver(tool_version))
			set(driver, "semanticVersion", jstr(tool_version));
	}
	set(driver, "rules", rules_json);
	json_t *tool = jobj();
	set(tool, "driver", driver);

	json_t *results = jarr();
	for (uint32_t i = 0; i < fs->n; i++) {
		const struct lw_finding *f = &fs->items[i];
		int idx = -1;
		for (int r = 0; r < nrules && idx < 0; r++)
			if (!strcmp(rule_ids[r], f->check))
				idx = r;
		push(results, result_json(f, idx));
	}

	json_t *run = jobj();
	set(run, "tool", tool);
	set(run, "results", results);
	set(run, "columnKind", jstr("unicodeCodePoints"));
	json_t *runs = jarr();
	push(runs, run);
	json_t *root = jobj();
	set(root, "$schema", jstr("https://json.schemastore.org/sarif-2.1.0.json"));
	set(root, "version", jstr("2.1.0"));
	set(root, "runs", runs);
	return dump(out, root);
}
