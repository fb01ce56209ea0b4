/*
 * analysis_priv.h -- what analysis.c builds for scenario.c: the per-
 * component tables behind struct analysis' priv pointer.  Only the engine
 * (analysis.c, scenario.c) includes this; everyone else uses analysis.h.
 */
#ifndef FAULTLINE_ANALYSIS_PRIV_H
#define FAULTLINE_ANALYSIS_PRIV_H

#include <stddef.h>
#include <stdint.h>

struct analysis_priv {
	/* F-sets of infrastructure: pool[foff[c] .. foff[c] + flen[c]). */
	uint32_t	*pool;
	uint32_t	*foff;
	uint32_t	*flen;

	/* Hard-dependency SCCs ("fate groups") of services. */
	uint32_t	*scc;		/* per service */
	uint32_t	 nscc;
	uint32_t	*scc_off;	/* nscc + 1 */
	uint32_t	*scc_mem;	/* members by SCC, ascending */

	/* Own (k-of-n hosts) set of each service: own[ooff[s] ..
	 * ooff[s] + olen[s]), sorted; for explanations. */
	uint32_t	*own;
	uint32_t	*ooff;
	uint32_t	*olen;

	/* Hard dependencies by service (from the graph's edge list). */
	uint32_t	*hd_off;	/* nservices + 1 */
	uint32_t	*hd;

	/* Reverse adjacency: who needs component c. */
	uint32_t	*rev_off;	/* ncomponents + 1 */
	uint32_t	*rev;
	/* Per component: children down that take it down (scenarios). */
	uint32_t	*need;
	/* Recovery tools by service (service indices). */
	uint32_t	*rec_off;	/* nservices + 1 */
	uint32_t	*rec;
};

struct analysis;

/* Sort service indices v[0..n) by service id, ties by index. */
void	analysis_sort_services(const struct analysis *, uint32_t *v,
	    size_t n);

#endif
