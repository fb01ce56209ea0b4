/*
 * out_sarif.h -- `check --format sarif`: SARIF 2.1.0 for code-scanning
 * services, with one rule per rule id, results located at the subject's
 * definition, the cause as a related location, fingerprints that survive
 * unrelated edits, and waivers as suppressions.
 */
#ifndef FAULTLINE_OUT_SARIF_H
#define FAULTLINE_OUT_SARIF_H

#include <stdio.h>

#include "analysis.h"
#include "findings.h"
#include "inventory.h"

/*
 * Write the SARIF log of the findings to fp; a is NULL when the inventory
 * is invalid, inv may be NULL.  Returns 0, or -1 on a write error.
 */
int	out_sarif_check(FILE *, const struct inventory *,
	    const struct analysis *, const struct findings *);

/*
 * The path of an inventory file as CI tools want it: relative to the
 * current directory when it is absolute and under it, without leading
 * "./"; else as given.  The caller frees the result.
 */
char	*out_sarif_relpath(const char *path);

/*
 * out_sarif_relpath() of every file of the inventory, by file index; NULL
 * when inv is NULL or has no files.  Free with out_sarif_relpaths_free().
 */
char	**out_sarif_relpaths(const struct inventory *);
void	  out_sarif_relpaths_free(const struct inventory *, char **);

/*
 * The stable fingerprint of a finding: the SHA-256 (hex) of its rule,
 * subject and cause, never of its place in a file.
 */
void	out_sarif_fingerprint(const struct finding *, char out[65]);

#endif
