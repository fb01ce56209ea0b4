/*
 * baseline.h -- the findings of an earlier run, keyed by rule, subject and
 * cause (never by line, so moved or reformatted lines keep matching), to
 * tell new findings from known ones: `check --baseline FILE` and `diff`.
 */
#ifndef FAULTLINE_BASELINE_H
#define FAULTLINE_BASELINE_H

#include "diag.h"
#include "findings.h"

struct baseline;

/*
 * Read a baseline from the output of `faultline check --format json` at
 * path into a fresh *out.  Returns 0, or -1 with a diagnostic about path
 * (unreadable, not JSON, not such a document) and *out NULL.  The caller
 * frees the result with baseline_free().
 */
int		 baseline_load(const char *path, struct baseline **out,
		    struct diag_list *);

/* A baseline of the findings of a run; the caller frees it. */
struct baseline	*baseline_from_findings(const struct findings *);

/* Whether the finding's rule, subject and cause are in the baseline. */
int		 baseline_contains(const struct baseline *,
		    const struct finding *);

/* Set f->baselined on every finding the baseline contains. */
void		 baseline_apply(const struct baseline *, struct findings *);

/* The number of distinct keys in the baseline. */
size_t		 baseline_count(const struct baseline *);

void		 baseline_free(struct baseline *);

#endif
