/*
 * out_json.h -- the JSON outputs of the README: `check --format json` and
 * `whatif --format json`, and the finding object that `diff --format
 * json` shares with check.  Key order and list order are fixed, so the
 * same results always give the same bytes.
 */
#ifndef FAULTLINE_OUT_JSON_H
#define FAULTLINE_OUT_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "findings.h"
#include "inventory.h"
#include "rootcause.h"

/*
 * Write the check document (summary, root causes, services with their
 * single points, findings) to fp; a may be NULL (an invalid inventory: no
 * services are listed) and so may inv and rcs.  Returns 0, or -1 on a
 * write error.
 */
int	out_json_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *,
	    const struct root_causes *);

/*
 * Write one finding of fl as the object the check document lists (rule,
 * severity, subject, cause, message, file, line, column, policy, path,
 * waived, then waiver_reason and baselined when they hold), laid out as an
 * element of a list that is a member of the top-level object, with no
 * separator or newline around it; inv may be NULL.  Returns 0, or -1 on a
 * write error.
 */
int	out_json_finding(FILE *, const struct inventory *,
	    const struct findings *, const struct finding *);

/*
 * Write the whatif document for the scenario last run in sc with the
 * components failed[0..n): failed refs, and the down, degraded and
 * recovery-blocked services, each sorted.  Returns 0, or -1 on a write
 * error.
 */
int	out_json_whatif(FILE *, const struct analysis *,
	    const struct scenario *, const uint32_t *failed, size_t n);

#endif
