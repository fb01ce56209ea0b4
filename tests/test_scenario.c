/*
 * test_scenario.c -- what-if propagation: the shared semantics examples,
 * failed services, reuse of one scenario across runs, the sorted result
 * lists, and a cross-check against the reference evaluator (oracle.h) on
 * generated inventories, with and without domains, hosts on hosts and
 * standby groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "gen_inventory.h"
#include "oracle.h"
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

/* Append list part (0 down, 1 degraded, 2 blocked, 3 exposed: only when
 * not empty) of ids v[0..n). */
static void
append_list(char *out, int part, const char *const *v, size_t n)
{
	static const char	*label[4] = { "down:", "; degraded:",
				    "; blocked:", "; exposed:" };
	size_t			 i;

	if (part == 3 && n == 0)
		return;
	strcat(out, label[part]);
	for (i = 0; i < n; i++) {
		strcat(out, " ");
		strcat(out, v[i]);
	}
}

/* "down: x y; degraded: z; blocked: x[; exposed: w]", each list sorted by
 * id. */
static const char *
outcome(const struct analysis *a, const struct scenario *sc)
{
	static char		 out[4096];
	const struct inventory	*inv = a->inv;
	const char		*v[256];
	size_t			 n, s, affected;
	int			 part, hit;

	out[0] = '\0';
	for (part = 0; part < 4; part++) {
		n = 0;
		for (s = 0; s < inv->nservices; s++) {
			if (part == 0)
				hit = scenario_service_state(sc, s) ==
				    STATE_DOWN;
			else if (part == 1)
				hit = scenario_service_state(sc, s) ==
				    STATE_DEGRADED;
			else if (part == 2)
				hit = scenario_recovery_blocked(sc, s);
			else
				hit = scenario_exposed(sc, s);
			if (hit)
				v[n++] = inventory_str(inv,
				    inv->services[s].e.id);
		}
		qsort(v, n, sizeof *v, cmp_str);
		append_list(out, part, v, n);
	}
	n = 0;
	for (s = 0; s < inv->nservices; s++)
		if (scenario_service_state(sc, s) != STATE_UP ||
		    scenario_exposed(sc, s))
			n++;
	scenario_affected(sc, &affected);
	ck_assert_uint_eq(affected, n);
	return out;
}

/* The same text from scenario_result(), whose lists come sorted. */
static const char *
result_text(const struct analysis *a, const struct scenario *sc)
{
	static char		 out[4096];
	const struct inventory	*inv = a->inv;
	struct scenario_result	 r;
	const uint32_t		*v[4];
	const char		*ids[256];
	size_t			 n[4], i;
	int			 part;

	scenario_result(sc, &r);
	v[0] = r.down;
	n[0] = r.ndown;
	v[1] = r.degraded;
	n[1] = r.ndegraded;
	v[2] = r.blocked;
	n[2] = r.nblocked;
	v[3] = r.exposed;
	n[3] = r.nexposed;
	out[0] = '\0';
	for (part = 0; part < 4; part++) {
		REQUIRE(n[part] <= 256, "%zu services", n[part]);
		for (i = 0; i < n[part]; i++)
			ids[i] = inventory_str(inv,
			    inv->services[v[part][i]].e.id);
		append_list(out, part, ids, n[part]);
	}
	scenario_result_free(&r);
	return out;
}

/* n pseudo-random components of N into failed, from the state *st. */
static void
pick_failed(uint64_t *st, uint32_t N, uint32_t *failed, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		*st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
		failed[i] = (uint32_t)((*st >> 33) % N);
	}
}

static const char *
fail_one(const struct analysis *a, struct scenario *sc, enum entity_kind k,
    const char *id)
{
	uint32_t	i = inventory_find(a->inv, k, id), c;

	ck_assert_uint_ne(i, INDEX_NONE);
	c = a->base[k] + i;
	scenario_run(sc, &c, 1);
	ck_assert_int_eq(scenario_is_down(sc, c), 1);
	return outcome(a, sc);
}

static struct analysis *
analyse(const struct inventory *inv)
{
	struct diag_list	 dl;
	struct analysis		*a;

	ck_assert_ptr_nonnull(inv);
	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	diag_list_free(&dl);
	return a;
}

/* expected/whatif-*.json of ../shared/semantics/quorum-and-power. */
START_TEST(test_quorum_whatif)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	struct scenario		*sc = scenario_create(a);

	/* b shares a hard cycle with the degraded a, but degraded does not
	 * spread: b's own hosts and dependencies are up */
	ck_assert_str_eq(fail_one(a, sc, KIND_POWER, "grid"),
	    "down: deploy quorum-tight search web; degraded: a pair quorum;"
	    " blocked: web");
	ck_assert_str_eq(fail_one(a, sc, KIND_POWER, "north-gen"),
	    "down:; degraded:; blocked:");
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "east"),
	    "down: a b quorum-tight web; degraded: deploy quorum; blocked:");
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "north"),
	    "down: quorum-tight web; degraded: a deploy pair quorum; "
	    "blocked:");
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "south"),
	    "down: deploy quorum-tight search web; degraded: a pair quorum;"
	    " blocked: web");
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* expected/whatif-*.json of ../shared/semantics/failover-and-domains. */
START_TEST(test_failover_whatif)
{
	struct inventory	*inv = gen_failover_and_domains();
	struct analysis		*a = analyse(inv);
	struct scenario		*sc = scenario_create(a);
	const char		*north = "down: chat proxy traffic-switch; "
				    "degraded: chat-auto deploy; blocked: chat";

	ck_assert_str_eq(fail_one(a, sc, KIND_DOMAIN, "core-1"),
	    "down:; degraded:; blocked:");
	ck_assert_str_eq(fail_one(a, sc, KIND_DOMAIN, "north-battery-room"),
	    north);
	ck_assert_str_eq(result_text(a, sc), north);
	ck_assert_str_eq(fail_one(a, sc, KIND_HOST, "n-hv-1"),
	    "down: proxy; degraded:; blocked:");
	/* the VMs go with their hypervisor */
	ck_assert_int_eq(scenario_is_down(sc, a->base[KIND_HOST] +
	    inventory_find(inv, KIND_HOST, "n-vm-2")), 1);
	/* chat is up on its active hosts but has lost its failover tool;
	 * proxy's recovery tool deploy is only degraded */
	ck_assert_str_eq(fail_one(a, sc, KIND_HOST, "n-ops-1"),
	    "down: traffic-switch; degraded: deploy; blocked:; "
	    "exposed: chat");
	ck_assert_str_eq(result_text(a, sc), "down: traffic-switch; "
	    "degraded: deploy; blocked:; exposed: chat");
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "north"), north);
	/* both core switches: row-a and its rack go, the failover works */
	ck_assert_str_eq(fail_one(a, sc, KIND_DOMAIN, "row-a"),
	    "down:; degraded: chat chat-auto; blocked:");
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* scenario_result() lists what the per-service queries say, by id. */
START_TEST(test_result_lists)
{
	static const struct gen_features	ft = { 4, 30, 25, 60, 40, 20 };
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	struct scenario		*sc = scenario_create(a);
	struct scenario_result	 r;
	char			 want[4096];
	uint32_t		 failed[3];
	uint64_t		 seed, st;
	size_t			 run, nf;

	scenario_result(sc, &r);
	ck_assert_uint_eq(r.ndown + r.ndegraded + r.nblocked + r.nexposed, 0);
	ck_assert_ptr_nonnull(r.down);
	scenario_result_free(&r);
	ck_assert_ptr_null(r.down);
	scenario_result_free(NULL);
	fail_one(a, sc, KIND_POWER, "grid");
	ck_assert_str_eq(result_text(a, sc),
	    "down: deploy quorum-tight search web; degraded: a pair quorum;"
	    " blocked: web");
	fail_one(a, sc, KIND_SITE, "east");
	ck_assert_str_eq(result_text(a, sc),
	    "down: a b quorum-tight web; degraded: deploy quorum; blocked:");
	fail_one(a, sc, KIND_SERVICE, "search");
	ck_assert_str_eq(result_text(a, sc),
	    "down: deploy search; degraded: web; blocked: web");
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);

	for (seed = 0; seed < 400; seed++) {
		inv = seed < 200 ? gen_inventory(seed, NULL) :
		    gen_inventory_ex(seed, NULL, &ft);
		ck_assert_ptr_nonnull(inv);
		a = analyse(inv);
		sc = scenario_create(a);
		st = seed;
		for (run = 0; run < 6; run++) {
			nf = run % 3 + 1;
			pick_failed(&st, a->base[KIND_COUNT], failed, nf);
			scenario_run(sc, failed, nf);
			strcpy(want, outcome(a, sc));
			REQUIRE(strcmp(result_text(a, sc), want) == 0,
			    "seed %llu run %zu: %s", (unsigned long long)seed,
			    run, want);
		}
		scenario_free(sc);
		analysis_free(a);
		inventory_free(inv);
	}
}
END_TEST

START_TEST(test_fail_services_and_sets)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	struct scenario		*sc = scenario_create(a);
	uint32_t		 f[3];

	/* a failed service: hard dependents down, soft ones degraded */
	ck_assert_str_eq(fail_one(a, sc, KIND_SERVICE, "search"),
	    "down: deploy search; degraded: web; blocked: web");
	/* a failed member of a cycle takes the whole cycle */
	ck_assert_str_eq(fail_one(a, sc, KIND_SERVICE, "b"),
	    "down: a b; degraded:; blocked:");
	ck_assert_int_eq(scenario_is_down(sc, a->base[KIND_SERVICE] +
	    inventory_find(inv, KIND_SERVICE, "a")), 1);
	/* a host: its services lose an instance */
	ck_assert_str_eq(fail_one(a, sc, KIND_HOST, "n-1"),
	    "down:; degraded: quorum web; blocked:");
	ck_assert_int_eq(scenario_is_down(sc, a->base[KIND_HOST] +
	    inventory_find(inv, KIND_HOST, "n-2")), 0);
	/* two sites at once break the 2-of-3 quorum */
	f[0] = a->base[KIND_SITE] + inventory_find(inv, KIND_SITE, "north");
	f[1] = a->base[KIND_SITE] + inventory_find(inv, KIND_SITE, "east");
	f[2] = f[0];
	scenario_run(sc, f, 3);
	ck_assert_str_eq(outcome(a, sc), "down: a b deploy quorum "
	    "quorum-tight web; degraded: pair; blocked: web");
	/* the generator and the grid: north-ups and the rack go dark */
	f[0] = a->base[KIND_POWER] + inventory_find(inv, KIND_POWER,
	    "north-gen");
	f[1] = a->base[KIND_POWER] + inventory_find(inv, KIND_POWER, "grid");
	scenario_run(sc, f, 2);
	ck_assert_int_eq(scenario_is_down(sc, a->base[KIND_RACK] +
	    inventory_find(inv, KIND_RACK, "n-r1")), 1);
	ck_assert_str_eq(outcome(a, sc), "down: a b deploy pair quorum "
	    "quorum-tight search web; degraded:; blocked: web");
	/* nothing failed: everything is reset */
	scenario_run(sc, NULL, 0);
	ck_assert_str_eq(outcome(a, sc), "down:; degraded:; blocked:");
	ck_assert_int_eq(scenario_is_down(sc, f[1]), 0);
	ck_assert_int_eq(scenario_is_down(sc, a->base[KIND_COUNT]), 0);
	scenario_free(sc);
	scenario_free(NULL);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

START_TEST(test_soft_cycle_stays_up)
{
	struct inventory	*inv = gen_new();
	struct analysis		*a;
	struct scenario		*sc;
	struct diag_list	 dl;

	gen_site(inv, "s");
	gen_site(inv, "t");
	gen_host(inv, "h", "s", NULL, NULL);
	gen_host(inv, "g", "t", NULL, NULL);
	gen_service(inv, "p", SERVICE_APP, 0, "h", "~q", NULL);
	gen_service(inv, "q", SERVICE_APP, 0, "h", "~p", NULL);
	gen_service(inv, "r", SERVICE_APP, 0, "g", "~r2", NULL);
	gen_service(inv, "r2", SERVICE_APP, 0, "g", "~p ~r", NULL);
	diag_list_init(&dl);
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	diag_list_free(&dl);
	a = analyse(inv);
	sc = scenario_create(a);
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "t"),
	    "down: r r2; degraded:; blocked:");
	/* p down degrades q and r2; r needs only the degraded r2 softly,
	 * and degraded does not spread */
	ck_assert_str_eq(fail_one(a, sc, KIND_SERVICE, "p"),
	    "down: p; degraded: q r2; blocked:");
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* The failed components of a run as "kind:id ..." for messages. */
static const char *
failed_text(const struct analysis *a, const uint32_t *failed, size_t n)
{
	static char	out[1024];
	char		buf[160];
	size_t		i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, " ");
		strncat(out, analysis_component_ref(a, failed[i], buf,
		    sizeof buf), sizeof out - strlen(out) - 1);
	}
	return out;
}

/*
 * The last run of sc against the oracle's run of the same failures: every
 * component's state, every service's state, recovery-blocked and exposed,
 * and the affected list.
 */
static void
compare_run(const struct analysis *a, const struct scenario *sc,
    const struct oracle *o, const char *what, uint64_t seed,
    const uint32_t *failed, size_t nf)
{
	const struct inventory	*inv = a->inv;
	const uint32_t		*aff;
	uint32_t		 N = a->base[KIND_COUNT], c, s, want_aff = 0;
	size_t			 naff, i;
	char			 buf[160];
	enum service_state	 want, got;

	for (c = 0; c < N; c++)
		REQUIRE(!scenario_is_down(sc, c) == !oracle_down(o, c),
		    "%s seed %llu, failing %s: %s is %s, the rules say %s",
		    what, (unsigned long long)seed,
		    failed_text(a, failed, nf),
		    analysis_component_ref(a, c, buf, sizeof buf),
		    scenario_is_down(sc, c) ? "down" : "up",
		    oracle_down(o, c) ? "down" : "up");
	for (s = 0; s < inv->nservices; s++) {
		want = oracle_state(o, s);
		got = scenario_service_state(sc, s);
		REQUIRE(want == got, "%s seed %llu, failing %s: service %s "
		    "is in state %d, the rules say %d", what,
		    (unsigned long long)seed, failed_text(a, failed, nf),
		    inventory_str(inv, inv->services[s].e.id), (int)got,
		    (int)want);
		REQUIRE(!scenario_recovery_blocked(sc, s) ==
		    !oracle_blocked(o, s), "%s seed %llu, failing %s: "
		    "service %s recovery-blocked %d, the rules say %d", what,
		    (unsigned long long)seed, failed_text(a, failed, nf),
		    inventory_str(inv, inv->services[s].e.id),
		    scenario_recovery_blocked(sc, s), oracle_blocked(o, s));
		REQUIRE(!scenario_exposed(sc, s) == !oracle_exposed(o, s),
		    "%s seed %llu, failing %s: service %s exposed %d, the "
		    "rules say %d", what, (unsigned long long)seed,
		    failed_text(a, failed, nf),
		    inventory_str(inv, inv->services[s].e.id),
		    scenario_exposed(sc, s), oracle_exposed(o, s));
		want_aff += want != STATE_UP || oracle_exposed(o, s);
	}
	aff = scenario_affected(sc, &naff);
	REQUIRE(naff == want_aff, "%s seed %llu, failing %s: %zu affected, "
	    "the rules say %u", what, (unsigned long long)seed,
	    failed_text(a, failed, nf), naff, want_aff);
	for (i = 0; i < naff; i++)
		REQUIRE(oracle_state(o, aff[i]) != STATE_UP ||
		    oracle_exposed(o, aff[i]), "%s seed %llu, failing %s: "
		    "service %s affected", what, (unsigned long long)seed,
		    failed_text(a, failed, nf),
		    inventory_str(inv, inv->services[aff[i]].e.id));
}

/*
 * One generated inventory against the oracle: every component failed
 * alone, then runs random sets of 1 to 4 components.
 */
static void
against_oracle(const char *what, uint64_t seed, struct inventory *inv,
    size_t runs)
{
	struct analysis	*a;
	struct scenario	*sc;
	struct oracle	*o;
	uint32_t	 failed[4], c, N;
	uint64_t	 st = seed;
	size_t		 run, nf;
	int		 k;

	REQUIRE(inv != NULL, "%s seed %llu: the generator's inventory does "
	    "not resolve", what, (unsigned long long)seed);
	a = analyse(inv);
	sc = scenario_create(a);
	o = oracle_create(inv);
	for (k = 0; k <= KIND_COUNT; k++)
		REQUIRE(a->base[k] == oracle_base(o, (enum entity_kind)k),
		    "%s seed %llu: component numbers", what,
		    (unsigned long long)seed);
	N = a->base[KIND_COUNT];
	for (c = 0; c < N; c++) {
		scenario_run(sc, &c, 1);
		oracle_run(o, &c, 1);
		compare_run(a, sc, o, what, seed, &c, 1);
	}
	for (run = 0; run < runs; run++) {
		nf = run % 4 + 1;
		pick_failed(&st, N, failed, nf);
		scenario_run(sc, failed, nf);
		oracle_run(o, failed, nf);
		compare_run(a, sc, o, what, seed, failed, nf);
	}
	scenario_run(sc, NULL, 0);
	oracle_run(o, NULL, 0);
	compare_run(a, sc, o, what, seed, NULL, 0);
	oracle_free(o);
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}

/* The inventories of gen_inventory(): sites, power, racks, hosts,
 * services with k-of-n, hard and soft cycles, recovery tools. */
START_TEST(test_against_oracle)
{
	uint64_t	seed;

	for (seed = 0; seed < 600; seed++)
		against_oracle("plain", seed, gen_inventory(seed, NULL), 12);
}
END_TEST

/* With domains, in/fed_by, regions, hosts on hosts, standby groups and
 * failover loops. */
START_TEST(test_against_oracle_features)
{
	static const struct gen_features	ft = { 4, 35, 25, 50, 40, 0 };
	static const struct gen_features	loops = { 2, 20, 20, 90, 70, 30 };
	static const struct gen_limits		big = { 4, 10, 8, 30, 20 };
	uint64_t				seed;

	for (seed = 0; seed < 1500; seed++)
		against_oracle("features", seed, gen_inventory_ex(seed, NULL,
		    &ft), 16);
	for (seed = 0; seed < 1000; seed++)
		against_oracle("loops", seed, gen_inventory_ex(seed, NULL,
		    &loops), 16);
	for (seed = 0; seed < 100; seed++)
		against_oracle("larger", seed, gen_inventory_ex(seed, &big,
		    &ft), 24);
}
END_TEST

Suite *
suite_scenario(void)
{
	Suite	*s = suite_create("scenario");
	TCase	*tc = tcase_create("whatif");

	tcase_add_test(tc, test_quorum_whatif);
	tcase_add_test(tc, test_failover_whatif);
	tcase_add_test(tc, test_fail_services_and_sets);
	tcase_add_test(tc, test_result_lists);
	tcase_add_test(tc, test_soft_cycle_stays_up);
	tcase_add_test(tc, test_against_oracle);
	tcase_add_test(tc, test_against_oracle_features);
	suite_add_tcase(s, tc);
	return s;
}
