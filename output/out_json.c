/*
 * out_json.c -- `check --format json` and `whatif --format json` (their
 * schemas are in schemas/), and the finding objects of `diff --format
 * json`.  The document is
 * streamed through one buffer in the layout of jansson's json_dumpf()
 * with JSON_INDENT(2) (the bytes are the same as dumping the whole tree),
 * so ~100,000 findings never exist as jansson values.  Strings of plain
 * printable ASCII (every id, ref and message faultline writes) are copied
 * between quotes; any other string is encoded by jansson, which escapes
 * it and refuses invalid UTF-8 (those bytes become U+FFFD).  Refs are
 * sorted here; nothing is computed.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "out_json.h"
#include "out_rootcause.h"
#include "out_utf8.h"
#include "xalloc.h"

#define OUT_JSON_INDENT	2
#define OUT_JSON_BUFSZ	65536

/* A buffered writer. */
struct jw {
	FILE	*fp;
	char	*buf;
	size_t	 len;
	int	 error;
};

static void
jw_flush(struct jw *w)
{
	if (w->len != 0 && fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->error = 1;
	w->len = 0;
}

static void
jw_raw(struct jw *w, const char *s, size_t n)
{
	size_t	chunk;

	while (n > 0) {
		if (w->len == OUT_JSON_BUFSZ)
			jw_flush(w);
		chunk = OUT_JSON_BUFSZ - w->len;
		if (chunk > n)
			chunk = n;
		memcpy(w->buf + w->len, s, chunk);
		w->len += chunk;
		s += chunk;
		n -= chunk;
	}
}

static void
jw_open(struct jw *w, FILE *fp)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->buf = xmalloc(OUT_JSON_BUFSZ);
}

/* Write out what is buffered and free the buffer; returns 0, or -1 when
 * anything failed to write. */
static int
jw_done(struct jw *w)
{
	jw_flush(w);
	free(w->buf);
	return w->error ? -1 : 0;
}

/* The final newline; returns 0, or -1 when anything failed to write. */
static int
jw_close(struct jw *w)
{
	jw_raw(w, "\n", 1);
	if (jw_done(w) != 0 || fflush(w->fp) != 0 || ferror(w->fp))
		return -1;
	return 0;
}

/* A newline and the indent of depth levels. */
static void
jw_newline(struct jw *w, unsigned depth)
{
	static const char	spaces[] = "\n                                ";
	size_t			n = (size_t)depth * OUT_JSON_INDENT, k;

	k = n < sizeof spaces - 2 ? n : sizeof spaces - 2;
	jw_raw(w, spaces, k + 1);
	for (n -= k; n > 0; n -= k) {
		k = n < sizeof spaces - 2 ? n : sizeof spaces - 2;
		jw_raw(w, spaces + 1, k);
	}
}

static int
jw_callback(const char *s, size_t n, void *arg)
{
	jw_raw(arg, s, n);
	return 0;
}

/* A string value, or null when s is NULL. */
static void
jw_string(struct jw *w, const char *s)
{
	const unsigned char	*p;
	json_t			*j;
	char			*fixed;

	if (s == NULL) {
		jw_raw(w, "null", 4);
		return;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			break;
	if (*p == '\0') {
		jw_raw(w, "\"", 1);
		jw_raw(w, s, (size_t)(p - (const unsigned char *)s));
		jw_raw(w, "\"", 1);
		return;
	}
	if ((j = json_string(s)) == NULL) {
		fixed = out_utf8_fix(s);
		j = json_string(fixed);
		free(fixed);
	}
	if (j == NULL || json_dump_callback(j, jw_callback, w,
	    JSON_ENCODE_ANY) != 0)
		w->error = 1;
	json_decref(j);
}

static void
jw_uint(struct jw *w, size_t v)
{
	char	buf[32], *p = buf + sizeof buf;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	jw_raw(w, p, (size_t)(buf + sizeof buf - p));
}

/* A member "key": of an object at depth; first: no comma before it. */
static void
jw_key(struct jw *w, unsigned depth, int first, const char *key)
{
	if (!first)
		jw_raw(w, ",", 1);
	jw_newline(w, depth + 1);
	jw_raw(w, "\"", 1);
	jw_raw(w, key, strlen(key));
	jw_raw(w, "\": ", 3);
}

/* Before item i of an array at depth. */
static void
jw_item(struct jw *w, unsigned depth, size_t i)
{
	if (i > 0)
		jw_raw(w, ",", 1);
	jw_newline(w, depth + 1);
}

/* After the n items of an array at depth (opened with "["). */
static void
jw_end_array(struct jw *w, unsigned depth, size_t n)
{
	if (n != 0)
		jw_newline(w, depth);
	jw_raw(w, "]", 1);
}

static void
jw_end_object(struct jw *w, unsigned depth)
{
	jw_newline(w, depth);
	jw_raw(w, "}", 1);
}

static int
cmp_str(const void *va, const void *vb)
{
	const char *const	*x = va, *const *y = vb;

	return strcmp(*x, *y);
}

/* An array of the "kind:id" refs of components at depth, sorted. */
static void
jw_refs(struct jw *w, unsigned depth, const struct analysis *a,
    const uint32_t *c, size_t n)
{
	char	**v, buf[300];
	size_t	  i;

	jw_raw(w, "[", 1);
	if (n > 0) {
		v = xmalloc(n * sizeof *v);
		for (i = 0; i < n; i++)
			v[i] = xstrdup(analysis_component_ref(a, c[i], buf,
			    sizeof buf));
		if (n > 1)
			qsort(v, n, sizeof *v, cmp_str);
		for (i = 0; i < n; i++) {
			jw_item(w, depth, i);
			jw_string(w, v[i]);
			free(v[i]);
		}
		free(v);
	}
	jw_end_array(w, depth, n);
}

static void
jw_summary(struct jw *w, const struct inventory *inv,
    const struct findings *fl)
{
	static const struct {
		const char		*key;
		enum entity_kind	 kind;
	} kinds[] = {
		{ "sites", KIND_SITE },
		{ "power", KIND_POWER },
		{ "domains", KIND_DOMAIN },
		{ "racks", KIND_RACK },
		{ "hosts", KIND_HOST },
		{ "services", KIND_SERVICE }
	};
	struct findings_count	 fc;
	size_t			 i;

	findings_count(fl, &fc);
	jw_raw(w, "{", 1);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		jw_key(w, 1, i == 0, kinds[i].key);
		jw_uint(w, inv != NULL ? inventory_count(inv, kinds[i].kind) :
		    0);
	}
	jw_key(w, 1, 0, "errors");
	jw_uint(w, fc.errors);
	jw_key(w, 1, 0, "warnings");
	jw_uint(w, fc.warnings);
	jw_key(w, 1, 0, "notes");
	jw_uint(w, fc.notes);
	jw_end_object(w, 1);
}

/* Every service with its single points, sorted by id, at depth 1. */
static void
jw_services(struct jw *w, const struct inventory *inv,
    const struct analysis *a)
{
	const struct service	*svc;
	const uint32_t		*sp;
	uint32_t		*order;
	size_t			 i, n = 0, nsp;

	jw_raw(w, "[", 1);
	if (inv != NULL && a != NULL) {
		n = inv->nservices;
		order = findings_service_order(inv);
		for (i = 0; i < n; i++) {
			svc = &inv->services[order[i]];
			jw_item(w, 1, i);
			jw_raw(w, "{", 1);
			jw_key(w, 2, 1, "id");
			jw_string(w, inventory_str(inv, svc->e.id));
			jw_key(w, 2, 0, "tier");
			jw_uint(w, svc->tier);
			jw_key(w, 2, 0, "kind");
			jw_string(w, inventory_service_kind_name(svc->kind));
			jw_key(w, 2, 0, "single_points");
			sp = analysis_single_points(a, order[i], &nsp);
			jw_refs(w, 3, a, sp, nsp);
			jw_end_object(w, 2);
		}
		free(order);
	}
	jw_end_array(w, 1, n);
}

/* One finding, an object at depth 2. */
static void
jw_finding(struct jw *w, const struct inventory *inv, const struct finding *f)
{
	int	marked = f->has_mark && inv != NULL;
	size_t	i;

	jw_raw(w, "{", 1);
	jw_key(w, 2, 1, "rule");
	jw_string(w, findings_rule_id(f->rule));
	jw_key(w, 2, 0, "severity");
	jw_string(w, inventory_severity_name(f->severity));
	jw_key(w, 2, 0, "subject");
	jw_string(w, f->subject);
	jw_key(w, 2, 0, "cause");
	jw_string(w, f->cause);
	jw_key(w, 2, 0, "message");
	jw_string(w, f->message);
	jw_key(w, 2, 0, "file");
	jw_string(w, marked ? inventory_file(inv, f->mark.file) : NULL);
	jw_key(w, 2, 0, "line");
	jw_uint(w, marked ? f->mark.line : 0);
	jw_key(w, 2, 0, "column");
	jw_uint(w, marked ? f->mark.column : 0);
	jw_key(w, 2, 0, "policy");
	jw_string(w, f->policy);
	jw_key(w, 2, 0, "path");
	jw_string(w, f->path);
	jw_key(w, 2, 0, "culprit");
	jw_string(w, f->culprit);
	jw_key(w, 2, 0, "implied");
	jw_raw(w, "[", 1);
	for (i = 0; i < f->nimplied; i++) {
		jw_item(w, 3, i);
		jw_string(w, f->implied[i]);
	}
	jw_end_array(w, 3, f->nimplied);
	jw_key(w, 2, 0, "waived");
	jw_raw(w, f->waived ? "true" : "false", f->waived ? 4 : 5);
	if (f->waived) {
		jw_key(w, 2, 0, "waiver_reason");
		jw_string(w, f->waiver_reason != NULL ? f->waiver_reason : "");
	}
	if (f->baselined) {
		jw_key(w, 2, 0, "baselined");
		jw_raw(w, "true", 4);
	}
	jw_end_object(w, 2);
}

int
out_json_finding(FILE *fp, const struct inventory *inv,
    const struct finding *f)
{
	struct jw	w;

	jw_open(&w, fp);
	jw_finding(&w, inv, f);
	return jw_done(&w);
}

/* One root cause, an object at depth 2. */
static void
jw_root_cause(struct jw *w, const struct root_cause *rc)
{
	char	effects[300];

	jw_raw(w, "{", 1);
	jw_key(w, 2, 1, "cause");
	jw_string(w, rc->cause);
	jw_key(w, 2, 0, "severity");
	jw_string(w, inventory_severity_name(rc->severity));
	jw_key(w, 2, 0, "findings");
	jw_uint(w, rc->findings);
	jw_key(w, 2, 0, "services");
	jw_uint(w, rc->services);
	jw_key(w, 2, 0, "tier_1_2_services");
	jw_uint(w, rc->tier12);
	jw_key(w, 2, 0, "blast_radius");
	jw_uint(w, rc->blast);
	jw_key(w, 2, 0, "summary");
	jw_string(w, out_rootcause_effects(rc, effects, sizeof effects));
	jw_end_object(w, 2);
}

int
out_json_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *fl,
    const struct root_causes *rcs)
{
	struct jw	w;
	size_t		i, nrc = rcs != NULL ? rcs->n : 0;

	jw_open(&w, fp);
	jw_raw(&w, "{", 1);
	jw_key(&w, 0, 1, "faultline");
	jw_uint(&w, 1);
	jw_key(&w, 0, 0, "summary");
	jw_summary(&w, inv, fl);
	jw_key(&w, 0, 0, "root_causes");
	jw_raw(&w, "[", 1);
	for (i = 0; i < nrc && !w.error; i++) {
		jw_item(&w, 1, i);
		jw_root_cause(&w, &rcs->v[i]);
	}
	jw_end_array(&w, 1, nrc);
	jw_key(&w, 0, 0, "services");
	jw_services(&w, inv, a);
	jw_key(&w, 0, 0, "findings");
	jw_raw(&w, "[", 1);
	for (i = 0; i < fl->n && !w.error; i++) {
		jw_item(&w, 1, i);
		jw_finding(&w, inv, &fl->v[i]);
	}
	jw_end_array(&w, 1, fl->n);
	jw_end_object(&w, 0);
	return jw_close(&w);
}

/* The ids of services v[0..n) (in that order) at depth 2. */
static void
jw_ids(struct jw *w, const struct inventory *inv, const uint32_t *v,
    size_t n)
{
	size_t	i;

	jw_raw(w, "[", 1);
	for (i = 0; i < n; i++) {
		jw_item(w, 2, i);
		jw_string(w, inventory_str(inv, inv->services[v[i]].e.id));
	}
	jw_end_array(w, 2, n);
}

int
out_json_whatif(FILE *fp, const struct analysis *a,
    const struct scenario *sc, const uint32_t *failed, size_t n)
{
	struct scenario_result	 res;
	struct jw		 w;

	scenario_result(sc, &res);
	jw_open(&w, fp);
	jw_raw(&w, "{", 1);
	jw_key(&w, 0, 1, "faultline");
	jw_uint(&w, 1);
	jw_key(&w, 0, 0, "failed");
	jw_refs(&w, 1, a, failed, n);
	jw_key(&w, 0, 0, "services");
	jw_raw(&w, "{", 1);
	jw_key(&w, 1, 1, "down");
	jw_ids(&w, a->inv, res.down, res.ndown);
	jw_key(&w, 1, 0, "degraded");
	jw_ids(&w, a->inv, res.degraded, res.ndegraded);
	jw_key(&w, 1, 0, "recovery_blocked");
	jw_ids(&w, a->inv, res.blocked, res.nblocked);
	jw_key(&w, 1, 0, "exposed");
	jw_ids(&w, a->inv, res.exposed, res.nexposed);
	jw_end_object(&w, 1);
	jw_end_object(&w, 0);
	scenario_result_free(&res);
	return jw_close(&w);
}
