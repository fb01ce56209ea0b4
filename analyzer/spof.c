/*
 * spof.c -- single points of failure by the F-set recurrence of the failure semantics (README).
 *
 * F(x), the components whose lone failure takes x down, is computed once
 * per component in dependency order: sites, power domains and domains in
 * the topological order of what they need (site, in, fed_by); racks; hosts
 * by the depth of their `on` chains; then services by the strongly
 * connected components of hard dependencies and failover `via` edges,
 * dependencies first.
 *
 *   ALL-of node (site, in, rack, on, hard dependency): F = {x} ∪ ⋃ F(child)
 *   ANY-of node (fed_by, power):                       F = {x} ∪ ⋂ F(child)
 *   k-of-n hosts: the components in the F-sets (host included) of at least
 *   n - k + 1 of the hosts
 *   standby group: its k-of-n hosts ∪ ⋃ F(via tool)         (ALL-of)
 *   placement: active k-of-n ∩ ⋂ standby groups              (ANY-of)
 *
 * Sets are sorted arrays of component numbers in one pool.  A host's set
 * leaves the host itself out, so consecutive hosts with the same site,
 * rack, host below, feeds and domains share one set.  Where `via` edges
 * close a loop, the loop's sets start at "everything" (FSET_TOP) and are
 * recomputed until they stop changing: the greatest fixpoint of F, which is
 * the least fixpoint of "up".  Work and memory are linear in the inventory
 * plus the sets' sizes.
 */
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

/* Scratch of the set computation. */
struct build {
	struct analysis	*a;
	struct uvec	 pool;		/* infrastructure sets */
	struct uvec	 x, y;		/* set being computed, merge output */
	int		 x_top;		/* x is "everything" */
	uint32_t	*cnt;		/* per infrastructure component */
	uint32_t	*stamp;		/* per infrastructure component */
	uint32_t	 now;
	struct uvec	 touched;
	struct uvec	 acc;
	struct uvec	 kpool;		/* k-of-n sets of actives and groups */
	uint32_t	*aoff, *alen;	/* per service: active k-of-n */
	uint32_t	*goff, *glen;	/* per group: its k-of-n */
	struct uvec	 opool;		/* placement sets */
	uint32_t	*ooff, *olen;	/* per service */
	struct uvec	 spool;		/* service sets, by fate group */
	uint32_t	*soff, *slen;	/* per service; slen FSET_TOP: top */
};

/* x = x ∪ v. */
static void
x_union(struct build *b, const uint32_t *v, size_t n)
{
	struct uvec	t;

	if (b->x_top || n == 0)
		return;
	uvec_reserve(&b->y, b->x.n + n);
	b->y.n = set_union(b->x.v, b->x.n, v, n, b->y.v);
	t = b->x;
	b->x = b->y;
	b->y = t;
}

/* x = x ∩ v; from top, x = v. */
static void
x_intersect(struct build *b, const uint32_t *v, size_t n)
{
	if (b->x_top) {
		uvec_reserve(&b->x, n);
		set_copy(b->x.v, v, n);
		b->x.n = n;
		b->x_top = 0;
	} else
		b->x.n = set_intersect(b->x.v, b->x.n, v, n);
}

/* The stored F-set of infrastructure component c (a host's without it). */
static const uint32_t *
fset(const struct analysis *a, uint32_t c, size_t *n)
{
	const struct analysis_priv	*p = a->priv;

	*n = p->flen[c];
	return p->pool + p->foff[c];
}

/* x = x ∪ F(c) ∪ {c}, c infrastructure. */
static void
x_union_comp(struct build *b, uint32_t c)
{
	const uint32_t	*v;
	size_t		 n;

	v = fset(b->a, c, &n);
	x_union(b, v, n);
	x_union(b, &c, 1);
}

static uint32_t
ref_comp(const struct analysis *a, const struct ref *r)
{
	return a->base[r->kind] + r->target;
}

/* x = x ∪ F of every target of an ALL-of span. */
static void
x_union_span(struct build *b, struct span sp)
{
	const struct ref	*r = inventory_refs(b->a->inv, sp);
	size_t			 i;

	for (i = 0; i < sp.n; i++)
		if (r[i].target != INDEX_NONE)
			x_union_comp(b, ref_comp(b->a, &r[i]));
}

/*
 * x = {self} ∪ F(all[..]) ∪ F(every target of in) ∪ ⋂ F(any targets);
 * self and members of all may be INDEX_NONE.
 */
static void
build_gate(struct build *b, uint32_t self, const uint32_t *all, size_t nall,
    struct span in, struct span any)
{
	const struct ref	*r = inventory_refs(b->a->inv, any);
	const uint32_t		*v;
	uint32_t		 c;
	size_t			 i, n;

	b->x.n = 0;
	b->x_top = 1;
	for (i = 0; i < any.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		c = ref_comp(b->a, &r[i]);
		/* F(c) ∪ {c}: c is a feed, whose stored set holds it. */
		v = fset(b->a, c, &n);
		x_intersect(b, v, n);
	}
	if (b->x_top) {
		b->x_top = 0;
		b->x.n = 0;
	}
	for (i = 0; i < nall; i++)
		if (all[i] != INDEX_NONE)
			x_union_comp(b, all[i]);
	x_union_span(b, in);
	if (self != INDEX_NONE)
		x_union(b, &self, 1);
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
		if (rx[i].target != ry[i].target || rx[i].kind != ry[i].kind)
			return 0;
	return 1;
}

static void
edge_span(const struct analysis *a, uint32_t from, struct span sp,
    uint32_t **e, size_t *n, size_t *cap)
{
	const struct ref	*r = inventory_refs(a->inv, sp);
	size_t			 i;

	for (i = 0; i < sp.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		XGROW(*e, *cap, *n + 2);
		(*e)[(*n)++] = from;
		(*e)[(*n)++] = ref_comp(a, &r[i]);
	}
}

static void
edge_one(uint32_t from, uint32_t to, uint32_t **e, size_t *n, size_t *cap)
{
	if (to == INDEX_NONE)
		return;
	XGROW(*e, *cap, *n + 2);
	(*e)[(*n)++] = from;
	(*e)[(*n)++] = to;
}

/*
 * Sites, power domains and domains in the order of what they need: their
 * component numbers are 0 .. base[KIND_RACK], so they are the vertices.
 */
static int
upper_order(const struct analysis *a, uint32_t *order, struct diag_list *dl)
{
	const struct inventory	*inv = a->inv;
	uint32_t		*e = NULL, c;
	size_t			 i, n = 0, cap = 0;
	int			 rc;

	for (i = 0; i < inv->nsites; i++) {
		c = a->base[KIND_SITE] + (uint32_t)i;
		edge_span(a, c, inv->sites[i].in, &e, &n, &cap);
		edge_one(c, ANALYSIS_COMP_OF(a, KIND_DOMAIN,
		    inv->sites[i].region_domain), &e, &n, &cap);
	}
	for (i = 0; i < inv->npower; i++) {
		c = a->base[KIND_POWER] + (uint32_t)i;
		edge_one(c, ANALYSIS_COMP_OF(a, KIND_SITE, inv->power[i].site), &e, &n,
		    &cap);
		edge_span(a, c, inv->power[i].in, &e, &n, &cap);
		edge_span(a, c, inv->power[i].fed_by, &e, &n, &cap);
	}
	for (i = 0; i < inv->ndomains; i++) {
		c = a->base[KIND_DOMAIN] + (uint32_t)i;
		edge_one(c, ANALYSIS_COMP_OF(a, KIND_SITE, inv->domains[i].site), &e,
		    &n, &cap);
		edge_span(a, c, inv->domains[i].in, &e, &n, &cap);
		edge_span(a, c, inv->domains[i].fed_by, &e, &n, &cap);
	}
	rc = graph_topological_order(a->base[KIND_RACK], e, n / 2, order,
	    "infrastructure graph", dl);
	free(e);
	return rc;
}

static void
build_upper(struct build *b, const uint32_t *order)
{
	struct analysis		*a = b->a;
	const struct inventory	*inv = a->inv;
	uint32_t		 c, i, all[1];
	enum entity_kind	 k;
	struct span		 none = { 0, 0 };

	for (i = 0; i < a->base[KIND_RACK]; i++) {
		c = order[i];
		k = analysis_component_kind(a, c);
		switch (k) {
		case KIND_SITE:
			all[0] = ANALYSIS_COMP_OF(a, KIND_DOMAIN,
			    inv->sites[c - a->base[k]].region_domain);
			build_gate(b, c, all, 1, inv->sites[c - a->base[k]].in,
			    none);
			break;
		case KIND_POWER:
			all[0] = ANALYSIS_COMP_OF(a, KIND_SITE,
			    inv->power[c - a->base[k]].site);
			build_gate(b, c, all, 1, inv->power[c - a->base[k]].in,
			    inv->power[c - a->base[k]].fed_by);
			break;
		default:
			all[0] = ANALYSIS_COMP_OF(a, KIND_SITE,
			    inv->domains[c - a->base[k]].site);
			build_gate(b, c, all, 1,
			    inv->domains[c - a->base[k]].in,
			    inv->domains[c - a->base[k]].fed_by);
			break;
		}
		build_store(b, c);
	}
}

static void
build_racks(struct build *b)
{
	struct analysis		*a = b->a;
	const struct inventory	*inv = a->inv;
	uint32_t		 c, all[1];
	size_t			 i;

	for (i = 0; i < inv->nracks; i++) {
		c = a->base[KIND_RACK] + (uint32_t)i;
		all[0] = ANALYSIS_COMP_OF(a, KIND_SITE, inv->racks[i].site);
		build_gate(b, c, all, 1, inv->racks[i].in,
		    inv->racks[i].power);
		build_store(b, c);
	}
}

/*
 * Hosts ordered by the depth of their `on` chain (hosts on nothing first),
 * index order within a depth, by a counting sort.  Resolve has refused
 * cycles; a chain longer than the host count is cut all the same.
 */
static uint32_t *
host_order(const struct inventory *inv)
{
	uint32_t	*depth, *order, *cnt, *stack, x, d, maxd = 0;
	size_t		 i, n;

	depth = xmalloc((inv->nhosts ? inv->nhosts : 1) * sizeof *depth);
	stack = xmalloc((inv->nhosts ? inv->nhosts : 1) * sizeof *stack);
	for (i = 0; i < inv->nhosts; i++)
		depth[i] = UINT32_MAX;
	for (i = 0; i < inv->nhosts; i++) {
		/* Walk down to a host of known depth or on nothing. */
		n = 0;
		for (x = (uint32_t)i; depth[x] == UINT32_MAX &&
		    inv->hosts[x].on != INDEX_NONE && n < inv->nhosts;
		    x = inv->hosts[x].on)
			stack[n++] = x;
		if (depth[x] == UINT32_MAX)
			depth[x] = 0;
		for (d = depth[x]; n > 0; n--)
			if (depth[stack[n - 1]] == UINT32_MAX)
				depth[stack[n - 1]] = ++d;
	}
	free(stack);
	for (i = 0; i < inv->nhosts; i++)
		if (depth[i] > maxd)
			maxd = depth[i];
	cnt = xcalloc((size_t)maxd + 2, sizeof *cnt);
	for (i = 0; i < inv->nhosts; i++)
		cnt[depth[i] + 1]++;
	for (d = 0; d < maxd; d++)
		cnt[d + 1] += cnt[d];
	order = xmalloc((inv->nhosts ? inv->nhosts : 1) * sizeof *order);
	for (i = 0; i < inv->nhosts; i++)
		order[cnt[depth[i]]++] = (uint32_t)i;
	free(cnt);
	free(depth);
	return order;
}

static void
build_hosts(struct build *b)
{
	struct analysis		*a = b->a;
	const struct inventory	*inv = a->inv;
	struct analysis_priv	*p = a->priv;
	const struct host	*h, *prev = NULL;
	uint32_t		*order, all[3], c, prevc = 0;
	size_t			 i;

	order = host_order(inv);
	for (i = 0; i < inv->nhosts; i++) {
		h = &inv->hosts[order[i]];
		c = a->base[KIND_HOST] + order[i];
		if (prev != NULL && prev->site == h->site &&
		    prev->rack == h->rack && prev->on == h->on &&
		    same_targets(inv, prev->power, h->power) &&
		    same_targets(inv, prev->in, h->in)) {
			p->foff[c] = p->foff[prevc];
			p->flen[c] = p->flen[prevc];
			continue;
		}
		all[0] = ANALYSIS_COMP_OF(a, KIND_SITE, h->site);
		all[1] = ANALYSIS_COMP_OF(a, KIND_RACK, h->rack);
		all[2] = ANALYSIS_COMP_OF(a, KIND_HOST, h->on);
		build_gate(b, INDEX_NONE, all, 3, h->in, h->power);
		build_store(b, c);
		prev = h;
		prevc = c;
	}
	free(order);
}

static void
build_add(struct build *b, uint32_t c)
{
	if (b->stamp[c] != b->now) {
		b->stamp[c] = b->now;
		uvec_push(&b->acc, c);
	}
}

/* min_up over n usable hosts, as the scenarios apply it. */
static uint32_t
kofn_k(uint32_t min_up, uint32_t n)
{
	uint32_t	k = min_up == 0 ? 1 : min_up;

	return k > n ? n : k;
}

/*
 * The k-of-n set of hosts: the components in the sets F(h) ∪ {h} of at
 * least n - k + 1 of the hosts, sorted, appended to kpool; *off and *len
 * receive where.  No hosts: the empty set.
 */
static void
build_kofn(struct build *b, struct span hosts, uint32_t min_up,
    uint32_t *off, uint32_t *len)
{
	struct analysis		*a = b->a;
	const struct ref	*r = inventory_refs(a->inv, hosts);
	const uint32_t		*v;
	uint32_t		 n = 0, t, x, h;
	size_t			 i, j, nv;

	b->now++;
	b->acc.n = 0;
	for (i = 0; i < hosts.n; i++)
		if (r[i].target != INDEX_NONE)
			n++;
	t = n > 0 ? n - kofn_k(min_up, n) + 1 : 0;
	b->touched.n = 0;
	for (i = 0; n > 0 && i < hosts.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		h = a->base[KIND_HOST] + r[i].target;
		v = fset(a, h, &nv);
		for (j = 0; j <= nv; j++) {
			x = j < nv ? v[j] : h;
			if (b->cnt[x]++ == 0)
				uvec_push(&b->touched, x);
		}
	}
	for (i = 0; i < b->touched.n; i++) {
		x = b->touched.v[i];
		if (b->cnt[x] >= t)
			build_add(b, x);
		b->cnt[x] = 0;
	}
	set_sort(b->acc.v, b->acc.n);
	uvec_reserve(&b->kpool, b->kpool.n + b->acc.n);
	set_copy(b->kpool.v + b->kpool.n, b->acc.v, b->acc.n);
	*off = (uint32_t)b->kpool.n;
	*len = (uint32_t)b->acc.n;
	b->kpool.n += b->acc.n;
}

static void
build_kofns(struct build *b)
{
	const struct inventory	*inv = b->a->inv;
	const struct service	*sv;
	const struct standby	*g;
	size_t			 s, i;

	for (s = 0; s < inv->nservices; s++) {
		sv = &inv->services[s];
		build_kofn(b, sv->runs_on, sv->min_up, &b->aoff[s],
		    &b->alen[s]);
	}
	for (i = 0; i < inv->nstandbys; i++) {
		g = &inv->standbys[i];
		build_kofn(b, g->runs_on, g->min_up, &b->goff[i], &b->glen[i]);
	}
}

/* x = x ∪ F(service d); top when F(d) is top. */
static void
x_union_service(struct build *b, uint32_t d)
{
	if (b->slen[d] == FSET_TOP)
		b->x_top = 1;
	else
		x_union(b, b->spool.v + b->soff[d], b->slen[d]);
}

/*
 * The placement set of service m into x: its active k-of-n ∩ each standby
 * group's (k-of-n ∪ F(via tools)), where a via tool in m's own fate group
 * or with a top set leaves the group out (it is no alternative).
 * A service without runs_on has no placement: the empty set.
 */
static void
build_placement(struct build *b, uint32_t m, struct uvec *out)
{
	struct analysis			*a = b->a;
	const struct analysis_priv	*p = a->priv;
	const struct service		*sv = &a->inv->services[m];
	uint32_t			 g, j, tool;
	int				 usable;

	out->n = 0;
	uvec_reserve(out, b->alen[m]);
	set_copy(out->v, b->kpool.v + b->aoff[m], b->alen[m]);
	out->n = b->alen[m];
	if (sv->runs_on.n == 0)
		return;
	for (g = sv->standby_off; g < sv->standby_off + sv->nstandby; g++) {
		usable = 1;
		for (j = p->via_off[g]; j < p->via_off[g + 1]; j++) {
			tool = p->via[j];
			if (p->scc[tool] == p->scc[m] ||
			    b->slen[tool] == FSET_TOP)
				usable = 0;
		}
		if (!usable)
			continue;
		/* x = group k-of-n ∪ F(tools); then out ∩= x. */
		b->x.n = 0;
		b->x_top = 0;
		x_union(b, b->kpool.v + b->goff[g], b->glen[g]);
		for (j = p->via_off[g]; j < p->via_off[g + 1]; j++)
			x_union_service(b, p->via[j]);
		out->n = set_intersect(out->v, out->n, b->x.v, b->x.n);
	}
}

/*
 * F of fate group u into acc (stamped): the members' placement sets and
 * the sets of their hard dependencies outside the group.  Returns 0, or
 * -1 when one of those is top (so is the group's).
 */
static int
build_unit(struct build *b, uint32_t u)
{
	struct analysis_priv	*p = b->a->priv;
	const uint32_t		*mem = p->scc_mem + p->scc_off[u];
	size_t			 nmem = p->scc_off[u + 1] - p->scc_off[u];
	uint32_t		 m, d;
	size_t			 i, j, k;

	b->now++;
	b->acc.n = 0;
	for (i = 0; i < nmem; i++) {
		m = mem[i];
		for (k = 0; k < b->olen[m]; k++)
			build_add(b, b->opool.v[b->ooff[m] + k]);
		for (j = p->hd_off[m]; j < p->hd_off[m + 1]; j++) {
			d = p->hd[j];
			if (p->scc[d] == u)
				continue;
			if (b->slen[d] == FSET_TOP)
				return -1;
			for (k = 0; k < b->slen[d]; k++)
				build_add(b, b->spool.v[b->soff[d] + k]);
		}
	}
	set_sort(b->acc.v, b->acc.n);
	return 0;
}

/* Store a placement set (in place) for service m. */
static void
store_placement(struct build *b, uint32_t m, const struct uvec *pl)
{
	uvec_reserve(&b->opool, b->opool.n + pl->n);
	set_copy(b->opool.v + b->opool.n, pl->v, pl->n);
	b->ooff[m] = (uint32_t)b->opool.n;
	b->olen[m] = (uint32_t)pl->n;
	b->opool.n += pl->n;
}

/*
 * Compute fate group u from the current sets; returns whether its set
 * changed (it starts top).
 */
static int
compute_unit(struct build *b, uint32_t u, struct uvec *pl)
{
	struct analysis_priv	*p = b->a->priv;
	const uint32_t		*mem = p->scc_mem + p->scc_off[u];
	size_t			 nmem = p->scc_off[u + 1] - p->scc_off[u], i;
	uint32_t		 off, len, m0 = mem[0];
	int			 top;

	for (i = 0; i < nmem; i++) {
		build_placement(b, mem[i], pl);
		if (b->olen[mem[i]] != pl->n || (pl->n > 0 &&
		    memcmp(b->opool.v + b->ooff[mem[i]], pl->v,
		    pl->n * sizeof *pl->v) != 0))
			store_placement(b, mem[i], pl);
	}
	top = build_unit(b, u) != 0;
	if (top)
		return 0;	/* still top: unchanged */
	if (b->slen[m0] != FSET_TOP && b->slen[m0] == b->acc.n &&
	    (b->acc.n == 0 || memcmp(b->spool.v + b->soff[m0], b->acc.v,
	    b->acc.n * sizeof *b->acc.v) == 0))
		return 0;
	off = (uint32_t)b->spool.n;
	len = (uint32_t)b->acc.n;
	uvec_reserve(&b->spool, b->spool.n + len);
	set_copy(b->spool.v + off, b->acc.v, len);
	b->spool.n += len;
	for (i = 0; i < nmem; i++) {
		b->soff[mem[i]] = off;
		b->slen[mem[i]] = len;
	}
	return 1;
}

/* Whether a member of fate group u fails over through a member of u. */
static int
unit_self_via(const struct analysis *a, uint32_t u)
{
	const struct analysis_priv	*p = a->priv;
	const struct service		*sv;
	uint32_t			 k, g, j, m;

	for (k = p->scc_off[u]; k < p->scc_off[u + 1]; k++) {
		m = p->scc_mem[k];
		sv = &a->inv->services[m];
		for (g = sv->standby_off; g < sv->standby_off + sv->nstandby;
		    g++)
			for (j = p->via_off[g]; j < p->via_off[g + 1]; j++)
				if (p->scc[p->via[j]] == u)
					return 1;
	}
	return 0;
}

/*
 * Services: fate groups in dependency order of hard and via edges.  A
 * group in a failover loop is computed with the rest of its loop, over
 * and over from top, until no set changes.
 */
static int
build_services(struct build *b, struct diag_list *dl)
{
	struct analysis		*a = b->a;
	struct analysis_priv	*p = a->priv;
	const struct inventory	*inv = a->inv;
	uint32_t		*e = NULL, *comp, *corder, ncomp, u, l;
	uint32_t		*units, nunits;
	size_t			 n = 0, cap = 0, s, j, ci, k;
	struct uvec		 pl = { NULL, 0, 0 };
	int			 rc, changed;

	/* Vertices: fate groups; edges: hard deps and via tools. */
	for (s = 0; s < inv->nservices; s++) {
		for (j = p->hd_off[s]; j < p->hd_off[s + 1]; j++)
			if (p->scc[p->hd[j]] != p->scc[s])
				edge_one(p->scc[s], p->scc[p->hd[j]], &e, &n,
				    &cap);
		for (u = inv->services[s].standby_off;
		    u < inv->services[s].standby_off +
		    inv->services[s].nstandby; u++)
			for (j = p->via_off[u]; j < p->via_off[u + 1]; j++)
				edge_one(p->scc[s], p->scc[p->via[j]], &e, &n,
				    &cap);
	}
	comp = xmalloc((p->nscc ? p->nscc : 1) * sizeof *comp);
	corder = xmalloc((p->nscc ? p->nscc : 1) * sizeof *corder);
	rc = graph_components(p->nscc, e, n / 2, comp, &ncomp, corder,
	    "service failover graph", dl);
	free(e);
	if (rc != 0)
		goto out;

	/* Units of each component, by a counting sort. */
	{
		uint32_t	*uoff = xcalloc((size_t)ncomp + 1,
				    sizeof *uoff), *fill;

		for (u = 0; u < p->nscc; u++)
			uoff[comp[u] + 1]++;
		for (l = 0; l < ncomp; l++)
			uoff[l + 1] += uoff[l];
		fill = xmalloc(((size_t)ncomp + 1) * sizeof *fill);
		memcpy(fill, uoff, ((size_t)ncomp + 1) * sizeof *fill);
		units = xmalloc((p->nscc ? p->nscc : 1) * sizeof *units);
		for (u = 0; u < p->nscc; u++)
			units[fill[comp[u]]++] = u;
		free(fill);

		for (s = 0; s < inv->nservices; s++)
			b->slen[s] = FSET_TOP;
		p->loop = xmalloc((inv->nservices ? inv->nservices : 1) *
		    sizeof *p->loop);
		for (s = 0; s < inv->nservices; s++)
			p->loop[s] = INDEX_NONE;
		for (ci = 0; ci < ncomp; ci++) {
			l = corder[ci];
			nunits = uoff[l + 1] - uoff[l];
			if (nunits == 1) {
				compute_unit(b, units[uoff[l]], &pl);
				continue;
			}
			do {
				changed = 0;
				for (k = uoff[l]; k < uoff[l + 1]; k++)
					changed |= compute_unit(b, units[k],
					    &pl);
			} while (changed);
			/* Whatever stayed top can never be shown up. */
			for (k = uoff[l]; k < uoff[l + 1]; k++) {
				u = units[k];
				for (j = p->scc_off[u]; j < p->scc_off[u + 1];
				    j++)
					if (b->slen[p->scc_mem[j]] ==
					    FSET_TOP)
						b->slen[p->scc_mem[j]] = 0;
			}
		}
		/* Number the loops: components of more than one unit, and
		 * units with a via tool of their own. */
		p->nloops = 0;
		for (ci = 0; ci < ncomp; ci++) {
			l = corder[ci];
			if (uoff[l + 1] - uoff[l] < 2 &&
			    !unit_self_via(a, units[uoff[l]]))
				continue;
			for (k = uoff[l]; k < uoff[l + 1]; k++)
				for (j = p->scc_off[units[k]];
				    j < p->scc_off[units[k] + 1]; j++)
					p->loop[p->scc_mem[j]] = p->nloops;
			p->nloops++;
		}
		free(uoff);
		free(units);
	}
	rc = 0;
out:
	free(pl.v);
	free(comp);
	free(corder);
	return rc;
}

/* Loop members by loop, ascending. */
static void
build_loop_members(struct analysis *a)
{
	struct analysis_priv	*p = a->priv;
	size_t			 ns = a->inv->nservices, s;
	uint32_t		*fill, l;

	p->loop_off = xcalloc((size_t)p->nloops + 1, sizeof *p->loop_off);
	for (s = 0; s < ns; s++)
		if (p->loop[s] != INDEX_NONE)
			p->loop_off[p->loop[s] + 1]++;
	for (l = 0; l < p->nloops; l++)
		p->loop_off[l + 1] += p->loop_off[l];
	p->loop_mem = xmalloc((p->loop_off[p->nloops] ?
	    p->loop_off[p->nloops] : 1) * sizeof *p->loop_mem);
	fill = xmalloc(((size_t)p->nloops + 1) * sizeof *fill);
	memcpy(fill, p->loop_off, ((size_t)p->nloops + 1) * sizeof *fill);
	for (s = 0; s < ns; s++)
		if (p->loop[s] != INDEX_NONE)
			p->loop_mem[fill[p->loop[s]]++] = (uint32_t)s;
	free(fill);
}

int
spof_build(struct analysis *a, struct diag_list *dl)
{
	struct analysis_priv	*p = a->priv;
	const struct inventory	*inv = a->inv;
	struct build		 b;
	uint32_t		*order, ninfra = a->base[KIND_SERVICE];
	size_t			 ns = inv->nservices ? inv->nservices : 1;
	size_t			 ng = inv->nstandbys ? inv->nstandbys : 1, s;
	int			 rc = -1;

	memset(&b, 0, sizeof b);
	b.a = a;
	p->foff = xmalloc((ninfra ? ninfra : 1) * sizeof *p->foff);
	p->flen = xmalloc((ninfra ? ninfra : 1) * sizeof *p->flen);
	order = xmalloc((a->base[KIND_RACK] ? a->base[KIND_RACK] : 1) *
	    sizeof *order);
	if (upper_order(a, order, dl) != 0) {
		free(order);
		return -1;
	}
	build_upper(&b, order);
	free(order);
	build_racks(&b);
	build_hosts(&b);
	p->pool = b.pool.v;

	b.cnt = xcalloc(ninfra ? ninfra : 1, sizeof *b.cnt);
	b.stamp = xcalloc(ninfra ? ninfra : 1, sizeof *b.stamp);
	b.aoff = xmalloc(ns * sizeof *b.aoff);
	b.alen = xmalloc(ns * sizeof *b.alen);
	b.goff = xmalloc(ng * sizeof *b.goff);
	b.glen = xmalloc(ng * sizeof *b.glen);
	b.ooff = xcalloc(ns, sizeof *b.ooff);
	b.olen = xcalloc(ns, sizeof *b.olen);
	b.soff = xcalloc(ns, sizeof *b.soff);
	b.slen = xcalloc(ns, sizeof *b.slen);
	build_kofns(&b);
	if (build_services(&b, dl) != 0)
		goto out;
	build_loop_members(a);

	/* Single points in service order. */
	a->sp_off = xmalloc((inv->nservices + 1) * sizeof *a->sp_off);
	a->sp_off[0] = 0;
	for (s = 0; s < inv->nservices; s++)
		a->sp_off[s + 1] = a->sp_off[s] + b.slen[s];
	a->sp = xmalloc((a->sp_off[inv->nservices] ?
	    a->sp_off[inv->nservices] : 1) * sizeof *a->sp);
	for (s = 0; s < inv->nservices; s++)
		set_copy(a->sp + a->sp_off[s], b.spool.v + b.soff[s],
		    b.slen[s]);
	p->own = b.opool.v;
	p->ooff = b.ooff;
	p->olen = b.olen;
	b.opool.v = NULL;
	b.ooff = b.olen = NULL;
	rc = 0;
out:
	free(b.x.v);
	free(b.y.v);
	free(b.cnt);
	free(b.stamp);
	free(b.touched.v);
	free(b.acc.v);
	free(b.kpool.v);
	free(b.aoff);
	free(b.alen);
	free(b.goff);
	free(b.glen);
	free(b.opool.v);
	free(b.ooff);
	free(b.olen);
	free(b.spool.v);
	free(b.soff);
	free(b.slen);
	return rc;
}
