/*
 * explain.c -- explanation paths: why one component's lone failure takes
 * another down, step by step through the F-sets (each step moves to a
 * child that carries the cause), e.g. service kakaotalk -> service auth ->
 * host pg-db-1 -> rack pg-r2 -> power pangyo-ups-b -> domain b3-battery.
 */
#include <stdlib.h>

#include "analysis.h"
#include "analysis_priv.h"
#include "xalloc.h"

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

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
	if (!analysis_set_has(p->own + p->ooff[s], p->olen[s], c))
		return 0;
	for (i = 0; i < sv->runs_on.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		h = a->base[KIND_HOST] + r[i].target;
		if (analysis_fset_has(a, h, c)) {
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
		if (analysis_fset_has(a, a->base[KIND_SERVICE] + d, c))
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

/* The first reference of an ANY-of span, if every one of them carries c. */
static uint32_t
explain_any(const struct analysis *a, struct span sp, uint32_t c)
{
	const struct ref	*r = inventory_refs(a->inv, sp);
	uint32_t		 first = INDEX_NONE, x;
	size_t			 i;

	for (i = 0; i < sp.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		x = a->base[r[i].kind] + r[i].target;
		if (!analysis_fset_has(a, x, c))
			return INDEX_NONE;
		if (first == INDEX_NONE)
			first = x;
	}
	return first;
}

/* The first reference of an ALL-of span that carries c (c itself first). */
static uint32_t
explain_all(const struct analysis *a, struct span sp, uint32_t c)
{
	const struct ref	*r = inventory_refs(a->inv, sp);
	uint32_t		 x, found = INDEX_NONE;
	size_t			 i;

	for (i = 0; i < sp.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		x = a->base[r[i].kind] + r[i].target;
		if (x == c)
			return x;
		if (found == INDEX_NONE && analysis_fset_has(a, x, c))
			found = x;
	}
	return found;
}

/* What an infrastructure component needs, by gate. */
struct needs {
	uint32_t	 site;		/* or INDEX_NONE */
	uint32_t	 one[3];	/* other ALL-of children: rack, on, region */
	struct span	 in;		/* ALL-of */
	struct span	 any;		/* ANY-of */
};

static void
needs_of(const struct analysis *a, uint32_t x, struct needs *nd)
{
	const struct inventory	*inv = a->inv;
	enum entity_kind	 k = analysis_component_kind(a, x);
	uint32_t		 i = x - a->base[k];
	struct span		 none = { 0, 0 };

	nd->site = nd->one[0] = nd->one[1] = nd->one[2] = INDEX_NONE;
	nd->in = nd->any = none;
	switch (k) {
	case KIND_SITE:
		nd->one[0] = ANALYSIS_COMP_OF(a, KIND_DOMAIN,
		    inv->sites[i].region_domain);
		nd->in = inv->sites[i].in;
		break;
	case KIND_POWER:
		nd->site = ANALYSIS_COMP_OF(a, KIND_SITE, inv->power[i].site);
		nd->in = inv->power[i].in;
		nd->any = inv->power[i].fed_by;
		break;
	case KIND_DOMAIN:
		nd->site = ANALYSIS_COMP_OF(a, KIND_SITE, inv->domains[i].site);
		nd->in = inv->domains[i].in;
		nd->any = inv->domains[i].fed_by;
		break;
	case KIND_RACK:
		nd->site = ANALYSIS_COMP_OF(a, KIND_SITE, inv->racks[i].site);
		nd->in = inv->racks[i].in;
		nd->any = inv->racks[i].power;
		break;
	case KIND_HOST:
		nd->site = ANALYSIS_COMP_OF(a, KIND_SITE, inv->hosts[i].site);
		nd->one[0] = ANALYSIS_COMP_OF(a, KIND_HOST, inv->hosts[i].on);
		nd->one[1] = ANALYSIS_COMP_OF(a, KIND_RACK, inv->hosts[i].rack);
		nd->in = inv->hosts[i].in;
		nd->any = inv->hosts[i].power;
		break;
	default:
		break;
	}
}

/*
 * The next step from infrastructure x towards c: the host below or rack
 * that carries c, a domain x is in, its feeds when all of them carry c, and
 * its site last; but a power domain or domain in the burning site says so
 * at once, not via its feeds.
 */
static uint32_t
explain_infrastructure(const struct analysis *a, uint32_t x, uint32_t c)
{
	struct needs	nd;
	uint32_t	y;
	int		i;

	needs_of(a, x, &nd);
	if (nd.site == c && x < a->base[KIND_RACK])
		return c;
	for (i = 0; i < 3; i++)
		if (nd.one[i] != INDEX_NONE &&
		    analysis_fset_has(a, nd.one[i], c))
			return nd.one[i];
	if ((y = explain_all(a, nd.in, c)) != INDEX_NONE)
		return y;
	if ((y = explain_any(a, nd.any, c)) != INDEX_NONE)
		return y;
	if (nd.site != INDEX_NONE && analysis_fset_has(a, nd.site, c))
		return nd.site;
	return INDEX_NONE;
}

/* Push the next step(s) from x towards c; returns 0 when stuck. */
static int
explain_step(const struct analysis *a, uint32_t x, uint32_t c,
    struct walk *w)
{
	enum entity_kind	 k = analysis_component_kind(a, x);
	uint32_t		 i = x - a->base[k], y;

	if (k == KIND_SERVICE) {
		if (explain_own(a, i, c, &y)) {
			walk_push(w, y, 0);
			return 1;
		}
		if ((y = explain_dep(a, i, c)) != INDEX_NONE) {
			walk_push(w, a->base[KIND_SERVICE] + y, 1);
			return 1;
		}
		return explain_group(a, i, c, w) != INDEX_NONE;
	}
	if ((y = explain_infrastructure(a, x, c)) == INDEX_NONE)
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
	    !analysis_fset_has(a, x, c))
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
