/*
 * analysis.c -- the failure graph of a resolved inventory: component
 * numbers, who needs what (the reverse adjacency scenarios walk), fate
 * groups, standby groups and their tools, then the single points (spof.c),
 * their minimal causes, blast radius and hard-dependency cycles.
 *
 * Data flows one way: this file builds; spof.c computes the F-sets;
 * explain.c and scenario.c read; impact.c runs scenarios over the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "analysis_priv.h"
#include "graph.h"
#include "xalloc.h"

int
analysis_set_has(const uint32_t *v, size_t n, uint32_t x)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] == x)
			return 1;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

enum entity_kind
analysis_component_kind(const struct analysis *a, uint32_t c)
{
	int	k;

	for (k = KIND_SERVICE; k > KIND_SITE; k--)
		if (c >= a->base[k])
			break;
	return (enum entity_kind)k;
}

uint32_t
analysis_component_index(const struct analysis *a, uint32_t c)
{
	return c - a->base[analysis_component_kind(a, c)];
}

const char *
analysis_component_id(const struct analysis *a, uint32_t c,
    enum entity_kind *kind)
{
	*kind = analysis_component_kind(a, c);
	return inventory_str(a->inv, inventory_entity(a->inv, *kind,
	    c - a->base[*kind])->id);
}

const char *
analysis_component_ref(const struct analysis *a, uint32_t c, char *buf,
    size_t size)
{
	enum entity_kind	 k;
	const char		*id = "?";

	if (c < a->base[KIND_COUNT]) {
		k = analysis_component_kind(a, c);
		id = inventory_str(a->inv, inventory_entity(a->inv, k,
		    c - a->base[k])->id);
		snprintf(buf, size, "%s:%s", inventory_kind_name(k), id);
	} else
		snprintf(buf, size, "?:%u", c);
	return buf;
}

int
analysis_fset_has(const struct analysis *a, uint32_t x, uint32_t c)
{
	const struct analysis_priv	*p = a->priv;
	const uint32_t			*v;
	size_t				 n;

	if (x == c)
		return 1;
	if (x >= a->base[KIND_SERVICE]) {
		v = analysis_single_points(a, x - a->base[KIND_SERVICE], &n);
		return analysis_set_has(v, n, c);
	}
	return analysis_set_has(p->pool + p->foff[x], p->flen[x], c);
}

const uint32_t *
analysis_single_points(const struct analysis *a, uint32_t s, size_t *n)
{
	*n = a->sp_off[s + 1] - a->sp_off[s];
	return a->sp + a->sp_off[s];
}

int
analysis_is_single_point(const struct analysis *a, uint32_t s, uint32_t c)
{
	const uint32_t	*v;
	size_t		 n;

	v = analysis_single_points(a, s, &n);
	return analysis_set_has(v, n, c);
}

int
analysis_takes_down(const struct analysis *a, uint32_t c, uint32_t x)
{
	if (x >= a->base[KIND_COUNT] || c >= a->base[KIND_SERVICE])
		return 0;
	return analysis_fset_has(a, x, c);
}

const uint32_t *
analysis_minimal_causes(const struct analysis *a, uint32_t s, size_t *n)
{
	const struct analysis_priv	*p = a->priv;

	*n = p->mc_off[s + 1] - p->mc_off[s];
	return p->mc + p->mc_off[s];
}

size_t
analysis_minimal_among(const struct analysis *a, const uint32_t *v,
    size_t n, uint32_t *out)
{
	size_t	i, j, k = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			if (j != i && analysis_fset_has(a, v[j], v[i]))
				break;
		if (j == n)
			out[k++] = v[i];
	}
	return k;
}

size_t
analysis_implied(const struct analysis *a, uint32_t c, const uint32_t *v,
    size_t n, uint32_t *out)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		if (v[i] != c && analysis_fset_has(a, c, v[i]))
			out[k++] = v[i];
	return k;
}

const uint32_t *
analysis_needed_by(const struct analysis *a, uint32_t c, size_t *n)
{
	const struct analysis_priv	*p = a->priv;

	*n = p->rev_off[c + 1] - p->rev_off[c];
	return p->rev + p->rev_off[c];
}

uint32_t
analysis_down_threshold(const struct analysis *a, uint32_t c)
{
	const struct analysis_priv	*p = a->priv;

	return p->need[c] == 0 ? UINT32_MAX : p->need[c];
}

const uint32_t *
analysis_recovery(const struct analysis *a, uint32_t s, size_t *n)
{
	const struct analysis_priv	*p = a->priv;

	*n = p->rec_off[s + 1] - p->rec_off[s];
	return p->rec + p->rec_off[s];
}

const uint32_t *
analysis_via(const struct analysis *a, uint32_t g, size_t *n)
{
	const struct analysis_priv	*p = a->priv;

	*n = p->via_off[g + 1] - p->via_off[g];
	return p->via + p->via_off[g];
}

const uint32_t *
analysis_fate_group(const struct analysis *a, uint32_t s, size_t *n)
{
	const struct analysis_priv	*p = a->priv;
	uint32_t			 g = p->scc[s];

	*n = p->scc_off[g + 1] - p->scc_off[g];
	return p->scc_mem + p->scc_off[g];
}

int
analysis_failover_needs(const struct analysis *a, uint32_t t, uint32_t s)
{
	const struct analysis_priv	*p = a->priv;

	if (p->scc[t] == p->scc[s])
		return 1;
	return p->loop[t] != INDEX_NONE && p->loop[t] == p->loop[s];
}

int
analysis_in_failover_loop(const struct analysis *a, uint32_t s)
{
	const struct analysis_priv	*p = a->priv;

	return p->loop[s] != INDEX_NONE;
}

/* Hard dependencies by service, from the edge list (grouped by source). */
static void
build_hard_deps(struct analysis *a, const uint32_t *edges, size_t m)
{
	struct analysis_priv	*p = a->priv;
	size_t			 ns = a->inv->nservices, k;

	p->hd_off = xcalloc(ns + 1, sizeof *p->hd_off);
	p->hd = xmalloc((m ? m : 1) * sizeof *p->hd);
	for (k = 0; k < m; k++) {
		p->hd_off[edges[2 * k] + 1]++;
		p->hd[k] = edges[2 * k + 1];
	}
	for (k = 0; k < ns; k++)
		p->hd_off[k + 1] += p->hd_off[k];
}

/* Hard-dependency edges of the services, as graph.c wants them. */
static uint32_t *
service_edges(const struct inventory *inv, size_t *m)
{
	const struct ref	*r;
	uint32_t		*e = NULL;
	size_t			 s, j, n = 0, cap = 0;

	for (s = 0; s < inv->nservices; s++) {
		r = inventory_refs(inv, inv->services[s].depends_on);
		for (j = 0; j < inv->services[s].depends_on.n; j++) {
			if (r[j].soft || r[j].target == INDEX_NONE)
				continue;
			XGROW(e, cap, n + 2);
			e[n++] = (uint32_t)s;
			e[n++] = r[j].target;
		}
	}
	*m = n / 2;
	return e;
}

/* Members of every fate group, ascending, by a counting sort. */
static void
build_groups(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	size_t			 ns = a->inv->nservices, s;
	uint32_t		 g, *fill;

	p->scc_off = xcalloc(p->nscc + 1, sizeof *p->scc_off);
	p->scc_mem = xmalloc((ns ? ns : 1) * sizeof *p->scc_mem);
	for (s = 0; s < ns; s++)
		p->scc_off[p->scc[s] + 1]++;
	for (g = 0; g < p->nscc; g++)
		p->scc_off[g + 1] += p->scc_off[g];
	fill = xmalloc((p->nscc + 1) * sizeof *fill);
	memcpy(fill, p->scc_off, (p->nscc + 1) * sizeof *fill);
	for (s = 0; s < ns; s++)
		p->scc_mem[fill[p->scc[s]]++] = (uint32_t)s;
	free(fill);
}

/*
 * A compressed adjacency built in two passes over the same pairs: count,
 * then fill.  csr_edge() either counts (cur = off + 1) or places.
 */
struct csr {
	uint32_t	*off;
	uint32_t	*v;
	uint8_t		*type;
	uint32_t	*cur;
	int		 fill;
};

static void
csr_edge(struct csr *g, uint32_t from, uint32_t to, uint8_t type)
{
	if (g->fill) {
		if (g->type != NULL)
			g->type[g->cur[from]] = type;
		g->v[g->cur[from]++] = to;
	} else
		g->off[from + 1]++;
}

static void
csr_begin_fill(struct csr *g, size_t n, int typed)
{
	size_t	i;

	for (i = 0; i < n; i++)
		g->off[i + 1] += g->off[i];
	g->v = xmalloc((g->off[n] ? g->off[n] : 1) * sizeof *g->v);
	if (typed)
		g->type = xmalloc(g->off[n] ? g->off[n] : 1);
	g->cur = xmalloc((n + 1) * sizeof *g->cur);
	memcpy(g->cur, g->off, (n + 1) * sizeof *g->cur);
	g->fill = 1;
}

static void
rev_span(const struct analysis *a, struct csr *g, uint32_t c, struct span sp,
    uint8_t type)
{
	const struct ref	*r = inventory_refs(a->inv, sp);
	size_t			 j;

	for (j = 0; j < sp.n; j++)
		if (r[j].target != INDEX_NONE)
			csr_edge(g, a->base[r[j].kind] + r[j].target, c, type);
}

static void
rev_one(const struct analysis *a, struct csr *g, enum entity_kind k,
    uint32_t i, uint32_t c)
{
	if (i != INDEX_NONE)
		csr_edge(g, a->base[k] + i, c, REV_ALL);
}

/* The reverse edges of infrastructure. */
static void
rev_infrastructure(const struct analysis *a, struct csr *g)
{
	const struct inventory	*inv = a->inv;
	const struct host	*h;
	uint32_t		 c;
	size_t			 i;

	for (i = 0; i < inv->nsites; i++) {
		c = a->base[KIND_SITE] + (uint32_t)i;
		rev_span(a, g, c, inv->sites[i].in, REV_ALL);
		rev_one(a, g, KIND_DOMAIN, inv->sites[i].region_domain, c);
	}
	for (i = 0; i < inv->npower; i++) {
		c = a->base[KIND_POWER] + (uint32_t)i;
		rev_one(a, g, KIND_SITE, inv->power[i].site, c);
		rev_span(a, g, c, inv->power[i].in, REV_ALL);
		rev_span(a, g, c, inv->power[i].fed_by, REV_ANY);
	}
	for (i = 0; i < inv->ndomains; i++) {
		c = a->base[KIND_DOMAIN] + (uint32_t)i;
		rev_one(a, g, KIND_SITE, inv->domains[i].site, c);
		rev_span(a, g, c, inv->domains[i].in, REV_ALL);
		rev_span(a, g, c, inv->domains[i].fed_by, REV_ANY);
	}
	for (i = 0; i < inv->nracks; i++) {
		c = a->base[KIND_RACK] + (uint32_t)i;
		rev_one(a, g, KIND_SITE, inv->racks[i].site, c);
		rev_span(a, g, c, inv->racks[i].in, REV_ALL);
		rev_span(a, g, c, inv->racks[i].power, REV_ANY);
	}
	for (i = 0; i < inv->nhosts; i++) {
		h = &inv->hosts[i];
		c = a->base[KIND_HOST] + (uint32_t)i;
		/* A host's rack or the host below already needs the site. */
		if (h->rack == INDEX_NONE && h->on == INDEX_NONE)
			rev_one(a, g, KIND_SITE, h->site, c);
		else if (h->rack != INDEX_NONE &&
		    inv->racks[h->rack].site != h->site)
			rev_one(a, g, KIND_SITE, h->site, c);
		rev_one(a, g, KIND_RACK, h->rack, c);
		rev_one(a, g, KIND_HOST, h->on, c);
		rev_span(a, g, c, h->in, REV_ALL);
		rev_span(a, g, c, h->power, REV_ANY);
	}
}

static void
rev_services(const struct analysis *a, struct csr *g)
{
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	const struct ref	*r;
	uint32_t		 c, t, k;
	size_t			 i, j;

	for (i = 0; i < inv->nservices; i++) {
		sv = &inv->services[i];
		c = a->base[KIND_SERVICE] + (uint32_t)i;
		rev_span(a, g, c, sv->runs_on, REV_ACTIVE);
		for (k = sv->standby_off; k < sv->standby_off + sv->nstandby;
		    k++)
			rev_span(a, g, c, inv->standbys[k].runs_on,
			    REV_STANDBY);
		r = inventory_refs(inv, sv->depends_on);
		for (j = 0; j < sv->depends_on.n; j++) {
			t = r[j].target;
			if (t == INDEX_NONE)
				continue;
			csr_edge(g, a->base[KIND_SERVICE] + t,
			    c | (r[j].soft ? ANALYSIS_SOFT : 0),
			    r[j].soft ? REV_SOFT : REV_HARD);
		}
	}
}

static void
build_reverse(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	uint32_t		 n = a->base[KIND_COUNT];
	struct csr		 g;

	memset(&g, 0, sizeof g);
	g.off = xcalloc((size_t)n + 1, sizeof *g.off);
	rev_infrastructure(a, &g);
	rev_services(a, &g);
	csr_begin_fill(&g, n, 1);
	rev_infrastructure(a, &g);
	rev_services(a, &g);
	free(g.cur);
	p->rev_off = g.off;
	p->rev = g.v;
	p->rev_type = g.type;
}

/* A span's resolved targets as service indices into a csr. */
static void
csr_span(const struct inventory *inv, struct csr *g, uint32_t from,
    struct span sp, int reverse)
{
	const struct ref	*r = inventory_refs(inv, sp);
	size_t			 j;

	for (j = 0; j < sp.n; j++) {
		if (r[j].target == INDEX_NONE)
			continue;
		if (reverse)
			csr_edge(g, r[j].target, from, 0);
		else
			csr_edge(g, from, r[j].target, 0);
	}
}

/* Run pass over (group, via tool), (host, group) and recovery pairs. */
static void
tool_pairs(const struct inventory *inv, struct csr *via, struct csr *vg,
    struct csr *hg, struct csr *rec, struct csr *rr)
{
	const struct service	*sv;
	size_t			 s, k;

	for (k = 0; k < inv->nstandbys; k++) {
		csr_span(inv, via, (uint32_t)k, inv->standbys[k].via, 0);
		csr_span(inv, vg, (uint32_t)k, inv->standbys[k].via, 1);
		csr_span(inv, hg, (uint32_t)k, inv->standbys[k].runs_on, 1);
	}
	for (s = 0; s < inv->nservices; s++) {
		sv = &inv->services[s];
		csr_span(inv, rec, (uint32_t)s, sv->recovery, 0);
		csr_span(inv, rr, (uint32_t)s, sv->recovery, 1);
	}
}

/*
 * Standby groups and tools: each group's via tools and the groups each
 * tool drives, the groups each host serves, recovery tools both ways; and
 * what scenarios count: ANY-of feeds per component, hosts per service
 * and group that must be down to take it down.
 */
static void
build_tools(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	const struct ref	*r;
	struct csr		 via, vg, hg, rec, rr;
	size_t			 ns = inv->nservices, ng = inv->nstandbys;
	size_t			 i, j, k, n;
	uint32_t		 c, kk;

	memset(&via, 0, sizeof via);
	memset(&vg, 0, sizeof vg);
	memset(&hg, 0, sizeof hg);
	memset(&rec, 0, sizeof rec);
	memset(&rr, 0, sizeof rr);
	via.off = xcalloc(ng + 1, sizeof *via.off);
	vg.off = xcalloc(ns + 1, sizeof *vg.off);
	hg.off = xcalloc(inv->nhosts + 1, sizeof *hg.off);
	rec.off = xcalloc(ns + 1, sizeof *rec.off);
	rr.off = xcalloc(ns + 1, sizeof *rr.off);
	tool_pairs(inv, &via, &vg, &hg, &rec, &rr);
	csr_begin_fill(&via, ng, 0);
	csr_begin_fill(&vg, ns, 0);
	csr_begin_fill(&hg, inv->nhosts, 0);
	csr_begin_fill(&rec, ns, 0);
	csr_begin_fill(&rr, ns, 0);
	tool_pairs(inv, &via, &vg, &hg, &rec, &rr);
	free(via.cur);
	free(vg.cur);
	free(hg.cur);
	free(rec.cur);
	free(rr.cur);
	p->via_off = via.off;
	p->via = via.v;
	p->vg_off = vg.off;
	p->vg = vg.v;
	p->hg_off = hg.off;
	p->hg = hg.v;
	p->rec_off = rec.off;
	p->rec = rec.v;
	p->rr_off = rr.off;
	p->rr = rr.v;

	p->need = xcalloc((size_t)a->base[KIND_COUNT] + 1, sizeof *p->need);
	for (c = 0; c < a->base[KIND_SERVICE]; c++)
		for (j = p->rev_off[c]; j < p->rev_off[c + 1]; j++)
			if (p->rev_type[j] == REV_ANY)
				p->need[p->rev[j]]++;
	for (i = 0; i < ns; i++) {
		sv = &inv->services[i];
		n = sv->runs_on.n;
		kk = sv->min_up == 0 ? 1 : sv->min_up;
		p->need[a->base[KIND_SERVICE] + i] = n > 0 ?
		    (uint32_t)(n - (kk > n ? n : kk) + 1) : 0;
	}
	p->g_need = xmalloc((ng ? ng : 1) * sizeof *p->g_need);
	p->g_service = xmalloc((ng ? ng : 1) * sizeof *p->g_service);
	for (i = 0; i < ns; i++)
		for (k = inv->services[i].standby_off;
		    k < inv->services[i].standby_off +
		    inv->services[i].nstandby; k++)
			p->g_service[k] = (uint32_t)i;
	for (k = 0; k < ng; k++) {
		r = inventory_refs(inv, inv->standbys[k].runs_on);
		for (n = 0, j = 0; j < inv->standbys[k].runs_on.n; j++)
			n += r[j].target != INDEX_NONE;
		kk = inv->standbys[k].min_up == 0 ? 1 :
		    inv->standbys[k].min_up;
		p->g_need[k] = n > 0 ? (uint32_t)(n - (kk > n ? n : kk) + 1) :
		    1;
	}
}

struct named {
	const char	*id;
	uint32_t	 i;
};

static int
cmp_named(const void *a, const void *b)
{
	const struct named	*x = a, *y = b;
	int			 d;

	if ((d = strcmp(x->id, y->id)) != 0)
		return d;
	return x->i < y->i ? -1 : x->i > y->i;
}

void
analysis_sort_services(const struct analysis *a, uint32_t *v, size_t n)
{
	const struct inventory	*inv = a->inv;
	struct named		*ids;
	size_t			 i;

	if (n < 2)
		return;
	ids = xmalloc(n * sizeof *ids);
	for (i = 0; i < n; i++) {
		ids[i].i = v[i];
		ids[i].id = inventory_str(inv, inv->services[v[i]].e.id);
	}
	qsort(ids, n, sizeof *ids, cmp_named);
	for (i = 0; i < n; i++)
		v[i] = ids[i].i;
	free(ids);
}

static int
has_hard_self_loop(const struct inventory *inv, uint32_t s)
{
	const struct ref	*r = inventory_refs(inv,
				    inv->services[s].depends_on);
	size_t			 j;

	for (j = 0; j < inv->services[s].depends_on.n; j++)
		if (!r[j].soft && r[j].target == s)
			return 1;
	return 0;
}

static void
build_cycles(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	const struct inventory	*inv = a->inv;
	struct named		*order = NULL;
	struct cycle		*cy;
	size_t			 n, i, ncap = 0;
	uint32_t		 g;

	for (g = 0; g < p->nscc; g++) {
		n = p->scc_off[g + 1] - p->scc_off[g];
		if (n == 1 && !has_hard_self_loop(inv,
		    p->scc_mem[p->scc_off[g]]))
			continue;
		XGROW(a->cycles, ncap, a->ncycles + 1);
		cy = &a->cycles[a->ncycles++];
		cy->n = n;
		cy->services = xmalloc(n * sizeof *cy->services);
		memcpy(cy->services, p->scc_mem + p->scc_off[g],
		    n * sizeof *cy->services);
		analysis_sort_services(a, cy->services, n);
	}
	if (a->ncycles < 2)
		return;
	/* Sort the cycles by their first member's id. */
	order = xmalloc(a->ncycles * sizeof *order);
	for (i = 0; i < a->ncycles; i++) {
		order[i].id = inventory_str(inv,
		    inv->services[a->cycles[i].services[0]].e.id);
		order[i].i = (uint32_t)i;
	}
	qsort(order, a->ncycles, sizeof *order, cmp_named);
	cy = xmalloc(a->ncycles * sizeof *cy);
	for (i = 0; i < a->ncycles; i++)
		cy[i] = a->cycles[order[i].i];
	free(a->cycles);
	a->cycles = cy;
	free(order);
}

/* Blast radius and the minimal causes of every service. */
static void
build_causes(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	const struct inventory	*inv = a->inv;
	const uint32_t		*v;
	size_t			 s, i, n, total = 0;

	a->blast = xcalloc(a->base[KIND_SERVICE] ? a->base[KIND_SERVICE] : 1,
	    sizeof *a->blast);
	p->mc_off = xcalloc(inv->nservices + 1, sizeof *p->mc_off);
	p->mc = xmalloc((a->sp_off[inv->nservices] ?
	    a->sp_off[inv->nservices] : 1) * sizeof *p->mc);
	for (s = 0; s < inv->nservices; s++) {
		v = analysis_single_points(a, (uint32_t)s, &n);
		for (i = 0; i < n; i++)
			a->blast[v[i]]++;
		total += analysis_minimal_among(a, v, n, p->mc + total);
		p->mc_off[s + 1] = (uint32_t)total;
	}
}

/* A closure walk: members marked with bit, queued once. */
struct closure {
	uint8_t		*in;
	uint8_t		 bit;
	uint32_t	*queue;
	size_t		 qn;
};

static void
closure_add(struct closure *w, uint32_t c)
{
	if (c == INDEX_NONE || (w->in[c] & w->bit) != 0)
		return;
	w->in[c] |= w->bit;
	w->queue[w->qn++] = c;
}

static void
closure_span(const struct analysis *a, struct closure *w, struct span sp)
{
	const struct ref	*r = inventory_refs(a->inv, sp);
	size_t			 j;

	for (j = 0; j < sp.n; j++)
		if (r[j].target != INDEX_NONE)
			closure_add(w, a->base[r[j].kind] + r[j].target);
}

static void
closure_one(const struct analysis *a, struct closure *w, enum entity_kind k,
    uint32_t i)
{
	if (i != INDEX_NONE)
		closure_add(w, a->base[k] + i);
}

/* Queue what component c needs directly: its placement, feeds and
 * domains, dependencies, recovery and failover tools. */
static void
closure_needs(const struct analysis *a, struct closure *w, uint32_t c)
{
	const struct inventory	*inv = a->inv;
	enum entity_kind	 k = analysis_component_kind(a, c);
	uint32_t		 i = c - a->base[k], g;
	const struct service	*sv;

	switch (k) {
	case KIND_SITE:
		closure_span(a, w, inv->sites[i].in);
		closure_one(a, w, KIND_DOMAIN, inv->sites[i].region_domain);
		break;
	case KIND_POWER:
		closure_one(a, w, KIND_SITE, inv->power[i].site);
		closure_span(a, w, inv->power[i].in);
		closure_span(a, w, inv->power[i].fed_by);
		break;
	case KIND_DOMAIN:
		closure_one(a, w, KIND_SITE, inv->domains[i].site);
		closure_span(a, w, inv->domains[i].in);
		closure_span(a, w, inv->domains[i].fed_by);
		break;
	case KIND_RACK:
		closure_one(a, w, KIND_SITE, inv->racks[i].site);
		closure_span(a, w, inv->racks[i].in);
		closure_span(a, w, inv->racks[i].power);
		break;
	case KIND_HOST:
		closure_one(a, w, KIND_SITE, inv->hosts[i].site);
		closure_one(a, w, KIND_RACK, inv->hosts[i].rack);
		closure_one(a, w, KIND_HOST, inv->hosts[i].on);
		closure_span(a, w, inv->hosts[i].in);
		closure_span(a, w, inv->hosts[i].power);
		break;
	case KIND_SERVICE:
		sv = &inv->services[i];
		closure_span(a, w, sv->runs_on);
		closure_span(a, w, sv->depends_on);
		closure_span(a, w, sv->recovery);
		for (g = sv->standby_off; g < sv->standby_off + sv->nstandby;
		    g++) {
			closure_span(a, w, inv->standbys[g].runs_on);
			closure_span(a, w, inv->standbys[g].via);
		}
		break;
	case KIND_COUNT:
		break;
	}
}

/* Queue what needs component c directly, tools' users included. */
static void
closure_needed_by(const struct analysis *a, struct closure *w, uint32_t c)
{
	const struct analysis_priv	*p = a->priv;
	uint32_t			 bs = a->base[KIND_SERVICE], s, j;
	const uint32_t			*v;
	size_t				 nv, i;

	v = analysis_needed_by(a, c, &nv);
	for (i = 0; i < nv; i++)
		closure_add(w, v[i] & ~ANALYSIS_SOFT);
	if (c < bs)
		return;
	s = c - bs;
	for (j = p->vg_off[s]; j < p->vg_off[s + 1]; j++)
		closure_add(w, bs + p->g_service[p->vg[j]]);
	for (j = p->rr_off[s]; j < p->rr_off[s + 1]; j++)
		closure_add(w, bs + p->rr[j]);
}

size_t
analysis_closure(const struct analysis *a, const uint32_t *roots,
    size_t nroots, unsigned dirs, uint8_t *in)
{
	struct closure	w;
	size_t		n = a->base[KIND_COUNT], i, qh, count = 0;
	int		pass;

	memset(in, 0, n);
	w.in = in;
	w.queue = xmalloc((n ? n : 1) * sizeof *w.queue);
	for (pass = 0; pass < 2; pass++) {
		if ((dirs & (pass == 0 ? ANALYSIS_CLOSURE_NEEDS :
		    ANALYSIS_CLOSURE_NEEDED_BY)) == 0)
			continue;
		w.bit = (uint8_t)(1u << pass);
		w.qn = 0;
		for (i = 0; i < nroots; i++)
			if (roots[i] < n)
				closure_add(&w, roots[i]);
		for (qh = 0; qh < w.qn; qh++) {
			if (pass == 0)
				closure_needs(a, &w, w.queue[qh]);
			else
				closure_needed_by(a, &w, w.queue[qh]);
		}
	}
	free(w.queue);
	for (i = 0; i < n; i++) {
		in[i] = in[i] != 0;
		count += in[i];
	}
	return count;
}

struct analysis *
analysis_create(const struct inventory *inv, struct diag_list *dl)
{
	struct analysis		*a;
	struct analysis_priv	*p;
	uint32_t		*edges, *gorder;
	size_t			 m;
	int			 k, rc;

	a = xcalloc(1, sizeof *a);
	a->inv = inv;
	a->priv = p = xcalloc(1, sizeof *p);
	for (k = 0; k < KIND_COUNT; k++)
		a->base[k + 1] = a->base[k] +
		    (uint32_t)inventory_count(inv, (enum entity_kind)k);

	edges = service_edges(inv, &m);
	p->scc = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *p->scc);
	gorder = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *gorder);
	rc = graph_components((uint32_t)inv->nservices, edges, m, p->scc,
	    &p->nscc, gorder, "service dependency graph", dl);
	build_hard_deps(a, edges, m);
	free(edges);
	free(gorder);
	if (rc != 0) {
		analysis_free(a);
		return NULL;
	}
	build_groups(a);
	build_reverse(a);
	build_tools(a);
	if (spof_build(a, dl) != 0) {
		analysis_free(a);
		return NULL;
	}
	build_causes(a);
	build_cycles(a);
	return a;
}

void
analysis_free(struct analysis *a)
{
	struct analysis_priv	*p;
	size_t			 i;

	if (a == NULL)
		return;
	if ((p = a->priv) != NULL) {
		free(p->pool);
		free(p->foff);
		free(p->flen);
		free(p->scc);
		free(p->scc_off);
		free(p->scc_mem);
		free(p->loop);
		free(p->loop_off);
		free(p->loop_mem);
		free(p->own);
		free(p->ooff);
		free(p->olen);
		free(p->hd_off);
		free(p->hd);
		free(p->rev_off);
		free(p->rev);
		free(p->rev_type);
		free(p->need);
		free(p->g_need);
		free(p->g_service);
		free(p->hg_off);
		free(p->hg);
		free(p->vg_off);
		free(p->vg);
		free(p->via_off);
		free(p->via);
		free(p->rec_off);
		free(p->rec);
		free(p->rr_off);
		free(p->rr);
		free(p->mc_off);
		free(p->mc);
		free(p);
	}
	free(a->sp_off);
	free(a->sp);
	free(a->blast);
	for (i = 0; i < a->ncycles; i++)
		free(a->cycles[i].services);
	free(a->cycles);
	free(a->matrix.rows);
	free(a->matrix.cells);
	free(a);
}
