/*
 * out_github.h -- `check --format github`: GitHub Actions workflow
 * commands, one annotation per finding on the subject's definition:
 *   ::error file=F,line=L,col=C,title=[rule] subject::message
 */
#ifndef FAULTLINE_OUT_GITHUB_H
#define FAULTLINE_OUT_GITHUB_H

#include <stdio.h>

#include "analysis.h"
#include "findings.h"
#include "inventory.h"

/*
 * Write one workflow command per finding to fp: error, warning or notice
 * by severity; waived and baselined findings as notices saying so.  a may
 * be NULL and so may inv.  Returns 0, or -1 on a write error.
 */
int	out_github_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *);

/*
 * Write s to fp escaped for a workflow command: % CR LF as %25 %0D %0A,
 * and in a property value (property non-zero) also : and , as %3A %2C;
 * every other control (ESC included), C1 control and byte outside
 * well-formed UTF-8 becomes '?', so no escape sequence reaches the log.
 */
void	out_github_escape(FILE *, const char *s, int property);

#endif
