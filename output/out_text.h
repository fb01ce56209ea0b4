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
#include "rootcause.h"

/*
 * Write every finding of shown (NULL: none) and the summary line of fl to
 * fp, with ANSI colour when colour is non-zero; inv may be NULL.  Returns
 * 0, or -1 on a write error.
 */
int	out_text_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *shown,
	    const struct findings *fl, int colour);

/*
 * Write the root-cause block ("root causes (N):", one line each, ranked)
 * for at most limit of them; nothing when there are none.  Returns 0, or
 * -1 on a write error.
 */
int	out_text_root_causes(FILE *, const struct root_causes *, size_t limit,
	    int colour);

/*
 * Write the failed components and the down, degraded and recovery-blocked
 * services of the scenario last run in sc, then a summary line.  Returns
 * 0, or -1 on a write error.
 */
int	out_text_whatif(FILE *, const struct analysis *,
	    const struct scenario *, const uint32_t *failed, size_t n);

#endif
