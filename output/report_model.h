/*
 * report_model.h -- the content of an audit report ("faultline report"),
 * gathered once from an analysis and its findings so that the HTML and the
 * Markdown renderers show exactly the same things: the identity and scope
 * of the inventory (meta, time, commit), an executive summary, what was
 * analysed (files, their SHA-256 and the content digest), a verdict per
 * policy and per always-on rule, the site/power loss matrix, the findings
 * by severity, recovery readiness, fan-in, the waivers with what they
 * matched, the services diagram as sanitised SVG and, when asked, the
 * regulatory mapping.
 *
 * Everything is in a deterministic order; the only inputs besides the
 * inventory are those of struct report_options, so the same inventory and
 * options give the same model.
 */
#ifndef FAULTLINE_REPORT_MODEL_H
#define FAULTLINE_REPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "impact.h"
#include "diag.h"
#include "digest.h"
#include "findings.h"
#include "inventory.h"
#include "mapping.h"

/*
 * Matrix limits: up to ALL_ROWS services every row is shown; beyond, only
 * services with a cell that is not up, at most MAX_ROWS of them.  Over
 * MAX_COLS scenarios, only those that affect a service, at most MAX_COLS.
 */
#define REPORT_MATRIX_ALL_ROWS	100
#define REPORT_MATRIX_MAX_ROWS	300
#define REPORT_MATRIX_MAX_COLS	40
#define REPORT_FANIN_TOP	10
#define REPORT_CAUSES_TOP	5

enum report_format {
	REPORT_HTML,
	REPORT_MARKDOWN
};

enum report_verdict {
	REPORT_PASS,
	REPORT_FAIL,
	REPORT_WAIVED
};

struct report_file {
	const char	*path;			/* inv->files[i] */
	char		*name;			/* in the digest */
	char		 sha256[DIGEST_HEX_SIZE];
};

/* A policy (or the default selection) or an always-on rule. */
struct report_check {
	char			*name;		/* policy id or rule id */
	int			 is_rule;
	char			*scope;		/* what it demands of whom */
	enum severity		 severity;	/* policies: their severity */
	const char		*description;	/* policies: or NULL */
	const char		*reference;	/* policies: or NULL */
	size_t			 findings;
	size_t			 waived;
	size_t			 notes;		/* unwaived notes: no failure */
	enum report_verdict	 verdict;
};

/* One fault that takes a service's recovery tools. */
struct report_blocker {
	const char	*fault;		/* finding cause, "site:pangyo" */
	char		*tools;		/* "admin-console, monitoring" */
	int		 waived;
};

struct report_recovery {
	uint32_t		 service;
	const uint32_t		*tools;		/* analysis_recovery() */
	size_t			 ntools;
	struct report_blocker	*blockers;	/* in fault order */
	size_t			 nblockers;
};

struct report_waiver {
	const struct waiver	*w;
	int			 expired;
	uint32_t		*services;	/* with findings it matches, by id */
	size_t			 nservices;
	size_t			 findings;	/* findings it matches */
};

/* A component that takes services down, for the executive summary. */
struct report_cause {
	uint32_t	component;
	size_t		services;	/* its blast radius */
	size_t		findings;	/* unwaived findings naming it as cause */
};

enum report_assessment {
	REPORT_SUPPORTS,
	REPORT_CONTRADICTS,
	REPORT_NOT_ASSESSABLE
};

/* One requirement of a mapping, assessed against this inventory. */
struct report_requirement {
	const struct mapping_requirement *q;
	enum report_assessment	 status;
	char			*evidence;	/* plain text; "" when none */
	char			*missing;	/* plain text; NULL when none */
};

struct report_map {
	const struct mapping		*m;
	struct report_requirement	*v;	/* mapping order */
	size_t				 n;
};

/* Whether and how the git commit of the inventory was looked up. */
enum report_commit {
	REPORT_COMMIT_FOUND,
	REPORT_COMMIT_NONE,		/* git missing or not a work tree */
	REPORT_COMMIT_DISABLED		/* FAULTLINE_NO_GIT */
};

struct report {
	const struct inventory	*inv;
	const struct analysis	*a;
	const struct findings	*fl;
	char			*version;
	char			 date[16];	/* YYYY-MM-DD */
	char			 time[32];	/* YYYY-MM-DD HH:MM:SS UTC */
	int			 time_from_sde;	/* from SOURCE_DATE_EPOCH */
	char			**roots;	/* PATHs as given */
	size_t			 nroots;
	enum report_commit	 commit_status;
	char			*commit;	/* when found */
	int			 commit_dirty;

	struct report_file	*files;		/* load order */
	size_t			 nfiles;
	int			 single_file;	/* digest: the file's contents */
	char			 digest[DIGEST_HEX_SIZE];
	struct findings_count	 count;
	const struct finding	**order;	/* by severity, tier, subject */
	struct report_cause	*causes;	/* most services first */
	size_t			 ncauses;

	struct report_check	*checks;	/* policies, then rules */
	size_t			 nchecks;
	enum report_verdict	 overall;

	/* Matrix: analysis matrix rows shown as columns, services as rows. */
	uint32_t		*mcols;		/* into a->matrix.rows */
	size_t			 nmcols;
	size_t			 mcols_omitted;
	uint32_t		*mrows;		/* service indices, by id */
	size_t			 nmrows;
	size_t			 mrows_all_up;	/* omitted: every cell up */
	size_t			 mrows_over;	/* omitted: over the cap */

	struct report_recovery	*recovery;	/* services by id */
	size_t			 nrecovery;

	struct impact_fanin	*fanin;		/* most down first */
	size_t			 nfanin;

	struct report_waiver	*waivers;	/* inventory order */
	size_t			 nwaivers;

	char			*svg;		/* sanitised; NULL: none */
	char			**notes;	/* about the diagram */
	size_t			 nnotes;
	char			*diagram_href;	/* Markdown: the sidecar file */

	struct report_map	*maps;		/* --map order */
	size_t			 nmaps;
};

struct report_options {
	const char		*version;	/* "faultline" version shown */
	int32_t			 today;		/* days since 1970-01-01 */
	long long		 now;		/* seconds since the epoch, UTC;
						 * 0: midnight of today */
	int			 now_from_sde;	/* now is SOURCE_DATE_EPOCH */
	const char *const	*roots;		/* the PATHs given: the
						 * inventory roots of the digest */
	size_t			 nroots;	/* 0: every file is a root */
	enum report_commit	 commit_status;
	const char		*commit;	/* when found */
	int			 commit_dirty;
	int			 diagram;	/* draw the services diagram */
	size_t			 max_nodes;	/* diagram cap; 0: out_dot's default */
	const char		*diagram_href;	/* Markdown: where the diagram
						 * goes (a sidecar SVG file) */
	const struct mapping *const *maps;	/* --map, in order */
	size_t			 nmaps;
};

/*
 * The format for an output path by its extension (.html, .htm, .md, any
 * case); -1 when it is none of these.
 */
int		 report_model_format_of(const char *path);

/*
 * Gather the report of an analysis and its findings (which must outlive
 * the report).  The files are read again to digest them.  Returns NULL
 * with an error appended to diags when a file cannot be read; diagram
 * problems are not fatal (they become notes).  Free with
 * report_model_free().
 */
struct report	*report_model_create(const struct analysis *,
		    const struct findings *, const struct report_options *,
		    struct diag_list *);
void		 report_model_free(struct report *);

/*
 * Make Graphviz SVG safe to inline in HTML: drop everything before <svg
 * (XML prolog, DOCTYPE), comments, processing instructions, CDATA, and any
 * element or attribute not on a list of plain drawing ones (no script,
 * foreignObject, links, event handlers, external references).  Returns a
 * fresh string the caller frees, or NULL when there is no <svg element.
 */
char		*report_model_svg_clean(const char *svg, size_t len);

/* "pass", "fail", "waived". */
const char	*report_model_verdict_name(enum report_verdict);
/* A policy's severity for display: its name, or "by tier" (the default). */
const char	*report_model_severity_name(enum severity);
/* one when n is 1, else many. */
const char	*report_model_plural(size_t n, const char *one,
		    const char *many);
/* The id of service s. */
const char	*report_model_service_id(const struct report *, uint32_t s);
/*
 * The report's header counts as plain text, safe in any markup:
 * "3 files, 3 sites, 11 power domains, 9 racks, 48 hosts, 44 services" and
 * "12 errors, 4 warnings, 0 notes, 2 waived".
 */
void		 report_model_put_inventory_counts(FILE *,
		    const struct report *);
void		 report_model_put_finding_counts(FILE *, const struct report *);
/*
 * A loss matrix cell as the text shown in it, never colour alone: "down ·
 * blocked", "degraded · blocked" (a recovery tool is down too),
 * "exposed" (up, but a recovery tool is down), "down", "degraded", "up".
 * *class receives a CSS class name for it ("down-blocked",
 * "degraded-blocked", "exposed", "down", "degraded", "up") when class is
 * not NULL.
 */
const char	*report_model_cell_name(uint8_t cell, const char **class);
/* The states of the legend, worst first: (text, class, meaning). */
struct report_state {
	const char	*text;
	const char	*class;
	const char	*meaning;
};
extern const struct report_state report_model_states[6];
/* "supports", "contradicts", "not assessable". */
const char	*report_model_assessment_name(enum report_assessment);
/* Seconds since the epoch as "YYYY-MM-DD HH:MM:SS UTC" into buf. */
void		 report_model_utc(long long, char *buf, size_t size);
/* The tier of a finding's subject (1-4), 5 when it is not a service. */
unsigned	 report_model_finding_tier(const struct report *,
		    const struct finding *);
/*
 * The definition of the inventory digest, as one sentence of plain text
 * for the report and the README to agree on.
 */
extern const char report_model_digest_definition[];
/* The failure model (one paragraph) and what is out of scope (a
 * NULL-terminated list), plain text for both renderers. */
extern const char report_model_failure_model[];
extern const char *const report_model_out_of_scope[];
/* Recovery readiness of a service: "ready" (no single fault takes a tool
 * with it), "blocked", or "waived" (every such fault is waived). */
const char	*report_model_recovery_status(const struct report_recovery *);

#endif
