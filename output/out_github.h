/*
 * out_github.h -- `check --format github`: GitHub Actions workflow
 * commands, one annotation per root-cause group on the culprit's line:
 *   ::error file=F,line=L,col=C,title=[rule] subject (new)::message
 */
#ifndef FAULTLINE_OUT_GITHUB_H
#define FAULTLINE_OUT_GITHUB_H

#include <stdio.h>

#include "analysis.h"
#include "findings.h"
#include "inventory.h"
#include "rootcause.h"

/* GitHub shows this many error, and other, annotations per step. */
#define OUT_GITHUB_MAX_ERRORS	10
#define OUT_GITHUB_MAX_OTHERS	10

/*
 * Write workflow commands to fp: error, warning or notice by severity,
 * waived and baselined findings as notices saying so; at most
 * OUT_GITHUB_MAX_ERRORS errors and OUT_GITHUB_MAX_OTHERS others, one per
 * root cause group (rcs may be NULL: no groups).  *dropped receives how
 * many findings no annotation covers.  a and inv may be NULL.  Returns 0,
 * or -1 on a write error.
 */
int	out_github_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *,
	    const struct root_causes *, size_t *dropped);

/*
 * Write the Markdown step summary to fp: the root causes and a table of
 * every finding.  Returns 0, or -1 on a write error.
 */
int	out_github_summary(FILE *, const struct inventory *,
	    const struct findings *, const struct root_causes *);

/*
 * Write s to fp escaped for a workflow command: % CR LF as %25 %0D %0A,
 * and in a property value (property non-zero) also : and , as %3A %2C;
 * every other control (ESC included), C1 control and byte outside
 * well-formed UTF-8 becomes '?', so no escape sequence reaches the log.
 */
void	out_github_escape(FILE *, const char *s, int property);

#endif
