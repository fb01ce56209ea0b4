/*
 * test_validate.c -- inventory_resolve(): references, derived placement and
 * every validation rule of the inventory format (README) that needs the whole inventory.
 *
 * Inventories are built with the builder API and explicit marks, as the
 * loader would; each problem is asserted as "file:line:col: message".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "inventory.h"
#include "loader.h"
#include "suites.h"
#include "xalloc.h"

static struct inventory	*inv;
static struct diag_list	 dl;
static uint32_t		 file;

static void
setup(void)
{
	inv = inventory_create();
	diag_list_init(&dl);
	file = inventory_add_file(inv, "inv.yaml");
}

static void
teardown(void)
{
	inventory_free(inv);
	diag_list_free(&dl);
}

static struct mark
at(uint32_t line, uint32_t column)
{
	struct mark	m = { file, line, column };

	return m;
}

static uint32_t
sym(const char *s)
{
	return inventory_intern(inv, s, strlen(s));
}

/*
 * References written as a flow list on one line starting at column: each
 * next id starts after ", ".  The ids end with NULL.
 */
static struct span
refs(enum entity_kind kind, uint32_t line, uint32_t column, ...)
{
	uint32_t	 syms[64];
	struct mark	 marks[64];
	const char	*id;
	va_list		 ap;
	size_t		 n = 0;

	va_start(ap, column);
	while ((id = va_arg(ap, const char *)) != NULL) {
		syms[n] = sym(id);
		marks[n] = at(line, column);
		column += (uint32_t)strlen(id) + 2;
		n++;
	}
	va_end(ap);
	return inventory_add_refs(inv, kind, syms, marks, NULL, n);
}

static struct span
none(void)
{
	struct span	sp = { (uint32_t)inv->nrefs, 0 };

	return sp;
}

static uint32_t
site(const char *id, uint32_t line)
{
	struct site	*s = inventory_add_site(inv);

	s->e.id = sym(id);
	s->e.mark = at(line, 9);
	return (uint32_t)inv->nsites - 1;
}

static struct power *
power(const char *id, uint32_t line, const char *site_id)
{
	struct power	*p;
	struct span	 sp = site_id != NULL ?
	    refs(KIND_SITE, line + 1, 11, site_id, NULL) : none();

	p = inventory_add_power(inv);
	p->e.id = sym(id);
	p->e.mark = at(line, 9);
	p->site_ref = sp;
	return p;
}

static struct rack *
rack(const char *id, uint32_t line, const char *site_id)
{
	struct rack	*r;
	struct span	 sp = site_id != NULL ?
	    refs(KIND_SITE, line + 1, 11, site_id, NULL) : none();

	r = inventory_add_rack(inv);
	r->e.id = sym(id);
	r->e.mark = at(line, 9);
	r->site_ref = sp;
	return r;
}

/* A host at line: site on line+1, rack on line+2 (each may be NULL). */
static struct host *
host(const char *id, uint32_t line, const char *site_id, const char *rack_id)
{
	struct host	*h;
	struct span	 s = site_id != NULL ?
	    refs(KIND_SITE, line + 1, 11, site_id, NULL) : none();
	struct span	 r = rack_id != NULL ?
	    refs(KIND_RACK, line + 2, 11, rack_id, NULL) : none();

	h = inventory_add_host(inv);
	h->e.id = sym(id);
	h->e.mark = at(line, 9);
	h->site_ref = s;
	h->rack_ref = r;
	return h;
}

static struct service *
service(const char *id, uint32_t line, struct span runs_on)
{
	struct service	*s = inventory_add_service(inv);

	s->e.id = sym(id);
	s->e.mark = at(line, 9);
	s->runs_on = runs_on;
	return s;
}

static struct policy *
policy(const char *id, uint32_t line)
{
	struct policy	*p = inventory_add_policy(inv);

	p->id = sym(id);
	p->mark = at(line, 9);
	return p;
}

static struct waiver *
waiver(const char *policy_id, uint32_t line, const char *regex,
    const char *reason)
{
	struct waiver	*w = inventory_add_waiver(inv);

	w->mark = at(line, 5);
	if (policy_id != NULL) {
		w->policy = sym(policy_id);
		w->policy_mark = at(line, 13);
	}
	if (regex != NULL) {
		w->service_regex = xstrdup(regex);
		w->service_mark = at(line + 1, 14);
		w->service_regex_verbatim = 1;
	}
	if (reason != NULL)
		w->reason = xstrdup(reason);
	w->expires = 20908;		/* 2027-03-31 */
	w->expires_mark = at(line + 3, 14);
	return w;
}

/* Diagnostic i as "file:line:col: message". */
static char *
diag_text(size_t i)
{
	const struct diag	*d = &dl.v[i];

	return xasprintf("%s:%u:%u: %s", d->file != NULL ? d->file : "-",
	    d->line, d->column, d->message);
}

#define ck_diag(i, expected) do {					\
	char	*dt_;							\
	ck_assert_uint_gt(dl.n, (i));					\
	ck_assert_int_eq(dl.v[(i)].severity, DIAG_ERROR);		\
	dt_ = diag_text((i));						\
	ck_assert_str_eq(dt_, (expected));				\
	free(dt_);							\
} while (0)

/* The number of diagnostics; prints them when it is not the expected one. */
static size_t
ndiags(size_t expected)
{
	size_t	 i;
	char	*t;

	for (i = 0; dl.n != expected && i < dl.n; i++) {
		t = diag_text(i);
		fprintf(stderr, "  [%zu] %s\n", i, t);
		free(t);
	}
	return dl.n;
}

#define ck_ndiags(n) ck_assert_uint_eq(ndiags((n)), (n))

START_TEST(test_clean_inventory)
{
	struct power	*util, *ups;
	struct rack	*r1;
	struct service	*web, *db, *deploy, *ext;
	struct policy	*p;
	uint32_t	 a, b;

	a = site("a", 2);
	b = site("b", 3);
	util = power("a-utility", 5, NULL);
	(void)util;
	ups = power("a-ups", 7, "a");
	ups->fed_by = refs(KIND_POWER, 9, 14, "a-utility", NULL);
	power("b-ups", 10, "b");
	r1 = rack("r1", 13, "a");
	r1->power = refs(KIND_POWER, 15, 12, "a-ups", NULL);
	host("h1", 20, NULL, "r1");
	host("h2", 24, "b", NULL)->power = refs(KIND_POWER, 27, 12, "b-ups",
	    NULL);
	host("h3", 28, "a", "r1");
	web = service("web", 40, refs(KIND_HOST, 42, 14, "h1", "h2", NULL));
	web->min_up = 2;
	web->min_up_mark = at(43, 13);
	web->depends_on = refs(KIND_SERVICE, 44, 17, "db", NULL);
	web->recovery = refs(KIND_SERVICE, 45, 15, "deploy", NULL);
	db = service("db", 50, refs(KIND_HOST, 51, 14, "h3", NULL));
	db->kind = SERVICE_DATA;
	deploy = service("deploy", 55, refs(KIND_HOST, 56, 14, "h2", "h1",
	    NULL));
	deploy->kind = SERVICE_TOOL;
	ext = service("payment-gw", 60, none());
	ext->kind = SERVICE_EXTERNAL;
	p = policy("tier1-survives", 70);
	p->id_regex = xstrdup("^(web|db)$");
	p->id_regex_mark = at(71, 20);
	waiver("tier1-survives", 80, "^legacy-", "migration in OPS-123");
	waiver("spof", 83, "^db$", "accepted by the board");

	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	ck_ndiags(0);

	ck_assert_uint_eq(inventory_find(inv, KIND_SITE, "b"), b);
	ck_assert_uint_eq(inventory_find(inv, KIND_HOST, "h3"), 2);
	ck_assert_uint_eq(inventory_find(inv, KIND_SERVICE, "deploy"), 2);
	ck_assert_uint_eq(inventory_find(inv, KIND_POWER, "b-ups"), 2);
	ck_assert_uint_eq(inventory_find(inv, KIND_RACK, "r1"), 0);
	/* Another kind's id, or an unknown string, is not found. */
	ck_assert_uint_eq(inventory_find(inv, KIND_HOST, "r1"), INDEX_NONE);
	ck_assert_uint_eq(inventory_find(inv, KIND_HOST, "nope"), INDEX_NONE);
	ck_assert_uint_eq(inv->index_len, symtab_count(inv->syms));

	/* Derived placement. */
	ck_assert_uint_eq(inv->power[0].site, INDEX_NONE);
	ck_assert_uint_eq(inv->power[1].site, a);
	ck_assert_uint_eq(inv->power[2].site, b);
	ck_assert_uint_eq(inv->racks[0].site, a);
	ck_assert_uint_eq(inv->hosts[0].site, a);	/* from its rack */
	ck_assert_uint_eq(inv->hosts[0].rack, 0);
	ck_assert_uint_eq(inv->hosts[1].site, b);
	ck_assert_uint_eq(inv->hosts[1].rack, INDEX_NONE);
	ck_assert_uint_eq(inv->hosts[2].site, a);
	ck_assert_uint_eq(inv->hosts[2].rack, 0);

	/* Reference targets. */
	ck_assert_uint_eq(inventory_refs(inv, inv->power[1].fed_by)[0].target,
	    0);
	ck_assert_uint_eq(inventory_refs(inv, inv->racks[0].power)[0].target,
	    1);
	ck_assert_uint_eq(inventory_refs(inv, inv->hosts[1].power)[0].target,
	    2);
	ck_assert_uint_eq(inventory_refs(inv, web->runs_on)[0].target, 0);
	ck_assert_uint_eq(inventory_refs(inv, web->runs_on)[1].target, 1);
	ck_assert_uint_eq(inventory_refs(inv, web->depends_on)[0].target, 1);
	ck_assert_uint_eq(inventory_refs(inv, web->recovery)[0].target, 2);
	ck_assert_uint_eq(inventory_refs(inv, deploy->runs_on)[1].target, 0);
	ck_assert_uint_eq(inventory_refs(inv, db->runs_on)[0].target, 2);
}
END_TEST

START_TEST(test_empty_inventory)
{
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_uint_eq(inventory_find(inv, KIND_SITE, "a"), INDEX_NONE);
}
END_TEST

START_TEST(test_id_syntax)
{
	char		 longid[131];
	struct host	*h;
	size_t		 i;

	site("a", 1);
	site("-a", 2);
	host("pg web", 3, "a", NULL);
	host("pg_web.1-ok", 6, "a", NULL);
	memset(longid, 'x', 129);
	longid[129] = '\0';
	rack(longid, 9, "a");
	longid[128] = '\0';
	rack(longid, 12, "a");			/* exactly 128: fine */
	host("판교-1", 15, "a", NULL);
	/* A brace range expanded from one written id: reported once. */
	for (i = 0; i < 3; i++) {
		char	id[16];

		snprintf(id, sizeof id, "bad id%zu", i);
		h = host(id, 20, "a", NULL);
	}
	(void)h;
	policy("ok-policy", 30);
	policy("bad policy!", 33);
	power("_ups", 40, NULL);
	service(".web", 45, none())->kind = SERVICE_EXTERNAL;

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(8);
	ck_diag(0, "inv.yaml:2:9: invalid site id '-a': ids start with a letter "
	    "or digit and contain only letters, digits, '.', '_' and '-' "
	    "(at most 128 characters)");
	ck_diag(1, "inv.yaml:40:9: invalid power domain id '_ups': ids start "
	    "with a letter or digit and contain only letters, digits, '.', "
	    "'_' and '-' (at most 128 characters)");
	{
		char	*want = xasprintf("inv.yaml:9:9: invalid rack id '%.129s"
		    "': ids start with a letter or digit and contain only "
		    "letters, digits, '.', '_' and '-' (at most 128 characters)",
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxx");

		ck_diag(2, want);
		free(want);
	}
	ck_diag(3, "inv.yaml:3:9: invalid host id 'pg web': ids start with a "
	    "letter or digit and contain only letters, digits, '.', '_' and "
	    "'-' (at most 128 characters)");
	ck_diag(4, "inv.yaml:15:9: invalid host id '판교-1': ids start with a "
	    "letter or digit and contain only letters, digits, '.', '_' and "
	    "'-' (at most 128 characters)");
	ck_diag(5, "inv.yaml:20:9: invalid host id 'bad id0': ids start with a "
	    "letter or digit and contain only letters, digits, '.', '_' and "
	    "'-' (at most 128 characters)");
	ck_diag(6, "inv.yaml:45:9: invalid service id '.web': ids start with a "
	    "letter or digit and contain only letters, digits, '.', '_' and "
	    "'-' (at most 128 characters)");
	ck_diag(7, "inv.yaml:33:9: invalid policy id 'bad policy!': ids start "
	    "with a letter or digit and contain only letters, digits, '.', "
	    "'_' and '-' (at most 128 characters)");
}
END_TEST

START_TEST(test_duplicate_ids)
{
	uint32_t	f2;
	struct host	*h;

	site("a", 1);
	host("pg-1", 3, "a", NULL);
	host("pg-2", 6, "a", NULL);
	f2 = inventory_add_file(inv, "more/hosts.yaml");
	h = host("pg-1", 4, "a", NULL);
	h->e.mark.file = f2;
	/* The same id in another kind is not a duplicate. */
	service("pg-1", 10, refs(KIND_HOST, 11, 14, "pg-1", NULL));
	site("a", 20);
	policy("p", 30);
	policy("p", 33);

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(3);
	ck_diag(0, "inv.yaml:20:9: duplicate site id 'a' (first defined at "
	    "inv.yaml:1:9)");
	ck_diag(1, "more/hosts.yaml:4:9: duplicate host id 'pg-1' (first "
	    "defined at inv.yaml:3:9)");
	ck_diag(2, "inv.yaml:33:9: duplicate policy id 'p' (first defined at "
	    "inv.yaml:30:9)");
	/* The first definition wins. */
	ck_assert_uint_eq(inventory_find(inv, KIND_HOST, "pg-1"), 0);
	ck_assert_uint_eq(inventory_find(inv, KIND_SITE, "a"), 0);
}
END_TEST

START_TEST(test_dangling_references)
{
	struct service	*web;
	struct power	*ups;

	site("a", 1);
	ups = power("ups", 2, "b");		/* unknown site */
	ups->fed_by = refs(KIND_POWER, 4, 14, "grid", NULL);
	rack("r1", 5, "a")->power = refs(KIND_POWER, 7, 12, "ups", "pdu", NULL);
	host("h1", 10, "a", "r9");
	host("h2", 13, "a", NULL)->power = refs(KIND_POWER, 16, 12, "a", NULL);
	web = service("web", 20, refs(KIND_HOST, 21, 14, "h1", "pg-99", "h2",
	    NULL));
	web->depends_on = refs(KIND_SERVICE, 22, 17, "auth", NULL);
	web->recovery = refs(KIND_SERVICE, 23, 15, "h1", NULL);

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(8);
	ck_diag(0, "inv.yaml:3:11: unknown site 'b' (referenced from power "
	    "domain 'ups')");
	ck_diag(1, "inv.yaml:4:14: unknown power domain 'grid' (referenced "
	    "from power domain 'ups')");
	ck_diag(2, "inv.yaml:7:17: unknown power domain 'pdu' (referenced from "
	    "rack 'r1')");
	ck_diag(3, "inv.yaml:12:11: unknown rack 'r9' (referenced from host "
	    "'h1')");
	ck_diag(4, "inv.yaml:16:12: unknown power domain 'a' (referenced from "
	    "host 'h2'); 'a' is a site");
	ck_diag(5, "inv.yaml:21:18: unknown host 'pg-99' (referenced from "
	    "service 'web')");
	ck_diag(6, "inv.yaml:22:17: unknown service 'auth' (referenced from "
	    "service 'web')");
	ck_diag(7, "inv.yaml:23:15: unknown service 'h1' (referenced from "
	    "service 'web'); 'h1' is a host");
	/* Good references still resolve; bad ones stay NONE. */
	ck_assert_uint_eq(inventory_refs(inv, web->runs_on)[0].target, 0);
	ck_assert_uint_eq(inventory_refs(inv, web->runs_on)[1].target,
	    INDEX_NONE);
	ck_assert_uint_eq(inventory_refs(inv, web->runs_on)[2].target, 1);
	ck_assert_uint_eq(inv->power[0].site, INDEX_NONE);
	ck_assert_uint_eq(inv->hosts[0].rack, INDEX_NONE);
	ck_assert_uint_eq(inv->hosts[0].site, 0);
}
END_TEST

START_TEST(test_listed_twice)
{
	struct service	*web, *copy;
	struct span	 sp;
	struct power	*ups;

	site("a", 1);
	power("grid", 2, NULL);
	ups = power("ups", 4, NULL);
	ups->fed_by = refs(KIND_POWER, 6, 14, "grid", "grid", NULL);
	host("pg-1", 10, "a", NULL);
	host("pg-2", 13, "a", NULL);
	sp = refs(KIND_HOST, 21, 14, "pg-1", "pg-2", "pg-1", "nope", "nope",
	    NULL);
	web = service("web-1", 20, sp);
	web->depends_on = refs(KIND_SERVICE, 22, 17, "web-2", "web-2", NULL);
	/* Expanded from the same brace range: shared spans, reported once. */
	copy = service("web-2", 20, sp);
	copy->depends_on = web->depends_on;

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(5);
	ck_diag(0, "inv.yaml:6:20: power domain 'grid' listed twice in fed_by "
	    "of power domain 'ups'");
	ck_diag(1, "inv.yaml:21:26: host 'pg-1' listed twice in runs_on of "
	    "service 'web-1'");
	ck_diag(2, "inv.yaml:21:32: unknown host 'nope' (referenced from "
	    "service 'web-1')");
	ck_diag(3, "inv.yaml:21:38: host 'nope' listed twice in runs_on of "
	    "service 'web-1'");
	ck_diag(4, "inv.yaml:22:24: service 'web-2' listed twice in depends_on "
	    "of service 'web-1'");
}
END_TEST

START_TEST(test_host_placement)
{
	struct host	*h;
	struct span	 s, r;
	size_t		 i;

	site("a", 1);
	site("b", 2);
	rack("r1", 3, "b");
	rack("r2", 5, NULL);			/* a rack needs a site */
	host("h1", 10, NULL, NULL);
	host("h2", 13, "a", "r1");
	host("h3", 16, NULL, "r1");
	host("h4", 19, NULL, "r2");
	/* A brace range: same mark and spans, reported once. */
	s = refs(KIND_SITE, 31, 11, "a", NULL);
	r = refs(KIND_RACK, 32, 11, "r1", NULL);
	for (i = 0; i < 3; i++) {
		char	id[8];

		snprintf(id, sizeof id, "m%zu", i);
		h = inventory_add_host(inv);
		h->e.id = sym(id);
		h->e.mark = at(30, 9);
		h->site_ref = s;
		h->rack_ref = r;
	}
	for (i = 0; i < 2; i++) {
		char	id[8];

		snprintf(id, sizeof id, "n%zu", i);
		h = inventory_add_host(inv);
		h->e.id = sym(id);
		h->e.mark = at(40, 9);
	}

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(5);
	ck_diag(0, "inv.yaml:5:9: rack 'r2' names no site");
	ck_diag(1, "inv.yaml:10:9: host 'h1' names neither a site, a rack nor "
	    "a host it runs on");
	ck_diag(2, "inv.yaml:14:11: host 'h2' is in site 'a' but its rack 'r1' "
	    "is in site 'b'");
	ck_diag(3, "inv.yaml:31:11: host 'm0' is in site 'a' but its rack 'r1' "
	    "is in site 'b'");
	ck_diag(4, "inv.yaml:40:9: host 'n0' names neither a site, a rack nor "
	    "a host it runs on");
	ck_assert_uint_eq(inv->hosts[1].site, 0);	/* its own */
	ck_assert_uint_eq(inv->hosts[2].site, 1);	/* its rack's */
	ck_assert_uint_eq(inv->hosts[2].rack, 0);
	ck_assert_uint_eq(inv->hosts[3].site, INDEX_NONE);
	ck_assert_uint_eq(inv->hosts[3].rack, 1);
	ck_assert_uint_eq(inv->hosts[0].site, INDEX_NONE);
}
END_TEST

START_TEST(test_min_up_and_runs_on)
{
	struct service	*s;

	site("a", 1);
	host("h1", 2, "a", NULL);
	host("h2", 5, "a", NULL);
	host("h3", 8, "a", NULL);
	s = service("web", 10, refs(KIND_HOST, 11, 14, "h1", "h2", "h3", NULL));
	s->min_up = 5;
	s->min_up_mark = at(12, 13);
	s = service("one", 15, refs(KIND_HOST, 16, 14, "h1", NULL));
	s->min_up = 2;
	s->min_up_mark = at(17, 13);
	s = service("all", 20, refs(KIND_HOST, 21, 14, "h1", "h2", NULL));
	s->min_up = 2;				/* in range */
	s->min_up_mark = at(22, 13);
	service("default", 25, refs(KIND_HOST, 26, 14, "h3", NULL));
	s = service("nowhere", 30, none());	/* kind app by default */
	s = service("ext", 35, none());
	s->kind = SERVICE_EXTERNAL;
	s = service("ext-min", 40, none());
	s->kind = SERVICE_EXTERNAL;
	s->min_up = 1;
	s->min_up_mark = at(42, 13);
	s = service("tool", 45, none());
	s->kind = SERVICE_TOOL;

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(5);
	ck_diag(0, "inv.yaml:12:13: min_up 5 is out of range for service "
	    "'web': it runs on 3 hosts");
	ck_diag(1, "inv.yaml:17:13: min_up 2 is out of range for service "
	    "'one': it runs on 1 host");
	ck_diag(2, "inv.yaml:30:9: service 'nowhere' has no runs_on; only kind "
	    "external may run nowhere");
	ck_diag(3, "inv.yaml:42:13: min_up 1 is out of range for service "
	    "'ext-min': it runs on 0 hosts");
	ck_diag(4, "inv.yaml:45:9: service 'tool' has no runs_on; only kind "
	    "external may run nowhere");
}
END_TEST

static struct power *
fed(const char *id, uint32_t line, const char *a, const char *b)
{
	struct power	*p = power(id, line, NULL);

	if (a != NULL)
		p->fed_by = refs(KIND_POWER, line + 1, 14, a, b, (char *)NULL);
	return p;
}

START_TEST(test_fed_by_cycles)
{
	fed("ups-a", 1, "ups-b", NULL);
	fed("ups-b", 3, "ups-a", NULL);
	fed("loop", 5, "grid", "loop");
	fed("grid", 7, NULL, NULL);
	/* A diamond is not a cycle. */
	fed("d-top", 10, "d-left", "d-right");
	fed("d-left", 12, "d-bottom", NULL);
	fed("d-right", 14, "d-bottom", NULL);
	fed("d-bottom", 16, NULL, NULL);
	/* A longer cycle entered from outside it. */
	fed("x", 20, "y", NULL);
	fed("y", 22, "z", NULL);
	fed("z", 24, "w", NULL);
	fed("w", 26, "y", "ghost");

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(4);
	ck_diag(0, "inv.yaml:27:17: unknown power domain 'ghost' (referenced "
	    "from power domain 'w')");
	ck_diag(1, "inv.yaml:2:14: cycle: power ups-a -> power ups-b -> power "
	    "ups-a");
	ck_diag(2, "inv.yaml:6:20: cycle: power loop -> power loop");
	ck_diag(3, "inv.yaml:23:14: cycle: power y -> power z -> power w -> "
	    "power y");
}
END_TEST

START_TEST(test_fed_by_long_chain)
{
	char		 id[32], next[32];
	uint32_t	 i, n = 200000;

	/* A chain this deep would overflow a recursive search. */
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "p%u", i);
		snprintf(next, sizeof next, "p%u", i + 1);
		fed(id, 2 * i + 1, i + 1 < n ? next : NULL, NULL);
	}
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	ck_ndiags(0);
}
END_TEST

START_TEST(test_policies_and_waivers)
{
	struct policy	*p;
	struct waiver	*w;

	site("a", 1);
	p = policy("tools-in-two-sites", 10);
	p->id_regex = xstrdup("^tool-(a|b");
	p->id_regex_mark = at(11, 20);
	p->id_regex_verbatim = 1;
	policy("tier1", 13);
	waiver("tools-in-2-sites", 20, "^legacy-", "OPS-123");
	waiver("no-such-thing-at-all", 23, "^x", "OPS-124");
	waiver("spof", 26, "^(legacy", "OPS-125");
	waiver("cycle", 29, NULL, "OPS-126");
	waiver("tier1", 32, "^a$", NULL);
	waiver("tier1", 35, "^a$", " \t")->expires = INT32_MIN;	/* never */
	waiver(NULL, 38, "^b$", "OPS-127");
	waiver("sp0f", 41, "^c$", "OPS-128");
	waiver("tier-inversion", 44, "[[:alpha:]]", "OPS-129");
	waiver("recovery-blocked", 47, "a**", "OPS-130");
	waiver("single-site-tool", 50, "^ok$", "OPS-131");
	/* Verbatim: at the character, counted in characters. */
	waiver("spof", 52, "\xc3\xa9 a**", "OPS-132");
	/* Not verbatim in the file (escapes, folding): at the regex. */
	w = waiver("spof", 55, "\xc3\xa9 a**", "OPS-133");
	w->service_regex_verbatim = 0;

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(12);
	ck_diag(0, "inv.yaml:11:30: invalid regex '^tool-(a|b': missing closing "
	    "parenthesis");
	ck_diag(1, "inv.yaml:20:13: waiver names unknown policy "
	    "'tools-in-2-sites'; did you mean 'tools-in-two-sites'?");
	ck_diag(2, "inv.yaml:23:13: waiver names unknown policy "
	    "'no-such-thing-at-all'");
	ck_diag(3, "inv.yaml:27:22: invalid regex '^(legacy': missing closing "
	    "parenthesis");
	ck_diag(4, "inv.yaml:29:5: waiver of 'cycle' names no service");
	ck_diag(5, "inv.yaml:32:5: waiver of 'tier1' gives no reason");
	ck_diag(6, "inv.yaml:35:5: waiver of 'tier1' never expires and gives "
	    "no reason; 'expires: never' needs a reason");
	ck_diag(7, "inv.yaml:38:5: waiver names no policy");
	ck_diag(8, "inv.yaml:41:13: waiver names unknown policy 'sp0f'; did "
	    "you mean 'spof'?");
	ck_diag(9, "inv.yaml:48:16: invalid regex 'a**': quantifier does not "
	    "follow a repeatable item");
	ck_diag(10, "inv.yaml:53:18: invalid regex '\xc3\xa9 a**': quantifier "
	    "does not follow a repeatable item");
	ck_diag(11, "inv.yaml:56:14: invalid regex '\xc3\xa9 a**': quantifier "
	    "does not follow a repeatable item");
}
END_TEST

START_TEST(test_errors_do_not_stop)
{
	struct service	*s;

	/* One of each, all reported in one run. */
	site("a", 1);
	site("a", 2);
	host("h 1", 3, NULL, NULL);
	s = service("web", 5, refs(KIND_HOST, 6, 14, "h9", NULL));
	s->min_up = 3;
	s->min_up_mark = at(7, 13);
	fed("p", 8, "p", NULL);
	waiver("nope", 10, "(", "r");

	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	ck_ndiags(8);
	ck_assert_uint_eq(dl.errors, 8);
	ck_diag(0, "inv.yaml:2:9: duplicate site id 'a' (first defined at "
	    "inv.yaml:1:9)");
	ck_diag(1, "inv.yaml:3:9: invalid host id 'h 1': ids start with a "
	    "letter or digit and contain only letters, digits, '.', '_' and "
	    "'-' (at most 128 characters)");
	ck_diag(2, "inv.yaml:3:9: host 'h 1' names neither a site, a rack "
	    "nor a host it runs on");
	ck_diag(3, "inv.yaml:6:14: unknown host 'h9' (referenced from service "
	    "'web')");
	ck_diag(4, "inv.yaml:7:13: min_up 3 is out of range for service 'web': "
	    "it runs on 1 host");
	ck_diag(5, "inv.yaml:9:14: cycle: power p -> power p");
	ck_diag(6, "inv.yaml:10:13: waiver names unknown policy 'nope'");
	ck_diag(7, "inv.yaml:11:15: invalid regex '(': missing closing "
	    "parenthesis");
}
END_TEST

/*
 * Format 2.1 through the loader: load YAML (which must load cleanly),
 * resolve, and compare every diagnostic, sorted, one per line.
 */
static struct inventory *
resolve_yaml(const char *yaml, const char *want)
{
	struct inventory	*yi = inventory_create();
	struct diag_list	 ydl;
	char			*got = NULL, *t;
	size_t			 i, len = 0;
	FILE			*fp;

	diag_list_init(&ydl);
	ck_assert_int_eq(loader_load_buffer(yi, "t.yaml",
	    (const unsigned char *)yaml, strlen(yaml), &ydl), 0);
	inventory_resolve(yi, &ydl);
	diag_list_sort(&ydl);
	fp = open_memstream(&got, &len);
	for (i = 0; i < ydl.n; i++) {
		t = xasprintf("%s:%u:%u: %s", ydl.v[i].file, ydl.v[i].line,
		    ydl.v[i].column, ydl.v[i].message);
		fprintf(fp, "%s\n", t);
		free(t);
	}
	fclose(fp);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "got:\n%swant:\n%s", got, want);
	ck_assert_str_eq(got, want);
	free(got);
	diag_list_free(&ydl);
	return yi;
}

static uint32_t
find(struct inventory *yi, enum entity_kind k, const char *id)
{
	uint32_t	i = inventory_find(yi, k, id);

	ck_assert_msg(i != INDEX_NONE, "no %s %s", inventory_kind_name(k), id);
	return i;
}

START_TEST(test_domains_resolve)
{
	struct inventory	*yi;
	const struct ref	*r;
	const struct site	*s;

	yi = resolve_yaml(
	    "domains:\n"
	    "  - {id: room, type: room, site: pg, fed_by: [grid, core]}\n"
	    "  - {id: core, type: network, in: [capital]}\n"
	    "  - {id: capital, type: region}\n"
	    "sites:\n"
	    "  - {id: pg, region: capital}\n"
	    "  - {id: as, region: south}\n"
	    "power:\n"
	    "  - {id: grid, site: pg}\n"
	    "  - {id: ups, site: pg, fed_by: [grid], in: [room]}\n"
	    "racks:\n"
	    "  - {id: r1, site: pg, power: [ups], in: [core]}\n"
	    "hosts:\n"
	    "  - {id: hv, rack: r1}\n"
	    "  - {id: \"vm-{1..2}\", on: hv}\n"
	    "  - {id: pod, on: vm-2, in: [room]}\n"
	    "  - {id: hv-as, site: as}\n", "");
	s = &yi->sites[find(yi, KIND_SITE, "pg")];
	ck_assert_uint_eq(s->region_domain, find(yi, KIND_DOMAIN, "capital"));
	s = &yi->sites[find(yi, KIND_SITE, "as")];
	ck_assert_uint_eq(s->region_domain, INDEX_NONE);	/* a label */
	ck_assert_uint_eq(yi->domains[0].site, find(yi, KIND_SITE, "pg"));
	r = inventory_refs(yi, yi->domains[0].fed_by);
	ck_assert_uint_eq(r[0].kind, KIND_POWER);
	ck_assert_uint_eq(r[0].target, find(yi, KIND_POWER, "grid"));
	ck_assert_uint_eq(r[1].kind, KIND_DOMAIN);
	ck_assert_uint_eq(r[1].target, find(yi, KIND_DOMAIN, "core"));
	r = inventory_refs(yi, yi->power[1].in);
	ck_assert_uint_eq(r[0].kind, KIND_DOMAIN);
	ck_assert_uint_eq(r[0].target, 0);
	/* Hosts on hosts take the site of the host they run on, chains too. */
	ck_assert_uint_eq(yi->hosts[1].on, find(yi, KIND_HOST, "hv"));
	ck_assert_uint_eq(yi->hosts[1].site, find(yi, KIND_SITE, "pg"));
	ck_assert_uint_eq(yi->hosts[1].rack, INDEX_NONE);
	ck_assert_uint_eq(yi->hosts[3].on, find(yi, KIND_HOST, "vm-2"));
	ck_assert_uint_eq(yi->hosts[3].site, find(yi, KIND_SITE, "pg"));
	inventory_free(yi);
}
END_TEST

START_TEST(test_domains_errors)
{
	struct inventory	*yi;

	yi = resolve_yaml(
	    "domains:\n"
	    "  - {id: ups, type: room}\n"
	    "  - {id: row, type: row, fed_by: [swich-1, ups], site: pangyo}\n"
	    "  - {id: \"sw-{1..2}\", type: network, in: [row, row]}\n"
	    "sites:\n"
	    "  - {id: pg, in: [rooom]}\n"
	    "power:\n"
	    "  - {id: ups, site: pg, fed_by: [grd]}\n"
	    "  - {id: grid, in: [pg]}\n"
	    "racks:\n"
	    "  - {id: r1, site: pg, power: [row], in: [sw-1]}\n"
	    "hosts:\n"
	    "  - {id: h1, rack: r1, in: [sw-3]}\n",
	    "t.yaml:2:10: domain id 'ups' is also a power domain id (defined at "
	    "t.yaml:8:10); power domains and domains share their ids\n"
	    "t.yaml:3:35: unknown power domain or domain 'swich-1' "
	    "(referenced from domain 'row')\n"
	    "t.yaml:3:56: unknown site 'pangyo' (referenced from domain "
	    "'row')\n"
	    "t.yaml:4:48: domain 'row' listed twice in in of domain 'sw-1'\n"
	    "t.yaml:6:19: unknown power domain or domain 'rooom' (referenced "
	    "from site 'pg')\n"
	    "t.yaml:8:34: unknown power domain or domain 'grd' (referenced "
	    "from power domain 'ups'); did you mean 'grid'?\n"
	    "t.yaml:9:21: unknown power domain or domain 'pg' (referenced from "
	    "power domain 'grid'); 'pg' is a site\n"
	    "t.yaml:11:32: unknown power domain 'row' (referenced from rack "
	    "'r1'); 'row' is a domain\n"
	    "t.yaml:13:29: unknown power domain or domain 'sw-3' (referenced "
	    "from host 'h1'); did you mean 'sw-1'?\n");
	inventory_free(yi);
}
END_TEST

START_TEST(test_cycles_across_kinds)
{
	struct inventory	*yi;

	yi = resolve_yaml(
	    "domains:\n"
	    "  - {id: room, type: room, fed_by: [ups-a]}\n"
	    "  - {id: region, type: region, site: s}\n"
	    "  - {id: solo, type: row, in: [solo]}\n"
	    "sites:\n"
	    "  - {id: s, region: region}\n"
	    "power:\n"
	    "  - {id: ups-a, in: [room]}\n"
	    "hosts:\n"
	    "  - {id: a, on: b}\n"
	    "  - {id: b, on: c}\n"
	    "  - {id: c, on: a}\n"
	    "  - {id: d, on: a}\n",
	    "t.yaml:4:32: cycle: domain solo -> domain solo\n"
	    "t.yaml:6:21: cycle: site s -> domain region -> site s\n"
	    "t.yaml:8:22: cycle: power ups-a -> domain room -> power ups-a\n"
	    "t.yaml:10:17: cycle: host a -> host b -> host c -> host a\n");
	ck_assert_uint_eq(yi->hosts[3].site, INDEX_NONE);
	inventory_free(yi);
}
END_TEST

START_TEST(test_hosts_on_hosts)
{
	struct inventory	*yi;

	yi = resolve_yaml(
	    "sites: [{id: a}, {id: b}]\n"
	    "racks: [{id: ra, site: a}]\n"
	    "hosts:\n"
	    "  - {id: hv, site: a}\n"
	    "  - {id: vm, site: b, on: hv}\n"
	    "  - {id: \"pod-{1..3}\", rack: ra, on: vm}\n"
	    "  - {id: ok, rack: ra, on: hv}\n"
	    "  - {id: lost, on: hvv}\n"
	    "  - {id: none}\n",
	    "t.yaml:5:27: host 'vm' is in site 'b' but the host it runs on, "
	    "'hv', is in site 'a'\n"
	    "t.yaml:6:38: host 'pod-1' is in site 'a' but the host it runs on, "
	    "'vm', is in site 'b'\n"
	    "t.yaml:8:20: unknown host 'hvv' (referenced from host 'lost'); "
	    "did you mean 'hv'?\n"
	    "t.yaml:9:10: host 'none' names neither a site, a rack nor a host "
	    "it runs on\n");
	inventory_free(yi);
}
END_TEST

START_TEST(test_standby_groups)
{
	struct inventory	*yi;
	const struct standby	*g;

	yi = resolve_yaml(
	    "sites: [{id: s}]\n"
	    "hosts: [{id: \"h-{1..4}\", site: s}]\n"
	    "services:\n"
	    "  - id: chat\n"
	    "    runs_on: [h-1, h-2]\n"
	    "    standby:\n"
	    "      - {runs_on: [h-3, h-4], min_up: 2, via: [switch]}\n"
	    "      - {runs_on: [h-4], via: []}\n"
	    "  - {id: switch, kind: tool, runs_on: [h-1]}\n", "");
	g = &yi->standbys[yi->services[0].standby_off];
	ck_assert_uint_eq(inventory_refs(yi, g->runs_on)[1].target, 3);
	ck_assert_uint_eq(inventory_refs(yi, g->via)[0].target,
	    find(yi, KIND_SERVICE, "switch"));
	inventory_free(yi);

	yi = resolve_yaml(
	    "sites: [{id: s}]\n"
	    "hosts: [{id: \"h-{1..4}\", site: s}]\n"
	    "services:\n"
	    "  - id: chat\n"
	    "    runs_on: [h-1, h-2]\n"
	    "    standby:\n"
	    "      - {runs_on: [h-2, h-3], min_up: 3, via: [chat, swtch]}\n"
	    "      - {runs_on: [h-4, h-4, h-9]}\n"
	    "  - id: \"svc-{1..2}\"\n"
	    "    runs_on: [h-1]\n"
	    "    standby: [{runs_on: [h-2], via: [svc-2]}]\n"
	    "  - {id: switch, kind: tool, runs_on: [h-1]}\n",
	    "t.yaml:7:20: host 'h-2' is both in runs_on and in a standby group "
	    "of service 'chat'\n"
	    "t.yaml:7:39: min_up 3 is out of range for a standby group of "
	    "service 'chat': it runs on 2 hosts\n"
	    "t.yaml:7:48: service 'chat' names itself in 'via' of its standby "
	    "group\n"
	    "t.yaml:7:54: unknown service 'swtch' (referenced from service "
	    "'chat'); did you mean 'switch'?\n"
	    "t.yaml:8:25: host 'h-4' listed twice in standby runs_on of "
	    "service 'chat'\n"
	    "t.yaml:8:30: unknown host 'h-9' (referenced from service 'chat'); "
	    "did you mean 'h-1'?\n"
	    "t.yaml:11:38: service 'svc-2' names itself in 'via' of its "
	    "standby group\n");
	inventory_free(yi);
}
END_TEST

START_TEST(test_extend_resolve)
{
	struct inventory	*yi;
	const struct power	*p;
	char			 ids[128];
	const struct ref	*r;
	uint32_t		 i;

	yi = resolve_yaml(
	    "power:\n"
	    "  - {id: utility-a}\n"
	    "  - {id: \"panel-{1..3}\"}\n"
	    "domains:\n"
	    "  - {id: room-1, type: room}\n"
	    "extend:\n"
	    "  - { power: panel-2, fed_by: [utility-a], in: [room-1] }\n"
	    "  - { power: panel-2, in: [room-9] }\n"
	    "  - { power: panel-9, fed_by: [utility-a] }\n"
	    "  - { host: h1, in: [room-1] }\n"
	    "  - { domain: room-1, fed_by: [panel-1, utility-a] }\n",
	    "t.yaml:8:28: unknown power domain or domain 'room-9' (referenced "
	    "from power domain 'panel-2'); did you mean 'room-1'?\n"
	    "t.yaml:9:14: extend names unknown power domain 'panel-9'; did "
	    "you mean 'panel-1'?\n"
	    "t.yaml:10:13: extend names unknown host 'h1'\n");
	/* The target gets spans of its own; the rest of its range keeps
	 * the shared ones. */
	p = &yi->power[find(yi, KIND_POWER, "panel-2")];
	ck_assert_uint_eq(p->fed_by.n, 1);
	ck_assert_uint_eq(inventory_refs(yi, p->fed_by)[0].target, 0);
	ck_assert_uint_eq(p->in.n, 2);
	r = inventory_refs(yi, p->in);
	ids[0] = '\0';
	for (i = 0; i < p->in.n; i++) {
		strcat(ids, inventory_str(yi, r[i].sym));
		strcat(ids, " ");
	}
	ck_assert_str_eq(ids, "room-1 room-9 ");
	ck_assert_uint_eq(r[0].kind, KIND_DOMAIN);
	ck_assert_uint_eq(yi->power[find(yi, KIND_POWER, "panel-1")].fed_by.n,
	    0);
	ck_assert_uint_eq(yi->power[find(yi, KIND_POWER, "panel-3")].in.n, 0);
	ck_assert_uint_eq(yi->domains[0].fed_by.n, 2);
	inventory_free(yi);

	/* An extension may repeat nothing the entity already lists. */
	yi = resolve_yaml(
	    "power: [{id: grid}, {id: ups, fed_by: [grid]}]\n"
	    "extend: [{power: ups, fed_by: [grid]}, {power: grid, fed_by: "
	    "[ups]}]\n",
	    "t.yaml:2:32: power domain 'grid' listed twice in fed_by of power "
	    "domain 'ups'\n"
	    "t.yaml:2:63: cycle: power grid -> power ups -> power grid\n");
	inventory_free(yi);
}
END_TEST

START_TEST(test_survive_types)
{
	struct inventory	*yi;

	yi = resolve_yaml(
	    "domains: [{id: b3, type: room}, {id: n1, type: network}]\n"
	    "policies:\n"
	    "  - {id: p, survive: [site, room, network, domain]}\n"
	    "  - {id: q, survive: [rooms, zone, service]}\n"
	    "waivers:\n"
	    "  - {policy: p, service: x, expires: never}\n"
	    "  - {policy: p, service: x, expires: 2026-01-01}\n"
	    "  - {policy: failover-loop, service: x, reason: r, expires: "
	    "never}\n",
	    "t.yaml:4:23: unknown survive kind 'rooms': neither a failure kind "
	    "(site, power, domain, rack, host) nor a declared domain type; did "
	    "you mean 'room'?\n"
	    "t.yaml:4:30: unknown survive kind 'zone': neither a failure kind "
	    "(site, power, domain, rack, host) nor a declared domain type\n"
	    "t.yaml:4:36: unknown survive kind 'service': neither a failure "
	    "kind (site, power, domain, rack, host) nor a declared domain "
	    "type\n"
	    "t.yaml:6:5: waiver of 'p' never expires and gives no reason; "
	    "'expires: never' needs a reason\n"
	    "t.yaml:7:5: waiver of 'p' gives no reason\n");
	ck_assert_uint_eq(yi->policies[0].survive,
	    (1u << KIND_SITE) | (1u << KIND_DOMAIN));
	ck_assert_uint_eq(yi->policies[0].nsurvive_types, 2);
	inventory_free(yi);
}
END_TEST

/* The worked example of the inventory format (README).1 loads and resolves without a word. */
START_TEST(test_semantics_failover_and_domains)
{
	struct inventory	*yi = inventory_create();
	struct diag_list	 ydl;
	char			*path;
	const char		*paths[1];

	path = xasprintf("%s/../shared/semantics/failover-and-domains/"
	    "inventory.yaml", test_srcdir());
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "SKIP: %s is absent\n", path);
		free(path);
		inventory_free(yi);
		return;
	}
	paths[0] = path;
	diag_list_init(&ydl);
	ck_assert_int_eq(loader_load_paths(yi, paths, 1, &ydl), 0);
	ck_assert_int_eq(inventory_resolve(yi, &ydl), 0);
	ck_assert_uint_eq(ydl.n, 0);
	ck_assert_uint_eq(yi->ndomains, 4);
	ck_assert_uint_eq(yi->nstandbys, 2);
	ck_assert_uint_eq(yi->hosts[find(yi, KIND_HOST, "n-vm-2")].on,
	    find(yi, KIND_HOST, "n-hv-1"));
	diag_list_free(&ydl);
	inventory_free(yi);
	free(path);
}
END_TEST

Suite *
suite_validate(void)
{
	Suite	*s = suite_create("validate");
	TCase	*tc = tcase_create("resolve");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_clean_inventory);
	tcase_add_test(tc, test_empty_inventory);
	tcase_add_test(tc, test_id_syntax);
	tcase_add_test(tc, test_duplicate_ids);
	tcase_add_test(tc, test_dangling_references);
	tcase_add_test(tc, test_listed_twice);
	tcase_add_test(tc, test_host_placement);
	tcase_add_test(tc, test_min_up_and_runs_on);
	tcase_add_test(tc, test_fed_by_cycles);
	tcase_add_test(tc, test_fed_by_long_chain);
	tcase_add_test(tc, test_policies_and_waivers);
	tcase_add_test(tc, test_errors_do_not_stop);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_domains_resolve);
	tcase_add_test(tc, test_domains_errors);
	tcase_add_test(tc, test_cycles_across_kinds);
	tcase_add_test(tc, test_hosts_on_hosts);
	tcase_add_test(tc, test_standby_groups);
	tcase_add_test(tc, test_extend_resolve);
	tcase_add_test(tc, test_survive_types);
	tcase_add_test(tc, test_semantics_failover_and_domains);
	suite_add_tcase(s, tc);
	return s;
}
