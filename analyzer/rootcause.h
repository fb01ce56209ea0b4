/*
 * rootcause.h -- root causes: the causes that findings share, ranked so
 * that a reader fixes the few facts behind many findings first.
 *
 * Every unwaived spof, single-site-tool, recovery-blocked and failover-loop
 * finding counts for its cause (its minimal cause: implied causes are not
 * counted again).  Root causes are ranked by their worst severity, then
 * the number of tier-1/2 services they affect, then blast radius, then
 * cause.
 */
#ifndef FAULTLINE_ROOTCAUSE_H
#define FAULTLINE_ROOTCAUSE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "findings.h"

struct root_cause {
	const char	*cause;		/* "rack:pg-ops-r1": a finding's string */
	uint32_t	 component;	/* the cause, or INDEX_NONE */
	enum severity	 severity;	/* the worst of its findings */
	size_t		 findings;
	size_t		 services;	/* distinct subjects */
	size_t		 tier12;	/* of them, tier 1 or 2 */
	size_t		 blast;		/* services it takes down alone */
	size_t		 down;		/* spof findings: services down */
	size_t		 tools_down;	/* of them, tools */
	size_t		 one_site_tools; /* single-site-tool findings */
	size_t		 blocked;	/* recovery-blocked findings */
	size_t		 loops;		/* failover-loop findings */
};

struct root_causes {
	struct root_cause	*v;	/* ranked */
	size_t			 n;
};

/*
 * The root causes of a finding list; the strings point into fl, which must
 * outlive the result.  Free with rootcause_free().
 */
void	rootcause_compute(const struct analysis *, const struct findings *,
	    struct root_causes *);
void	rootcause_free(struct root_causes *);

/* Whether finding f counts for a root cause. */
int	rootcause_counts(const struct finding *);

#endif
