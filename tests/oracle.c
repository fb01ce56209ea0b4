/*
 * oracle.c -- the reference evaluator of the failure semantics (see
 * oracle.h).  Every component starts down; each round raises every
 * component whose rule holds in the current states, until a round raises
 * nothing: the least fixpoint.  Services of one hard-dependency cycle are
 * raised together, when every member's own rule holds with the unit's
 * internal hard dependencies counted as met (its via tools inside the unit
 * are still down then, so they do not count).
 */
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "xalloc.h"

struct oracle {
	const struct inventory	*inv;
	uint32_t		 base[KIND_COUNT + 1];
	uint32_t		*unit;		/* per service */
	uint8_t			*failed;	/* per component */
	uint8_t			*up;		/* per component */
	uint8_t			*degraded;	/* per service */
	uint8_t			*blocked;	/* per service */
	uint8_t			*exposed;	/* per service */
};

/* The hard-dependency units: reach[i][j] closes i -> hard dependency j. */
static void
oracle_units(struct oracle *o)
{
	const struct inventory	*inv = o->inv;
	const struct ref	*r;
	size_t			 ns = inv->nservices, i, j, k;
	uint8_t			*reach = xcalloc(ns * ns + 1, 1);

	for (i = 0; i < ns; i++) {
		reach[i * ns + i] = 1;
		r = inventory_refs(inv, inv->services[i].depends_on);
		for (j = 0; j < inv->services[i].depends_on.n; j++)
			if (!r[j].soft)
				reach[i * ns + r[j].target] = 1;
	}
	for (k = 0; k < ns; k++)
		for (i = 0; i < ns; i++)
			if (reach[i * ns + k])
				for (j = 0; j < ns; j++)
					reach[i * ns + j] |= reach[k * ns + j];
	for (i = 0; i < ns; i++)
		for (j = 0; j <= i; j++)
			if (reach[i * ns + j] && reach[j * ns + i]) {
				o->unit[i] = (uint32_t)j;
				break;
			}
	free(reach);
}

struct oracle *
oracle_create(const struct inventory *inv)
{
	struct oracle	*o = xcalloc(1, sizeof *o);
	uint32_t	 n = 0, N;
	int		 k;

	o->inv = inv;
	for (k = 0; k < KIND_COUNT; k++) {
		o->base[k] = n;
		n += (uint32_t)inventory_count(inv, (enum entity_kind)k);
	}
	o->base[KIND_COUNT] = N = n;
	o->unit = xcalloc(inv->nservices + 1, sizeof *o->unit);
	o->failed = xcalloc(N + 1, 1);
	o->up = xcalloc(N + 1, 1);
	o->degraded = xcalloc(inv->nservices + 1, 1);
	o->blocked = xcalloc(inv->nservices + 1, 1);
	o->exposed = xcalloc(inv->nservices + 1, 1);
	oracle_units(o);
	return o;
}

void
oracle_free(struct oracle *o)
{
	if (o == NULL)
		return;
	free(o->unit);
	free(o->failed);
	free(o->up);
	free(o->degraded);
	free(o->blocked);
	free(o->exposed);
	free(o);
}

uint32_t
oracle_base(const struct oracle *o, enum entity_kind k)
{
	return o->base[k];
}

uint32_t
oracle_ncomponents(const struct oracle *o)
{
	return o->base[KIND_COUNT];
}

uint32_t
oracle_unit(const struct oracle *o, uint32_t s)
{
	return o->unit[s];
}

/* The component a reference names (an `in`/`fed_by` one names a power
 * domain or a domain, whichever resolve found). */
static uint32_t
oracle_ref(const struct oracle *o, const struct ref *r)
{
	if (r->kind >= KIND_COUNT || r->target == INDEX_NONE)
		abort();	/* not resolved: a test setup bug */
	return o->base[r->kind] + r->target;
}

/* ALL of the span up (true when empty). */
static int
oracle_all(const struct oracle *o, struct span sp)
{
	const struct ref	*r = inventory_refs(o->inv, sp);
	size_t			 i;

	for (i = 0; i < sp.n; i++)
		if (!o->up[oracle_ref(o, &r[i])])
			return 0;
	return 1;
}

/* ANY of the span up, when given (true when empty). */
static int
oracle_any(const struct oracle *o, struct span sp)
{
	const struct ref	*r = inventory_refs(o->inv, sp);
	size_t			 i;

	for (i = 0; i < sp.n; i++)
		if (o->up[oracle_ref(o, &r[i])])
			return 1;
	return sp.n == 0;
}

/* The component up, or not given. */
static int
oracle_opt(const struct oracle *o, enum entity_kind k, uint32_t i)
{
	return i == INDEX_NONE || o->up[o->base[k] + i];
}

/* How many of the hosts of the span are up. */
static uint32_t
oracle_hosts_up(const struct oracle *o, struct span sp)
{
	const struct ref	*r = inventory_refs(o->inv, sp);
	uint32_t		 n = 0;
	size_t			 i;

	for (i = 0; i < sp.n; i++)
		n += o->up[oracle_ref(o, &r[i])];
	return n;
}

/* The rule of infrastructure component i of kind k, in current states. */
static int
oracle_infra_rule(const struct oracle *o, enum entity_kind k, uint32_t i)
{
	const struct inventory	*inv = o->inv;
	const struct site	*s;
	const struct power	*p;
	const struct domain	*d;
	const struct rack	*r;
	const struct host	*h;

	switch (k) {
	case KIND_SITE:
		s = &inv->sites[i];
		return oracle_all(o, s->in) &&
		    oracle_opt(o, KIND_DOMAIN, s->region_domain);
	case KIND_POWER:
		p = &inv->power[i];
		return oracle_opt(o, KIND_SITE, p->site) &&
		    oracle_all(o, p->in) && oracle_any(o, p->fed_by);
	case KIND_DOMAIN:
		d = &inv->domains[i];
		return oracle_opt(o, KIND_SITE, d->site) &&
		    oracle_all(o, d->in) && oracle_any(o, d->fed_by);
	case KIND_RACK:
		r = &inv->racks[i];
		return oracle_opt(o, KIND_SITE, r->site) &&
		    oracle_all(o, r->in) && oracle_any(o, r->power);
	case KIND_HOST:
		h = &inv->hosts[i];
		return oracle_opt(o, KIND_SITE, h->site) &&
		    oracle_opt(o, KIND_RACK, h->rack) &&
		    oracle_opt(o, KIND_HOST, h->on) &&
		    oracle_all(o, h->in) && oracle_any(o, h->power);
	default:
		abort();
	}
}

static uint32_t
oracle_need(uint32_t min_up)
{
	return min_up == 0 ? 1 : min_up;
}

/* Whether service tool t counts as up for a member of unit u. */
static int
oracle_tool_up(const struct oracle *o, uint32_t t, uint32_t u)
{
	return o->unit[t] != u && o->up[o->base[KIND_SERVICE] + t];
}

/* The rule of service m, a member of unit u, in current states. */
static int
oracle_service_rule(const struct oracle *o, uint32_t m, uint32_t u)
{
	const struct inventory	*inv = o->inv;
	const struct service	*s = &inv->services[m];
	const struct standby	*g;
	const struct ref	*r;
	size_t			 i, j;

	if (o->failed[o->base[KIND_SERVICE] + m])
		return 0;
	r = inventory_refs(inv, s->depends_on);
	for (i = 0; i < s->depends_on.n; i++) {
		if (r[i].soft || o->unit[r[i].target] == u)
			continue;
		if (!o->up[o->base[KIND_SERVICE] + r[i].target])
			return 0;
	}
	if (s->runs_on.n == 0)
		return 1;	/* no placement */
	if (oracle_hosts_up(o, s->runs_on) >= oracle_need(s->min_up))
		return 1;
	for (i = 0; i < s->nstandby; i++) {
		g = &inv->standbys[s->standby_off + i];
		if (oracle_hosts_up(o, g->runs_on) < oracle_need(g->min_up))
			continue;
		r = inventory_refs(inv, g->via);
		for (j = 0; j < g->via.n; j++)
			if (!oracle_tool_up(o, r[j].target, u))
				break;
		if (j == g->via.n)
			return 1;
	}
	return 0;
}

/* Raise unit u when every member's rule holds; returns whether it did. */
static int
oracle_raise_unit(struct oracle *o, uint32_t u)
{
	uint32_t	sb = o->base[KIND_SERVICE], m;
	uint32_t	ns = (uint32_t)o->inv->nservices;

	for (m = u; m < ns; m++)
		if (o->unit[m] == u && !oracle_service_rule(o, m, u))
			return 0;
	for (m = u; m < ns; m++)
		if (o->unit[m] == u)
			o->up[sb + m] = 1;
	return 1;
}

/* Whether a tool of service s (recovery, or via of a standby group) is
 * down. */
static int
oracle_tool_down(const struct oracle *o, uint32_t s)
{
	const struct inventory	*inv = o->inv;
	const struct service	*sv = &inv->services[s];
	const struct standby	*g;
	const struct ref	*r;
	uint32_t		 sb = o->base[KIND_SERVICE];
	size_t			 i, j;

	r = inventory_refs(inv, sv->recovery);
	for (i = 0; i < sv->recovery.n; i++)
		if (!o->up[sb + r[i].target])
			return 1;
	for (i = 0; i < sv->nstandby; i++) {
		g = &inv->standbys[sv->standby_off + i];
		r = inventory_refs(inv, g->via);
		for (j = 0; j < g->via.n; j++)
			if (!o->up[sb + r[j].target])
				return 1;
	}
	return 0;
}

/* Up and degraded: a host (active or standby) down, running on a
 * standby, or a dependency (hard or soft) down. */
static int
oracle_degraded(const struct oracle *o, uint32_t s)
{
	const struct inventory	*inv = o->inv;
	const struct service	*sv = &inv->services[s];
	const struct standby	*g;
	const struct ref	*r;
	size_t			 i;

	if (oracle_hosts_up(o, sv->runs_on) < sv->runs_on.n)
		return 1;
	if (sv->runs_on.n > 0 &&
	    oracle_hosts_up(o, sv->runs_on) < oracle_need(sv->min_up))
		return 1;
	for (i = 0; i < sv->nstandby; i++) {
		g = &inv->standbys[sv->standby_off + i];
		if (oracle_hosts_up(o, g->runs_on) < g->runs_on.n)
			return 1;
	}
	r = inventory_refs(inv, sv->depends_on);
	for (i = 0; i < sv->depends_on.n; i++)
		if (!o->up[o->base[KIND_SERVICE] + r[i].target])
			return 1;
	return 0;
}

void
oracle_run(struct oracle *o, const uint32_t *failed, size_t n)
{
	const struct inventory	*inv = o->inv;
	uint32_t		 N = o->base[KIND_COUNT];
	uint32_t		 sb = o->base[KIND_SERVICE], c, s;
	size_t			 i;
	int			 k, changed, up;

	memset(o->failed, 0, N);
	memset(o->up, 0, N);
	for (i = 0; i < n; i++)
		o->failed[failed[i]] = 1;
	do {
		changed = 0;
		for (k = 0; k < KIND_SERVICE; k++) {
			for (c = o->base[k]; c < o->base[k + 1]; c++) {
				if (o->up[c] || o->failed[c])
					continue;
				if (oracle_infra_rule(o, (enum entity_kind)k,
				    c - o->base[k]))
					o->up[c] = changed = 1;
			}
		}
		for (s = 0; s < inv->nservices; s++)
			if (o->unit[s] == s && !o->up[sb + s] &&
			    oracle_raise_unit(o, s))
				changed = 1;
	} while (changed);
	for (s = 0; s < inv->nservices; s++) {
		up = o->up[sb + s];
		o->degraded[s] = up && oracle_degraded(o, s);
		o->blocked[s] = (!up || o->degraded[s]) &&
		    oracle_tool_down(o, s);
		o->exposed[s] = up && !o->degraded[s] &&
		    oracle_tool_down(o, s);
	}
}

int
oracle_down(const struct oracle *o, uint32_t c)
{
	return !o->up[c];
}

enum service_state
oracle_state(const struct oracle *o, uint32_t s)
{
	if (!o->up[o->base[KIND_SERVICE] + s])
		return STATE_DOWN;
	return o->degraded[s] ? STATE_DEGRADED : STATE_UP;
}

int
oracle_blocked(const struct oracle *o, uint32_t s)
{
	return o->blocked[s];
}

int
oracle_exposed(const struct oracle *o, uint32_t s)
{
	return o->exposed[s];
}
