/*
 * test_output.c -- the text and JSON renderers of `check` and `whatif`:
 * exact bytes on a tiny inventory, the the README shape on the semantics
 * inventory (against tests/data/findings/, copied from shared/semantics).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "findings.h"
#include "findings_fixture.h"
#include "jsonw.h"
#include "loader.h"
#include "out_json.h"
#include "out_text.h"
#include "out_utf8.h"
#include "suites.h"

#define TODAY	20605	/* 2026-06-01 */

/* A service web (tier 1) and a waived wiki (tier 4), both on host h1. */
static struct inventory *
tiny(void)
{
	struct inventory	*inv = fx_create();

	fx_site(inv, "s1", 2);
	fx_host(inv, "h1", "s1", NULL, NULL, 5);
	fx_service(inv, "web", SERVICE_APP, 1, "h1", 0, NULL, NULL, 10);
	fx_service(inv, "wiki", SERVICE_APP, 4, "h1", 0, NULL, NULL, 20);
	fx_waiver(inv, "spof", "^wiki$", "read-only \"archive\"",
	    INT32_MIN, 30);
	return inv;
}

static void
compute(struct inventory *inv, struct analysis **a, struct findings *fl)
{
	struct diag_list	dl;

	*a = fx_analyse(inv);
	diag_list_init(&dl);
	ck_assert_int_eq(findings_compute(*a, TODAY, fl, &dl), 0);
	diag_list_free(&dl);
}

/* Run a renderer into a string (kind: 0 JSON check, 1 text, 2 colour). */
static char *
render_check(int kind, const struct inventory *inv, const struct analysis *a,
    const struct findings *fl)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	if (kind == 0)
		ck_assert_int_eq(out_json_check(fp, inv, a, fl, NULL), 0);
	else
		ck_assert_int_eq(out_text_check(fp, inv, a, fl, fl, kind == 2), 0);
	fclose(fp);
	return buf;
}

static char *
render_whatif(int json, const struct analysis *a, struct scenario *sc,
    const uint32_t *failed, size_t n)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	scenario_run(sc, failed, n);
	fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	if (json)
		ck_assert_int_eq(out_json_whatif(fp, a, sc, failed, n), 0);
	else
		ck_assert_int_eq(out_text_whatif(fp, a, sc, failed, n), 0);
	fclose(fp);
	return buf;
}

static json_t *
load_data(const char *name)
{
	json_error_t	 err;
	json_t		*j;
	char		 path[4096];

	snprintf(path, sizeof path, "%s/tests/data/findings/%s",
	    test_srcdir(), name);
	j = json_load_file(path, 0, &err);
	ck_assert_msg(j != NULL, "%s: %s", path, err.text);
	return j;
}

static const char tiny_json[] =
"{\n"
"  \"faultline\": 1,\n"
"  \"summary\": {\n"
"    \"sites\": 1,\n"
"    \"power\": 0,\n"
"    \"domains\": 0,\n"
"    \"racks\": 0,\n"
"    \"hosts\": 1,\n"
"    \"services\": 2,\n"
"    \"errors\": 1,\n"
"    \"warnings\": 0,\n"
"    \"notes\": 0\n"
"  },\n"
"  \"root_causes\": [],\n"
"  \"services\": [\n"
"    {\n"
"      \"id\": \"web\",\n"
"      \"tier\": 1,\n"
"      \"kind\": \"app\",\n"
"      \"single_points\": [\n"
"        \"host:h1\",\n"
"        \"site:s1\"\n"
"      ]\n"
"    },\n"
"    {\n"
"      \"id\": \"wiki\",\n"
"      \"tier\": 4,\n"
"      \"kind\": \"app\",\n"
"      \"single_points\": [\n"
"        \"host:h1\",\n"
"        \"site:s1\"\n"
"      ]\n"
"    }\n"
"  ],\n"
"  \"findings\": [\n"
"    {\n"
"      \"rule\": \"spof\",\n"
"      \"severity\": \"error\",\n"
"      \"subject\": \"service:web\",\n"
"      \"cause\": \"host:h1\",\n"
"      \"message\": \"service 'web' goes down when host 'h1' fails; host 'h1' takes down 2 services\",\n"
"      \"file\": \"inventory.yaml\",\n"
"      \"line\": 10,\n"
"      \"column\": 9,\n"
"      \"policy\": \"default\",\n"
"      \"path\": \"web -> host h1\",\n"
"      \"culprit\": \"service:web\",\n"
"      \"implied\": [\n"
"        \"site:s1\"\n"
"      ],\n"
"      \"waived\": false\n"
"    },\n"
"    {\n"
"      \"rule\": \"spof\",\n"
"      \"severity\": \"note\",\n"
"      \"subject\": \"service:wiki\",\n"
"      \"cause\": \"host:h1\",\n"
"      \"message\": \"service 'wiki' goes down when host 'h1' fails; host 'h1' takes down 2 services\",\n"
"      \"file\": \"inventory.yaml\",\n"
"      \"line\": 20,\n"
"      \"column\": 9,\n"
"      \"policy\": \"default\",\n"
"      \"path\": \"wiki -> host h1\",\n"
"      \"culprit\": \"service:wiki\",\n"
"      \"implied\": [\n"
"        \"site:s1\"\n"
"      ],\n"
"      \"waived\": true,\n"
"      \"waiver_reason\": \"read-only \\\"archive\\\"\"\n"
"    }\n"
"  ]\n"
"}\n";

START_TEST(test_json_check_exact)
{
	struct inventory	*inv = tiny();
	struct analysis		*a;
	struct findings		 fl;
	char			*out;

	compute(inv, &a, &fl);
	out = render_check(0, inv, a, &fl);
	ck_assert_str_eq(out, tiny_json);
	free(out);
	findings_free(&fl);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_json_check_semantics)
{
	struct inventory	*inv = fx_quorum_and_power();
	struct analysis		*a;
	struct findings		 fl;
	json_t			*doc, *want, *wantdoc, *svc, *f, *got_sp;
	json_error_t		 err;
	void			*it;
	const char		*keys[] = { "faultline", "summary",
	    "root_causes", "services", "findings" };
	const char		*fkeys[] = { "rule", "severity", "subject",
	    "cause", "message", "file", "line", "column", "policy", "path",
	    "culprit", "implied", "waived" };
	char			*out;
	size_t			 i;

	compute(inv, &a, &fl);
	out = render_check(0, inv, a, &fl);
	doc = json_loads(out, 0, &err);
	ck_assert_msg(doc != NULL, "%s", err.text);
	for (i = 0, it = json_object_iter(doc); it != NULL;
	    i++, it = json_object_iter_next(doc, it))
		ck_assert_str_eq(json_object_iter_key(it), keys[i]);
	ck_assert_uint_eq(i, 5);
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "faultline")),
	    1);

	want = json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}", "sites", 3,
	    "power", 7, "domains", 0, "racks", 2, "hosts", 8, "services", 9,
	    "errors", 8, "warnings", 5, "notes", 0);
	ck_assert(json_equal(json_object_get(doc, "summary"), want));
	json_decref(want);

	/* services: the single points of shared/semantics, sorted. */
	wantdoc = load_data("check.json");
	want = json_object_get(wantdoc, "services");
	svc = json_object_get(doc, "services");
	ck_assert_uint_eq(json_array_size(svc), json_array_size(want));
	for (i = 0; i < json_array_size(want); i++) {
		f = json_array_get(svc, i);
		ck_assert_str_eq(json_string_value(json_object_get(f, "id")),
		    json_string_value(json_object_get(json_array_get(want, i),
		    "id")));
		got_sp = json_object_get(f, "single_points");
		ck_assert_msg(json_equal(got_sp, json_object_get(
		    json_array_get(want, i), "single_points")), "service %zu",
		    i);
	}
	json_decref(wantdoc);
	f = json_array_get(svc, 2);
	ck_assert_str_eq(json_string_value(json_object_get(f, "kind")),
	    "tool");
	ck_assert_int_eq(json_integer_value(json_object_get(f, "tier")), 3);

	/* findings: the same list, in the documented key order. */
	svc = json_object_get(doc, "findings");
	ck_assert_uint_eq(json_array_size(svc), fl.n);
	ck_assert_uint_eq(fl.n, 13);
	f = json_array_get(svc, 0);
	for (i = 0, it = json_object_iter(f); it != NULL;
	    i++, it = json_object_iter_next(f, it))
		ck_assert_str_eq(json_object_iter_key(it), fkeys[i]);
	ck_assert_uint_eq(i, 13);
	want = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:s,s:s,s:s,"
	    "s:[s],s:b}", "rule", "spof", "severity", "error", "subject",
	    "service:quorum-tight", "cause", "host:e-2", "message",
	    "service 'quorum-tight' goes down when host 'e-2' fails; host "
	    "'e-2' takes down 2 services", "file", "inventory.yaml", "line", 49,
	    "column", 9, "policy", "default", "path",
	    "quorum-tight -> host e-2", "culprit", "service:quorum-tight",
	    "implied", "site:east", "waived", 0);
	ck_assert(json_equal(f, want));
	json_decref(want);
	/* Last lines: a (spof, then cycle), then b. */
	f = json_array_get(svc, fl.n - 2);
	ck_assert_str_eq(json_string_value(json_object_get(f, "rule")),
	    "cycle");
	ck_assert(json_is_null(json_object_get(f, "cause")));
	ck_assert(json_is_null(json_object_get(f, "policy")));
	json_decref(doc);
	free(out);
	findings_free(&fl);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_json_whatif_semantics)
{
	static const struct {
		const char	*file;
		const char	*refs[2];
	} cases[] = {
		{ "whatif-power-grid.json", { "power", "grid" } },
		{ "whatif-power-north-gen.json", { "power", "north-gen" } },
		{ "whatif-site-east.json", { "site", "east" } },
		{ "whatif-site-north.json", { "site", "north" } },
		{ "whatif-site-south.json", { "site", "south" } },
	};
	struct inventory	*inv = fx_quorum_and_power();
	struct analysis		*a = fx_analyse(inv);
	struct scenario		*sc = scenario_create(a);
	json_t			*doc, *want;
	json_error_t		 err;
	uint32_t		 c;
	char			*out;
	size_t			 i;
	int			 k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		k = inventory_kind_parse(cases[i].refs[0]);
		c = a->base[k] + inventory_find(inv, k, cases[i].refs[1]);
		out = render_whatif(1, a, sc, &c, 1);
		doc = json_loads(out, 0, &err);
		ck_assert_msg(doc != NULL, "%s", err.text);
		ck_assert_int_eq(json_integer_value(json_object_get(doc,
		    "faultline")), 1);
		ck_assert_str_eq(json_object_iter_key(json_object_iter(doc)),
		    "faultline");
		json_object_del(doc, "faultline");
		want = load_data(cases[i].file);
		ck_assert_msg(json_equal(doc, want), "%s: %s", cases[i].file,
		    out);
		json_decref(want);
		json_decref(doc);
		free(out);
	}

	/* Two failures at once: the refs are sorted as strings. */
	{
		uint32_t	two[2];

		two[0] = a->base[KIND_SITE] + inventory_find(inv, KIND_SITE,
		    "north");
		two[1] = a->base[KIND_HOST] + inventory_find(inv, KIND_HOST,
		    "e-1");
		out = render_whatif(1, a, sc, two, 2);
		ck_assert_str_eq(out,
		    "{\n"
		    "  \"faultline\": 1,\n"
		    "  \"failed\": [\n"
		    "    \"host:e-1\",\n"
		    "    \"site:north\"\n"
		    "  ],\n"
		    "  \"services\": {\n"
		    "    \"down\": [\n"
		    "      \"quorum\",\n"
		    "      \"quorum-tight\",\n"
		    "      \"web\"\n"
		    "    ],\n"
		    "    \"degraded\": [\n"
		    "      \"a\",\n"
		    "      \"b\",\n"
		    "      \"deploy\",\n"
		    "      \"pair\"\n"
		    "    ],\n"
		    "    \"recovery_blocked\": [],\n"
		    "    \"exposed\": []\n"
		    "  }\n"
		    "}\n");
		free(out);
	}
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_text_check_exact)
{
	struct inventory	*inv = tiny();
	struct analysis		*a;
	struct findings		 fl;
	char			*out;

	compute(inv, &a, &fl);
	out = render_check(1, inv, a, &fl);
	ck_assert_str_eq(out,
	    "inventory.yaml:10:9: error: [spof] service 'web' goes down when host 'h1' fails; host 'h1' takes down 2 services\n"
	    "    web -> host h1\n"
	    "    also: site s1\n"
	    "inventory.yaml:20:9: note: [spof] service 'wiki' goes down when host 'h1' fails; host 'h1' takes down 2 services [waived: read-only \"archive\"]\n"
	    "    wiki -> host h1\n"
	    "    also: site s1\n"
	    "faultline: 1 error, 0 warnings, 0 notes (1 waived) in 1 site, 0 power domains, 0 domains, 0 racks, 1 host, 2 services\n");
	free(out);

	/* Colour: bold location, coloured severity. */
	fl.v[0].baselined = 1;
	out = render_check(2, inv, a, &fl);
	ck_assert_str_eq(strstr(out, "    also: site s1\n") == NULL ?
	    "" : "ok", "ok");
	ck_assert(strncmp(out, "\033[1minventory.yaml:10:9:\033[0m "
	    "\033[1;31merror:\033[0m [spof] service 'web' goes down when host "
	    "'h1' fails; host 'h1' takes down 2 services [baselined]\n",
	    strlen("\033[1minventory.yaml:10:9:\033[0m \033[1;31merror:\033[0m"
	    " [spof] service 'web' goes down when host 'h1' fails; host 'h1' "
	    "takes down 2 services [baselined]\n")) == 0);
	ck_assert_ptr_nonnull(strstr(out, "\033[1;36mnote:\033[0m"));
	ck_assert_ptr_nonnull(strstr(out, "faultline: 0 errors, 0 warnings, "
	    "0 notes (1 waived, 1 baselined) in 1 site, 0 power domains, "
	    "0 domains, 0 racks, 1 host, 2 services\n"));
	free(out);
	findings_free(&fl);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_text_check_without_analysis)
{
	struct inventory	*inv = fx_create();
	struct findings		 fl;
	struct finding		*f;
	char			*out;

	/* An invalid inventory: schema findings, no analysis. */
	memset(&fl, 0, sizeof fl);
	f = findings_add(&fl);
	f->rule = RULE_SCHEMA;
	f->severity = SEVERITY_ERROR;
	f->subject = strdup("file:inventory.yaml");
	f->text = strdup("unknown key 'tire' (did you mean 'tier'?)");
	f->has_mark = 1;
	f->mark.line = 3;
	f->mark.column = 5;
	f = findings_add(&fl);
	f->rule = RULE_SCHEMA;
	f->severity = SEVERITY_WARNING;
	f->subject = strdup("file:-");
	f->text = strdup("no inventory files");
	out = render_check(1, inv, NULL, &fl);
	ck_assert_str_eq(out,
	    "inventory.yaml:3:5: error: [schema] unknown key 'tire' (did you mean 'tier'?)\n"
	    "faultline: warning: [schema] no inventory files\n"
	    "faultline: 1 error, 1 warning, 0 notes in 0 sites, 0 power domains, 0 domains, 0 racks, 0 hosts, 0 services\n");
	free(out);
	out = render_check(0, inv, NULL, &fl);
	ck_assert_ptr_nonnull(strstr(out, "  \"services\": [],\n"));
	ck_assert_ptr_nonnull(strstr(out, "      \"file\": null,\n"
	    "      \"line\": 0,\n"
	    "      \"column\": 0,\n"));
	free(out);
	findings_free(&fl);
	inventory_free(inv);
}
END_TEST

START_TEST(test_text_whatif)
{
	struct inventory	*inv = fx_quorum_and_power();
	struct analysis		*a = fx_analyse(inv);
	struct scenario		*sc = scenario_create(a);
	uint32_t		 c;
	char			*out;

	c = a->base[KIND_SITE] + inventory_find(inv, KIND_SITE, "south");
	out = render_whatif(0, a, sc, &c, 1);
	ck_assert_str_eq(out,
	    "failed (1):\n"
	    "  site:south\n"
	    "down (4):\n"
	    "  deploy\n"
	    "  quorum-tight\n"
	    "  search\n"
	    "  web\n"
	    "degraded (3):\n"
	    "  a\n"
	    "  pair\n"
	    "  quorum\n"
	    "recovery-blocked (1):\n"
	    "  web\n"
	    "exposed (0):\n"
	    "faultline: 4 down, 3 degraded, 1 recovery-blocked, 0 exposed of 9 services\n");
	free(out);
	c = a->base[KIND_POWER] + inventory_find(inv, KIND_POWER, "north-gen");
	out = render_whatif(0, a, sc, &c, 1);
	ck_assert_str_eq(out,
	    "failed (1):\n"
	    "  power:north-gen\n"
	    "down (0):\n"
	    "degraded (0):\n"
	    "recovery-blocked (0):\n"
	    "exposed (0):\n"
	    "faultline: 0 down, 0 degraded, 0 recovery-blocked, 0 exposed of "
	    "9 services\n");
	free(out);
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_write_error)
{
	struct inventory	*inv = fx_quorum_and_power();
	struct analysis		*a;
	struct findings		 fl;
	struct scenario		*sc;
	uint32_t		 c = 0;
	FILE			*fp;

	compute(inv, &a, &fl);
	sc = scenario_create(a);
	scenario_run(sc, &c, 1);
	if ((fp = fopen("/dev/full", "w")) != NULL) {
		ck_assert_int_eq(out_json_check(fp, inv, a, &fl, NULL), -1);
		fclose(fp);
		fp = fopen("/dev/full", "w");
		ck_assert_int_eq(out_text_check(fp, inv, a, &fl, &fl, 0), -1);
		fclose(fp);
		fp = fopen("/dev/full", "w");
		ck_assert_int_eq(out_json_whatif(fp, a, sc, &c, 1), -1);
		fclose(fp);
		fp = fopen("/dev/full", "w");
		ck_assert_int_eq(out_text_whatif(fp, a, sc, &c, 1), -1);
		fclose(fp);
	}
	scenario_free(sc);
	findings_free(&fl);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_json_escaping)
{
	struct inventory	*inv = inventory_create();
	struct findings		 fl;
	struct finding		*f;
	char			*out;

	inventory_add_file(inv, "inv\xff.yaml");
	memset(&fl, 0, sizeof fl);
	f = findings_add(&fl);
	f->rule = RULE_SPOF;
	f->severity = SEVERITY_NOTE;
	f->subject = strdup("service:x");
	f->text = strdup("tab\there \"quoted\" back\\slash \xc3\xa9");
	f->waived = 1;
	f->waiver_reason = strdup("bad \xc3 byte\x01");
	f->has_mark = 1;
	f->mark.line = 1;
	f->mark.column = 1;
	out = render_check(1, inv, NULL, &fl);
	ck_assert_str_eq(out, "inv?.yaml:1:1: note: [spof] tab?here "
	    "\"quoted\" back\\slash \xc3\xa9 [waived: bad ? byte?]\n"
	    "faultline: 0 errors, 0 warnings, 0 notes (1 waived) in 0 sites, "
	    "0 power domains, 0 domains, 0 racks, 0 hosts, 0 services\n");
	free(out);
	out = render_check(0, inv, NULL, &fl);
	ck_assert_ptr_nonnull(strstr(out, "      \"message\": \"tab\\there "
	    "\\\"quoted\\\" back\\\\slash \xc3\xa9\",\n"));
	ck_assert_ptr_nonnull(strstr(out, "      \"file\": \"inv\xef\xbf\xbd"
	    ".yaml\",\n"));
	ck_assert_ptr_nonnull(strstr(out, "      \"waiver_reason\": \"bad "
	    "\xef\xbf\xbd byte\\u0001\"\n"));
	free(out);
	findings_free(&fl);
	inventory_free(inv);
}
END_TEST

/* The fixture's marks are those the loader gives the same file. */
START_TEST(test_loaded_file_matches_fixture)
{
	struct finding_text	t = { 0 }, lt = { 0 };
	struct inventory	*inv = fx_quorum_and_power(), *loaded;
	struct analysis		*a, *la;
	struct findings		 fl, lfl;
	struct diag_list	 dl;
	char			 path[4096];
	const char		*paths[1] = { path };
	size_t			 i;

	compute(inv, &a, &fl);
	snprintf(path, sizeof path, "%s/tests/data/findings/inventory.yaml",
	    test_srcdir());
	diag_list_init(&dl);
	loaded = inventory_create();
	ck_assert_int_eq(loader_load_paths(loaded, paths, 1, &dl), 0);
	ck_assert_int_eq(inventory_resolve(loaded, &dl), 0);
	la = analysis_create(loaded, &dl);
	ck_assert_ptr_nonnull(la);
	ck_assert_int_eq(findings_compute(la, TODAY, &lfl, &dl), 0);
	ck_assert_uint_eq(lfl.n, fl.n);
	for (i = 0; i < fl.n; i++) {
		ck_assert_int_eq(lfl.v[i].rule, fl.v[i].rule);
		ck_assert_str_eq(lfl.v[i].subject, fl.v[i].subject);
		ck_assert_str_eq(finding_message(&lfl, &lfl.v[i], &lt),
		    finding_message(&fl, &fl.v[i], &t));
		ck_assert_uint_eq(lfl.v[i].mark.line, fl.v[i].mark.line);
		ck_assert_uint_eq(lfl.v[i].mark.column, fl.v[i].mark.column);
	}
	finding_text_free(&t);
	finding_text_free(&lt);
	diag_list_free(&dl);
	findings_free(&lfl);
	analysis_free(la);
	inventory_free(loaded);
	findings_free(&fl);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* The one cleaner of terminal text: C0, DEL, C1 and broken UTF-8 go. */
START_TEST(test_put_clean)
{
	char	*out = NULL;
	size_t	 len = 0;
	FILE	*fp;

	fp = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(fp);
	out_utf8_put_clean(fp, "a\x1b[31mb\xc2\x9b" "2Jc\x9b" "d\te\nf\x7fg"
	    "\xc2\xa0h\xc3\xa9i\xe2\x82\xac\xf0\x9f\x98\x80j\xc3k\xed\xa0\x80l");
	fclose(fp);
	ck_assert_str_eq(out, "a?[31mb?2Jc?d?e?f?g\xc2\xa0h\xc3\xa9i"
	    "\xe2\x82\xac\xf0\x9f\x98\x80j?k???l");
	free(out);
}
END_TEST

/*
 * Every ASCII byte, alone between two letters and all together, is
 * escaped as jansson escapes it.
 */
START_TEST(test_jw_string_like_jansson)
{
	char		 s[4], all[128];
	struct jw	 w;
	json_t		*j;
	char		*want;
	int		 c;

	for (c = 1; c <= 128; c++) {
		if (c < 128) {
			s[0] = 'a';
			s[1] = (char)c;
			s[2] = 'b';
			s[3] = '\0';
			all[c - 1] = (char)c;
		} else
			all[127] = '\0';
		j = json_string(c < 128 ? s : all);
		want = json_dumps(j, JSON_ENCODE_ANY);
		jw_open_memory(&w);
		jw_string(&w, c < 128 ? s : all);
		ck_assert_msg(w.len == strlen(want) &&
		    memcmp(w.buf, want, w.len) == 0, "byte %d: %.*s, not %s",
		    c, (int)w.len, w.buf, want);
		free(w.buf);
		free(want);
		json_decref(j);
	}
}
END_TEST

/* Item i of the jw_items() test: an object, some strings not ASCII. */
static void
jw_test_item(struct jw *w, void *ctx, size_t i)
{
	char	s[64];
	int	*calls = ctx;

	(*calls)++;
	jw_item(w, 1, i);
	jw_raw(w, "{", 1);
	jw_key(w, 2, 1, "i");
	jw_uint(w, i);
	jw_key(w, 2, 0, "s");
	snprintf(s, sizeof s, i % 7 == 0 ? "caf\xc3\xa9 \"%zu\"" : "plain-%zu",
	    i);
	jw_string(w, s);
	jw_end_object(w, 2);
}

/*
 * A long array goes through two threads; its bytes are those of one
 * thread writing it, every item once, and each thread used its own
 * context.
 */
START_TEST(test_jw_items_threaded)
{
	struct jw	 one, two;
	int		 calls[2] = { 0, 0 }, seq = 0;
	void		*ctx[2] = { &calls[0], &calls[1] };
	size_t		 i, n = 10001;

	jw_open_memory(&one);
	jw_raw(&one, "[", 1);
	for (i = 0; i < n; i++)
		jw_test_item(&one, &seq, i);
	jw_end_array(&one, 0, n);

	jw_open_memory(&two);
	jw_raw(&two, "[", 1);
	jw_items(&two, n, jw_test_item, ctx);
	jw_end_array(&two, 0, n);

	ck_assert_uint_eq(two.len, one.len);
	ck_assert_int_eq(memcmp(two.buf, one.buf, one.len), 0);
	ck_assert_int_eq(calls[0] + calls[1], (int)n);
	ck_assert_int_gt(calls[1], 0);
	ck_assert_int_gt(calls[0], 0);
	free(one.buf);
	free(two.buf);
}
END_TEST

Suite *
suite_output(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("output");
	tc = tcase_create("json");
	tcase_add_test(tc, test_json_check_exact);
	tcase_add_test(tc, test_json_check_semantics);
	tcase_add_test(tc, test_json_whatif_semantics);
	tcase_add_test(tc, test_json_escaping);
	tcase_add_test(tc, test_jw_items_threaded);
	tcase_add_test(tc, test_jw_string_like_jansson);
	tcase_add_test(tc, test_loaded_file_matches_fixture);
	suite_add_tcase(s, tc);
	tc = tcase_create("text");
	tcase_add_test(tc, test_text_check_exact);
	tcase_add_test(tc, test_text_check_without_analysis);
	tcase_add_test(tc, test_text_whatif);
	tcase_add_test(tc, test_write_error);
	tcase_add_test(tc, test_put_clean);
	suite_add_tcase(s, tc);
	return s;
}
