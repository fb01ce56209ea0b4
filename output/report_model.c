/*
 * report_model.c -- gather the content of an audit report once, for both
 * renderers: file digests, verdicts, the loss matrix selection, recovery
 * readiness, fan-in, waivers and the sanitised services diagram.
 *
 * Nothing here formats for a reader; the strings built here (policy
 * scopes, tool lists) are plain text that each renderer escapes.
 */
#define _GNU_SOURCE		/* qsort_r() */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "out_dot.h"
#include "pattern.h"
#include "report_mapping.h"
#include "report_model.h"
#include "xalloc.h"

const char report_model_digest_definition[] =
    "When the inventory is one file named on the command line, its digest "
    "is the SHA-256 of that file's contents. Otherwise it is the SHA-256 "
    "of the lines \"SHA256  NAME\" (the file's SHA-256 in lowercase hex, "
    "two spaces, its name, a line feed), one per file, sorted in byte "
    "order, where NAME is the file's path relative to the inventory "
    "directory given on the command line. It depends on the files' "
    "contents and names only, not on the working directory or on how the "
    "path was written.";

const char report_model_failure_model[] =
    "Single faults of the kinds the inventory models: one site, power "
    "domain, domain (room, row, network, ...), rack or host fails "
    "completely, alone, and its failure propagates as declared (placement, "
    "power feeds, domains, hard dependencies, standby groups and their "
    "failover tools). A service is down when what it needs is lost, "
    "degraded when it keeps running with less, and recovery-blocked when "
    "a tool its recovery or failover needs fails with it. Findings, the "
    "loss matrix and recovery readiness all come from these single "
    "faults; several faults at once are analysed only on request "
    "(faultline whatif). The result is only as complete and accurate as "
    "the inventory.";

const char *const report_model_out_of_scope[] = {
	"software defects, bad deployments and configuration errors",
	"people: operator mistakes, and the availability of staff and "
	    "their access",
	"network links, switches and carriers, unless modelled as domains",
	"capacity and performance: a surviving site is assumed able to "
	    "carry the load",
	"data loss, replication lag and recovery point objectives",
	"partial failures: a component is either up or down",
	"whether the inventory matches what is deployed",
	NULL
};

const struct report_state report_model_states[6] = {
	{ "down \xc2\xb7 blocked", "down-blocked",
	    "down, and a tool its recovery needs is down too" },
	{ "degraded \xc2\xb7 blocked", "degraded-blocked",
	    "degraded, and a tool its recovery needs is down too" },
	{ "exposed", "exposed",
	    "up, but a tool its recovery needs is down: it has lost its way "
	    "back should anything else fail" },
	{ "down", "down", "down; its recovery tools are up" },
	{ "degraded", "degraded",
	    "up with less redundancy, or a dependency down" },
	{ "up", "up", "not affected" },
};

/* A growing string. */
struct rbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void
rbuf_add(struct rbuf *b, const char *s, size_t n)
{
	XGROW(b->s, b->cap, b->len + n + 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
rbuf_puts(struct rbuf *b, const char *s)
{
	rbuf_add(b, s, strlen(s));
}

static char *
rbuf_take(struct rbuf *b)
{
	char	*s = b->s != NULL ? b->s : xstrdup("");

	memset(b, 0, sizeof *b);
	return s;
}

int
report_model_format_of(const char *path)
{
	const char	*dot, *slash;

	if (path == NULL)
		return -1;
	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return -1;
	if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
		return REPORT_HTML;
	if (strcasecmp(dot, ".md") == 0)
		return REPORT_MARKDOWN;
	return -1;
}

const char *
report_model_verdict_name(enum report_verdict v)
{
	switch (v) {
	case REPORT_FAIL:
		return "fail";
	case REPORT_WAIVED:
		return "waived";
	default:
		return "pass";
	}
}

const char *
report_model_cell_name(uint8_t cell, const char **class)
{
	const struct report_state	*st;

	switch (cell & MATRIX_STATE_MASK) {
	case STATE_DOWN:
		st = &report_model_states[cell & MATRIX_BLOCKED ? 0 : 3];
		break;
	case STATE_DEGRADED:
		st = &report_model_states[cell & MATRIX_BLOCKED ? 1 : 4];
		break;
	default:
		st = &report_model_states[cell & MATRIX_EXPOSED ? 2 : 5];
		break;
	}
	if (class != NULL)
		*class = st->class;
	return st->text;
}

const char *
report_model_assessment_name(enum report_assessment a)
{
	switch (a) {
	case REPORT_CONTRADICTS:
		return "contradicts";
	case REPORT_NOT_ASSESSABLE:
		return "not assessable";
	default:
		return "supports";
	}
}

void
report_model_utc(long long t, char *buf, size_t size)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, size, "%lld s after 1970-01-01 UTC", t);
}

const char *
report_model_recovery_status(const struct report_recovery *rc)
{
	size_t	i;

	for (i = 0; i < rc->nblockers; i++)
		if (!rc->blockers[i].waived)
			return "blocked";
	return rc->nblockers > 0 ? "waived" : "ready";
}

/* --- what was analysed --- */

static int
gather_files(struct report *r, const struct report_options *o,
    struct diag_list *dl)
{
	const struct inventory	*inv = r->inv;
	struct digest_entry	*e;
	struct stat		 sb;
	const char *const	*roots = o->roots;
	size_t			 nroots = o->nroots, i;
	int			 error = 0;

	if (nroots == 0) {
		roots = (const char *const *)inv->files;
		nroots = inv->nfiles;
	}
	r->roots = xcalloc(nroots + 1, sizeof *r->roots);
	for (i = 0; i < nroots; i++)
		r->roots[r->nroots++] = xstrdup(roots[i]);
	r->files = xcalloc(inv->nfiles + 1, sizeof *r->files);
	e = xcalloc(inv->nfiles + 1, sizeof *e);
	r->nfiles = inv->nfiles;
	for (i = 0; i < inv->nfiles; i++) {
		r->files[i].path = inv->files[i];
		if (digest_file_hex(inv->files[i], r->files[i].sha256,
		    dl) != 0)
			error = -1;
		r->files[i].name = digest_file_name(roots, nroots,
		    inv->files[i], dl);
		if (r->files[i].name == NULL) {
			r->files[i].name = xstrdup(inv->files[i]);
			error = -1;
		}
		e[i].name = r->files[i].name;
		memcpy(e[i].sha256, r->files[i].sha256, DIGEST_HEX_SIZE);
	}
	/* One file named on the command line: its contents alone. */
	r->single_file = inv->nfiles == 1 && nroots == 1 &&
	    stat(roots[0], &sb) == 0 && !S_ISDIR(sb.st_mode);
	digest_inventory_hex(e, inv->nfiles, r->single_file, r->digest);
	free(e);
	return error;
}

/* --- verdicts --- */

static const struct {
	enum rule	 rule;
	enum severity	 severity;
	const char	*scope;
} always_on[] = {
	{ RULE_SINGLE_SITE_TOOL, SEVERITY_ERROR,
	    "every tool survives the loss of any one site, counting its "
	    "dependencies" },
	{ RULE_RECOVERY_BLOCKED, SEVERITY_ERROR,
	    "no single fault takes down a service and a tool its recovery "
	    "needs" },
	{ RULE_CYCLE, SEVERITY_WARNING,
	    "no hard-dependency cycle (services in one cannot cold-start)" },
	{ RULE_TIER_INVERSION, SEVERITY_WARNING,
	    "no service hard-depends on a less critical tier" },
	{ RULE_WAIVER_EXPIRED, SEVERITY_WARNING,
	    "no waiver is past its expiry date" },
};

/* "site, power domain or rack", "domain of type room", ...: the failures a
 * policy asks its services to survive. */
static void
survive_list(struct rbuf *b, const struct inventory *inv,
    const struct policy *p)
{
	static const enum entity_kind	 order[] = { KIND_SITE, KIND_POWER,
	    KIND_DOMAIN, KIND_RACK, KIND_HOST };
	const char			*items[16 + 5];
	char				*typed[16];
	size_t				 i, n = 0, ntyped = 0;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (p->survive & (1u << order[i]))
			items[n++] = inventory_kind_noun(order[i], 1);
	for (i = 0; i < p->nsurvive_types && ntyped < 16; i++) {
		typed[ntyped] = xasprintf("domain of type %s",
		    inventory_str(inv, p->survive_types[i]));
		items[n++] = typed[ntyped++];
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			rbuf_puts(b, i + 1 == n ? " or " : ", ");
		rbuf_puts(b, items[i]);
	}
	if (n == 0)
		rbuf_puts(b, "nothing");
	for (i = 0; i < ntyped; i++)
		free(typed[i]);
}

static char *
policy_scope(const struct inventory *inv, const struct policy *p)
{
	struct rbuf	b;
	char		num[8];
	size_t		i, n;
	int		any = 1;

	memset(&b, 0, sizeof b);
	rbuf_puts(&b, "services");
	if (p->tiers != 0) {
		rbuf_puts(&b, " of tier ");
		for (i = 1, n = 0; i <= 4; i++) {
			if ((p->tiers & (1u << i)) == 0)
				continue;
			snprintf(num, sizeof num, "%s%zu", n++ ? ", " : "", i);
			rbuf_puts(&b, num);
		}
		any = 0;
	}
	if (p->kinds != 0) {
		rbuf_puts(&b, any ? " of kind " : "; kind ");
		for (i = 0, n = 0; i < SERVICE_KIND_COUNT; i++) {
			if ((p->kinds & (1u << i)) == 0)
				continue;
			rbuf_puts(&b, n++ ? ", " : "");
			rbuf_puts(&b, inventory_service_kind_name(
			    (enum service_kind)i));
		}
		any = 0;
	}
	if (p->nowners != 0) {
		rbuf_puts(&b, any ? " owned by " : "; owner ");
		for (i = 0; i < p->nowners; i++) {
			rbuf_puts(&b, i ? ", " : "");
			rbuf_puts(&b, inventory_str(inv, p->owners[i]));
		}
		any = 0;
	}
	if (p->id_regex != NULL) {
		rbuf_puts(&b, any ? " with id matching " : "; id matching ");
		rbuf_puts(&b, p->id_regex);
		any = 0;
	}
	if (any)
		rbuf_puts(&b, " (all but external)");
	rbuf_puts(&b, " survive the loss of any one ");
	survive_list(&b, inv, p);
	return rbuf_take(&b);
}

static struct report_check *
add_check(struct report *r, size_t *cap, const char *name, int is_rule,
    char *scope, enum severity severity)
{
	struct report_check	*c;

	XGROW(r->checks, *cap, r->nchecks + 1);
	c = &r->checks[r->nchecks++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->is_rule = is_rule;
	c->scope = scope;
	c->severity = severity;
	return c;
}

static void
gather_checks(struct report *r)
{
	const struct inventory	*inv = r->inv;
	const struct finding	*f;
	struct report_check	*c;
	size_t			 cap = 0, npol, i, j;

	if (!inv->has_policies)
		add_check(r, &cap, "default", 0, xstrdup("services of every "
		    "tier (all but external) survive the loss of any one site, "
		    "power domain, rack or host; errors for tier 1 and 2, "
		    "warnings for tier 3, notes for tier 4"), SEVERITY_NONE);
	for (i = 0; i < inv->npolicies; i++) {
		c = add_check(r, &cap, inventory_str(inv,
		    inv->policies[i].id), 0, policy_scope(inv,
		    &inv->policies[i]), inv->policies[i].severity);
		c->description = inv->policies[i].description;
		c->reference = inv->policies[i].reference;
	}
	npol = r->nchecks;
	for (i = 0; i < sizeof always_on / sizeof always_on[0]; i++)
		add_check(r, &cap, findings_rule_id(always_on[i].rule), 1,
		    xstrdup(always_on[i].scope), always_on[i].severity);

	for (i = 0; i < r->fl->n; i++) {
		f = &r->fl->v[i];
		for (j = 0; j < r->nchecks; j++) {
			c = &r->checks[j];
			if (f->rule == RULE_SPOF ? j >= npol ||
			    !findings_policy_named(f->policy, c->name) :
			    j < npol ||
			    strcmp(c->name, findings_rule_id(f->rule)) != 0)
				continue;
			c->findings++;
			if (f->waived)
				c->waived++;
			else if (f->severity >= SEVERITY_NOTE)
				c->notes++;
		}
	}
	r->overall = REPORT_PASS;
	for (i = 0; i < r->nchecks; i++) {
		c = &r->checks[i];
		if (c->findings > c->waived + c->notes)
			c->verdict = REPORT_FAIL;
		else if (c->waived > 0)
			c->verdict = REPORT_WAIVED;
		if (c->verdict == REPORT_FAIL)
			r->overall = REPORT_FAIL;
		else if (c->verdict == REPORT_WAIVED &&
		    r->overall == REPORT_PASS)
			r->overall = REPORT_WAIVED;
	}
}

/* --- the loss matrix --- */

static void
gather_matrix(struct report *r, const uint32_t *order)
{
	const struct loss_matrix	*mx = &r->a->matrix;
	size_t				 ns = mx->nservices, i, k;
	uint8_t				*hit;
	int				 all = ns <= REPORT_MATRIX_ALL_ROWS;

	r->mcols = xmalloc((mx->nrows + 1) * sizeof *r->mcols);
	for (i = 0; i < mx->nrows; i++) {
		if (mx->nrows > REPORT_MATRIX_MAX_COLS) {
			for (k = 0; k < ns; k++)
				if (mx->cells[i * ns + k] != STATE_UP)
					break;
			if (k == ns)
				continue;
			if (r->nmcols == REPORT_MATRIX_MAX_COLS)
				continue;
		}
		r->mcols[r->nmcols++] = (uint32_t)i;
	}
	r->mcols_omitted = mx->nrows - r->nmcols;

	/* Which services have a non-up cell in a shown column. */
	hit = xcalloc(ns + 1, 1);
	for (i = 0; i < r->nmcols; i++)
		for (k = 0; k < ns; k++)
			if (mx->cells[(size_t)r->mcols[i] * ns + k] != STATE_UP)
				hit[k] = 1;
	r->mrows = xmalloc((ns + 1) * sizeof *r->mrows);
	for (i = 0; i < ns; i++) {
		if (all) {
			r->mrows[r->nmrows++] = order[i];
			continue;
		}
		if (!hit[order[i]])
			r->mrows_all_up++;
		else if (r->nmrows == REPORT_MATRIX_MAX_ROWS)
			r->mrows_over++;
		else
			r->mrows[r->nmrows++] = order[i];
	}
	free(hit);
}

/* --- recovery readiness --- */

/* The component a finding's cause names ("kind:id"), or UINT32_MAX. */
static uint32_t
cause_component(const struct report *r, const char *cause)
{
	const char	*colon;
	char		 kind[16];
	uint32_t	 idx;
	int		 k;

	if (cause == NULL || (colon = strchr(cause, ':')) == NULL ||
	    (size_t)(colon - cause) >= sizeof kind)
		return UINT32_MAX;
	memcpy(kind, cause, (size_t)(colon - cause));
	kind[colon - cause] = '\0';
	if ((k = inventory_kind_parse(kind)) < 0)
		return UINT32_MAX;
	idx = inventory_find(r->inv, (enum entity_kind)k, colon + 1);
	if (idx == INDEX_NONE)
		return UINT32_MAX;
	return r->a->base[k] + idx;
}

static void
gather_recovery(struct report *r, const uint32_t *order)
{
	const struct inventory	*inv = r->inv;
	const struct finding	*f;
	struct report_recovery	*rc;
	struct report_blocker	*b;
	struct rbuf		 tb;
	uint32_t		*slot, s, c;
	size_t			 i, j, ntools;

	/* Services with recovery tools, by id; slot: service -> entry. */
	slot = xmalloc((inv->nservices + 1) * sizeof *slot);
	r->recovery = xcalloc(inv->nservices + 1, sizeof *r->recovery);
	for (i = 0; i < inv->nservices; i++) {
		s = order[i];
		slot[s] = UINT32_MAX;
		analysis_recovery(r->a, s, &ntools);
		if (ntools == 0)
			continue;
		rc = &r->recovery[r->nrecovery];
		rc->service = s;
		rc->tools = analysis_recovery(r->a, s, &rc->ntools);
		slot[s] = (uint32_t)r->nrecovery++;
	}

	memset(&tb, 0, sizeof tb);
	for (i = 0; i < r->fl->n; i++) {
		f = &r->fl->v[i];
		if (f->rule != RULE_RECOVERY_BLOCKED || f->subject == NULL ||
		    strncmp(f->subject, "service:", 8) != 0)
			continue;
		s = inventory_find(inv, KIND_SERVICE, f->subject + 8);
		if (s == INDEX_NONE || slot[s] == UINT32_MAX)
			continue;
		rc = &r->recovery[slot[s]];
		rc->blockers = xreallocarray(rc->blockers, rc->nblockers + 1,
		    sizeof *rc->blockers);
		b = &rc->blockers[rc->nblockers++];
		b->fault = f->cause != NULL ? f->cause : "";
		b->waived = f->waived;
		c = cause_component(r, f->cause);
		for (j = 0; j < rc->ntools; j++) {
			if (c == UINT32_MAX || c >= r->a->base[KIND_SERVICE] ||
			    !analysis_is_single_point(r->a, rc->tools[j], c))
				continue;
			if (tb.len > 0)
				rbuf_puts(&tb, ", ");
			rbuf_puts(&tb, inventory_str(inv,
			    inv->services[rc->tools[j]].e.id));
		}
		b->tools = rbuf_take(&tb);
	}
	free(slot);
}

/* --- fan-in --- */

/* The services that take the most others down (impact_fanin()). */
static void
gather_fanin(struct report *r)
{
	r->fanin = impact_fanin(r->a, REPORT_FANIN_TOP, &r->nfanin);
}

/* --- waivers --- */

/* The service index of a finding's subject, or INDEX_NONE. */
static uint32_t
subject_service(const struct inventory *inv, const struct finding *f)
{
	if (f->subject == NULL || strncmp(f->subject, "service:", 8) != 0)
		return INDEX_NONE;
	return inventory_find(inv, KIND_SERVICE, f->subject + 8);
}

/*
 * Each waiver with the findings it matches (its policy or rule, a service
 * its pattern matches), live or not, and their services by id.
 */
static void
gather_waivers(struct report *r, int32_t today, const uint32_t *order)
{
	const struct inventory	*inv = r->inv;
	const struct finding	*f;
	struct report_waiver	*rw;
	struct pattern		*re;
	const char		*wp, *id;
	uint8_t			*hit;
	char			 err[128];
	size_t			 i, j, off;
	uint32_t		 s;

	r->waivers = xcalloc(inv->nwaivers + 1, sizeof *r->waivers);
	r->nwaivers = inv->nwaivers;
	hit = xcalloc(inv->nservices + 1, 1);
	for (i = 0; i < inv->nwaivers; i++) {
		rw = &r->waivers[i];
		rw->w = &inv->waivers[i];
		rw->expired = rw->w->expires != INT32_MIN &&
		    rw->w->expires < today;
		re = pattern_compile(rw->w->service_regex != NULL ?
		    rw->w->service_regex : "", err, sizeof err, &off);
		if (re == NULL)
			continue;
		memset(hit, 0, inv->nservices);
		wp = inventory_str(inv, rw->w->policy);
		for (j = 0; j < r->fl->n; j++) {
			f = &r->fl->v[j];
			if ((s = subject_service(inv, f)) == INDEX_NONE)
				continue;
			if (strcmp(wp, findings_rule_id(f->rule)) != 0 &&
			    !findings_policy_named(f->policy, wp))
				continue;
			id = report_model_service_id(r, s);
			/* findings_compute() matched every waiver within its
			 * budget already; a limit reached here matches no
			 * more than it did there. */
			if (pattern_match(re, id, strlen(id), NULL, 0) != 1)
				continue;
			rw->findings++;
			hit[s] = 1;
		}
		pattern_free(re);
		rw->services = xcalloc(inv->nservices + 1,
		    sizeof *rw->services);
		for (j = 0; j < inv->nservices; j++)
			if (hit[order[j]])
				rw->services[rw->nservices++] = order[j];
	}
	free(hit);
}

/* --- the executive summary --- */

unsigned
report_model_finding_tier(const struct report *r, const struct finding *f)
{
	uint32_t	s = subject_service(r->inv, f);

	return s == INDEX_NONE ? 5 : r->inv->services[s].tier;
}

static int
str_or_empty_cmp(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

/* Pointers to findings of the report r, in the report's order. */
static int
finding_cmp(const void *x, const void *y, void *r)
{
	const struct finding	*a = *(const struct finding *const *)x;
	const struct finding	*b = *(const struct finding *const *)y;
	unsigned		 ta, tb;
	int			 c;

	if (a->severity != b->severity)
		return a->severity < b->severity ? -1 : 1;
	ta = report_model_finding_tier(r, a);
	tb = report_model_finding_tier(r, b);
	if (ta != tb)
		return ta < tb ? -1 : 1;
	if ((c = str_or_empty_cmp(a->subject, b->subject)) != 0)
		return c;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if ((c = str_or_empty_cmp(a->cause, b->cause)) != 0)
		return c;
	if ((c = str_or_empty_cmp(a->policy, b->policy)) != 0)
		return c;
	return a < b ? -1 : a > b;
}

/* Findings by severity, then the tier of their subject, then subject. */
static void
gather_order(struct report *r)
{
	size_t	i;

	r->order = xcalloc(r->fl->n + 1, sizeof *r->order);
	for (i = 0; i < r->fl->n; i++)
		r->order[i] = &r->fl->v[i];
	qsort_r(r->order, r->fl->n, sizeof *r->order, finding_cmp, r);
}

/* The root causes of the findings, ranked; the first ones lead the
 * executive summary. */
static void
gather_causes(struct report *r)
{
	rootcause_compute(r->a, r->fl, &r->root_causes);
	r->ncauses = r->root_causes.n < REPORT_CAUSES_TOP ?
	    r->root_causes.n : REPORT_CAUSES_TOP;
}

/* --- the diagram --- */

#define SVG_NS	"http://www.w3.org/2000/svg"

static const char *const svg_elements[] = {
	"svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse",
	"circle", "rect", "line", "text", "tspan", "defs", "linearGradient",
	"radialGradient", "stop", NULL
};

static const char *const svg_attributes[] = {
	"width", "height", "viewBox", "xmlns", "id", "class", "transform",
	"fill", "stroke", "stroke-width", "stroke-dasharray",
	"stroke-opacity", "stroke-linecap", "stroke-linejoin",
	"fill-opacity", "points", "d", "cx", "cy", "rx", "ry", "r", "x", "y",
	"x1", "y1", "x2", "y2", "fx", "fy", "offset", "text-anchor",
	"font-family", "font-size", "font-weight", "font-style",
	"text-decoration", "opacity", "style", "stop-color", "stop-opacity",
	"gradientUnits", "gradientTransform", "preserveAspectRatio", NULL
};

static int
in_list(const char *const *list, const char *s, size_t n)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
			return 1;
	return 0;
}

static int
has_ci(const char *s, size_t n, const char *needle)
{
	size_t	m = strlen(needle), i;

	for (i = 0; i + m <= n; i++)
		if (strncasecmp(s + i, needle, m) == 0)
			return 1;
	return 0;
}

/* Whether an attribute value is plain drawing data: no external or script
 * references, no CSS escapes. */
static int
svg_value_ok(const char *name, size_t nlen, const char *v, size_t n)
{
	size_t	i;

	if (nlen == 5 && memcmp(name, "xmlns", 5) == 0)
		return n == strlen(SVG_NS) && memcmp(v, SVG_NS, n) == 0;
	if (has_ci(v, n, "javascript:") || has_ci(v, n, "expression") ||
	    has_ci(v, n, "@import") || memchr(v, '\\', n) != NULL)
		return 0;
	for (i = 0; i + 4 <= n; i++)
		if (strncasecmp(v + i, "url(", 4) == 0 &&
		    (i + 4 >= n || v[i + 4] != '#'))
			return 0;
	return 1;
}

/* Text or an attribute value, with markup characters as entities; an
 * existing entity reference is kept. */
static void
svg_put_text(struct rbuf *b, const char *s, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '<':
			rbuf_puts(b, "&lt;");
			break;
		case '>':
			rbuf_puts(b, "&gt;");
			break;
		case '"':
			rbuf_puts(b, "&quot;");
			break;
		case '\'':
			rbuf_puts(b, "&#39;");
			break;
		case '&':
			for (j = i + 1; j < n && j < i + 12 &&
			    (isalnum((unsigned char)s[j]) || s[j] == '#'); j++)
				;
			if (j > i + 1 && j < n && s[j] == ';')
				rbuf_add(b, "&", 1);
			else
				rbuf_puts(b, "&amp;");
			break;
		default:
			rbuf_add(b, s + i, 1);
			break;
		}
	}
}

static const char *
find_str(const char *p, const char *end, const char *needle)
{
	size_t	m = strlen(needle);

	for (; p + m <= end; p++)
		if (memcmp(p, needle, m) == 0)
			return p;
	return NULL;
}

static int
name_char(int ch, int first)
{
	if (isalpha(ch))
		return 1;
	return !first && (isdigit(ch) || ch == ':' || ch == '_' ||
	    ch == '-' || ch == '.');
}

char *
report_model_svg_clean(const char *svg, size_t len)
{
	const char	*p, *end = svg + len, *q, *name, *an, *av;
	struct rbuf	 b;
	size_t		 nlen, anlen, avlen, skip = 0, depth = 0, i;
	size_t		 stack_cap = 0;
	const char	**stack = NULL;
	size_t		*stack_len = NULL, slen_cap = 0;
	int		 closing, selfclose, keep;
	char		 quote;

	for (p = svg; (p = find_str(p, end, "<svg")) != NULL; p += 4)
		if (p + 4 < end && (isspace((unsigned char)p[4]) ||
		    p[4] == '>'))
			break;
	if (p == NULL)
		return NULL;
	memset(&b, 0, sizeof b);
	while (p < end) {
		if (*p != '<') {
			for (q = p; q < end && *q != '<'; q++)
				;
			if (skip == 0)
				svg_put_text(&b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			q = find_str(p + 4, end, "-->");
			p = q != NULL ? q + 3 : end;
			continue;
		}
		if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			q = find_str(p + 9, end, "]]>");
			p = q != NULL ? q + 3 : end;
			continue;
		}
		if (end - p >= 2 && (p[1] == '!' || p[1] == '?')) {
			q = memchr(p, '>', (size_t)(end - p));
			p = q != NULL ? q + 1 : end;
			continue;
		}
		closing = end - p >= 2 && p[1] == '/';
		name = p + 1 + closing;
		for (q = name; q < end && name_char((unsigned char)*q,
		    q == name); q++)
			;
		nlen = (size_t)(q - name);
		if (nlen == 0) {
			if (skip == 0)
				rbuf_puts(&b, "&lt;");
			p++;
			continue;
		}
		keep = skip == 0 && in_list(svg_elements, name, nlen);
		if (keep && !closing) {
			rbuf_puts(&b, "<");
			rbuf_add(&b, name, nlen);
		}
		/* Attributes, up to > or />. */
		selfclose = 0;
		p = q;
		while (p < end && *p != '>') {
			if (isspace((unsigned char)*p)) {
				p++;
				continue;
			}
			if (*p == '/') {
				selfclose = 1;
				p++;
				continue;
			}
			selfclose = 0;
			an = p;
			while (p < end && !isspace((unsigned char)*p) &&
			    *p != '=' && *p != '>' && *p != '/')
				p++;
			anlen = (size_t)(p - an);
			while (p < end && isspace((unsigned char)*p))
				p++;
			av = NULL;
			avlen = 0;
			if (p < end && *p == '=') {
				p++;
				while (p < end && isspace((unsigned char)*p))
					p++;
				if (p < end && (*p == '"' || *p == '\'')) {
					quote = *p++;
					av = p;
					while (p < end && *p != quote)
						p++;
					avlen = (size_t)(p - av);
					if (p < end)
						p++;
				} else {
					av = p;
					while (p < end &&
					    !isspace((unsigned char)*p) &&
					    *p != '>')
						p++;
					avlen = (size_t)(p - av);
				}
			}
			if (keep && !closing && av != NULL && anlen > 0 &&
			    in_list(svg_attributes, an, anlen) &&
			    svg_value_ok(an, anlen, av, avlen)) {
				rbuf_puts(&b, " ");
				rbuf_add(&b, an, anlen);
				rbuf_puts(&b, "=\"");
				svg_put_text(&b, av, avlen);
				rbuf_puts(&b, "\"");
			}
		}
		if (p < end)
			p++;
		if (closing) {
			if (skip > 0) {
				skip--;
				continue;
			}
			/* Close what is open up to the matching element. */
			for (i = depth; i > 0; i--)
				if (stack_len[i - 1] == nlen &&
				    memcmp(stack[i - 1], name, nlen) == 0)
					break;
			if (i == 0)
				continue;
			while (depth >= i) {
				depth--;
				rbuf_puts(&b, "</");
				rbuf_add(&b, stack[depth], stack_len[depth]);
				rbuf_puts(&b, ">");
			}
			if (depth == 0)
				break;
			continue;
		}
		if (!keep) {
			if (!selfclose)
				skip++;
			continue;
		}
		if (selfclose) {
			rbuf_puts(&b, "/>");
			continue;
		}
		rbuf_puts(&b, ">");
		XGROW(stack, stack_cap, depth + 1);
		XGROW(stack_len, slen_cap, depth + 1);
		stack[depth] = name;
		stack_len[depth++] = nlen;
	}
	while (depth > 0) {
		depth--;
		rbuf_puts(&b, "</");
		rbuf_add(&b, stack[depth], stack_len[depth]);
		rbuf_puts(&b, ">");
	}
	free(stack);
	free(stack_len);
	return rbuf_take(&b);
}

static void
gather_diagram(struct report *r, const struct report_options *o)
{
	struct dot_options	 d;
	struct diag_list	 dl;
	char			*buf = NULL;
	size_t			 len = 0, i;
	FILE			*fp;
	int			 rc;

	diag_list_init(&dl);
	memset(&d, 0, sizeof d);
	d.view = DOT_VIEW_SERVICES;
	d.size = DOT_SIZE_A4;	/* fits a landscape A4 page in print */
	d.max_nodes = o->max_nodes;
	if ((fp = open_memstream(&buf, &len)) == NULL) {
		diag_add(&dl, DIAG_ERROR, NULL, 0, 0, "cannot draw the "
		    "services diagram: %s", strerror(errno));
		rc = -1;
	} else {
		rc = out_dot_write(r->a, &d, DOT_FORMAT_SVG, fp, &dl);
		if (fclose(fp) != 0)
			rc = -1;
	}
	if (rc == 0 && buf != NULL)
		r->svg = report_model_svg_clean(buf, len);
	free(buf);
	r->notes = xcalloc(dl.n + 2, sizeof *r->notes);
	for (i = 0; i < dl.n; i++)
		r->notes[r->nnotes++] = xstrdup(dl.v[i].message);
	if (r->svg == NULL && dl.n == 0)
		r->notes[r->nnotes++] = xstrdup("the services diagram could "
		    "not be drawn");
	diag_list_free(&dl);
}

struct report *
report_model_create(const struct analysis *a, const struct findings *fl,
    const struct report_options *o, struct diag_list *dl)
{
	struct report	*r;
	uint32_t	*order;
	size_t		 i;

	r = xcalloc(1, sizeof *r);
	r->inv = a->inv;
	r->a = a;
	r->fl = fl;
	r->version = xstrdup(o->version != NULL ? o->version : "");
	findings_date(o->today, r->date, sizeof r->date);
	report_model_utc(o->now != 0 ? o->now : (long long)o->today * 86400,
	    r->time, sizeof r->time);
	r->time_from_sde = o->now_from_sde;
	r->commit_status = o->commit_status;
	if (o->commit_status == REPORT_COMMIT_FOUND && o->commit != NULL) {
		r->commit = xstrdup(o->commit);
		r->commit_dirty = o->commit_dirty;
	} else if (o->commit_status == REPORT_COMMIT_FOUND)
		r->commit_status = REPORT_COMMIT_NONE;
	if (o->diagram_href != NULL)
		r->diagram_href = xstrdup(o->diagram_href);
	if (gather_files(r, o, dl) != 0) {
		report_model_free(r);
		return NULL;
	}
	findings_count(fl, &r->count);
	gather_checks(r);
	gather_order(r);
	gather_causes(r);
	order = findings_service_order(r->inv);
	gather_matrix(r, order);
	gather_recovery(r, order);
	gather_waivers(r, o->today, order);
	free(order);
	gather_fanin(r);
	if (o->diagram)
		gather_diagram(r, o);
	r->maps = xcalloc(o->nmaps + 1, sizeof *r->maps);
	for (i = 0; i < o->nmaps; i++)
		report_mapping_assess(r, o->maps[i], &r->maps[r->nmaps++]);
	return r;
}

void
report_model_free(struct report *r)
{
	size_t	i, j;

	if (r == NULL)
		return;
	free(r->version);
	for (i = 0; i < r->nroots; i++)
		free(r->roots[i]);
	free(r->roots);
	free(r->commit);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i].name);
	free(r->files);
	free(r->order);
	rootcause_free(&r->root_causes);
	for (i = 0; i < r->nchecks; i++) {
		free(r->checks[i].name);
		free(r->checks[i].scope);
	}
	free(r->checks);
	free(r->mcols);
	free(r->mrows);
	for (i = 0; i < r->nrecovery; i++) {
		for (j = 0; j < r->recovery[i].nblockers; j++)
			free(r->recovery[i].blockers[j].tools);
		free(r->recovery[i].blockers);
	}
	free(r->recovery);
	free(r->fanin);
	for (i = 0; i < r->nwaivers; i++)
		free(r->waivers[i].services);
	free(r->waivers);
	free(r->svg);
	free(r->diagram_href);
	for (i = 0; i < r->nmaps; i++)
		report_mapping_free(&r->maps[i]);
	free(r->maps);
	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	free(r);
}

const char *
report_model_severity_name(enum severity sev)
{
	return sev == SEVERITY_NONE ? "by tier" : inventory_severity_name(sev);
}

const char *
report_model_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

const char *
report_model_service_id(const struct report *r, uint32_t s)
{
	return inventory_str(r->inv, r->inv->services[s].e.id);
}

void
report_model_put_inventory_counts(FILE *fp, const struct report *r)
{
	size_t	n;
	int	k;

	fprintf(fp, "%zu %s", r->nfiles,
	    report_model_plural(r->nfiles, "file", "files"));
	for (k = 0; k < KIND_COUNT; k++) {
		n = inventory_count(r->inv, (enum entity_kind)k);
		fprintf(fp, ", %zu %s", n,
		    inventory_kind_noun((enum entity_kind)k, n));
	}
}

void
report_model_put_finding_counts(FILE *fp, const struct report *r)
{
	fprintf(fp, "%zu %s, %zu %s, %zu %s, %zu waived", r->count.errors,
	    report_model_plural(r->count.errors, "error", "errors"),
	    r->count.warnings,
	    report_model_plural(r->count.warnings, "warning", "warnings"),
	    r->count.notes,
	    report_model_plural(r->count.notes, "note", "notes"),
	    r->count.waived);
}
