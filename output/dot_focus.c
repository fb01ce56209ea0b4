/*
 * dot_focus.c -- what a focused diagram keeps (see dot_focus.h).
 *
 * The closure is structural, over references, and not a failure
 * scenario: quorums and redundancy do not matter here, only whether one
 * component is connected to the focus by the references a diagram draws.
 */
#include <stdlib.h>
#include <string.h>

#include "dot_focus.h"
#include "xalloc.h"

static int
any_marked(const struct inventory *inv, struct span sp, const uint8_t *mark,
    uint32_t base)
{
	const struct ref	*r = inventory_refs(inv, sp);
	uint32_t		 i;

	for (i = 0; i < sp.n; i++)
		if (mark[base + r[i].target])
			return 1;
	return 0;
}

static void
mark_refs(const struct inventory *inv, struct span sp, uint8_t *mark,
    uint32_t base)
{
	const struct ref	*r = inventory_refs(inv, sp);
	uint32_t		 i;

	for (i = 0; i < sp.n; i++)
		mark[base + r[i].target] = 1;
}

/*
 * Mark the infrastructure that structurally needs a marked component:
 * power fed (transitively) by marked power or in a marked site, racks and
 * hosts on marked sites, racks or power.
 */
static void
mark_needing_infra(const struct analysis *a, uint8_t *m)
{
	const struct inventory	*inv = a->inv;
	const uint32_t		*b = a->base;
	size_t			 i;
	int			 changed;

	do {
		changed = 0;
		for (i = 0; i < inv->npower; i++) {
			const struct power *p = &inv->power[i];

			if (m[b[KIND_POWER] + i])
				continue;
			if ((p->site != INDEX_NONE && m[b[KIND_SITE] + p->site])
			    || any_marked(inv, p->fed_by, m, b[KIND_POWER])) {
				m[b[KIND_POWER] + i] = 1;
				changed = 1;
			}
		}
	} while (changed);
	for (i = 0; i < inv->nracks; i++) {
		const struct rack *r = &inv->racks[i];

		if (m[b[KIND_SITE] + r->site] ||
		    any_marked(inv, r->power, m, b[KIND_POWER]))
			m[b[KIND_RACK] + i] = 1;
	}
	for (i = 0; i < inv->nhosts; i++) {
		const struct host *h = &inv->hosts[i];

		if (m[b[KIND_SITE] + h->site] ||
		    (h->rack != INDEX_NONE && m[b[KIND_RACK] + h->rack]) ||
		    any_marked(inv, h->power, m, b[KIND_POWER]))
			m[b[KIND_HOST] + i] = 1;
	}
}

/* Services reached from the marked ones along reverse (up) or forward
 * dependency and recovery references, into out. */
static void
close_services(const struct analysis *a, const uint8_t *seed, int up,
    uint8_t *out)
{
	const struct inventory	*inv = a->inv;
	uint32_t		 bs = a->base[KIND_SERVICE];
	size_t			 ns = inv->nservices, i, sp = 0, k;
	uint32_t		*off, *adj, *stack, s, t, j;
	const struct ref	*r;
	struct span		 spans[2];

	off = xcalloc(ns + 1, sizeof *off);
	for (i = 0; i < ns; i++) {
		spans[0] = inv->services[i].depends_on;
		spans[1] = inv->services[i].recovery;
		for (k = 0; k < 2; k++) {
			r = inventory_refs(inv, spans[k]);
			for (j = 0; j < spans[k].n; j++)
				off[(up ? r[j].target : i) + 1]++;
		}
	}
	for (i = 0; i < ns; i++)
		off[i + 1] += off[i];
	adj = xreallocarray(NULL, off[ns] + 1, sizeof *adj);
	stack = xreallocarray(NULL, ns + 1, sizeof *stack);
	memcpy(stack, off, ns * sizeof *off);	/* fill cursors */
	for (i = 0; i < ns; i++) {
		spans[0] = inv->services[i].depends_on;
		spans[1] = inv->services[i].recovery;
		for (k = 0; k < 2; k++) {
			r = inventory_refs(inv, spans[k]);
			for (j = 0; j < spans[k].n; j++) {
				if (up)
					adj[stack[r[j].target]++] = (uint32_t)i;
				else
					adj[stack[i]++] = r[j].target;
			}
		}
	}
	for (i = 0; i < ns; i++)
		if (seed[bs + i] && !out[bs + i]) {
			out[bs + i] = 1;
			stack[sp++] = (uint32_t)i;
		}
	while (sp > 0) {
		s = stack[--sp];
		for (j = off[s]; j < off[s + 1]; j++) {
			t = adj[j];
			if (!out[bs + t]) {
				out[bs + t] = 1;
				stack[sp++] = t;
			}
		}
	}
	free(stack);
	free(adj);
	free(off);
}

/* The infrastructure the kept hosts, racks and power need. */
static void
close_infra_down(const struct analysis *a, uint8_t *keep)
{
	const struct inventory	*inv = a->inv;
	const uint32_t		*b = a->base;
	size_t			 i;
	int			 changed;

	for (i = 0; i < inv->nhosts; i++) {
		const struct host *h = &inv->hosts[i];

		if (!keep[b[KIND_HOST] + i])
			continue;
		keep[b[KIND_SITE] + h->site] = 1;
		if (h->rack != INDEX_NONE)
			keep[b[KIND_RACK] + h->rack] = 1;
		mark_refs(inv, h->power, keep, b[KIND_POWER]);
	}
	for (i = 0; i < inv->nracks; i++) {
		const struct rack *r = &inv->racks[i];

		if (!keep[b[KIND_RACK] + i])
			continue;
		keep[b[KIND_SITE] + r->site] = 1;
		mark_refs(inv, r->power, keep, b[KIND_POWER]);
	}
	do {
		changed = 0;
		for (i = 0; i < inv->npower; i++) {
			const struct power	*p = &inv->power[i];
			const struct ref	*f;
			uint32_t		 j;

			if (!keep[b[KIND_POWER] + i])
				continue;
			if (p->site != INDEX_NONE)
				keep[b[KIND_SITE] + p->site] = 1;
			f = inventory_refs(inv, p->fed_by);
			for (j = 0; j < p->fed_by.n; j++)
				if (!keep[b[KIND_POWER] + f[j].target]) {
					keep[b[KIND_POWER] + f[j].target] = 1;
					changed = 1;
				}
		}
	} while (changed);
}

uint8_t *
dot_focus_keep(const struct analysis *a, const uint32_t *focus,
    size_t nfocus, enum dot_view view)
{
	const struct inventory	*inv = a->inv;
	const uint32_t		*b = a->base;
	size_t			 ncomp = b[KIND_COUNT], i;
	uint8_t			*keep, *aff, *focus_svc;
	uint32_t		 c;

	keep = xcalloc(ncomp + 1, 1);
	if (nfocus == 0) {
		memset(keep, 1, ncomp);
		return keep;
	}
	aff = xcalloc(ncomp + 1, 1);
	focus_svc = xcalloc(ncomp + 1, 1);
	for (i = 0; i < nfocus; i++) {
		c = focus[i];
		aff[c] = 1;
		if (c >= b[KIND_SERVICE])
			focus_svc[c] = 1;
	}
	mark_needing_infra(a, aff);
	for (i = 0; i < inv->nservices; i++)
		if (any_marked(inv, inv->services[i].runs_on, aff,
		    b[KIND_HOST]))
			aff[b[KIND_SERVICE] + i] = 1;
	/* What needs the focus, then what the focus needs. */
	close_services(a, aff, 1, keep);
	close_services(a, focus_svc, 0, keep);
	if (view == DOT_VIEW_PLACEMENT) {
		for (c = 0; c < b[KIND_SERVICE]; c++)
			if (aff[c])
				keep[c] = 1;
		for (i = 0; i < inv->nservices; i++)
			if (keep[b[KIND_SERVICE] + i])
				mark_refs(inv, inv->services[i].runs_on, keep,
				    b[KIND_HOST]);
		close_infra_down(a, keep);
	}
	free(focus_svc);
	free(aff);
	return keep;
}
