/*
 * test_analysis.c -- single points by the F-set recurrence: each gate type,
 * the shared semantics example, explanation paths, blast radius, cycles,
 * the loss matrix, igraph failures, fan-in against brute force on the
 * bundled kakao-2022 inventory, and a cross-check against brute force on
 * generated inventories.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "impact.h"
#include "gen_inventory.h"
#include "session.h"
#include "suites.h"

/* An assertion for hot loops: Check records every passing ck_assert. */
#define REQUIRE(cond, ...) do {						\
	if (!(cond))							\
		ck_abort_msg(__VA_ARGS__);				\
} while (0)

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The single points of a service as sorted "kind:id" strings, joined. */
static const char *
sp_text(const struct analysis *a, const char *service)
{
	static char	 out[4096];
	char		*v[256], buf[128];
	const uint32_t	*sp;
	size_t		 n, i;
	uint32_t	 s;

	s = inventory_find(a->inv, KIND_SERVICE, service);
	ck_assert_uint_ne(s, INDEX_NONE);
	sp = analysis_single_points(a, s, &n);
	ck_assert_uint_le(n, 256);
	for (i = 0; i < n; i++)
		v[i] = strdup(analysis_component_ref(a, sp[i], buf,
		    sizeof buf));
	qsort(v, n, sizeof *v, cmp_str);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, v[i]);
		free(v[i]);
	}
	return out;
}

static uint32_t
comp(const struct analysis *a, enum entity_kind k, const char *id)
{
	uint32_t	i = inventory_find(a->inv, k, id);

	ck_assert_msg(i != INDEX_NONE, "no %s %s", inventory_kind_name(k), id);
	return a->base[k] + i;
}

/* An explanation as text: "service web -> service db (hard) -> site x". */
static const char *
explain_text(const struct analysis *a, uint32_t x, uint32_t c)
{
	static char		 out[4096];
	struct path_step	*st;
	size_t			 n, i;
	char			 buf[128], *colon;

	n = analysis_explain(a, x, c, &st);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		analysis_component_ref(a, st[i].component, buf, sizeof buf);
		colon = strchr(buf, ':');
		*colon = ' ';
		if (i > 0)
			strcat(out, " -> ");
		strcat(out, buf);
		if (st[i].hard)
			strcat(out, " (hard)");
	}
	free(st);
	return out;
}

static struct analysis *
analyse(struct inventory *inv)
{
	struct diag_list	 dl;
	struct analysis		*a;

	ck_assert_ptr_nonnull(inv);
	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(dl.n, 0);
	diag_list_free(&dl);
	return a;
}

static struct inventory *
resolved(struct inventory *inv)
{
	struct diag_list	dl;

	diag_list_init(&dl);
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	diag_list_free(&dl);
	return inv;
}

/* expected/check.json of ../shared/semantics/quorum-and-power. */
START_TEST(test_quorum_and_power)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	const char		*tight = "host:e-2 host:n-2 host:s-2 power:grid "
				    "power:north-ups power:south-ups "
				    "power:south-util rack:n-r1 rack:s-r1 "
				    "site:east site:north site:south";
	const char		*south = "power:grid power:south-ups "
				    "power:south-util rack:s-r1 site:south";

	ck_assert_str_eq(sp_text(a, "a"), "site:east");
	ck_assert_str_eq(sp_text(a, "b"), "site:east");
	ck_assert_str_eq(sp_text(a, "deploy"), south);
	ck_assert_str_eq(sp_text(a, "pair"), "");
	ck_assert_str_eq(sp_text(a, "quorum"), "");
	ck_assert_str_eq(sp_text(a, "quorum-tight"), tight);
	ck_assert_str_eq(sp_text(a, "saas"), "");
	ck_assert_str_eq(sp_text(a, "search"), south);
	ck_assert_str_eq(sp_text(a, "web"), tight);
	ck_assert_int_eq(analysis_is_single_point(a,
	    inventory_find(inv, KIND_SERVICE, "web"),
	    comp(a, KIND_POWER, "grid")), 1);
	ck_assert_int_eq(analysis_is_single_point(a,
	    inventory_find(inv, KIND_SERVICE, "pair"),
	    comp(a, KIND_POWER, "grid")), 0);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* The minimal causes of a service as sorted "kind:id" strings, joined. */
static const char *
mc_text(const struct analysis *a, const char *service)
{
	static char	 out[4096];
	char		*v[256], buf[128];
	const uint32_t	*mc;
	size_t		 n, i;
	uint32_t	 s;

	s = inventory_find(a->inv, KIND_SERVICE, service);
	ck_assert_uint_ne(s, INDEX_NONE);
	mc = analysis_minimal_causes(a, s, &n);
	ck_assert_uint_le(n, 256);
	for (i = 0; i < n; i++)
		v[i] = strdup(analysis_component_ref(a, mc[i], buf,
		    sizeof buf));
	qsort(v, n, sizeof *v, cmp_str);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, v[i]);
		free(v[i]);
	}
	return out;
}

/* expected/check.json of ../shared/semantics/failover-and-domains. */
START_TEST(test_failover_and_domains)
{
	struct inventory	*inv = gen_failover_and_domains();
	struct analysis		*a = analyse(inv);
	uint32_t		 v[2], out[2];

	ck_assert_str_eq(sp_text(a, "chat"), "domain:north-battery-room "
	    "power:north-grid site:north");
	ck_assert_str_eq(mc_text(a, "chat"), "domain:north-battery-room "
	    "power:north-grid");
	ck_assert_str_eq(sp_text(a, "chat-auto"), "");
	ck_assert_str_eq(sp_text(a, "deploy"), "");
	ck_assert_str_eq(sp_text(a, "proxy"), "domain:north-battery-room "
	    "host:n-hv-1 power:north-grid rack:n-r2 site:north");
	ck_assert_str_eq(mc_text(a, "proxy"), "host:n-hv-1");
	ck_assert_str_eq(sp_text(a, "traffic-switch"),
	    "domain:north-battery-room host:n-ops-1 power:north-grid "
	    "rack:n-r2 site:north");
	ck_assert_str_eq(mc_text(a, "traffic-switch"), "host:n-ops-1");
	/* the site takes the battery room down, not the other way */
	v[0] = comp(a, KIND_SITE, "north");
	v[1] = comp(a, KIND_DOMAIN, "north-battery-room");
	ck_assert_uint_eq(analysis_implied(a, v[1], v, 2, out), 1);
	ck_assert_uint_eq(out[0], v[0]);
	ck_assert_uint_eq(analysis_implied(a, v[0], v, 2, out), 0);
	ck_assert_uint_eq(analysis_minimal_among(a, v, 2, out), 1);
	ck_assert_uint_eq(out[0], v[1]);
	/* a VM is taken down by its hypervisor */
	ck_assert_int_eq(analysis_takes_down(a, comp(a, KIND_HOST, "n-hv-1"),
	    comp(a, KIND_HOST, "n-vm-1")), 1);
	ck_assert_str_eq(explain_text(a, comp(a, KIND_SERVICE, "proxy"),
	    comp(a, KIND_RACK, "n-r2")),
	    "service proxy -> host n-vm-1 -> host n-hv-1 -> rack n-r2");
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_gate_all)
{
	struct inventory	*inv = gen_new();
	struct analysis		*a;

	gen_site(inv, "s1");
	gen_site(inv, "s2");
	gen_power(inv, "p1", "s2", NULL);
	gen_rack(inv, "r1", "s1", "p1");
	gen_host(inv, "h1", NULL, "r1", NULL);
	gen_host(inv, "h2", "s2", NULL, NULL);
	gen_service(inv, "x", SERVICE_APP, 0, "h1", NULL, NULL);
	gen_service(inv, "y", SERVICE_APP, 0, "h2", "x", NULL);
	gen_service(inv, "z", SERVICE_APP, 0, "h2", "~x", NULL);
	a = analyse(resolved(inv));
	/* host: site and rack; rack: site and its only feed; feed: its site */
	ck_assert_str_eq(sp_text(a, "x"),
	    "host:h1 power:p1 rack:r1 site:s1 site:s2");
	ck_assert_str_eq(sp_text(a, "y"),
	    "host:h1 host:h2 power:p1 rack:r1 site:s1 site:s2");
	/* soft dependencies never take a service down */
	ck_assert_str_eq(sp_text(a, "z"), "host:h2 site:s2");
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_gate_any)
{
	struct inventory	*inv = gen_new();
	struct analysis		*a;

	gen_site(inv, "s1");
	gen_site(inv, "s2");
	/* p3 is listed before its feeds: order comes from the fed_by graph */
	gen_power(inv, "p3", NULL, "p1 p2");
	gen_power(inv, "p1", "s1", NULL);
	gen_power(inv, "p2", "s1", NULL);
	gen_power(inv, "p4", NULL, "p1");
	gen_host(inv, "h1", "s2", NULL, "p3 p4");
	gen_host(inv, "h2", "s2", NULL, "p3");
	gen_host(inv, "h3", "s2", NULL, "p4");
	gen_service(inv, "any", SERVICE_APP, 0, "h1", NULL, NULL);
	gen_service(inv, "one", SERVICE_APP, 0, "h2", NULL, NULL);
	gen_service(inv, "chain", SERVICE_APP, 0, "h3", NULL, NULL);
	a = analyse(resolved(inv));
	ck_assert_str_eq(sp_text(a, "any"), "host:h1 site:s1 site:s2");
	ck_assert_str_eq(sp_text(a, "one"), "host:h2 power:p3 site:s1 site:s2");
	ck_assert_str_eq(sp_text(a, "chain"),
	    "host:h3 power:p1 power:p4 site:s1 site:s2");
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_gate_k_of_n)
{
	struct inventory	*inv = gen_new();
	struct analysis		*a;

	gen_site(inv, "A");
	gen_site(inv, "B");
	gen_rack(inv, "rA1", "A", NULL);
	gen_rack(inv, "rA2", "A", NULL);
	gen_host(inv, "h1", NULL, "rA1", NULL);
	gen_host(inv, "h2", NULL, "rA2", NULL);
	gen_host(inv, "h3", "B", NULL, NULL);
	gen_host(inv, "h4", NULL, "rA1", NULL);
	gen_service(inv, "default", SERVICE_APP, 0, "h1 h2 h3", NULL, NULL);
	gen_service(inv, "one", SERVICE_APP, 1, "h1 h2 h3", NULL, NULL);
	gen_service(inv, "two", SERVICE_APP, 2, "h1 h2 h3", NULL, NULL);
	gen_service(inv, "three", SERVICE_APP, 3, "h1 h2 h3", NULL, NULL);
	gen_service(inv, "rack", SERVICE_APP, 1, "h1 h4", NULL, NULL);
	gen_service(inv, "rack2", SERVICE_APP, 2, "h1 h4", NULL, NULL);
	gen_service(inv, "ext", SERVICE_EXTERNAL, 0, NULL, NULL, NULL);
	gen_service(inv, "ext-dep", SERVICE_EXTERNAL, 0, NULL, "rack", NULL);
	a = analyse(resolved(inv));
	ck_assert_str_eq(sp_text(a, "default"), "");
	ck_assert_str_eq(sp_text(a, "one"), "");
	ck_assert_str_eq(sp_text(a, "two"), "site:A");
	ck_assert_str_eq(sp_text(a, "three"),
	    "host:h1 host:h2 host:h3 rack:rA1 rack:rA2 site:A site:B");
	ck_assert_str_eq(sp_text(a, "rack"), "rack:rA1 site:A");
	ck_assert_str_eq(sp_text(a, "rack2"), "host:h1 host:h4 rack:rA1 site:A");
	ck_assert_str_eq(sp_text(a, "ext"), "");
	ck_assert_str_eq(sp_text(a, "ext-dep"), "rack:rA1 site:A");
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_explain_paths)
{
	struct inventory	*inv = gen_new();
	struct analysis		*a;
	uint32_t		 talk;

	gen_site(inv, "pangyo");
	gen_site(inv, "ansan");
	gen_power(inv, "pangyo-ups-a", "pangyo", NULL);
	gen_power(inv, "pangyo-ups-b", "pangyo", NULL);
	gen_rack(inv, "pg-r2", "pangyo", "pangyo-ups-b");
	gen_host(inv, "pg-db-1", NULL, "pg-r2", NULL);
	gen_host(inv, "pg-talk-1", "pangyo", NULL, "pangyo-ups-a pangyo-ups-b");
	gen_host(inv, "as-talk-1", "ansan", NULL, NULL);
	gen_host(inv, "pg-auth-1", "pangyo", NULL, "pangyo-ups-a");
	gen_host(inv, "as-auth-1", "ansan", NULL, NULL);
	gen_service(inv, "kakaotalk", SERVICE_APP, 0, "pg-talk-1 as-talk-1",
	    "auth", NULL);
	gen_service(inv, "auth", SERVICE_PLATFORM, 0, "pg-auth-1 as-auth-1",
	    "authdb", NULL);
	gen_service(inv, "authdb", SERVICE_DATA, 0, "pg-db-1", NULL, NULL);
	a = analyse(resolved(inv));
	talk = comp(a, KIND_SERVICE, "kakaotalk");
	ck_assert_str_eq(explain_text(a, talk, comp(a, KIND_SITE, "pangyo")),
	    "service kakaotalk -> service auth (hard) -> service authdb (hard)"
	    " -> host pg-db-1 -> rack pg-r2 -> power pangyo-ups-b -> "
	    "site pangyo");
	ck_assert_str_eq(explain_text(a, talk, comp(a, KIND_HOST, "pg-db-1")),
	    "service kakaotalk -> service auth (hard) -> service authdb (hard)"
	    " -> host pg-db-1");
	/* infrastructure explains too; the lone failure of x is x */
	ck_assert_str_eq(explain_text(a, comp(a, KIND_HOST, "pg-talk-1"),
	    comp(a, KIND_SITE, "pangyo")),
	    "host pg-talk-1 -> power pangyo-ups-a -> site pangyo");
	ck_assert_str_eq(explain_text(a, comp(a, KIND_SITE, "ansan"),
	    comp(a, KIND_SITE, "ansan")), "site ansan");
	/* not a single point: no path */
	ck_assert_str_eq(explain_text(a, talk, comp(a, KIND_SITE, "ansan")),
	    "");
	ck_assert_str_eq(explain_text(a, talk,
	    comp(a, KIND_POWER, "pangyo-ups-a")), "");
	ck_assert_str_eq(explain_text(a, talk, comp(a, KIND_SERVICE, "auth")),
	    "");
	analysis_free(a);
	inventory_free(inv);

	inv = gen_quorum_and_power();
	a = analyse(inv);
	ck_assert_str_eq(explain_text(a, comp(a, KIND_SERVICE, "web"),
	    comp(a, KIND_POWER, "grid")),
	    "service web -> service quorum-tight (hard) -> host s-2 -> "
	    "rack s-r1 -> power south-ups -> power south-util -> power grid");
	ck_assert_str_eq(explain_text(a, comp(a, KIND_SERVICE, "web"),
	    comp(a, KIND_SITE, "east")),
	    "service web -> service quorum-tight (hard) -> host e-2 -> "
	    "site east");
	/* a cycle: b carries the site itself, a through b */
	ck_assert_str_eq(explain_text(a, comp(a, KIND_SERVICE, "b"),
	    comp(a, KIND_SITE, "east")),
	    "service b -> host e-1 -> power east-ups -> site east");
	ck_assert_str_eq(explain_text(a, comp(a, KIND_SERVICE, "a"),
	    comp(a, KIND_SITE, "east")),
	    "service a -> service b (hard) -> host e-1 -> power east-ups -> "
	    "site east");
	/* a host prefers its rack over its site; a power domain names its
	 * own site rather than walking its feeds */
	ck_assert_str_eq(explain_text(a, comp(a, KIND_HOST, "n-1"),
	    comp(a, KIND_SITE, "north")),
	    "host n-1 -> rack n-r1 -> power north-ups -> site north");
	/* power: its feeds only when every feed carries the cause */
	ck_assert_str_eq(explain_text(a, comp(a, KIND_POWER, "north-util"),
	    comp(a, KIND_SITE, "north")), "power north-util -> site north");
	ck_assert_str_eq(explain_text(a, comp(a, KIND_POWER, "north-ups"),
	    comp(a, KIND_POWER, "grid")), "");
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_blast_radius)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);

	ck_assert_uint_eq(a->blast[comp(a, KIND_SITE, "east")], 4);
	ck_assert_uint_eq(a->blast[comp(a, KIND_SITE, "south")], 4);
	ck_assert_uint_eq(a->blast[comp(a, KIND_SITE, "north")], 2);
	ck_assert_uint_eq(a->blast[comp(a, KIND_POWER, "grid")], 4);
	ck_assert_uint_eq(a->blast[comp(a, KIND_POWER, "north-gen")], 0);
	ck_assert_uint_eq(a->blast[comp(a, KIND_POWER, "east-ups")], 0);
	ck_assert_uint_eq(a->blast[comp(a, KIND_HOST, "n-2")], 2);
	ck_assert_uint_eq(a->blast[comp(a, KIND_HOST, "n-1")], 0);
	ck_assert_uint_eq(a->blast[comp(a, KIND_RACK, "s-r1")], 4);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

static const char *
cycles_text(const struct analysis *a)
{
	static char	out[1024];
	size_t		i, j;

	out[0] = '\0';
	for (i = 0; i < a->ncycles; i++) {
		strcat(out, "[");
		for (j = 0; j < a->cycles[i].n; j++) {
			if (j > 0)
				strcat(out, " ");
			strcat(out, inventory_str(a->inv, a->inv->services[
			    a->cycles[i].services[j]].e.id));
		}
		strcat(out, "]");
	}
	return out;
}

START_TEST(test_cycles)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	size_t			 n;

	ck_assert_str_eq(cycles_text(a), "[a b]");
	analysis_fate_group(a, inventory_find(inv, KIND_SERVICE, "web"), &n);
	ck_assert_uint_eq(n, 1);
	analysis_fate_group(a, inventory_find(inv, KIND_SERVICE, "b"), &n);
	ck_assert_uint_eq(n, 2);
	analysis_free(a);
	inventory_free(inv);

	inv = gen_new();
	gen_site(inv, "s");
	gen_host(inv, "h", "s", NULL, NULL);
	gen_host(inv, "g", "s", NULL, NULL);
	gen_service(inv, "z", SERVICE_APP, 0, "h", "y", NULL);
	gen_service(inv, "y", SERVICE_APP, 0, "h", "x", NULL);
	gen_service(inv, "x", SERVICE_APP, 0, "g", "z", NULL);
	gen_service(inv, "self", SERVICE_APP, 0, "h", "self", NULL);
	gen_service(inv, "soft1", SERVICE_APP, 0, "h", "~soft2", NULL);
	gen_service(inv, "soft2", SERVICE_APP, 0, "g", "~soft1", NULL);
	gen_service(inv, "top", SERVICE_APP, 0, "h", "x", NULL);
	a = analyse(resolved(inv));
	ck_assert_str_eq(cycles_text(a), "[self][x y z]");
	/* fate is shared: each member has the union of the members' hosts */
	ck_assert_str_eq(sp_text(a, "x"), "host:g host:h site:s");
	ck_assert_str_eq(sp_text(a, "z"), "host:g host:h site:s");
	ck_assert_str_eq(sp_text(a, "top"), "host:g host:h site:s");
	ck_assert_str_eq(sp_text(a, "soft1"), "host:h site:s");
	ck_assert_str_eq(explain_text(a, comp(a, KIND_SERVICE, "z"),
	    comp(a, KIND_HOST, "g")),
	    "service z -> service y (hard) -> service x (hard) -> host g");
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_loss_matrix)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	const struct loss_matrix *mx = &a->matrix;
	uint32_t		 web, deploy, pair, row;

	ck_assert_uint_eq(mx->nrows, 0);
	impact_fill_matrix(a);
	web = inventory_find(inv, KIND_SERVICE, "web");
	deploy = inventory_find(inv, KIND_SERVICE, "deploy");
	pair = inventory_find(inv, KIND_SERVICE, "pair");
	ck_assert_uint_eq(mx->nrows, 3 + 7);
	ck_assert_uint_eq(mx->nservices, 9);
	ck_assert_uint_eq(mx->rows[0], comp(a, KIND_SITE, "north"));
	ck_assert_uint_eq(mx->rows[3], comp(a, KIND_POWER, "grid"));
	row = 1;	/* site south */
	ck_assert_uint_eq(mx->cells[row * 9 + web], STATE_DOWN | MATRIX_BLOCKED);
	ck_assert_uint_eq(mx->cells[row * 9 + deploy], STATE_DOWN);
	ck_assert_uint_eq(mx->cells[row * 9 + pair], STATE_DEGRADED);
	row = 2;	/* site east */
	ck_assert_uint_eq(mx->cells[row * 9 + web], STATE_DOWN);
	ck_assert_uint_eq(mx->cells[row * 9 + deploy], STATE_DEGRADED);
	ck_assert_uint_eq(mx->cells[row * 9 + pair], STATE_UP);
	row = 5;	/* power north-gen */
	ck_assert_uint_eq(mx->cells[row * 9 + web], STATE_UP);
	ck_assert_uint_eq(mx->cells[row * 9 + pair], STATE_UP);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_component_numbers)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	char			 buf[16];
	size_t			 n;

	ck_assert_uint_eq(a->base[KIND_SITE], 0);
	ck_assert_uint_eq(a->base[KIND_POWER], 3);
	ck_assert_uint_eq(a->base[KIND_RACK], 10);
	ck_assert_uint_eq(a->base[KIND_HOST], 12);
	ck_assert_uint_eq(a->base[KIND_SERVICE], 20);
	ck_assert_uint_eq(a->base[KIND_COUNT], 29);
	ck_assert_int_eq(analysis_component_kind(a, 0), KIND_SITE);
	ck_assert_int_eq(analysis_component_kind(a, 9), KIND_POWER);
	ck_assert_int_eq(analysis_component_kind(a, 19), KIND_HOST);
	ck_assert_int_eq(analysis_component_kind(a, 28), KIND_SERVICE);
	ck_assert_uint_eq(analysis_component_index(a, 28), 8);
	ck_assert_str_eq(analysis_component_ref(a, 13, buf, sizeof buf),
	    "host:n-2");
	ck_assert_str_eq(analysis_component_ref(a, 20, buf, 8), "service");
	/* who needs the grid: the two utility feeds */
	analysis_needed_by(a, comp(a, KIND_POWER, "grid"), &n);
	ck_assert_uint_eq(n, 2);
	/* a host in a rack needs the site only through the rack */
	analysis_needed_by(a, comp(a, KIND_SITE, "north"), &n);
	ck_assert_uint_eq(n, 4);
	analysis_free(a);
	inventory_free(inv);
	analysis_free(NULL);
}
END_TEST

START_TEST(test_empty)
{
	struct inventory	*inv = gen_new();
	struct analysis		*a = analyse(inv);

	ck_assert_uint_eq(a->base[KIND_COUNT], 0);
	ck_assert_uint_eq(a->ncycles, 0);
	ck_assert_uint_eq(a->matrix.nrows, 0);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* igraph errors become diagnostics, not aborts. */
START_TEST(test_graph_error)
{
	struct inventory	*inv = gen_new();
	struct diag_list	 dl;
	struct analysis		*a;

	gen_site(inv, "s");
	gen_power(inv, "p1", "s", "p2");
	gen_power(inv, "p2", "s", "p1");
	diag_list_init(&dl);
	ck_assert_int_eq(inventory_resolve(inv, &dl), -1);
	diag_list_free(&dl);
	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_null(a);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_ptr_null(dl.v[0].file);
	ck_assert_str_eq(dl.v[0].message, "infrastructure graph: The graph has "
	    "cycles; topological sorting is only possible in acyclic graphs");
	diag_list_free(&dl);
	inventory_free(inv);
}
END_TEST

/*
 * The recurrence against brute force: fail every infrastructure component
 * alone and see which services go down; every component on an
 * explanation path must be down in that scenario too.
 */
static void
cross_check(uint64_t seed, const struct gen_limits *lim)
{
	struct inventory	*inv = gen_inventory(seed, lim);
	struct analysis		*a;
	struct scenario		*sc;
	struct path_step	*st;
	uint32_t		 c, s, *blast, ninfra;
	size_t			 ns, i, n;
	int			 down, sp;

	ck_assert_msg(inv != NULL, "seed %llu: invalid inventory",
	    (unsigned long long)seed);
	a = analyse(inv);
	sc = scenario_create(a);
	ninfra = a->base[KIND_SERVICE];
	ns = inv->nservices;
	blast = calloc(ninfra + 1, sizeof *blast);
	for (c = 0; c < ninfra; c++) {
		scenario_run(sc, &c, 1);
		for (s = 0; s < ns; s++) {
			down = scenario_service_state(sc, s) == STATE_DOWN;
			sp = analysis_is_single_point(a, s, c);
			REQUIRE(down == sp, "seed %llu: service %u, "
			    "component %u: scenario %d, recurrence %d",
			    (unsigned long long)seed, s, c, down, sp);
			if (!sp)
				continue;
			blast[c]++;
			n = analysis_explain(a, a->base[KIND_SERVICE] + s, c,
			    &st);
			REQUIRE(n >= 2 && st[0].component == a->base[
			    KIND_SERVICE] + s && st[n - 1].component == c,
			    "seed %llu: service %u, component %u: bad path",
			    (unsigned long long)seed, s, c);
			for (i = 0; i < n; i++)
				REQUIRE(scenario_is_down(sc, st[i].component),
				    "seed %llu: service %u, component %u: "
				    "step %zu is up", (unsigned long long)seed,
				    s, c, i);
			free(st);
		}
		REQUIRE(blast[c] == a->blast[c], "seed %llu: blast of %u",
		    (unsigned long long)seed, c);
	}
	free(blast);
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}

/* Fan-in skips services nobody hard-depends on; failing every service
 * alone must give the same top list. */
START_TEST(test_fanin_matches_brute_force)
{
	struct session		 ss;
	const struct analysis	*a;
	struct impact_fanin	*fi, *all;
	struct scenario		*sc;
	const uint32_t		*aff;
	char			 path[4096];
	const char		*paths[1] = { path };
	size_t			*down, na, nfi, nall, i, k, best;
	uint32_t		 c, s;

	snprintf(path, sizeof path, "%s/inventories/kakao-2022",
	    test_srcdir());
	session_open(&ss, paths, 1);
	ck_assert_msg(ss.ok, "%s does not load", path);
	a = ss.analysis;
	/* Eight services take another down; the cap keeps five, ties in id
	 * order. */
	fi = impact_fanin(a, 5, &nfi);
	ck_assert_uint_eq(nfi, 5);
	ck_assert_str_eq(inventory_str(a->inv,
	    a->inv->services[fi[0].service].e.id), "account-db");
	ck_assert_uint_eq(fi[0].down, 4);
	ck_assert_str_eq(inventory_str(a->inv,
	    a->inv->services[fi[4].service].e.id), "card-networks");
	ck_assert_uint_eq(fi[4].down, 1);
	sc = scenario_create(a);
	down = calloc(a->inv->nservices, sizeof *down);
	ck_assert_ptr_nonnull(down);
	for (s = 0; s < a->inv->nservices; s++) {
		c = a->base[KIND_SERVICE] + s;
		scenario_run(sc, &c, 1);
		aff = scenario_affected(sc, &na);
		for (i = 0; i < na; i++)
			if (aff[i] != s && scenario_service_state(sc, aff[i]) ==
			    STATE_DOWN)
				down[s]++;
	}
	for (k = 0; k < nfi; k++) {
		ck_assert_uint_eq(down[fi[k].service], fi[k].down);
		/* Nothing left out beats the entry at its rank. */
		best = 0;
		for (s = 0; s < a->inv->nservices; s++) {
			for (i = 0; i < k; i++)
				if (fi[i].service == s)
					break;
			if (i == k && down[s] > best)
				best = down[s];
		}
		ck_assert_uint_eq(best, fi[k].down);
	}

	/* Without a cap: every service that takes another down, the capped
	 * list first; with a cap of 0: nothing. */
	all = impact_fanin(a, a->inv->nservices, &nall);
	for (s = 0, k = 0; s < a->inv->nservices; s++)
		k += down[s] != 0;
	ck_assert_uint_eq(nall, k);
	for (k = 0; k < nfi; k++)
		ck_assert_uint_eq(all[k].service, fi[k].service);
	free(all);
	all = impact_fanin(a, 0, &nall);
	ck_assert_uint_eq(nall, 0);
	free(all);

	free(down);
	free(fi);
	scenario_free(sc);
	session_close(&ss);
}
END_TEST

START_TEST(test_cross_check_small)
{
	uint64_t	seed;

	for (seed = 0; seed < 3000; seed++)
		cross_check(seed, NULL);
}
END_TEST

START_TEST(test_cross_check_larger)
{
	static const struct gen_limits	lim = { 5, 16, 12, 80, 50 };
	uint64_t			seed;

	for (seed = 1000; seed < 1300; seed++)
		cross_check(seed, &lim);
}
END_TEST

Suite *
suite_analysis(void)
{
	Suite	*s = suite_create("analysis");
	TCase	*tc = tcase_create("single points");
	TCase	*cc = tcase_create("cross-check");

	tcase_add_test(tc, test_quorum_and_power);
	tcase_add_test(tc, test_failover_and_domains);
	tcase_add_test(tc, test_gate_all);
	tcase_add_test(tc, test_gate_any);
	tcase_add_test(tc, test_gate_k_of_n);
	tcase_add_test(tc, test_explain_paths);
	tcase_add_test(tc, test_blast_radius);
	tcase_add_test(tc, test_cycles);
	tcase_add_test(tc, test_loss_matrix);
	tcase_add_test(tc, test_component_numbers);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_graph_error);
	tcase_add_test(tc, test_fanin_matches_brute_force);
	suite_add_tcase(s, tc);
	tcase_add_test(cc, test_cross_check_small);
	tcase_add_test(cc, test_cross_check_larger);
	suite_add_tcase(s, cc);
	return s;
}
