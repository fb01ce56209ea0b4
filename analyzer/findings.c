/*
 * findings.c -- the built-in rules (README's findings rules): spof (with
 * policies or the default selection), single-site-tool, recovery-blocked, cycle,
 * tier-inversion and waiver-expired; then waivers, then a deterministic sort.
 *
 * Everything is read from the analysis (single points, blast radius,
 * cycles, the site/power loss matrix, explanation paths); the only new
 * propagation is one scenario per distinct rack or host that could block a
 * recovery, which costs what that fault reaches.
 */
#define _GNU_SOURCE		/* qsort_r() */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "pattern.h"
#include "xalloc.h"

static const char *rule_ids[RULE_COUNT] = {
	"spof",
	"single-site-tool",
	"recovery-blocked",
	"failover-loop",
	"cycle",
	"tier-inversion",
	"waiver-expired",
	"schema"
};

/* The regex budget of one run (see match_selectors()). */
#define MATCH_STEPS_BUDGET	100000000	/* PCRE2 match-limit steps */
#define MATCH_PAIRS_MAX		1000000		/* distinct regexes x services */

/* Why a finding holds: its path, culprit and anchor (taken over). */
struct why {
	struct path_step *steps;	/* or */
	size_t		 nsteps;
	char		*path_text;
	char		*culprit;
	struct mark	 anchor;
	int		 has_anchor;
};

/* A candidate for recovery-blocked: fault c, service s, tool t. */
struct blocker {
	uint32_t	c;
	uint32_t	s;
	uint32_t	t;
	uint8_t		state;	/* enum service_state of s when c fails */
};

struct ctx {
	const struct analysis	*a;
	const struct inventory	*inv;
	struct findings		*fl;
	struct pattern		**policy_re;	/* per policy; NULL: any id */
	struct pattern		**waiver_re;	/* per waiver */
	const uint8_t		**policy_hit;	/* per policy, per service:
						 * 1 when its regex matches;
						 * NULL: any id */
	const uint8_t		**waiver_hit;	/* per waiver, per service */
	uint8_t			**hits;		/* the tables, one per
						 * distinct regex (owned) */
	size_t			 nhits;
	size_t			 nhits_cap;
	int			*waiver_live;	/* per waiver */
	struct finding_text	 sb;
};

/* The text composed in sb, as a fresh string; sb is emptied. */
static char *
text_take(struct finding_text *sb)
{
	char	*s;

	s = xstrndup(sb->s != NULL ? sb->s : "", sb->len);
	sb->len = 0;
	return s;
}

struct finding *
findings_add(struct findings *fl)
{
	struct finding	*f;

	XBIGGROW(fl->v, fl->cap, fl->n + 1);
	f = &fl->v[fl->n++];
	memset(f, 0, sizeof *f);
	f->service = f->cause_comp = INDEX_NONE;
	return f;
}

const char *
findings_rule_id(enum rule rule)
{
	return (unsigned)rule < RULE_COUNT ? rule_ids[rule] : "?";
}

int
findings_rule_parse(const char *s)
{
	int	r;

	for (r = 0; r < RULE_COUNT; r++)
		if (strcmp(s, rule_ids[r]) == 0)
			return r;
	return -1;
}

void
findings_date(int32_t days, char *buf, size_t size)
{
	int64_t		z, era, doe, yoe, y, doy, mp, d, m;

	/* Howard Hinnant's civil_from_days. */
	z = (int64_t)days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	snprintf(buf, size, "%04lld-%02lld-%02lld", (long long)y,
	    (long long)m, (long long)d);
}

/* Whether v[0..n) holds x (any order). */
static int
u32_has(const uint32_t *v, size_t n, uint32_t x)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "site:south", a fresh string. */
static char *
ref_string(const struct analysis *a, uint32_t c)
{
	enum entity_kind	 kind;
	const char		*id, *kn;
	size_t			 lk, li;
	char			*r;

	id = analysis_component_id(a, c, &kind);
	kn = inventory_kind_name(kind);
	lk = strlen(kn);
	li = strlen(id);
	r = xmalloc(lk + li + 2);
	memcpy(r, kn, lk);
	r[lk] = ':';
	memcpy(r + lk + 1, id, li + 1);
	return r;
}

/* The mark of the entry of service x's runs_on or standby that names
 * host h (component), if any. */
static int
placing_mark(const struct analysis *a, uint32_t x, uint32_t h,
    struct mark *m)
{
	const struct inventory	*inv = a->inv;
	const struct service	*sv = &inv->services[x];
	const struct ref	*r;
	uint32_t		 g, i;
	struct span		 sp;

	for (g = 0; g <= sv->nstandby; g++) {
		sp = g == 0 ? sv->runs_on : inv->standbys[sv->standby_off +
		    g - 1].runs_on;
		r = inventory_refs(inv, sp);
		for (i = 0; i < sp.n; i++)
			if (r[i].target != INDEX_NONE &&
			    a->base[KIND_HOST] + r[i].target == h) {
				*m = r[i].mark;
				return 1;
			}
	}
	return 0;
}

/*
 * The explanation path from component x to its single point c into w
 * (no steps when there is none), with its culprit (the last service on
 * the path) and anchor.
 */
static void
path_explain(struct ctx *cx, uint32_t x, uint32_t c, struct why *w)
{
	const struct analysis	*a = cx->a;
	struct path_step	*steps = NULL;
	size_t			 n, i, last = SIZE_MAX;

	memset(w, 0, sizeof *w);
	n = analysis_explain(a, x, c, &steps);
	if (n == 0) {
		free(steps);
		return;
	}
	for (i = 0; i < n; i++)
		if (analysis_component_kind(a, steps[i].component) ==
		    KIND_SERVICE)
			last = i;
	if (last != SIZE_MAX) {
		w->culprit = ref_string(a, steps[last].component);
		if (last + 1 < n)
			w->has_anchor = placing_mark(a, steps[last].component -
			    a->base[KIND_SERVICE], steps[last + 1].component,
			    &w->anchor);
	}
	w->steps = steps;
	w->nsteps = n;
}

int
findings_policy_named(const char *list, const char *id)
{
	size_t	len = strlen(id);

	while (list != NULL && *list != '\0') {
		if (strncmp(list, id, len) == 0 &&
		    (list[len] == ',' || list[len] == '\0'))
			return 1;
		if ((list = strchr(list, ',')) != NULL)
			list++;
	}
	return 0;
}

/* Whether a live waiver covers a finding about service s; marks it so. */
static void
apply_waivers(struct ctx *cx, struct finding *f, uint32_t s)
{
	const struct inventory	*inv = cx->inv;
	const struct waiver	*w;
	const char		*wp;
	size_t			 i;

	for (i = 0; i < inv->nwaivers; i++) {
		w = &inv->waivers[i];
		if (!cx->waiver_live[i] || cx->waiver_hit[i] == NULL)
			continue;
		wp = inventory_str(inv, w->policy);
		if (strcmp(wp, rule_ids[f->rule]) != 0 &&
		    !findings_policy_named(f->policy, wp))
			continue;
		if (!cx->waiver_hit[i][s])
			continue;
		f->waived = 1;
		f->waiver_reason = xstrdup(w->reason != NULL ? w->reason : "");
		return;
	}
}

/*
 * Append a finding about service s; cause, text (NULL: formatted from the
 * record) and what w holds are taken over (w may be NULL: no path).
 */
static struct finding *
add_service_finding(struct ctx *cx, enum rule rule, enum severity severity,
    uint32_t s, char *cause, const char *policy, char *text,
    struct why *w)
{
	struct findings		*fl = cx->fl;
	struct finding		*f;
	const char		*id = inventory_service_id(cx->inv, s);
	size_t			 len = strlen(id);

	f = findings_add(fl);
	f->rule = rule;
	f->severity = severity;
	f->subject = xmalloc(len + sizeof "service:");
	memcpy(f->subject, "service:", sizeof "service:" - 1);
	memcpy(f->subject + sizeof "service:" - 1, id, len + 1);
	f->cause = cause;
	f->policy = policy != NULL ? xstrdup(policy) : NULL;
	f->text = text;
	if (w != NULL) {
		f->steps = w->steps;
		f->nsteps = w->nsteps;
		f->path_text = w->path_text;
		f->culprit = w->culprit;
		f->anchor = w->anchor;
		f->has_anchor = w->has_anchor;
	}
	f->mark = cx->inv->services[s].e.mark;
	f->has_mark = 1;
	f->service = s;
	f->cause_comp = INDEX_NONE;
	f->state = STATE_DOWN;
	apply_waivers(cx, f, s);
	return f;
}

/* The members of v[0..n) that c implies, as sorted "kind:id" strings. */
static void
set_implied(struct ctx *cx, struct finding *f, uint32_t c, const uint32_t *v,
    size_t n)
{
	uint32_t	*out;
	size_t		 k, i;

	f->cause_comp = c;
	if (n == 0)
		return;
	out = xmalloc(n * sizeof *out);
	k = analysis_implied(cx->a, c, v, n, out);
	if (k > 0) {
		f->implied = xmalloc(k * sizeof *f->implied);
		for (i = 0; i < k; i++)
			f->implied[i] = ref_string(cx->a, out[i]);
		qsort(f->implied, k, sizeof *f->implied, cmp_strp);
		f->nimplied = k;
	}
	free(out);
}

static int
policy_selects(struct ctx *cx, size_t p, uint32_t s)
{
	const struct policy	*pol = &cx->inv->policies[p];
	const struct service	*svc = &cx->inv->services[s];
	size_t			 i;

	if (pol->tiers != 0 && (svc->tier > 7 ||
	    (pol->tiers & (1u << svc->tier)) == 0))
		return 0;
	if (pol->kinds != 0 && (pol->kinds & (1u << svc->kind)) == 0)
		return 0;
	if (pol->nowners != 0) {
		for (i = 0; i < pol->nowners; i++)
			if (pol->owners[i] == svc->owner)
				break;
		if (i == pol->nowners)
			return 0;
	}
	if (cx->policy_hit[p] != NULL && !cx->policy_hit[p][s])
		return 0;
	return 1;
}

/* Whether policy pol asks its services to survive component c. */
static int
policy_asks(const struct analysis *a, const struct policy *pol, uint32_t c)
{
	const struct inventory	*inv = a->inv;
	enum entity_kind	 k = analysis_component_kind(a, c);
	uint32_t		 type;
	size_t			 i;

	if ((pol->survive & (1u << k)) != 0)
		return 1;
	if (k != KIND_DOMAIN)
		return 0;
	type = inv->domains[c - a->base[KIND_DOMAIN]].type;
	for (i = 0; i < pol->nsurvive_types; i++)
		if (pol->survive_types[i] == type)
			return 1;
	return 0;
}

/* One spof finding: service s goes down when component c fails; the
 * members of v[0..n) that c implies go with it. */
static void
spof_finding(struct ctx *cx, uint32_t s, uint32_t c, enum severity severity,
    const char *policy, const uint32_t *v, size_t n)
{
	const struct analysis	*a = cx->a;
	struct finding		*f;
	struct why		 w;

	path_explain(cx, a->base[KIND_SERVICE] + s, c, &w);
	f = add_service_finding(cx, RULE_SPOF, severity, s, ref_string(a, c),
	    policy, NULL, &w);
	set_implied(cx, f, c, v, n);
}

/* The default selection: every service, severity by tier. */
static enum severity
tier_severity(const struct service *svc, enum severity high,
    enum severity mid, enum severity low)
{
	switch (svc->tier) {
	case 1:
	case 2:
		return high;
	case 3:
		return mid;
	default:
		return low;
	}
}

/*
 * Whether c is a minimal cause of service s in the view of policy p (p
 * NULL: every kind): among the single points sp[0..n) that p asks for, no
 * other one goes down when c fails.
 */
static int
minimal_for(const struct analysis *a, const struct policy *p,
    const uint32_t *sp, size_t n, uint32_t c)
{
	size_t	i;

	if (p != NULL && !policy_asks(a, p, c))
		return 0;
	for (i = 0; i < n; i++)
		if (sp[i] != c && (p == NULL || policy_asks(a, p, sp[i])) &&
		    analysis_takes_down(a, c, sp[i]))
			return 0;
	return 1;
}

/*
 * spof for service s.  Each policy that selects s (or, when none does, the
 * default rule) takes the minimal causes among the single points of the
 * kinds it asks for; one finding per cause, naming every policy that has
 * it (the most severe sets the severity), so a waiver of any of them
 * applies.  Sites of tools are single-site-tool's.  The single points of
 * the asking policies' kinds that the cause takes down with it are its
 * implied causes.
 */
static void
spof_service(struct ctx *cx, uint32_t s, const unsigned char *selects,
    int selected, uint32_t *v)
{
	const struct inventory	*inv = cx->inv;
	const struct analysis	*a = cx->a;
	const struct service	*svc = &inv->services[s];
	const struct policy	*pol;
	const uint32_t		*sp;
	enum severity		 severity;
	size_t			 nsp, nv, i, j, p;
	char			*names;

	sp = analysis_single_points(a, s, &nsp);
	for (i = 0; i < nsp; i++) {
		if (svc->kind == SERVICE_TOOL &&
		    analysis_component_kind(a, sp[i]) == KIND_SITE)
			continue;
		if (!selected) {
			if (!minimal_for(a, NULL, sp, nsp, sp[i]))
				continue;
			spof_finding(cx, s, sp[i], tier_severity(svc,
			    SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_NOTE),
			    "default", sp, nsp);
			continue;
		}
		severity = SEVERITY_NONE;
		cx->sb.len = 0;
		nv = 0;
		for (p = 0; p < inv->npolicies; p++) {
			pol = &inv->policies[p];
			if (!selects[p] || !minimal_for(a, pol, sp, nsp, sp[i]))
				continue;
			if (pol->severity < severity)
				severity = pol->severity;
			if (cx->sb.len > 0)
				finding_text_puts(&cx->sb, ",");
			finding_text_puts(&cx->sb, inventory_str(inv, pol->id));
			/* The single points this policy asks for. */
			for (j = 0; j < nsp; j++)
				if (policy_asks(a, pol, sp[j]) &&
				    !u32_has(v, nv, sp[j]))
					v[nv++] = sp[j];
		}
		if (severity == SEVERITY_NONE)
			continue;
		names = text_take(&cx->sb);
		spof_finding(cx, s, sp[i], severity, names, v, nv);
		free(names);
	}
}

/* spof for every service. */
static void
rule_spof(struct ctx *cx)
{
	const struct inventory	*inv = cx->inv;
	const struct analysis	*a = cx->a;
	unsigned char		*selects;
	uint32_t		*v, s;
	size_t			 nsp, p, most = 1;
	int			 selected;

	for (s = 0; s < inv->nservices; s++) {
		(void)analysis_single_points(a, s, &nsp);
		if (nsp > most)
			most = nsp;
	}
	v = xmalloc(most * sizeof *v);
	selects = xcalloc(inv->npolicies + 1, 1);
	for (s = 0; s < inv->nservices; s++) {
		if (inv->services[s].kind == SERVICE_EXTERNAL)
			continue;
		(void)analysis_single_points(a, s, &nsp);
		if (nsp == 0)
			continue;
		selected = 0;
		for (p = 0; p < inv->npolicies; p++) {
			selects[p] = (unsigned char)policy_selects(cx, p, s);
			selected |= selects[p];
		}
		spof_service(cx, s, selects, selected, v);
	}
	free(selects);
	free(v);
}

static void
rule_single_site_tool(struct ctx *cx)
{
	const struct analysis	*a = cx->a;
	const struct inventory	*inv = cx->inv;
	const uint32_t		*sp;
	struct finding		*f;
	struct why		 w;
	size_t			 nsp, i;
	uint32_t		 s;

	for (s = 0; s < inv->nservices; s++) {
		if (inv->services[s].kind != SERVICE_TOOL)
			continue;
		sp = analysis_single_points(a, s, &nsp);
		for (i = 0; i < nsp; i++) {
			if (analysis_component_kind(a, sp[i]) != KIND_SITE)
				continue;
			path_explain(cx, a->base[KIND_SERVICE] + s, sp[i], &w);
			f = add_service_finding(cx, RULE_SINGLE_SITE_TOOL,
			    SEVERITY_ERROR, s, ref_string(a, sp[i]), NULL,
			    NULL, &w);
			set_implied(cx, f, sp[i], sp, nsp);
		}
	}
}

static int
blocker_by_fault(const void *va, const void *vb)
{
	const struct blocker	*x = va, *y = vb;

	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return 0;
}

static int
blocker_by_service(const void *va, const void *vb)
{
	const struct blocker	*x = va, *y = vb;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return 0;
}

/*
 * One finding for service s and minimal fault c, naming every tool in
 * v[0..n) (the triples of s and c); faults[0..nf) are all the faults that
 * block s, for the implied ones.
 */
static void
recovery_finding(struct ctx *cx, const struct blocker *v, size_t n,
    const uint32_t *faults, size_t nf)
{
	const struct analysis	*a = cx->a;
	const struct inventory	*inv = cx->inv;
	const struct service	*svc = &inv->services[v[0].s];
	struct finding		*f;
	struct why		 w;
	enum severity		 severity;
	size_t			 i;
	int			 down = v[0].state == STATE_DOWN;

	path_explain(cx, a->base[KIND_SERVICE] + v[0].t, v[0].c, &w);
	severity = down ? tier_severity(svc, SEVERITY_ERROR, SEVERITY_WARNING,
	    SEVERITY_WARNING) : tier_severity(svc, SEVERITY_WARNING,
	    SEVERITY_NOTE, SEVERITY_NOTE);
	f = add_service_finding(cx, RULE_RECOVERY_BLOCKED, severity, v[0].s,
	    ref_string(a, v[0].c), NULL, NULL, &w);
	f->state = down ? STATE_DOWN : STATE_DEGRADED;
	f->tools = xmalloc(n * sizeof *f->tools);
	for (i = 0; i < n; i++)
		f->tools[i] = v[i].t;
	f->ntools = n;
	set_implied(cx, f, v[0].c, faults, nf);
}

/* Append a (fault, s, t) triple for every single point of tool t. */
static void
blockers_of_tool(const struct analysis *a, uint32_t s, uint32_t t,
    struct blocker **v, size_t *n, size_t *cap)
{
	const uint32_t	*sp;
	size_t		 nsp, j;

	sp = analysis_single_points(a, t, &nsp);
	XGROW(*v, *cap, *n + nsp);
	for (j = 0; j < nsp; j++) {
		(*v)[*n].c = sp[j];
		(*v)[*n].s = s;
		(*v)[*n].t = t;
		(*v)[*n].state = STATE_UP;
		(*n)++;
	}
}

/* Every fault that takes down a recovery or failover tool of a service. */
static struct blocker *
blockers_collect(const struct analysis *a, size_t *np)
{
	const struct inventory	*inv = a->inv;
	const struct service	*sv;
	const uint32_t		*tools;
	struct blocker		*v = NULL;
	size_t			 n = 0, cap = 0, nt, i;
	uint32_t		 s, g;

	for (s = 0; s < inv->nservices; s++) {
		sv = &inv->services[s];
		tools = analysis_recovery(a, s, &nt);
		for (i = 0; i < nt; i++)
			blockers_of_tool(a, s, tools[i], &v, &n, &cap);
		for (g = sv->standby_off; g < sv->standby_off + sv->nstandby;
		    g++) {
			tools = analysis_via(a, g, &nt);
			for (i = 0; i < nt; i++)
				blockers_of_tool(a, s, tools[i], &v, &n, &cap);
		}
	}
	*np = n;
	return v;
}

/*
 * What each fault does to the service of each triple: down when it is a
 * single point, else what the loss matrix says (sites, power, domains) or
 * one scenario run per remaining fault.
 */
static void
blockers_judge(const struct analysis *a, struct blocker *v, size_t n)
{
	const struct loss_matrix *mx = &a->matrix;
	struct scenario		*sc = NULL;
	uint32_t		*row, c, nrow = a->base[KIND_RACK];
	size_t			 i, j, k;

	row = xmalloc((nrow + 1) * sizeof *row);
	for (i = 0; i < nrow; i++)
		row[i] = UINT32_MAX;
	for (i = 0; i < mx->nrows; i++)
		if (mx->rows[i] < nrow)
			row[mx->rows[i]] = (uint32_t)i;
	if (n > 1)
		qsort(v, n, sizeof *v, blocker_by_fault);
	for (i = 0; i < n; i = j) {
		c = v[i].c;
		for (j = i; j < n && v[j].c == c; j++)
			if (analysis_is_single_point(a, v[j].s, c))
				v[j].state = STATE_DOWN;
		if (c < nrow && row[c] != UINT32_MAX) {
			for (k = i; k < j; k++)
				if (v[k].state == STATE_UP)
					v[k].state = mx->cells[(size_t)row[c] *
					    mx->nservices + v[k].s] &
					    MATRIX_STATE_MASK;
			continue;
		}
		for (k = i; k < j && v[k].state != STATE_UP; k++)
			;
		if (k == j)
			continue;
		if (sc == NULL)
			sc = scenario_create(a);
		scenario_run(sc, &c, 1);
		for (; k < j; k++)
			if (v[k].state == STATE_UP)
				v[k].state = (uint8_t)scenario_service_state(sc,
				    v[k].s);
	}
	scenario_free(sc);
	free(row);
}

/*
 * recovery-blocked: per service, the faults that take it down or degrade
 * it and take one of its recovery or failover tools down; one finding per
 * minimal such fault, the others implied.
 */
static void
rule_recovery_blocked(struct ctx *cx)
{
	const struct analysis	*a = cx->a;
	struct blocker		*v;
	uint32_t		*faults = NULL, *mins = NULL;
	size_t			 n, i, j, k, out, nf, nmin, cap = 0;

	v = blockers_collect(a, &n);
	blockers_judge(a, v, n);
	for (i = out = 0; i < n; i++)
		if (v[i].state != STATE_UP)
			v[out++] = v[i];
	n = out;
	if (n > 1)
		qsort(v, n, sizeof *v, blocker_by_service);
	/* A tool named for recovery and for failover, or by two standby
	 * groups, counts once. */
	for (i = out = 0; i < n; i++)
		if (out == 0 || blocker_by_service(&v[out - 1], &v[i]) != 0)
			v[out++] = v[i];
	n = out;
	for (i = 0; i < n; i = j) {
		/* The distinct faults of service v[i].s. */
		for (j = i, nf = 0; j < n && v[j].s == v[i].s; j++) {
			if (nf > 0 && faults[nf - 1] == v[j].c)
				continue;
			XGROW(faults, cap, nf + 1);
			faults[nf++] = v[j].c;
		}
		mins = xreallocarray(mins, nf, sizeof *mins);
		nmin = analysis_minimal_among(a, faults, nf, mins);
		for (k = i; k < j;) {
			size_t	e;

			for (e = k; e < j && v[e].c == v[k].c; e++)
				;
			if (u32_has(mins, nmin, v[k].c))
				recovery_finding(cx, v + k, e - k, faults, nf);
			k = e;
		}
	}
	free(mins);
	free(faults);
	free(v);
}

/*
 * The shortest path of hard and via edges from service t to service s
 * inside their loop, as "t -> x (hard) -> s (via)".
 */
static char *
loop_path(struct ctx *cx, uint32_t t, uint32_t s)
{
	const struct analysis	*a = cx->a;
	const struct inventory	*inv = a->inv;
	uint32_t		*from, *queue, *how, *chain, u, d, g;
	size_t			 qh = 0, qn = 0, ns = inv->nservices, j, nc = 0;
	const struct ref	*r;
	struct span		 sp;
	char			*path;

	from = xmalloc(ns * sizeof *from);
	how = xmalloc(ns * sizeof *how);
	queue = xmalloc(ns * sizeof *queue);
	for (j = 0; j < ns; j++)
		from[j] = INDEX_NONE;
	from[t] = t;
	queue[qn++] = t;
	while (qh < qn && from[s] == INDEX_NONE) {
		u = queue[qh++];
		for (g = 0; g <= inv->services[u].nstandby; g++) {
			sp = g == 0 ? inv->services[u].depends_on :
			    inv->standbys[inv->services[u].standby_off + g -
			    1].via;
			r = inventory_refs(inv, sp);
			for (j = 0; j < sp.n; j++) {
				d = r[j].target;
				if (d == INDEX_NONE || (g == 0 && r[j].soft) ||
				    from[d] != INDEX_NONE ||
				    !analysis_failover_needs(a, d, s))
					continue;
				from[d] = u;
				how[d] = g == 0 ? 0 : 1;
				queue[qn++] = d;
			}
		}
	}
	chain = queue;
	if (from[s] != INDEX_NONE)
		for (u = s; u != t; u = from[u])
			chain[nc++] = u;
	cx->sb.len = 0;
	finding_text_puts(&cx->sb, inventory_service_id(inv, t));
	while (nc > 0) {
		u = chain[--nc];
		finding_text_puts(&cx->sb, " -> ");
		finding_text_puts(&cx->sb, inventory_service_id(inv, u));
		finding_text_puts(&cx->sb, how[u] ? " (failover)" : " (hard)");
	}
	path = text_take(&cx->sb);
	free(from);
	free(how);
	free(queue);
	return path;
}

/*
 * failover-loop: a via tool of a standby group of s that needs s through
 * hard dependencies and failovers, so the failover cannot happen when it
 * is needed.  One finding per (service, tool).
 */
static void
rule_failover_loop(struct ctx *cx)
{
	const struct analysis	*a = cx->a;
	const struct inventory	*inv = cx->inv;
	const struct service	*sv;
	const uint32_t		*tools;
	struct finding		*f;
	struct why		 w;
	uint32_t		 s, g, t, *seen;
	size_t			 nt, i, nseen;

	seen = xmalloc((inv->nservices + 1) * sizeof *seen);
	for (s = 0; s < inv->nservices; s++) {
		sv = &inv->services[s];
		nseen = 0;
		for (g = sv->standby_off; g < sv->standby_off + sv->nstandby;
		    g++) {
			tools = analysis_via(a, g, &nt);
			for (i = 0; i < nt; i++) {
				t = tools[i];
				if (t == s || !analysis_failover_needs(a, t, s))
					continue;
				if (u32_has(seen, nseen, t))
					continue;
				seen[nseen++] = t;
				memset(&w, 0, sizeof w);
				w.path_text = loop_path(cx, t, s);
				w.culprit = xasprintf("service:%s",
				    inventory_service_id(inv, t));
				f = add_service_finding(cx, RULE_FAILOVER_LOOP,
				    SEVERITY_WARNING, s, xasprintf("service:%s",
				    inventory_service_id(inv, t)), NULL,
				    xasprintf("service '%s' fails over through "
				    "tool '%s', "
				    "which needs '%s' itself: the failover "
				    "cannot happen when it is needed",
				    inventory_service_id(inv, s),
				    inventory_service_id(inv, t),
				    inventory_service_id(inv, s)), &w);
				f->cause_comp = a->base[KIND_SERVICE] + t;
			}
		}
	}
	free(seen);
}

/* Hard dependencies of s that are resolved services, via *deps. */
static size_t
hard_deps(const struct inventory *inv, uint32_t s, const struct ref **deps)
{
	*deps = inventory_refs(inv, inv->services[s].depends_on);
	return inv->services[s].depends_on.n;
}

static void
rule_cycle(struct ctx *cx)
{
	const struct analysis	*a = cx->a;
	const struct inventory	*inv = cx->inv;
	const struct cycle	*cy;
	const struct ref	*deps;
	uint32_t		*member, *parent, *queue, *walk;
	uint32_t		 u, d, first, nwalk;
	size_t			 i, j, qh, qt, nd;
	char			*path;
	struct why		 w;

	if (a->ncycles == 0)
		return;
	member = xcalloc(inv->nservices, sizeof *member);
	parent = xmalloc(inv->nservices * sizeof *parent);
	queue = xmalloc((inv->nservices + 1) * sizeof *queue);
	walk = xmalloc((inv->nservices + 1) * sizeof *walk);
	for (i = 0; i < a->ncycles; i++) {
		cy = &a->cycles[i];
		for (j = 0; j < cy->n; j++) {
			member[cy->services[j]] = (uint32_t)i + 1;
			parent[cy->services[j]] = UINT32_MAX;
		}
		/* The shortest cycle through the first member (BFS). */
		first = cy->services[0];
		qh = qt = 0;
		queue[qt++] = first;
		u = UINT32_MAX;
		while (qh < qt && u == UINT32_MAX) {
			d = queue[qh++];
			nd = hard_deps(inv, d, &deps);
			for (j = 0; j < nd; j++) {
				if (deps[j].soft || deps[j].target == INDEX_NONE ||
				    member[deps[j].target] != i + 1)
					continue;
				if (deps[j].target == first) {
					u = d;
					break;
				}
				if (parent[deps[j].target] != UINT32_MAX)
					continue;
				parent[deps[j].target] = d;
				queue[qt++] = deps[j].target;
			}
		}
		nwalk = 0;
		if (u != UINT32_MAX) {
			for (; u != first; u = parent[u])
				walk[nwalk++] = u;
		}
		cx->sb.len = 0;
		finding_text_puts(&cx->sb, inventory_service_id(inv, first));
		while (nwalk > 0) {
			finding_text_puts(&cx->sb, " -> ");
			finding_text_puts(&cx->sb,
			    inventory_service_id(inv, walk[--nwalk]));
		}
		finding_text_puts(&cx->sb, " -> ");
		finding_text_puts(&cx->sb, inventory_service_id(inv, first));
		path = text_take(&cx->sb);
		finding_text_puts(&cx->sb, "hard-dependency cycle ");
		for (j = 0; j < cy->n; j++) {
			finding_text_puts(&cx->sb, j == 0 ? "'" : ", '");
			finding_text_puts(&cx->sb,
			    inventory_service_id(inv, cy->services[j]));
			finding_text_puts(&cx->sb, "'");
		}
		finding_text_puts(&cx->sb, ": these services share fate and "
		    "cannot be cold-started");
		memset(&w, 0, sizeof w);
		w.path_text = path;
		add_service_finding(cx, RULE_CYCLE, SEVERITY_WARNING, first,
		    NULL, NULL, text_take(&cx->sb), &w);
		for (j = 0; j < cy->n; j++)
			member[cy->services[j]] = 0;
	}
	free(walk);
	free(queue);
	free(parent);
	free(member);
}

static void
rule_tier_inversion(struct ctx *cx)
{
	const struct inventory	*inv = cx->inv;
	const struct service	*svc, *dep;
	const struct ref	*deps;
	const char		*id, *did;
	struct finding		*f;
	struct why		 w;
	size_t			 nd, j;
	uint32_t		 s;

	for (s = 0; s < inv->nservices; s++) {
		svc = &inv->services[s];
		nd = hard_deps(inv, s, &deps);
		for (j = 0; j < nd; j++) {
			if (deps[j].soft || deps[j].target == INDEX_NONE)
				continue;
			dep = &inv->services[deps[j].target];
			if (dep->tier <= svc->tier)
				continue;
			id = inventory_service_id(inv, s);
			did = inventory_service_id(inv, deps[j].target);
			memset(&w, 0, sizeof w);
			w.path_text = xasprintf("%s -> %s (hard)", id, did);
			w.culprit = xasprintf("service:%s", id);
			f = add_service_finding(cx, RULE_TIER_INVERSION,
			    SEVERITY_WARNING, s, xasprintf("service:%s", did),
			    NULL, xasprintf("service "
			    "'%s' (tier %u) hard-depends on '%s' (tier %u), a "
			    "less critical tier", id, svc->tier, did,
			    dep->tier), &w);
			f->cause_comp = cx->a->base[KIND_SERVICE] +
			    deps[j].target;
		}
	}
}

static void
rule_waiver_expired(struct ctx *cx)
{
	const struct inventory	*inv = cx->inv;
	const struct waiver	*w;
	struct findings		*fl = cx->fl;
	struct finding		*f;
	const char		*pol, *re;
	char			 date[32];
	size_t			 i;

	for (i = 0; i < inv->nwaivers; i++) {
		w = &inv->waivers[i];
		if (cx->waiver_live[i])
			continue;
		pol = inventory_str(inv, w->policy);
		re = w->service_regex != NULL ? w->service_regex : "";
		findings_date(w->expires, date, sizeof date);
		f = findings_add(fl);
		f->rule = RULE_WAIVER_EXPIRED;
		f->severity = SEVERITY_WARNING;
		f->subject = xasprintf("waiver:%s:%s", pol, re);
		f->text = xasprintf("waiver for '%s' on services matching "
		    "'%s' expired on %s; it no longer applies", pol, re, date);
		f->mark = w->mark;
		f->has_mark = 1;
	}
}

static int
strcmp_null(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return (x != NULL) - (y != NULL);
	return strcmp(x, y);
}

/* Findings in output order; files are those of the inventory inv. */
static int
finding_cmp(const void *va, const void *vb, void *inv)
{
	const struct finding	*x = va, *y = vb;
	const char		*fx, *fy;
	int			 r;

	if (x->has_mark != y->has_mark)
		return x->has_mark ? 1 : -1;
	if (x->has_mark && x->mark.file != y->mark.file) {
		fx = inventory_file(inv, x->mark.file);
		fy = inventory_file(inv, y->mark.file);
		if ((r = strcmp_null(fx, fy)) != 0)
			return r;
		return x->mark.file < y->mark.file ? -1 : 1;
	}
	if (x->mark.line != y->mark.line)
		return x->mark.line < y->mark.line ? -1 : 1;
	if (x->mark.column != y->mark.column)
		return x->mark.column < y->mark.column ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if ((r = strcmp_null(x->subject, y->subject)) != 0)
		return r;
	if ((r = strcmp_null(x->cause, y->cause)) != 0)
		return r;
	return strcmp_null(x->policy, y->policy);
}

void
findings_sort(const struct inventory *inv, struct findings *fl)
{
	if (fl->n > 1)
		qsort_r(fl->v, fl->n, sizeof *fl->v, finding_cmp,
		    (void *)inv);
}

static struct pattern *
compile_or_report(const struct inventory *inv, const char *re,
    struct mark mark, const char *what, struct diag_list *dl)
{
	struct pattern	*p;
	char		 err[256];
	size_t		 off;

	if ((p = pattern_compile(re, err, sizeof err, &off)) == NULL)
		diag_add(dl, DIAG_ERROR, inventory_file(inv, mark.file),
		    mark.line, mark.column, "invalid regular expression '%s' "
		    "in %s: %s at offset %zu", re, what, err, off);
	return p;
}

/* A policy or waiver regex, for matching each distinct one once. */
struct selector {
	const char	*src;
	struct pattern	*p;
	struct mark	 mark;
	const char	*kind;		/* "policy", "waiver for" */
	const char	*name;
	const uint8_t	**hit;		/* where its table goes */
	size_t		 seq;		/* policies, then waivers, in order */
};

static int
selector_cmp(const void *x, const void *y)
{
	const struct selector	*a = x, *b = y;
	int			 c;

	if ((c = strcmp(a->src, b->src)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * Match every distinct selector regex against every service id once, into
 * a table per regex (the rules then only look up).  The work is bounded
 * whatever the regexes: at most MATCH_PAIRS_MAX (regex, service) pairs,
 * and a match limit per pair of MATCH_STEPS_BUDGET / pairs (at most
 * PATTERN_MATCH_LIMIT), so all matches together take at most
 * MATCH_STEPS_BUDGET steps of PCRE2.  A match that reaches its limit is an
 * error at the regex, never "no match"; the regex is not matched further.
 */
static int
match_selectors(struct ctx *cx, struct selector *v, size_t n,
    struct diag_list *dl)
{
	const struct inventory	*inv = cx->inv;
	struct selector		*first;
	uint8_t			*hit;
	const char		*id;
	char			 err[256];
	size_t			 i, j, ndistinct = 0, pairs, s;
	uint64_t		 limit;
	int			 rc, error = 0;

	if (n == 0)
		return 0;
	first = &v[0];
	qsort(v, n, sizeof *v, selector_cmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i].src, v[i - 1].src) != 0)
			ndistinct++;
		if (v[i].seq < first->seq)
			first = &v[i];
	}
	pairs = ndistinct * inv->nservices;
	if (pairs > MATCH_PAIRS_MAX) {
		diag_add(dl, DIAG_ERROR, inventory_file(inv, first->mark.file),
		    first->mark.line, first->mark.column, "%zu different "
		    "regular expressions in policies and waivers, each matched "
		    "against %zu services, make %zu matches, more than the "
		    "budget of %d; use fewer expressions (or tiers, kinds and "
		    "owners)", ndistinct, inv->nservices, pairs,
		    MATCH_PAIRS_MAX);
		return -1;
	}
	limit = pairs > 0 ? MATCH_STEPS_BUDGET / pairs : PATTERN_MATCH_LIMIT;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].src, v[i].src) == 0; j++)
			continue;
		hit = xcalloc(inv->nservices + 1, 1);
		XGROW(cx->hits, cx->nhits_cap, cx->nhits + 1);
		cx->hits[cx->nhits++] = hit;
		pattern_set_match_limit(v[i].p, (uint32_t)(limit <
		    PATTERN_MATCH_LIMIT ? limit : PATTERN_MATCH_LIMIT));
		for (s = 0; s < inv->nservices; s++) {
			id = inventory_service_id(inv, (uint32_t)s);
			rc = pattern_match(v[i].p, id, strlen(id), err,
			    sizeof err);
			if (rc < 0) {
				diag_add(dl, DIAG_ERROR, inventory_file(inv,
				    v[i].mark.file), v[i].mark.line,
				    v[i].mark.column, "regular expression "
				    "'%s' in %s '%s' cannot be matched against "
				    "service '%s' within its budget (%s); "
				    "simplify it", v[i].src, v[i].kind,
				    v[i].name, id, err);
				error = -1;
				break;
			}
			hit[s] = (uint8_t)rc;
		}
		for (; i < j; i++)
			*v[i].hit = hit;
	}
	return error;
}

/* Every rule but spof, in the order one thread runs them. */
static void
rules_after_spof(struct ctx *cx)
{
	rule_single_site_tool(cx);
	rule_recovery_blocked(cx);
	rule_failover_loop(cx);
	rule_cycle(cx);
	rule_tier_inversion(cx);
	rule_waiver_expired(cx);
}

/*
 * The rules run on two threads when the inventory is large: this thread
 * runs spof, a worker every other rule (together they cost about as much:
 * recovery-blocked weighs most).  The analysis is only read; each thread
 * has its own list and buffer, and the worker's list goes after, so the
 * findings are in the order one thread would have made them, and sort
 * the same.
 */
#define FINDINGS_THREADED_MIN	2000	/* services */

struct rules_job {
	struct ctx	 cx;
	struct findings	 part;
};

static void *
rules_job_run(void *arg)
{
	struct rules_job	*job = arg;

	rules_after_spof(&job->cx);
	return NULL;
}

static void
findings_rules(struct ctx *cx)
{
	struct findings		*fl = cx->fl;
	struct rules_job	 job;
	pthread_t		 thread;
	uint32_t		 n = (uint32_t)cx->inv->nservices;
	int			 threaded = 0;

	if (n >= FINDINGS_THREADED_MIN) {
		memset(&job, 0, sizeof job);
		job.cx = *cx;
		job.cx.fl = &job.part;
		memset(&job.cx.sb, 0, sizeof job.cx.sb);
		threaded = pthread_create(&thread, NULL, rules_job_run,
		    &job) == 0;
	}
	rule_spof(cx);
	if (!threaded) {
		rules_after_spof(cx);
		return;
	}
	pthread_join(thread, NULL);
	free(job.cx.sb.s);
	if (job.part.n > 0) {
		XBIGGROW(fl->v, fl->cap, fl->n + job.part.n);
		memcpy(fl->v + fl->n, job.part.v,
		    job.part.n * sizeof *fl->v);
		fl->n += job.part.n;
	}
	xbig_free(job.part.v, job.part.cap * sizeof *job.part.v);
}

int
findings_compute(const struct analysis *a, int32_t today,
    struct findings *fl, struct diag_list *dl)
{
	const struct inventory	*inv = a->inv;
	struct ctx		 cx;
	struct selector		*sel;
	char			*what;
	size_t			 i, nsel = 0;
	int			 error = 0;

	memset(fl, 0, sizeof *fl);
	fl->a = a;
	memset(&cx, 0, sizeof cx);
	cx.a = a;
	cx.inv = inv;
	cx.fl = fl;
	cx.policy_re = xcalloc(inv->npolicies + 1, sizeof *cx.policy_re);
	cx.waiver_re = xcalloc(inv->nwaivers + 1, sizeof *cx.waiver_re);
	cx.waiver_live = xcalloc(inv->nwaivers + 1, sizeof *cx.waiver_live);
	cx.policy_hit = xcalloc(inv->npolicies + 1, sizeof *cx.policy_hit);
	cx.waiver_hit = xcalloc(inv->nwaivers + 1, sizeof *cx.waiver_hit);
	for (i = 0; i < inv->npolicies; i++) {
		if (inv->policies[i].id_regex == NULL)
			continue;
		what = xasprintf("policy '%s'",
		    inventory_str(inv, inv->policies[i].id));
		cx.policy_re[i] = compile_or_report(inv,
		    inv->policies[i].id_regex, inv->policies[i].id_regex_mark,
		    what, dl);
		if (cx.policy_re[i] == NULL)
			error = -1;
		free(what);
	}
	for (i = 0; i < inv->nwaivers; i++) {
		cx.waiver_live[i] = inv->waivers[i].expires == INT32_MIN ||
		    inv->waivers[i].expires >= today;
		what = xasprintf("waiver for '%s'",
		    inventory_str(inv, inv->waivers[i].policy));
		cx.waiver_re[i] = compile_or_report(inv,
		    inv->waivers[i].service_regex != NULL ?
		    inv->waivers[i].service_regex : "",
		    inv->waivers[i].service_mark, what, dl);
		if (cx.waiver_re[i] == NULL)
			error = -1;
		free(what);
	}
	if (error == 0) {
		sel = xcalloc(inv->npolicies + inv->nwaivers + 1, sizeof *sel);
		for (i = 0; i < inv->npolicies; i++) {
			if (cx.policy_re[i] == NULL)
				continue;
			sel[nsel].src = inv->policies[i].id_regex;
			sel[nsel].p = cx.policy_re[i];
			sel[nsel].mark = inv->policies[i].id_regex_mark;
			sel[nsel].kind = "policy";
			sel[nsel].name = inventory_str(inv,
			    inv->policies[i].id);
			sel[nsel].hit = &cx.policy_hit[i];
			sel[nsel].seq = nsel;
			nsel++;
		}
		for (i = 0; i < inv->nwaivers; i++) {
			sel[nsel].src = inv->waivers[i].service_regex != NULL ?
			    inv->waivers[i].service_regex : "";
			sel[nsel].p = cx.waiver_re[i];
			sel[nsel].mark = inv->waivers[i].service_mark;
			sel[nsel].kind = "waiver for";
			sel[nsel].name = inventory_str(inv,
			    inv->waivers[i].policy);
			sel[nsel].hit = &cx.waiver_hit[i];
			sel[nsel].seq = nsel;
			nsel++;
		}
		error = match_selectors(&cx, sel, nsel, dl);
		free(sel);
	}
	if (error == 0) {
		findings_rules(&cx);
		findings_sort(inv, fl);
	}
	for (i = 0; i < inv->npolicies; i++)
		pattern_free(cx.policy_re[i]);
	for (i = 0; i < inv->nwaivers; i++)
		pattern_free(cx.waiver_re[i]);
	free(cx.policy_re);
	free(cx.waiver_re);
	for (i = 0; i < cx.nhits; i++)
		free(cx.hits[i]);
	free(cx.hits);
	free(cx.policy_hit);
	free(cx.waiver_hit);
	free(cx.waiver_live);
	free(cx.sb.s);
	return error;
}

void
findings_free(struct findings *fl)
{
	size_t	i, j;

	if (fl == NULL)
		return;
	for (i = 0; i < fl->n; i++) {
		free(fl->v[i].subject);
		free(fl->v[i].cause);
		free(fl->v[i].policy);
		free(fl->v[i].text);
		free(fl->v[i].path_text);
		free(fl->v[i].steps);
		free(fl->v[i].tools);
		free(fl->v[i].waiver_reason);
		free(fl->v[i].culprit);
		for (j = 0; j < fl->v[i].nimplied; j++)
			free(fl->v[i].implied[j]);
		free(fl->v[i].implied);
	}
	xbig_free(fl->v, fl->cap * sizeof *fl->v);
	fl->v = NULL;
	fl->n = fl->cap = 0;
}

void
findings_count(const struct findings *fl, struct findings_count *fc)
{
	size_t	i;

	memset(fc, 0, sizeof *fc);
	for (i = 0; i < fl->n; i++) {
		if (fl->v[i].waived) {
			fc->waived++;
			continue;
		}
		if (fl->v[i].baselined) {
			fc->baselined++;
			continue;
		}
		switch (fl->v[i].severity) {
		case SEVERITY_ERROR:
			fc->errors++;
			break;
		case SEVERITY_WARNING:
			fc->warnings++;
			break;
		case SEVERITY_NOTE:
			fc->notes++;
			break;
		default:
			break;
		}
	}
}

/* Service indices by id, of the inventory inv. */
static int
service_id_cmp(const void *va, const void *vb, void *inv)
{
	const uint32_t	*x = va, *y = vb;

	return strcmp(inventory_service_id(inv, *x),
	    inventory_service_id(inv, *y));
}

uint32_t *
findings_service_order(const struct inventory *inv)
{
	uint32_t	*order;
	size_t		 i;

	order = xmalloc((inv->nservices + 1) * sizeof *order);
	for (i = 0; i < inv->nservices; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, inv->nservices, sizeof *order, service_id_cmp,
	    (void *)inv);
	return order;
}
