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
 * resets only those, so a run costs what it reaches.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "xalloc.h"

#define ST_TOUCHED	0x01
#define ST_DOWN		0x02
#define ST_DEGRADED	0x04
#define ST_BLOCKED	0x08

struct scenario {
	const struct analysis	*a;
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

/*
 * How many of its needed children must be down to take c down (power,
 * rack, host: all ANY-of feeds; service: more than n - min_up hosts).
 */
static uint32_t
threshold(const struct scenario *sc, enum entity_kind k, uint32_t c)
{
	const struct analysis	*a = sc->a;
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	uint32_t		 i = c - a->base[k], n, m;

	switch (k) {
	case KIND_POWER:
		return inv->power[i].fed_by.n;
	case KIND_RACK:
		return inv->racks[i].power.n;
	case KIND_HOST:
		return inv->hosts[i].power.n;
	case KIND_SERVICE:
		sv = &inv->services[i];
		n = sv->runs_on.n;
		m = sv->min_up == 0 ? 1 : sv->min_up;
		if (m > n)
			m = n;
		return n - m + 1;
	default:
		return UINT32_MAX;
	}
}

/* Count one more needed child of c down. */
static void
count_down(struct scenario *sc, uint32_t c)
{
	const struct analysis	*a = sc->a;

	touch(sc, c);
	if (++sc->cnt[c] == threshold(sc, analysis_component_kind(a, c), c))
		fail(sc, c);
}

static void
spread_down(struct scenario *sc)
{
	const struct analysis	*a = sc->a;
	const uint32_t		*nb, *mem;
	uint32_t		 c, d;
	size_t			 qh, i, n;
	enum entity_kind	 k;

	for (qh = 0; qh < sc->qn; qh++) {
		c = sc->queue[qh];
		k = analysis_component_kind(a, c);
		nb = analysis_needed_by(a, c, &n);
		for (i = 0; i < n; i++) {
			d = nb[i] & ~ANALYSIS_SOFT;
			switch (k) {
			case KIND_SITE:
			case KIND_RACK:
				fail(sc, d);
				break;
			case KIND_POWER:
			case KIND_HOST:
				count_down(sc, d);
				break;
			default:
				if (nb[i] & ANALYSIS_SOFT)
					touch(sc, d);
				else
					fail(sc, d);
				break;
			}
		}
		if (k == KIND_SERVICE) {
			mem = analysis_fate_group(a, c - a->base[KIND_SERVICE],
			    &n);
			for (i = 0; i < n; i++)
				fail(sc, a->base[KIND_SERVICE] + mem[i]);
		}
	}
}

/* Up services that were touched are degraded; so is all that needs them. */
static void
spread_degraded(struct scenario *sc)
{
	const struct analysis	*a = sc->a;
	const uint32_t		*nb;
	uint32_t		 c, d, base = a->base[KIND_SERVICE];
	size_t			 qh, i, n, nt = sc->ntouched;

	sc->qn = 0;
	for (i = 0; i < nt; i++) {
		c = sc->touched[i];
		if (c < base)
			continue;
		if ((sc->state[c] & ST_DOWN) == 0)
			sc->state[c] |= ST_DEGRADED;
		sc->queue[sc->qn++] = c;
	}
	for (qh = 0; qh < sc->qn; qh++) {
		nb = analysis_needed_by(a, sc->queue[qh], &n);
		for (i = 0; i < n; i++) {
			d = nb[i] & ~ANALYSIS_SOFT;
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
	const struct analysis	*a = sc->a;
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	const struct ref	*r;
	uint32_t		 c, s, base = a->base[KIND_SERVICE];
	size_t			 i, j;

	for (i = 0; i < sc->ntouched; i++) {
		c = sc->touched[i];
		if (c < base || (sc->state[c] & (ST_DOWN | ST_DEGRADED)) == 0)
			continue;
		s = c - base;
		sc->affected[sc->naffected++] = s;
		sv = &inv->services[s];
		r = inventory_refs(inv, sv->recovery);
		for (j = 0; j < sv->recovery.n; j++) {
			if (r[j].target != INDEX_NONE &&
			    (sc->state[base + r[j].target] & ST_DOWN)) {
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
