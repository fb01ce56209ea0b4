/*
 * test_loader.c -- the YAML loader: every section and key, exact
 * diagnostics (file:line:col and text), merge keys, brace ranges, hostile
 * input, directories, and "did you mean" suggestions.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader.h"
#include "suggest.h"
#include "suites.h"
#include "yamlev.h"
#include "xalloc.h"

struct loaded {
	struct inventory *inv;
	struct diag_list dl;
	char *text; /* the diagnostics, printed */
	size_t textlen;
	int rc;
};

static void
print_diags(struct loaded *l)
{
	FILE *fp;

	fp = open_memstream(&l->text, &l->textlen);
	diag_list_print(&l->dl, fp, 0);
	fclose(fp);
}

static void
load_n(struct loaded *l, const char *yaml, size_t len)
{
	l->inv = inventory_create();
	diag_list_init(&l->dl);
	l->rc = loader_load_buffer(
	    l->inv, "t.yaml", (const unsigned char *)yaml, len, &l->dl);
	print_diags(l);
}

static void
load(struct loaded *l, const char *yaml)
{
	load_n(l, yaml, strlen(yaml));
}

static void
load_paths(struct loaded *l, const char *const *paths, size_t n)
{
	l->inv = inventory_create();
	diag_list_init(&l->dl);
	l->rc = loader_load_paths(l->inv, paths, n, &l->dl);
	print_diags(l);
}

static void
done(struct loaded *l)
{
	inventory_free(l->inv);
	diag_list_free(&l->dl);
	free(l->text);
}

/* Compare the printed diagnostics line by line (Check truncates long messages). */
static void
assert_diags(const struct loaded *l, const char *want)
{
	const char *g = l->text, *w = want, *ge, *we;
	size_t n = 1;

	while (*g != '\0' || *w != '\0') {
		ge = strchr(g, '\n');
		we = strchr(w, '\n');
		if (ge == NULL)
			ge = g + strlen(g);
		if (we == NULL)
			we = w + strlen(w);
		if (ge - g != we - w || memcmp(g, w, (size_t)(ge - g)) != 0)
			ck_abort_msg("diagnostic %zu: got '%.*s', want '%.*s'",
			    n, (int)(ge - g), g, (int)(we - w), w);
		g = *ge != '\0' ? ge + 1 : ge;
		w = *we != '\0' ? we + 1 : we;
		n++;
	}
}

static const char *
str(const struct loaded *l, uint32_t sym)
{
	const char *s = inventory_str(l->inv, sym);

	return s != NULL ? s : "(none)";
}

/* The ids of a span of references, joined by spaces. */
static const char *
refs(const struct loaded *l, struct span sp, char *buf, size_t size)
{
	const struct ref *r = inventory_refs(l->inv, sp);
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < sp.n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s%s",
		    i > 0 ? " " : "", str(l, r[i].sym), r[i].soft ? "~" : "");
	return buf;
}

#define ASSERT_MARK(m, l, c)                                                   \
	do {                                                                   \
		ck_assert_uint_eq((m).line, (l));                              \
		ck_assert_uint_eq((m).column, (c));                            \
	} while (0)

static const char full_inventory[] =
    "faultline: 1\n"
    "sites:\n"
    "  - id: pangyo\n"
    "    name: Pangyo IDC\n"
    "    region: capital\n"
    "  - {id: ansan}\n"
    "power:\n"
    "  - id: grid\n"
    "  - id: pg-ups\n"
    "    site: pangyo\n"
    "    fed_by: [grid, pg-gen]\n"
    "racks:\n"
    "  - id: pg-r1\n"
    "    site: pangyo\n"
    "    power: [pg-ups]\n"
    "hosts:\n"
    "  - id: pg-talk-{01..03}\n"
    "    rack: pg-r1\n"
    "    power: [pg-ups]\n"
    "  - {id: as-1, site: ansan}\n"
    "services:\n"
    "  - id: talk\n"
    "    kind: app\n"
    "    tier: 1\n"
    "    owner: messaging\n"
    "    runs_on: [\"pg-talk-{01..03}\", as-1]\n"
    "    min_up: 2\n"
    "    depends_on:\n"
    "      - auth\n"
    "      - service: push\n"
    "        soft: true\n"
    "      - {service: \"db-{1..2}\", soft: false}\n"
    "    recovery: [deploy]\n"
    "  - id: saas\n"
    "    kind: external\n"
    "policies:\n"
    "  - id: tier1\n"
    "    select: {tier: [1, 2], kind: app, owner: [messaging, pay], id: "
    "\"^t\"}\n"
    "    survive: [site, power]\n"
    "    severity: warning\n"
    "  - id: defaults\n"
    "waivers:\n"
    "  - policy: tier1\n"
    "    service: \"^legacy-\"\n"
    "    reason: migration tracked in OPS-123\n"
    "    expires: 2027-03-31\n";

START_TEST(test_load_full)
{
	struct loaded l;
	const struct service *s;
	const struct host *h;
	const struct policy *p;
	const struct waiver *w;
	const struct ref *r;
	char buf[256];

	load(&l, full_inventory);
	ck_assert_str_eq(l.text, "");
	ck_assert_int_eq(l.rc, 0);
	ck_assert_uint_eq(l.inv->nfiles, 1);
	ck_assert_str_eq(inventory_file(l.inv, 0), "t.yaml");
	ck_assert_uint_eq(l.inv->nsites, 2);
	ck_assert_uint_eq(l.inv->npower, 2);
	ck_assert_uint_eq(l.inv->nracks, 1);
	ck_assert_uint_eq(l.inv->nhosts, 4);
	ck_assert_uint_eq(l.inv->nservices, 2);
	ck_assert_uint_eq(l.inv->npolicies, 2);
	ck_assert_uint_eq(l.inv->nwaivers, 1);
	ck_assert_int_eq(l.inv->has_policies, 1);

	ck_assert_str_eq(str(&l, l.inv->sites[0].e.id), "pangyo");
	ck_assert_str_eq(str(&l, l.inv->sites[0].e.name), "Pangyo IDC");
	ck_assert_str_eq(str(&l, l.inv->sites[0].region), "capital");
	ASSERT_MARK(l.inv->sites[0].e.mark, 3, 9);
	ck_assert_uint_eq(l.inv->sites[0].e.mark.file, 0);
	ck_assert_uint_eq(l.inv->sites[1].e.name, SYM_NONE);
	ASSERT_MARK(l.inv->sites[1].e.mark, 6, 10);

	ck_assert_str_eq(
	    refs(&l, l.inv->power[0].site_ref, buf, sizeof buf), "");
	ck_assert_str_eq(
	    refs(&l, l.inv->power[1].site_ref, buf, sizeof buf), "pangyo");
	ck_assert_str_eq(
	    refs(&l, l.inv->power[1].fed_by, buf, sizeof buf), "grid pg-gen");
	r = inventory_refs(l.inv, l.inv->power[1].fed_by);
	ck_assert_uint_eq(r[1].kind, REF_FEED);
	ck_assert_uint_eq(r[1].target, INDEX_NONE);
	ASSERT_MARK(r[1].mark, 11, 20);
	ck_assert_uint_eq(l.inv->power[1].site, INDEX_NONE);
	ck_assert_str_eq(
	    refs(&l, l.inv->racks[0].power, buf, sizeof buf), "pg-ups");

	/* One entry, three hosts sharing spans and the mark of the id. */
	h = l.inv->hosts;
	ck_assert_str_eq(str(&l, h[0].e.id), "pg-talk-01");
	ck_assert_str_eq(str(&l, h[2].e.id), "pg-talk-03");
	ck_assert_str_eq(str(&l, h[3].e.id), "as-1");
	ASSERT_MARK(h[2].e.mark, 17, 9);
	ck_assert_uint_eq(h[0].rack_ref.off, h[2].rack_ref.off);
	ck_assert_uint_eq(h[0].power.off, h[2].power.off);
	ck_assert_str_eq(refs(&l, h[1].rack_ref, buf, sizeof buf), "pg-r1");
	ck_assert_uint_eq(h[1].site_ref.n, 0);
	ck_assert_str_eq(refs(&l, h[3].site_ref, buf, sizeof buf), "ansan");
	ck_assert_uint_eq(
	    inventory_refs(l.inv, h[3].site_ref)[0].kind, KIND_SITE);
	ck_assert_uint_eq(h[0].rack, INDEX_NONE);

	s = &l.inv->services[0];
	ck_assert_str_eq(str(&l, s->e.id), "talk");
	ck_assert_int_eq(s->kind, SERVICE_APP);
	ck_assert_uint_eq(s->tier, 1);
	ck_assert_str_eq(str(&l, s->owner), "messaging");
	ck_assert_str_eq(refs(&l, s->runs_on, buf, sizeof buf),
	    "pg-talk-01 pg-talk-02 pg-talk-03 as-1");
	r = inventory_refs(l.inv, s->runs_on);
	ASSERT_MARK(r[2].mark, 26, 15);
	ASSERT_MARK(r[3].mark, 26, 35);
	ck_assert_uint_eq(r[3].kind, KIND_HOST);
	ck_assert_uint_eq(s->min_up, 2);
	ASSERT_MARK(s->min_up_mark, 27, 13);
	ck_assert_str_eq(
	    refs(&l, s->depends_on, buf, sizeof buf), "auth push~ db-1 db-2");
	r = inventory_refs(l.inv, s->depends_on);
	ck_assert_uint_eq(r[0].kind, KIND_SERVICE);
	ASSERT_MARK(r[1].mark, 30, 18);
	ck_assert_str_eq(refs(&l, s->recovery, buf, sizeof buf), "deploy");
	s = &l.inv->services[1];
	ck_assert_int_eq(s->kind, SERVICE_EXTERNAL);
	ck_assert_uint_eq(s->tier, 3);
	ck_assert_uint_eq(s->min_up, 0);
	ck_assert_uint_eq(s->runs_on.n, 0);
	ck_assert_uint_eq(s->owner, SYM_NONE);

	p = &l.inv->policies[0];
	ck_assert_str_eq(str(&l, p->id), "tier1");
	ASSERT_MARK(p->mark, 37, 9);
	ck_assert_uint_eq(p->tiers, (1u << 1) | (1u << 2));
	ck_assert_uint_eq(p->kinds, 1u << SERVICE_APP);
	ck_assert_uint_eq(p->nowners, 2);
	ck_assert_str_eq(str(&l, p->owners[1]), "pay");
	ck_assert_str_eq(p->id_regex, "^t");
	ASSERT_MARK(p->id_regex_mark, 38, 69);	/* inside the quotes */
	ck_assert_uint_eq(p->id_regex_verbatim, 1);
	ck_assert_uint_eq(p->survive, (1u << KIND_SITE) | (1u << KIND_POWER));
	ck_assert_int_eq(p->severity, SEVERITY_WARNING);
	p = &l.inv->policies[1];
	ck_assert_uint_eq(p->tiers, 0);
	ck_assert_ptr_null(p->id_regex);
	ck_assert_uint_eq(p->survive, 0x1f);	/* every kind, domains too */
	ck_assert_int_eq(p->severity, SEVERITY_ERROR);

	w = &l.inv->waivers[0];
	ck_assert_str_eq(str(&l, w->policy), "tier1");
	ASSERT_MARK(w->mark, 43, 5);
	ASSERT_MARK(w->policy_mark, 43, 13);
	ck_assert_str_eq(w->service_regex, "^legacy-");
	ASSERT_MARK(w->service_mark, 44, 15);
	ck_assert_uint_eq(w->service_regex_verbatim, 1);
	ck_assert_str_eq(w->reason, "migration tracked in OPS-123");
	ck_assert_int_eq(w->expires, 20908);
	ASSERT_MARK(w->expires_mark, 46, 14);
	done(&l);
}
END_TEST

START_TEST(test_load_quorum_and_power)
{
	struct loaded l;
	char *path, buf[256];
	const char *paths[1];

	path = xasprintf(
	    "%s/tests/data/loader/quorum-and-power.yaml", test_srcdir());
	paths[0] = path;
	load_paths(&l, paths, 1);
	ck_assert_str_eq(l.text, "");
	ck_assert_int_eq(l.rc, 0);
	ck_assert_uint_eq(l.inv->nsites, 3);
	ck_assert_uint_eq(l.inv->npower, 7);
	ck_assert_uint_eq(l.inv->nracks, 2);
	ck_assert_uint_eq(l.inv->nhosts, 8);
	ck_assert_uint_eq(l.inv->nservices, 9);
	ck_assert_int_eq(l.inv->has_policies, 0);
	ck_assert_str_eq(str(&l, l.inv->hosts[2].e.id), "n-3");
	ASSERT_MARK(l.inv->hosts[2].e.mark, 34, 9);
	ck_assert_str_eq(refs(&l, l.inv->power[3].fed_by, buf, sizeof buf),
	    "north-util north-gen");
	ck_assert_str_eq(str(&l, l.inv->services[0].e.id), "quorum");
	ck_assert_uint_eq(l.inv->services[0].min_up, 2);
	ck_assert_int_eq(l.inv->services[0].kind, SERVICE_DATA);
	ck_assert_str_eq(
	    refs(&l, l.inv->services[3].depends_on, buf, sizeof buf),
	    "quorum-tight search~");
	ck_assert_int_eq(l.inv->services[8].kind, SERVICE_EXTERNAL);
	ck_assert_str_eq(inventory_file(l.inv, 0), path);
	done(&l);
	free(path);
}
END_TEST

START_TEST(test_load_unknown_keys)
{
	struct loaded l;

	load(&l,
	    "hots: []\n"
	    "sites:\n"
	    "  - id: a\n"
	    "    nmae: A\n"
	    "    colour: blue\n"
	    "services:\n"
	    "  - id: s\n"
	    "    runs_n: [h]\n"
	    "    depends_on: [{service: t, sofy: true}]\n"
	    "policies:\n"
	    "  - id: p\n"
	    "    select: {tiers: [1]}\n"
	    "    survive: [site]\n"
	    "waivers:\n"
	    "  - {policy: p, service: s, expire: 2027-01-01}\n"
	    "[a]: b\n");
	assert_diags(&l,
	    "t.yaml:1:1: error: unknown key 'hots' at the top level; did you "
	    "mean 'hosts'?\n"
	    "t.yaml:4:5: error: unknown key 'nmae' in sites entry; did you "
	    "mean 'name'?\n"
	    "t.yaml:5:5: error: unknown key 'colour' in sites entry\n"
	    "t.yaml:8:5: error: unknown key 'runs_n' in services entry; did "
	    "you "
	    "mean 'runs_on'?\n"
	    "t.yaml:9:31: error: unknown key 'sofy' in depends_on entry; did "
	    "you mean 'soft'?\n"
	    "t.yaml:12:14: error: unknown key 'tiers' in policy select; did "
	    "you mean 'tier'?\n"
	    "t.yaml:15:29: error: unknown key 'expire' in waivers entry; did "
	    "you mean 'expires'?\n"
	    "t.yaml:15:5: error: missing 'expires' in waivers entry (a date "
	    "YYYY-MM-DD, or never with a reason)\n"
	    "t.yaml:16:1: error: mapping keys must be strings, not a list\n");
	ck_assert_int_eq(l.rc, -1);
	/* The entries still load (but a waiver without expires). */
	ck_assert_uint_eq(l.inv->nsites, 1);
	ck_assert_uint_eq(l.inv->nservices, 1);
	ck_assert_uint_eq(l.inv->nwaivers, 0);
	done(&l);
}
END_TEST

START_TEST(test_load_duplicate_keys)
{
	struct loaded l;

	load(&l,
	    "sites:\n"
	    "  - id: a\n"
	    "hosts:\n"
	    "  - id: h\n"
	    "    site: a\n"
	    "    name: x\n"
	    "    site: b\n"
	    "sites:\n"
	    "  - id: c\n");
	assert_diags(&l,
	    "t.yaml:7:5: error: duplicate key 'site' in this mapping (first at "
	    "line 5, column 5)\n"
	    "t.yaml:8:1: error: duplicate key 'sites' in this mapping (first "
	    "at "
	    "line 1, column 1)\n");
	ck_assert_uint_eq(l.inv->nsites, 1);
	ck_assert_uint_eq(l.inv->nhosts, 1);
	done(&l);
}
END_TEST

START_TEST(test_load_types)
{
	struct loaded l;

	load(&l,
	    "faultline: 2\n"
	    "sites: {id: a}\n"
	    "power:\n"
	    "  - pangyo\n"
	    "  - id: [p]\n"
	    "  - name: no id\n"
	    "  - {id: p2, fed_by: grid}\n"
	    "hosts:\n"
	    "  - id: h\n"
	    "    site: [a, b]\n"
	    "    rack: {id: r}\n"
	    "    power: [[x]]\n"
	    "services:\n"
	    "  - id: s\n"
	    "    runs_on: h\n"
	    "    tier: high\n"
	    "    kind: daemon\n"
	    "    min_up: 0\n"
	    "    depends_on: [[t]]\n"
	    "    recovery: {a: b}\n"
	    "    owner: [x]\n"
	    "  - id: s2\n"
	    "    tier: 5\n"
	    "    min_up: two\n"
	    "  - id: s3\n"
	    "    tier: \"1\"\n"
	    "    min_up: -1\n"
	    "    depends_on: [{soft: maybe}]\n"
	    "policies:\n"
	    "  - id: p\n"
	    "    select: {tier: [0], kind: [daemon], owner: [[x]]}\n"
	    "    survive: [zone, site]\n"
	    "    severity: fatal\n"
	    "  - id: q\n"
	    "    select: [tier]\n"
	    "    survive: site\n"
	    "waivers:\n"
	    "  - policy: p\n"
	    "    expires: 2027-02-30\n"
	    "  - service: x\n"
	    "    policy: [p]\n"
	    "    expires: tomorrow\n");
	assert_diags(&l,
	    "t.yaml:1:12: error: unsupported format version '2'; expected "
	    "'faultline: 1'\n"
	    "t.yaml:2:8: error: 'sites' must be a list, not a mapping\n"
	    "t.yaml:4:5: error: each entry of 'power' must be a mapping, not a "
	    "string\n"
	    "t.yaml:5:9: error: 'id' must be a string, not a list\n"
	    "t.yaml:5:5: error: missing 'id' in power entry\n"
	    "t.yaml:6:5: error: missing 'id' in power entry\n"
	    "t.yaml:7:22: error: 'fed_by' must be a list of power or domain "
	    "ids, not a string\n"
	    "t.yaml:10:11: error: 'site' must be a string, not a list\n"
	    "t.yaml:11:11: error: 'rack' must be a string, not a mapping\n"
	    "t.yaml:12:13: error: each entry of 'power' must be a power id, "
	    "not "
	    "a list\n"
	    "t.yaml:15:14: error: 'runs_on' must be a list of host ids, not a "
	    "string\n"
	    "t.yaml:16:11: error: 'tier' must be an integer from 1 to 4, not "
	    "'high'\n"
	    "t.yaml:17:11: error: unknown service kind 'daemon'; expected one "
	    "of app, data, platform, tool, external\n"
	    "t.yaml:18:13: error: 'min_up' must be a positive integer, not "
	    "'0'\n"
	    "t.yaml:19:18: error: each entry of 'depends_on' must be a service "
	    "id or a mapping {service, soft}, not a list\n"
	    "t.yaml:20:15: error: 'recovery' must be a list of service ids, "
	    "not "
	    "a mapping\n"
	    "t.yaml:21:12: error: 'owner' must be a string, not a list\n"
	    "t.yaml:23:11: error: 'tier' must be an integer from 1 to 4, not "
	    "'5'\n"
	    "t.yaml:24:13: error: 'min_up' must be a positive integer, not "
	    "'two'\n"
	    "t.yaml:26:11: error: 'tier' must be an integer from 1 to 4, not "
	    "the string '1'\n"
	    "t.yaml:27:13: error: 'min_up' must be a positive integer, not "
	    "'-1'\n"
	    "t.yaml:28:25: error: 'soft' must be true or false, not 'maybe'\n"
	    "t.yaml:28:18: error: missing 'service' in depends_on entry\n"
	    "t.yaml:31:21: error: 'tier' must be an integer from 1 to 4, not "
	    "'0'\n"
	    "t.yaml:31:32: error: unknown service kind 'daemon'; expected one "
	    "of app, data, platform, tool, external\n"
	    "t.yaml:31:49: error: each entry of 'owner' must be a string, not "
	    "a "
	    "list\n"
	    "t.yaml:33:15: error: unknown severity 'fatal'; expected one of "
	    "error, warning, note\n"
	    "t.yaml:35:13: error: 'select' must be a mapping of tier, kind, "
	    "owner and id, not a list\n"
	    "t.yaml:36:14: error: 'survive' must be a list of failure kinds, "
	    "not a string\n"
	    "t.yaml:39:14: error: 'expires' must be a date (YYYY-MM-DD) or "
	    "never, not '2027-02-30'\n"
	    "t.yaml:38:5: error: missing 'service' in waivers entry\n"
	    "t.yaml:41:13: error: 'policy' must be a policy id, not a list\n"
	    "t.yaml:42:14: error: 'expires' must be a date (YYYY-MM-DD) or "
	    "never, not 'tomorrow'\n"
	    "t.yaml:40:5: error: missing 'policy' in waivers entry\n");
	ck_assert_uint_eq(l.inv->npower, 1);
	ck_assert_uint_eq(l.inv->nhosts, 1);
	ck_assert_uint_eq(l.inv->nservices, 3);
	ck_assert_uint_eq(l.inv->services[0].tier, 3);
	ck_assert_uint_eq(l.inv->services[0].min_up, 0);
	ck_assert_uint_eq(l.inv->npolicies, 2);
	ck_assert_uint_eq(l.inv->policies[0].survive, 1u << KIND_SITE);
	/* Not a failure kind: a domain type, checked by resolve. */
	ck_assert_uint_eq(l.inv->policies[0].nsurvive_types, 1);
	ck_assert_str_eq(str(&l, l.inv->policies[0].survive_types[0]), "zone");
	ASSERT_MARK(l.inv->policies[0].survive_marks[0], 32, 15);
	ck_assert_uint_eq(l.inv->nwaivers, 0);
	done(&l);
}
END_TEST

START_TEST(test_load_values)
{
	struct loaded l;

	load(&l,
	    "faultline: 1\n"
	    "sites: ~\n"
	    "hosts:\n"
	    "services:\n"
	    "  - id: s\n"
	    "    kind: tool\n"
	    "    tier: 4\n"
	    "    name: ~\n"
	    "    runs_on: []\n"
	    "    min_up: 17\n"
	    "policies: []\n"
	    "waivers:\n"
	    "  - {policy: spof, service: x, expires: 2000-02-29}\n"
	    "  - {policy: spof, service: y, expires: 1969-12-31}\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_int_eq(l.inv->has_policies, 1);
	ck_assert_int_eq(l.inv->services[0].kind, SERVICE_TOOL);
	ck_assert_uint_eq(l.inv->services[0].tier, 4);
	ck_assert_uint_eq(l.inv->services[0].e.name, SYM_NONE);
	ck_assert_uint_eq(l.inv->services[0].min_up, 17);
	ck_assert_int_eq(l.inv->waivers[0].expires, 11016);
	ck_assert_int_eq(l.inv->waivers[1].expires, -1);
	ck_assert_ptr_null(l.inv->waivers[0].reason);
	done(&l);

	load(&l, "faultline: \"1\"\n");
	ck_assert_str_eq(l.text,
	    "t.yaml:1:12: error: unsupported format "
	    "version the string '1'; expected 'faultline: 1'\n");
	done(&l);

	load(&l, "- sites\n");
	ck_assert_str_eq(l.text,
	    "t.yaml:1:1: error: an inventory file must "
	    "be a mapping of sections, not a list\n");
	done(&l);

	/* Empty and comment-only files are fine. */
	load(&l, "");
	ck_assert_str_eq(l.text, "");
	ck_assert_int_eq(l.rc, 0);
	done(&l);
	load(&l, "# nothing yet\n---\n");
	ck_assert_str_eq(l.text, "");
	done(&l);
}
END_TEST

START_TEST(test_load_x_keys)
{
	struct loaded l;

	load(&l,
	    "x-note: {anything: [goes, {here: 1}]}\n"
	    "sites:\n"
	    "  - id: a\n"
	    "    x-rfc: [1, 2]\n"
	    "services:\n"
	    "  - id: s\n"
	    "    depends_on: [{service: t, x-why: because}]\n"
	    "policies:\n"
	    "  - id: p\n"
	    "    select: {x-todo: later, tier: 1}\n"
	    "x-: bare\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nsites, 1);
	ck_assert_uint_eq(l.inv->policies[0].tiers, 1u << 1);
	done(&l);
}
END_TEST

START_TEST(test_load_merge_keys)
{
	struct loaded l;
	char buf[256];
	const struct host *h;
	const struct service *s;

	load(&l,
	    "x-pg: &pg { site: pangyo, power: [ups-a, ups-b] }\n"
	    "x-small: &small { power: [ups-c], name: small }\n"
	    "x-svc: &svc { tier: 1, kind: data, owner: dba }\n"
	    "hosts:\n"
	    "  - { id: \"pg-web-{01..02}\", <<: *pg }\n"
	    "  - { power: [own], <<: *pg, id: h3 }\n"
	    "  - { id: h4, <<: [*small, *pg] }\n"
	    "  - id: h5\n"
	    "    <<: *pg\n"
	    "    name: five\n"
	    "services:\n"
	    "  - { id: db, <<: *svc, tier: 2 }\n");
	ck_assert_str_eq(l.text, "");
	h = l.inv->hosts;
	ck_assert_uint_eq(l.inv->nhosts, 5);
	ck_assert_str_eq(str(&l, h[1].e.id), "pg-web-02");
	ck_assert_str_eq(refs(&l, h[1].site_ref, buf, sizeof buf), "pangyo");
	ck_assert_str_eq(refs(&l, h[1].power, buf, sizeof buf), "ups-a ups-b");
	/* The anchor's text is where the reference was written. */
	ASSERT_MARK(inventory_refs(l.inv, h[1].site_ref)[0].mark, 1, 19);
	ASSERT_MARK(h[1].e.mark, 5, 11);
	ck_assert_str_eq(refs(&l, h[2].power, buf, sizeof buf), "own");
	ck_assert_str_eq(refs(&l, h[2].site_ref, buf, sizeof buf), "pangyo");
	ck_assert_str_eq(refs(&l, h[3].power, buf, sizeof buf), "ups-c");
	ck_assert_str_eq(refs(&l, h[3].site_ref, buf, sizeof buf), "pangyo");
	ck_assert_str_eq(str(&l, h[3].e.name), "small");
	ck_assert_str_eq(str(&l, h[4].e.name), "five");
	ck_assert_str_eq(refs(&l, h[4].power, buf, sizeof buf), "ups-a ups-b");
	s = l.inv->services;
	ck_assert_uint_eq(s[0].tier, 2);
	ck_assert_int_eq(s[0].kind, SERVICE_DATA);
	ck_assert_str_eq(str(&l, s[0].owner), "dba");
	done(&l);

	/* Problems inside an anchor are reported once, where they are. */
	load(&l,
	    "x-bad: &bad { sit: a }\n"
	    "hosts:\n"
	    "  - { id: h1, <<: *bad }\n"
	    "  - { id: h2, <<: *bad }\n"
	    "  - { id: h3, <<: nope }\n"
	    "  - { id: h4, <<: [*bad, 1] }\n");
	assert_diags(&l,
	    "t.yaml:1:15: error: unknown key 'sit' in hosts entry; did you "
	    "mean "
	    "'site'?\n"
	    "t.yaml:5:19: error: '<<' must be a mapping or a list of mappings "
	    "(such as *defaults), not a string\n"
	    "t.yaml:6:26: error: each entry of '<<' must be a mapping, not a "
	    "string\n");
	ck_assert_uint_eq(l.inv->nhosts, 4);
	done(&l);
}
END_TEST

START_TEST(test_load_anchors)
{
	struct loaded l;

	load(&l,
	    "x-name: &n Shared Name\n"
	    "x-feeds: &feeds [a, b]\n"
	    "sites:\n"
	    "  - {id: s1, name: *n}\n"
	    "power:\n"
	    "  - {id: p1, fed_by: *feeds}\n"
	    "  - &whole {id: p2}\n"
	    "  - *whole\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_str_eq(str(&l, l.inv->sites[0].e.name), "Shared Name");
	ck_assert_uint_eq(l.inv->power[0].fed_by.n, 2);
	ck_assert_uint_eq(l.inv->npower, 3);
	ck_assert_str_eq(str(&l, l.inv->power[2].e.id), "p2");
	done(&l);

	load(&l, "sites:\n  - *nope\n");
	ck_assert_str_eq(l.text,
	    "t.yaml:2:5: error: alias '*nope' names no "
	    "anchor defined before it\n");
	done(&l);

	/* An anchor redefined inside its own node: the inner one stands. */
	load(&l, "x-a: &a [&a {id: in}, *a]\nsites: [*a, *a]\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nsites, 2);
	ck_assert_str_eq(str(&l, l.inv->sites[1].e.id), "in");
	done(&l);

	load(&l, "x-a: &a [1, *a]\n");
	ck_assert_str_eq(l.text,
	    "t.yaml:1:13: error: alias '*a' is inside "
	    "its own anchor\n");
	done(&l);
}
END_TEST

START_TEST(test_load_brace_ranges)
{
	struct loaded l;
	char buf[512];
	const char *yaml;

	load(&l,
	    "racks:\n"
	    "  - id: r{1..2}-{a..b}\n"
	    "hosts:\n"
	    "  - id: h-{3..1}\n"
	    "    power:\n"
	    "      - ups-{01..02}\n"
	    "      - \"x{1..2}y{1..2}\"\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nracks, 2);
	ck_assert_str_eq(str(&l, l.inv->racks[1].e.id), "r2-{a..b}");
	ck_assert_uint_eq(l.inv->nhosts, 3);
	ck_assert_str_eq(str(&l, l.inv->hosts[0].e.id), "h-3");
	ck_assert_str_eq(refs(&l, l.inv->hosts[2].power, buf, sizeof buf),
	    "ups-01 ups-02 x1y1 x1y2 x2y1 x2y2");
	ASSERT_MARK(inventory_refs(l.inv, l.inv->hosts[2].power)[5].mark, 7, 9);
	ck_assert_uint_eq(l.inv->nrefs, 6);
	done(&l);

	/* Unquoted in a flow list: a syntax error, with a hint. */
	load(&l,
	    "services:\n"
	    "  - id: s\n"
	    "    runs_on: [pg-{01..04}]\n");
	assert_diags(&l,
	    "t.yaml:3:18: error: YAML syntax error: did not find expected ',' "
	    "or ']' while parsing a flow sequence at line 3, column 14; brace "
	    "ranges in a [...] list must be quoted: [\"pg-{01..04}\"]\n");
	done(&l);

	/* No hint when no range is near. */
	load(&l, "sites: [a b: c: d]\n");
	ck_assert_ptr_nonnull(strstr(l.text, "YAML syntax error"));
	ck_assert_ptr_null(strstr(l.text, "brace"));
	done(&l);

	/* Bounded. */
	yaml = "hosts:\n"
	       "  - id: h{1..2000000}\n"
	       "services:\n"
	       "  - id: s\n"
	       "    runs_on: [\"h{1..1000}{1..1001}\"]\n";
	load(&l, yaml);
	assert_diags(&l,
	    "t.yaml:2:9: error: 'h{1..2000000}' expands to more than 1000000 "
	    "names\n"
	    "t.yaml:5:15: error: 'h{1..1000}{1..1001}' expands to more than "
	    "1000000 names\n");
	ck_assert_uint_eq(l.inv->nhosts, 0);
	ck_assert_uint_eq(l.inv->nservices, 1);
	ck_assert_uint_eq(l.inv->services[0].runs_on.n, 0);
	done(&l);

	/* Within the bound of one scalar, but not of so small a file. */
	load(&l, "hosts:\n  - {id: \"h{1..1000}{1..1000}\", site: s}\n");
	assert_diags(&l,
	    "t.yaml:2:10: error: brace ranges in this file expand to more than "
	    "4194304 bytes of names (at most 256 per byte of the file, or "
	    "4194304)\n");
	ck_assert_uint_eq(l.inv->nhosts, 0);
	done(&l);

	/* Few names, but long ones: the budget is in bytes. */
	{
		char	big[400];

		snprintf(big, sizeof big, "hosts:\n  - id: %0200d{1..30000}\n",
		    0);
		load(&l, big);
		ck_assert_ptr_nonnull(strstr(l.text, "t.yaml:2:9: error: brace "
		    "ranges in this file expand to more than 4194304 bytes"));
		ck_assert_uint_eq(l.inv->nhosts, 0);
		done(&l);
	}

	load(&l, "hosts:\n  - id: h{000001..100000}\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nhosts, 100000);
	ck_assert_str_eq(str(&l, l.inv->hosts[99999].e.id), "h100000");
	ck_assert_str_eq(str(&l, l.inv->hosts[0].e.id), "h000001");
	done(&l);
}
END_TEST

/*
 * A mark at the end of the file points into the file: after the last
 * character when there is no final newline, at the start of the empty last
 * line when there is one.
 */
START_TEST(test_load_syntax_error_at_end)
{
	struct loaded l;

	load(&l, "sites:\n  - {id: a");
	assert_diags(&l,
	    "t.yaml:2:11: error: YAML syntax error: did not find expected "
	    "',' or '}' while parsing a flow mapping at line 2, column 5\n");
	done(&l);

	load(&l, "sites:\n  - {id: a\n");
	assert_diags(&l,
	    "t.yaml:3:1: error: YAML syntax error: did not find expected "
	    "',' or '}' while parsing a flow mapping at line 2, column 5\n");
	done(&l);

	/* An event at the end (the empty value of '<<') is moved back too. */
	load(&l, "sites:\n  - {id: a, <<\n# c");
	assert_diags(&l,
	    "t.yaml:3:4: error: '<<' must be a mapping or a list of mappings "
	    "(such as *defaults), not empty\n"
	    "t.yaml:3:4: error: YAML syntax error: did not find expected "
	    "',' or '}' while parsing a flow mapping at line 2, column 5\n");
	done(&l);

	/* libyaml counts characters, not bytes, and not a byte order mark. */
	load(&l, "sites:\n  - {id: \xc3\xa9");
	assert_diags(&l,
	    "t.yaml:2:11: error: YAML syntax error: did not find expected "
	    "',' or '}' while parsing a flow mapping at line 2, column 5\n");
	done(&l);
	load(&l, "\xef\xbb\xbfsites:\n  - {id: a");
	assert_diags(&l,
	    "t.yaml:2:11: error: YAML syntax error: did not find expected "
	    "',' or '}' while parsing a flow mapping at line 2, column 5\n");
	done(&l);
	load(&l, "\xef\xbb\xbfsites: \x01\n");
	assert_diags(&l,
	    "t.yaml:1:8: error: control character 0x01 is not allowed\n");
	done(&l);

	/* UTF-16, which libyaml would accept, is refused. */
	load_n(&l, "\xff\xfes\0:\0 \0a\0\n\0", 12);
	assert_diags(&l, "t.yaml:1:1: error: UTF-16 text (byte order mark "
	    "FF FE); inventories are UTF-8\n");
	done(&l);
	load_n(&l, "\xfe\xff\0s\0:", 6);
	assert_diags(&l, "t.yaml:1:1: error: UTF-16 text (byte order mark "
	    "FE FF); inventories are UTF-8\n");
	done(&l);

	/* The brace-range hint finds the range after multi-byte text. */
	load(&l,
	    "services:\n"
	    "  - id: s\n"
	    "    name: \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"\n"
	    "    runs_on: [pg-{01..04}]\n");
	assert_diags(&l,
	    "t.yaml:4:18: error: YAML syntax error: did not find expected ',' "
	    "or ']' while parsing a flow sequence at line 4, column 14; brace "
	    "ranges in a [...] list must be quoted: [\"pg-{01..04}\"]\n");
	done(&l);
}
END_TEST

/*
 * A regex is verbatim, so that a PCRE2 error can point into it, only when
 * its text is its source: plain or quoted on one line, with no escape.
 */
START_TEST(test_load_regex_verbatim)
{
	static const struct {
		const char	*value;
		int		 verbatim;
		uint32_t	 column;
	} cases[] = {
		{ "^a(b", 1, 14 },
		{ "\"^a(b\"", 1, 15 },
		{ "'^a(b'", 1, 15 },
		{ "'it''s'", 0, 14 },		/* '' is one quote */
		{ "\"\\x5ea\"", 0, 14 },	/* \x5e is one caret */
		{ "\"^a\n      (b\"", 0, 14 },	/* folded onto one line */
		{ "^a\n      (b", 0, 14 },
		{ "|\n      ^a(b", 0, 14 },
	};
	struct loaded	l;
	char		yaml[256];
	size_t		i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(yaml, sizeof yaml, "waivers:\n  - policy: spof\n"
		    "    service: %s\n    reason: r\n    expires: never\n",
		    cases[i].value);
		load(&l, yaml);
		ck_assert_msg(strcmp(l.text, "") == 0, "%s: %s",
		    cases[i].value, l.text);
		ck_assert_uint_eq(l.inv->nwaivers, 1);
		ck_assert_msg(l.inv->waivers[0].service_regex_verbatim ==
		    cases[i].verbatim, "%s", cases[i].value);
		ASSERT_MARK(l.inv->waivers[0].service_mark, 3,
		    cases[i].column);
		done(&l);
	}
}
END_TEST

static const char domains_inventory[] =
    "domains:\n"
    "  - id: room-b3\n"
    "    type: room\n"
    "    site: pg\n"
    "    fed_by: [grid, core-1]\n"
    "    in: [capital]\n"
    "  - {id: capital, type: region, name: Capital area}\n"
    "sites:\n"
    "  - {id: pg, region: capital, in: [campus]}\n"
    "power:\n"
    "  - {id: ups, site: pg, fed_by: [grid], in: [room-b3]}\n"
    "racks:\n"
    "  - {id: r1, site: pg, power: [ups], in: [room-b3, row-3]}\n"
    "hosts:\n"
    "  - {id: hv, rack: r1, in: [row-3]}\n"
    "  - {id: \"vm-{1..2}\", on: hv}\n";

START_TEST(test_load_domains)
{
	struct loaded l;
	const struct domain *d;
	const struct ref *r;
	char buf[256];

	load(&l, domains_inventory);
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->ndomains, 2);
	d = &l.inv->domains[0];
	ck_assert_str_eq(str(&l, d->e.id), "room-b3");
	ck_assert_str_eq(str(&l, d->type), "room");
	ASSERT_MARK(d->type_mark, 3, 11);
	ck_assert_str_eq(refs(&l, d->site_ref, buf, sizeof buf), "pg");
	ck_assert_str_eq(refs(&l, d->fed_by, buf, sizeof buf), "grid core-1");
	ck_assert_str_eq(refs(&l, d->in, buf, sizeof buf), "capital");
	r = inventory_refs(l.inv, d->fed_by);
	ck_assert_uint_eq(r[0].kind, REF_FEED);
	ASSERT_MARK(r[1].mark, 5, 20);
	ck_assert_uint_eq(inventory_refs(l.inv, d->site_ref)[0].kind,
	    KIND_SITE);
	ck_assert_uint_eq(d->site, INDEX_NONE);
	d = &l.inv->domains[1];
	ck_assert_str_eq(str(&l, d->type), "region");
	ck_assert_str_eq(str(&l, d->e.name), "Capital area");
	ck_assert_uint_eq(d->fed_by.n, 0);
	ck_assert_str_eq(str(&l, l.inv->sites[0].region), "capital");
	ASSERT_MARK(l.inv->sites[0].region_mark, 9, 22);
	ck_assert_str_eq(refs(&l, l.inv->sites[0].in, buf, sizeof buf),
	    "campus");
	ck_assert_uint_eq(l.inv->sites[0].region_domain, INDEX_NONE);
	ck_assert_str_eq(refs(&l, l.inv->power[0].in, buf, sizeof buf),
	    "room-b3");
	ck_assert_uint_eq(inventory_refs(l.inv, l.inv->power[0].in)[0].kind,
	    REF_FEED);
	ck_assert_str_eq(refs(&l, l.inv->racks[0].in, buf, sizeof buf),
	    "room-b3 row-3");
	ck_assert_str_eq(refs(&l, l.inv->hosts[0].in, buf, sizeof buf),
	    "row-3");
	ck_assert_uint_eq(l.inv->nhosts, 3);
	ck_assert_str_eq(str(&l, l.inv->hosts[2].e.id), "vm-2");
	ck_assert_str_eq(refs(&l, l.inv->hosts[2].on_ref, buf, sizeof buf),
	    "hv");
	ck_assert_uint_eq(l.inv->hosts[1].on_ref.off,
	    l.inv->hosts[2].on_ref.off);
	ck_assert_uint_eq(inventory_refs(l.inv, l.inv->hosts[1].on_ref)[0].kind,
	    KIND_HOST);
	ck_assert_uint_eq(l.inv->hosts[2].site_ref.n, 0);
	done(&l);

	/* The type is required, and a word that is no failure kind. */
	load(&l,
	    "domains:\n"
	    "  - {id: a}\n"
	    "  - {id: b, type: fire zone}\n"
	    "  - {id: c, type: rack}\n"
	    "  - {id: d, type: 1st-floor}\n"
	    "  - {id: e, type: [room]}\n"
	    "  - {id: f, type: row, fed-by: [x], on: h}\n");
	assert_diags(&l,
	    "t.yaml:2:5: error: missing 'type' in domains entry (a word such "
	    "as room, row, network or region)\n"
	    "t.yaml:3:19: error: invalid domain type 'fire zone': a type is a "
	    "word of letters, digits, '-' and '_', starting with a letter (at "
	    "most 64 characters)\n"
	    "t.yaml:4:19: error: domain type 'rack' is the name of a failure "
	    "kind; choose another word\n"
	    "t.yaml:5:19: error: invalid domain type '1st-floor': a type is a "
	    "word of letters, digits, '-' and '_', starting with a letter (at "
	    "most 64 characters)\n"
	    "t.yaml:6:19: error: 'type' must be a word, not a list\n"
	    "t.yaml:7:24: error: unknown key 'fed-by' in domains entry; did "
	    "you mean 'fed_by'?\n"
	    "t.yaml:7:37: error: unknown key 'on' in domains entry\n");
	ck_assert_uint_eq(l.inv->ndomains, 5);
	ck_assert_uint_eq(l.inv->domains[1].type, SYM_NONE);
	done(&l);

	load(&l,
	    "hosts:\n"
	    "  - {id: h, on: [a, b], in: x}\n"
	    "racks:\n"
	    "  - {id: r, in: [[x]]}\n"
	    "sites:\n"
	    "  - {id: s, in: {a: b}}\n");
	assert_diags(&l,
	    "t.yaml:2:17: error: 'on' must be a string, not a list\n"
	    "t.yaml:2:29: error: 'in' must be a list of power or domain ids, "
	    "not a string\n"
	    "t.yaml:4:18: error: each entry of 'in' must be a power or domain "
	    "id, not a list\n"
	    "t.yaml:6:17: error: 'in' must be a list of power or domain ids, "
	    "not a mapping\n");
	done(&l);
}
END_TEST

START_TEST(test_load_standby_and_rto)
{
	struct loaded l;
	const struct service *s;
	const struct standby *g;
	char buf[256];

	load(&l,
	    "x-auto: &auto {via: [], min_up: 2}\n"
	    "services:\n"
	    "  - id: chat\n"
	    "    runs_on: [\"a-{1..2}\"]\n"
	    "    standby:\n"
	    "      - runs_on: [\"b-{1..3}\"]\n"
	    "        min_up: 2\n"
	    "        via: [switch, deploy]\n"
	    "      - {runs_on: [c-1, c-2], <<: *auto}\n"
	    "    rto: 3h\n"
	    "  - {id: \"w-{1..2}\", runs_on: [h], standby: [{runs_on: [s]}], "
	    "rto: 30m}\n"
	    "  - {id: plain, runs_on: [h], rto: 45s}\n"
	    "  - {id: days, runs_on: [h], rto: 2d, standby: ~}\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nservices, 5);
	ck_assert_uint_eq(l.inv->nstandbys, 3);
	s = &l.inv->services[0];
	ck_assert_uint_eq(s->standby_off, 0);
	ck_assert_uint_eq(s->nstandby, 2);
	ck_assert_uint_eq(s->rto, 3 * 3600);
	ASSERT_MARK(s->rto_mark, 10, 10);
	g = &l.inv->standbys[0];
	ASSERT_MARK(g->mark, 6, 9);
	ck_assert_str_eq(refs(&l, g->runs_on, buf, sizeof buf), "b-1 b-2 b-3");
	ck_assert_uint_eq(inventory_refs(l.inv, g->runs_on)[0].kind, KIND_HOST);
	ck_assert_uint_eq(g->min_up, 2);
	ASSERT_MARK(g->min_up_mark, 7, 17);
	ck_assert_str_eq(refs(&l, g->via, buf, sizeof buf), "switch deploy");
	ck_assert_uint_eq(inventory_refs(l.inv, g->via)[1].kind, KIND_SERVICE);
	g = &l.inv->standbys[1];
	ck_assert_str_eq(refs(&l, g->runs_on, buf, sizeof buf), "c-1 c-2");
	ck_assert_uint_eq(g->via.n, 0);		/* automatic */
	ck_assert_uint_eq(g->min_up, 2);	/* from the merge key */
	/* A brace range shares its groups. */
	ck_assert_uint_eq(l.inv->services[1].standby_off, 2);
	ck_assert_uint_eq(l.inv->services[2].standby_off, 2);
	ck_assert_uint_eq(l.inv->services[2].nstandby, 1);
	ck_assert_uint_eq(l.inv->standbys[2].min_up, 0);
	ck_assert_uint_eq(l.inv->services[2].rto, 1800);
	ck_assert_uint_eq(l.inv->services[3].rto, 45);
	ck_assert_uint_eq(l.inv->services[3].nstandby, 0);
	ck_assert_uint_eq(l.inv->services[4].rto, 2 * 86400);
	done(&l);

	/* A merged standby yields to the entry's own. */
	load(&l,
	    "x-d: &d {standby: [{runs_on: [x]}, {runs_on: [y]}]}\n"
	    "services:\n"
	    "  - {<<: *d, id: a, runs_on: [h], standby: [{runs_on: [z]}]}\n"
	    "  - {id: b, runs_on: [h], standby: [{runs_on: [z]}], <<: *d}\n"
	    "  - {id: c, runs_on: [h], <<: *d}\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->services[0].nstandby, 1);
	ck_assert_uint_eq(l.inv->services[1].nstandby, 1);
	ck_assert_str_eq(refs(&l, l.inv->standbys[l.inv->services[1].
	    standby_off].runs_on, buf, sizeof buf), "z");
	ck_assert_uint_eq(l.inv->services[2].nstandby, 2);
	done(&l);

	load(&l,
	    "services:\n"
	    "  - id: a\n"
	    "    runs_on: [h]\n"
	    "    standby:\n"
	    "      - {min_up: 0, via: [t]}\n"
	    "      - runs_on: []\n"
	    "      - [x]\n"
	    "      - {runs_on: [y], vai: [t], via: t}\n"
	    "    rto: 3 hours\n"
	    "  - {id: b, runs_on: [h], standby: {runs_on: [x]}, rto: 0m}\n"
	    "  - {id: c, runs_on: [h], rto: 90}\n"
	    "  - {id: d, runs_on: [h], rto: 999999999d}\n"
	    "  - {id: e, runs_on: [h], rto: \"1h\"}\n");
	assert_diags(&l,
	    "t.yaml:5:18: error: 'min_up' must be a positive integer, not "
	    "'0'\n"
	    "t.yaml:5:9: error: missing 'runs_on' in standby group\n"
	    "t.yaml:6:9: error: standby group runs on no host ('runs_on' is "
	    "empty)\n"
	    "t.yaml:7:9: error: each entry of 'standby' must be a mapping "
	    "{runs_on, min_up, via}, not a list\n"
	    "t.yaml:8:24: error: unknown key 'vai' in standby group; did you "
	    "mean 'via'?\n"
	    "t.yaml:8:39: error: 'via' must be a list of service ids, not a "
	    "string\n"
	    "t.yaml:9:10: error: 'rto' must be a duration: a positive whole "
	    "number and a unit s, m, h or d (such as 30m or 3h), not "
	    "'3 hours'\n"
	    "t.yaml:10:36: error: 'standby' must be a list of standby groups "
	    "{runs_on, min_up, via}, not a mapping\n"
	    "t.yaml:10:57: error: 'rto' must be a duration: a positive whole "
	    "number and a unit s, m, h or d (such as 30m or 3h), not '0m'\n"
	    "t.yaml:11:32: error: 'rto' must be a duration: a positive whole "
	    "number and a unit s, m, h or d (such as 30m or 3h), not '90'\n"
	    "t.yaml:12:32: error: 'rto' of '999999999d' is too long (at most "
	    "4294967295 seconds)\n");
	ck_assert_uint_eq(l.inv->services[0].nstandby, 1);
	ck_assert_uint_eq(l.inv->services[0].rto, 0);
	ck_assert_uint_eq(l.inv->services[4].rto, 3600);
	done(&l);
}
END_TEST

START_TEST(test_load_meta)
{
	struct loaded l;
	const struct meta *m;

	load(&l,
	    "meta:\n"
	    "  name: Kakao platform (reconstruction)\n"
	    "  owner: platform-reliability\n"
	    "  description: What burned in 2022.\n"
	    "  assumptions:\n"
	    "    - Ansan opened only in 2023.\n"
	    "    - \"Power: two UPS strings\"\n"
	    "  x-note: ignored\n");
	ck_assert_str_eq(l.text, "");
	m = &l.inv->meta;
	ck_assert_int_eq(m->present, 1);
	ASSERT_MARK(m->mark, 2, 3);
	ck_assert_str_eq(m->name, "Kakao platform (reconstruction)");
	ck_assert_str_eq(m->owner, "platform-reliability");
	ck_assert_str_eq(m->description, "What burned in 2022.");
	ck_assert_uint_eq(m->nassumptions, 2);
	ck_assert_str_eq(m->assumptions[0], "Ansan opened only in 2023.");
	ck_assert_str_eq(m->assumptions[1], "Power: two UPS strings");
	/* A second meta section, in another file, points at the first. */
	ck_assert_int_eq(loader_load_buffer(l.inv, "u.yaml",
	    (const unsigned char *)"sites: []\nmeta: {name: other}\n", 30,
	    &l.dl), -1);
	free(l.text);
	print_diags(&l);
	ck_assert_str_eq(l.text, "u.yaml:2:7: error: a second 'meta' section; "
	    "the first is at t.yaml:2:3 (an inventory has at most one)\n");
	ck_assert_str_eq(l.inv->meta.name, "Kakao platform (reconstruction)");
	done(&l);

	load(&l,
	    "meta: [x]\n");
	ck_assert_str_eq(l.text, "t.yaml:1:7: error: 'meta' must be a mapping "
	    "of name, owner, description and assumptions, not a list\n");
	done(&l);

	load(&l,
	    "meta: {nmae: x, assumptions: one, owner: [a]}\n"
	    "meta: {}\n");
	assert_diags(&l,
	    "t.yaml:1:8: error: unknown key 'nmae' in meta; did you mean "
	    "'name'?\n"
	    "t.yaml:1:30: error: 'assumptions' must be a list of strings, not "
	    "a string\n"
	    "t.yaml:1:42: error: 'owner' must be a string, not a list\n"
	    "t.yaml:2:1: error: duplicate key 'meta' in this mapping (first at "
	    "line 1, column 1)\n");
	ck_assert_int_eq(l.inv->meta.present, 1);
	ck_assert_ptr_null(l.inv->meta.name);
	ck_assert_uint_eq(l.inv->meta.nassumptions, 0);
	done(&l);

	load(&l, "meta:\n  assumptions: [a, ~, [b]]\n");
	assert_diags(&l,
	    "t.yaml:2:20: error: each entry of 'assumptions' must be a "
	    "string, not empty\n"
	    "t.yaml:2:23: error: each entry of 'assumptions' must be a "
	    "string, not a list\n");
	ck_assert_uint_eq(l.inv->meta.nassumptions, 1);
	done(&l);
}
END_TEST

START_TEST(test_load_extend)
{
	struct loaded l;
	const struct extension *x;
	char buf[256];

	load(&l,
	    "extend:\n"
	    "  - { power: panel-1, fed_by: [utility-a], in: [room-1] }\n"
	    "  - { domain: row-2, fed_by: [\"pdu-{1..2}\"] }\n"
	    "  - { host: h1, in: [row-2] }\n"
	    "  - { site: s, in: [campus] }\n"
	    "  - { rack: r, in: [row-2] }\n");
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nextensions, 5);
	x = &l.inv->extensions[0];
	ck_assert_uint_eq(x->kind, KIND_POWER);
	ck_assert_str_eq(str(&l, x->id), "panel-1");
	ASSERT_MARK(x->mark, 2, 14);
	ck_assert_str_eq(refs(&l, x->fed_by, buf, sizeof buf), "utility-a");
	ck_assert_str_eq(refs(&l, x->in, buf, sizeof buf), "room-1");
	ck_assert_uint_eq(inventory_refs(l.inv, x->in)[0].kind, REF_FEED);
	x = &l.inv->extensions[1];
	ck_assert_uint_eq(x->kind, KIND_DOMAIN);
	ck_assert_str_eq(refs(&l, x->fed_by, buf, sizeof buf), "pdu-1 pdu-2");
	ck_assert_uint_eq(l.inv->extensions[2].kind, KIND_HOST);
	ck_assert_uint_eq(l.inv->extensions[3].kind, KIND_SITE);
	ck_assert_uint_eq(l.inv->extensions[4].kind, KIND_RACK);
	done(&l);

	load(&l,
	    "extend:\n"
	    "  - { in: [a] }\n"
	    "  - { power: p, site: s }\n"
	    "  - { rack: r, fed_by: [p] }\n"
	    "  - { service: x }\n"
	    "  - { power: [p] }\n");
	assert_diags(&l,
	    "t.yaml:2:5: error: missing the entity in extend entry: one of "
	    "site, power, domain, rack, host\n"
	    "t.yaml:3:23: error: an extend entry extends one entity, but names "
	    "a power domain and a site\n"
	    "t.yaml:4:25: error: 'fed_by' extends only power domains and "
	    "domains, not a rack\n"
	    "t.yaml:5:7: error: unknown key 'service' in extend entry\n"
	    "t.yaml:5:5: error: missing the entity in extend entry: one of "
	    "site, power, domain, rack, host\n"
	    "t.yaml:6:14: error: 'power' must be an id, not a list\n"
	    "t.yaml:6:5: error: missing the entity in extend entry: one of "
	    "site, power, domain, rack, host\n");
	ck_assert_uint_eq(l.inv->nextensions, 1);
	done(&l);
}
END_TEST

START_TEST(test_load_policy_and_waiver_keys)
{
	struct loaded l;
	const struct policy *p;
	const struct waiver *w;

	load(&l,
	    "policies:\n"
	    "  - id: dora\n"
	    "    survive: [site, room, domain, network]\n"
	    "    description: Critical functions survive a room fire.\n"
	    "    reference: DORA Art. 12\n"
	    "waivers:\n"
	    "  - policy: dora\n"
	    "    service: ^legacy$\n"
	    "    reason: replaced in Q3\n"
	    "    expires: never\n"
	    "    approved_by: CISO\n"
	    "    granted: 2025-01-15\n"
	    "    ticket: OPS-9\n"
	    "  - {policy: spof, service: x, reason: r, expires: 2026-01-01}\n");
	ck_assert_str_eq(l.text, "");
	p = &l.inv->policies[0];
	ck_assert_uint_eq(p->survive, (1u << KIND_SITE) | (1u << KIND_DOMAIN));
	ck_assert_uint_eq(p->nsurvive_types, 2);
	ck_assert_str_eq(str(&l, p->survive_types[0]), "room");
	ck_assert_str_eq(str(&l, p->survive_types[1]), "network");
	ASSERT_MARK(p->survive_marks[1], 3, 35);
	ck_assert_str_eq(p->description,
	    "Critical functions survive a room fire.");
	ck_assert_str_eq(p->reference, "DORA Art. 12");
	w = &l.inv->waivers[0];
	ck_assert_int_eq(w->expires, INT32_MIN);
	ASSERT_MARK(w->expires_mark, 10, 14);
	ck_assert_str_eq(w->approved_by, "CISO");
	ck_assert_int_eq(w->granted, 20103);
	ck_assert_str_eq(w->ticket, "OPS-9");
	w = &l.inv->waivers[1];
	ck_assert_int_eq(w->expires, 20454);
	ck_assert_int_eq(w->granted, INT32_MIN);
	ck_assert_ptr_null(w->approved_by);
	ck_assert_ptr_null(w->ticket);
	ck_assert_ptr_null(l.inv->policies[0].id_regex);
	done(&l);

	/* expires is required: missing, empty and null are errors. */
	load(&l,
	    "waivers:\n"
	    "  - {policy: a, service: x, reason: r}\n"
	    "  - {policy: a, service: x, reason: r, expires: }\n"
	    "  - {policy: a, service: x, reason: r, expires: null}\n"
	    "  - {policy: a, service: x, reason: r, expires: \"never\"}\n"
	    "  - {policy: a, service: x, reason: r, expires: 2026-01-01,\n"
	    "     granted: yesterday, approved_by: [a], ticket: {a: b}}\n"
	    "policies:\n"
	    "  - {id: p, description: [x], reference: 12, survive: [~]}\n");
	assert_diags(&l,
	    "t.yaml:2:5: error: missing 'expires' in waivers entry (a date "
	    "YYYY-MM-DD, or never with a reason)\n"
	    "t.yaml:3:49: error: 'expires' must be a date (YYYY-MM-DD) or "
	    "never, not empty\n"
	    "t.yaml:4:49: error: 'expires' must be a date (YYYY-MM-DD) or "
	    "never, not empty\n"
	    "t.yaml:5:49: error: 'expires' must be a date (YYYY-MM-DD) or "
	    "never, not 'never'\n"
	    "t.yaml:7:15: error: 'granted' must be a date (YYYY-MM-DD), not "
	    "'yesterday'\n"
	    "t.yaml:7:39: error: 'approved_by' must be a string, not a list\n"
	    "t.yaml:7:52: error: 'ticket' must be a string, not a mapping\n"
	    "t.yaml:9:26: error: 'description' must be a string, not a list\n"
	    "t.yaml:9:56: error: each entry of 'survive' must be a failure "
	    "kind, not empty\n");
	ck_assert_uint_eq(l.inv->nwaivers, 1);
	ck_assert_str_eq(l.inv->policies[0].reference, "12");
	done(&l);
}
END_TEST

/* Hostile input: each refused quickly, with a location. */

START_TEST(test_hostile_billion_laughs)
{
	struct loaded l;
	char *y, *p;
	int i, j;

	y = xmalloc(4096);
	p = y;
	p += sprintf(p,
	    "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, "
	    "lol, lol]\n");
	for (i = 1; i < 9; i++) {
		p += sprintf(p, "x-%c: &%c [", 'a' + i, 'a' + i);
		for (j = 0; j < 10; j++)
			p +=
			    sprintf(p, "%s*%c", j > 0 ? ", " : "", 'a' + i - 1);
		p += sprintf(p, "]\n");
	}
	sprintf(p, "sites: [{id: a}]\n");
	load(&l, y);
	ck_assert_str_eq(l.text,
	    "t.yaml:5:34: error: alias expansion exceeds "
	    "100000 events (alias bomb?)\n");
	ck_assert_uint_eq(l.inv->nsites, 0);
	done(&l);
	free(y);
}
END_TEST

/* Merging an anchor into every entry of a large file is no bomb. */
START_TEST(test_merge_many_entries)
{
	struct loaded l;
	char *y, *p;
	int i;

	y = xmalloc(64 * 40000 + 128);
	p = y;
	p += sprintf(p,
	    "x-pg: &pg {site: pangyo, power: [ups-a, ups-b], "
	    "name: web}\nhosts:\n");
	for (i = 0; i < 40000; i++)
		p += sprintf(p, "  - {id: h%d, <<: *pg}\n", i);
	load(&l, y);
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nhosts, 40000);
	ck_assert_uint_eq(l.inv->hosts[39999].power.n, 2);
	done(&l);
	free(y);
}
END_TEST

START_TEST(test_hostile_deep_nesting)
{
	struct loaded l;
	size_t n = 2 * 1024 * 1024;
	char *y;

	y = xmalloc(n);
	memset(y, '[', n);
	load_n(&l, y, n);
	ck_assert_str_eq(l.text,
	    "t.yaml:1:65: error: nesting deeper than 64 "
	    "levels\n");
	done(&l);
	/* Block style: the top mapping and 64 sequences on one line. */
	memcpy(y, "x-a:\n", 5);
	for (n = 5; n < 5 + 70 * 2; n += 2)
		memcpy(y + n, "- ", 2);
	memcpy(y + n, "x\n", 2);
	load_n(&l, y, n + 2);
	ck_assert_str_eq(l.text,
	    "t.yaml:2:127: error: nesting deeper than 64 "
	    "levels\n");
	done(&l);
	free(y);
}
END_TEST

START_TEST(test_hostile_scalars)
{
	struct loaded l;
	size_t n = 70 * 1024;
	char *y;

	y = xmalloc(n + 32);
	memcpy(y, "sites:\n  - id: ", 15);
	memset(y + 15, 'a', n);
	memcpy(y + 15 + n, "\n", 2);
	load(&l, y);
	ck_assert_str_eq(l.text,
	    "t.yaml:2:9: error: scalar longer than 65536 "
	    "bytes\n");
	done(&l);
	free(y);

	load(&l, "sites:\n  - id: \"a\\0b\"\n  - id: c\n");
	ck_assert_str_eq(l.text, "t.yaml:2:9: error: NUL byte in scalar\n");
	ck_assert_uint_eq(l.inv->nsites, 0);
	done(&l);

	load_n(&l, "sites:\n  - id: a\0b\n", 18);
	ck_assert_str_eq(l.text,
	    "t.yaml:2:10: error: control character 0x00 "
	    "is not allowed\n");
	done(&l);

	load(&l, "sites:\n  - id: a\n  - id: \"\xc3\xa9\xff\"\n");
	ck_assert_str_eq(l.text,
	    "t.yaml:3:11: error: invalid UTF-8 (invalid "
	    "leading UTF-8 octet)\n");
	done(&l);

	load(&l, "sites:\n  - id: a\n\n  - {id: \"\x01\"}\n");
	ck_assert_str_eq(l.text,
	    "t.yaml:4:11: error: control character 0x01 "
	    "is not allowed\n");
	done(&l);
}
END_TEST

START_TEST(test_hostile_documents_and_tags)
{
	struct loaded l;

	load(&l, "sites: [{id: a}]\n---\nsites: [{id: b}]\n");
	ck_assert_str_eq(l.text,
	    "t.yaml:2:1: error: more than one YAML "
	    "document in a file\n");
	ck_assert_uint_eq(l.inv->nsites, 1);
	done(&l);

	load(&l, "sites:\n  - !foo {id: a}\n  - {id: !!str b}\n");
	assert_diags(&l,
	    "t.yaml:2:5: error: YAML tags are not supported ('!foo')\n"
	    "t.yaml:3:10: error: YAML tags are not supported ('!!str')\n");
	done(&l);
}
END_TEST

START_TEST(test_load_paths_tree)
{
	struct loaded l;
	char *dir, *file;
	const char *paths[2];
	size_t i;
	static const char *const want[] = {
	    "from-a", "from-a-z", "from-b", "from-c-d-e"};

	dir = xasprintf("%s/tests/data/loader/tree", test_srcdir());
	paths[0] = dir;
	load_paths(&l, paths, 1);
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nsites, 4);
	for (i = 0; i < 4; i++)
		ck_assert_str_eq(str(&l, l.inv->sites[i].e.id), want[i]);
	ck_assert_uint_eq(l.inv->nfiles, 5);
	file = xasprintf("%s/c/comments.yaml", dir);
	ck_assert_str_eq(inventory_file(l.inv, 3), file);
	ck_assert_uint_eq(l.inv->sites[3].e.mark.file, 4);
	free(file);
	done(&l);

	/* A file named directly is read whatever its name. */
	file = xasprintf("%s/notes.txt", dir);
	paths[1] = file;
	load_paths(&l, paths, 2);
	ck_assert_int_eq(l.rc, -1);
	ck_assert_uint_eq(l.inv->nsites, 4);
	ck_assert_uint_eq(l.dl.n, 2);
	ck_assert_uint_eq(l.dl.v[1].line, 2);
	ck_assert_ptr_nonnull(strstr(l.dl.v[1].message, "YAML syntax error"));
	done(&l);
	free(file);

	/* A file named again (here inside its directory) is read once. */
	file = xasprintf("%s/b.yaml", dir);
	paths[1] = file;
	load_paths(&l, paths, 2);
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nsites, 4);
	ck_assert_uint_eq(l.inv->nfiles, 5);
	done(&l);
	free(file);
	free(dir);
}
END_TEST

START_TEST(test_load_paths_errors)
{
	struct loaded l;
	char tmpl[] = "/tmp/faultline-loader-XXXXXX";
	char *sub, *file, *want;
	const char *paths[2];
	FILE *fp;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	sub = xasprintf("%s/empty", tmpl);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	file = xasprintf("%s/only-comments.yaml", tmpl);

	paths[0] = "/nonexistent/faultline";
	paths[1] = sub;
	load_paths(&l, paths, 2);
	want = xasprintf(
	    "/nonexistent/faultline: error: cannot read: No such "
	    "file or directory\n"
	    "%s: error: no inventory files (*.yaml, *.yml) in this directory\n",
	    sub);
	ck_assert_str_eq(l.text, want);
	ck_assert_int_eq(l.rc, -1);
	free(want);
	done(&l);

	fp = fopen(file, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("# nothing here\nsites: []\n", fp);
	fclose(fp);
	paths[0] = tmpl;
	load_paths(&l, paths, 1);
	ck_assert_str_eq(l.text,
	    "faultline: error: empty inventory: no sites, "
	    "power, racks, hosts or services\n");
	ck_assert_int_eq(l.rc, -1);
	done(&l);

	if (geteuid() != 0) {
		ck_assert_int_eq(chmod(file, 0), 0);
		paths[0] = file;
		load_paths(&l, paths, 1);
		want = xasprintf(
		    "%s: error: cannot read: Permission denied\n", file);
		ck_assert_str_eq(l.text, want);
		free(want);
		done(&l);
	}
	unlink(file);
	rmdir(sub);
	rmdir(tmpl);
	free(file);
	free(sub);
}
END_TEST

/*
 * A broken or looping *.yaml symlink, or a FIFO named *.yaml, in an
 * inventory directory is an error naming it (it used to be skipped, and an
 * inventory whose only services file was such a link passed with 0
 * services); a device named on the command line is refused unopened.
 */
START_TEST(test_load_paths_special_files)
{
	struct loaded l;
	char tmpl[] = "/tmp/faultline-special-XXXXXX";
	char *good, *dangling, *loop, *fifo, *other, *want;
	const char *paths[1];
	FILE *fp;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	good = xasprintf("%s/a.yaml", tmpl);
	dangling = xasprintf("%s/services.yaml", tmpl);
	loop = xasprintf("%s/loop.yml", tmpl);
	fifo = xasprintf("%s/pipe.yaml", tmpl);
	other = xasprintf("%s/notes.txt", tmpl);
	fp = fopen(good, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("sites: [{id: a}]\n", fp);
	fclose(fp);
	ck_assert_int_eq(symlink("gone.yaml", dangling), 0);
	ck_assert_int_eq(symlink("loop.yml", loop), 0);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(symlink("gone.txt", other), 0);	/* not *.yaml */

	paths[0] = tmpl;
	load_paths(&l, paths, 1);
	want = xasprintf(
	    "%s: error: cannot read: Too many levels of symbolic links\n"
	    "%s: error: cannot read: a FIFO in an inventory directory; "
	    "inventory files are regular files\n"
	    "%s: error: cannot read: No such file or directory (a dangling "
	    "symbolic link)\n", loop, fifo, dangling);
	diag_list_sort(&l.dl);
	free(l.text);
	print_diags(&l);
	ck_assert_str_eq(l.text, want);
	ck_assert_int_eq(l.rc, -1);
	ck_assert_uint_eq(l.inv->nsites, 1);
	free(want);
	done(&l);

	paths[0] = "/dev/null";
	load_paths(&l, paths, 1);
	ck_assert_str_eq(l.text, "/dev/null: error: cannot read: a character "
	    "device; inventories are regular files (or a FIFO named on the "
	    "command line)\n");
	ck_assert_int_eq(l.rc, -1);
	done(&l);

	unlink(good);
	unlink(dangling);
	unlink(loop);
	unlink(fifo);
	unlink(other);
	rmdir(tmpl);
	free(good);
	free(dangling);
	free(loop);
	free(fifo);
	free(other);
}
END_TEST

/* In a child: write n bytes of text (repeated) to a FIFO; 0 when the
 * reader took them all. */
static int
write_fifo(const char *path, const char *text, size_t n)
{
	static char block[1 << 16];
	size_t len = strlen(text), i, k;
	int fd;

	for (i = 0; i < sizeof block; i++)
		block[i] = text[i % len];
	if ((fd = open(path, O_WRONLY)) == -1)
		_exit(1);
	for (i = 0; i < n; i += k) {
		k = n - i < sizeof block ? n - i : sizeof block;
		if (write(fd, block, k) != (ssize_t)k)
			return -1;	/* the reader stopped early */
	}
	close(fd);
	return 0;
}

/* Write n bytes of text (repeated) to a FIFO in a child; its pid. */
static pid_t
fifo_writer(const char *path, const char *text, size_t n)
{
	pid_t pid;

	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		(void)write_fifo(path, text, n);
		_exit(0);
	}
	return pid;
}

/* A FIFO named explicitly is read, up to LOADER_MAX_STREAM bytes. */
START_TEST(test_load_paths_fifo)
{
	struct loaded l;
	char tmpl[] = "/tmp/faultline-fifo-XXXXXX";
	char *fifo, *want;
	const char *paths[1];
	pid_t pid;
	int status;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	fifo = xasprintf("%s/inv", tmpl);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	paths[0] = fifo;

	pid = fifo_writer(fifo, "sites: [{id: a}]\n", 17);
	load_paths(&l, paths, 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nsites, 1);
	ck_assert_str_eq(inventory_file(l.inv, 0), fifo);
	done(&l);

	/* Comments, one byte past the cap. */
	pid = fifo_writer(fifo, "#\n", (size_t)LOADER_MAX_STREAM + 1);
	load_paths(&l, paths, 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	want = xasprintf("%s: error: cannot read: more than 67108864 bytes "
	    "from a FIFO (at most 64 MiB are read from a pipe)\n", fifo);
	ck_assert_str_eq(l.text, want);
	ck_assert_int_eq(l.rc, -1);
	free(want);
	done(&l);

	unlink(fifo);
	rmdir(tmpl);
	free(fifo);
}
END_TEST

/*
 * Two FIFOs written one after the other, the first more than a pipe
 * holds: the first is read to its end before the second is opened (which
 * would wait for a writer still blocked on the first).
 */
START_TEST(test_load_paths_fifos_in_turn)
{
	struct loaded l;
	char tmpl[] = "/tmp/faultline-fifo-XXXXXX";
	char *fifo[2];
	pid_t pid;
	int status;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	fifo[0] = xasprintf("%s/first", tmpl);
	fifo[1] = xasprintf("%s/second", tmpl);
	ck_assert_int_eq(mkfifo(fifo[0], 0600), 0);
	ck_assert_int_eq(mkfifo(fifo[1], 0600), 0);
	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0)
		_exit(write_fifo(fifo[0], "#\n", 300000) != 0 ||
		    write_fifo(fifo[1], "sites: [{id: b}]\n", 17) != 0);
	load_paths(&l, (const char *const *)fifo, 2);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_str_eq(l.text, "");
	ck_assert_uint_eq(l.inv->nsites, 1);
	ck_assert_str_eq(inventory_file(l.inv, 1), fifo[1]);
	done(&l);
	unlink(fifo[0]);
	unlink(fifo[1]);
	rmdir(tmpl);
	free(fifo[0]);
	free(fifo[1]);
}
END_TEST

START_TEST(test_section_keys)
{
	const char *k[16];

	ck_assert_uint_eq(loader_section_keys("hosts", k, 16), 7);
	ck_assert_str_eq(k[0], "id");
	ck_assert_str_eq(k[4], "on");
	ck_assert_str_eq(k[6], "in");
	ck_assert_uint_eq(loader_section_keys("services", k, 16), 11);
	ck_assert_str_eq(k[9], "standby");
	ck_assert_str_eq(k[10], "rto");
	ck_assert_uint_eq(loader_section_keys("top", k, 16), 11);
	ck_assert_str_eq(k[3], "domains");
	ck_assert_str_eq(k[9], "meta");
	ck_assert_str_eq(k[10], "extend");
	ck_assert_uint_eq(loader_section_keys("depends_on", k, 16), 2);
	ck_assert_str_eq(k[1], "soft");
	ck_assert_uint_eq(loader_section_keys("select", k, 16), 4);
	ck_assert_str_eq(k[3], "id");
	ck_assert_uint_eq(loader_section_keys("waivers", k, 16), 7);
	ck_assert_str_eq(k[3], "expires");
	ck_assert_str_eq(k[6], "ticket");
	ck_assert_uint_eq(loader_section_keys("standby", k, 16), 3);
	ck_assert_uint_eq(loader_section_keys("extend", k, 3), 3);
	ck_assert_uint_eq(loader_section_keys("nope", k, 16), 0);
	ck_assert_uint_eq(loader_section_keys(NULL, k, 16), 0);
}
END_TEST

START_TEST(test_suggest)
{
	static const char *const keys[] = {
	    "id", "name", "site", "rack", "runs_on", "depends_on", NULL};

	ck_assert_str_eq(suggest_closest("nmae", 4, keys), "name");
	ck_assert_str_eq(suggest_closest("runs-on", 7, keys), "runs_on");
	ck_assert_str_eq(suggest_closest("dependson", 9, keys), "depends_on");
	ck_assert_str_eq(suggest_closest("sit", 3, keys), "site");
	ck_assert_ptr_null(suggest_closest("colour", 6, keys));
	ck_assert_ptr_null(suggest_closest("x", 1, keys));
	ck_assert_ptr_null(suggest_closest("", 0, keys));
}
END_TEST

/* A site and n hosts, one per line, into y: a file long enough (n of
 * 20,000 or more) to be parsed in the thread.  Returns its length. */
static size_t
large_hosts(char *y, size_t cap, size_t n)
{
	size_t	len = 0, i;

	len += (size_t)snprintf(y + len, cap - len, "sites:\n  - id: s\nhosts:\n");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(y + len, cap - len,
		    "  - {id: host-%07zu, site: s}\n", i);
	ck_assert_uint_ge(len, 1u << 20);
	return len;
}

/* After len bytes of y: prefix, k bytes c, then suffix; the new length. */
static size_t
with_entry(char *y, size_t len, const char *prefix, int c, size_t k,
    const char *suffix)
{
	size_t	lp = strlen(prefix), ls = strlen(suffix);

	memcpy(y + len, prefix, lp);
	memset(y + len + lp, c, k);
	memcpy(y + len + lp + k, suffix, ls);
	return len + lp + k + ls;
}

/*
 * Files of 1 MiB and more are parsed in a second thread: the same entities
 * and marks, an error at the end still reported, and an early stop (a
 * fatal error near the start) leaves nothing behind.
 */
START_TEST(test_load_large_threaded)
{
	struct loaded l;
	size_t n = 60000, len, cap = 64 * n + 256;
	char *y = xmalloc(cap), want[128];

	len = large_hosts(y, cap, n);
	len += (size_t)snprintf(y + len, cap - len, "  - {id: last, sitee: s}\n");
	load_n(&l, y, len);
	ck_assert_uint_eq(l.inv->nhosts, n + 1);
	ck_assert_str_eq(str(&l, l.inv->hosts[n - 1].e.id), "host-0059999");
	ASSERT_MARK(l.inv->hosts[n - 1].e.mark, n + 3, 10);
	snprintf(want, sizeof want, "t.yaml:%zu:16: error: unknown key 'sitee' "
	    "in hosts entry; did you mean 'site'?\n", n + 4);
	ck_assert_str_eq(l.text, want);
	done(&l);
	/* A syntax error at the very end of a large file. */
	len += (size_t)snprintf(y + len, cap - len, "  - {id: [\n");
	load_n(&l, y, len);
	ck_assert_ptr_nonnull(strstr(l.text, "YAML syntax error"));
	ck_assert_int_eq(l.rc, -1);
	done(&l);
	/* A fatal error on line 2: the parser thread is stopped early. */
	memcpy(y, "sites:\n  - id: \"a\\0b\"\n", 22);
	load_n(&l, y, len);
	ck_assert_str_eq(l.text, "t.yaml:2:9: error: NUL byte in scalar\n");
	done(&l);
	free(y);
}
END_TEST

/*
 * An anchor or a tag longer than the parser thread copies (64 KiB), or a
 * scalar longer than it keeps (128 KiB), is refused as any long anchor,
 * tag or scalar is, at its place.
 */
START_TEST(test_load_large_threaded_long_names)
{
	struct loaded l;
	size_t n = 40000, base, len, big = 100000, huge = 300000;
	size_t cap = 64 * n + 2 * big + huge + 256;
	char *y = xmalloc(cap), want[256];

	base = large_hosts(y, cap, n);
	len = with_entry(y, base, "  - &", 'a', big, " {id: last, site: s}\n");
	load_n(&l, y, len);
	snprintf(want, sizeof want, "t.yaml:%zu:5: error: anchor name '%.64s..."
	    "' is too long\n", n + 4, y + base + 5);
	ck_assert_str_eq(l.text, want);
	done(&l);
	len = with_entry(y, base, "  - !", 't', big, " {id: last, site: s}\n");
	load_n(&l, y, len);
	snprintf(want, sizeof want, "t.yaml:%zu:5: error: YAML tags are not "
	    "supported ('!%.63s...')\n", n + 4, y + base + 5);
	ck_assert_str_eq(l.text, want);
	done(&l);
	len = with_entry(y, base, "  - {id: ", 'h', huge, ", site: s}\n");
	load_n(&l, y, len);
	snprintf(want, sizeof want, "t.yaml:%zu:10: error: scalar longer than "
	    "%d bytes\n", n + 4, YAMLEV_MAX_SCALAR);
	ck_assert_str_eq(l.text, want);
	done(&l);
	free(y);
}
END_TEST

Suite *
suite_loader(void)
{
	Suite *s = suite_create("loader");
	TCase *tc = tcase_create("load");
	TCase *th = tcase_create("hostile");
	TCase *tp = tcase_create("paths");

	tcase_add_test(tc, test_load_full);
	tcase_add_test(tc, test_load_quorum_and_power);
	tcase_add_test(tc, test_load_unknown_keys);
	tcase_add_test(tc, test_load_duplicate_keys);
	tcase_add_test(tc, test_load_types);
	tcase_add_test(tc, test_load_values);
	tcase_add_test(tc, test_load_x_keys);
	tcase_add_test(tc, test_load_merge_keys);
	tcase_add_test(tc, test_load_anchors);
	tcase_add_test(tc, test_load_brace_ranges);
	tcase_add_test(tc, test_load_syntax_error_at_end);
	tcase_add_test(tc, test_load_regex_verbatim);
	tcase_add_test(tc, test_load_domains);
	tcase_add_test(tc, test_load_standby_and_rto);
	tcase_add_test(tc, test_load_meta);
	tcase_add_test(tc, test_load_extend);
	tcase_add_test(tc, test_load_policy_and_waiver_keys);
	tcase_add_test(tc, test_section_keys);
	tcase_add_test(tc, test_suggest);
	suite_add_tcase(s, tc);
	/* Each must be refused in well under a second; allow sanitizers. */
	tcase_set_timeout(th, 10);
	tcase_add_test(th, test_hostile_billion_laughs);
	tcase_add_test(th, test_hostile_deep_nesting);
	tcase_add_test(th, test_merge_many_entries);
	tcase_add_test(th, test_hostile_scalars);
	tcase_add_test(th, test_hostile_documents_and_tags);
	tcase_add_test(th, test_load_large_threaded);
	tcase_add_test(th, test_load_large_threaded_long_names);
	suite_add_tcase(s, th);
	tcase_add_test(tp, test_load_paths_tree);
	tcase_add_test(tp, test_load_paths_errors);
	tcase_add_test(tp, test_load_paths_special_files);
	tcase_add_test(tp, test_load_paths_fifo);
	tcase_add_test(tp, test_load_paths_fifos_in_turn);
	suite_add_tcase(s, tp);
	return s;
}
