/*
 * out_json.h -- the JSON outputs of DESIGN §6: `check --format json` and
 * `whatif --format json`.  Key order and list order are fixed, so the same
 * results always give the same bytes.
 */
#ifndef FAULTLINE_OUT_JSON_H
#define FAULTLINE_OUT_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "findings.h"
#include "inventory.h"

/*
 * Write the check document (summary, services with their single points,
 * findings) to fp; a may be NULL (an invalid inventory: no services are
 * listed) and so may inv.  Returns 0, or -1 on a write error.
 */
int	out_json_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *);

/*
 * Write the whatif document for the scenario last run in sc with the
 * components failed[0..n): failed refs, and the down, degraded and
 * recovery-blocked services, each sorted.  Returns 0, or -1 on a write
 * error.
 */
int	out_json_whatif(FILE *, const struct analysis *,
	    const struct scenario *, const uint32_t *failed, size_t n);

#endif
