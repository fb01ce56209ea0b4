/*
 * fuzz_analysis.c -- libFuzzer target: the F-set recurrence against brute
 * force.
 *
 * The bytes are decoded into a small valid inventory, one byte per choice
 * (counts, sites, power feeds in a random acyclic order, racks, hosts with
 * and without racks and power, services with k-of-n min_up, hard and soft
 * dependencies including cycles, recovery tools), built with the
 * gen_inventory.h builders.  Then every infrastructure component is failed
 * alone and the scenario is simulated here from the failure semantics (README), naively, to a
 * fixed point.  The target aborts when the analysis disagrees:
 *   - a service is down <=> the component is one of its single points;
 *   - the blast radius of the component is the number of services down;
 *   - scenario_run() gives the same down, degraded and recovery-blocked
 *     states as the simulation (services failed alone too);
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
#include "xalloc.h"

#define MAX_SITES	4
#define MAX_POWER	7
#define MAX_RACKS	5
#define MAX_HOSTS	12
#define MAX_SERVICES	10

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

	diag_list_init(&dl);
	if (inventory_resolve(inv, &dl) != 0) {
		diag_list_print(&dl, stderr, 0);
		fprintf(stderr, "fuzz_analysis: decoded inventory invalid\n");
		abort();
	}
	diag_list_free(&dl);
	return inv;
}

/* Whether every reference of the span names a component down in d. */
static int
all_down(const struct inventory *inv, struct span sp, const uint8_t *d,
    uint32_t base)
{
	const struct ref	*r = inventory_refs(inv, sp);
	uint32_t		 i;

	for (i = 0; i < sp.n; i++) {
		if (!d[base + r[i].target])
			return 0;
	}
	return 1;
}

/*
 * the failure semantics (README) by brute force: fail component f and propagate to the least
 * fixed point.  down[] and degraded[] are indexed by component; blocked[]
 * by service.
 */
static void
simulate(const struct analysis *a, uint32_t f, uint8_t *down,
    uint8_t *degraded, uint8_t *blocked)
{
	const struct inventory	*inv = a->inv;
	const uint32_t		*base = a->base;
	const struct ref	*r;
	uint32_t		 i, j, c, up, need;
	int			 changed, x;

	memset(down, 0, base[KIND_COUNT]);
	memset(degraded, 0, base[KIND_COUNT]);
	memset(blocked, 0, inv->nservices);
	down[f] = 1;
	do {
		changed = 0;
		for (i = 0; i < inv->npower; i++) {
			const struct power *p = &inv->power[i];

			c = base[KIND_POWER] + i;
			x = (p->site != INDEX_NONE &&
			    down[base[KIND_SITE] + p->site]) ||
			    (p->fed_by.n > 0 && all_down(inv, p->fed_by, down,
			    base[KIND_POWER]));
			if (x && !down[c])
				down[c] = changed = 1;
		}
		for (i = 0; i < inv->nracks; i++) {
			const struct rack *rk = &inv->racks[i];

			c = base[KIND_RACK] + i;
			x = down[base[KIND_SITE] + rk->site] ||
			    (rk->power.n > 0 && all_down(inv, rk->power, down,
			    base[KIND_POWER]));
			if (x && !down[c])
				down[c] = changed = 1;
		}
		for (i = 0; i < inv->nhosts; i++) {
			const struct host *h = &inv->hosts[i];

			c = base[KIND_HOST] + i;
			x = down[base[KIND_SITE] + h->site] ||
			    (h->rack != INDEX_NONE &&
			    down[base[KIND_RACK] + h->rack]) ||
			    (h->power.n > 0 && all_down(inv, h->power, down,
			    base[KIND_POWER]));
			if (x && !down[c])
				down[c] = changed = 1;
		}
		for (i = 0; i < inv->nservices; i++) {
			const struct service *s = &inv->services[i];

			c = base[KIND_SERVICE] + i;
			r = inventory_refs(inv, s->runs_on);
			for (j = 0, up = 0; j < s->runs_on.n; j++)
				up += !down[base[KIND_HOST] + r[j].target];
			need = s->min_up == 0 ? 1 : s->min_up;
			x = s->runs_on.n > 0 && up < need;
			r = inventory_refs(inv, s->depends_on);
			for (j = 0; j < s->depends_on.n; j++) {
				if (!r[j].soft &&
				    down[base[KIND_SERVICE] + r[j].target])
					x = 1;
			}
			if (x && !down[c])
				down[c] = changed = 1;
		}
	} while (changed);

	/* Degraded: up, with a host down or a dependency down or degraded. */
	do {
		changed = 0;
		for (i = 0; i < inv->nservices; i++) {
			const struct service *s = &inv->services[i];

			c = base[KIND_SERVICE] + i;
			if (down[c] || degraded[c])
				continue;
			x = 0;
			r = inventory_refs(inv, s->runs_on);
			for (j = 0; j < s->runs_on.n; j++)
				x |= down[base[KIND_HOST] + r[j].target];
			r = inventory_refs(inv, s->depends_on);
			for (j = 0; j < s->depends_on.n; j++) {
				x |= down[base[KIND_SERVICE] + r[j].target] |
				    degraded[base[KIND_SERVICE] + r[j].target];
			}
			if (x)
				degraded[c] = changed = 1;
		}
	} while (changed);

	for (i = 0; i < inv->nservices; i++) {
		const struct service *s = &inv->services[i];

		c = base[KIND_SERVICE] + i;
		if (!down[c] && !degraded[c])
			continue;
		r = inventory_refs(inv, s->recovery);
		for (j = 0; j < s->recovery.n; j++) {
			if (down[base[KIND_SERVICE] + r[j].target])
				blocked[i] = 1;
		}
	}
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

static void
cross_check(const struct analysis *a)
{
	const struct inventory	*inv = a->inv;
	uint32_t		 total = a->base[KIND_COUNT];
	uint32_t		 ninfra = a->base[KIND_SERVICE];
	uint32_t		 f, s, blast, prev;
	uint8_t			*down, *degraded, *blocked;
	struct scenario		*sc;
	const uint32_t		*sp;
	size_t			 nsp, i;
	enum service_state	 want, got;

	down = xmalloc(total + 1);
	degraded = xmalloc(total + 1);
	blocked = xmalloc(inv->nservices + 1);
	sc = scenario_create(a);

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
		simulate(a, f, down, degraded, blocked);
		scenario_run(sc, &f, 1);
		blast = 0;
		for (s = 0; s < inv->nservices; s++) {
			uint32_t c = a->base[KIND_SERVICE] + s;

			if (f < ninfra) {
				if (down[c] != analysis_is_single_point(a, s,
				    f))
					fail(a, f, s, "single point", down[c],
					    !down[c]);
				blast += down[c];
			}
			want = down[c] ? STATE_DOWN : degraded[c] ?
			    STATE_DEGRADED : STATE_UP;
			got = scenario_service_state(sc, s);
			if (want != got)
				fail(a, f, s, "scenario state", (int)want,
				    (int)got);
			if (blocked[s] != (scenario_recovery_blocked(sc, s) !=
			    0))
				fail(a, f, s, "recovery blocked", blocked[s],
				    !blocked[s]);
		}
		if (f < ninfra && blast != a->blast[f])
			fail(a, f, 0, "blast radius", (int)blast,
			    (int)a->blast[f]);
		for (i = 0; i < total; i++) {
			if (down[i] != (scenario_is_down(sc, (uint32_t)i) != 0))
				fail(a, f, 0, "a component's state", down[i],
				    !down[i]);
		}
	}
	scenario_free(sc);
	free(blocked);
	free(degraded);
	free(down);
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
