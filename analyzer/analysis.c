/*
 * analysis.c -- single points of failure by the F-set recurrence of DESIGN
 * §3, blast radius, hard-dependency cycles, explanation paths, the
 * site/power loss matrix and, on demand, the fan-in of services.
 *
 * F(x), the components whose lone failure takes x down, is computed once
 * per component in dependency order: sites; power domains in the
 * topological order of the fed_by graph (graph.c); racks; hosts; then
 * services by strongly connected components of the hard-dependency graph,
 * dependencies first.  Sets are sorted arrays of component numbers in one
 * pool.  A host's set leaves the host itself out (it is larger than every
 * other member), so consecutive hosts with the same site, rack and feeds
 * share one set.  A service's own k-of-n set is counted over its hosts'
 * sets; its set holds infrastructure only, so it is its single points.
 * Work and memory are linear in the inventory plus the sets' sizes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "analysis_priv.h"
#include "graph.h"
#include "xalloc.h"

/* A growable array of component numbers. */
struct uvec {
	uint32_t	*v;
	size_t		 n;
	size_t		 cap;
};


static void
uvec_reserve(struct uvec *u, size_t need)
{
	XGROW(u->v, u->cap, need > 0 ? need : 1);
}

static void
uvec_push(struct uvec *u, uint32_t x)
{
	XGROW(u->v, u->cap, u->n + 1);
	u->v[u->n++] = x;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* memcpy and qsort of component arrays that may be empty (and NULL). */
static void
set_copy(uint32_t *dst, const uint32_t *src, size_t n)
{
	if (n > 0)
		memcpy(dst, src, n * sizeof *src);
}

static void
set_sort(uint32_t *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_u32);
}

static int
set_has(const uint32_t *v, size_t n, uint32_t x)
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

/* Intersect a with b in place; returns the new length of a. */
static size_t
set_intersect(uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t	i = 0, j = 0, k = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			a[k++] = a[i++];
			j++;
		}
	}
	return k;
}

/* out = a ∪ b (out holds na + nb); returns its length. */
static size_t
set_union(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    uint32_t *out)
{
	size_t	i = 0, j = 0, k = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			out[k++] = a[i++];
		else if (a[i] > b[j])
			out[k++] = b[j++];
		else {
			out[k++] = a[i++];
			j++;
		}
	}
	while (i < na)
		out[k++] = a[i++];
	while (j < nb)
		out[k++] = b[j++];
	return k;
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

/* The stored F-set of infrastructure component c (a host's without it). */
static const uint32_t *
fset(const struct analysis *a, uint32_t c, size_t *n)
{
	const struct analysis_priv	*p = a->priv;

	*n = p->flen[c];
	return p->pool + p->foff[c];
}

/* Whether c is in F(x) for any component x. */
static int
fset_has(const struct analysis *a, uint32_t x, uint32_t c)
{
	const uint32_t	*v;
	size_t		 n;

	if (x == c)
		return 1;
	if (x >= a->base[KIND_SERVICE]) {
		v = analysis_single_points(a, x - a->base[KIND_SERVICE], &n);
		return set_has(v, n, c);
	}
	v = fset(a, x, &n);
	return set_has(v, n, c);
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
	return set_has(v, n, c);
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

	return p->need[c];
}

const uint32_t *
analysis_recovery(const struct analysis *a, uint32_t s, size_t *n)
{
	const struct analysis_priv	*p = a->priv;

	*n = p->rec_off[s + 1] - p->rec_off[s];
	return p->rec + p->rec_off[s];
}

const uint32_t *
analysis_fate_group(const struct analysis *a, uint32_t s, size_t *n)
{
	const struct analysis_priv	*p = a->priv;
	uint32_t			 g = p->scc[s];

	*n = p->scc_off[g + 1] - p->scc_off[g];
	return p->scc_mem + p->scc_off[g];
}

/* Scratch of the set computation. */
struct build {
	struct analysis	*a;
	struct uvec	 pool;		/* infrastructure sets */
	struct uvec	 x, y;		/* set being computed, merge output */
	uint32_t	*cnt;		/* per infrastructure component */
	uint32_t	*stamp;		/* per infrastructure component */
	uint32_t	 now;
	struct uvec	 touched;
	struct uvec	 acc;
	struct uvec	 opool;		/* own (k-of-n hosts) sets */
	uint32_t	*ooff, *olen;	/* per service, into opool */
	struct uvec	 spool;		/* service sets, by fate group */
	uint32_t	*soff, *slen;	/* per service, into spool */
};

/* y = x ∪ v, then swap so the result is in x. */
static void
build_union(struct build *b, const uint32_t *v, size_t n)
{
	struct uvec	t;

	uvec_reserve(&b->y, b->x.n + n);
	b->y.n = set_union(b->x.v, b->x.n, v, n, b->y.v);
	t = b->x;
	b->x = b->y;
	b->y = t;
}

/*
 * Set x to {self} ∪ F(all[0]) ∪ ... ∪ ⋂ F(any targets), where any is a span
 * of references of kind any_kind; self may be INDEX_NONE.
 */
static void
build_gate(struct build *b, uint32_t self, const uint32_t *all, size_t nall,
    struct span any, enum entity_kind any_kind)
{
	struct analysis		*a = b->a;
	const struct ref	*r = inventory_refs(a->inv, any);
	const uint32_t		*v;
	size_t			 i, n;
	int			 first = 1;

	b->x.n = 0;
	for (i = 0; i < any.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		v = fset(a, a->base[any_kind] + r[i].target, &n);
		if (first) {
			uvec_reserve(&b->x, n);
			set_copy(b->x.v, v, n);
			b->x.n = n;
			first = 0;
		} else
			b->x.n = set_intersect(b->x.v, b->x.n, v, n);
	}
	for (i = 0; i < nall; i++) {
		if (all[i] == INDEX_NONE)
			continue;
		v = fset(a, all[i], &n);
		build_union(b, v, n);
	}
	if (self != INDEX_NONE)
		build_union(b, &self, 1);
}

/* Store x as the F-set of infrastructure component c. */
static void
build_store(struct build *b, uint32_t c)
{
	struct analysis_priv	*p = b->a->priv;

	uvec_reserve(&b->pool, b->pool.n + b->x.n);
	set_copy(b->pool.v + b->pool.n, b->x.v, b->x.n);
	p->foff[c] = (uint32_t)b->pool.n;
	p->flen[c] = (uint32_t)b->x.n;
	b->pool.n += b->x.n;
	p->pool = b->pool.v;
}

static uint32_t
comp_of(const struct analysis *a, enum entity_kind k, uint32_t i)
{
	return i == INDEX_NONE ? INDEX_NONE : a->base[k] + i;
}

/* Whether two reference spans name the same targets in the same order. */
static int
same_targets(const struct inventory *inv, struct span x, struct span y)
{
	const struct ref	*rx = inventory_refs(inv, x);
	const struct ref	*ry = inventory_refs(inv, y);
	size_t			 i;

	if (x.n != y.n)
		return 0;
	if (x.off == y.off)
		return 1;
	for (i = 0; i < x.n; i++)
		if (rx[i].target != ry[i].target)
			return 0;
	return 1;
}

/*
 * Sites, power domains in fed_by order, racks, hosts.  Consecutive hosts
 * with the same site, rack and feeds (a brace range, a rack written out)
 * share one stored set.
 */
static void
build_infrastructure(struct build *b, const uint32_t *porder)
{
	struct analysis			*a = b->a;
	const struct inventory		*inv = a->inv;
	struct analysis_priv		*p = a->priv;
	const struct power		*pw;
	const struct rack		*rk;
	const struct host		*h, *prev;
	uint32_t			 all[2], c;
	size_t				 i;
	struct span			 none = { 0, 0 };

	for (i = 0; i < inv->nsites; i++) {
		c = a->base[KIND_SITE] + (uint32_t)i;
		build_gate(b, c, NULL, 0, none, KIND_POWER);
		build_store(b, c);
	}
	for (i = 0; i < inv->npower; i++) {
		pw = &inv->power[porder[i]];
		c = a->base[KIND_POWER] + porder[i];
		all[0] = comp_of(a, KIND_SITE, pw->site);
		build_gate(b, c, all, 1, pw->fed_by, KIND_POWER);
		build_store(b, c);
	}
	for (i = 0; i < inv->nracks; i++) {
		rk = &inv->racks[i];
		c = a->base[KIND_RACK] + (uint32_t)i;
		all[0] = comp_of(a, KIND_SITE, rk->site);
		build_gate(b, c, all, 1, rk->power, KIND_POWER);
		build_store(b, c);
	}
	prev = NULL;
	for (i = 0; i < inv->nhosts; i++) {
		h = &inv->hosts[i];
		c = a->base[KIND_HOST] + (uint32_t)i;
		if (prev != NULL && prev->site == h->site &&
		    prev->rack == h->rack &&
		    same_targets(inv, prev->power, h->power)) {
			p->foff[c] = p->foff[c - 1];
			p->flen[c] = p->flen[c - 1];
			continue;
		}
		all[0] = comp_of(a, KIND_SITE, h->site);
		all[1] = comp_of(a, KIND_RACK, h->rack);
		build_gate(b, INDEX_NONE, all, 2, h->power, KIND_POWER);
		build_store(b, c);
		prev = h;
	}
}

static void
build_add(struct build *b, uint32_t c)
{
	if (b->stamp[c] != b->now) {
		b->stamp[c] = b->now;
		uvec_push(&b->acc, c);
	}
}

/* min_up of a service over n usable hosts, as the scenarios apply it. */
static uint32_t
service_k(const struct service *s, uint32_t n)
{
	uint32_t	k = s->min_up == 0 ? 1 : s->min_up;

	return k > n ? n : k;
}

/*
 * The own set of every service (its k-of-n hosts), in index order so the
 * inventory is read sequentially; sorted, into opool.
 */
static void
build_own(struct build *b)
{
	struct analysis		*a = b->a;
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	const struct ref	*r;
	const uint32_t		*v;
	uint32_t		 n, t, x, s;
	size_t			 i, j, nv;

	for (s = 0; s < inv->nservices; s++) {
		sv = &inv->services[s];
		r = inventory_refs(inv, sv->runs_on);
		b->now++;
		b->acc.n = 0;
		n = 0;
		for (i = 0; i < sv->runs_on.n; i++)
			if (r[i].target != INDEX_NONE)
				n++;
		t = n > 0 ? n - service_k(sv, n) + 1 : 0;
		b->touched.n = 0;
		for (i = 0; n > 0 && i < sv->runs_on.n; i++) {
			if (r[i].target == INDEX_NONE)
				continue;
			v = fset(a, a->base[KIND_HOST] + r[i].target, &nv);
			for (j = 0; j < nv; j++)
				if (b->cnt[v[j]]++ == 0)
					uvec_push(&b->touched, v[j]);
		}
		for (i = 0; i < b->touched.n; i++) {
			x = b->touched.v[i];
			if (b->cnt[x] >= t)
				build_add(b, x);
			b->cnt[x] = 0;
		}
		if (t == 1)
			for (i = 0; i < sv->runs_on.n; i++)
				if (r[i].target != INDEX_NONE)
					build_add(b, a->base[KIND_HOST] +
					    r[i].target);
		set_sort(b->acc.v, b->acc.n);
		uvec_reserve(&b->opool, b->opool.n + b->acc.n);
		set_copy(b->opool.v + b->opool.n, b->acc.v, b->acc.n);
		b->ooff[s] = (uint32_t)b->opool.n;
		b->olen[s] = (uint32_t)b->acc.n;
		b->opool.n += b->acc.n;
	}
}

/*
 * Fate groups in dependency order: the union of the members' own sets and
 * of the sets of their hard dependencies outside the group.
 */
static void
build_services(struct build *b, const uint32_t *gorder)
{
	struct analysis		*a = b->a;
	struct analysis_priv	*p = a->priv;
	const uint32_t		*mem;
	uint32_t		 g, m, d, off;
	size_t			 gi, i, j, k, nmem;

	for (gi = 0; gi < p->nscc; gi++) {
		g = gorder[gi];
		mem = p->scc_mem + p->scc_off[g];
		nmem = p->scc_off[g + 1] - p->scc_off[g];
		b->now++;
		b->acc.n = 0;
		for (i = 0; i < nmem; i++) {
			m = mem[i];
			for (k = 0; k < b->olen[m]; k++)
				build_add(b, b->opool.v[b->ooff[m] + k]);
			for (j = p->hd_off[m]; j < p->hd_off[m + 1]; j++) {
				d = p->hd[j];
				if (p->scc[d] == g)
					continue;
				for (k = 0; k < b->slen[d]; k++)
					build_add(b, b->spool.v[b->soff[d] + k]);
			}
		}
		if (nmem > 1 || b->acc.n != b->olen[mem[0]])
			set_sort(b->acc.v, b->acc.n);
		off = (uint32_t)b->spool.n;
		uvec_reserve(&b->spool, b->spool.n + b->acc.n);
		set_copy(b->spool.v + off, b->acc.v, b->acc.n);
		b->spool.n += b->acc.n;
		for (i = 0; i < nmem; i++) {
			b->soff[mem[i]] = off;
			b->slen[mem[i]] = (uint32_t)b->acc.n;
		}
	}
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

static uint32_t *
power_edges(const struct inventory *inv, size_t *m)
{
	const struct ref	*r;
	uint32_t		*e = NULL;
	size_t			 i, j, n = 0, cap = 0;

	for (i = 0; i < inv->npower; i++) {
		r = inventory_refs(inv, inv->power[i].fed_by);
		for (j = 0; j < inv->power[i].fed_by.n; j++) {
			if (r[j].target == INDEX_NONE)
				continue;
			XGROW(e, cap, n + 2);
			e[n++] = (uint32_t)i;
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

/* Reverse adjacency in CSR form: two passes over the same edges. */
static void
rev_edges(struct analysis *a, uint32_t *cur, int fill)
{
	struct analysis_priv	*p = a->priv;
	const struct inventory	*inv = a->inv;
	const struct ref	*r;
	const struct host	*h;
	const struct service	*sv;
	uint32_t		 c, t;
	size_t			 i, j;

#define REV_EDGE(from, to, bits) do {				\
	if (fill)						\
		p->rev[cur[(from)]++] = (to) | (bits);		\
	else							\
		cur[(from)]++;					\
} while (0)

	for (i = 0; i < inv->npower; i++) {
		c = a->base[KIND_POWER] + (uint32_t)i;
		if (inv->power[i].site != INDEX_NONE)
			REV_EDGE(a->base[KIND_SITE] + inv->power[i].site, c, 0);
		r = inventory_refs(inv, inv->power[i].fed_by);
		for (j = 0; j < inv->power[i].fed_by.n; j++)
			if (r[j].target != INDEX_NONE)
				REV_EDGE(a->base[KIND_POWER] + r[j].target, c, 0);
	}
	for (i = 0; i < inv->nracks; i++) {
		c = a->base[KIND_RACK] + (uint32_t)i;
		if (inv->racks[i].site != INDEX_NONE)
			REV_EDGE(a->base[KIND_SITE] + inv->racks[i].site, c, 0);
		r = inventory_refs(inv, inv->racks[i].power);
		for (j = 0; j < inv->racks[i].power.n; j++)
			if (r[j].target != INDEX_NONE)
				REV_EDGE(a->base[KIND_POWER] + r[j].target, c, 0);
	}
	for (i = 0; i < inv->nhosts; i++) {
		h = &inv->hosts[i];
		c = a->base[KIND_HOST] + (uint32_t)i;
		/* A host's rack already needs the rack's site. */
		if (h->site != INDEX_NONE && (h->rack == INDEX_NONE ||
		    inv->racks[h->rack].site != h->site))
			REV_EDGE(a->base[KIND_SITE] + h->site, c, 0);
		if (h->rack != INDEX_NONE)
			REV_EDGE(a->base[KIND_RACK] + h->rack, c, 0);
		r = inventory_refs(inv, h->power);
		for (j = 0; j < h->power.n; j++)
			if (r[j].target != INDEX_NONE)
				REV_EDGE(a->base[KIND_POWER] + r[j].target, c, 0);
	}
	for (i = 0; i < inv->nservices; i++) {
		sv = &inv->services[i];
		c = a->base[KIND_SERVICE] + (uint32_t)i;
		r = inventory_refs(inv, sv->runs_on);
		for (j = 0; j < sv->runs_on.n; j++)
			if (r[j].target != INDEX_NONE)
				REV_EDGE(a->base[KIND_HOST] + r[j].target, c, 0);
		r = inventory_refs(inv, sv->depends_on);
		for (j = 0; j < sv->depends_on.n; j++) {
			t = r[j].target;
			if (t != INDEX_NONE)
				REV_EDGE(a->base[KIND_SERVICE] + t, c,
				    r[j].soft ? ANALYSIS_SOFT : 0);
		}
	}
#undef REV_EDGE
}

static void
build_reverse(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	uint32_t		 n = a->base[KIND_COUNT], c, *cur;

	p->rev_off = xcalloc((size_t)n + 1, sizeof *p->rev_off);
	rev_edges(a, p->rev_off + 1, 0);
	for (c = 0; c < n; c++)
		p->rev_off[c + 1] += p->rev_off[c];
	p->rev = xmalloc((p->rev_off[n] ? p->rev_off[n] : 1) * sizeof *p->rev);
	cur = xmalloc(((size_t)n + 1) * sizeof *cur);
	memcpy(cur, p->rev_off, ((size_t)n + 1) * sizeof *cur);
	rev_edges(a, cur, 1);
	free(cur);
}

/*
 * What scenarios read per component and per service, packed: how many
 * needed children must be down (ANY-of feeds; more than n - min_up hosts),
 * and the recovery tools of each service.
 */
static void
build_scenario_tables(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	const struct ref	*r;
	uint32_t		 c, n, *need;
	size_t			 i, j, k;

	need = xmalloc(((size_t)a->base[KIND_COUNT] + 1) * sizeof *need);
	c = 0;
	for (i = 0; i < inv->nsites; i++)
		need[c++] = UINT32_MAX;
	for (i = 0; i < inv->npower; i++)
		need[c++] = inv->power[i].fed_by.n;
	for (i = 0; i < inv->nracks; i++)
		need[c++] = inv->racks[i].power.n;
	for (i = 0; i < inv->nhosts; i++)
		need[c++] = inv->hosts[i].power.n;
	p->rec_off = xcalloc(inv->nservices + 1, sizeof *p->rec_off);
	for (i = 0; i < inv->nservices; i++) {
		sv = &inv->services[i];
		n = sv->runs_on.n;
		need[c++] = n > 0 ? n - service_k(sv, n) + 1 : UINT32_MAX;
		r = inventory_refs(inv, sv->recovery);
		for (j = 0; j < sv->recovery.n; j++)
			if (r[j].target != INDEX_NONE)
				p->rec_off[i + 1]++;
	}
	p->need = need;
	for (i = 0; i < inv->nservices; i++)
		p->rec_off[i + 1] += p->rec_off[i];
	p->rec = xmalloc((p->rec_off[inv->nservices] ?
	    p->rec_off[inv->nservices] : 1) * sizeof *p->rec);
	for (i = 0, k = 0; i < inv->nservices; i++) {
		sv = &inv->services[i];
		r = inventory_refs(inv, sv->recovery);
		for (j = 0; j < sv->recovery.n; j++)
			if (r[j].target != INDEX_NONE)
				p->rec[k++] = r[j].target;
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

static void
build_matrix(struct analysis *a)
{
	struct loss_matrix	*mx = &a->matrix;
	struct scenario		*sc;
	const uint32_t		*aff;
	uint32_t		 s;
	size_t			 r, i, naff;
	uint8_t			*row;

	mx->nrows = a->inv->nsites + a->inv->npower;
	mx->nservices = a->inv->nservices;
	mx->rows = xmalloc((mx->nrows ? mx->nrows : 1) * sizeof *mx->rows);
	mx->cells = xcalloc(mx->nrows * mx->nservices != 0 ? mx->nrows *
	    mx->nservices : 1, 1);
	for (r = 0; r < mx->nrows; r++)
		mx->rows[r] = a->base[KIND_SITE] + (uint32_t)r;
	sc = scenario_create(a);
	for (r = 0; r < mx->nrows; r++) {
		scenario_run(sc, &mx->rows[r], 1);
		row = mx->cells + r * mx->nservices;
		aff = scenario_affected(sc, &naff);
		for (i = 0; i < naff; i++) {
			s = aff[i];
			row[s] = (uint8_t)scenario_service_state(sc, s);
			if (scenario_recovery_blocked(sc, s))
				row[s] |= MATRIX_BLOCKED;
		}
	}
	scenario_free(sc);
}

/* Fan-in order: most down first, then most degraded, then by id. */
static int
fanin_cmp(const struct analysis *a, const struct analysis_fanin *x,
    const struct analysis_fanin *y)
{
	const struct inventory	*inv = a->inv;

	if (x->down != y->down)
		return x->down < y->down ? 1 : -1;
	if (x->degraded != y->degraded)
		return x->degraded < y->degraded ? 1 : -1;
	return strcmp(inventory_str(inv, inv->services[x->service].e.id),
	    inventory_str(inv, inv->services[y->service].e.id));
}

/*
 * Fail each service that something hard-depends on, alone, and count the
 * other services down and degraded.  Services nobody hard-depends on take
 * nothing else down, so they are not run.  Keeps the top entries sorted by
 * insertion into a small array.
 */
struct analysis_fanin *
analysis_fanin(const struct analysis *a, size_t top, size_t *n)
{
	struct analysis_fanin	*v, e;
	struct scenario		*sc = NULL;
	const uint32_t		*nb, *aff;
	uint32_t		 s, c;
	size_t			 nn, na, i, k;

	v = xcalloc(top + 1, sizeof *v);
	*n = 0;
	for (s = 0; s < a->inv->nservices; s++) {
		c = a->base[KIND_SERVICE] + s;
		nb = analysis_needed_by(a, c, &nn);
		for (i = 0; i < nn; i++)
			if ((nb[i] & ANALYSIS_SOFT) == 0 &&
			    nb[i] >= a->base[KIND_SERVICE])
				break;
		if (i == nn)
			continue;
		if (sc == NULL)
			sc = scenario_create(a);
		scenario_run(sc, &c, 1);
		aff = scenario_affected(sc, &na);
		memset(&e, 0, sizeof e);
		e.service = s;
		for (i = 0; i < na; i++) {
			if (aff[i] == s)
				continue;
			if (scenario_service_state(sc, aff[i]) == STATE_DOWN)
				e.down++;
			else
				e.degraded++;
		}
		if (e.down == 0)
			continue;
		/* Insert into the sorted top list. */
		for (k = *n; k > 0 && fanin_cmp(a, &e, &v[k - 1]) < 0; k--) {
			if (k < top)
				v[k] = v[k - 1];
		}
		if (k < top) {
			v[k] = e;
			if (*n < top)
				(*n)++;
		}
	}
	scenario_free(sc);
	return v;
}

struct analysis *
analysis_create(const struct inventory *inv, struct diag_list *dl)
{
	struct analysis		*a;
	struct analysis_priv	*p;
	struct build		 b;
	uint32_t		*edges, *porder, *gorder, ninfra;
	size_t			 m, s, i;
	int			 k, rc;

	a = xcalloc(1, sizeof *a);
	a->inv = inv;
	a->priv = p = xcalloc(1, sizeof *p);
	for (k = 0; k < KIND_COUNT; k++)
		a->base[k + 1] = a->base[k] +
		    (uint32_t)inventory_count(inv, (enum entity_kind)k);
	ninfra = a->base[KIND_SERVICE];

	edges = power_edges(inv, &m);
	porder = xmalloc((inv->npower ? inv->npower : 1) * sizeof *porder);
	rc = graph_topological_order((uint32_t)inv->npower, edges, m, porder,
	    "power feed graph", dl);
	free(edges);
	if (rc != 0) {
		free(porder);
		analysis_free(a);
		return NULL;
	}
	edges = service_edges(inv, &m);
	p->scc = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *p->scc);
	gorder = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *gorder);
	rc = graph_components((uint32_t)inv->nservices, edges, m, p->scc,
	    &p->nscc, gorder, "service dependency graph", dl);
	build_hard_deps(a, edges, m);
	free(edges);
	if (rc != 0) {
		free(porder);
		free(gorder);
		analysis_free(a);
		return NULL;
	}
	build_groups(a);

	memset(&b, 0, sizeof b);
	b.a = a;
	p->foff = xmalloc((ninfra ? ninfra : 1) * sizeof *p->foff);
	p->flen = xmalloc((ninfra ? ninfra : 1) * sizeof *p->flen);
	build_infrastructure(&b, porder);
	free(porder);
	p->pool = b.pool.v;

	b.cnt = xcalloc(ninfra ? ninfra : 1, sizeof *b.cnt);
	b.stamp = xcalloc(ninfra ? ninfra : 1, sizeof *b.stamp);
	b.ooff = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *b.ooff);
	b.olen = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *b.olen);
	b.soff = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *b.soff);
	b.slen = xmalloc((inv->nservices ? inv->nservices : 1) *
	    sizeof *b.slen);
	build_own(&b);
	build_services(&b, gorder);
	free(gorder);

	/* Single points in service order; blast radius. */
	a->sp_off = xmalloc((inv->nservices + 1) * sizeof *a->sp_off);
	a->sp_off[0] = 0;
	for (s = 0; s < inv->nservices; s++)
		a->sp_off[s + 1] = a->sp_off[s] + b.slen[s];
	a->sp = xmalloc((a->sp_off[inv->nservices] ?
	    a->sp_off[inv->nservices] : 1) * sizeof *a->sp);
	a->blast = xcalloc(ninfra ? ninfra : 1, sizeof *a->blast);
	for (s = 0; s < inv->nservices; s++) {
		set_copy(a->sp + a->sp_off[s], b.spool.v + b.soff[s],
		    b.slen[s]);
		for (i = 0; i < b.slen[s]; i++)
			a->blast[b.spool.v[b.soff[s] + i]]++;
	}
	free(b.x.v);
	free(b.y.v);
	free(b.cnt);
	free(b.stamp);
	free(b.touched.v);
	free(b.acc.v);
	p->own = b.opool.v;
	p->ooff = b.ooff;
	p->olen = b.olen;
	free(b.spool.v);
	free(b.soff);
	free(b.slen);

	build_cycles(a);
	build_reverse(a);
	build_scenario_tables(a);
	build_matrix(a);
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
		free(p->own);
		free(p->ooff);
		free(p->olen);
		free(p->hd_off);
		free(p->hd);
		free(p->rev_off);
		free(p->rev);
		free(p->need);
		free(p->rec_off);
		free(p->rec);
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

/* Explanation paths. */

struct walk {
	struct path_step	*v;
	size_t			 n;
	size_t			 cap;
};

static void
walk_push(struct walk *w, uint32_t c, int hard)
{
	XGROW(w->v, w->cap, w->n + 1);
	w->v[w->n].component = c;
	w->v[w->n].hard = (uint8_t)hard;
	w->n++;
}

/*
 * Whether c is in the own (k-of-n hosts) set of service s; *host receives
 * the first host of s that carries c.
 */
static int
explain_own(const struct analysis *a, uint32_t s, uint32_t c, uint32_t *host)
{
	const struct analysis_priv	*p = a->priv;
	const struct service		*sv = &a->inv->services[s];
	const struct ref		*r = inventory_refs(a->inv, sv->runs_on);
	uint32_t			 h;
	size_t				 i;

	*host = INDEX_NONE;
	if (!set_has(p->own + p->ooff[s], p->olen[s], c))
		return 0;
	for (i = 0; i < sv->runs_on.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		h = a->base[KIND_HOST] + r[i].target;
		if (fset_has(a, h, c)) {
			*host = h;
			break;
		}
	}
	return 1;
}

/* The first hard dependency of s outside its fate group that carries c. */
static uint32_t
explain_dep(const struct analysis *a, uint32_t s, uint32_t c)
{
	const struct analysis_priv	*p = a->priv;
	const struct service		*sv = &a->inv->services[s];
	const struct ref		*r;
	uint32_t			 d;
	size_t				 j;

	r = inventory_refs(a->inv, sv->depends_on);
	for (j = 0; j < sv->depends_on.n; j++) {
		d = r[j].target;
		if (r[j].soft || d == INDEX_NONE || p->scc[d] == p->scc[s])
			continue;
		if (fset_has(a, a->base[KIND_SERVICE] + d, c))
			return d;
	}
	return INDEX_NONE;
}

/*
 * c reaches service s through its fate group: walk the hard edges inside
 * the group breadth-first from s to the nearest member that carries c by
 * its own hosts or by a dependency outside, and push the members on the
 * way.  Returns the member reached, or INDEX_NONE.
 */
static uint32_t
explain_group(const struct analysis *a, uint32_t s, uint32_t c,
    struct walk *w)
{
	const struct analysis_priv	*p = a->priv;
	const struct service		*sv;
	const struct ref		*r;
	const uint32_t			*mem;
	uint32_t			*queue, *from, *chain, m, d, h, found;
	size_t				 nmem, qh = 0, qn = 0, j, pos, nchain;

	mem = analysis_fate_group(a, s, &nmem);
	queue = xmalloc(nmem * sizeof *queue);
	from = xmalloc(nmem * sizeof *from);
	for (j = 0; j < nmem; j++)
		from[j] = INDEX_NONE;
	found = INDEX_NONE;
	queue[qn++] = s;
	pos = (size_t)((const uint32_t *)bsearch(&s, mem, nmem, sizeof *mem,
	    cmp_u32) - mem);
	from[pos] = s;
	while (qh < qn && found == INDEX_NONE) {
		m = queue[qh++];
		if (m != s && (explain_own(a, m, c, &h) ||
		    explain_dep(a, m, c) != INDEX_NONE)) {
			found = m;
			break;
		}
		sv = &a->inv->services[m];
		r = inventory_refs(a->inv, sv->depends_on);
		for (j = 0; j < sv->depends_on.n; j++) {
			d = r[j].target;
			if (r[j].soft || d == INDEX_NONE ||
			    p->scc[d] != p->scc[s])
				continue;
			pos = (size_t)((const uint32_t *)bsearch(&d, mem, nmem,
			    sizeof *mem, cmp_u32) - mem);
			if (from[pos] != INDEX_NONE)
				continue;
			from[pos] = m;
			queue[qn++] = d;
		}
	}
	if (found != INDEX_NONE) {
		/* Unwind found -> ... -> s, then push it in order. */
		chain = queue;	/* reuse: at most nmem entries */
		nchain = 0;
		for (m = found; m != s;) {
			chain[nchain++] = m;
			pos = (size_t)((const uint32_t *)bsearch(&m, mem, nmem,
			    sizeof *mem, cmp_u32) - mem);
			m = from[pos];
		}
		while (nchain > 0)
			walk_push(w, a->base[KIND_SERVICE] + chain[--nchain],
			    1);
	}
	free(queue);
	free(from);
	return found;
}

/* The first power reference, if every one of them carries c. */
static uint32_t
explain_any(const struct analysis *a, struct span sp, uint32_t c)
{
	const struct ref	*r = inventory_refs(a->inv, sp);
	uint32_t		 first = INDEX_NONE, p;
	size_t			 i;

	for (i = 0; i < sp.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		p = a->base[KIND_POWER] + r[i].target;
		if (!fset_has(a, p, c))
			return INDEX_NONE;
		if (first == INDEX_NONE)
			first = p;
	}
	return first;
}

/* Push the next step(s) from x towards c; returns 0 when stuck. */
static int
explain_step(const struct analysis *a, uint32_t x, uint32_t c,
    struct walk *w)
{
	const struct inventory	*inv = a->inv;
	enum entity_kind	 k = analysis_component_kind(a, x);
	uint32_t		 i = x - a->base[k], y = INDEX_NONE, site, rack;
	struct span		 sp;

	switch (k) {
	case KIND_SERVICE:
		if (explain_own(a, i, c, &y)) {
			walk_push(w, y, 0);
			return 1;
		}
		if ((y = explain_dep(a, i, c)) != INDEX_NONE) {
			walk_push(w, a->base[KIND_SERVICE] + y, 1);
			return 1;
		}
		return explain_group(a, i, c, w) != INDEX_NONE;
	case KIND_HOST:
		rack = comp_of(a, KIND_RACK, inv->hosts[i].rack);
		site = comp_of(a, KIND_SITE, inv->hosts[i].site);
		sp = inv->hosts[i].power;
		if (rack != INDEX_NONE && fset_has(a, rack, c))
			y = rack;
		break;
	case KIND_RACK:
		site = comp_of(a, KIND_SITE, inv->racks[i].site);
		sp = inv->racks[i].power;
		break;
	case KIND_POWER:
		site = comp_of(a, KIND_SITE, inv->power[i].site);
		sp = inv->power[i].fed_by;
		/* A domain in the burning site: say so, not via its feeds. */
		if (site == c)
			y = site;
		break;
	default:
		return 0;
	}
	if (y == INDEX_NONE)
		y = explain_any(a, sp, c);
	if (y == INDEX_NONE && site != INDEX_NONE && fset_has(a, site, c))
		y = site;
	if (y == INDEX_NONE)
		return 0;
	walk_push(w, y, 0);
	return 1;
}

size_t
analysis_explain(const struct analysis *a, uint32_t x, uint32_t c,
    struct path_step **steps)
{
	struct walk	w = { NULL, 0, 0 };
	size_t		limit;

	*steps = NULL;
	if (x >= a->base[KIND_COUNT] || c >= a->base[KIND_SERVICE] ||
	    !fset_has(a, x, c))
		return 0;
	limit = a->base[KIND_COUNT] + 1;
	walk_push(&w, x, 0);
	while (w.v[w.n - 1].component != c) {
		if (!explain_step(a, w.v[w.n - 1].component, c, &w) ||
		    w.n > limit) {
			free(w.v);
			return 0;
		}
	}
	*steps = w.v;
	return w.n;
}
