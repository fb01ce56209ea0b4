/*
 * out_text.h -- the text outputs: GCC-style findings for `check`
 * ("file:line:col: error: [rule] message", an indented explanation, a
 * one-line summary) and the service lists of `whatif`.
 */
#ifndef FAULTLINE_OUT_TEXT_H
#define FAULTLINE_OUT_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "findings.h"
#include "inventory.h"

/*
 * Write every finding and the summary line to fp, with ANSI colour when
 * colour is non-zero; inv may be NULL.  Returns 0, or -1 on a write error.
 */
int	out_text_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *, int colour);

/*
 * Write the failed components and the down, degraded and recovery-blocked
 * services of the scenario last run in sc, then a summary line.  Returns
 * 0, or -1 on a write error.
 */
int	out_text_whatif(FILE *, const struct analysis *,
	    const struct scenario *, const uint32_t *failed, size_t n);

#endif
