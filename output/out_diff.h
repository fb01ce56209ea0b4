/*
 * out_diff.h -- the outputs of `faultline diff OLD NEW`: the findings new
 * in NEW, those resolved since OLD, and those unchanged, as text or JSON.
 *
 * The classification is the caller's (cmd_diff.c, through baseline.h):
 * a finding of NEW is unchanged when its baselined flag is set, else new;
 * a finding of OLD is resolved when its baselined flag is clear.
 */
#ifndef FAULTLINE_OUT_DIFF_H
#define FAULTLINE_OUT_DIFF_H

#include <stdio.h>

#include "findings.h"
#include "inventory.h"

/*
 * Write "new: N" and the new findings GCC-style, "resolved: N" and the
 * resolved ones, then "unchanged: N".  Returns 0, or -1 on a write error.
 */
int	out_diff_text(FILE *, const struct inventory *old_inv,
	    const struct findings *old_fl, const struct inventory *new_inv,
	    const struct findings *new_fl);

/*
 * Write {"faultline": 1, "new": [...], "resolved": [...], "unchanged":
 * [...]}, each finding an object as in `check --format json`.  Returns 0,
 * or -1 on a write error.
 */
int	out_diff_json(FILE *, const struct inventory *old_inv,
	    const struct findings *old_fl, const struct inventory *new_inv,
	    const struct findings *new_fl);

#endif
