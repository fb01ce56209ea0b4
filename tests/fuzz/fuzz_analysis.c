/*
 * fuzz_analysis.c -- libFuzzer target: the analysis against brute force
 * with the reference evaluator (tests/oracle.h).
 *
 * The bytes are decoded into a small valid inventory, one byte per choice,
 * built with the gen_inventory.h builders: first counts, sites, power
 * feeds in a random acyclic order, racks, hosts with and without racks
 * and power, services with k-of-n min_up, hard and soft dependencies
 * including cycles, recovery tools; then, from the bytes left (none: an
 * inventory without them), the optional keys: domains above the sites
 * (sites in them, regions naming them) and among the power domains (with
 * sites, in and fed by power and each other, power in and fed by them),
 * racks and hosts in domains, hosts on earlier hosts, and standby groups
 * whose via tools (other services) may close failover loops.  Then every component is
 * failed alone, with the oracle and with scenario_run().  The target
 * aborts when the analysis disagrees:
 *   - a service is down <=> the component is one of its single points;
 *   - the blast radius of the component is the number of services down;
 *   - the minimal causes follow from what takes what down;
 *   - scenario_run() gives the same component states, service states,
 *     recovery-blocked and exposed services as the oracle;
 *   - findings_compute() succeeds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "diag.h"
#include "findings.h"
#include "gen_inventory.h"
#include "inventory.h"
#include "oracle.h"
#include "xalloc.h"

#define MAX_SITES	4
#define MAX_POWER	7
#define MAX_RACKS	5
#define MAX_HOSTS	12
#define MAX_SERVICES	10
#define MAX_DOMAINS	6

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The fuzzer's bytes, read one choice at a time (0 when exhausted). */
struct src {
	const uint8_t	*p;
	size_t		 n;
};

static unsigned
take(struct src *s, unsigned n)
{
	unsigned	v;

	if (n <= 1 || s->n == 0)
		return 0;
	v = *s->p++;
	s->n--;
	return v % n;
}

static void
cat(char *buf, size_t size, const char *prefix, unsigned i)
{
	size_t	len = strlen(buf);

	snprintf(buf + len, size - len, "%s%s%u", len ? " " : "", prefix, i);
}

/*
 * Domains: "upper" ones (no site; in and fed by earlier upper ones) come
 * before every site, so sites may be in them and name them as region;
 * "lower" ones sit at a position pos among the power domains (ordered by
 * rank): a lower domain names power of rank below pos and lower domains
 * before it, a power domain names lower domains with pos up to its rank.
 * Every reference goes to an earlier node, so nothing closes a cycle.
 */
struct fz_domain {
	int		upper;
	unsigned	pos;
};

/* d names e (both domains): e comes first. */
static int
dom_before(const struct fz_domain *dom, unsigned e, unsigned d)
{
	if (dom[e].upper != dom[d].upper)
		return dom[e].upper;
	if (dom[e].upper)
		return e < d;
	return dom[e].pos < dom[d].pos ||
	    (dom[e].pos == dom[d].pos && e < d);
}

static void
decode_optional(struct src *s, struct inventory *inv, const unsigned *rank)
{
	struct fz_domain	 dom[MAX_DOMAINS];
	struct site		*st;
	struct power		*pw;
	struct host		*h;
	struct service		*sv;
	struct standby		*g;
	const struct ref	*r;
	unsigned		 nd, np, ns, nh, nv, i, j, k, n, inmask;
	char			 id[32], list[512], via[64];
	uint8_t			 used[MAX_HOSTS];

	nd = take(s, MAX_DOMAINS + 1);
	np = (unsigned)inv->npower;
	ns = (unsigned)inv->nsites;
	nh = (unsigned)inv->nhosts;
	nv = (unsigned)inv->nservices;
	for (i = 0; i < nd; i++) {
		dom[i].upper = take(s, 3) == 0;
		dom[i].pos = dom[i].upper ? 0 : take(s, np + 1);
	}
	for (i = 0; i < nd; i++) {
		snprintf(id, sizeof id, "dom%u", i);
		list[0] = via[0] = '\0';
		if (!dom[i].upper && take(s, 2))
			cat(via, sizeof via, "site", take(s, ns));
		gen_domain(inv, id, dom[i].upper ? "region" : "room", via,
		    NULL, NULL);
		for (j = 0, k = 0; j < nd && k < 3; j++)
			if (j != i && dom_before(dom, j, i) && take(s, 3) == 1) {
				cat(list, sizeof list, "dom", j);
				k++;
			}
		for (j = 0; !dom[i].upper && j < np && k < 3; j++)
			if (rank[j] < dom[i].pos && take(s, 3) == 1) {
				cat(list, sizeof list, "pw", j);
				k++;
			}
		gen_fed_by(inv, KIND_DOMAIN, list);
		list[0] = '\0';
		for (j = 0, k = 0; j < nd && k < 2; j++)
			if (j != i && dom_before(dom, j, i) && take(s, 4) == 1) {
				cat(list, sizeof list, "dom", j);
				k++;
			}
		gen_in(inv, KIND_DOMAIN, list);
	}
	for (i = 0; i < ns; i++) {
		st = &inv->sites[i];
		list[0] = '\0';
		for (j = 0, k = 0, inmask = 0; j < nd && k < 2; j++)
			if (dom[j].upper && take(s, 4) == 1) {
				cat(list, sizeof list, "dom", j);
				inmask |= 1u << j;
				k++;
			}
		st->in = gen_ref_span(inv, REF_FEED, list);
		/* A region naming an upper domain not in its `in`, or a
		 * label. */
		j = take(s, nd + 2);
		if (j < nd && dom[j].upper && (inmask & (1u << j)) == 0) {
			snprintf(id, sizeof id, "dom%u", j);
			st->region = inventory_intern(inv, id, strlen(id));
		} else if (j == nd) {
			snprintf(id, sizeof id, "label%u", i);
			st->region = inventory_intern(inv, id, strlen(id));
		}
	}
	for (i = 0; i < np; i++) {
		pw = &inv->power[i];
		list[0] = '\0';
		for (j = 0, k = 0; j < nd && k < 2; j++)
			if (!dom[j].upper && dom[j].pos <= rank[i] &&
			    take(s, 4) == 1) {
				cat(list, sizeof list, "dom", j);
				k++;
			}
		inv->power[i].in = gen_ref_span(inv, REF_FEED, list);
		/* More feeds: its power feeds again, and lower domains. */
		list[0] = '\0';
		r = inventory_refs(inv, pw->fed_by);
		for (j = 0; j < pw->fed_by.n; j++) {
			snprintf(id, sizeof id, "%s%s", j ? " " : "",
			    inventory_str(inv, r[j].sym));
			strcat(list, id);
		}
		for (j = 0, k = 0; j < nd && k < 2; j++)
			if (!dom[j].upper && dom[j].pos <= rank[i] &&
			    take(s, 5) == 1) {
				cat(list, sizeof list, "dom", j);
				k++;
			}
		if (k > 0)
			inv->power[i].fed_by = gen_ref_span(inv, REF_FEED,
			    list);
	}
	for (i = 0; i < inv->nracks; i++) {
		list[0] = '\0';
		for (j = 0, k = 0; j < nd && k < 2; j++)
			if (take(s, 4) == 1) {
				cat(list, sizeof list, "dom", j);
				k++;
			}
		inv->racks[i].in = gen_ref_span(inv, REF_FEED, list);
	}
	for (i = 0; i < nh; i++) {
		h = &inv->hosts[i];
		if (i > 0 && take(s, 4) == 1) {
			/* On an earlier host: its site, rack and power come
			 * from there. */
			list[0] = '\0';
			cat(list, sizeof list, "host", take(s, i));
			h->site_ref.n = h->rack_ref.n = h->power.n = 0;
			h->on_ref = gen_ref_span(inv, KIND_HOST, list);
		}
		list[0] = '\0';
		for (j = 0, k = 0; j < nd && k < 2; j++)
			if (take(s, 5) == 1) {
				cat(list, sizeof list, "dom", j);
				k++;
			}
		inv->hosts[i].in = gen_ref_span(inv, REF_FEED, list);
	}
	for (i = 0; i < nv; i++) {
		sv = &inv->services[i];
		if (sv->runs_on.n == 0)
			continue;
		/* Standby hosts: not among its active ones (names, since
		 * nothing is resolved yet). */
		memset(used, 0, sizeof used);
		r = inventory_refs(inv, sv->runs_on);
		for (j = 0; j < sv->runs_on.n; j++)
			if (sscanf(inventory_str(inv, r[j].sym), "host%u",
			    &k) == 1 && k < MAX_HOSTS)
				used[k] = 1;
		n = take(s, 3);
		while (n-- > 0) {
			list[0] = via[0] = '\0';
			for (j = 0, k = 1 + take(s, 3); j < nh && k > 0; j++)
				if (!used[j] && take(s, 3) == 0) {
					cat(list, sizeof list, "host", j);
					used[j] = 1;
					k--;
				}
			if (list[0] == '\0')
				break;
			for (j = 0, k = 0; j < nv && k < 2; j++)
				if (j != i && take(s, 5) == 1) {
					cat(via, sizeof via, "svc", j);
					k++;
				}
			g = inventory_add_standby(inv);
			g->runs_on = gen_ref_span(inv, KIND_HOST, list);
			g->via = gen_ref_span(inv, KIND_SERVICE, via);
			g->min_up = take(s, g->runs_on.n + 1);
			sv = &inv->services[i];
			if (sv->nstandby == 0)
				sv->standby_off = (uint32_t)(inv->nstandbys -
				    1);
			sv->nstandby++;
		}
	}
}

static struct inventory *
decode(struct src *s)
{
	struct inventory	*inv;
	struct diag_list	 dl;
	unsigned		 ns, np, nr, nh, nv, i, j, t, k, n;
	unsigned		 rank[MAX_POWER], rsite[MAX_RACKS];
	unsigned		 pick[4];
	char			 id[32], a[32], b[32], list[256], deps[512],
				 rec[64];
	enum service_kind	 kind;

	ns = 1 + take(s, MAX_SITES);
	np = take(s, MAX_POWER + 1);
	nr = take(s, MAX_RACKS + 1);
	nh = 1 + take(s, MAX_HOSTS);
	nv = 1 + take(s, MAX_SERVICES);
	inv = gen_new();

	for (i = 0; i < ns; i++) {
		snprintf(id, sizeof id, "site%u", i);
		gen_site(inv, id);
	}
	/* fed_by follows a permutation, so it is acyclic in any order. */
	for (i = 0; i < np; i++)
		rank[i] = i;
	for (i = np; i > 1; i--) {
		j = take(s, i);
		t = rank[i - 1];
		rank[i - 1] = rank[j];
		rank[j] = t;
	}
	for (i = 0; i < np; i++) {
		snprintf(id, sizeof id, "pw%u", i);
		a[0] = list[0] = '\0';
		if ((t = take(s, ns + 1)) < ns)
			cat(a, sizeof a, "site", t);
		for (j = 0, k = 0; j < np && k < 3; j++) {
			if (rank[j] < rank[i] && take(s, 2)) {
				cat(list, sizeof list, "pw", j);
				k++;
			}
		}
		gen_power(inv, id, a, list);
	}
	for (i = 0; i < nr; i++) {
		snprintf(id, sizeof id, "rack%u", i);
		rsite[i] = take(s, ns);
		a[0] = list[0] = '\0';
		cat(a, sizeof a, "site", rsite[i]);
		for (j = 0, k = 0; j < np && k < 3; j++) {
			if (take(s, 2)) {
				cat(list, sizeof list, "pw", j);
				k++;
			}
		}
		gen_rack(inv, id, a, list);
	}
	for (i = 0; i < nh; i++) {
		snprintf(id, sizeof id, "host%u", i);
		a[0] = b[0] = list[0] = '\0';
		t = nr > 0 ? take(s, 3) : 0;
		if (t == 0)
			cat(a, sizeof a, "site", take(s, ns));
		else {
			j = take(s, nr);
			cat(b, sizeof b, "rack", j);
			if (t == 2)
				cat(a, sizeof a, "site", rsite[j]);
		}
		for (j = 0, k = 0; j < np && k < 2; j++) {
			if (take(s, 3) == 0) {
				cat(list, sizeof list, "pw", j);
				k++;
			}
		}
		gen_host(inv, id, a, b, list);
	}
	for (i = 0; i < nv; i++) {
		snprintf(id, sizeof id, "svc%u", i);
		kind = (enum service_kind)take(s, SERVICE_KIND_COUNT);
		list[0] = deps[0] = rec[0] = '\0';
		n = 0;
		if (kind != SERVICE_EXTERNAL || take(s, 2)) {
			t = 1 + take(s, nh < 4 ? nh : 4);
			for (k = 0; k < t; k++) {
				pick[n] = take(s, nh);
				for (j = 0; j < n && pick[j] != pick[n]; j++)
					continue;
				if (j == n)
					cat(list, sizeof list, "host", pick[n++]);
			}
		}
		for (j = 0; j < nv; j++) {
			t = take(s, 8);
			if (t == 1)
				cat(deps, sizeof deps, "svc", j);
			else if (t == 2)
				cat(deps, sizeof deps, "~svc", j);
		}
		for (j = 0, k = 0; j < nv && k < 2; j++) {
			if (take(s, 6) == 1) {
				cat(rec, sizeof rec, "svc", j);
				k++;
			}
		}
		gen_service(inv, id, kind, n > 0 ? take(s, n + 1) : 0, list,
		    deps, rec);
	}

	decode_optional(s, inv, rank);

	diag_list_init(&dl);
	if (inventory_resolve(inv, &dl) != 0) {
		diag_list_print(&dl, stderr, 0);
		fprintf(stderr, "fuzz_analysis: decoded inventory invalid\n");
		abort();
	}
	diag_list_free(&dl);
	return inv;
}

static void
fail(const struct analysis *a, uint32_t f, uint32_t s, const char *what,
    int expected, int got)
{
	char	fb[160], sb[160];

	fprintf(stderr, "fuzz_analysis: failing %s: %s of %s: brute force "
	    "%d, analysis %d\n", analysis_component_ref(a, f, fb, sizeof fb),
	    what, analysis_component_ref(a, a->base[KIND_SERVICE] + s, sb,
	    sizeof sb), expected, got);
	abort();
}

/*
 * The minimal causes of every service from takes[c * total + x] (the lone
 * failure of infrastructure c takes x down).
 */
static void
check_minimal(const struct analysis *a, const uint8_t *takes)
{
	const struct inventory	*inv = a->inv;
	uint32_t		 total = a->base[KIND_COUNT], s;
	const uint32_t		*sp, *mc;
	size_t			 n, nmc, i, j, k;
	int			 minimal;

	for (s = 0; s < inv->nservices; s++) {
		sp = analysis_single_points(a, s, &n);
		mc = analysis_minimal_causes(a, s, &nmc);
		for (i = 0, k = 0; i < n; i++) {
			for (j = 0, minimal = 1; j < n && minimal; j++)
				if (j != i && takes[(size_t)sp[i] * total +
				    sp[j]])
					minimal = 0;
			if (!minimal)
				continue;
			if (k >= nmc || mc[k] != sp[i])
				fail(a, sp[i], s, "minimal cause", 1, 0);
			k++;
		}
		if (k != nmc)
			fail(a, k < nmc ? mc[k] : 0, s, "minimal cause", 0, 1);
	}
}

static void
cross_check(const struct analysis *a)
{
	const struct inventory	*inv = a->inv;
	uint32_t		 total = a->base[KIND_COUNT];
	uint32_t		 ninfra = a->base[KIND_SERVICE];
	uint32_t		 f, s, c, blast, prev;
	uint8_t			*takes;
	struct scenario		*sc;
	struct oracle		*o;
	const uint32_t		*sp;
	size_t			 nsp, i;
	enum service_state	 want, got;

	takes = xmalloc((size_t)ninfra * total + 1);
	sc = scenario_create(a);
	o = oracle_create(inv);

	/* The single point lists: sorted, infrastructure, no duplicates. */
	for (s = 0; s < inv->nservices; s++) {
		sp = analysis_single_points(a, s, &nsp);
		for (i = 0, prev = UINT32_MAX; i < nsp; i++) {
			if (sp[i] >= ninfra || (prev != UINT32_MAX &&
			    sp[i] <= prev))
				fail(a, sp[i], s, "single point list", 0, 1);
			prev = sp[i];
		}
	}

	for (f = 0; f < total; f++) {
		oracle_run(o, &f, 1);
		scenario_run(sc, &f, 1);
		blast = 0;
		for (s = 0; s < inv->nservices; s++) {
			c = a->base[KIND_SERVICE] + s;
			if (f < ninfra) {
				if (oracle_down(o, c) !=
				    analysis_is_single_point(a, s, f))
					fail(a, f, s, "single point",
					    oracle_down(o, c),
					    !oracle_down(o, c));
				blast += (uint32_t)oracle_down(o, c);
			}
			want = oracle_state(o, s);
			got = scenario_service_state(sc, s);
			if (want != got)
				fail(a, f, s, "scenario state", (int)want,
				    (int)got);
			if (oracle_blocked(o, s) !=
			    (scenario_recovery_blocked(sc, s) != 0))
				fail(a, f, s, "recovery blocked",
				    oracle_blocked(o, s),
				    !oracle_blocked(o, s));
			if (oracle_exposed(o, s) != (scenario_exposed(sc, s) !=
			    0))
				fail(a, f, s, "exposed", oracle_exposed(o, s),
				    !oracle_exposed(o, s));
		}
		if (f < ninfra && blast != a->blast[f])
			fail(a, f, 0, "blast radius", (int)blast,
			    (int)a->blast[f]);
		for (i = 0; i < total; i++) {
			if (oracle_down(o, (uint32_t)i) !=
			    (scenario_is_down(sc, (uint32_t)i) != 0))
				fail(a, f, 0, "a component's state",
				    oracle_down(o, (uint32_t)i),
				    !oracle_down(o, (uint32_t)i));
			if (f < ninfra)
				takes[(size_t)f * total + i] =
				    (uint8_t)oracle_down(o, (uint32_t)i);
		}
	}
	check_minimal(a, takes);
	oracle_free(o);
	scenario_free(sc);
	free(takes);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct src		 s = { data, size };
	struct inventory	*inv = decode(&s);
	struct analysis		*a;
	struct diag_list	 dl;
	struct findings		 fl;

	diag_list_init(&dl);
	if ((a = analysis_create(inv, &dl)) == NULL) {
		diag_list_print(&dl, stderr, 0);
		fprintf(stderr, "fuzz_analysis: analysis failed\n");
		abort();
	}
	cross_check(a);
	memset(&fl, 0, sizeof fl);
	if (findings_compute(a, 20000, &fl, &dl) != 0) {
		diag_list_print(&dl, stderr, 0);
		fprintf(stderr, "fuzz_analysis: findings failed\n");
		abort();
	}
	findings_free(&fl);
	analysis_free(a);
	diag_list_free(&dl);
	inventory_free(inv);
	return 0;
}
