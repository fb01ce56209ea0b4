/*
 * import_report.c -- what an import did (see import_report.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_report.h"
#include "xalloc.h"

void
import_report_init(struct import_report *rep)
{
	memset(rep, 0, sizeof *rep);
}

void
import_report_free(struct import_report *rep)
{
	size_t	i, j;

	for (i = 0; i < rep->n; i++) {
		free(rep->v[i].what);
		free(rep->v[i].text);
		for (j = 0; j < IMPORT_REPORT_EXAMPLES; j++)
			free(rep->v[i].examples[j]);
	}
	free(rep->v);
	free(rep->counts);
	memset(rep, 0, sizeof *rep);
}

void
import_report_add(struct import_report *rep, enum import_outcome outcome,
    const char *what, const char *why, const char *example)
{
	struct import_reason	*r = NULL;
	size_t			 i;

	for (i = 0; i < rep->n; i++) {
		if (rep->v[i].outcome == outcome &&
		    strcmp(rep->v[i].what, what) == 0 &&
		    strcmp(rep->v[i].text, why) == 0) {
			r = &rep->v[i];
			break;
		}
	}
	if (r == NULL) {
		XGROW(rep->v, rep->cap, rep->n + 1);
		r = &rep->v[rep->n++];
		memset(r, 0, sizeof *r);
		r->outcome = outcome;
		r->what = xstrdup(what);
		r->text = xstrdup(why);
	}
	if (example != NULL && r->count < IMPORT_REPORT_EXAMPLES)
		r->examples[r->count] = xstrdup(example);
	r->count++;
	if (outcome == IMPORT_LEFT_OUT)
		rep->left_out++;
	else if (outcome == IMPORT_NOT_MAPPED)
		rep->not_mapped++;
	else
		rep->warnings++;
}

void
import_report_counts(struct import_report *rep, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	free(rep->counts);
	rep->counts = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(rep->counts, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
}
