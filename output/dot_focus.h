/*
 * dot_focus.h -- what a diagram keeps: the components around its --focus,
 * and the recovery and failover edges a single fault breaks.
 *
 * The focus is a set of components.  A diagram around it keeps the
 * engine's closure of the focus in both directions: everything the focus
 * needs (hard and soft dependencies, recovery and failover tools,
 * placement down to hosts, racks, power, domains and sites) and
 * everything that needs it.  The services view draws the services of that
 * set; the placement view draws all of it.
 *
 * A recovery or failover edge from service s to tool t is "blocked" when
 * one fault can take t down while it takes s down or degrades it (the
 * recovery-blocked rule), or, in a scenario, when the scenario does.
 */
#ifndef FAULTLINE_DOT_FOCUS_H
#define FAULTLINE_DOT_FOCUS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

/*
 * A fresh array of one flag per component of a: 1 to draw it.  With no
 * focus (nfocus 0) every component is kept.  The caller frees it.
 */
uint8_t	*dot_focus_keep(const struct analysis *, const uint32_t *focus,
	    size_t nfocus);

/* The blocked (service, tool) pairs of an analysis or a scenario. */
struct dot_blocked;

/*
 * The pairs blocked by some single fault (sc NULL) or by the last run of
 * sc.  Costs one scenario run per distinct single point of a tool that is
 * not a site or power domain.  Free with dot_blocked_free().
 */
struct dot_blocked *dot_blocked_create(const struct analysis *,
	    const struct scenario *sc);
void	 dot_blocked_free(struct dot_blocked *);
/* Whether the edge from service s to tool t (service indices) is blocked. */
int	 dot_blocked_has(const struct dot_blocked *, uint32_t s, uint32_t t);

#endif
