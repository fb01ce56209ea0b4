/*
 * test_schema.c -- the editor schema and the bundled inventories.
 *
 * schemas/inventory.schema.json must accept exactly the keys the loader
 * accepts, section by section, and name the same kinds and severities as
 * the model, so the two cannot drift apart.  Every bundled inventory must
 * load and resolve without a single diagnostic, with known entity counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "diag.h"
#include "inventory.h"
#include "loader.h"
#include "suites.h"

static json_t *
load_schema(void)
{
	char		 path[4096];
	json_error_t	 err;
	json_t		*root;

	snprintf(path, sizeof path, "%s/schemas/inventory.schema.json",
	    test_srcdir());
	root = json_load_file(path, 0, &err);
	ck_assert_msg(root != NULL, "%s:%d:%d: %s", path, err.line,
	    err.column, err.text);
	ck_assert(json_is_object(root));
	return root;
}

/* Follow a local "$ref" ("#/$defs/NAME"); other nodes are returned as is. */
static json_t *
follow(json_t *root, json_t *node)
{
	const char	*ref;
	json_t		*def;

	ck_assert_ptr_nonnull(node);
	ref = json_string_value(json_object_get(node, "$ref"));
	if (ref == NULL)
		return node;
	ck_assert_msg(strncmp(ref, "#/$defs/", 8) == 0, "bad $ref %s", ref);
	def = json_object_get(json_object_get(root, "$defs"), ref + 8);
	ck_assert_msg(def != NULL, "dangling $ref %s", ref);
	return def;
}

/* The schema of the entries of a top-level section (an array of objects). */
static json_t *
section_items(json_t *root, const char *section)
{
	json_t	*sec;

	sec = json_object_get(json_object_get(root, "properties"), section);
	ck_assert_msg(sec != NULL, "no section %s", section);
	ck_assert_str_eq(json_string_value(json_object_get(sec, "type")),
	    "array");
	return follow(root, json_object_get(sec, "items"));
}

/* The object schema that describes a loader section's entries. */
static json_t *
section_schema(json_t *root, const char *section)
{
	json_t	*alts, *alt, *node;
	size_t	 i;

	if (strcmp(section, "top") == 0)
		return root;
	if (strcmp(section, "meta") == 0)
		return follow(root, json_object_get(json_object_get(root,
		    "properties"), "meta"));
	if (strcmp(section, "standby") == 0) {
		node = section_items(root, "services");
		node = json_object_get(json_object_get(node, "properties"),
		    "standby");
		ck_assert_ptr_nonnull(node);
		return follow(root, json_object_get(node, "items"));
	}
	if (strcmp(section, "select") == 0) {
		node = section_items(root, "policies");
		return follow(root, json_object_get(json_object_get(node,
		    "properties"), "select"));
	}
	if (strcmp(section, "depends_on") == 0) {
		node = section_items(root, "services");
		node = json_object_get(json_object_get(node, "properties"),
		    "depends_on");
		ck_assert_ptr_nonnull(node);
		alts = json_object_get(json_object_get(node, "items"),
		    "oneOf");
		ck_assert(json_is_array(alts));
		json_array_foreach(alts, i, alt) {
			node = follow(root, alt);
			if (json_object_get(node, "properties") != NULL)
				return node;
		}
		ck_abort_msg("depends_on has no mapping form");
	}
	return section_items(root, section);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort n strings and join them with ","; the caller frees the result. */
static char *
join_sorted(const char **v, size_t n)
{
	char	*s;
	size_t	 i, len = 1;

	qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	s = calloc(1, len);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, ",");
		strcat(s, v[i]);
	}
	return s;
}

static const char *const sections[] = {
	"top", "sites", "power", "domains", "racks", "hosts", "services",
	"depends_on", "standby", "policies", "select", "waivers", "meta",
	"extend"
};

START_TEST(test_schema_keys_match_loader)
{
	json_t			*root, *obj, *props, *v;
	const char		*section = sections[_i], *key;
	const char		*a[64], *b[64];
	size_t			 na = 0, nb;
	char			*sa, *sb;

	root = load_schema();
	obj = section_schema(root, section);
	props = json_object_get(obj, "properties");
	ck_assert_msg(json_is_object(props), "%s: no properties", section);
	json_object_foreach(props, key, v) {
		ck_assert_uint_lt(na, 64);
		a[na++] = key;
	}
	nb = loader_section_keys(section, b, 64);
	ck_assert_msg(nb > 0, "loader knows no section %s", section);
	ck_assert_uint_lt(nb, 64);
	sa = join_sorted(a, na);
	sb = join_sorted(b, nb);
	ck_assert_msg(strcmp(sa, sb) == 0, "%s: schema has [%s], loader [%s]",
	    section, sa, sb);
	free(sa);
	free(sb);
	json_decref(root);
}
END_TEST

START_TEST(test_schema_unknown_section)
{
	const char	*k[4];

	ck_assert_uint_eq(loader_section_keys("nonsense", k, 4), 0);
	ck_assert_uint_eq(loader_section_keys(NULL, k, 4), 0);
}
END_TEST

/* Every object schema is closed but for x- keys, and documented. */
START_TEST(test_schema_closed_and_described)
{
	json_t		*root, *obj, *pp, *props, *v;
	const char	*section = sections[_i], *key;

	root = load_schema();
	obj = section_schema(root, section);
	ck_assert_str_eq(json_string_value(json_object_get(obj, "type")),
	    "object");
	ck_assert(json_is_false(json_object_get(obj,
	    "additionalProperties")));
	pp = json_object_get(obj, "patternProperties");
	ck_assert_ptr_nonnull(json_object_get(pp, "^x-"));
	ck_assert_ptr_nonnull(json_object_get(obj, "description"));
	props = json_object_get(obj, "properties");
	json_object_foreach(props, key, v) {
		ck_assert_msg(json_string_value(json_object_get(v,
		    "description")) != NULL, "%s.%s: no description", section,
		    key);
	}
	json_decref(root);
}
END_TEST

/* Check that an enum in the schema lists exactly the given names. */
static void
assert_enum(json_t *node, const char *what, const char **names, size_t n)
{
	json_t	*en, *v;
	size_t	 i;

	ck_assert_ptr_nonnull(node);
	en = json_object_get(node, "enum");
	ck_assert_msg(json_is_array(en), "%s: no enum", what);
	ck_assert_uint_eq(json_array_size(en), n);
	json_array_foreach(en, i, v)
		ck_assert_str_eq(json_string_value(v), names[i]);
}

START_TEST(test_schema_enums_match_model)
{
	json_t		*root, *svc, *pol, *sel;
	const char	*names[8];
	size_t		 i;

	root = load_schema();
	svc = json_object_get(section_items(root, "services"), "properties");
	pol = json_object_get(section_items(root, "policies"), "properties");
	sel = json_object_get(section_schema(root, "select"), "properties");

	for (i = 0; i < SERVICE_KIND_COUNT; i++)
		names[i] = inventory_service_kind_name(i);
	assert_enum(json_object_get(svc, "kind"), "services.kind", names,
	    SERVICE_KIND_COUNT);
	assert_enum(json_array_get(json_object_get(json_object_get(sel,
	    "kind"), "anyOf"), 0), "select.kind", names, SERVICE_KIND_COUNT);

	for (i = KIND_SITE; i <= KIND_HOST; i++)
		names[i] = inventory_kind_name(i);
	assert_enum(json_array_get(json_object_get(json_object_get(
	    json_object_get(pol, "survive"), "items"), "anyOf"), 0),
	    "policies.survive", names, KIND_HOST + 1);

	for (i = SEVERITY_ERROR; i <= SEVERITY_NOTE; i++)
		names[i] = inventory_severity_name(i);
	assert_enum(json_object_get(pol, "severity"), "policies.severity",
	    names, SEVERITY_NOTE + 1);

	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(svc, "tier"), "minimum")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(svc, "tier"), "maximum")), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(svc, "min_up"), "minimum")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(json_object_get(root, "properties"), "faultline"),
	    "const")), 1);
	json_decref(root);
}
END_TEST

struct bundled {
	const char	*dir;
	size_t		 count[KIND_COUNT];	/* per kind, in enum order */
	size_t		 policies;
	size_t		 waivers;
	size_t		 files;
	const char	*schema;	/* the schema path from its files */
	size_t		 assumptions;	/* meta: 0 = no meta section */
};

#define SCHEMA2	"../../schemas/inventory.schema.json"
#define SCHEMA3	"../../../schemas/inventory.schema.json"

static const struct bundled bundled[] = {
	{ "inventories/example", { 3, 11, 0, 9, 48, 44 }, 4, 1, 5, SCHEMA2, 0 },
	{ "inventories/kakao-2022", { 2, 8, 1, 14, 106, 15 }, 3, 0, 6,
	    SCHEMA2, 6 },
	{ "inventories/outages/cloudflare-pdx-2023", { 3, 7, 0, 4, 22, 5 },
	    0, 0, 1, SCHEMA3, 3 },
	{ "inventories/outages/gcp-paris-2023", { 2, 4, 4, 4, 8, 3 }, 2, 0, 1,
	    SCHEMA3, 3 },
	{ "inventories/outages/ovh-sbg-2021", { 4, 8, 0, 4, 8, 3 }, 0, 0, 1,
	    SCHEMA3, 3 },
	{ "inventories/outages/roblox-2021", { 1, 4, 1, 3, 22, 5 }, 0, 0, 1,
	    SCHEMA3, 4 },
};

/* Load and resolve a bundled inventory; fails the test on any diagnostic. */
static struct inventory *
load_bundled(const char *dir)
{
	struct inventory	*inv = inventory_create();
	struct diag_list	 dl;
	char			 path[4096];
	const char		*paths[1] = { path };
	int			 rc;

	snprintf(path, sizeof path, "%s/%s", test_srcdir(), dir);
	diag_list_init(&dl);
	rc = loader_load_paths(inv, paths, 1, &dl);
	if (rc == 0)
		rc = inventory_resolve(inv, &dl);
	ck_assert_msg(dl.n == 0, "%s: %zu diagnostics, first %s:%u:%u: %s",
	    dir, dl.n, dl.n ? (dl.v[0].file ? dl.v[0].file : "-") : "",
	    dl.n ? dl.v[0].line : 0, dl.n ? dl.v[0].column : 0,
	    dl.n ? dl.v[0].message : "");
	ck_assert_int_eq(rc, 0);
	diag_list_free(&dl);
	return inv;
}

START_TEST(test_bundled_inventory_loads_clean)
{
	const struct bundled	*b = &bundled[_i];
	struct inventory	*inv;
	char			 line[128], want[128];
	FILE			*f;
	size_t			 i;
	int			 k;

	inv = load_bundled(b->dir);
	for (k = 0; k < KIND_COUNT; k++)
		ck_assert_msg(inventory_count(inv, k) == b->count[k],
		    "%s: %zu %s, expected %zu", b->dir, inventory_count(inv, k),
		    inventory_kind_name(k), b->count[k]);
	ck_assert_uint_eq(inv->npolicies, b->policies);
	ck_assert_uint_eq(inv->nwaivers, b->waivers);
	ck_assert_int_eq(inv->has_policies, b->policies > 0);

	/* The examples of real outages say what they are and what they
	 * assume. */
	ck_assert_int_eq(inv->meta.present, b->assumptions > 0);
	ck_assert_uint_eq(inv->meta.nassumptions, b->assumptions);
	if (b->assumptions > 0) {
		ck_assert_ptr_nonnull(inv->meta.name);
		ck_assert_ptr_nonnull(inv->meta.owner);
		ck_assert_ptr_nonnull(inv->meta.description);
	}

	/* Every file names the editor schema on its first line, by a path
	 * that is right from where the file is. */
	snprintf(want, sizeof want, "# yaml-language-server: $schema=%s\n",
	    b->schema);
	ck_assert_uint_eq(inv->nfiles, b->files);
	for (i = 0; i < inv->nfiles; i++) {
		f = fopen(inv->files[i], "r");
		ck_assert_msg(f != NULL, "%s", inv->files[i]);
		ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
		ck_assert_str_eq(line, want);
		fclose(f);
	}
	inventory_free(inv);
}
END_TEST

/* Spot checks that merge keys, ranges and soft dependencies came through. */
START_TEST(test_example_details)
{
	struct inventory	*inv;
	const struct service	*s;
	const struct rack	*r;
	const struct host	*h;
	const struct waiver	*w;
	const struct ref	*dep;
	uint32_t		 i, j;

	inv = load_bundled("inventories/example");

	i = inventory_find(inv, KIND_RACK, "ea-r01");
	ck_assert_uint_ne(i, INDEX_NONE);
	r = &inv->racks[i];
	ck_assert_uint_eq(r->site, inventory_find(inv, KIND_SITE, "east"));
	ck_assert_uint_eq(r->power.n, 2);
	ck_assert_uint_eq(inventory_refs(inv, r->power)[1].target,
	    inventory_find(inv, KIND_POWER, "east-ups-b"));

	i = inventory_find(inv, KIND_HOST, "cz-vm-06");
	ck_assert_uint_ne(i, INDEX_NONE);
	h = &inv->hosts[i];
	ck_assert_uint_eq(h->site, inventory_find(inv, KIND_SITE, "cloud-z1"));
	ck_assert_uint_eq(h->rack, INDEX_NONE);
	ck_assert_uint_eq(h->power.n, 1);

	i = inventory_find(inv, KIND_HOST, "we-db-04");
	ck_assert_uint_ne(i, INDEX_NONE);
	ck_assert_uint_eq(inv->hosts[i].site,
	    inventory_find(inv, KIND_SITE, "west"));
	ck_assert_uint_eq(inv->hosts[i].rack,
	    inventory_find(inv, KIND_RACK, "we-r04"));

	i = inventory_find(inv, KIND_SERVICE, "storefront");
	ck_assert_uint_ne(i, INDEX_NONE);
	s = &inv->services[i];
	ck_assert_int_eq(s->kind, SERVICE_APP);
	ck_assert_uint_eq(s->tier, 1);
	ck_assert_uint_eq(s->runs_on.n, 8);
	ck_assert_uint_eq(s->min_up, 2);
	ck_assert_uint_eq(s->recovery.n, 3);
	ck_assert_uint_eq(s->depends_on.n, 5);
	dep = inventory_refs(inv, s->depends_on);
	ck_assert_uint_eq(dep[0].soft, 0);
	ck_assert_uint_eq(dep[4].soft, 1);
	ck_assert_uint_eq(dep[4].target,
	    inventory_find(inv, KIND_SERVICE, "login"));

	j = inventory_find(inv, KIND_SERVICE, "orders-db");
	ck_assert_uint_ne(j, INDEX_NONE);
	ck_assert_int_eq(inv->services[j].kind, SERVICE_DATA);
	ck_assert_uint_eq(inv->services[j].tier, 1);
	ck_assert_uint_eq(inv->services[j].recovery.n, 2);

	j = inventory_find(inv, KIND_SERVICE, "payment-gateway");
	ck_assert_int_eq(inv->services[j].kind, SERVICE_EXTERNAL);
	ck_assert_uint_eq(inv->services[j].runs_on.n, 0);

	ck_assert_str_eq(inventory_str(inv, inv->policies[3].id),
	    "payments-owned-survive-power-loss");
	ck_assert_uint_eq(inv->policies[3].nowners, 1);
	ck_assert_str_eq(inv->policies[3].id_regex, "^pay");
	ck_assert_uint_eq(inv->policies[3].survive, 1u << KIND_POWER);
	ck_assert_uint_eq(inv->policies[2].kinds, 1u << SERVICE_TOOL);
	ck_assert_uint_eq(inv->policies[1].tiers, 1u << 3);
	ck_assert_int_eq(inv->policies[1].severity, SEVERITY_WARNING);

	w = &inv->waivers[0];
	ck_assert_str_eq(inventory_str(inv, w->policy),
	    "critical-survives-site-loss");
	ck_assert_str_eq(w->service_regex, "^partner-api$");
	ck_assert_int_eq(w->expires, 20908);	/* 2027-03-31 */
	inventory_free(inv);
}
END_TEST

Suite *
suite_schema(void)
{
	Suite	*s = suite_create("schema");
	TCase	*tc;
	size_t	 nsections = sizeof sections / sizeof sections[0];

	tc = tcase_create("schema");
	tcase_add_loop_test(tc, test_schema_keys_match_loader, 0, nsections);
	tcase_add_loop_test(tc, test_schema_closed_and_described, 0,
	    nsections);
	tcase_add_test(tc, test_schema_unknown_section);
	tcase_add_test(tc, test_schema_enums_match_model);
	suite_add_tcase(s, tc);

	tc = tcase_create("bundled");
	tcase_add_loop_test(tc, test_bundled_inventory_loads_clean, 0,
	    sizeof bundled / sizeof bundled[0]);
	tcase_add_test(tc, test_example_details);
	suite_add_tcase(s, tc);
	return s;
}
