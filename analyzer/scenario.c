/*
 * scenario.c -- fail a set of components at once and propagate (DESIGN §3).
 *
 * Failure spreads only along the analysis' reverse adjacency (who needs
 * each component), breadth-first: a site or rack takes everything that
 * needs it down, a power domain counts down the ANY-of feeds of what it
 * feeds, a host counts down the k-of-n hosts of its services, and a service
 * takes its hard dependents and its fate group down.  Then degradation
 * spreads from the services that stayed up but were touched (a host down,
 * a dependency down) to everything that depends on them, hard or soft: the
 * least fixpoint, so soft cycles nothing reaches stay up.  Every component
 * whose state or counter changes goes on a touched list, and the next run
 * resets only those, so a run costs what it reaches; so does reading its
 * result, which sorts only the services the run affected.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "analysis_priv.h"
#include "xalloc.h"

#define ST_TOUCHED	0x01
#define ST_DOWN		0x02
#define ST_DEGRADED	0x04
#define ST_BLOCKED	0x08

struct scenario {
	const struct analysis	*a;
	const struct analysis_priv *p;
	uint8_t			*state;		/* per component */
	uint32_t		*cnt;		/* per component: children down */
	uint32_t		*touched;
	size_t			 ntouched;
	uint32_t		*queue;
	size_t			 qn;
	uint32_t		*affected;	/* services down or degraded */
	size_t			 naffected;
};

struct scenario *
scenario_create(const struct analysis *a)
{
	struct scenario	*sc;
	size_t		 n = a->base[KIND_COUNT] ? a->base[KIND_COUNT] : 1;
	size_t		 ns = a->inv->nservices ? a->inv->nservices : 1;

	sc = xcalloc(1, sizeof *sc);
	sc->a = a;
	sc->p = a->priv;
	sc->state = xcalloc(n, sizeof *sc->state);
	sc->cnt = xcalloc(n, sizeof *sc->cnt);
	sc->touched = xmalloc(n * sizeof *sc->touched);
	sc->queue = xmalloc(n * sizeof *sc->queue);
	sc->affected = xmalloc(ns * sizeof *sc->affected);
	return sc;
}

void
scenario_free(struct scenario *sc)
{
	if (sc == NULL)
		return;
	free(sc->state);
	free(sc->cnt);
	free(sc->touched);
	free(sc->queue);
	free(sc->affected);
	free(sc);
}

static void
touch(struct scenario *sc, uint32_t c)
{
	if ((sc->state[c] & ST_TOUCHED) == 0) {
		sc->state[c] |= ST_TOUCHED;
		sc->touched[sc->ntouched++] = c;
	}
}

static void
fail(struct scenario *sc, uint32_t c)
{
	if (sc->state[c] & ST_DOWN)
		return;
	touch(sc, c);
	sc->state[c] |= ST_DOWN;
	sc->queue[sc->qn++] = c;
}

/* Count one more needed child of c down. */
static void
count_down(struct scenario *sc, uint32_t c)
{
	touch(sc, c);
	if (++sc->cnt[c] == sc->p->need[c])
		fail(sc, c);
}

static void
spread_down(struct scenario *sc)
{
	const struct analysis_priv	*p = sc->p;
	const uint32_t			*base = sc->a->base;
	uint32_t			 c, d, e, i, end, g, m;
	size_t				 qh;

	for (qh = 0; qh < sc->qn; qh++) {
		c = sc->queue[qh];
		end = p->rev_off[c + 1];
		if (c < base[KIND_POWER] || (c >= base[KIND_RACK] &&
		    c < base[KIND_HOST])) {
			/* a site or a rack: ALL-of for what needs it */
			for (i = p->rev_off[c]; i < end; i++)
				fail(sc, p->rev[i]);
		} else if (c < base[KIND_SERVICE]) {
			/* power (ANY-of feeds), host (k-of-n instances) */
			for (i = p->rev_off[c]; i < end; i++)
				count_down(sc, p->rev[i]);
		} else {
			for (i = p->rev_off[c]; i < end; i++) {
				e = p->rev[i];
				d = e & ~ANALYSIS_SOFT;
				if (e & ANALYSIS_SOFT)
					touch(sc, d);
				else
					fail(sc, d);
			}
			g = p->scc[c - base[KIND_SERVICE]];
			for (m = p->scc_off[g]; m < p->scc_off[g + 1]; m++)
				fail(sc, base[KIND_SERVICE] + p->scc_mem[m]);
		}
	}
}

/* Up services that were touched are degraded; so is all that needs them. */
static void
spread_degraded(struct scenario *sc)
{
	const struct analysis_priv	*p = sc->p;
	uint32_t			 c, d, i, end;
	uint32_t			 base = sc->a->base[KIND_SERVICE];
	size_t				 qh, k, nt = sc->ntouched;

	sc->qn = 0;
	for (k = 0; k < nt; k++) {
		c = sc->touched[k];
		if (c < base)
			continue;
		if ((sc->state[c] & ST_DOWN) == 0)
			sc->state[c] |= ST_DEGRADED;
		sc->queue[sc->qn++] = c;
	}
	for (qh = 0; qh < sc->qn; qh++) {
		c = sc->queue[qh];
		end = p->rev_off[c + 1];
		for (i = p->rev_off[c]; i < end; i++) {
			d = p->rev[i] & ~ANALYSIS_SOFT;
			if (sc->state[d] & (ST_DOWN | ST_DEGRADED))
				continue;
			touch(sc, d);
			sc->state[d] |= ST_DEGRADED;
			sc->queue[sc->qn++] = d;
		}
	}
}

static void
mark_blocked(struct scenario *sc)
{
	const struct analysis_priv	*p = sc->p;
	uint32_t			 c, s, j, base = sc->a->base[KIND_SERVICE];
	size_t				 i;

	for (i = 0; i < sc->ntouched; i++) {
		c = sc->touched[i];
		if (c < base || (sc->state[c] & (ST_DOWN | ST_DEGRADED)) == 0)
			continue;
		s = c - base;
		sc->affected[sc->naffected++] = s;
		for (j = p->rec_off[s]; j < p->rec_off[s + 1]; j++) {
			if (sc->state[base + p->rec[j]] & ST_DOWN) {
				sc->state[c] |= ST_BLOCKED;
				break;
			}
		}
	}
}

void
scenario_run(struct scenario *sc, const uint32_t *failed, size_t n)
{
	size_t	i;

	for (i = 0; i < sc->ntouched; i++) {
		sc->state[sc->touched[i]] = 0;
		sc->cnt[sc->touched[i]] = 0;
	}
	sc->ntouched = 0;
	sc->naffected = 0;
	sc->qn = 0;
	for (i = 0; i < n; i++)
		if (failed[i] < sc->a->base[KIND_COUNT])
			fail(sc, failed[i]);
	spread_down(sc);
	spread_degraded(sc);
	mark_blocked(sc);
}

int
scenario_is_down(const struct scenario *sc, uint32_t c)
{
	return c < sc->a->base[KIND_COUNT] && (sc->state[c] & ST_DOWN) != 0;
}

enum service_state
scenario_service_state(const struct scenario *sc, uint32_t service)
{
	uint8_t	st = sc->state[sc->a->base[KIND_SERVICE] + service];

	if (st & ST_DOWN)
		return STATE_DOWN;
	if (st & ST_DEGRADED)
		return STATE_DEGRADED;
	return STATE_UP;
}

int
scenario_recovery_blocked(const struct scenario *sc, uint32_t service)
{
	return (sc->state[sc->a->base[KIND_SERVICE] + service] &
	    ST_BLOCKED) != 0;
}

const uint32_t *
scenario_affected(const struct scenario *sc, size_t *n)
{
	*n = sc->naffected;
	return sc->affected;
}

void
scenario_result(const struct scenario *sc, struct scenario_result *r)
{
	uint32_t	*order, s;
	size_t		 i, n = sc->naffected;

	memset(r, 0, sizeof *r);
	r->down = xmalloc((n + 1) * sizeof *r->down);
	r->degraded = xmalloc((n + 1) * sizeof *r->degraded);
	r->blocked = xmalloc((n + 1) * sizeof *r->blocked);
	order = xmalloc((n + 1) * sizeof *order);
	memcpy(order, sc->affected, n * sizeof *order);
	analysis_sort_services(sc->a, order, n);
	for (i = 0; i < n; i++) {
		s = order[i];
		if (scenario_service_state(sc, s) == STATE_DOWN)
			r->down[r->ndown++] = s;
		else
			r->degraded[r->ndegraded++] = s;
		if (scenario_recovery_blocked(sc, s))
			r->blocked[r->nblocked++] = s;
	}
	free(order);
}

void
scenario_result_free(struct scenario_result *r)
{
	if (r == NULL)
		return;
	free(r->down);
	free(r->degraded);
	free(r->blocked);
	memset(r, 0, sizeof *r);
}
