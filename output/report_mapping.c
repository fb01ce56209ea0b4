/*
 * report_mapping.c -- what the inventory shows about each requirement of
 * a regulatory mapping (see report_mapping.h).  The evidence strings are
 * plain text, escaped by each renderer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_mapping.h"
#include "xalloc.h"

/* The outcome of one check. */
struct outcome {
	enum report_assessment	 status;
	char			*text;		/* evidence */
	char			*missing;	/* when not assessable */
};

static struct outcome
outcome(enum report_assessment st, char *text, const char *missing)
{
	struct outcome	o;

	o.status = st;
	o.text = text;
	o.missing = missing != NULL ? xstrdup(missing) : NULL;
	return o;
}

/* Unwaived errors and warnings of a rule. */
static size_t
open_findings(const struct report *r, enum rule rule, int errors_only,
    const struct finding **first)
{
	const struct finding	*f;
	size_t			 i, n = 0;

	*first = NULL;
	for (i = 0; i < r->fl->n; i++) {
		f = r->order[i];
		if (f->rule != rule || f->waived ||
		    f->severity > (errors_only ? SEVERITY_ERROR :
		    SEVERITY_WARNING))
			continue;
		if (n++ == 0)
			*first = f;
	}
	return n;
}

/* Distinct subjects among the unwaived errors and warnings of a rule. */
static size_t
open_subjects(const struct report *r, enum rule rule)
{
	const struct finding	*f, *prev = NULL;
	size_t			 i, n = 0;

	/* r->order groups a subject's findings of one severity. */
	for (i = 0; i < r->fl->n; i++) {
		f = r->order[i];
		if (f->rule != rule || f->waived ||
		    f->severity > SEVERITY_WARNING)
			continue;
		if (prev == NULL || strcmp(prev->subject, f->subject) != 0)
			n++;
		prev = f;
	}
	return n;
}

static size_t
count_kind(const struct report *r, enum service_kind k)
{
	size_t	i, n = 0;

	for (i = 0; i < r->inv->nservices; i++)
		n += r->inv->services[i].kind == k;
	return n;
}

/*
 * The loss matrix for one kind of column (sites or power domains): the
 * scenario taking down the most tier-1 and tier-2 services.
 */
static struct outcome
loss(const struct report *r, enum entity_kind kind)
{
	const struct loss_matrix	*mx = &r->a->matrix;
	const struct service		*sv;
	size_t				 row, s, n, best = 0, ncols = 0;
	uint32_t			 worst = 0;
	char				 ref[256];
	const char			*noun = inventory_kind_noun(kind, 2);

	for (row = 0; row < mx->nrows; row++) {
		if (analysis_component_kind(r->a, mx->rows[row]) != kind)
			continue;
		ncols++;
		for (s = 0, n = 0; s < mx->nservices; s++) {
			sv = &r->inv->services[s];
			if (sv->tier <= 2 && (mx->cells[row * mx->nservices +
			    s] & MATRIX_STATE_MASK) == STATE_DOWN)
				n++;
		}
		if (n > best) {
			best = n;
			worst = mx->rows[row];
		}
	}
	if (ncols == 0)
		return outcome(REPORT_NOT_ASSESSABLE, xasprintf("no %s "
		    "modelled", noun), noun);
	if (best == 0)
		return outcome(REPORT_SUPPORTS, xasprintf("no tier-1 or "
		    "tier-2 service goes down when any one of %zu %s is lost "
		    "(Site and power loss)", ncols,
		    inventory_kind_noun(kind, ncols)), NULL);
	analysis_component_ref(r->a, worst, ref, sizeof ref);
	return outcome(REPORT_CONTRADICTS, xasprintf("losing %s alone takes "
	    "down %zu tier-1 or tier-2 %s (Site and power loss)", ref, best,
	    report_model_plural(best, "service", "services")), NULL);
}

static struct outcome
rule_outcome(const struct report *r, enum rule rule, const char *one,
    const char *many, const char *none)
{
	const struct finding	*f;
	size_t			 n, ns;

	n = open_findings(r, rule, 0, &f);
	if (n == 0)
		return outcome(REPORT_SUPPORTS, xstrdup(none), NULL);
	ns = open_subjects(r, rule);
	return outcome(REPORT_CONTRADICTS, xasprintf("%zu unwaived %s %s on "
	    "%zu %s, e.g. %s%s%s (Findings)", n, findings_rule_id(rule),
	    report_model_plural(n, "finding", "findings"), ns,
	    report_model_plural(ns, one, many), f->subject,
	    f->cause != NULL ? " by " : "", f->cause != NULL ? f->cause : ""),
	    NULL);
}

static struct outcome
check(const struct report *r, enum mapping_check c)
{
	const struct inventory	*inv = r->inv;
	const struct finding	*f;
	size_t			 n, k, i;

	switch (c) {
	case MAPPING_CHECK_INVENTORY:
		return outcome(REPORT_SUPPORTS, xasprintf("%zu services mapped "
		    "to %zu hosts, %zu racks, %zu power domains, %zu domains "
		    "and %zu sites; every reference resolves", inv->nservices,
		    inv->nhosts, inv->nracks, inv->npower, inv->ndomains,
		    inv->nsites), NULL);
	case MAPPING_CHECK_PROVENANCE:
		return outcome(REPORT_SUPPORTS, xasprintf("inventory digest "
		    "sha256:%.12s... and the SHA-256 of each of %zu %s (What "
		    "was analysed)", r->digest, r->nfiles,
		    report_model_plural(r->nfiles, "file", "files")), NULL);
	case MAPPING_CHECK_SPOF_IDENTIFIED:
		for (i = 0, n = 0; i < r->fl->n; i++)
			n += r->fl->v[i].rule == RULE_SPOF;
		return outcome(REPORT_SUPPORTS, n == 0 ? xstrdup("no service "
		    "has a single point of the kinds checked") :
		    xasprintf("%zu spof %s, each naming the single point and "
		    "its blast radius (Findings)", n,
		    report_model_plural(n, "finding", "findings")), NULL);
	case MAPPING_CHECK_SPOF:
		n = open_findings(r, RULE_SPOF, 1, &f);
		if (n == 0)
			return outcome(REPORT_SUPPORTS, xstrdup("no unwaived "
			    "spof error"), NULL);
		return outcome(REPORT_CONTRADICTS, xasprintf("%zu unwaived "
		    "spof %s, e.g. %s goes down with %s (Findings)", n,
		    report_model_plural(n, "error", "errors"), f->subject,
		    f->cause != NULL ? f->cause : "?"), NULL);
	case MAPPING_CHECK_SITE_LOSS:
		return loss(r, KIND_SITE);
	case MAPPING_CHECK_POWER_LOSS:
		return loss(r, KIND_POWER);
	case MAPPING_CHECK_POLICIES:
		if (!inv->has_policies || inv->npolicies == 0)
			return outcome(REPORT_NOT_ASSESSABLE, xstrdup("the "
			    "inventory states no policies"), "policies");
		for (i = 0, n = 0, k = 0; i < r->nchecks; i++) {
			if (r->checks[i].is_rule)
				continue;
			if (r->checks[i].verdict == REPORT_FAIL && n++ == 0)
				k = i;
		}
		if (n > 0)
			return outcome(REPORT_CONTRADICTS, xasprintf("%zu of "
			    "%zu policies fail, e.g. %s (Verdicts)", n,
			    inv->npolicies, r->checks[k].name), NULL);
		return outcome(REPORT_SUPPORTS, xasprintf("all %zu %s pass "
		    "or are waived (Verdicts)", inv->npolicies,
		    report_model_plural(inv->npolicies, "policy",
		    "policies")), NULL);
	case MAPPING_CHECK_SINGLE_SITE_TOOL:
		if ((n = count_kind(r, SERVICE_TOOL)) == 0)
			return outcome(REPORT_NOT_ASSESSABLE, xstrdup("no "
			    "service of kind tool"), "services of kind tool");
		return rule_outcome(r, RULE_SINGLE_SITE_TOOL, "tool", "tools",
		    "every tool survives the loss of any one site");
	case MAPPING_CHECK_RECOVERY_BLOCKED:
		if (r->nrecovery == 0)
			return outcome(REPORT_NOT_ASSESSABLE, xstrdup("no "
			    "service names its recovery tools"),
			    "service.recovery");
		return rule_outcome(r, RULE_RECOVERY_BLOCKED, "service",
		    "services",
		    "no single fault takes a service and a tool its recovery "
		    "needs (Recovery readiness)");
	case MAPPING_CHECK_CYCLE:
		return rule_outcome(r, RULE_CYCLE, "cycle", "cycles",
		    "no hard-dependency cycle");
	case MAPPING_CHECK_TIER_INVERSION:
		return rule_outcome(r, RULE_TIER_INVERSION, "service",
		    "services",
		    "no service hard-depends on a less critical tier");
	case MAPPING_CHECK_WAIVERS:
		for (i = 0, n = 0; i < r->nwaivers; i++)
			n += r->waivers[i].expired;
		if (n > 0)
			return outcome(REPORT_CONTRADICTS, xasprintf("%zu of "
			    "%zu waivers are past their expiry (Waivers)", n,
			    r->nwaivers), NULL);
		return outcome(REPORT_SUPPORTS, r->nwaivers == 0 ?
		    xstrdup("no waivers: no risk is accepted") :
		    xasprintf("%zu %s, each with a reason and an expiry; none "
		    "expired (Waivers)", r->nwaivers,
		    report_model_plural(r->nwaivers, "waiver", "waivers")),
		    NULL);
	case MAPPING_CHECK_FAN_IN:
		if (r->nfanin == 0)
			return outcome(REPORT_SUPPORTS, xstrdup("no service's "
			    "loss takes down another (Fan-in)"), NULL);
		return outcome(REPORT_SUPPORTS, xasprintf("concentration is "
		    "shown: losing %s alone takes down %zu other %s (Fan-in)",
		    report_model_service_id(r, r->fanin[0].service),
		    r->fanin[0].down, report_model_plural(r->fanin[0].down,
		    "service", "services")), NULL);
	case MAPPING_CHECK_EXTERNAL:
		if ((n = count_kind(r, SERVICE_EXTERNAL)) == 0)
			return outcome(REPORT_NOT_ASSESSABLE, xstrdup("no "
			    "third-party service modelled"),
			    "services of kind external");
		return outcome(REPORT_SUPPORTS, xasprintf("%zu third-party %s "
		    "modelled as dependencies", n, report_model_plural(n,
		    "service", "services")), NULL);
	default:
		return outcome(REPORT_NOT_ASSESSABLE, xstrdup(""), "?");
	}
}

/* Whether the inventory holds the data a requirement needs; a fresh
 * description of what is missing, or NULL. */
static char *
need_missing(const struct report *r, const char *need)
{
	const struct inventory	*inv = r->inv;
	const struct meta	*m = &inv->meta;
	size_t			 i, n = 0, of = 0;
	int			 tier1 = 0;

	if (strcmp(need, "service.rto") == 0) {
		for (i = 0; i < inv->nservices; i++)
			tier1 |= inv->services[i].tier == 1;
		for (i = 0; i < inv->nservices; i++) {
			if (tier1 && inv->services[i].tier != 1)
				continue;
			of++;
			n += inv->services[i].rto > 0;
		}
		if (of > 0 && n == of)
			return NULL;
		return xasprintf("service.rto (given for %zu of %zu%s "
		    "services)", n, of, tier1 ? " tier-1" : "");
	}
	if (strcmp(need, "service.owner") == 0) {
		for (i = 0; i < inv->nservices; i++)
			n += inv->services[i].owner != SYM_NONE;
		if (n == inv->nservices && n > 0)
			return NULL;
		return xasprintf("service.owner (given for %zu of %zu "
		    "services)", n, inv->nservices);
	}
	if ((strcmp(need, "meta.name") == 0 && m->name == NULL) ||
	    (strcmp(need, "meta.owner") == 0 && m->owner == NULL) ||
	    (strcmp(need, "meta.description") == 0 &&
	    m->description == NULL) ||
	    (strcmp(need, "meta.assumptions") == 0 && m->nassumptions == 0))
		return xstrdup(need);
	if (strncmp(need, "domain:", 7) == 0) {
		for (i = 0; i < inv->ndomains; i++)
			if (strcmp(inventory_str(inv, inv->domains[i].type),
			    need + 7) == 0)
				return NULL;
		return xasprintf("domains of type %s", need + 7);
	}
	return NULL;
}

static void
append(char **list, const char *item)
{
	char	*t;

	if (*list == NULL) {
		*list = xstrdup(item);
		return;
	}
	t = xasprintf("%s; %s", *list, item);
	free(*list);
	*list = t;
}

static void
assess(const struct report *r, const struct mapping_requirement *q,
    struct report_requirement *out)
{
	struct outcome	o;
	char		*evidence = NULL, *missing = NULL, *m;
	size_t		 i;
	int		 contradicts = 0, open = 0;

	for (i = 0; i < q->nchecks; i++) {
		o = check(r, q->checks[i]);
		if (o.text != NULL && *o.text != '\0')
			append(&evidence, o.text);
		if (o.missing != NULL)
			append(&missing, o.missing);
		contradicts |= o.status == REPORT_CONTRADICTS;
		open |= o.status == REPORT_NOT_ASSESSABLE;
		free(o.text);
		free(o.missing);
	}
	for (i = 0; i < q->nneeds; i++) {
		if ((m = need_missing(r, q->needs[i])) == NULL)
			continue;
		append(&missing, m);
		free(m);
		open = 1;
	}
	for (i = 0; i < q->noutside; i++) {
		m = xasprintf("%s (not held in an inventory)", q->outside[i]);
		append(&missing, m);
		free(m);
		open = 1;
	}
	out->q = q;
	out->status = contradicts ? REPORT_CONTRADICTS : open ?
	    REPORT_NOT_ASSESSABLE : REPORT_SUPPORTS;
	out->evidence = evidence != NULL ? evidence : xstrdup("");
	out->missing = missing;
}

void
report_mapping_assess(const struct report *r, const struct mapping *m,
    struct report_map *out)
{
	size_t	i;

	out->m = m;
	out->n = m->n;
	out->v = xcalloc(m->n + 1, sizeof *out->v);
	for (i = 0; i < m->n; i++)
		assess(r, &m->v[i], &out->v[i]);
}

void
report_mapping_free(struct report_map *rm)
{
	size_t	i;

	if (rm == NULL)
		return;
	for (i = 0; i < rm->n; i++) {
		free(rm->v[i].evidence);
		free(rm->v[i].missing);
	}
	free(rm->v);
	rm->v = NULL;
	rm->n = 0;
}
