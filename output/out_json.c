/*
 * out_json.c -- `check --format json` and `whatif --format json` (their
 * schemas are in schemas/), and the finding objects of `diff --format
 * json`.  The document is streamed through jsonw.h in the layout of
 * jansson's json_dumpf() with JSON_INDENT(2) (the bytes are the same as
 * dumping the whole tree), so ~100,000 findings never exist as jansson
 * values.  Refs are sorted here; nothing is computed.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "out_json.h"
#include "out_rootcause.h"
#include "xalloc.h"

/* A component's ref, "kind:id", in two parts. */
struct ref_name {
	const char	*kind;
	const char	*id;
};

/*
 * "kind:id" refs sort as strings.  No kind's name is a prefix of
 * another's, so that is by kind name, then id.
 */
static int
ref_name_cmp(const void *va, const void *vb)
{
	const struct ref_name	*x = va, *y = vb;
	int			 c;

	if ((c = strcmp(x->kind, y->kind)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

/* A ref as a JSON string. */
static void
jw_ref(struct jw *w, const struct ref_name *r)
{
	char	buf[300], *s;
	size_t	lk = strlen(r->kind), li = strlen(r->id);

	s = lk + li + 2 <= sizeof buf ? buf : xmalloc(lk + li + 2);
	memcpy(s, r->kind, lk);
	s[lk] = ':';
	memcpy(s + lk + 1, r->id, li + 1);
	jw_string(w, s);
	if (s != buf)
		free(s);
}

/*
 * An array of the "kind:id" refs of components at depth, sorted; the
 * names are the inventory's own strings, sorted in place of the refs.
 */
static void
jw_refs(struct jw *w, unsigned depth, const struct analysis *a,
    const uint32_t *c, size_t n)
{
	struct ref_name		 stack[64], *v;
	enum entity_kind	 k;
	size_t			 i;

	jw_raw(w, "[", 1);
	if (n > 0) {
		v = n <= sizeof stack / sizeof stack[0] ? stack :
		    xmalloc(n * sizeof *v);
		for (i = 0; i < n; i++) {
			v[i].id = analysis_component_id(a, c[i], &k);
			v[i].kind = inventory_kind_name(k);
		}
		if (n > 1)
			qsort(v, n, sizeof *v, ref_name_cmp);
		for (i = 0; i < n; i++) {
			jw_item(w, depth, i);
			jw_ref(w, &v[i]);
		}
		if (v != stack)
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

/* What writing the services and the findings needs, per thread. */
struct json_check {
	const struct inventory	*inv;
	const struct analysis	*a;
	const struct findings	*fl;
	const uint32_t		*order;		/* of the services, by id */
	struct finding_text	 text;
};

/* Service order[i] with its single points, an item at depth 1. */
static void
jw_service(struct jw *w, void *arg, size_t i)
{
	const struct json_check	*jc = arg;
	const struct service	*svc = &jc->inv->services[jc->order[i]];
	const uint32_t		*sp;
	size_t			 nsp;

	jw_item(w, 1, i);
	jw_raw(w, "{", 1);
	jw_key(w, 2, 1, "id");
	jw_string(w, inventory_str(jc->inv, svc->e.id));
	jw_key(w, 2, 0, "tier");
	jw_uint(w, svc->tier);
	jw_key(w, 2, 0, "kind");
	jw_string(w, inventory_service_kind_name(svc->kind));
	jw_key(w, 2, 0, "single_points");
	sp = analysis_single_points(jc->a, jc->order[i], &nsp);
	jw_refs(w, 3, jc->a, sp, nsp);
	jw_end_object(w, 2);
}

/* Every service with its single points, sorted by id, at depth 1. */
static void
jw_services(struct jw *w, struct json_check jc[2])
{
	uint32_t	*order;
	void		*ctx[2] = { &jc[0], &jc[1] };
	size_t		 n = 0;

	jw_raw(w, "[", 1);
	if (jc[0].inv != NULL && jc[0].a != NULL) {
		n = jc[0].inv->nservices;
		order = findings_service_order(jc[0].inv);
		jc[0].order = jc[1].order = order;
		jw_items(w, n, jw_service, ctx);
		jc[0].order = jc[1].order = NULL;
		free(order);
	}
	jw_end_array(w, 1, n);
}

/* One finding of fl, an object at depth 2; t: for its texts. */
static void
jw_finding(struct jw *w, const struct inventory *inv,
    const struct findings *fl, const struct finding *f,
    struct finding_text *t)
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
	jw_string(w, finding_message(fl, f, t));
	jw_key(w, 2, 0, "file");
	jw_string(w, marked ? inventory_file(inv, f->mark.file) : NULL);
	jw_key(w, 2, 0, "line");
	jw_uint(w, marked ? f->mark.line : 0);
	jw_key(w, 2, 0, "column");
	jw_uint(w, marked ? f->mark.column : 0);
	jw_key(w, 2, 0, "policy");
	jw_string(w, f->policy);
	jw_key(w, 2, 0, "path");
	jw_string(w, finding_path(fl, f, t));
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

/* Finding i, an item at depth 1. */
static void
jw_finding_item(struct jw *w, void *arg, size_t i)
{
	struct json_check	*jc = arg;

	jw_item(w, 1, i);
	jw_finding(w, jc->inv, jc->fl, &jc->fl->v[i], &jc->text);
}

int
out_json_finding(FILE *fp, const struct inventory *inv,
    const struct findings *fl, const struct finding *f)
{
	struct finding_text	t;
	struct jw		w;

	memset(&t, 0, sizeof t);
	jw_open(&w, fp);
	jw_finding(&w, inv, fl, f, &t);
	finding_text_free(&t);
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
	struct json_check	 jc[2];
	struct jw		 w;
	void			*ctx[2] = { &jc[0], &jc[1] };
	size_t			 i, nrc = rcs != NULL ? rcs->n : 0;

	memset(jc, 0, sizeof jc);
	jc[0].inv = jc[1].inv = inv;
	jc[0].a = jc[1].a = a;
	jc[0].fl = jc[1].fl = fl;
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
	jw_services(&w, jc);
	jw_key(&w, 0, 0, "findings");
	jw_raw(&w, "[", 1);
	jw_items(&w, fl->n, jw_finding_item, ctx);
	jw_end_array(&w, 1, fl->n);
	jw_end_object(&w, 0);
	finding_text_free(&jc[0].text);
	finding_text_free(&jc[1].text);
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
