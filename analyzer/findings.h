/*
 * findings.h -- the built-in rules of the findings rules (README) applied to an analysis,
 * with policies (selectors, survive lists, severities) and waivers.
 *
 * A finding names its rule, severity, subject ("service:web"), cause
 * ("site:pangyo" or NULL), a message naming the subject, the cause and its
 * blast radius, an explanation path, and the mark of the subject's
 * definition.  Findings are sorted deterministically (by file, line,
 * column, rule, subject, cause, policy).
 *
 * Findings are compact records: the rules that make nearly all of them
 * (spof, single-site-tool, recovery-blocked) keep the components of the
 * explanation path and the tools involved, and their message and path are
 * formatted only when written (finding_message(), finding_path()); the
 * other rules keep their few texts.
 *
 * Subjects and causes per rule:
 *   spof                     service:S   KIND:C (a minimal cause among the
 *                                        kinds S's policies ask for)
 *   single-site-tool         service:T   site:C
 *   recovery-blocked         service:S   KIND:C (a minimal fault that takes
 *                                        S down or degrades it and takes a
 *                                        recovery or failover tool down)
 *   failover-loop            service:S   service:T (the via tool needing S)
 *   cycle                    service:FIRST (by id)   NULL
 *   tier-inversion           service:S   service:D
 *   waiver-expired           waiver:POLICY:REGEX     NULL (the waiver's mark)
 * Causes that a cause takes down with it (a host's rack and site) are its
 * implied causes.  The culprit is the service on the explanation path
 * placed on the cause, where the fix goes; the anchor is the line that
 * places it (its runs_on or standby entry on the path).
 * Waivers name a policy id or a rule id ("spof" covers the default
 * selection, whose findings carry policy "default").
 */
#ifndef FAULTLINE_FINDINGS_H
#define FAULTLINE_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "diag.h"
#include "inventory.h"

enum rule {
	RULE_SPOF,
	RULE_SINGLE_SITE_TOOL,
	RULE_RECOVERY_BLOCKED,
	RULE_FAILOVER_LOOP,
	RULE_CYCLE,
	RULE_TIER_INVERSION,
	RULE_WAIVER_EXPIRED,
	RULE_SCHEMA,
	RULE_COUNT
};

struct finding {
	enum rule	 rule;
	enum severity	 severity;
	char		*subject;	/* "service:web", "waiver:p:^re$" */
	char		*cause;		/* "site:pangyo" or NULL */
	char		*policy;	/* spof: the policy ids asking for
					 * it, "a,b" */
	char		*text;		/* the message, when not formatted
					 * from the record (rules other
					 * than spof, single-site-tool and
					 * recovery-blocked) */
	char		*path_text;	/* likewise the path, or NULL */
	struct path_step *steps;	/* the explanation path, from the
					 * subject (recovery-blocked: the
					 * first tool) to the cause */
	size_t		 nsteps;
	uint32_t	*tools;		/* recovery-blocked: the tools
					 * blocked */
	size_t		 ntools;
	struct mark	 mark;		/* the subject's definition */
	int		 has_mark;
	uint32_t	 service;	/* the subject service, or INDEX_NONE */
	uint32_t	 cause_comp;	/* the cause component, or INDEX_NONE */
	char		*culprit;	/* "service:X" or NULL */
	char		**implied;	/* "kind:id", sorted */
	size_t		 nimplied;
	struct mark	 anchor;	/* the culprit's placing line */
	int		 has_anchor;
	enum service_state state;	/* recovery-blocked: down or degraded */
	int		 waived;	/* a live waiver covers it */
	char		*waiver_reason;	/* when waived */
	int		 baselined;	/* set by the CLI from --baseline */
};

struct findings {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
	int		 has_baseline;	/* judged against --baseline */
	const struct analysis *a;	/* what the records are formatted
					 * from; NULL when every finding has
					 * its text */
};

/*
 * A buffer the texts of findings are formatted into; one per thread
 * writing them.  Zeroed to start; free with finding_text_free().
 */
struct finding_text {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

/*
 * The message of a finding ("service 'web' goes down when host 'n-2'
 * fails; ...", never NULL) and its explanation path ("web -> quorum
 * (hard) -> host n-2", NULL when it has none), formatted into t when the
 * record holds no text: valid until t is used again.
 */
const char	*finding_message(const struct findings *,
		    const struct finding *, struct finding_text *t);
const char	*finding_path(const struct findings *,
		    const struct finding *, struct finding_text *t);
void		 finding_text_free(struct finding_text *);
/* Append len bytes of s, or a string, to a text. */
void		 finding_text_add(struct finding_text *, const char *, size_t);
void		 finding_text_puts(struct finding_text *, const char *);

/* "spof", "single-site-tool", ...; and back (-1: unknown). */
const char	*findings_rule_id(enum rule);
int		 findings_rule_parse(const char *);
/*
 * Whether a finding's policy list names a policy id: a spof finding that
 * several policies ask for names them all, comma-separated ("a,b").
 */
int		 findings_policy_named(const char *list, const char *id);

/*
 * Apply every rule to the analysis.  today is the date waivers are judged
 * against, in days since 1970-01-01 (the CLI takes it from
 * SOURCE_DATE_EPOCH, else the clock).  Returns 0, or -1 with a diagnostic
 * when a policy or waiver regex cannot be used.  The caller frees the list
 * with findings_free().
 */
int		 findings_compute(const struct analysis *, int32_t today,
		    struct findings *, struct diag_list *);
void		 findings_free(struct findings *);
/*
 * Append a zeroed finding (no service, no cause component) to a list and
 * return it.  A list of findings is
 * a big array (xalloc.h): grow it only with this, free it only with
 * findings_free().
 */
struct finding	*findings_add(struct findings *);

/* Sort findings by file, line, column, rule, subject, cause, policy. */
void		 findings_sort(const struct inventory *, struct findings *);

/* Unwaived findings per severity (baselined ones apart), for summaries. */
struct findings_count {
	size_t	errors;
	size_t	warnings;
	size_t	notes;
	size_t	waived;
	size_t	baselined;
};
void		 findings_count(const struct findings *,
		    struct findings_count *);

/*
 * Service indices sorted by id (byte order), for outputs that list
 * services; the caller frees the array.
 */
uint32_t	*findings_service_order(const struct inventory *);

/* Days since 1970-01-01 as "YYYY-MM-DD" into buf (size >= 11). */
void		 findings_date(int32_t, char *buf, size_t size);

#endif
