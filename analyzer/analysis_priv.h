/*
 * analysis_priv.h -- the per-component tables behind struct analysis' priv
 * pointer, shared by the engine's files: analysis.c builds the tables,
 * spof.c the F-sets, explain.c reads both, scenario.c propagates over the
 * tables.  Everyone else uses analysis.h.
 *
 * Standby groups are numbered as in inv->standbys; a service's groups are
 * inv->standbys[standby_off .. standby_off + nstandby).
 */
#ifndef FAULTLINE_ANALYSIS_PRIV_H
#define FAULTLINE_ANALYSIS_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* How a component needs another (rev_type, parallel to rev). */
enum rev_type {
	REV_ALL,		/* down when it is down (site, in, rack, on) */
	REV_ANY,		/* one of its ANY-of feeds (fed_by, power) */
	REV_ACTIVE,		/* a host of a service's active k-of-n */
	REV_STANDBY,		/* a host of one of a service's standby groups */
	REV_HARD,		/* a hard dependency */
	REV_SOFT		/* a soft dependency */
};

/* A sorted set of component numbers, or "every component" (top). */
#define FSET_TOP	UINT32_MAX

struct analysis_priv {
	/* F-sets of infrastructure: pool[foff[c] .. foff[c] + flen[c]).
	 * A host's set leaves the host itself out. */
	uint32_t	*pool;
	uint32_t	*foff;
	uint32_t	*flen;

	/* Hard-dependency SCCs ("fate groups") of services. */
	uint32_t	*scc;		/* per service */
	uint32_t	 nscc;
	uint32_t	*scc_off;	/* nscc + 1 */
	uint32_t	*scc_mem;	/* members by SCC, ascending */

	/* Failover loops: the SCCs of hard and `via` edges together that
	 * hold a `via` edge.  loop[s] is the loop of service s, or
	 * INDEX_NONE; loop_mem[loop_off[l] .. loop_off[l + 1]) its members. */
	uint32_t	*loop;
	uint32_t	 nloops;
	uint32_t	*loop_off;
	uint32_t	*loop_mem;

	/* Placement set of each service (what takes its runs_on and every
	 * standby down at once): own[ooff[s] .. ooff[s] + olen[s]), sorted. */
	uint32_t	*own;
	uint32_t	*ooff;
	uint32_t	*olen;

	/* Hard dependencies by service. */
	uint32_t	*hd_off;	/* nservices + 1 */
	uint32_t	*hd;

	/* Reverse adjacency: who needs component c, and how. */
	uint32_t	*rev_off;	/* ncomponents + 1 */
	uint32_t	*rev;		/* with ANALYSIS_SOFT for soft deps */
	uint8_t		*rev_type;	/* enum rev_type */
	/* Per component: ANY-of children down that take it down (0: none);
	 * for a service, active hosts down that take its active side down. */
	uint32_t	*need;

	/* Standby groups: hosts down that take group g down. */
	uint32_t	*g_need;	/* per group */
	uint32_t	*g_service;	/* per group: its service */
	uint32_t	*hg_off;	/* nhosts + 1: groups a host serves */
	uint32_t	*hg;
	uint32_t	*vg_off;	/* nservices + 1: groups a tool drives */
	uint32_t	*vg;
	uint32_t	*via_off;	/* ngroups + 1: a group's via tools */
	uint32_t	*via;

	/* Recovery tools by service, and who names a tool for recovery. */
	uint32_t	*rec_off;	/* nservices + 1 */
	uint32_t	*rec;
	uint32_t	*rr_off;	/* nservices + 1 */
	uint32_t	*rr;

	/* Minimal causes of each service (all kinds), sorted. */
	uint32_t	*mc_off;	/* nservices + 1 */
	uint32_t	*mc;
};

struct analysis;

/* The component of entity i of kind k (INDEX_NONE stays INDEX_NONE). */
#define ANALYSIS_COMP_OF(a, k, i) \
	((i) == INDEX_NONE ? INDEX_NONE : (a)->base[(k)] + (i))

/* Sort service indices v[0..n) by service id, ties by index. */
void	analysis_sort_services(const struct analysis *, uint32_t *v,
	    size_t n);

/* Whether x (sorted, n long) holds c. */
int	analysis_set_has(const uint32_t *v, size_t n, uint32_t c);

/* Whether component c is in F(x): its lone failure takes x down. */
int	analysis_fset_has(const struct analysis *, uint32_t x, uint32_t c);

/*
 * The F-set recurrence (spof.c): fill p->pool/foff/flen, p->own/ooff/olen
 * and a->sp_off/sp for a resolved inventory whose tables (analysis.c)
 * are built.  Returns 0, or -1 with a diagnostic when a graph call fails.
 */
int	spof_build(struct analysis *, struct diag_list *);

#endif
