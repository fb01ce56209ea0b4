/*
 * dot_focus.c -- what a diagram keeps (see dot_focus.h).
 *
 * The closure of the focus is the engine's: the placement and dependency
 * relation as DESIGN §3 defines it, walked both ways.  Blocked edges
 * follow the recovery-blocked rule: a single fault that takes the tool
 * down (one of its single points) and takes the service down or degrades
 * it, judged from the single points, the site/power loss matrix, or a run.
 */
#include <stdlib.h>
#include <string.h>

#include "dot_focus.h"
#include "xalloc.h"

/* ---- the closure (until the engine exports analysis_closure) ---- */

struct adj {
	uint32_t	*off;
	uint32_t	*v;
	size_t		 n, cap;
};

static void
adj_span(struct adj *g, const struct analysis *a, struct span sp,
    int kind)
{
	const struct ref	*r = inventory_refs(a->inv, sp);
	uint32_t		 i;
	int			 k;

	for (i = 0; i < sp.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		k = kind >= 0 ? kind : r[i].kind;
		if (k < 0 || k >= KIND_COUNT)
			continue;
		XGROW(g->v, g->cap, g->n + 1);
		g->v[g->n++] = a->base[k] + r[i].target;
	}
}

static void
adj_one(struct adj *g, const struct analysis *a, enum entity_kind k,
    uint32_t idx)
{
	if (idx == INDEX_NONE)
		return;
	XGROW(g->v, g->cap, g->n + 1);
	g->v[g->n++] = a->base[k] + idx;
}

/* What each component needs directly, as adjacency lists. */
static void
adj_needs(const struct analysis *a, struct adj *g)
{
	const struct inventory	*inv = a->inv;
	size_t			 ncomp = a->base[KIND_COUNT], i, j;
	uint32_t		 c = 0;

	memset(g, 0, sizeof *g);
	g->off = xcalloc(ncomp + 1, sizeof *g->off);
	for (i = 0; i < inv->nsites; i++, c++) {
		g->off[c] = (uint32_t)g->n;
		adj_span(g, a, inv->sites[i].in, -1);
		adj_one(g, a, KIND_DOMAIN, inv->sites[i].region_domain);
	}
	for (i = 0; i < inv->npower; i++, c++) {
		g->off[c] = (uint32_t)g->n;
		adj_one(g, a, KIND_SITE, inv->power[i].site);
		adj_span(g, a, inv->power[i].fed_by, -1);
		adj_span(g, a, inv->power[i].in, -1);
	}
	for (i = 0; i < inv->ndomains; i++, c++) {
		g->off[c] = (uint32_t)g->n;
		adj_one(g, a, KIND_SITE, inv->domains[i].site);
		adj_span(g, a, inv->domains[i].fed_by, -1);
		adj_span(g, a, inv->domains[i].in, -1);
	}
	for (i = 0; i < inv->nracks; i++, c++) {
		g->off[c] = (uint32_t)g->n;
		adj_one(g, a, KIND_SITE, inv->racks[i].site);
		adj_span(g, a, inv->racks[i].power, KIND_POWER);
		adj_span(g, a, inv->racks[i].in, -1);
	}
	for (i = 0; i < inv->nhosts; i++, c++) {
		const struct host *h = &inv->hosts[i];

		g->off[c] = (uint32_t)g->n;
		adj_one(g, a, KIND_SITE, h->site);
		adj_one(g, a, KIND_RACK, h->rack);
		adj_one(g, a, KIND_HOST, h->on);
		adj_span(g, a, h->power, KIND_POWER);
		adj_span(g, a, h->in, -1);
	}
	for (i = 0; i < inv->nservices; i++, c++) {
		const struct service *s = &inv->services[i];

		g->off[c] = (uint32_t)g->n;
		adj_span(g, a, s->depends_on, KIND_SERVICE);
		adj_span(g, a, s->recovery, KIND_SERVICE);
		adj_span(g, a, s->runs_on, KIND_HOST);
		for (j = 0; j < s->nstandby; j++) {
			const struct standby *sb =
			    &inv->standbys[s->standby_off + j];

			adj_span(g, a, sb->runs_on, KIND_HOST);
			adj_span(g, a, sb->via, KIND_SERVICE);
		}
	}
	g->off[ncomp] = (uint32_t)g->n;
}

/* The same relation reversed. */
static void
adj_reverse(const struct adj *f, size_t ncomp, struct adj *r)
{
	uint32_t	*cur, c, j;

	memset(r, 0, sizeof *r);
	r->off = xcalloc(ncomp + 2, sizeof *r->off);
	for (j = 0; j < f->n; j++)
		r->off[f->v[j] + 1]++;
	for (c = 0; c < ncomp; c++)
		r->off[c + 1] += r->off[c];
	r->n = r->cap = f->n;
	r->v = xreallocarray(NULL, f->n + 1, sizeof *r->v);
	cur = xreallocarray(NULL, ncomp + 1, sizeof *cur);
	memcpy(cur, r->off, ncomp * sizeof *cur);
	for (c = 0; c < ncomp; c++)
		for (j = f->off[c]; j < f->off[c + 1]; j++)
			r->v[cur[f->v[j]]++] = c;
	free(cur);
}

static void
adj_walk(const struct adj *g, const uint32_t *roots, size_t nroots,
    size_t ncomp, uint8_t *in)
{
	uint8_t		*seen = xcalloc(ncomp + 1, 1);
	uint32_t	*stack = xreallocarray(NULL, ncomp + 1, sizeof *stack);
	size_t		 sp = 0, i;
	uint32_t	 c, j;

	for (i = 0; i < nroots; i++)
		if (roots[i] < ncomp && !seen[roots[i]]) {
			seen[roots[i]] = 1;
			stack[sp++] = roots[i];
		}
	while (sp > 0) {
		c = stack[--sp];
		in[c] = 1;
		for (j = g->off[c]; j < g->off[c + 1]; j++)
			if (!seen[g->v[j]]) {
				seen[g->v[j]] = 1;
				stack[sp++] = g->v[j];
			}
	}
	free(stack);
	free(seen);
}

static void
focus_closure(const struct analysis *a, const uint32_t *roots, size_t nroots,
    uint8_t *in)
{
	size_t		ncomp = a->base[KIND_COUNT];
	struct adj	fwd, rev;

	adj_needs(a, &fwd);
	adj_reverse(&fwd, ncomp, &rev);
	adj_walk(&fwd, roots, nroots, ncomp, in);
	adj_walk(&rev, roots, nroots, ncomp, in);
	free(fwd.off);
	free(fwd.v);
	free(rev.off);
	free(rev.v);
}

uint8_t *
dot_focus_keep(const struct analysis *a, const uint32_t *focus,
    size_t nfocus)
{
	size_t	 ncomp = a->base[KIND_COUNT];
	uint8_t	*keep = xcalloc(ncomp + 1, 1);

	if (nfocus == 0)
		memset(keep, 1, ncomp);
	else
		focus_closure(a, focus, nfocus, keep);
	return keep;
}

/* ---- blocked recovery and failover edges ---- */

struct pair {
	uint32_t	s, t;
};

struct dot_blocked {
	struct pair	*v;
	size_t		 n;
};

struct triple {
	uint32_t	c, s, t;
	uint8_t		hit;
};

static int
triple_cmp(const void *x, const void *y)
{
	const struct triple	*a = x, *b = y;

	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair	*a = x, *b = y;

	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	return a->t < b->t ? -1 : a->t > b->t;
}

/* The recovery and failover tools of service s (service indices, with
 * repeats) into *out; returns their count. */
static size_t
tools_of(const struct inventory *inv, uint32_t s, uint32_t **out, size_t *cap)
{
	const struct service	*sv = &inv->services[s];
	const struct ref	*r;
	size_t			 n = 0, j;
	uint32_t		 i;

	r = inventory_refs(inv, sv->recovery);
	for (i = 0; i < sv->recovery.n; i++)
		if (r[i].target != INDEX_NONE) {
			XGROW(*out, *cap, n + 1);
			(*out)[n++] = r[i].target;
		}
	for (j = 0; j < sv->nstandby; j++) {
		const struct standby *sb = &inv->standbys[sv->standby_off + j];

		r = inventory_refs(inv, sb->via);
		for (i = 0; i < sb->via.n; i++)
			if (r[i].target != INDEX_NONE) {
				XGROW(*out, *cap, n + 1);
				(*out)[n++] = r[i].target;
			}
	}
	return n;
}

static void
blocked_add(struct dot_blocked *b, size_t *cap, uint32_t s, uint32_t t)
{
	XGROW(b->v, *cap, b->n + 1);
	b->v[b->n].s = s;
	b->v[b->n].t = t;
	b->n++;
}

/* In a scenario: the tool is down and the service is not up. */
static void
blocked_in_scenario(const struct analysis *a, const struct scenario *sc,
    struct dot_blocked *b)
{
	const struct inventory	*inv = a->inv;
	uint32_t		*tools = NULL, s;
	size_t			 tcap = 0, cap = 0, nt, i;

	for (s = 0; s < inv->nservices; s++) {
		if (scenario_service_state(sc, s) == STATE_UP)
			continue;
		nt = tools_of(inv, s, &tools, &tcap);
		for (i = 0; i < nt; i++)
			if (scenario_is_down(sc, a->base[KIND_SERVICE] +
			    tools[i]))
				blocked_add(b, &cap, s, tools[i]);
	}
	free(tools);
}

/* By any single fault: as the recovery-blocked rule judges it. */
static void
blocked_by_single_faults(const struct analysis *a, struct dot_blocked *b)
{
	const struct inventory		*inv = a->inv;
	const struct loss_matrix	*mx = &a->matrix;
	struct triple			*v = NULL;
	struct scenario			*sc = NULL;
	uint32_t			*tools = NULL, *row, s, c, nrow;
	const uint32_t			*sp;
	size_t				 n = 0, cap = 0, tcap = 0, bcap = 0;
	size_t				 nt, nsp, i, j, k;

	for (s = 0; s < inv->nservices; s++) {
		nt = tools_of(inv, s, &tools, &tcap);
		for (i = 0; i < nt; i++) {
			sp = analysis_single_points(a, tools[i], &nsp);
			XGROW(v, cap, n + nsp);
			for (j = 0; j < nsp; j++) {
				v[n].c = sp[j];
				v[n].s = s;
				v[n].t = tools[i];
				v[n].hit = 0;
				n++;
			}
		}
	}
	free(tools);
	nrow = a->base[KIND_DOMAIN];
	row = xreallocarray(NULL, nrow + 1, sizeof *row);
	for (i = 0; i < nrow; i++)
		row[i] = UINT32_MAX;
	for (i = 0; i < mx->nrows; i++)
		if (mx->rows[i] < nrow)
			row[mx->rows[i]] = (uint32_t)i;
	if (n > 1)
		qsort(v, n, sizeof *v, triple_cmp);
	for (i = 0; i < n; i = j) {
		int ran = 0;

		c = v[i].c;
		for (j = i; j < n && v[j].c == c; j++)
			;
		for (k = i; k < j; k++) {
			if (analysis_is_single_point(a, v[k].s, c))
				v[k].hit = 1;
			else if (c < nrow && row[c] != UINT32_MAX)
				v[k].hit = (mx->cells[(size_t)row[c] *
				    mx->nservices + v[k].s] &
				    MATRIX_STATE_MASK) != STATE_UP;
			else {
				if (!ran) {
					if (sc == NULL)
						sc = scenario_create(a);
					scenario_run(sc, &c, 1);
					ran = 1;
				}
				v[k].hit = scenario_service_state(sc,
				    v[k].s) != STATE_UP;
			}
			if (v[k].hit)
				blocked_add(b, &bcap, v[k].s, v[k].t);
		}
	}
	scenario_free(sc);
	free(row);
	free(v);
}

struct dot_blocked *
dot_blocked_create(const struct analysis *a, const struct scenario *sc)
{
	struct dot_blocked	*b = xcalloc(1, sizeof *b);
	size_t			 i, k;

	if (sc != NULL)
		blocked_in_scenario(a, sc, b);
	else
		blocked_by_single_faults(a, b);
	if (b->n > 1) {
		qsort(b->v, b->n, sizeof *b->v, pair_cmp);
		for (i = k = 1; i < b->n; i++)
			if (pair_cmp(&b->v[i], &b->v[k - 1]) != 0)
				b->v[k++] = b->v[i];
		b->n = k;
	}
	return b;
}

void
dot_blocked_free(struct dot_blocked *b)
{
	if (b == NULL)
		return;
	free(b->v);
	free(b);
}

int
dot_blocked_has(const struct dot_blocked *b, uint32_t s, uint32_t t)
{
	struct pair	key = { s, t };

	return b->n > 0 && bsearch(&key, b->v, b->n, sizeof *b->v,
	    pair_cmp) != NULL;
}
