/*
 * test_semantics.c -- the worked examples of the failure semantics, read
 * through the loader: tests/data/findings (quorum and power) and
 * tests/data/failover (failover through tools, domains, hosts on hosts).
 * Each folder holds inventory.yaml, check.json (every service's single
 * points, and in failover also its minimal causes, the causes of its spof
 * findings) and whatif-KIND-ID.json (the states after failing KIND:ID).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analysis.h"
#include "findings.h"
#include "impact.h"
#include "session.h"
#include "suites.h"
#include "xalloc.h"

#define TODAY	20605	/* 2026-06-01 */

struct example {
	struct session	 s;
	struct findings	 fl;
	char		*dir;
};

static void
example_open(struct example *ex, const char *name)
{
	char		*path;
	const char	*paths[1];
	struct diag_list dl;

	memset(ex, 0, sizeof *ex);
	ex->dir = xasprintf("%s/tests/data/%s", test_srcdir(), name);
	path = xasprintf("%s/inventory.yaml", ex->dir);
	paths[0] = path;
	session_open(&ex->s, paths, 1);
	ck_assert_msg(ex->s.ok, "%s does not load", path);
	ck_assert_uint_eq(ex->s.diags.n, 0);
	diag_list_init(&dl);
	ck_assert_int_eq(findings_compute(ex->s.analysis, TODAY, &ex->fl, &dl),
	    0);
	diag_list_free(&dl);
	free(path);
}

static void
example_close(struct example *ex)
{
	findings_free(&ex->fl);
	session_close(&ex->s);
	free(ex->dir);
}

static json_t *
example_json(const struct example *ex, const char *file)
{
	json_error_t	 err;
	json_t		*j;
	char		*path;

	path = xasprintf("%s/%s", ex->dir, file);
	j = json_load_file(path, 0, &err);
	ck_assert_msg(j != NULL, "%s: %s", path, err.text);
	free(path);
	return j;
}

/* The components v[0..n) as a sorted JSON array of "kind:id". */
static json_t *
refs_json(const struct analysis *a, const uint32_t *v, size_t n)
{
	json_t	*arr = json_array();
	char	 buf[300];
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		analysis_component_ref(a, v[i], buf, sizeof buf);
		for (j = 0; j < json_array_size(arr); j++)
			if (strcmp(json_string_value(json_array_get(arr, j)),
			    buf) > 0)
				break;
		json_array_insert_new(arr, j, json_string(buf));
	}
	return arr;
}

/* The causes of the spof findings about a service, sorted. */
static json_t *
spof_causes(const struct findings *fl, const char *id)
{
	json_t	*arr = json_array();
	char	 subject[300];
	size_t	 i, j;

	snprintf(subject, sizeof subject, "service:%s", id);
	for (i = 0; i < fl->n; i++) {
		if (fl->v[i].rule != RULE_SPOF ||
		    strcmp(fl->v[i].subject, subject) != 0)
			continue;
		for (j = 0; j < json_array_size(arr); j++)
			if (strcmp(json_string_value(json_array_get(arr, j)),
			    fl->v[i].cause) > 0)
				break;
		json_array_insert_new(arr, j, json_string(fl->v[i].cause));
	}
	return arr;
}

static void
check_services(const struct example *ex)
{
	const struct analysis	*a = ex->s.analysis;
	const uint32_t		*v;
	json_t			*doc, *svc, *want, *got;
	const char		*id;
	uint32_t		 s;
	size_t			 i, n;

	doc = example_json(ex, "check.json");
	svc = json_object_get(doc, "services");
	ck_assert_uint_eq(json_array_size(svc), ex->s.inv->nservices);
	for (i = 0; i < json_array_size(svc); i++) {
		id = json_string_value(json_object_get(json_array_get(svc, i),
		    "id"));
		s = inventory_find(ex->s.inv, KIND_SERVICE, id);
		ck_assert_msg(s != INDEX_NONE, "%s", id);
		v = analysis_single_points(a, s, &n);
		got = refs_json(a, v, n);
		want = json_object_get(json_array_get(svc, i),
		    "single_points");
		ck_assert_msg(json_equal(got, want), "%s: single points %s",
		    id, json_dumps(got, JSON_COMPACT));
		json_decref(got);
		want = json_object_get(json_array_get(svc, i),
		    "minimal_causes");
		if (want == NULL)
			continue;
		v = analysis_minimal_causes(a, s, &n);
		got = refs_json(a, v, n);
		ck_assert_msg(json_equal(got, want), "%s: minimal causes %s",
		    id, json_dumps(got, JSON_COMPACT));
		json_decref(got);
		/* The spof findings are the minimal causes (sites of tools
		 * aside: single-site-tool reports those). */
		got = spof_causes(&ex->fl, id);
		ck_assert_msg(json_equal(got, want), "%s: spof causes %s", id,
		    json_dumps(got, JSON_COMPACT));
		json_decref(got);
	}
	json_decref(doc);
}

/* The services of a scenario list as a JSON array of ids. */
static json_t *
ids_json(const struct inventory *inv, const uint32_t *v, size_t n)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(inventory_str(inv,
		    inv->services[v[i]].e.id)));
	return arr;
}

/* Run whatif-KIND-ID.json: fail KIND:ID, compare the four lists. */
static void
check_whatif(const struct example *ex, const char *file)
{
	const struct analysis	*a = ex->s.analysis;
	struct scenario		*sc;
	struct scenario_result	 res;
	json_t			*want, *got;
	char			 kind[32], *id;
	const char		*dash;
	uint32_t		 c, i;
	int			 k;

	dash = strchr(file + strlen("whatif-"), '-');
	ck_assert_ptr_nonnull(dash);
	snprintf(kind, sizeof kind, "%.*s", (int)(dash - file -
	    strlen("whatif-")), file + strlen("whatif-"));
	id = xstrndup(dash + 1, strlen(dash + 1) - strlen(".json"));
	k = inventory_kind_parse(kind);
	ck_assert_int_ge(k, 0);
	i = inventory_find(ex->s.inv, (enum entity_kind)k, id);
	ck_assert_msg(i != INDEX_NONE, "%s: no %s %s", file, kind, id);
	c = a->base[k] + i;
	sc = scenario_create(a);
	scenario_run(sc, &c, 1);
	scenario_result(sc, &res);
	got = json_object();
	json_object_set_new(got, "down", ids_json(ex->s.inv, res.down,
	    res.ndown));
	json_object_set_new(got, "degraded", ids_json(ex->s.inv, res.degraded,
	    res.ndegraded));
	json_object_set_new(got, "recovery_blocked", ids_json(ex->s.inv,
	    res.blocked, res.nblocked));
	json_object_set_new(got, "exposed", ids_json(ex->s.inv, res.exposed,
	    res.nexposed));
	want = example_json(ex, file);
	ck_assert_msg(json_equal(got, json_object_get(want, "services")),
	    "%s: %s", file, json_dumps(got, JSON_COMPACT));
	json_decref(want);
	json_decref(got);
	scenario_result_free(&res);
	scenario_free(sc);
	free(id);
}

static void
check_example(const char *name, size_t nwhatif)
{
	struct example	 ex;
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0;

	example_open(&ex, name);
	check_services(&ex);
	d = opendir(ex.dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "whatif-", 7) != 0)
			continue;
		check_whatif(&ex, de->d_name);
		n++;
	}
	closedir(d);
	ck_assert_uint_eq(n, nwhatif);
	example_close(&ex);
}

START_TEST(test_quorum_and_power)
{
	check_example("findings", 5);
}
END_TEST

START_TEST(test_failover_and_domains)
{
	check_example("failover", 5);
}
END_TEST

Suite *
suite_semantics(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("semantics");
	tc = tcase_create("examples");
	tcase_add_test(tc, test_quorum_and_power);
	tcase_add_test(tc, test_failover_and_domains);
	suite_add_tcase(s, tc);
	return s;
}
