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

/* References from a space-separated list; "~id" is soft.  kind is an
 * enum entity_kind or REF_FEED. */
static struct span
gen_refs(struct inventory *inv, unsigned kind, const char *list)
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
	return inventory_add_refs(inv, (enum entity_kind)kind, syms, marks,
	    soft, n);
}

struct span
gen_ref_span(struct inventory *inv, unsigned kind, const char *list)
{
	return gen_refs(inv, kind, list);
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

void
gen_domain(struct inventory *inv, const char *id, const char *type,
    const char *site, const char *fed_by, const char *in)
{
	struct span	 site_ref = gen_refs(inv, KIND_SITE, site);
	struct span	 fed = gen_refs(inv, REF_FEED, fed_by);
	struct span	 inside = gen_refs(inv, REF_FEED, in);
	struct domain	*d = inventory_add_domain(inv);

	gen_entity(inv, &d->e, id);
	d->type = gen_sym(inv, type != NULL ? type : "room");
	d->type_mark = gen_mark();
	d->site_ref = site_ref;
	d->fed_by = fed;
	d->in = inside;
}

void
gen_in(struct inventory *inv, enum entity_kind kind, const char *in)
{
	struct span	sp = gen_refs(inv, REF_FEED, in);

	switch (kind) {
	case KIND_SITE:
		inv->sites[inv->nsites - 1].in = sp;
		break;
	case KIND_POWER:
		inv->power[inv->npower - 1].in = sp;
		break;
	case KIND_DOMAIN:
		inv->domains[inv->ndomains - 1].in = sp;
		break;
	case KIND_RACK:
		inv->racks[inv->nracks - 1].in = sp;
		break;
	case KIND_HOST:
		inv->hosts[inv->nhosts - 1].in = sp;
		break;
	default:
		abort();
	}
}

void
gen_fed_by(struct inventory *inv, enum entity_kind kind, const char *fed_by)
{
	struct span	sp = gen_refs(inv, REF_FEED, fed_by);

	if (kind == KIND_POWER)
		inv->power[inv->npower - 1].fed_by = sp;
	else if (kind == KIND_DOMAIN)
		inv->domains[inv->ndomains - 1].fed_by = sp;
	else
		abort();
}

void
gen_region(struct inventory *inv, const char *region)
{
	struct site	*s = &inv->sites[inv->nsites - 1];

	s->region = gen_sym(inv, region);
	s->region_mark = gen_mark();
}

void
gen_host_on(struct inventory *inv, const char *id, const char *on)
{
	struct span	 on_ref = gen_refs(inv, KIND_HOST, on);
	struct host	*h = inventory_add_host(inv);

	gen_entity(inv, &h->e, id);
	h->on_ref = on_ref;
}

void
gen_standby(struct inventory *inv, unsigned min_up, const char *runs_on,
    const char *via)
{
	struct span	 run = gen_refs(inv, KIND_HOST, runs_on);
	struct span	 tools = gen_refs(inv, KIND_SERVICE, via);
	struct standby	*g = inventory_add_standby(inv);
	struct service	*s = &inv->services[inv->nservices - 1];

	g->mark = gen_mark();
	g->runs_on = run;
	g->min_up = min_up;
	if (min_up != 0)
		g->min_up_mark = gen_mark();
	g->via = tools;
	if (s->nstandby == 0)
		s->standby_off = (uint32_t)(inv->nstandbys - 1);
	s->nstandby++;
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

/*
 * The feed-level nodes of gen_inventory_ex(): sites, then power domains,
 * then domains, numbered in that order, each with a rank; a node names only
 * nodes of lower rank, so site, in and fed_by stay acyclic.
 */
struct gen_nodes {
	unsigned	 ns, np, nd;
	unsigned	*rank;
};

/* Node j as an id into buf: "site3", "pw0", "dom2". */
static const char *
gen_node_id(const struct gen_nodes *g, unsigned j, char *buf, size_t size)
{
	if (j < g->ns)
		snprintf(buf, size, "site%u", j);
	else if (j < g->ns + g->np)
		snprintf(buf, size, "pw%u", j - g->ns);
	else
		snprintf(buf, size, "dom%u", j - g->ns - g->np);
	return buf;
}

/*
 * A random list of power domains and domains (each with probability pct%,
 * at most max) of rank below limit, skipping node skip, into buf.
 */
static void
gen_feed_subset(uint64_t *st, const struct gen_nodes *g, char *buf,
    size_t size, unsigned pct, unsigned max, unsigned limit, unsigned skip)
{
	char		 id[32];
	size_t		 len;
	unsigned	 j, k = 0;

	buf[0] = '\0';
	for (j = g->ns; j < g->ns + g->np + g->nd && k < max; j++) {
		if (g->rank[j] >= limit || j == skip)
			continue;
		if (gen_below(st, 100) < pct) {
			len = strlen(buf);
			snprintf(buf + len, size - len, "%s%s", len ? " " : "",
			    gen_node_id(g, j, id, sizeof id));
			k++;
		}
	}
}

/* A site of rank below limit, into buf ("" when there is none or by
 * chance). */
static void
gen_lower_site(uint64_t *st, const struct gen_nodes *g, char *buf,
    size_t size, unsigned limit, unsigned pct)
{
	unsigned	j, n = 0, pick;

	buf[0] = '\0';
	for (j = 0; j < g->ns; j++)
		n += g->rank[j] < limit;
	if (n == 0 || gen_below(st, 100) >= pct)
		return;
	pick = gen_below(st, n);
	for (j = 0; j < g->ns; j++)
		if (g->rank[j] < limit && pick-- == 0)
			break;
	snprintf(buf, size, "site%u", j);
}

/* n distinct hosts of 0..nh-1 not marked in used, appended to buf and
 * marked; returns how many were found. */
static unsigned
gen_hosts(uint64_t *st, char *buf, size_t size, unsigned nh, unsigned n,
    uint8_t *used)
{
	unsigned	k = 0, tries, h;

	for (tries = 0; k < n && tries < 4 * nh + 8; tries++) {
		h = gen_below(st, nh);
		if (used[h])
			continue;
		used[h] = 1;
		gen_cat(buf, size, "host", h);
		k++;
	}
	return k;
}

/*
 * The via tools of a standby group of service i into buf: none (automatic
 * failover) or up to two distinct services other than i.  With loop_pct%
 * each is one that hard-depends on i (needed_by[j]: j does), if any,
 * closing a failover loop.
 */
static void
gen_via(uint64_t *st, char *buf, size_t size, unsigned nv, unsigned i,
    const unsigned *needed_by, unsigned loop_pct)
{
	unsigned	m, t, j, n, x, pick[2], k = 0;

	m = gen_below(st, 3);
	for (t = 0; t < m; t++) {
		j = gen_below(st, nv);
		if (gen_below(st, 100) < loop_pct) {
			for (x = 0, n = 0; x < nv; x++)
				n += needed_by[x] != 0 && x != i;
			n = n > 0 ? 1 + gen_below(st, n) : 0;
			for (x = 0; n > 0 && x < nv; x++)
				if (needed_by[x] != 0 && x != i && --n == 0)
					j = x;
		}
		if (j == i || (k == 1 && pick[0] == j))
			continue;
		pick[k++] = j;
		gen_cat(buf, size, "svc", j);
	}
}

struct inventory *
gen_inventory_ex(uint64_t seed, const struct gen_limits *lim,
    const struct gen_features *ft)
{
	static const struct gen_limits	 small = { 3, 6, 4, 12, 10 };
	static const struct gen_features none = { 0, 0, 0, 0, 0, 0 };
	static const char		*types[] = { "room", "row",
					    "network", "region", "cooling" };
	struct inventory		*inv;
	struct diag_list		 dl;
	struct gen_nodes		 g;
	uint64_t			 st = seed * 0x9e3779b97f4a7c15ULL + 7;
	unsigned			 nr, nh, nv, i, j, t, n, nodes;
	unsigned			*rsite, *nrun, *hdep, ngroups;
	uint8_t				*used, *active;
	char				 id[32], a[64], b[64], list[1024],
					 list2[1024], **deps, **rec, **run;
	enum service_kind		*kind;

	if (lim == NULL)
		lim = &small;
	if (ft == NULL)
		ft = &none;
	g.ns = 1 + gen_below(&st, lim->sites);
	g.np = gen_below(&st, lim->power + 1);
	g.nd = gen_below(&st, ft->domains + 1);
	nr = gen_below(&st, lim->racks + 1);
	nh = 1 + gen_below(&st, lim->hosts);
	nv = 1 + gen_below(&st, lim->services);
	nodes = g.ns + g.np + g.nd;
	inv = gen_new();

	/* A random order of the feed-level nodes. */
	g.rank = xmalloc(nodes * sizeof *g.rank);
	for (i = 0; i < nodes; i++)
		g.rank[i] = i;
	for (i = nodes; i > 1; i--) {
		j = gen_below(&st, i);
		t = g.rank[i - 1];
		g.rank[i - 1] = g.rank[j];
		g.rank[j] = t;
	}
	for (i = 0; i < g.ns; i++) {
		gen_site(inv, gen_node_id(&g, i, id, sizeof id));
		/* A region naming a lower domain means in: [it]; else a
		 * label. */
		t = gen_below(&st, 100);
		j = g.nd > 0 ? g.ns + g.np + gen_below(&st, g.nd) : nodes;
		if (t < 30 && j < nodes && g.rank[j] < g.rank[i])
			gen_region(inv, gen_node_id(&g, j, a, sizeof a));
		else if (t < 40) {
			snprintf(a, sizeof a, "label%u", i);
			gen_region(inv, a);
			j = nodes;
		} else
			j = nodes;
		if (gen_below(&st, 100) < ft->in_pct) {
			gen_feed_subset(&st, &g, list, sizeof list, 40, 2,
			    g.rank[i], j);
			gen_in(inv, KIND_SITE, list);
		}
	}
	for (i = g.ns; i < g.ns + g.np; i++) {
		gen_lower_site(&st, &g, a, sizeof a, g.rank[i], 67);
		gen_feed_subset(&st, &g, list, sizeof list, 50, 3, g.rank[i],
		    nodes);
		gen_power(inv, gen_node_id(&g, i, id, sizeof id), a, NULL);
		gen_fed_by(inv, KIND_POWER, list);
		if (gen_below(&st, 100) < ft->in_pct) {
			gen_feed_subset(&st, &g, list2, sizeof list2, 30, 2,
			    g.rank[i], nodes);
			gen_in(inv, KIND_POWER, list2);
		}
	}
	for (i = g.ns + g.np; i < nodes; i++) {
		gen_lower_site(&st, &g, a, sizeof a, g.rank[i], 50);
		list[0] = list2[0] = '\0';
		if (gen_below(&st, 100) < 40)
			gen_feed_subset(&st, &g, list, sizeof list, 50, 3,
			    g.rank[i], nodes);
		if (gen_below(&st, 100) < ft->in_pct)
			gen_feed_subset(&st, &g, list2, sizeof list2, 40, 2,
			    g.rank[i], nodes);
		gen_domain(inv, gen_node_id(&g, i, id, sizeof id),
		    types[gen_below(&st, 5)], a, list, list2);
	}
	rsite = xmalloc((nr + 1) * sizeof *rsite);
	for (i = 0; i < nr; i++) {
		snprintf(id, sizeof id, "rack%u", i);
		rsite[i] = gen_below(&st, g.ns);
		a[0] = '\0';
		gen_cat(a, sizeof a, "site", rsite[i]);
		gen_subset(&st, list, sizeof list, "pw", g.np, 40, 3, NULL, 0);
		gen_rack(inv, id, a, list);
		if (gen_below(&st, 100) < ft->in_pct) {
			gen_feed_subset(&st, &g, list, sizeof list, 30, 2,
			    nodes, nodes);
			gen_in(inv, KIND_RACK, list);
		}
	}
	for (i = 0; i < nh; i++) {
		snprintf(id, sizeof id, "host%u", i);
		if (i > 0 && gen_below(&st, 100) < ft->on_pct) {
			/* On an earlier host: a chain, never a cycle. */
			a[0] = '\0';
			gen_cat(a, sizeof a, "host", i - 1 - gen_below(&st,
			    i < 3 ? i : 3));
			gen_host_on(inv, id, a);
		} else {
			a[0] = b[0] = list[0] = '\0';
			t = nr > 0 ? gen_below(&st, 3) : 0;
			if (t == 0)
				gen_cat(a, sizeof a, "site",
				    gen_below(&st, g.ns));
			else {
				j = gen_below(&st, nr);
				gen_cat(b, sizeof b, "rack", j);
				if (t == 2)
					gen_cat(a, sizeof a, "site", rsite[j]);
			}
			if (gen_below(&st, 2) == 0)
				gen_subset(&st, list, sizeof list, "pw", g.np,
				    40, 2, NULL, 0);
			gen_host(inv, id, a, b, list);
		}
		if (gen_below(&st, 100) < ft->in_pct) {
			gen_feed_subset(&st, &g, list, sizeof list, 25, 2,
			    nodes, nodes);
			gen_in(inv, KIND_HOST, list);
		}
	}

	/* Services: placement and dependencies first, so that failover
	 * tools can be picked among the services that need the service. */
	kind = xmalloc(nv * sizeof *kind);
	nrun = xmalloc(nv * sizeof *nrun);
	hdep = xcalloc((size_t)nv * nv, sizeof *hdep);
	deps = xmalloc(nv * sizeof *deps);
	rec = xmalloc(nv * sizeof *rec);
	run = xmalloc(nv * sizeof *run);
	used = xmalloc((size_t)nv * nh);
	active = xmalloc((size_t)nv * nh);
	for (i = 0; i < nv; i++) {
		kind[i] = (enum service_kind)gen_below(&st, SERVICE_EXTERNAL);
		run[i] = xmalloc(256);
		run[i][0] = '\0';
		memset(used + (size_t)i * nh, 0, nh);
		nrun[i] = 0;
		if (gen_below(&st, 8) == 0)
			kind[i] = SERVICE_EXTERNAL;
		else
			nrun[i] = gen_hosts(&st, run[i], 256, nh,
			    1 + gen_below(&st, nh < 4 ? nh : 4),
			    used + (size_t)i * nh);
		memcpy(active + (size_t)i * nh, used + (size_t)i * nh, nh);
		deps[i] = xmalloc(1024);
		deps[i][0] = '\0';
		for (j = 0; j < nv; j++) {
			if (j == i && gen_below(&st, 20) != 0)
				continue;
			t = gen_below(&st, 100);
			if (t < 15) {
				gen_cat(deps[i], 1024, "svc", j);
				hdep[j * nv + i] = 1;	/* i needs j */
			} else if (t < 25)
				gen_cat(deps[i], 1024, "~svc", j);
		}
		rec[i] = xmalloc(256);
		gen_subset(&st, rec[i], 256, "svc", nv, 15, 2, NULL, 0);
	}
	for (i = 0; i < nv; i++) {
		snprintf(id, sizeof id, "svc%u", i);
		gen_service(inv, id, kind[i], nrun[i] > 0 ?
		    gen_below(&st, nrun[i] + 1) : 0, run[i], deps[i], rec[i]);
		if (kind[i] == SERVICE_EXTERNAL ||
		    gen_below(&st, 100) >= ft->standby_pct)
			continue;
		ngroups = 1 + gen_below(&st, 2);
		while (ngroups-- > 0) {
			list[0] = '\0';
			/* Sharing hosts with other groups: only the
			 * active ones stay excluded. */
			if (gen_below(&st, 100) < ft->share_pct)
				for (j = 0; j < nh; j++)
					used[(size_t)i * nh + j] =
					    active[(size_t)i * nh + j];
			n = gen_hosts(&st, list, sizeof list, nh,
			    1 + gen_below(&st, 3), used + (size_t)i * nh);
			if (n == 0)
				break;
			list2[0] = '\0';
			gen_via(&st, list2, sizeof list2, nv, i,
			    hdep + (size_t)i * nv, ft->loop_pct);
			gen_standby(inv, gen_below(&st, n + 1), list, list2);
		}
	}
	for (i = 0; i < nv; i++) {
		free(run[i]);
		free(deps[i]);
		free(rec[i]);
	}
	free(run);
	free(deps);
	free(rec);
	free(used);
	free(active);
	free(hdep);
	free(nrun);
	free(kind);
	free(rsite);
	free(g.rank);

	diag_list_init(&dl);
	if (inventory_resolve(inv, &dl) != 0) {
		inventory_free(inv);
		inv = NULL;
	}
	diag_list_free(&dl);
	return inv;
}

struct inventory *
gen_failover_and_domains(void)
{
	struct inventory	*inv = gen_new();
	struct diag_list	 dl;

	gen_domain(inv, "north-battery-room", "room", "north", NULL, NULL);
	gen_domain(inv, "row-a", "network", "north", "core-1 core-2", NULL);
	gen_domain(inv, "core-1", "network", "north", NULL, NULL);
	gen_domain(inv, "core-2", "network", "north", NULL, NULL);
	gen_site(inv, "north");
	gen_site(inv, "south");
	gen_region(inv, "metro");
	gen_power(inv, "north-grid", "north", NULL);
	gen_power(inv, "north-ups-a", "north", NULL);
	gen_fed_by(inv, KIND_POWER, "north-grid");
	gen_in(inv, KIND_POWER, "north-battery-room");
	gen_power(inv, "north-ups-b", "north", NULL);
	gen_fed_by(inv, KIND_POWER, "north-grid");
	gen_in(inv, KIND_POWER, "north-battery-room");
	gen_power(inv, "south-ups", "south", NULL);
	gen_rack(inv, "n-r1", "north", "north-ups-a north-ups-b");
	gen_in(inv, KIND_RACK, "row-a");
	gen_rack(inv, "n-r2", "north", "north-ups-a north-ups-b");
	gen_rack(inv, "s-r1", "south", "south-ups");
	gen_host(inv, "n-app-1", NULL, "n-r1", NULL);
	gen_host(inv, "n-app-2", NULL, "n-r1", NULL);
	gen_host(inv, "n-hv-1", NULL, "n-r2", NULL);
	gen_host_on(inv, "n-vm-1", "n-hv-1");
	gen_host_on(inv, "n-vm-2", "n-hv-1");
	gen_host(inv, "n-ops-1", NULL, "n-r2", NULL);
	gen_host(inv, "s-app-1", NULL, "s-r1", NULL);
	gen_host(inv, "s-app-2", NULL, "s-r1", NULL);
	gen_host(inv, "s-ops-1", NULL, "s-r1", NULL);
	gen_service(inv, "chat", SERVICE_APP, 0, "n-app-1 n-app-2", NULL,
	    NULL);
	gen_standby(inv, 0, "s-app-1 s-app-2", "traffic-switch");
	gen_service(inv, "chat-auto", SERVICE_APP, 0, "n-app-1 n-app-2", NULL,
	    NULL);
	gen_standby(inv, 0, "s-app-1 s-app-2", NULL);
	gen_service(inv, "traffic-switch", SERVICE_TOOL, 0, "n-ops-1", NULL,
	    NULL);
	gen_service(inv, "deploy", SERVICE_TOOL, 0, "n-ops-1 s-ops-1", NULL,
	    NULL);
	gen_service(inv, "proxy", SERVICE_PLATFORM, 0, "n-vm-1 n-vm-2", NULL,
	    "deploy");

	diag_list_init(&dl);
	if (inventory_resolve(inv, &dl) != 0) {
		inventory_free(inv);
		inv = NULL;
	}
	diag_list_free(&dl);
	return inv;
}
