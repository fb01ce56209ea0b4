/*
 * impact.h -- what whole scenarios do to an analysed inventory: the loss
 * matrix (every site, power domain and domain failed alone) and the fan-in
 * of services (which service failures take the most others down).  Runs
 * scenarios over the analysis; the analysis never calls back.
 */
#ifndef FAULTLINE_IMPACT_H
#define FAULTLINE_IMPACT_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

/* Fill a->matrix (see analysis.h); call once after analysis_create(). */
void		 impact_fill_matrix(struct analysis *);

/*
 * Fan-in: failing service s alone takes down other services, those that
 * hard-depend on it (through chains and fate groups) or fail over through it.
 */
struct impact_fanin {
	uint32_t	service;
	size_t		down;		/* other services down with it */
	size_t		degraded;	/* other services degraded */
};

/*
 * The top services by fan-in: those that take at least one other service
 * down when they fail alone, most down first, then most degraded, then by
 * id; at most top of them.  Runs a scenario for every service something
 * needs, so it is computed on demand.  Returns a fresh array (the caller
 * frees it) with *n its length.
 */
struct impact_fanin *impact_fanin(const struct analysis *, size_t top,
		    size_t *n);

#endif
