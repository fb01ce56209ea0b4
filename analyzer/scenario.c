/*
 * scenario.c -- fail a set of components at once and propagate (the failure semantics (README)).
 *
 * Failure spreads along the analysis' reverse adjacency (who needs each
 * component), breadth-first: an ALL-of edge (site, in, rack, on) takes
 * what needs it down; an ANY-of edge (fed_by, power) counts down the feeds
 * of what it feeds; a host counts down the active k-of-n of its services
 * and the k-of-n of the standby groups it serves; a service takes its hard
 * dependents and its fate group down, and every standby group it is a
 * failover tool of.  A service goes down when a hard dependency is down, or
 * when its active side and every standby group are down.
 *
 * That spread assumes what is not shown down is up, which is right except
 * in failover loops (a `via` tool that needs the service it switches):
 * there the least fixpoint is taken over the loop, from "down", raising
 * what the rules justify without assuming itself; what stays down is
 * failed and spread in turn, until nothing changes.
 *
 * Degraded, recovery-blocked and exposed are read off at the end, for the
 * services the run touched only: degraded does not spread.  Every
 * component or group whose state or counter changes goes on a touched
 * list, and the next run resets only those, so a run costs what it reaches.
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
#define ST_SELF		0x10	/* failed by the scenario itself */
#define ST_ACTIVE_DOWN	0x20	/* a service's active k-of-n is down */
#define ST_SOFTDEP	0x40	/* a soft dependency is down */
#define ST_EXPOSED	0x80

#define G_TOUCHED	0x01
#define G_OUT		0x02	/* no alternative: hosts or a tool down */

struct scenario {
	const struct analysis	*a;
	const struct analysis_priv *p;
	uint8_t			*state;		/* per component */
	uint32_t		*cnt;		/* per component: children down */
	uint32_t		*touched;
	size_t			 ntouched;
	uint32_t		*queue;
	size_t			 qh, qn;
	uint32_t		*affected;	/* down, degraded or exposed */
	size_t			 naffected;

	/* Standby groups. */
	uint8_t			*gstate;	/* per group */
	uint32_t		*gcnt;		/* per group: hosts down */
	uint32_t		*gtouched;
	size_t			 ngtouched;
	uint32_t		*gout;		/* per service: groups out */
	uint32_t		*gdead;		/* per service: groups never usable */
	uint8_t			*gisdead;	/* per group: never usable */

	/* Failover loops. */
	uint32_t		*loop_stamp;	/* per loop */
	uint32_t		 round;
	uint8_t			*lfp_up;	/* per service, scratch */
};

/* Whether group g of service s names a tool in s's own fate group: such a
 * failover would assume the service itself, so it never happens. */
static int
group_dead(const struct analysis_priv *p, uint32_t s, uint32_t g)
{
	uint32_t	j;

	for (j = p->via_off[g]; j < p->via_off[g + 1]; j++)
		if (p->scc[p->via[j]] == p->scc[s])
			return 1;
	return 0;
}

struct scenario *
scenario_create(const struct analysis *a)
{
	const struct inventory	*inv = a->inv;
	struct scenario		*sc;
	size_t			 n = a->base[KIND_COUNT] ? a->base[KIND_COUNT] : 1;
	size_t			 ns = inv->nservices ? inv->nservices : 1;
	size_t			 ng = inv->nstandbys ? inv->nstandbys : 1;
	uint32_t		 s, g;

	sc = xcalloc(1, sizeof *sc);
	sc->a = a;
	sc->p = a->priv;
	sc->state = xcalloc(n, sizeof *sc->state);
	sc->cnt = xcalloc(n, sizeof *sc->cnt);
	sc->touched = xmalloc(n * sizeof *sc->touched);
	sc->queue = xmalloc(n * sizeof *sc->queue);
	sc->affected = xmalloc(ns * sizeof *sc->affected);
	sc->gstate = xcalloc(ng, sizeof *sc->gstate);
	sc->gcnt = xcalloc(ng, sizeof *sc->gcnt);
	sc->gtouched = xmalloc(ng * sizeof *sc->gtouched);
	sc->gout = xcalloc(ns, sizeof *sc->gout);
	sc->gdead = xcalloc(ns, sizeof *sc->gdead);
	sc->loop_stamp = xcalloc(sc->p->nloops ? sc->p->nloops : 1,
	    sizeof *sc->loop_stamp);
	sc->lfp_up = xcalloc(ns, sizeof *sc->lfp_up);
	sc->gisdead = xcalloc(ng, sizeof *sc->gisdead);
	for (s = 0; s < inv->nservices; s++)
		for (g = inv->services[s].standby_off;
		    g < inv->services[s].standby_off +
		    inv->services[s].nstandby; g++) {
			sc->gisdead[g] = (uint8_t)group_dead(sc->p, s, g);
			sc->gdead[s] += sc->gisdead[g];
		}
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
	free(sc->gstate);
	free(sc->gcnt);
	free(sc->gtouched);
	free(sc->gout);
	free(sc->gdead);
	free(sc->gisdead);
	free(sc->loop_stamp);
	free(sc->lfp_up);
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

static uint32_t
service_comp(const struct scenario *sc, uint32_t s)
{
	return sc->a->base[KIND_SERVICE] + s;
}

/* A service's placement is gone: active side and every standby group. */
static void
placement_check(struct scenario *sc, uint32_t s)
{
	uint32_t	c = service_comp(sc, s);

	if ((sc->state[c] & ST_ACTIVE_DOWN) && sc->gout[s] + sc->gdead[s] >=
	    sc->a->inv->services[s].nstandby)
		fail(sc, c);
}

static void
group_touch(struct scenario *sc, uint32_t g)
{
	if ((sc->gstate[g] & G_TOUCHED) == 0) {
		sc->gstate[g] |= G_TOUCHED;
		sc->gtouched[sc->ngtouched++] = g;
	}
	touch(sc, service_comp(sc, sc->p->g_service[g]));
}

static void
group_out(struct scenario *sc, uint32_t g)
{
	uint32_t	s = sc->p->g_service[g];

	group_touch(sc, g);
	if (sc->gstate[g] & G_OUT)
		return;
	sc->gstate[g] |= G_OUT;
	if (sc->gisdead[g])
		return;		/* counted in gdead already */
	sc->gout[s]++;
	placement_check(sc, s);
}

/* One more active host of service component c down. */
static void
active_host_down(struct scenario *sc, uint32_t c)
{
	touch(sc, c);
	if (++sc->cnt[c] == sc->p->need[c]) {
		sc->state[c] |= ST_ACTIVE_DOWN;
		placement_check(sc, c - sc->a->base[KIND_SERVICE]);
	}
}

/* Count one more ANY-of feed of infrastructure c down. */
static void
feed_down(struct scenario *sc, uint32_t c)
{
	touch(sc, c);
	if (++sc->cnt[c] == sc->p->need[c])
		fail(sc, c);
}

static void
spread_infrastructure(struct scenario *sc, uint32_t c)
{
	const struct analysis_priv	*p = sc->p;
	const uint32_t			*base = sc->a->base;
	uint32_t			 i, g, h;

	for (i = p->rev_off[c]; i < p->rev_off[c + 1]; i++) {
		switch (p->rev_type[i]) {
		case REV_ALL:
			fail(sc, p->rev[i]);
			break;
		case REV_ANY:
			feed_down(sc, p->rev[i]);
			break;
		case REV_ACTIVE:
			active_host_down(sc, p->rev[i]);
			break;
		default:	/* REV_STANDBY: counted per group below */
			break;
		}
	}
	if (c < base[KIND_HOST])
		return;
	h = c - base[KIND_HOST];
	for (i = p->hg_off[h]; i < p->hg_off[h + 1]; i++) {
		g = p->hg[i];
		group_touch(sc, g);
		if (++sc->gcnt[g] == p->g_need[g])
			group_out(sc, g);
	}
}

static void
spread_service(struct scenario *sc, uint32_t c)
{
	const struct analysis_priv	*p = sc->p;
	uint32_t			 s = c - sc->a->base[KIND_SERVICE];
	uint32_t			 i, d, e, g, m;

	for (i = p->rev_off[c]; i < p->rev_off[c + 1]; i++) {
		e = p->rev[i];
		d = e & ~ANALYSIS_SOFT;
		if (e & ANALYSIS_SOFT) {
			touch(sc, d);
			sc->state[d] |= ST_SOFTDEP;
		} else
			fail(sc, d);
	}
	g = p->scc[s];
	for (m = p->scc_off[g]; m < p->scc_off[g + 1]; m++)
		fail(sc, service_comp(sc, p->scc_mem[m]));
	for (i = p->vg_off[s]; i < p->vg_off[s + 1]; i++)
		group_out(sc, p->vg[i]);
	for (i = p->rr_off[s]; i < p->rr_off[s + 1]; i++)
		touch(sc, service_comp(sc, p->rr[i]));
}

static void
spread_down(struct scenario *sc)
{
	uint32_t	c;

	for (; sc->qh < sc->qn; sc->qh++) {
		c = sc->queue[sc->qh];
		if (c < sc->a->base[KIND_SERVICE])
			spread_infrastructure(sc, c);
		else
			spread_service(sc, c);
	}
}

/* Whether service t, as seen from loop l, is up: raised so far when in
 * the loop, else not down. */
static int
loop_up(const struct scenario *sc, uint32_t l, uint32_t t)
{
	if (sc->p->loop[t] == l)
		return sc->lfp_up[t];
	return (sc->state[service_comp(sc, t)] & ST_DOWN) == 0;
}

/* Whether member x of fate group u in loop l can be shown up. */
static int
loop_member_ok(const struct scenario *sc, uint32_t l, uint32_t u,
    uint32_t x)
{
	const struct analysis_priv	*p = sc->p;
	const struct service		*sv = &sc->a->inv->services[x];
	uint32_t			 c = service_comp(sc, x), j, g, t;
	int				 ok;

	if (sc->state[c] & ST_DOWN)
		return 0;
	for (j = p->hd_off[x]; j < p->hd_off[x + 1]; j++)
		if (p->scc[p->hd[j]] != u && !loop_up(sc, l, p->hd[j]))
			return 0;
	if ((sc->state[c] & ST_ACTIVE_DOWN) == 0)
		return 1;
	for (g = sv->standby_off; g < sv->standby_off + sv->nstandby; g++) {
		if (sc->gcnt[g] >= p->g_need[g])
			continue;
		ok = 1;
		for (j = p->via_off[g]; ok && j < p->via_off[g + 1]; j++) {
			t = p->via[j];
			ok = p->scc[t] != u && loop_up(sc, l, t);
		}
		if (ok)
			return 1;
	}
	return 0;
}

/*
 * The least fixpoint over loop l: raise whole fate groups whose members'
 * conditions hold, until none is raised; fail the members left down.
 * Returns whether it failed any.
 */
static int
loop_settle(struct scenario *sc, uint32_t l)
{
	const struct analysis_priv	*p = sc->p;
	const uint32_t			*mem = p->loop_mem + p->loop_off[l];
	size_t				 n = p->loop_off[l + 1] - p->loop_off[l];
	size_t				 i, j;
	uint32_t			 u;
	int				 changed, failed = 0, ok;

	do {
		changed = 0;
		for (i = 0; i < n; i++) {
			if (sc->lfp_up[mem[i]])
				continue;
			u = p->scc[mem[i]];
			ok = 1;
			for (j = p->scc_off[u]; ok && j < p->scc_off[u + 1];
			    j++)
				ok = loop_member_ok(sc, l, u, p->scc_mem[j]);
			if (!ok)
				continue;
			for (j = p->scc_off[u]; j < p->scc_off[u + 1]; j++)
				sc->lfp_up[p->scc_mem[j]] = 1;
			changed = 1;
		}
	} while (changed);
	for (i = 0; i < n; i++) {
		if (!sc->lfp_up[mem[i]] &&
		    (sc->state[service_comp(sc, mem[i])] & ST_DOWN) == 0) {
			fail(sc, service_comp(sc, mem[i]));
			failed = 1;
		}
		sc->lfp_up[mem[i]] = 0;
	}
	return failed;
}

/*
 * Settle every failover loop with a member that is up only on a standby,
 * then spread what that fails; repeat until no loop fails anything.
 */
static void
settle_loops(struct scenario *sc)
{
	const struct analysis_priv	*p = sc->p;
	uint32_t			 c, s, l, base = sc->a->base[KIND_SERVICE];
	size_t				 k;
	int				 failed;

	if (p->nloops == 0)
		return;
	do {
		failed = 0;
		sc->round++;
		for (k = 0; k < sc->ntouched; k++) {
			c = sc->touched[k];
			if (c < base)
				continue;
			s = c - base;
			l = p->loop[s];
			if (l == INDEX_NONE || (sc->state[c] & ST_DOWN) ||
			    (sc->state[c] & ST_ACTIVE_DOWN) == 0 ||
			    sc->loop_stamp[l] == sc->round)
				continue;
			sc->loop_stamp[l] = sc->round;
			failed |= loop_settle(sc, l);
		}
		spread_down(sc);
	} while (failed);
}

/* Whether a recovery or failover tool of service s is down. */
static int
tool_down(const struct scenario *sc, uint32_t s)
{
	const struct analysis_priv	*p = sc->p;
	const struct service		*sv = &sc->a->inv->services[s];
	uint32_t			 j, g;

	for (j = p->rec_off[s]; j < p->rec_off[s + 1]; j++)
		if (sc->state[service_comp(sc, p->rec[j])] & ST_DOWN)
			return 1;
	for (g = sv->standby_off; g < sv->standby_off + sv->nstandby; g++)
		for (j = p->via_off[g]; j < p->via_off[g + 1]; j++)
			if (sc->state[service_comp(sc, p->via[j])] & ST_DOWN)
				return 1;
	return 0;
}

/* Whether up service s is degraded: a host down (active or standby), on
 * a standby, or a soft dependency down. */
static int
degraded(const struct scenario *sc, uint32_t s)
{
	const struct service	*sv = &sc->a->inv->services[s];
	uint32_t		 c = service_comp(sc, s), g;

	if (sc->cnt[c] > 0 || (sc->state[c] & (ST_ACTIVE_DOWN | ST_SOFTDEP)))
		return 1;
	for (g = sv->standby_off; g < sv->standby_off + sv->nstandby; g++)
		if (sc->gcnt[g] > 0)
			return 1;
	return 0;
}

static void
mark_states(struct scenario *sc)
{
	uint32_t	c, s, base = sc->a->base[KIND_SERVICE];
	uint8_t		*st;
	size_t		 i;

	for (i = 0; i < sc->ntouched; i++) {
		c = sc->touched[i];
		if (c < base)
			continue;
		s = c - base;
		st = &sc->state[c];
		if ((*st & ST_DOWN) == 0 && degraded(sc, s))
			*st |= ST_DEGRADED;
		if (tool_down(sc, s))
			*st |= (*st & (ST_DOWN | ST_DEGRADED)) ? ST_BLOCKED :
			    ST_EXPOSED;
		if (*st & (ST_DOWN | ST_DEGRADED | ST_EXPOSED))
			sc->affected[sc->naffected++] = s;
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
	for (i = 0; i < sc->ngtouched; i++) {
		sc->gstate[sc->gtouched[i]] = 0;
		sc->gcnt[sc->gtouched[i]] = 0;
		sc->gout[sc->p->g_service[sc->gtouched[i]]] = 0;
	}
	sc->ntouched = 0;
	sc->ngtouched = 0;
	sc->naffected = 0;
	sc->qh = sc->qn = 0;
	for (i = 0; i < n; i++) {
		if (failed[i] >= sc->a->base[KIND_COUNT])
			continue;
		fail(sc, failed[i]);
		sc->state[failed[i]] |= ST_SELF;
	}
	spread_down(sc);
	settle_loops(sc);
	mark_states(sc);
}

int
scenario_is_down(const struct scenario *sc, uint32_t c)
{
	return c < sc->a->base[KIND_COUNT] && (sc->state[c] & ST_DOWN) != 0;
}

enum service_state
scenario_service_state(const struct scenario *sc, uint32_t service)
{
	uint8_t	st = sc->state[service_comp(sc, service)];

	if (st & ST_DOWN)
		return STATE_DOWN;
	if (st & ST_DEGRADED)
		return STATE_DEGRADED;
	return STATE_UP;
}

int
scenario_recovery_blocked(const struct scenario *sc, uint32_t service)
{
	return (sc->state[service_comp(sc, service)] & ST_BLOCKED) != 0;
}

int
scenario_exposed(const struct scenario *sc, uint32_t service)
{
	return (sc->state[service_comp(sc, service)] & ST_EXPOSED) != 0;
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
	r->exposed = xmalloc((n + 1) * sizeof *r->exposed);
	order = xmalloc((n + 1) * sizeof *order);
	if (n > 0)
		memcpy(order, sc->affected, n * sizeof *order);
	analysis_sort_services(sc->a, order, n);
	for (i = 0; i < n; i++) {
		s = order[i];
		switch (scenario_service_state(sc, s)) {
		case STATE_DOWN:
			r->down[r->ndown++] = s;
			break;
		case STATE_DEGRADED:
			r->degraded[r->ndegraded++] = s;
			break;
		case STATE_UP:
			break;
		}
		if (scenario_recovery_blocked(sc, s))
			r->blocked[r->nblocked++] = s;
		if (scenario_exposed(sc, s))
			r->exposed[r->nexposed++] = s;
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
	free(r->exposed);
	memset(r, 0, sizeof *r);
}
