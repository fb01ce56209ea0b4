/*
 * test_oracle.c -- the analysis against brute force with the reference
 * evaluator (oracle.h), on generated inventories with and without domains,
 * hosts on hosts and standby groups: every infrastructure component is
 * failed alone, and from what goes down follow the single points, what
 * takes what down, the blast radius, the minimal and implied causes, the
 * minimal members of any set, the explanation paths, the hard-dependency
 * cycles and the failover loops.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "gen_inventory.h"
#include "impact.h"
#include "oracle.h"
#include "suites.h"
#include "xalloc.h"

/* An assertion for hot loops: Check records every passing ck_assert. */
#define REQUIRE(cond, ...) do {						\
	if (!(cond))							\
		ck_abort_msg(__VA_ARGS__);				\
} while (0)

/* What a brute-force check works on. */
struct brute {
	const char		*what;
	uint64_t		 seed;
	const struct analysis	*a;
	uint32_t		 ninfra;
	uint32_t		 N;
	uint8_t			*down;	/* down[c * N + x]: c alone takes x */
};

static int
takes(const struct brute *b, uint32_t c, uint32_t x)
{
	return b->down[(size_t)c * b->N + x];
}

static const char *
ref(const struct brute *b, uint32_t c)
{
	static char	buf[4][160];
	static int	k;

	k = (k + 1) % 4;
	return analysis_component_ref(b->a, c, buf[k], sizeof buf[k]);
}

/* The single points, takes_down and the blast radius. */
static void
check_single_points(const struct brute *b)
{
	const struct analysis	*a = b->a;
	uint32_t		 sb = a->base[KIND_SERVICE], s, c, x, blast;
	const uint32_t		*sp;
	size_t			 n, k;

	for (c = 0; c < b->ninfra; c++)
		for (x = 0; x < b->N; x++)
			REQUIRE(!analysis_takes_down(a, c, x) == !takes(b, c, x),
			    "%s seed %llu: %s alone takes %s down: analysis "
			    "%d, the rules %d", b->what,
			    (unsigned long long)b->seed, ref(b, c), ref(b, x),
			    analysis_takes_down(a, c, x), takes(b, c, x));
	for (s = 0; s < a->inv->nservices; s++) {
		sp = analysis_single_points(a, s, &n);
		for (c = 0, k = 0; c < b->ninfra; c++) {
			REQUIRE(!analysis_is_single_point(a, s, c) ==
			    !takes(b, c, sb + s), "%s seed %llu: is %s a single "
			    "point of %s: analysis %d, the rules %d", b->what,
			    (unsigned long long)b->seed, ref(b, c),
			    ref(b, sb + s), analysis_is_single_point(a, s, c),
			    takes(b, c, sb + s));
			if (!takes(b, c, sb + s))
				continue;
			REQUIRE(k < n && sp[k] == c, "%s seed %llu: single "
			    "points of %s: %s missing or out of order",
			    b->what, (unsigned long long)b->seed,
			    ref(b, sb + s), ref(b, c));
			k++;
		}
		REQUIRE(k == n, "%s seed %llu: %s has %zu single points, the "
		    "rules say %zu", b->what, (unsigned long long)b->seed,
		    ref(b, sb + s), n, k);
	}
	for (c = 0; c < b->ninfra; c++) {
		for (s = 0, blast = 0; s < a->inv->nservices; s++)
			blast += takes(b, c, sb + s);
		REQUIRE(a->blast[c] == blast, "%s seed %llu: blast radius of "
		    "%s: analysis %u, the rules %u", b->what,
		    (unsigned long long)b->seed, ref(b, c), a->blast[c],
		    blast);
	}
}

/*
 * Minimal causes: the single points c of S such that no other single
 * point c' of S goes down when c fails.  Implied with c: the other single
 * points whose failure takes c down.
 */
static void
check_minimal_causes(const struct brute *b)
{
	const struct analysis	*a = b->a;
	uint32_t		 sb = a->base[KIND_SERVICE], s, *out, *want;
	const uint32_t		*sp, *mc;
	size_t			 n, nmc, i, j, k, nout;
	int			 minimal;

	out = xmalloc((b->ninfra + 1) * sizeof *out);
	want = xmalloc((b->ninfra + 1) * sizeof *want);
	for (s = 0; s < a->inv->nservices; s++) {
		sp = analysis_single_points(a, s, &n);
		mc = analysis_minimal_causes(a, s, &nmc);
		for (i = 0, k = 0; i < n; i++) {
			for (j = 0, minimal = 1; j < n && minimal; j++)
				if (j != i && takes(b, sp[i], sp[j]))
					minimal = 0;
			if (!minimal)
				continue;
			REQUIRE(k < nmc && mc[k] == sp[i], "%s seed %llu: "
			    "minimal causes of %s: %s missing or out of order",
			    b->what, (unsigned long long)b->seed,
			    ref(b, sb + s), ref(b, sp[i]));
			k++;
		}
		REQUIRE(k == nmc, "%s seed %llu: %s has %zu minimal causes, "
		    "the rules say %zu", b->what, (unsigned long long)b->seed,
		    ref(b, sb + s), nmc, k);
		REQUIRE(n == 0 || nmc > 0, "%s seed %llu: %s has single points "
		    "but no minimal cause", b->what,
		    (unsigned long long)b->seed, ref(b, sb + s));
		for (i = 0; i < n; i++) {
			for (j = 0, k = 0; j < n; j++)
				if (j != i && takes(b, sp[j], sp[i]))
					want[k++] = sp[j];
			nout = analysis_implied(a, sp[i], sp, n, out);
			REQUIRE(nout == k && memcmp(out, want, k *
			    sizeof *out) == 0, "%s seed %llu: causes implied "
			    "with %s for %s: analysis %zu, the rules %zu",
			    b->what, (unsigned long long)b->seed,
			    ref(b, sp[i]), ref(b, sb + s), nout, k);
		}
	}
	free(want);
	free(out);
}

/* analysis_minimal_among() on random sets in random order. */
static void
check_minimal_among(const struct brute *b, uint64_t *st)
{
	uint32_t	*v, *out, *want, t;
	size_t		 n, i, j, k, nout, round;
	int		 minimal;

	if (b->ninfra == 0)
		return;
	v = xmalloc(b->ninfra * sizeof *v);
	out = xmalloc(b->ninfra * sizeof *out);
	want = xmalloc(b->ninfra * sizeof *want);
	for (round = 0; round < 8; round++) {
		for (i = 0; i < b->ninfra; i++)
			v[i] = (uint32_t)i;
		for (i = b->ninfra; i > 1; i--) {
			*st = *st * 6364136223846793005ULL +
			    1442695040888963407ULL;
			j = (size_t)((*st >> 33) % i);
			t = v[i - 1];
			v[i - 1] = v[j];
			v[j] = t;
		}
		n = 1 + (size_t)((*st >> 17) % b->ninfra);
		for (i = 0, k = 0; i < n; i++) {
			for (j = 0, minimal = 1; j < n && minimal; j++)
				if (j != i && takes(b, v[i], v[j]))
					minimal = 0;
			if (minimal)
				want[k++] = v[i];
		}
		nout = analysis_minimal_among(b->a, v, n, out);
		REQUIRE(nout == k && memcmp(out, want, k * sizeof *out) == 0,
		    "%s seed %llu: minimal among %zu components: analysis "
		    "%zu, the rules %zu", b->what, (unsigned long long)b->seed,
		    n, nout, k);
	}
	free(want);
	free(out);
	free(v);
}

/* Whether x needs y directly, not softly (x is among what y's failure
 * reaches first). */
static int
needs(const struct analysis *a, uint32_t x, uint32_t y)
{
	const uint32_t	*v;
	size_t		 n, i;

	v = analysis_needed_by(a, y, &n);
	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* Every step of an explanation path needs the next one and goes down
 * with its cause. */
static void
check_paths(const struct brute *b)
{
	const struct analysis	*a = b->a;
	struct path_step	*st;
	uint32_t		 sb = a->base[KIND_SERVICE], s;
	const uint32_t		*sp;
	size_t			 n, np, i, k;

	for (s = 0; s < a->inv->nservices; s++) {
		sp = analysis_single_points(a, s, &n);
		for (k = 0; k < n; k++) {
			np = analysis_explain(a, sb + s, sp[k], &st);
			REQUIRE(np >= 2 && st[0].component == sb + s &&
			    st[np - 1].component == sp[k], "%s seed %llu: no "
			    "path from %s to %s", b->what,
			    (unsigned long long)b->seed, ref(b, sb + s),
			    ref(b, sp[k]));
			for (i = 0; i + 1 < np; i++)
				REQUIRE(needs(a, st[i].component,
				    st[i + 1].component), "%s seed %llu: path "
				    "from %s to %s: %s does not need %s",
				    b->what, (unsigned long long)b->seed,
				    ref(b, sb + s), ref(b, sp[k]),
				    ref(b, st[i].component),
				    ref(b, st[i + 1].component));
			for (i = 0; i < np; i++)
				REQUIRE(takes(b, sp[k], st[i].component),
				    "%s seed %llu: path from %s to %s: step "
				    "%s stays up", b->what,
				    (unsigned long long)b->seed,
				    ref(b, sb + s), ref(b, sp[k]),
				    ref(b, st[i].component));
			free(st);
		}
	}
}

/* reach[i * ns + j]: service i reaches j over hard and via edges. */
static uint8_t *
hard_via_reach(const struct inventory *inv)
{
	const struct service	*sv;
	const struct standby	*g;
	const struct ref	*r;
	size_t			 ns = inv->nservices, i, j, k;
	uint8_t			*reach = xcalloc(ns * ns + 1, 1);

	for (i = 0; i < ns; i++) {
		sv = &inv->services[i];
		reach[i * ns + i] = 1;
		r = inventory_refs(inv, sv->depends_on);
		for (j = 0; j < sv->depends_on.n; j++)
			if (!r[j].soft)
				reach[i * ns + r[j].target] = 1;
		for (k = 0; k < sv->nstandby; k++) {
			g = &inv->standbys[sv->standby_off + k];
			r = inventory_refs(inv, g->via);
			for (j = 0; j < g->via.n; j++)
				reach[i * ns + r[j].target] = 1;
		}
	}
	for (k = 0; k < ns; k++)
		for (i = 0; i < ns; i++)
			if (reach[i * ns + k])
				for (j = 0; j < ns; j++)
					reach[i * ns + j] |= reach[k * ns + j];
	return reach;
}

/*
 * Failover loops (the failover-loop rule): a via tool t of S needs S
 * when t reaches S over hard and via edges (analysis_failover_needs); S
 * is in a failover loop when its component of hard and via edges holds a
 * via edge (analysis_in_failover_loop).
 */
static void
check_loops(const char *what, uint64_t seed, const struct analysis *a)
{
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	const struct standby	*g;
	const struct ref	*r;
	size_t			 ns = inv->nservices, i, j, k, m;
	uint8_t			*reach = hard_via_reach(inv);
	int			 any;
	char			 buf[160], tb[160];

	for (i = 0; i < ns; i++) {
		sv = &inv->services[i];
		analysis_component_ref(a, a->base[KIND_SERVICE] + (uint32_t)i,
		    buf, sizeof buf);
		for (k = 0; k < sv->nstandby; k++) {
			g = &inv->standbys[sv->standby_off + k];
			r = inventory_refs(inv, g->via);
			for (j = 0; j < g->via.n; j++)
				REQUIRE(!analysis_failover_needs(a,
				    r[j].target, (uint32_t)i) ==
				    !reach[r[j].target * ns + i], "%s seed "
				    "%llu: does via tool %s need %s: analysis "
				    "%d, the rules %d", what,
				    (unsigned long long)seed,
				    analysis_component_ref(a, a->base[
				    KIND_SERVICE] + r[j].target, tb,
				    sizeof tb), buf, analysis_failover_needs(a,
				    r[j].target, (uint32_t)i),
				    reach[r[j].target * ns + i]);
		}
		for (m = 0, any = 0; m < ns && !any; m++) {
			if (!reach[i * ns + m] || !reach[m * ns + i])
				continue;
			for (k = 0; k < inv->services[m].nstandby; k++) {
				g = &inv->standbys[inv->services[m].standby_off
				    + k];
				r = inventory_refs(inv, g->via);
				for (j = 0; j < g->via.n; j++)
					any |= reach[r[j].target * ns + i] &&
					    reach[i * ns + r[j].target];
			}
		}
		REQUIRE(!analysis_in_failover_loop(a, (uint32_t)i) == !any,
		    "%s seed %llu: is %s in a failover loop: analysis %d, the "
		    "rules %d", what, (unsigned long long)seed, buf,
		    analysis_in_failover_loop(a, (uint32_t)i), any);
	}
	free(reach);
}

/* Hard-dependency cycles are the oracle's units of more than one service
 * or with a hard dependency on itself; fate groups are the units. */
static void
check_cycles(const struct brute *b, const struct oracle *o)
{
	const struct inventory	*inv = b->a->inv;
	const struct service	*sv;
	const struct ref	*r;
	const uint32_t		*fg;
	size_t			 ns = inv->nservices, i, j, n, m, ncyc = 0;
	int			 self;

	for (i = 0; i < ns; i++) {
		sv = &inv->services[i];
		fg = analysis_fate_group(b->a, (uint32_t)i, &n);
		for (j = 0, m = 0; j < ns; j++) {
			if (oracle_unit(o, (uint32_t)j) !=
			    oracle_unit(o, (uint32_t)i))
				continue;
			REQUIRE(m < n && fg[m] == j, "%s seed %llu: fate group "
			    "of %s", b->what, (unsigned long long)b->seed,
			    ref(b, b->a->base[KIND_SERVICE] + (uint32_t)i));
			m++;
		}
		REQUIRE(m == n, "%s seed %llu: fate group of %s has %zu, the "
		    "rules %zu", b->what, (unsigned long long)b->seed,
		    ref(b, b->a->base[KIND_SERVICE] + (uint32_t)i), n, m);
		r = inventory_refs(inv, sv->depends_on);
		for (j = 0, self = 0; j < sv->depends_on.n; j++)
			self |= !r[j].soft && r[j].target == i;
		if (oracle_unit(o, (uint32_t)i) == i && (m > 1 || self))
			ncyc++;
	}
	REQUIRE(b->a->ncycles == ncyc, "%s seed %llu: %zu cycles, the rules "
	    "%zu", b->what, (unsigned long long)b->seed, b->a->ncycles, ncyc);
}

static void
brute_check(const char *what, uint64_t seed, struct inventory *inv)
{
	struct diag_list	 dl;
	struct analysis		*a;
	struct oracle		*o;
	struct brute		 b;
	uint32_t		 c, x;
	uint64_t		 st = seed + 1;

	REQUIRE(inv != NULL, "%s seed %llu: the generator's inventory does "
	    "not resolve", what, (unsigned long long)seed);
	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	REQUIRE(a != NULL && dl.n == 0, "%s seed %llu: no analysis", what,
	    (unsigned long long)seed);
	diag_list_free(&dl);
	o = oracle_create(inv);
	b.what = what;
	b.seed = seed;
	b.a = a;
	b.ninfra = a->base[KIND_SERVICE];
	b.N = a->base[KIND_COUNT];
	REQUIRE(b.N == oracle_ncomponents(o), "%s seed %llu: component "
	    "numbers", what, (unsigned long long)seed);
	b.down = xmalloc((size_t)b.ninfra * b.N + 1);
	for (c = 0; c < b.ninfra; c++) {
		oracle_run(o, &c, 1);
		for (x = 0; x < b.N; x++)
			b.down[(size_t)c * b.N + x] = (uint8_t)oracle_down(o,
			    x);
	}
	check_single_points(&b);
	check_minimal_causes(&b);
	check_minimal_among(&b, &st);
	check_paths(&b);
	check_cycles(&b, o);
	free(b.down);
	oracle_free(o);
	analysis_free(a);
	inventory_free(inv);
}

static const struct inventory	*sort_inv;

/* Domains by type, then id. */
static int
cmp_domain(const void *x, const void *y)
{
	const struct domain	*a = &sort_inv->domains[*(const uint32_t *)x];
	const struct domain	*b = &sort_inv->domains[*(const uint32_t *)y];
	int			 c;

	c = strcmp(inventory_str(sort_inv, a->type),
	    inventory_str(sort_inv, b->type));
	return c != 0 ? c : strcmp(inventory_str(sort_inv, a->e.id),
	    inventory_str(sort_inv, b->e.id));
}

/*
 * The loss matrix: every site, every power domain in inventory order,
 * every domain by type and id, failed alone; each cell the service's
 * state with the blocked and exposed bits.
 */
static void
check_matrix(const char *what, uint64_t seed, struct inventory *inv)
{
	struct diag_list	 dl;
	struct analysis		*a;
	struct oracle		*o;
	const struct loss_matrix *mx;
	uint32_t		*rows, s, want;
	size_t			 nrows = 0, r, i;

	REQUIRE(inv != NULL, "%s seed %llu: no inventory", what,
	    (unsigned long long)seed);
	diag_list_init(&dl);
	a = analysis_create(inv, &dl);
	REQUIRE(a != NULL, "%s seed %llu: no analysis", what,
	    (unsigned long long)seed);
	diag_list_free(&dl);
	impact_fill_matrix(a);
	mx = &a->matrix;
	o = oracle_create(inv);
	rows = xmalloc((inv->nsites + inv->npower + inv->ndomains + 1) *
	    sizeof *rows);
	for (i = 0; i < inv->nsites; i++)
		rows[nrows++] = a->base[KIND_SITE] + (uint32_t)i;
	for (i = 0; i < inv->npower; i++)
		rows[nrows++] = a->base[KIND_POWER] + (uint32_t)i;
	for (i = 0; i < inv->ndomains; i++)
		rows[nrows + i] = (uint32_t)i;
	sort_inv = inv;
	qsort(rows + nrows, inv->ndomains, sizeof *rows, cmp_domain);
	for (i = 0; i < inv->ndomains; i++)
		rows[nrows + i] += a->base[KIND_DOMAIN];
	nrows += inv->ndomains;
	REQUIRE(mx->nrows == nrows && mx->nservices == inv->nservices,
	    "%s seed %llu: matrix of %zu rows, the rules %zu", what,
	    (unsigned long long)seed, mx->nrows, nrows);
	for (r = 0; r < nrows; r++) {
		REQUIRE(mx->rows[r] == rows[r], "%s seed %llu: matrix row "
		    "%zu", what, (unsigned long long)seed, r);
		oracle_run(o, &rows[r], 1);
		for (s = 0; s < inv->nservices; s++) {
			want = (uint32_t)oracle_state(o, s) |
			    (oracle_blocked(o, s) ? MATRIX_BLOCKED : 0) |
			    (oracle_exposed(o, s) ? MATRIX_EXPOSED : 0);
			REQUIRE(mx->cells[r * inv->nservices + s] == want,
			    "%s seed %llu: matrix row %zu, service %u: %u, "
			    "the rules %u", what, (unsigned long long)seed, r,
			    s, mx->cells[r * inv->nservices + s], want);
		}
	}
	free(rows);
	oracle_free(o);
	analysis_free(a);
	inventory_free(inv);
}

START_TEST(test_matrix)
{
	static const struct gen_features	ft = { 6, 35, 25, 50, 40, 20 };
	uint64_t				seed;

	for (seed = 0; seed < 300; seed++)
		check_matrix("plain", seed, gen_inventory(seed, NULL));
	for (seed = 0; seed < 1000; seed++)
		check_matrix("features", seed, gen_inventory_ex(seed, NULL,
		    &ft));
}
END_TEST

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/*
 * The oracle's outcome of failing kind:id alone, "down: ..; degraded: ..;
 * blocked: ..; exposed: ..", each list sorted by id.
 */
static const char *
oracle_outcome(const struct inventory *inv, struct oracle *o,
    enum entity_kind k, const char *id)
{
	static const char	*label[4] = { "down:", "; degraded:",
				    "; blocked:", "; exposed:" };
	static char		 out[2048];
	const char		*v[64];
	uint32_t		 c, s;
	size_t			 n, i;
	int			 part, hit;

	ck_assert_uint_ne(inventory_find(inv, k, id), INDEX_NONE);
	c = oracle_base(o, k) + inventory_find(inv, k, id);
	oracle_run(o, &c, 1);
	out[0] = '\0';
	for (part = 0; part < 4; part++) {
		for (s = 0, n = 0; s < inv->nservices; s++) {
			hit = part == 0 ? oracle_state(o, s) == STATE_DOWN :
			    part == 1 ? oracle_state(o, s) == STATE_DEGRADED :
			    part == 2 ? oracle_blocked(o, s) :
			    oracle_exposed(o, s);
			if (hit)
				v[n++] = inventory_str(inv,
				    inv->services[s].e.id);
		}
		qsort(v, n, sizeof *v, cmp_str);
		strcat(out, label[part]);
		for (i = 0; i < n; i++) {
			strcat(out, " ");
			strcat(out, v[i]);
		}
	}
	return out;
}

/* The oracle itself against the worked examples' expected whatifs. */
START_TEST(test_oracle_examples)
{
	struct inventory	*inv = gen_quorum_and_power();
	struct oracle		*o;
	const char		*south = "down: deploy quorum-tight search web; "
				    "degraded: a pair quorum; blocked: web; "
				    "exposed:";
	const char		*north = "down: chat proxy traffic-switch; "
				    "degraded: chat-auto deploy; blocked: chat; "
				    "exposed:";

	ck_assert_ptr_nonnull(inv);
	o = oracle_create(inv);
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_POWER, "grid"), south);
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_POWER, "north-gen"),
	    "down:; degraded:; blocked:; exposed:");
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_SITE, "east"),
	    "down: a b quorum-tight web; degraded: deploy quorum; blocked:; "
	    "exposed:");
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_SITE, "north"),
	    "down: quorum-tight web; degraded: a deploy pair quorum; "
	    "blocked:; exposed:");
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_SITE, "south"), south);
	oracle_free(o);
	inventory_free(inv);

	inv = gen_failover_and_domains();
	ck_assert_ptr_nonnull(inv);
	o = oracle_create(inv);
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_DOMAIN, "core-1"),
	    "down:; degraded:; blocked:; exposed:");
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_DOMAIN,
	    "north-battery-room"), north);
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_HOST, "n-hv-1"),
	    "down: proxy; degraded:; blocked:; exposed:");
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_HOST, "n-ops-1"),
	    "down: traffic-switch; degraded: deploy; blocked:; "
	    "exposed: chat");
	ck_assert_str_eq(oracle_outcome(inv, o, KIND_SITE, "north"), north);
	oracle_free(o);
	inventory_free(inv);
}
END_TEST

START_TEST(test_brute_plain)
{
	static const struct gen_limits	lim = { 5, 16, 12, 80, 50 };
	uint64_t			seed;

	for (seed = 0; seed < 1500; seed++)
		brute_check("plain", seed, gen_inventory(seed, NULL));
	for (seed = 1000; seed < 1040; seed++)
		brute_check("plain larger", seed, gen_inventory(seed, &lim));
}
END_TEST

START_TEST(test_brute_features)
{
	static const struct gen_features	ft = { 4, 35, 25, 50, 40, 0 };
	static const struct gen_features	loops = { 2, 20, 20, 90, 70, 30 };
	static const struct gen_features	deep = { 8, 60, 40, 40, 30, 50 };
	static const struct gen_limits		big = { 5, 14, 10, 50, 30 };
	uint64_t				seed;

	for (seed = 0; seed < 2000; seed++)
		brute_check("features", seed, gen_inventory_ex(seed, NULL,
		    &ft));
	for (seed = 0; seed < 1500; seed++)
		brute_check("loops", seed, gen_inventory_ex(seed, NULL,
		    &loops));
	for (seed = 0; seed < 1000; seed++)
		brute_check("deep", seed, gen_inventory_ex(seed, NULL,
		    &deep));
	for (seed = 0; seed < 60; seed++)
		brute_check("larger", seed, gen_inventory_ex(seed, &big,
		    &ft));
}
END_TEST

/* A service with an active host h1 and a standby host h2, both in s. */
static struct inventory *
standby_pair(void)
{
	struct inventory	*inv = gen_new();

	gen_site(inv, "s");
	gen_host(inv, "h1", "s", NULL, NULL);
	gen_host(inv, "h2", "s", NULL, NULL);
	return inv;
}

/* Service id is down after h1 fails, its via tool T needs it, and it is
 * in a failover loop. */
static void
check_loop(struct inventory *inv, const char *id)
{
	struct diag_list	 dl;
	struct analysis		*a;
	struct scenario		*sc;
	uint32_t		 s, h1;

	diag_list_init(&dl);
	ck_assert_int_eq(inventory_resolve(inv, &dl), 0);
	a = analysis_create(inv, &dl);
	ck_assert_ptr_nonnull(a);
	diag_list_free(&dl);
	s = inventory_find(inv, KIND_SERVICE, id);
	h1 = a->base[KIND_HOST] + inventory_find(inv, KIND_HOST, "h1");
	sc = scenario_create(a);
	scenario_run(sc, &h1, 1);
	ck_assert_int_eq(scenario_service_state(sc, s), STATE_DOWN);
	ck_assert_int_eq(analysis_is_single_point(a, s, h1), 1);
	ck_assert_int_eq(analysis_failover_needs(a,
	    inventory_find(inv, KIND_SERVICE, "T"), s), 1);
	ck_assert_msg(analysis_in_failover_loop(a, s), "%s: not in a "
	    "failover loop", id);
	scenario_free(sc);
	analysis_free(a);
	inventory_free(inv);
}

/*
 * A failover tool that needs the service: through a hard dependency, or
 * in a hard cycle with the service.  The failover never happens, and each
 * is a failover loop.
 */
START_TEST(test_failover_loops)
{
	struct inventory	*inv;

	inv = standby_pair();
	gen_service(inv, "S", SERVICE_APP, 0, "h1", NULL, NULL);
	gen_standby(inv, 0, "h2", "T");
	gen_service(inv, "T", SERVICE_TOOL, 0, "h2", "S", NULL);
	check_loop(inv, "S");

	inv = standby_pair();
	gen_service(inv, "S", SERVICE_APP, 0, "h1", "T", NULL);
	gen_standby(inv, 0, "h2", "T");
	gen_service(inv, "T", SERVICE_TOOL, 0, "h2", "S", NULL);
	check_loop(inv, "S");

}
END_TEST

/* check_loops() on generated inventories with failover loops. */
START_TEST(test_loops_generated)
{
	static const struct gen_features	loops = { 2, 20, 20, 90, 70, 30 };
	struct inventory			*inv;
	struct analysis				*a;
	struct diag_list			 dl;
	uint64_t				 seed;

	for (seed = 0; seed < 2000; seed++) {
		inv = gen_inventory_ex(seed, NULL, &loops);
		ck_assert_ptr_nonnull(inv);
		diag_list_init(&dl);
		a = analysis_create(inv, &dl);
		ck_assert_ptr_nonnull(a);
		diag_list_free(&dl);
		check_loops("loops", seed, a);
		analysis_free(a);
		inventory_free(inv);
	}
}
END_TEST

Suite *
suite_oracle(void)
{
	Suite	*s = suite_create("oracle");
	TCase	*tc = tcase_create("brute force");

	tcase_add_test(tc, test_oracle_examples);
	tcase_add_test(tc, test_failover_loops);
	tcase_add_test(tc, test_loops_generated);
	tcase_add_test(tc, test_brute_plain);
	tcase_add_test(tc, test_matrix);
	tcase_add_test(tc, test_brute_features);
	suite_add_tcase(s, tc);
	return s;
}
