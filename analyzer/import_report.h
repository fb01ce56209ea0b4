/*
 * import_report.h -- what an import did, for the summary on stderr: the
 * counts of what was written, what was left out on purpose (by status),
 * what could not be mapped and why, and how many names had to change to
 * become ids.  Reasons are grouped: one line per reason with its count
 * and the first few names, so a large estate does not flood the terminal.
 */
#ifndef FAULTLINE_IMPORT_REPORT_H
#define FAULTLINE_IMPORT_REPORT_H

#include <stddef.h>

#define IMPORT_REPORT_EXAMPLES	3

enum import_outcome {
	IMPORT_LEFT_OUT,	/* on purpose: a status, a kind not modelled */
	IMPORT_NOT_MAPPED,	/* could not be mapped: the data is incomplete */
	IMPORT_WARNING		/* imported, with something to know */
};

struct import_reason {
	enum import_outcome	 outcome;
	char			*what;		/* a singular noun: "device" */
	char			*text;		/* why */
	size_t			 count;
	char			*examples[IMPORT_REPORT_EXAMPLES];
};

struct import_report {
	struct import_reason	*v;
	size_t			 n, cap;
	size_t			 left_out, not_mapped, warnings, renamed;
	char			*counts;	/* "24 sites, 42 racks, ..." */
};

void	import_report_init(struct import_report *);
void	import_report_free(struct import_report *);
/* Count one thing (what: a singular noun such as "device", plural by an
 * added s) under a reason, grouped by outcome, what and why; example
 * names it (copied; NULL: none). */
void	import_report_add(struct import_report *, enum import_outcome,
	    const char *what, const char *why, const char *example);
/* Set the counts of what was written (printf-style). */
void	import_report_counts(struct import_report *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
