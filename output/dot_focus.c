/*
 * dot_focus.c -- what a diagram keeps (see dot_focus.h).
 *
 * The closure of the focus is the engine's: the placement and dependency
 * relation as the failure semantics (README) defines it, walked both ways.  Blocked edges
 * follow the recovery-blocked rule: a single fault that takes the tool
 * down (one of its single points) and takes the service down or degrades
 * it, judged from the single points, the site/power loss matrix, or a run.
 */
#include <stdlib.h>
#include <string.h>

#include "dot_focus.h"
#include "xalloc.h"

/* ---- the closure ---- */

uint8_t *
dot_focus_keep(const struct analysis *a, const uint32_t *focus,
    size_t nfocus)
{
	size_t	 ncomp = a->base[KIND_COUNT], i;
	uint8_t	*keep = xcalloc(ncomp + 1, 1), *up;

	if (nfocus == 0) {
		memset(keep, 1, ncomp);
		return keep;
	}
	/* Each direction from the focus alone: not what needs what the
	 * focus needs. */
	up = xcalloc(ncomp + 1, 1);
	analysis_closure(a, focus, nfocus, ANALYSIS_CLOSURE_NEEDS, keep);
	analysis_closure(a, focus, nfocus, ANALYSIS_CLOSURE_NEEDED_BY, up);
	for (i = 0; i < ncomp; i++)
		keep[i] |= up[i];
	free(up);
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
