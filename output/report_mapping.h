/*
 * report_mapping.h -- assess the requirements of a regulatory mapping
 * (mapping.h) against a report model: for each, what the inventory shows
 * -- supports, contradicts, or not assessable, naming the missing data --
 * with the evidence in plain text.  Never a compliance opinion.
 *
 * A requirement contradicts when one of its checks does; otherwise it is
 * not assessable when a check cannot be judged, inventory data it needs
 * is missing, or it needs evidence outside any inventory; otherwise it is
 * supported.
 */
#ifndef FAULTLINE_REPORT_MAPPING_H
#define FAULTLINE_REPORT_MAPPING_H

#include "mapping.h"
#include "report_model.h"

/*
 * Assess every requirement of m against r (whose findings, matrix,
 * checks, recovery, fan-in and waivers are gathered) into out; m must
 * outlive out.  Free with report_mapping_free().
 */
void	report_mapping_assess(const struct report *r, const struct mapping *m,
	    struct report_map *out);
void	report_mapping_free(struct report_map *);

#endif
