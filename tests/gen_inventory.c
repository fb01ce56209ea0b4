/*
 * gen_inventory.c -- inventories built in code: builders and a seeded
 * random generator (see gen_inventory.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_inventory.h"
#include "xalloc.h"

#define GEN_MAX_REFS	64

static uint32_t	gen_line;

struct inventory *
gen_new(void)
{
	struct inventory	*inv = inventory_create();

	inventory_add_file(inv, "generated.yaml");
	gen_line = 0;
	return inv;
}

static struct mark
gen_mark(void)
{
	struct mark	m;

	m.file = 0;
	m.line = ++gen_line;
	m.column = 7;
	return m;
}

static uint32_t
gen_sym(struct inventory *inv, const char *s)
{
	return inventory_intern(inv, s, strlen(s));
}

/* References from a space-separated list; "~id" is soft. */
static struct span
gen_refs(struct inventory *inv, enum entity_kind kind, const char *list)
{
	uint32_t	syms[GEN_MAX_REFS];
	struct mark	marks[GEN_MAX_REFS];
	uint8_t		soft[GEN_MAX_REFS];
	size_t		n = 0, len;
	const char	*p = list;

	while (p != NULL && *p != '\0' && n < GEN_MAX_REFS) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		soft[n] = *p == '~';
		if (soft[n])
			p++;
		len = strcspn(p, " ");
		syms[n] = inventory_intern(inv, p, len);
		marks[n] = gen_mark();
		n++;
		p += len;
	}
	return inventory_add_refs(inv, kind, syms, marks, soft, n);
}

static void
gen_entity(struct inventory *inv, struct entity *e, const char *id)
{
	e->id = gen_sym(inv, id);
	e->mark = gen_mark();
}

void
gen_site(struct inventory *inv, const char *id)
{
	struct site	*s = inventory_add_site(inv);

	gen_entity(inv, &s->e, id);
}

void
gen_power(struct inventory *inv, const char *id, const char *site,
    const char *fed_by)
{
	struct span	 site_ref = gen_refs(inv, KIND_SITE, site);
	struct span	 fed = gen_refs(inv, KIND_POWER, fed_by);
	struct power	*p = inventory_add_power(inv);

	gen_entity(inv, &p->e, id);
	p->site_ref = site_ref;
	p->fed_by = fed;
}

void
gen_rack(struct inventory *inv, const char *id, const char *site,
    const char *power)
{
	struct span	 site_ref = gen_refs(inv, KIND_SITE, site);
	struct span	 pw = gen_refs(inv, KIND_POWER, power);
	struct rack	*r = inventory_add_rack(inv);

	gen_entity(inv, &r->e, id);
	r->site_ref = site_ref;
	r->power = pw;
}

void
gen_host(struct inventory *inv, const char *id, const char *site,
    const char *rack, const char *power)
{
	struct span	 site_ref = gen_refs(inv, KIND_SITE, site);
	struct span	 rack_ref = gen_refs(inv, KIND_RACK, rack);
	struct span	 pw = gen_refs(inv, KIND_POWER, power);
	struct host	*h = inventory_add_host(inv);

	gen_entity(inv, &h->e, id);
	h->site_ref = site_ref;
	h->rack_ref = rack_ref;
	h->power = pw;
}

void
gen_service(struct inventory *inv, const char *id, enum service_kind kind,
    unsigned min_up, const char *runs_on, const char *depends_on,
    const char *recovery)
{
	struct span	 run = gen_refs(inv, KIND_HOST, runs_on);
	struct span	 dep = gen_refs(inv, KIND_SERVICE, depends_on);
	struct span	 rec = gen_refs(inv, KIND_SERVICE, recovery);
	struct service	*s = inventory_add_service(inv);

	gen_entity(inv, &s->e, id);
	s->kind = kind;
	s->min_up = min_up;
	if (min_up != 0)
		s->min_up_mark = gen_mark();
	s->runs_on = run;
	s->depends_on = dep;
	s->recovery = rec;
}

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t
gen_next(uint64_t *st)
{
	uint64_t	z;

	z = (*st += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in 0 .. n-1 (n > 0). */
static unsigned
gen_below(uint64_t *st, unsigned n)
{
	return (unsigned)(gen_next(st) % n);
}

/* Append " prefix<i>" to buf. */
static void
gen_cat(char *buf, size_t size, const char *prefix, unsigned i)
{
	size_t	len = strlen(buf);

	snprintf(buf + len, size - len, "%s%s%u", len ? " " : "", prefix, i);
}

/*
 * A random subset of 0..n-1 (each with probability pct%, at most max),
 * optionally restricted to those with rank below limit, as a list of ids.
 */
static void
gen_subset(uint64_t *st, char *buf, size_t size, const char *prefix,
    unsigned n, unsigned pct, unsigned max, const unsigned *rank,
    unsigned limit)
{
	unsigned	i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < n && k < max; i++) {
		if (rank != NULL && rank[i] >= limit)
			continue;
		if (gen_below(st, 100) < pct) {
			gen_cat(buf, size, prefix, i);
			k++;
		}
	}
}

struct inventory *
gen_inventory(uint64_t seed, const struct gen_limits *lim)
{
	static const struct gen_limits	 small = { 3, 6, 4, 12, 10 };
	struct inventory		*inv;
	struct diag_list		 dl;
	uint64_t			 st = seed * 0x2545f4914f6cdd1dULL + 1;
	unsigned			 ns, np, nr, nh, nv, i, j, t, n, *rank;
	unsigned			*rsite, pick[GEN_MAX_REFS];
	char				 id[32], a[32], b[32], list[1024],
					 deps[1024], rec[256];
	enum service_kind		 kind;

	if (lim == NULL)
		lim = &small;
	ns = 1 + gen_below(&st, lim->sites);
	np = gen_below(&st, lim->power + 1);
	nr = gen_below(&st, lim->racks + 1);
	nh = 1 + gen_below(&st, lim->hosts);
	nv = 1 + gen_below(&st, lim->services);
	inv = gen_new();

	for (i = 0; i < ns; i++) {
		snprintf(id, sizeof id, "site%u", i);
		gen_site(inv, id);
	}
	/* Feeds follow a random rank, so the fed_by graph is acyclic but
	 * not in inventory order. */
	rank = xmalloc((np + 1) * sizeof *rank);
	for (i = 0; i < np; i++)
		rank[i] = i;
	for (i = np; i > 1; i--) {
		j = gen_below(&st, i);
		t = rank[i - 1];
		rank[i - 1] = rank[j];
		rank[j] = t;
	}
	for (i = 0; i < np; i++) {
		snprintf(id, sizeof id, "pw%u", i);
		a[0] = '\0';
		if (gen_below(&st, 3) != 0)
			gen_cat(a, sizeof a, "site", gen_below(&st, ns));
		gen_subset(&st, list, sizeof list, "pw", np, 50, 3, rank,
		    rank[i]);
		gen_power(inv, id, a, list);
	}
	rsite = xmalloc((nr + 1) * sizeof *rsite);
	for (i = 0; i < nr; i++) {
		snprintf(id, sizeof id, "rack%u", i);
		rsite[i] = gen_below(&st, ns);
		a[0] = '\0';
		gen_cat(a, sizeof a, "site", rsite[i]);
		gen_subset(&st, list, sizeof list, "pw", np, 40, 3, NULL, 0);
		gen_rack(inv, id, a, list);
	}
	for (i = 0; i < nh; i++) {
		snprintf(id, sizeof id, "host%u", i);
		a[0] = b[0] = '\0';
		t = nr > 0 ? gen_below(&st, 3) : 0;
		if (t == 0)		/* a site only */
			gen_cat(a, sizeof a, "site", gen_below(&st, ns));
		else {			/* a rack, maybe its site too */
			j = gen_below(&st, nr);
			gen_cat(b, sizeof b, "rack", j);
			if (t == 2)
				gen_cat(a, sizeof a, "site", rsite[j]);
		}
		if (gen_below(&st, 2) == 0)
			gen_subset(&st, list, sizeof list, "pw", np, 40, 2,
			    NULL, 0);
		else
			list[0] = '\0';
		gen_host(inv, id, a, b, list);
	}
	for (i = 0; i < nv; i++) {
		snprintf(id, sizeof id, "svc%u", i);
		kind = (enum service_kind)gen_below(&st, SERVICE_EXTERNAL);
		list[0] = '\0';
		n = 0;
		if (gen_below(&st, 8) == 0)
			kind = SERVICE_EXTERNAL;
		else {
			/* 1..4 distinct hosts. */
			t = 1 + gen_below(&st, nh < 4 ? nh : 4);
			while (n < t) {
				pick[n] = gen_below(&st, nh);
				for (j = 0; j < n && pick[j] != pick[n]; j++)
					continue;
				if (j == n)
					gen_cat(list, sizeof list, "host",
					    pick[n++]);
			}
		}
		deps[0] = '\0';
		for (j = 0; j < nv; j++) {
			if (j == i && gen_below(&st, 20) != 0)
				continue;
			t = gen_below(&st, 100);
			if (t < 15)
				gen_cat(deps, sizeof deps, "svc", j);
			else if (t < 25)
				gen_cat(deps, sizeof deps, "~svc", j);
		}
		gen_subset(&st, rec, sizeof rec, "svc", nv, 15, 2, NULL, 0);
		gen_service(inv, id, kind, n > 0 ? gen_below(&st, n + 1) : 0,
		    list, deps, rec);
	}
	free(rank);
	free(rsite);

	diag_list_init(&dl);
	if (inventory_resolve(inv, &dl) != 0) {
		inventory_free(inv);
		inv = NULL;
	}
	diag_list_free(&dl);
	return inv;
}

struct inventory *
gen_quorum_and_power(void)
{
	struct inventory	*inv = gen_new();
	struct diag_list	 dl;

	gen_site(inv, "north");
	gen_site(inv, "south");
	gen_site(inv, "east");
	gen_power(inv, "grid", NULL, NULL);
	gen_power(inv, "north-util", "north", "grid");
	gen_power(inv, "north-gen", "north", NULL);
	gen_power(inv, "north-ups", "north", "north-util north-gen");
	gen_power(inv, "south-util", "south", "grid");
	gen_power(inv, "south-ups", "south", "south-util");
	gen_power(inv, "east-ups", "east", NULL);
	gen_rack(inv, "n-r1", "north", "north-ups");
	gen_rack(inv, "s-r1", "south", "south-ups");
	gen_host(inv, "n-1", NULL, "n-r1", NULL);
	gen_host(inv, "n-2", NULL, "n-r1", NULL);
	gen_host(inv, "n-3", NULL, "n-r1", NULL);
	gen_host(inv, "s-1", NULL, "s-r1", NULL);
	gen_host(inv, "s-2", NULL, "s-r1", NULL);
	gen_host(inv, "s-3", NULL, "s-r1", NULL);
	gen_host(inv, "e-1", "east", NULL, "east-ups");
	gen_host(inv, "e-2", "east", NULL, NULL);
	gen_service(inv, "quorum", SERVICE_DATA, 2, "n-1 s-1 e-1", NULL, NULL);
	gen_service(inv, "quorum-tight", SERVICE_DATA, 3, "n-2 s-2 e-2", NULL,
	    NULL);
	gen_service(inv, "pair", SERVICE_APP, 0, "n-3 s-3", NULL, NULL);
	gen_service(inv, "web", SERVICE_APP, 0, "n-1 s-1",
	    "quorum-tight ~search", "deploy");
	gen_service(inv, "search", SERVICE_APP, 0, "s-2 s-3", NULL, NULL);
	gen_service(inv, "deploy", SERVICE_TOOL, 0, "n-3 e-2", "search", NULL);
	gen_service(inv, "a", SERVICE_PLATFORM, 0, "n-2 s-2", "b", NULL);
	gen_service(inv, "b", SERVICE_PLATFORM, 0, "e-1 e-2", "a", NULL);
	gen_service(inv, "saas", SERVICE_EXTERNAL, 0, NULL, NULL, NULL);

	diag_list_init(&dl);
	if (inventory_resolve(inv, &dl) != 0) {
		inventory_free(inv);
		inv = NULL;
	}
	diag_list_free(&dl);
	return inv;
}
