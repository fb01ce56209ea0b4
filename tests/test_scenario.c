/*
 * test_scenario.c -- what-if propagation: the shared semantics examples,
 * failed services, reuse of one scenario across runs, the sorted result
 * lists, and a cross-check against a naive whole-inventory fixpoint on
 * generated inventories.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "gen_inventory.h"
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

/* Append list part (0 down, 1 degraded, 2 blocked) of ids v[0..n). */
static void
append_list(char *out, int part, const char *const *v, size_t n)
{
	static const char	*label[3] = { "down:", "; degraded:",
				    "; blocked:" };
	size_t			 i;

	strcat(out, label[part]);
	for (i = 0; i < n; i++) {
		strcat(out, " ");
		strcat(out, v[i]);
	}
}

/* "down: x y; degraded: z; blocked: x", each list sorted by id. */
static const char *
outcome(const struct analysis *a, const struct scenario *sc)
{
	static char		 out[4096];
	const struct inventory	*inv = a->inv;
	const char		*v[256];
	size_t			 n, s, affected;
	int			 part, hit;

	out[0] = '\0';
	for (part = 0; part < 3; part++) {
		n = 0;
		for (s = 0; s < inv->nservices; s++) {
			if (part == 0)
				hit = scenario_service_state(sc, s) ==
				    STATE_DOWN;
			else if (part == 1)
				hit = scenario_service_state(sc, s) ==
				    STATE_DEGRADED;
			else
				hit = scenario_recovery_blocked(sc, s);
			if (hit)
				v[n++] = inventory_str(inv,
				    inv->services[s].e.id);
		}
		qsort(v, n, sizeof *v, cmp_str);
		append_list(out, part, v, n);
	}
	n = 0;
	for (s = 0; s < inv->nservices; s++)
		if (scenario_service_state(sc, s) != STATE_UP)
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
	const uint32_t		*v[3];
	const char		*ids[256];
	size_t			 n[3], i;
	int			 part;

	scenario_result(sc, &r);
	v[0] = r.down;
	n[0] = r.ndown;
	v[1] = r.degraded;
	n[1] = r.ndegraded;
	v[2] = r.blocked;
	n[2] = r.nblocked;
	out[0] = '\0';
	for (part = 0; part < 3; part++) {
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

	ck_assert_str_eq(fail_one(a, sc, KIND_POWER, "grid"),
	    "down: deploy quorum-tight search web; degraded: a b pair quorum;"
	    " blocked: web");
	ck_assert_str_eq(fail_one(a, sc, KIND_POWER, "north-gen"),
	    "down:; degraded:; blocked:");
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "east"),
	    "down: a b quorum-tight web; degraded: deploy quorum; blocked:");
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "north"),
	    "down: quorum-tight web; degraded: a b deploy pair quorum; "
	    "blocked:");
	ck_assert_str_eq(fail_one(a, sc, KIND_SITE, "south"),
	    "down: deploy quorum-tight search web; degraded: a b pair quorum;"
	    " blocked: web");
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/* scenario_result() lists what the per-service queries say, by id. */
START_TEST(test_result_lists)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct analysis		*a = analyse(inv);
	struct scenario		*sc = scenario_create(a);
	struct scenario_result	 r;
	char			 want[4096];
	uint32_t		 failed[3];
	uint64_t		 seed, st;
	size_t			 run, nf;

	scenario_result(sc, &r);
	ck_assert_uint_eq(r.ndown + r.ndegraded + r.nblocked, 0);
	ck_assert_ptr_nonnull(r.down);
	scenario_result_free(&r);
	ck_assert_ptr_null(r.down);
	scenario_result_free(NULL);
	fail_one(a, sc, KIND_POWER, "grid");
	ck_assert_str_eq(result_text(a, sc),
	    "down: deploy quorum-tight search web; degraded: a b pair quorum;"
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

	for (seed = 0; seed < 200; seed++) {
		inv = gen_inventory(seed, NULL);
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
	/* p down degrades r2, and r through the soft cycle */
	ck_assert_str_eq(fail_one(a, sc, KIND_SERVICE, "p"),
	    "down: p; degraded: q r r2; blocked:");
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}
END_TEST

/*
 * A naive evaluation of the failure semantics (README) over the whole inventory: iterate every
 * gate until nothing changes.  Fate groups come from reachability.
 */
struct naive {
	uint8_t	*down, *degraded, *blocked;
};

static int
all_down(const struct inventory *inv, const uint8_t *down, uint32_t base,
    struct span sp)
{
	const struct ref	*r = inventory_refs(inv, sp);
	size_t			 i;

	for (i = 0; i < sp.n; i++)
		if (!down[base + r[i].target])
			return 0;
	return sp.n > 0;
}

static void
naive_run(const struct analysis *a, const uint32_t *failed, size_t nf,
    const uint8_t *reach, struct naive *nv)
{
	const struct inventory	*inv = a->inv;
	const struct ref	*r;
	const struct service	*sv;
	uint32_t		 N = a->base[KIND_COUNT], sb = a->base[KIND_SERVICE];
	uint32_t		 pb = a->base[KIND_POWER], n, k, cnt;
	size_t			 i, j, ns = inv->nservices;
	int			 changed, d;

	memset(nv->down, 0, N);
	memset(nv->degraded, 0, N);
	memset(nv->blocked, 0, N);
	for (i = 0; i < nf; i++)
		nv->down[failed[i]] = 1;
	do {
		changed = 0;
		for (i = 0; i < inv->npower; i++) {
			const struct power *p = &inv->power[i];

			d = (p->site != INDEX_NONE && nv->down[p->site]) ||
			    all_down(inv, nv->down, pb, p->fed_by);
			if (d && !nv->down[pb + i])
				nv->down[pb + i] = changed = 1;
		}
		for (i = 0; i < inv->nracks; i++) {
			const struct rack *rk = &inv->racks[i];

			d = nv->down[rk->site] ||
			    all_down(inv, nv->down, pb, rk->power);
			if (d && !nv->down[a->base[KIND_RACK] + i])
				nv->down[a->base[KIND_RACK] + i] = changed = 1;
		}
		for (i = 0; i < inv->nhosts; i++) {
			const struct host *h = &inv->hosts[i];

			d = nv->down[h->site] || (h->rack != INDEX_NONE &&
			    nv->down[a->base[KIND_RACK] + h->rack]) ||
			    all_down(inv, nv->down, pb, h->power);
			if (d && !nv->down[a->base[KIND_HOST] + i])
				nv->down[a->base[KIND_HOST] + i] = changed = 1;
		}
		for (i = 0; i < ns; i++) {
			sv = &inv->services[i];
			n = sv->runs_on.n;
			k = sv->min_up ? sv->min_up : 1;
			r = inventory_refs(inv, sv->runs_on);
			cnt = 0;
			for (j = 0; j < n; j++)
				cnt += nv->down[a->base[KIND_HOST] +
				    r[j].target];
			d = n > 0 && n - cnt < k;
			r = inventory_refs(inv, sv->depends_on);
			for (j = 0; j < sv->depends_on.n; j++)
				if (!r[j].soft && nv->down[sb + r[j].target])
					d = 1;
			for (j = 0; j < ns; j++)
				if (reach[i * ns + j] && reach[j * ns + i] &&
				    nv->down[sb + j])
					d = 1;
			if (d && !nv->down[sb + i])
				nv->down[sb + i] = changed = 1;
		}
	} while (changed);
	do {
		changed = 0;
		for (i = 0; i < ns; i++) {
			sv = &inv->services[i];
			if (nv->down[sb + i] || nv->degraded[sb + i])
				continue;
			d = 0;
			r = inventory_refs(inv, sv->runs_on);
			for (j = 0; j < sv->runs_on.n; j++)
				d |= nv->down[a->base[KIND_HOST] + r[j].target];
			r = inventory_refs(inv, sv->depends_on);
			for (j = 0; j < sv->depends_on.n; j++)
				d |= nv->down[sb + r[j].target] |
				    nv->degraded[sb + r[j].target];
			if (d)
				nv->degraded[sb + i] = changed = 1;
		}
	} while (changed);
	for (i = 0; i < ns; i++) {
		sv = &inv->services[i];
		if (!nv->down[sb + i] && !nv->degraded[sb + i])
			continue;
		r = inventory_refs(inv, sv->recovery);
		for (j = 0; j < sv->recovery.n; j++)
			if (nv->down[sb + r[j].target])
				nv->blocked[sb + i] = 1;
	}
}

/* reach[i*ns+j]: service i reaches j over hard edges (reflexive). */
static uint8_t *
hard_reach(const struct inventory *inv)
{
	size_t			 ns = inv->nservices, i, j, k;
	uint8_t			*reach = calloc(ns * ns + 1, 1);
	const struct ref	*r;

	for (i = 0; i < ns; i++) {
		reach[i * ns + i] = 1;
		r = inventory_refs(inv, inv->services[i].depends_on);
		for (j = 0; j < inv->services[i].depends_on.n; j++)
			if (!r[j].soft)
				reach[i * ns + r[j].target] = 1;
	}
	for (k = 0; k < ns; k++)
		for (i = 0; i < ns; i++)
			if (reach[i * ns + k])
				for (j = 0; j < ns; j++)
					reach[i * ns + j] |= reach[k * ns + j];
	return reach;
}

START_TEST(test_against_naive)
{
	struct inventory	*inv;
	struct analysis		*a;
	struct scenario		*sc;
	struct naive		 nv;
	uint8_t			*reach;
	uint32_t		 failed[4], c, N;
	uint64_t		 seed, st;
	size_t			 run, nf, i;
	enum service_state	 want;

	for (seed = 0; seed < 600; seed++) {
		inv = gen_inventory(seed, NULL);
		ck_assert_ptr_nonnull(inv);
		a = analyse(inv);
		sc = scenario_create(a);
		N = a->base[KIND_COUNT];
		nv.down = malloc(N);
		nv.degraded = malloc(N);
		nv.blocked = malloc(N);
		reach = hard_reach(inv);
		st = seed;
		for (run = 0; run < 12; run++) {
			nf = run % 4 + 1;
			pick_failed(&st, N, failed, nf);
			scenario_run(sc, failed, nf);
			naive_run(a, failed, nf, reach, &nv);
			for (c = 0; c < N; c++)
				REQUIRE(scenario_is_down(sc, c) == nv.down[c],
				    "seed %llu run %zu: component %u",
				    (unsigned long long)seed, run, c);
			for (i = 0; i < inv->nservices; i++) {
				c = a->base[KIND_SERVICE] + (uint32_t)i;
				want = nv.down[c] ? STATE_DOWN :
				    nv.degraded[c] ? STATE_DEGRADED : STATE_UP;
				REQUIRE(scenario_service_state(sc, i) == want &&
				    scenario_recovery_blocked(sc, i) ==
				    nv.blocked[c], "seed %llu run %zu: "
				    "service %zu", (unsigned long long)seed,
				    run, i);
			}
		}
		free(reach);
		free(nv.down);
		free(nv.degraded);
		free(nv.blocked);
		scenario_free(sc);
		analysis_free(a);
		inventory_free(inv);
	}
}
END_TEST

Suite *
suite_scenario(void)
{
	Suite	*s = suite_create("scenario");
	TCase	*tc = tcase_create("whatif");

	tcase_add_test(tc, test_quorum_whatif);
	tcase_add_test(tc, test_fail_services_and_sets);
	tcase_add_test(tc, test_result_lists);
	tcase_add_test(tc, test_soft_cycle_stays_up);
	tcase_add_test(tc, test_against_naive);
	suite_add_tcase(s, tc);
	return s;
}
