/*
 * out_dot.c -- Graphviz diagrams of an analysis (see out_dot.h).
 *
 * The only file that includes cgraph.h and gvc.h.  Their quirks are
 * handled here: cgraph takes char * for names and values it never
 * modifies (cg() casts), HTML-like labels need their own string kind
 * (agstrdup_html), and problems come through agerr, which is diverted
 * into the diagnostics list while we work.
 *
 * A drawing is planned before cgraph sees it: every kept component gets a
 * drawn node (itself, or the group it is collapsed into), edges are mapped
 * onto drawn nodes and deduplicated, and the plan is redone at the next
 * collapse level while it has too many nodes or edges for the page's
 * budget.  Only the plan that fits is turned into a cgraph graph, so dot
 * never runs on more.  What the plan draws is recorded as it is styled,
 * and the legend is made from that record, so it lists exactly what the
 * picture uses.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cgraph.h>
#include <gvc.h>

#include "dot_focus.h"
#include "out_dot.h"
#include "outfile.h"
#include "xalloc.h"

#define DOT_EDGES_NUM		2	/* edge cap: budget times 2 */
#define DOT_EDGES_DEN		1
#define DOT_GROUP_EDGES_PER_NODE 3	/* between service groups */
#define DOT_LIST_SHOWN		3	/* failed components named in a label */
#define DOT_TIP_SHOWN		6	/* single points named in a tooltip */

/* What a drawn node stands for. */
enum dn_type {
	DN_SERVICE,		/* idx: service */
	DN_OWNER,		/* idx: owner symbol */
	DN_SKIND,		/* idx: enum service_kind */
	DN_UNOWNED,		/* idx: enum service_kind, no owner */
	DN_FAILED,		/* the failed infrastructure (services view) */
	DN_POWER,		/* idx: power domain */
	DN_POWER_GROUP,		/* the power domains of a site */
	DN_DOMAIN,		/* idx: domain */
	DN_RACK,		/* idx: rack, its hosts a count when collapsed */
	DN_RACK_GROUP,		/* the racks and hosts of a site */
	DN_HOST,		/* idx: host */
	DN_HOST_GROUP		/* the rackless hosts of a site */
};

/* Static status of a service by its single points. */
enum sp_status {
	STATUS_NONE,		/* no single point */
	STATUS_LOCAL,		/* only racks or hosts */
	STATUS_SITE		/* a site, power domain or domain */
};

enum edge_style {
	EDGE_HARD,
	EDGE_SOFT,
	EDGE_RECOVERY,
	EDGE_RECOVERY_BLOCKED,
	EDGE_FAILOVER,
	EDGE_FAILOVER_BLOCKED,
	EDGE_FAILED,
	EDGE_RUNS,
	EDGE_STANDBY,
	EDGE_ON,
	EDGE_IN,
	EDGE_DOMAIN,
	EDGE_POWER,
	EDGE_COUNT
};

/* Shapes, fills and marks a drawing can use: what its legend explains. */
enum shape_key {
	SH_APP, SH_DATA, SH_PLATFORM, SH_TOOL, SH_EXTERNAL, SH_GROUP,
	SH_FAILED, SH_POWER, SH_POWER_GROUP, SH_DOMAIN, SH_RACK,
	SH_RACK_GROUP, SH_HOST, SH_HOST_GROUP, SH_COUNT
};

enum fill_key {
	FILL_SP_SITE, FILL_SP_LOCAL, FILL_SP_NONE,
	FILL_FAILED, FILL_DOWN, FILL_DEGRADED, FILL_UP,
	FILL_POWER, FILL_DOMAIN, FILL_RACK, FILL_HOST, FILL_COUNT
};

enum mark_key {
	MARK_CAUSE, MARK_BLOCKED, MARK_COUNT
};

#define CLUSTER_OUTSIDE	INDEX_NONE

struct dnode {
	uint8_t		type;		/* enum dn_type */
	uint8_t		status;		/* worst enum sp_status of members */
	uint8_t		blocked;	/* a member is recovery-blocked */
	uint8_t		failed;		/* a member was failed by the scenario */
	uint8_t		cause;		/* a member is a minimal cause */
	uint32_t	idx;
	uint32_t	site;		/* cluster: a site, nsites for several
					 * sites, CLUSTER_OUTSIDE */
	uint32_t	count;		/* members: services, power or racks */
	uint32_t	hosts;		/* hosts collapsed into it */
	uint32_t	down;		/* members down (hosts when hosts) */
	uint32_t	degraded;	/* members degraded */
	uint32_t	hosts_down;
};

struct dedge {
	uint32_t	from;
	uint32_t	to;
	uint32_t	style;
	uint32_t	weight;		/* references it stands for */
};

struct drawing {
	const struct analysis		*a;
	const struct inventory		*inv;
	const struct dot_options	*o;
	size_t				 ncomp;
	uint8_t				*keep;		/* per component */
	uint8_t				*failed;	/* per component */
	uint8_t				*cause;		/* per component */
	uint8_t				*status;	/* per service */
	struct dot_blocked		*blocked;
	uint32_t			*rep;		/* per component */
	uint32_t			*grp;		/* grouping scratch */
	size_t				 ngrp;
	uint32_t			*perrack;	/* kept hosts per rack */
	uint32_t			*persite;	/* kept rackless hosts */
	size_t				 hosts_shown;	/* per rack, at level 0 */
	struct dnode			*nodes;
	size_t				 n, cap;
	struct dedge			*edges;
	size_t				 ne, ecap;
	size_t				 untrimmed;	/* edges before trimming */
	size_t				 budget;
	int				 ilevel;	/* 0..3 */
	int				 slevel;	/* 0..2 */
	int				 lr;		/* rankdir LR, else TB */
	uint32_t			 stagger;	/* leaf edge lengths 1.. */
	/* What the picture uses, for its legend. */
	uint8_t				 used_shape[SH_COUNT];
	uint8_t				 used_fill[FILL_COUNT];
	uint8_t				 used_mark[MARK_COUNT];
	uint8_t				 used_edge[EDGE_COUNT];
};

/* cgraph's API takes char * where it means const char *. */
static char *
cg(const char *s)
{
	return (char *)(uintptr_t)s;
}

/* ---- labels ---- */

char *
out_dot_escape(const char *s)
{
	const unsigned char	*p;
	char			*out, *q;

	out = q = xmalloc(strlen(s) * 5 + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\\') {
			*q++ = '\\';
			*q++ = '\\';
		} else if (*p == '&') {
			memcpy(q, "&amp;", 5);
			q += 5;
		} else if (*p == '\n') {
			*q++ = '\\';
			*q++ = 'n';
		} else if (*p < 0x20 || *p == 0x7f) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
		} else
			*q++ = (char)*p;
	}
	*q = '\0';
	return out;
}

char *
out_dot_unescape(const char *s)
{
	char	*out, *q;

	out = q = xmalloc(strlen(s) + 1);
	while (*s != '\0') {
		if (s[0] == '\\' && s[1] != '\0') {
			*q++ = s[1] == 'n' ? '\n' : s[1];
			s += 2;
		} else if (strncmp(s, "&amp;", 5) == 0) {
			*q++ = '&';
			s += 5;
		} else
			*q++ = *s++;
	}
	*q = '\0';
	return out;
}

/* ---- Graphviz's error channel ---- */

static char	*gv_errors;
static size_t	 gv_errors_len;

static int
gv_error_collect(char *msg)
{
	size_t	len = strlen(msg);

	gv_errors = xreallocarray(gv_errors, gv_errors_len + len + 1, 1);
	memcpy(gv_errors + gv_errors_len, msg, len + 1);
	gv_errors_len += len;
	return 0;
}

/* Report what Graphviz said (one diagnostic per line) and forget it. */
static void
gv_errors_flush(struct diag_list *diags, enum diag_severity sev)
{
	char	*line, *next;

	for (line = gv_errors; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line != '\0')
			diag_add(diags, sev, NULL, 0, 0, "graphviz: %s", line);
		if (next == NULL)
			break;
	}
	free(gv_errors);
	gv_errors = NULL;
	gv_errors_len = 0;
}

char *
out_dot_parse_label(const char *dot, const char *node)
{
	agusererrf	 prev;
	Agraph_t	*g;
	Agnode_t	*n;
	char		*v, *label = NULL;

	prev = agseterrf(gv_error_collect);
	if ((g = agmemread(dot)) != NULL) {
		if ((n = agnode(g, cg(node), 0)) != NULL &&
		    (v = agget(n, cg("label"))) != NULL)
			label = xstrdup(v);
		agclose(g);
	}
	agseterrf(prev);
	free(gv_errors);
	gv_errors = NULL;
	gv_errors_len = 0;
	return label;
}

static int
line_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static char *
table_line(void *obj, const char *what, const char *const *attrs,
    size_t nattrs)
{
	char	*s = xstrdup(what), *t, *v;
	size_t	 i;

	for (i = 0; i < nattrs; i++) {
		v = agget(obj, cg(attrs[i]));
		t = xasprintf("%s\t%s", s, v == NULL ? "" : v);
		free(s);
		s = t;
	}
	return s;
}

char *
out_dot_parse_table(const char *dot, const char *const *attrs,
    size_t nattrs)
{
	agusererrf	 prev;
	Agraph_t	*g;
	Agnode_t	*n;
	Agedge_t	*e;
	char		**lines = NULL, *out = NULL, *what;
	size_t		 nl = 0, cap = 0, len = 0, i, l;

	prev = agseterrf(gv_error_collect);
	if ((g = agmemread(dot)) != NULL) {
		for (n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
			what = xasprintf("N %s", agnameof(n));
			XGROW(lines, cap, nl + 1);
			lines[nl++] = table_line(n, what, attrs, nattrs);
			free(what);
			for (e = agfstout(g, n); e != NULL; e = agnxtout(g, e)) {
				what = xasprintf("E %s -> %s", agnameof(n),
				    agnameof(aghead(e)));
				XGROW(lines, cap, nl + 1);
				lines[nl++] = table_line(e, what, attrs,
				    nattrs);
				free(what);
			}
		}
		agclose(g);
		if (nl > 1)
			qsort(lines, nl, sizeof *lines, line_cmp);
		out = xstrdup("");
		for (i = 0; i < nl; i++) {
			l = strlen(lines[i]);
			out = xreallocarray(out, len + l + 2, 1);
			memcpy(out + len, lines[i], l);
			out[len + l] = '\n';
			len += l + 1;
			out[len] = '\0';
			free(lines[i]);
		}
		free(lines);
	}
	agseterrf(prev);
	free(gv_errors);
	gv_errors = NULL;
	gv_errors_len = 0;
	return out;
}

int
out_dot_format_of(const char *file)
{
	static const struct {
		const char	*ext;
		enum dot_format	 format;
	} exts[] = {
		{ ".dot", DOT_FORMAT_DOT }, { ".gv", DOT_FORMAT_DOT },
		{ ".svg", DOT_FORMAT_SVG }, { ".png", DOT_FORMAT_PNG },
		{ ".pdf", DOT_FORMAT_PDF }
	};
	const char	*dot, *slash;
	size_t		 i;

	if ((dot = strrchr(file, '.')) == NULL)
		return -1;
	if ((slash = strrchr(file, '/')) != NULL && slash > dot)
		return -1;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot, exts[i].ext) == 0)
			return (int)exts[i].format;
	return -1;
}

/* ---- options ---- */

static const struct page {
	const char	*name;
	const char	*size;		/* Graphviz size, inches */
	double		 w, h;
	const char	*ratio;		/* height / width */
	size_t		 budget;	/* nodes readable on it */
} pages[] = {
	{ "slide", "20,11.25", 20, 11.25, "0.5625", 80 },
	{ "a4", "11.69,8.27", 11.69, 8.27, "0.7074", 60 },
	{ "poster", "46.8,33.1", 46.8, 33.1, "0.7073", 400 }
};

static int
name_parse(const char *const *names, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

size_t
out_dot_budget(enum dot_size size)
{
	return pages[size].budget;
}

const char *
out_dot_size_name(enum dot_size size)
{
	return pages[size].name;
}

int
out_dot_size_parse(const char *s)
{
	static const char *const names[] = { "slide", "a4", "poster" };

	return name_parse(names, 3, s);
}

int
out_dot_collapse_parse(const char *s)
{
	static const char *const names[] = { "auto", "owner", "kind", "none" };

	return name_parse(names, 4, s);
}

int
out_dot_edges_parse(const char *s)
{
	static const char *const names[] = { "blocked", "all", "none" };

	return name_parse(names, 3, s);
}

/* ---- planning ---- */

static uint32_t
node_add(struct drawing *d, enum dn_type type, uint32_t idx, uint32_t site)
{
	struct dnode	*n;

	XGROW(d->nodes, d->cap, d->n + 1);
	n = &d->nodes[d->n];
	memset(n, 0, sizeof *n);
	n->type = (uint8_t)type;
	n->idx = idx;
	n->site = site;
	return (uint32_t)d->n++;
}

/* The group node for a key in the scratch array, created on first use. */
static uint32_t
group_node(struct drawing *d, size_t key, enum dn_type type, uint32_t idx,
    uint32_t site)
{
	if (d->grp[key] == INDEX_NONE)
		d->grp[key] = node_add(d, type, idx, site);
	return d->grp[key];
}

static void
grp_reset(struct drawing *d, size_t n)
{
	if (n > d->ngrp) {
		d->grp = xreallocarray(d->grp, n, sizeof *d->grp);
		d->ngrp = n;
	}
	memset(d->grp, 0xff, n * sizeof *d->grp);
}

static void
span_sites(const struct drawing *d, struct span sp, uint32_t *site)
{
	const struct ref	*r = inventory_refs(d->inv, sp);
	uint32_t		 i, hs;

	for (i = 0; i < sp.n && *site != d->inv->nsites; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		if (d->o->view == DOT_VIEW_PLACEMENT &&
		    !d->keep[d->a->base[KIND_HOST] + r[i].target])
			continue;
		hs = d->inv->hosts[r[i].target].site;
		if (*site == CLUSTER_OUTSIDE)
			*site = hs;
		else if (hs != *site)
			*site = (uint32_t)d->inv->nsites;
	}
}

/*
 * The cluster of a service: the site all its (drawn) hosts are in, active
 * and standby; nsites when they are in several; outside when it has none.
 */
static uint32_t
service_site(const struct drawing *d, const struct service *s)
{
	uint32_t	site = CLUSTER_OUTSIDE, j;

	span_sites(d, s->runs_on, &site);
	for (j = 0; j < s->nstandby; j++)
		span_sites(d, d->inv->standbys[s->standby_off + j].runs_on,
		    &site);
	return site;
}

/* A node standing for several services. */
static int
is_service_group(uint8_t type)
{
	return type == DN_OWNER || type == DN_SKIND || type == DN_UNOWNED;
}

static int
is_infra(uint8_t type)
{
	return type >= DN_POWER;
}

static void
plan_services(struct drawing *d)
{
	const struct inventory	*inv = d->inv;
	const struct scenario	*sc = d->o->scenario;
	uint32_t		 bs = d->a->base[KIND_SERVICE], owner, r;
	size_t			 i, nsym = symtab_count(inv->syms);
	struct dnode		*n;

	if (d->slevel == 1)
		grp_reset(d, nsym + SERVICE_KIND_COUNT);
	else if (d->slevel == 2)
		grp_reset(d, SERVICE_KIND_COUNT);
	for (i = 0; i < inv->nservices; i++) {
		const struct service *s = &inv->services[i];

		if (!d->keep[bs + i])
			continue;
		if (d->slevel == 0)
			r = node_add(d, DN_SERVICE, (uint32_t)i,
			    service_site(d, s));
		else if (d->slevel == 1) {
			owner = s->owner;
			if (owner == SYM_NONE)
				r = group_node(d, nsym + s->kind, DN_UNOWNED,
				    s->kind, CLUSTER_OUTSIDE);
			else
				r = group_node(d, owner, DN_OWNER, owner,
				    CLUSTER_OUTSIDE);
		} else
			r = group_node(d, s->kind, DN_SKIND, s->kind,
			    CLUSTER_OUTSIDE);
		d->rep[bs + i] = r;
		n = &d->nodes[r];
		n->count++;
		if (d->status[i] > n->status)
			n->status = d->status[i];
		if (sc != NULL) {
			switch (scenario_service_state(sc, (uint32_t)i)) {
			case STATE_DOWN:
				n->down++;
				break;
			case STATE_DEGRADED:
				n->degraded++;
				break;
			default:
				break;
			}
			if (scenario_recovery_blocked(sc, (uint32_t)i))
				n->blocked = 1;
			if (d->failed[bs + i])
				n->failed = 1;
		}
	}
}

/* In the services view, the failed infrastructure of a scenario is one
 * node that the services it hits point at. */
static void
plan_failed(struct drawing *d)
{
	size_t	i;

	if (d->o->view != DOT_VIEW_SERVICES || d->o->scenario == NULL)
		return;
	for (i = 0; i < d->o->nfailed; i++)
		if (d->o->failed[i] < d->a->base[KIND_SERVICE]) {
			d->nodes[node_add(d, DN_FAILED, 0,
			    CLUSTER_OUTSIDE)].failed = 1;
			return;
		}
}

static void
member_infra(struct drawing *d, uint32_t node, uint32_t c, int host)
{
	struct dnode	*n = &d->nodes[node];
	int		 down;

	if (host)
		n->hosts++;
	else
		n->count++;
	n->cause |= d->cause[c];
	if (d->o->scenario == NULL)
		return;
	down = scenario_is_down(d->o->scenario, c);
	if (host)
		n->hosts_down += (uint32_t)down;
	else
		n->down += (uint32_t)down;
	if (!host && d->failed[c])
		n->failed = 1;
}

/*
 * Infrastructure at the current level: 0 hosts drawn unless a rack (or a
 * site's rackless hosts) has more than hosts_shown; 1 hosts always a
 * count; 2 racks and hosts a count per site; 3 power too.  Domains are
 * always drawn.
 */
static void
plan_infra(struct drawing *d)
{
	const struct inventory	*inv = d->inv;
	const uint32_t		*b = d->a->base;
	size_t			 i, ns = inv->nsites;
	uint32_t		 r, c;

	/* grp: [0, ns] power groups (ns: no site), then rack groups, then
	 * rackless host groups. */
	grp_reset(d, 3 * (ns + 1));
	for (i = 0; i < inv->npower; i++) {
		const struct power *p = &inv->power[i];

		c = b[KIND_POWER] + (uint32_t)i;
		if (!d->keep[c])
			continue;
		if (d->ilevel < 3)
			r = node_add(d, DN_POWER, (uint32_t)i, p->site);
		else
			r = group_node(d, p->site == INDEX_NONE ? ns : p->site,
			    DN_POWER_GROUP, p->site, p->site);
		d->rep[c] = r;
		member_infra(d, r, c, 0);
	}
	for (i = 0; i < inv->ndomains; i++) {
		c = b[KIND_DOMAIN] + (uint32_t)i;
		if (!d->keep[c])
			continue;
		r = node_add(d, DN_DOMAIN, (uint32_t)i, inv->domains[i].site);
		d->rep[c] = r;
		member_infra(d, r, c, 0);
	}
	for (i = 0; i < inv->nracks; i++) {
		c = b[KIND_RACK] + (uint32_t)i;
		if (!d->keep[c])
			continue;
		if (d->ilevel < 2)
			r = node_add(d, DN_RACK, (uint32_t)i,
			    inv->racks[i].site);
		else
			r = group_node(d, ns + 1 + inv->racks[i].site,
			    DN_RACK_GROUP, inv->racks[i].site,
			    inv->racks[i].site);
		d->rep[c] = r;
		member_infra(d, r, c, 0);
	}
	for (i = 0; i < inv->nhosts; i++) {
		const struct host *h = &inv->hosts[i];

		c = b[KIND_HOST] + (uint32_t)i;
		if (!d->keep[c])
			continue;
		if (d->ilevel >= 2)
			r = group_node(d, ns + 1 + h->site, DN_RACK_GROUP,
			    h->site, h->site);
		else if (h->rack != INDEX_NONE &&
		    d->rep[b[KIND_RACK] + h->rack] != INDEX_NONE) {
			if (d->ilevel == 0 &&
			    d->perrack[h->rack] <= d->hosts_shown)
				r = node_add(d, DN_HOST, (uint32_t)i, h->site);
			else
				r = d->rep[b[KIND_RACK] + h->rack];
		} else if (d->ilevel == 0 &&
		    d->persite[h->site] <= d->hosts_shown)
			r = node_add(d, DN_HOST, (uint32_t)i, h->site);
		else
			r = group_node(d, 2 * (ns + 1) + h->site,
			    DN_HOST_GROUP, h->site, h->site);
		d->rep[c] = r;
		if (d->nodes[r].type == DN_HOST) {
			if (d->o->scenario != NULL) {
				d->nodes[r].down = (uint32_t)scenario_is_down(
				    d->o->scenario, c);
				d->nodes[r].failed = d->failed[c];
			}
			d->nodes[r].cause = d->cause[c];
			d->nodes[r].count = 1;
		} else
			member_infra(d, r, c, 1);
	}
}

static void
edge_add(struct drawing *d, uint32_t from, uint32_t to, enum edge_style st)
{
	struct dedge	*e;

	if (from == INDEX_NONE || to == INDEX_NONE)
		return;
	if (from == to && (d->nodes[from].type != DN_SERVICE ||
	    st == EDGE_RUNS || st == EDGE_STANDBY))
		return;
	if (d->ne > 0) {
		e = &d->edges[d->ne - 1];
		if (e->from == from && e->to == to && e->style == st) {
			e->weight++;
			return;
		}
	}
	XGROW(d->edges, d->ecap, d->ne + 1);
	e = &d->edges[d->ne++];
	e->from = from;
	e->to = to;
	e->style = st;
	e->weight = 1;
}

/* Edges from a drawn node to the drawn nodes of a span's targets; kind -1
 * takes each reference's own kind (power or domain). */
static void
edges_span(struct drawing *d, uint32_t from, struct span sp, int kind,
    enum edge_style st)
{
	const struct ref	*r = inventory_refs(d->inv, sp);
	uint32_t		 i, c;
	int			 k;

	for (i = 0; i < sp.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		k = kind >= 0 ? kind : r[i].kind;
		if (k < 0 || k >= KIND_COUNT)
			continue;
		c = d->a->base[k] + r[i].target;
		if (!d->keep[c])
			continue;
		edge_add(d, from, d->rep[c], k == KIND_DOMAIN ? EDGE_DOMAIN :
		    st == EDGE_HARD && r[i].soft ? EDGE_SOFT : st);
	}
}

/* Recovery or failover edges of service s, filtered by --edges. */
static void
edges_tools(struct drawing *d, uint32_t from, uint32_t s, struct span sp,
    enum edge_style plain, enum edge_style blocked)
{
	const struct ref	*r = inventory_refs(d->inv, sp);
	uint32_t		 i, c;
	int			 b;

	if (d->o->edges == DOT_EDGES_NONE)
		return;
	for (i = 0; i < sp.n; i++) {
		if (r[i].target == INDEX_NONE)
			continue;
		c = d->a->base[KIND_SERVICE] + r[i].target;
		if (!d->keep[c])
			continue;
		b = dot_blocked_has(d->blocked, s, r[i].target);
		if (!b && d->o->edges == DOT_EDGES_BLOCKED)
			continue;
		edge_add(d, from, d->rep[c], b ? blocked : plain);
	}
}

/* Whether the scenario takes down a host of span sp. */
static int
span_hit(const struct drawing *d, struct span sp)
{
	const struct ref	*r = inventory_refs(d->inv, sp);
	uint32_t		 i;

	for (i = 0; i < sp.n; i++)
		if (r[i].target != INDEX_NONE && scenario_is_down(d->o->scenario,
		    d->a->base[KIND_HOST] + r[i].target))
			return 1;
	return 0;
}

static int
edge_cmp(const void *x, const void *y)
{
	const struct dedge	*a = x, *b = y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	return a->style < b->style ? -1 : a->style > b->style;
}

static void
plan_service_edges(struct drawing *d, uint32_t failed_node)
{
	const struct inventory	*inv = d->inv;
	const uint32_t		*b = d->a->base;
	uint32_t		 i, j, from;
	int			 hit;

	for (i = 0; i < inv->nservices; i++) {
		const struct service *s = &inv->services[i];

		if (!d->keep[b[KIND_SERVICE] + i])
			continue;
		from = d->rep[b[KIND_SERVICE] + i];
		if (d->o->view == DOT_VIEW_SERVICES) {
			edges_span(d, from, s->depends_on, KIND_SERVICE,
			    EDGE_HARD);
			edges_tools(d, from, i, s->recovery, EDGE_RECOVERY,
			    EDGE_RECOVERY_BLOCKED);
			for (j = 0; j < s->nstandby; j++)
				edges_tools(d, from, i,
				    inv->standbys[s->standby_off + j].via,
				    EDGE_FAILOVER, EDGE_FAILOVER_BLOCKED);
			if (failed_node == INDEX_NONE)
				continue;
			hit = span_hit(d, s->runs_on);
			for (j = 0; j < s->nstandby && !hit; j++)
				hit = span_hit(d, inv->standbys[s->standby_off +
				    j].runs_on);
			if (hit)
				edge_add(d, from, failed_node, EDGE_FAILED);
		} else {
			edges_span(d, from, s->runs_on, KIND_HOST, EDGE_RUNS);
			for (j = 0; j < s->nstandby; j++)
				edges_span(d, from,
				    inv->standbys[s->standby_off + j].runs_on,
				    KIND_HOST, EDGE_STANDBY);
		}
	}
}

static void
plan_edges(struct drawing *d)
{
	const struct inventory	*inv = d->inv;
	const uint32_t		*b = d->a->base;
	size_t			 i, k;
	uint32_t		 from, failed_node = INDEX_NONE;

	for (i = 0; i < d->n; i++)
		if (d->nodes[i].type == DN_FAILED)
			failed_node = (uint32_t)i;
	plan_service_edges(d, failed_node);
	if (d->o->view == DOT_VIEW_PLACEMENT) {
		for (i = 0; i < inv->nhosts; i++) {
			const struct host *h = &inv->hosts[i];

			if (!d->keep[b[KIND_HOST] + i])
				continue;
			from = d->rep[b[KIND_HOST] + i];
			if (d->nodes[from].type == DN_HOST &&
			    h->rack != INDEX_NONE)
				edge_add(d, from, d->rep[b[KIND_RACK] +
				    h->rack], EDGE_IN);
			if (h->on != INDEX_NONE &&
			    d->keep[b[KIND_HOST] + h->on])
				edge_add(d, from, d->rep[b[KIND_HOST] + h->on],
				    EDGE_ON);
			edges_span(d, from, h->power, KIND_POWER, EDGE_POWER);
			edges_span(d, from, h->in, -1, EDGE_DOMAIN);
		}
		for (i = 0; i < inv->nracks; i++) {
			if (!d->keep[b[KIND_RACK] + i])
				continue;
			from = d->rep[b[KIND_RACK] + i];
			edges_span(d, from, inv->racks[i].power, KIND_POWER,
			    EDGE_POWER);
			edges_span(d, from, inv->racks[i].in, -1, EDGE_DOMAIN);
		}
		for (i = 0; i < inv->npower; i++) {
			if (!d->keep[b[KIND_POWER] + i])
				continue;
			from = d->rep[b[KIND_POWER] + i];
			edges_span(d, from, inv->power[i].fed_by, -1,
			    EDGE_POWER);
			edges_span(d, from, inv->power[i].in, -1, EDGE_DOMAIN);
		}
		for (i = 0; i < inv->ndomains; i++) {
			if (!d->keep[b[KIND_DOMAIN] + i])
				continue;
			from = d->rep[b[KIND_DOMAIN] + i];
			edges_span(d, from, inv->domains[i].fed_by, -1,
			    EDGE_POWER);
			edges_span(d, from, inv->domains[i].in, -1,
			    EDGE_DOMAIN);
		}
	}
	if (d->ne == 0)
		return;
	qsort(d->edges, d->ne, sizeof *d->edges, edge_cmp);
	for (i = 1, k = 1; i < d->ne; i++)
		if (edge_cmp(&d->edges[i], &d->edges[k - 1]) != 0)
			d->edges[k++] = d->edges[i];
		else
			d->edges[k - 1].weight += d->edges[i].weight;
	d->ne = k;
}

static int
edge_weight_cmp(const void *x, const void *y)
{
	const struct dedge	*a = x, *b = y;

	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return edge_cmp(x, y);
}

/*
 * Dependencies between groups of services run every way and make dot's
 * layout crawl (26 groups with 600 edges: a minute); keep the heaviest.
 */
static void
trim_group_edges(struct drawing *d)
{
	size_t	keep = DOT_GROUP_EDGES_PER_NODE * d->n;

	d->untrimmed = 0;
	if (d->o->view != DOT_VIEW_SERVICES || d->slevel == 0 ||
	    d->ne <= keep)
		return;
	d->untrimmed = d->ne;
	qsort(d->edges, d->ne, sizeof *d->edges, edge_weight_cmp);
	d->ne = keep;
	qsort(d->edges, d->ne, sizeof *d->edges, edge_cmp);
}

static void
plan_reset(struct drawing *d)
{
	memset(d->rep, 0xff, d->ncomp * sizeof *d->rep);
	d->n = 0;
	d->ne = 0;
}

static size_t
count_kept(const struct drawing *d, enum entity_kind k)
{
	size_t	i, n = 0;

	for (i = d->a->base[k]; i < d->a->base[k + 1]; i++)
		n += d->keep[i];
	return n;
}

/* Say what the chosen level collapsed, and why. */
static void
plan_notes(struct drawing *d, struct diag_list *diags)
{
	size_t		 i, groups = 0, hosts = 0, racks = 0;
	int		 owned = 0, unowned = 0;
	const char	*how;
	char		 why[64];

	if (d->o->collapse == DOT_COLLAPSE_OWNER)
		snprintf(why, sizeof why, "as --collapse owner asks");
	else if (d->o->collapse == DOT_COLLAPSE_KIND)
		snprintf(why, sizeof why, "as --collapse kind asks");
	else
		snprintf(why, sizeof why, "to keep the drawing under %zu "
		    "nodes", d->budget);
	if (d->slevel > 0) {
		for (i = 0; i < d->n; i++) {
			groups += is_service_group(d->nodes[i].type);
			owned |= d->nodes[i].type == DN_OWNER;
			unowned |= d->nodes[i].type == DN_UNOWNED;
		}
		if (!owned)
			how = "by kind";
		else if (unowned)
			how = "by owner (by kind when they have none)";
		else
			how = "by owner";
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu services "
		    "collapsed into %zu group%s %s %s",
		    count_kept(d, KIND_SERVICE), groups,
		    groups == 1 ? "" : "s", how, why);
	}
	snprintf(why, sizeof why, "to keep the drawing under %zu nodes",
	    d->budget);
	if (d->o->view == DOT_VIEW_PLACEMENT && d->ilevel == 0) {
		for (i = 0; i < d->n; i++)
			if (d->nodes[i].type == DN_RACK ||
			    d->nodes[i].type == DN_HOST_GROUP) {
				hosts += d->nodes[i].hosts;
				racks += d->nodes[i].hosts > 0;
			}
		if (hosts > 0)
			diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu "
			    "hosts drawn as a count in %zu rack%s (or site%s) "
			    "of more than %zu hosts", hosts, racks,
			    racks == 1 ? "" : "s", racks == 1 ? "" : "s",
			    d->hosts_shown);
	}
	if (d->ilevel == 1)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu hosts "
		    "collapsed to a count per rack %s",
		    count_kept(d, KIND_HOST), why);
	if (d->ilevel >= 2)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu racks and "
		    "%zu hosts collapsed to a count per site %s",
		    count_kept(d, KIND_RACK), count_kept(d, KIND_HOST), why);
	if (d->ilevel >= 3)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu power "
		    "domains collapsed to a count per site %s",
		    count_kept(d, KIND_POWER), why);
	if (d->untrimmed > 0)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu of %zu "
		    "edges between service groups drawn (those standing for "
		    "the most dependencies)", d->ne, d->untrimmed);
}

static int
is_tool_edge(uint32_t);

/* Edges that take part in the layout: not recovery or failover ones. */
static size_t
layout_edges(const struct drawing *d)
{
	size_t	i, n = 0;

	for (i = 0; i < d->ne; i++)
		n += !is_tool_edge(d->edges[i].style);
	return n;
}

static void
plan_once(struct drawing *d)
{
	plan_reset(d);
	plan_services(d);
	plan_failed(d);
	if (d->o->view == DOT_VIEW_PLACEMENT)
		plan_infra(d);
}

/* Plan at the lowest collapse level that fits the budget. */
static void
plan(struct drawing *d, struct diag_list *diags)
{
	const struct inventory	*inv = d->inv;
	const uint32_t		*b = d->a->base;
	size_t			 i;
	int			 maxi = d->o->view == DOT_VIEW_PLACEMENT ? 3 : 0;
	int			 smin = 0, smax = 2;

	d->budget = d->o->max_nodes != 0 ? d->o->max_nodes :
	    out_dot_budget(d->o->size);
	d->hosts_shown = d->o->collapse == DOT_COLLAPSE_NONE ? SIZE_MAX :
	    OUT_DOT_HOSTS_SHOWN;
	if (d->o->view == DOT_VIEW_PLACEMENT) {
		d->perrack = xcalloc(inv->nracks + 1, sizeof *d->perrack);
		d->persite = xcalloc(inv->nsites + 1, sizeof *d->persite);
		for (i = 0; i < inv->nhosts; i++) {
			if (!d->keep[b[KIND_HOST] + i])
				continue;
			if (inv->hosts[i].rack != INDEX_NONE)
				d->perrack[inv->hosts[i].rack]++;
			else
				d->persite[inv->hosts[i].site]++;
		}
	}
	switch (d->o->collapse) {
	case DOT_COLLAPSE_NONE:
		d->slevel = d->ilevel = 0;
		plan_once(d);
		plan_edges(d);
		return;
	case DOT_COLLAPSE_OWNER:
		smin = smax = 1;
		break;
	case DOT_COLLAPSE_KIND:
		smin = smax = 2;
		break;
	default:
		break;
	}
	for (d->slevel = smin; d->slevel <= smax; d->slevel++)
		for (d->ilevel = 0; d->ilevel <= maxi; d->ilevel++) {
			plan_once(d);
			if (d->n + inv->nsites > d->budget)
				continue;
			plan_edges(d);
			trim_group_edges(d);
			if (layout_edges(d) <= d->budget * DOT_EDGES_NUM /
			    DOT_EDGES_DEN)
				goto done;
		}
	/* Nothing fits: the most collapsed plan is still bounded by the
	 * number of sites, domains and service kinds. */
	d->slevel = smax;
	d->ilevel = maxi;
	plan_once(d);
	plan_edges(d);
	trim_group_edges(d);
	diag_add(diags, DIAG_WARNING, NULL, 0, 0, "graph: the drawing has "
	    "%zu nodes and %zu edges even fully collapsed", d->n, d->ne);
done:
	plan_notes(d, diags);
}

/*
 * Object ids in creation order.  cgraph's default id discipline uses the
 * address of the interned name as the id, and writes subgraphs in id
 * order, so the order of clusters in the DOT text would follow malloc.
 * Names get ids 2, 4, 6, ... in order of first use (anonymous objects the
 * odd ids, as in cgraph).  Printed names must be cgraph's own reference
 * strings (its writer reads a flag stored before them), so they are kept
 * with agstrdup() and freed with the graph's string table.
 */
struct gv_ids {
	Agraph_t	*g;
	struct symtab	*syms;
	char		**names;
	size_t		  cap;
	IDTYPE		  anon;
};

static void *
gv_ids_open(Agraph_t *g, Agdisc_t *disc)
{
	struct gv_ids	*ids = xcalloc(1, sizeof *ids);

	ids->g = g;
	ids->syms = symtab_create();
	ids->anon = 1;
	return ids;
}

static long
gv_ids_map(void *state, int objtype, char *str, IDTYPE *id, int create)
{
	struct gv_ids	*ids = state;
	size_t		 len, n;
	uint32_t	 sym;

	if (str == NULL) {
		*id = ids->anon;
		ids->anon += 2;
		return 1;
	}
	len = strlen(str);
	if ((sym = symtab_lookup(ids->syms, str, len)) == SYM_NONE) {
		if (!create)
			return 0;
		n = symtab_count(ids->syms);
		sym = symtab_intern(ids->syms, str, len);
		XGROW(ids->names, ids->cap, n + 1);
		ids->names[sym] = agstrdup(ids->g, str);
	}
	*id = 2 * ((IDTYPE)sym + 1);
	return 1;
}

static long
gv_ids_alloc(void *state, int objtype, IDTYPE id)
{
	return 0;
}

static void
gv_ids_free(void *state, int objtype, IDTYPE id)
{
}

static char *
gv_ids_print(void *state, int objtype, IDTYPE id)
{
	struct gv_ids	*ids = state;

	return id % 2 == 0 ? ids->names[id / 2 - 1] : NULL;
}

static void
gv_ids_close(void *state)
{
	struct gv_ids	*ids = state;

	free(ids->names);
	symtab_free(ids->syms);
	free(ids);
}

static void
gv_ids_register(void *state, int objtype, void *obj)
{
}

static Agiddisc_t gv_ids_disc = { gv_ids_open, gv_ids_map, gv_ids_alloc,
    gv_ids_free, gv_ids_print, gv_ids_close, gv_ids_register };


static void
set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, cg(name), cg(value), cg(""));
}

/* Set an attribute of obj to text, escaped by the label rule. */
static void
set_text(void *obj, const char *name, const char *text)
{
	char	*v = out_dot_escape(text);

	set(obj, name, v);
	free(v);
}

static void
set_label(void *obj, const char *text)
{
	set_text(obj, "label", text);
}

/* Text for an HTML-like label: markup characters as entities, controls
 * as U+FFFD. */
static void
html_escape(char **buf, size_t *len, size_t *cap, const char *s)
{
	const unsigned char	*p;
	const char		*rep;
	char			 one[2] = { 0, 0 };
	size_t			 n;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rep = "\xef\xbf\xbd";
			else {
				one[0] = (char)*p;
				rep = one;
			}
		}
		n = strlen(rep);
		XGROW(*buf, *cap, *len + n + 1);
		memcpy(*buf + *len, rep, n + 1);
		*len += n;
	}
}

static void
html_raw(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t	n = strlen(s);

	XGROW(*buf, *cap, *len + n + 1);
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

struct colours {
	const char	*fill;
	const char	*line;
	const char	*text;
};

static const struct colours fills[FILL_COUNT] = {
	{ "#ffcdd2", "#c62828", "single point:\nsite, power or domain" },
	{ "#ffe0b2", "#e65100", "single point:\nrack or host only" },
	{ "#c8e6c9", "#2e7d32", "no single point" },
	{ "#e57373", "#7f0000", "failed" },
	{ "#ffcdd2", "#c62828", "down" },
	{ "#ffe0b2", "#e65100", "degraded" },
	{ "#c8e6c9", "#2e7d32", "up" },
	{ "#fff9c4", "#8d6e00", "power domain" },
	{ "#d1c4e9", "#4527a0", "domain" },
	{ "#eceff1", "#455a64", "rack" },
	{ "#ffffff", "#455a64", "host" }
};
#define NEUTRAL_FILL	"#f5f5f5"	/* shape samples of the legend */
#define NEUTRAL_LINE	"#616161"
#define COLOUR_BLOCKED	"#6a1b9a"
#define PEN_MARK	"3"

static const struct {
	const char	*shape;
	const char	*style;
	const char	*text;
	int		 fill;		/* its own fill outside scenarios */
} shapes[SH_COUNT] = {
	{ "box", "rounded,filled", "app", -1 },
	{ "cylinder", "filled", "data", -1 },
	{ "component", "filled", "platform", -1 },
	{ "box3d", "filled", "tool", -1 },
	{ "box", "rounded,dashed,filled", "external", -1 },
	{ "folder", "filled", "group of services", -1 },
	{ "note", "filled", "failed components", FILL_FAILED },
	{ "hexagon", "filled", "power domain", FILL_POWER },
	{ "hexagon", "dashed,filled", "power domains\n(a count)", FILL_POWER },
	{ "ellipse", "filled", "domain", FILL_DOMAIN },
	{ "tab", "filled", "rack", FILL_RACK },
	{ "tab", "dashed,filled", "racks and hosts\n(a count)", FILL_RACK },
	{ "box", "filled", "host", FILL_HOST },
	{ "box", "dashed,filled", "hosts (a count)", FILL_HOST }
};

static const struct {
	const char	*style;
	const char	*colour;
	const char	*text;
	const char	*text_scenario;
} edge_styles[EDGE_COUNT] = {
	{ "solid", "#424242", "hard dependency", NULL },
	{ "dashed", "#424242", "soft dependency", NULL },
	{ "dotted", "#ab47bc", "recovery tool", NULL },
	{ "dotted", COLOUR_BLOCKED, "recovery tool one\nfault takes with it",
	    "recovery tool down" },
	{ "dashed", "#00897b", "failover tool", NULL },
	{ "dashed", COLOUR_BLOCKED, "failover tool one\nfault takes with it",
	    "failover tool down" },
	{ "solid", "#c62828", "hit by the failure", NULL },
	{ "solid", "#1565c0", "runs on", NULL },
	{ "dashed", "#1565c0", "standby on", NULL },
	{ "dashed", "#455a64", "runs on host", NULL },
	{ "solid", "#90a4ae", "in rack", NULL },
	{ "dotted", "#4527a0", "in domain", NULL },
	{ "solid", "#8d6e00", "powered by", NULL }
};

static const char *
entity_str(const struct inventory *inv, uint32_t sym)
{
	return sym == SYM_NONE ? "" : inventory_str(inv, sym);
}

/* "id", or "id\nname" when it has a display name; "id — N services"
 * first when it is a minimal cause. */
static char *
entity_label(const struct drawing *d, enum entity_kind k, uint32_t idx,
    int cause)
{
	const struct inventory	*inv = d->inv;
	const struct entity	*e = inventory_entity(inv, k, idx);
	const char		*id = inventory_str(inv, e->id);
	uint32_t		 blast = 0;
	char			*first, *t;

	if (cause && d->a->blast != NULL)
		blast = d->a->blast[d->a->base[k] + idx];
	if (blast > 0)
		first = xasprintf("%s \xe2\x80\x94 %u service%s", id, blast,
		    blast == 1 ? "" : "s");
	else
		first = xstrdup(id);
	if (e->name == SYM_NONE || e->name == e->id)
		return first;
	t = xasprintf("%s\n%s", first, inventory_str(inv, e->name));
	free(first);
	return t;
}

/* "site pangyo, power pangyo-ups-b3 and 2 more" for the failed list. */
static char *
failed_text(const struct drawing *d, int all)
{
	const struct analysis	*a = d->a;
	char			*s = xstrdup(""), *t, ref[300];
	size_t			 i, n = 0, shown = all ? SIZE_MAX : DOT_LIST_SHOWN;
	enum entity_kind	 k;
	uint32_t		 idx;

	for (i = 0; i < d->o->nfailed; i++) {
		if (d->o->failed[i] >= d->ncomp)
			continue;
		if (n++ >= shown)
			continue;
		k = analysis_component_kind(a, d->o->failed[i]);
		idx = analysis_component_index(a, d->o->failed[i]);
		snprintf(ref, sizeof ref, "%s %s", inventory_kind_name(k),
		    inventory_str(d->inv, inventory_entity(d->inv, k,
		    idx)->id));
		t = xasprintf("%s%s%s", s, *s == '\0' ? "" : ", ", ref);
		free(s);
		s = t;
	}
	if (n > shown) {
		t = xasprintf("%s and %zu more", s, n - shown);
		free(s);
		s = t;
	}
	return s;
}

static char *
node_text(const struct drawing *d, const struct dnode *n)
{
	const struct inventory	*inv = d->inv;
	char			*base, *t;
	const char		*sfx;

	switch (n->type) {
	case DN_SERVICE:
		return entity_label(d, KIND_SERVICE, n->idx, 0);
	case DN_OWNER:
		base = xasprintf("%s\n%u service%s", entity_str(inv, n->idx),
		    n->count, n->count == 1 ? "" : "s");
		break;
	case DN_UNOWNED:
		base = xasprintf("%s, no owner\n%u service%s",
		    inventory_service_kind_name(n->idx), n->count,
		    n->count == 1 ? "" : "s");
		break;
	case DN_SKIND:
		base = xasprintf("%s\n%u service%s",
		    inventory_service_kind_name(n->idx), n->count,
		    n->count == 1 ? "" : "s");
		break;
	case DN_FAILED:
		t = failed_text(d, 0);
		base = xasprintf("failed: %s", t);
		free(t);
		return base;
	case DN_POWER:
		return entity_label(d, KIND_POWER, n->idx, n->cause);
	case DN_DOMAIN:
		t = entity_label(d, KIND_DOMAIN, n->idx, n->cause);
		base = xasprintf("%s\n(%s)", t, entity_str(inv,
		    inv->domains[n->idx].type));
		free(t);
		return base;
	case DN_POWER_GROUP:
		return xasprintf("%u power domain%s", n->count,
		    n->count == 1 ? "" : "s");
	case DN_RACK:
		t = entity_label(d, KIND_RACK, n->idx, n->cause);
		if (n->hosts == 0)
			return t;
		base = xasprintf("%s\n%u host%s", t, n->hosts,
		    n->hosts == 1 ? "" : "s");
		free(t);
		break;
	case DN_RACK_GROUP:
		base = xasprintf("%u rack%s\n%u host%s", n->count,
		    n->count == 1 ? "" : "s", n->hosts,
		    n->hosts == 1 ? "" : "s");
		break;
	case DN_HOST:
		return entity_label(d, KIND_HOST, n->idx, n->cause);
	default:
		base = xasprintf("%u host%s", n->hosts,
		    n->hosts == 1 ? "" : "s");
		break;
	}
	if (d->o->scenario == NULL)
		return base;
	if (is_service_group(n->type)) {
		if (n->down == 0 && n->degraded == 0)
			return base;
		t = xasprintf("%s\n%u down, %u degraded", base, n->down,
		    n->degraded);
	} else {
		if (n->hosts_down == 0)
			return base;
		sfx = n->hosts_down == 1 ? "" : "s";
		t = xasprintf("%s\n%u host%s down", base, n->hosts_down, sfx);
	}
	free(base);
	return t;
}

/* The name of a drawn node: "kind:id" for a component (see out_dot.h). */
static char *
node_name(const struct drawing *d, const struct dnode *n)
{
	const struct inventory	*inv = d->inv;
	static const char *const grp[] = { "power", "racks", "hosts" };
	char			*e, *s;
	int			 g;

	switch (n->type) {
	case DN_SERVICE:
		return xasprintf("service:%s", inventory_str(inv,
		    inv->services[n->idx].e.id));
	case DN_OWNER:
		e = out_dot_escape(entity_str(inv, n->idx));
		s = xasprintf("owner:%s", e);
		free(e);
		return s;
	case DN_SKIND:
		return xasprintf("kind:%s", inventory_service_kind_name(n->idx));
	case DN_UNOWNED:
		return xasprintf("unowned:%s",
		    inventory_service_kind_name(n->idx));
	case DN_FAILED:
		return xstrdup("failed");
	case DN_POWER:
		return xasprintf("power:%s", inventory_str(inv,
		    inv->power[n->idx].e.id));
	case DN_DOMAIN:
		return xasprintf("domain:%s", inventory_str(inv,
		    inv->domains[n->idx].e.id));
	case DN_RACK:
		return xasprintf("rack:%s", inventory_str(inv,
		    inv->racks[n->idx].e.id));
	case DN_HOST:
		return xasprintf("host:%s", inventory_str(inv,
		    inv->hosts[n->idx].e.id));
	default:
		g = n->type == DN_POWER_GROUP ? 0 : n->type == DN_RACK_GROUP ?
		    1 : 2;
		if (n->idx == INDEX_NONE)
			return xasprintf("unsited/%s", grp[g]);
		return xasprintf("site:%s/%s", inventory_str(inv,
		    inv->sites[n->idx].e.id), grp[g]);
	}
}

static void
tip_add(char **s, const char *fmt, const char *arg)
{
	char	*t = xasprintf(fmt, *s, arg);

	free(*s);
	*s = t;
}

/* Name, id, tier, kind, owner and single points (or blast radius). */
static char *
node_tooltip(const struct drawing *d, const struct dnode *n, const char *name)
{
	const struct inventory	*inv = d->inv;
	const struct analysis	*a = d->a;
	const struct entity	*e = NULL;
	enum entity_kind	 k = KIND_SERVICE;
	const uint32_t		*sp;
	char			*s, ref[300], buf[64];
	size_t			 nsp, i;
	uint32_t		 c;

	switch (n->type) {
	case DN_SERVICE: k = KIND_SERVICE; break;
	case DN_POWER: k = KIND_POWER; break;
	case DN_DOMAIN: k = KIND_DOMAIN; break;
	case DN_RACK: k = KIND_RACK; break;
	case DN_HOST: k = KIND_HOST; break;
	case DN_FAILED:
		s = failed_text(d, 1);
		tip_add(&s, "failed: %s%s", "");
		return s;
	default:
		s = node_text(d, n);
		tip_add(&s, "%s\n(%s)", name);
		return s;
	}
	e = inventory_entity(inv, k, n->idx);
	if (e->name != SYM_NONE && e->name != e->id)
		s = xasprintf("%s (%s)", inventory_str(inv, e->name), name);
	else
		s = xstrdup(name);
	c = a->base[k] + n->idx;
	if (k == KIND_SERVICE) {
		const struct service *sv = &inv->services[n->idx];

		snprintf(buf, sizeof buf, "tier %u %s", sv->tier,
		    inventory_service_kind_name(sv->kind));
		tip_add(&s, "%s\n%s", buf);
		if (sv->owner != SYM_NONE)
			tip_add(&s, "%s, owner %s", inventory_str(inv,
			    sv->owner));
		sp = analysis_single_points(a, n->idx, &nsp);
		if (nsp == 0)
			tip_add(&s, "%s\n%s", "no single point");
		for (i = 0; i < nsp && i < DOT_TIP_SHOWN; i++) {
			analysis_component_ref(a, sp[i], ref, sizeof ref);
			tip_add(&s, i == 0 ? "%s\nsingle points: %s" : "%s, %s",
			    ref);
		}
		if (nsp > DOT_TIP_SHOWN) {
			snprintf(buf, sizeof buf, " and %zu more",
			    nsp - DOT_TIP_SHOWN);
			tip_add(&s, "%s%s", buf);
		}
	} else {
		tip_add(&s, "%s\n%s", inventory_kind_name(k));
		if (k == KIND_DOMAIN)
			tip_add(&s, "%s, type %s", entity_str(inv,
			    inv->domains[n->idx].type));
		if (a->blast != NULL && a->blast[c] > 0) {
			snprintf(buf, sizeof buf, "takes down %u service%s",
			    a->blast[c], a->blast[c] == 1 ? "" : "s");
			tip_add(&s, "%s\n%s", buf);
		}
	}
	if (d->o->scenario != NULL) {
		if (d->failed[c])
			tip_add(&s, "%s\n%s", "failed");
		else if (k == KIND_SERVICE)
			tip_add(&s, "%s\n%s", n->down ? "down" : n->degraded ?
			    "degraded" : "up");
		else
			tip_add(&s, "%s\n%s", scenario_is_down(d->o->scenario,
			    c) ? "down" : "up");
		if (n->blocked)
			tip_add(&s, "%s, %s", "recovery blocked");
	}
	return s;
}

static enum shape_key
node_shape(const struct drawing *d, const struct dnode *n)
{
	switch (n->type) {
	case DN_SERVICE:
		switch (d->inv->services[n->idx].kind) {
		case SERVICE_DATA: return SH_DATA;
		case SERVICE_PLATFORM: return SH_PLATFORM;
		case SERVICE_TOOL: return SH_TOOL;
		case SERVICE_EXTERNAL: return SH_EXTERNAL;
		default: return SH_APP;
		}
	case DN_FAILED: return SH_FAILED;
	case DN_POWER: return SH_POWER;
	case DN_POWER_GROUP: return SH_POWER_GROUP;
	case DN_DOMAIN: return SH_DOMAIN;
	case DN_RACK: return SH_RACK;
	case DN_RACK_GROUP: return SH_RACK_GROUP;
	case DN_HOST: return SH_HOST;
	case DN_HOST_GROUP: return SH_HOST_GROUP;
	default: return SH_GROUP;
	}
}

/* The fill of a node in a scenario. */
static enum fill_key
node_state_fill(const struct dnode *n)
{
	size_t	members = n->type == DN_HOST_GROUP ? n->hosts : n->count;
	size_t	down = n->type == DN_HOST_GROUP ? n->hosts_down : n->down;

	if (n->failed && (members == 1 || n->type == DN_HOST ||
	    n->type == DN_FAILED))
		return FILL_FAILED;
	if (members > 0 && down == members)
		return FILL_DOWN;
	if (down > 0 || n->degraded > 0 || (is_infra(n->type) &&
	    n->hosts_down > 0))
		return FILL_DEGRADED;
	return FILL_UP;
}

static void
style_node(struct drawing *d, Agnode_t *an, const struct dnode *n)
{
	enum shape_key	sh = node_shape(d, n);
	enum fill_key	f;

	if (d->o->scenario != NULL)
		f = node_state_fill(n);
	else if (shapes[sh].fill >= 0)
		f = (enum fill_key)shapes[sh].fill;
	else
		f = (enum fill_key)(FILL_SP_NONE - n->status);
	d->used_shape[sh] = 1;
	d->used_fill[f] = 1;
	set(an, "shape", shapes[sh].shape);
	if (strcmp(shapes[sh].style, "filled") != 0)
		set(an, "style", shapes[sh].style);
	set(an, "fillcolor", fills[f].fill);
	set(an, "color", fills[f].line);
	if (n->cause && is_infra(n->type)) {
		set(an, "penwidth", PEN_MARK);
		d->used_mark[MARK_CAUSE] = 1;
	}
	if (n->blocked) {
		set(an, "color", COLOUR_BLOCKED);
		set(an, "penwidth", PEN_MARK);
		d->used_mark[MARK_BLOCKED] = 1;
	}
}

static void
style_edge(Agedge_t *e, enum edge_style st)
{
	if (strcmp(edge_styles[st].style, "solid") != 0)
		set(e, "style", edge_styles[st].style);
	set(e, "color", edge_styles[st].colour);
	switch (st) {
	case EDGE_RECOVERY_BLOCKED:
	case EDGE_FAILOVER_BLOCKED:
		set(e, "penwidth", "2");
		/* FALLTHROUGH */
	case EDGE_RECOVERY:
	case EDGE_FAILOVER:
		set(e, "constraint", "false");
		break;
	case EDGE_IN:
		set(e, "arrowhead", "none");
		break;
	default:
		break;
	}
}

/* ---- the legend: exactly what the picture uses ---- */

struct legend {
	Agraph_t	*cluster;
	Agraph_t	*row[3];	/* shapes, fills and marks, edges */
	Agnode_t	*first[3];
};

static Agnode_t *
legend_node(struct legend *l, int row, const char *name, const char *text)
{
	Agnode_t	*n;
	char		 rowname[32];

	if (l->row[row] == NULL) {
		snprintf(rowname, sizeof rowname, "legend_row%d", row);
		l->row[row] = agsubg(l->cluster, rowname, 1);
		set(l->row[row], "rank", "same");
	}
	n = agnode(l->row[row], cg(name), 1);
	set(n, "id", name);
	set_label(n, text);
	if (l->first[row] == NULL)
		l->first[row] = n;
	return n;
}

static void
legend(const struct drawing *d, Agraph_t *g)
{
	struct legend	 l;
	Agnode_t	*n, *t, *h;
	Agedge_t	*e;
	char		 name[64];
	const char	*text;
	int		 i, any = 0;

	for (i = 0; i < SH_COUNT; i++)
		any |= d->used_shape[i];
	if (!any)
		return;
	memset(&l, 0, sizeof l);
	l.cluster = agsubg(g, cg("cluster_legend"), 1);
	set_label(l.cluster, "legend");
	set(l.cluster, "style", "rounded");
	set(l.cluster, "color", "#9e9e9e");
	set(l.cluster, "id", "legend");
	for (i = 0; i < SH_COUNT; i++) {
		if (!d->used_shape[i])
			continue;
		snprintf(name, sizeof name, "legend:shape:%d", i);
		n = legend_node(&l, 0, name, shapes[i].text);
		set(n, "shape", shapes[i].shape);
		if (strcmp(shapes[i].style, "filled") != 0)
			set(n, "style", shapes[i].style);
		if (shapes[i].fill >= 0 && d->o->scenario == NULL) {
			set(n, "fillcolor", fills[shapes[i].fill].fill);
			set(n, "color", fills[shapes[i].fill].line);
		} else {
			set(n, "fillcolor", NEUTRAL_FILL);
			set(n, "color", NEUTRAL_LINE);
		}
	}
	for (i = 0; i < FILL_COUNT; i++) {
		/* An infrastructure fill is shown by its shape sample. */
		if (!d->used_fill[i] || (d->o->scenario == NULL &&
		    i >= FILL_FAILED))
			continue;
		snprintf(name, sizeof name, "legend:fill:%d", i);
		n = legend_node(&l, 1, name, fills[i].text);
		set(n, "fillcolor", fills[i].fill);
		set(n, "color", fills[i].line);
	}
	for (i = 0; i < MARK_COUNT; i++) {
		if (!d->used_mark[i])
			continue;
		snprintf(name, sizeof name, "legend:mark:%d", i);
		n = legend_node(&l, 1, name, i == MARK_CAUSE ?
		    "single point of a service\n(\xe2\x80\x94 services it "
		    "takes down)" : "recovery blocked");
		set(n, "fillcolor", NEUTRAL_FILL);
		set(n, "color", i == MARK_CAUSE ? NEUTRAL_LINE :
		    COLOUR_BLOCKED);
		set(n, "penwidth", PEN_MARK);
	}
	for (i = 0; i < EDGE_COUNT; i++) {
		if (!d->used_edge[i])
			continue;
		snprintf(name, sizeof name, "legend:edge:%d:from", i);
		t = legend_node(&l, 2, name, "");
		snprintf(name, sizeof name, "legend:edge:%d:to", i);
		h = agnode(l.cluster, cg(name), 1);
		set(h, "id", name);
		set_label(h, "");
		set(t, "shape", "point");
		set(h, "shape", "point");
		e = agedge(l.cluster, t, h, NULL, 1);
		text = edge_styles[i].text;
		if (d->o->scenario != NULL &&
		    edge_styles[i].text_scenario != NULL)
			text = edge_styles[i].text_scenario;
		set_label(e, text);
		style_edge(e, (enum edge_style)i);
		set(e, "constraint", "true");
	}
	/* Stack the rows. */
	for (i = 0, n = NULL; i < 3; i++) {
		if (l.first[i] == NULL)
			continue;
		if (n != NULL) {
			e = agedge(l.cluster, n, l.first[i], NULL, 1);
			set(e, "style", "invis");
		}
		n = l.first[i];
	}
}

/* ---- title, caption and page ---- */

static void
date_text(int32_t days, char *buf, size_t size)
{
	/* Howard Hinnant's civil_from_days. */
	long	z = (long)days + 719468, era, doe, yoe, y, doy, mp, dd, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, size, "%04ld-%02ld-%02ld", y + (m <= 2), m, dd);
}

/* "services view · focus: service kakaotalk · failed: site pangyo ·
 * 2022-10-15" */
static char *
caption(const struct drawing *d)
{
	char	*s, *t, ref[300];
	size_t	 i;

	s = xstrdup(d->o->view == DOT_VIEW_SERVICES ? "services view" :
	    "placement view");
	for (i = 0; i < d->o->nfocus && i <= DOT_LIST_SHOWN; i++) {
		if (i == DOT_LIST_SHOWN) {
			snprintf(ref, sizeof ref, " and %zu more",
			    d->o->nfocus - DOT_LIST_SHOWN);
			tip_add(&s, "%s%s", ref);
			break;
		}
		analysis_component_ref(d->a, d->o->focus[i], ref, sizeof ref);
		tip_add(&s, i == 0 ? "%s \xc2\xb7 focus: %s" : "%s, %s", ref);
	}
	if (d->o->scenario != NULL && d->o->nfailed > 0) {
		t = failed_text(d, 0);
		tip_add(&s, "%s \xc2\xb7 failed: %s", t);
		free(t);
	}
	if (d->o->date != 0) {
		date_text(d->o->date, ref, sizeof ref);
		tip_add(&s, "%s \xc2\xb7 %s", ref);
	}
	return s;
}

static void
title(const struct drawing *d, Agraph_t *g)
{
	const char	*name = d->o->title;
	char		*buf = NULL, *cap, *h;
	size_t		 len = 0, bcap = 0;
	Agsym_t		*sym;

	if (name == NULL && d->inv->meta.present && d->inv->meta.name != NULL)
		name = d->inv->meta.name;
	if (name == NULL)
		name = "faultline";
	cap = caption(d);
	html_raw(&buf, &len, &bcap, "<FONT POINT-SIZE=\"18\"><B>");
	html_escape(&buf, &len, &bcap, name);
	html_raw(&buf, &len, &bcap, "</B></FONT><BR/>"
	    "<FONT POINT-SIZE=\"11\" COLOR=\"#424242\">");
	html_escape(&buf, &len, &bcap, cap);
	html_raw(&buf, &len, &bcap, "</FONT>");
	sym = agattr(g, AGRAPH, cg("label"), cg(""));
	h = agstrdup_html(g, buf);
	agxset(g, sym, h);
	agstrfree(g, h);
	set(g, "labelloc", "t");
	free(cap);
	free(buf);
}

/*
 * The direction that fits the page best.  Ranks are estimated by longest
 * path over the edges that constrain the layout; a node is taken as about
 * 1.6 x 0.6 inches with dot's spacing.  Top to bottom, ranks are rows; left
 * to right, columns.  The direction needing the least shrinking wins.
 */
static int
is_tool_edge(uint32_t style)
{
	return style == EDGE_RECOVERY || style == EDGE_RECOVERY_BLOCKED ||
	    style == EDGE_FAILOVER || style == EDGE_FAILOVER_BLOCKED;
}

/*
 * The direction and staggering that fit the page best.  Ranks are
 * estimated by longest path over the edges that constrain the layout; a
 * node is taken as about 1.6 x 0.6 inches with dot's spacing.  Top to
 * bottom, ranks are rows; left to right, columns.  A rank much wider than
 * the drawing is deep is spread over up to four ranks by lengthening the
 * edges of its leaves (minlen, as Graphviz's unflatten -l does).  The
 * choice needing the least shrinking wins.
 */
static void
choose_layout(struct drawing *d)
{
	const struct page	*p = &pages[d->o->size];
	uint32_t		*rank, *per, depth = 1, width = 1, l;
	size_t			 i, pass;
	int			 changed = 1;
	double			 tb, lr, best = HUGE_VAL, w, dp;

	d->lr = 0;
	d->stagger = 1;
	if (d->n == 0)
		return;
	rank = xcalloc(d->n, sizeof *rank);
	for (pass = 0; changed && pass < 64; pass++) {
		changed = 0;
		for (i = 0; i < d->ne; i++) {
			const struct dedge *e = &d->edges[i];

			if (is_tool_edge(e->style) || e->from == e->to)
				continue;
			if (rank[e->to] < rank[e->from] + 1 &&
			    rank[e->from] + 1 < d->n) {
				rank[e->to] = rank[e->from] + 1;
				changed = 1;
			}
		}
	}
	per = xcalloc(d->n, sizeof *per);
	for (i = 0; i < d->n; i++) {
		if (rank[i] + 1 > depth)
			depth = rank[i] + 1;
		if (++per[rank[i]] > width)
			width = per[rank[i]];
	}
	free(per);
	free(rank);
	for (l = 1; l <= 4; l++) {
		w = (double)width / l + 1;
		dp = (double)depth * l;
		tb = fmax(w * 1.6 / p->w, dp * 1.0 / p->h);
		lr = fmax(dp * 2.2 / p->w, w * 0.6 / p->h);
		if (tb < best) {
			best = tb;
			d->lr = 0;
			d->stagger = l;
		}
		if (lr < best) {
			best = lr;
			d->lr = 1;
			d->stagger = l;
		}
	}
}

static void
page(const struct drawing *d, Agraph_t *g)
{
	const struct page	*p = &pages[d->o->size];

	set(g, "rankdir", d->lr ? "LR" : "TB");
	set(g, "newrank", "true");
	set(g, "ratio", p->ratio);
	set(g, "size", p->size);
	set(g, "nodesep", "0.25");
	set(g, "ranksep", "0.5");
}

/* ---- cgraph ---- */

static Agraph_t *
build_graph(struct drawing *d)
{
	static Agdisc_t		 disc;
	const struct inventory	*inv = d->inv;
	Agraph_t		*g, **clusters, *parent;
	Agnode_t		**an;
	Agedge_t		*e;
	char			 name[48], *text, *nm;
	size_t			 i;
	uint32_t		*indeg, *outdeg, leaves = 0;

	disc.mem = &AgMemDisc;
	disc.id = &gv_ids_disc;
	disc.io = &AgIoDisc;
	g = agopen(cg("faultline"), Agdirected, &disc);
	agattr(g, AGRAPH, cg("fontname"), cg("Helvetica"));
	agattr(g, AGRAPH, cg("fontsize"), cg("10"));
	agattr(g, AGRAPH, cg("label"), cg(""));
	agattr(g, AGRAPH, cg("style"), cg(""));
	agattr(g, AGRAPH, cg("color"), cg(""));
	agattr(g, AGRAPH, cg("id"), cg(""));
	agattr(g, AGRAPH, cg("penwidth"), cg("1"));
	agattr(g, AGNODE, cg("label"), cg(""));
	agattr(g, AGNODE, cg("shape"), cg("box"));
	agattr(g, AGNODE, cg("style"), cg("filled"));
	agattr(g, AGNODE, cg("fillcolor"), cg("#ffffff"));
	agattr(g, AGNODE, cg("color"), cg("#000000"));
	agattr(g, AGNODE, cg("penwidth"), cg("1"));
	agattr(g, AGNODE, cg("fontname"), cg("Helvetica"));
	agattr(g, AGNODE, cg("fontsize"), cg("10"));
	agattr(g, AGNODE, cg("id"), cg(""));
	agattr(g, AGNODE, cg("tooltip"), cg(""));
	agattr(g, AGEDGE, cg("label"), cg(""));
	agattr(g, AGEDGE, cg("style"), cg("solid"));
	agattr(g, AGEDGE, cg("color"), cg("#424242"));
	agattr(g, AGEDGE, cg("arrowhead"), cg("normal"));
	agattr(g, AGEDGE, cg("fontname"), cg("Helvetica"));
	agattr(g, AGEDGE, cg("fontsize"), cg("9"));
	agattr(g, AGEDGE, cg("penwidth"), cg("1"));
	choose_layout(d);
	page(d, g);
	title(d, g);

	/* One cluster per site, in site order, and one for services on
	 * several sites. */
	clusters = xcalloc(inv->nsites + 2, sizeof *clusters);
	for (i = 0; i < d->n; i++) {
		uint32_t s = d->nodes[i].site;

		if (s != CLUSTER_OUTSIDE && s <= inv->nsites)
			clusters[s] = (Agraph_t *)1;	/* made below */
	}
	for (i = 0; i <= inv->nsites; i++) {
		if (clusters[i] == NULL)
			continue;
		if (i == inv->nsites) {
			clusters[i] = agsubg(g, cg("cluster_multi"), 1);
			set_label(clusters[i], "on several sites");
			set(clusters[i], "style", "rounded,dashed");
			set(clusters[i], "id", "several-sites");
		} else {
			snprintf(name, sizeof name, "cluster_site%zu", i);
			clusters[i] = agsubg(g, name, 1);
			text = entity_label(d, KIND_SITE, (uint32_t)i, 0);
			set_label(clusters[i], text);
			free(text);
			set(clusters[i], "style", "rounded");
			if (d->failed[d->a->base[KIND_SITE] + i] ||
			    (d->o->scenario != NULL && scenario_is_down(
			    d->o->scenario, d->a->base[KIND_SITE] + i))) {
				text = entity_label(d, KIND_SITE, (uint32_t)i,
				    0);
				nm = xasprintf("%s\n(%s)", text,
				    d->failed[d->a->base[KIND_SITE] + i] ?
				    "failed" : "down");
				set_label(clusters[i], nm);
				set(clusters[i], "penwidth", PEN_MARK);
				free(nm);
				free(text);
			}
			nm = xasprintf("site:%s", inventory_str(inv,
			    inv->sites[i].e.id));
			set(clusters[i], "id", nm);
			free(nm);
		}
		set(clusters[i], "color", strcmp(agget(clusters[i],
		    cg("penwidth")), PEN_MARK) == 0 ? fills[FILL_FAILED].line :
		    "#37474f");
	}
	an = xcalloc(d->n + 1, sizeof *an);
	for (i = 0; i < d->n; i++) {
		const struct dnode *n = &d->nodes[i];

		nm = node_name(d, n);
		parent = n->site == CLUSTER_OUTSIDE || n->site > inv->nsites ?
		    g : clusters[n->site];
		an[i] = agnode(parent, nm, 1);
		set(an[i], "id", nm);
		text = node_text(d, n);
		set_label(an[i], text);
		free(text);
		if (d->o->tooltips) {
			text = node_tooltip(d, n, nm);
			set_text(an[i], "tooltip", text);
			free(text);
		}
		style_node(d, an[i], n);
		free(nm);
	}
	indeg = xcalloc(d->n + 1, sizeof *indeg);
	outdeg = xcalloc(d->n + 1, sizeof *outdeg);
	for (i = 0; i < d->ne; i++)
		if (!is_tool_edge(d->edges[i].style)) {
			outdeg[d->edges[i].from]++;
			indeg[d->edges[i].to]++;
		}
	for (i = 0; i < d->ne; i++) {
		e = agedge(g, an[d->edges[i].from], an[d->edges[i].to], NULL,
		    1);
		style_edge(e, (enum edge_style)d->edges[i].style);
		if (d->stagger > 1 && !is_tool_edge(d->edges[i].style) &&
		    (indeg[d->edges[i].from] == 0 ||
		    outdeg[d->edges[i].to] == 0)) {
			snprintf(name, sizeof name, "%u",
			    1 + leaves++ % d->stagger);
			if (strcmp(name, "1") != 0)
				set(e, "minlen", name);
		}
		d->used_edge[d->edges[i].style] = 1;
		if (d->edges[i].weight >= 100)
			set(e, "penwidth", "3");
		else if (d->edges[i].weight >= 10)
			set(e, "penwidth", "2");
	}
	legend(d, g);
	free(indeg);
	free(outdeg);
	free(an);
	free(clusters);
	return g;
}

/* ---- rendering ---- */

/*
 * One Graphviz context for the process, made on first use and kept: the
 * pango plugin of Graphviz 2.43 caches a pointer into the context's font
 * table in a static, so a second context would read freed memory.
 */
static GVC_t *
gv_context(void)
{
	static GVC_t	*gvc;

	if (gvc == NULL)
		gvc = gvContext();
	return gvc;
}

/*
 * Lay out and render into memory (gvRenderData), then write it to fp
 * ourselves: Graphviz's own writer calls exit(1) on a write error, which
 * would leave a temporary file and no message.  remincross=false: the
 * second crossing-minimisation pass of Graphviz 2.43 reads past a heap
 * block on some graphs (valgrind, kakao-2022's services view); without
 * it only a few nodes sit elsewhere in their ranks.
 */
static int
render(Agraph_t *g, enum dot_format f, FILE *fp, struct diag_list *diags)
{
	static const char *const formats[] = { "dot", "svg", "png", "pdf" };
	GVC_t		*gvc;
	char		*data = NULL;
	unsigned int	 len = 0;
	int		 rc = 0;

	if (f == DOT_FORMAT_DOT)
		return agwrite(g, fp) == 0 && !ferror(fp) ? 0 : -1;
	gvc = gv_context();
	agsafeset(g, cg("remincross"), cg("false"), cg(""));
	if (gvLayout(gvc, g, "dot") != 0) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0,
		    "graph: the dot layout failed");
		return -1;
	}
	if (gvRenderData(gvc, g, formats[f], &data, &len) != 0 ||
	    data == NULL) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0,
		    "graph: cannot render %s", formats[f]);
		rc = -1;
	} else if (fwrite(data, 1, len, fp) != len)
		rc = -1;
	gvFreeRenderData(data);
	gvFreeLayout(gvc, g);
	return rc == 0 && !ferror(fp) ? 0 : -1;
}

/*
 * Infrastructure that is a minimal cause (the failure semantics (README)) of some service
 * other than an external one, as the engine finds them.
 */
static uint8_t *
minimal_causes(const struct analysis *a)
{
	const struct inventory	*inv = a->inv;
	uint8_t			*cause = xcalloc(a->base[KIND_COUNT] + 1, 1);
	const uint32_t		*mc;
	size_t			 n, i, j;

	for (i = 0; i < inv->nservices; i++) {
		if (inv->services[i].kind == SERVICE_EXTERNAL)
			continue;
		mc = analysis_minimal_causes(a, (uint32_t)i, &n);
		for (j = 0; j < n; j++)
			cause[mc[j]] = 1;
	}
	return cause;
}

int
out_dot_write(const struct analysis *a, const struct dot_options *o,
    enum dot_format f, FILE *fp, struct diag_list *diags)
{
	struct drawing	 d;
	Agraph_t	*g;
	agusererrf	 prev;
	const uint32_t	*sp;
	size_t		 i, j, n;
	enum entity_kind k;
	int		 rc;

	memset(&d, 0, sizeof d);
	d.a = a;
	d.inv = a->inv;
	d.o = o;
	d.ncomp = a->base[KIND_COUNT];
	d.rep = xreallocarray(NULL, d.ncomp + 1, sizeof *d.rep);
	d.status = xcalloc(d.inv->nservices + 1, 1);
	for (i = 0; i < d.inv->nservices; i++) {
		sp = analysis_single_points(a, (uint32_t)i, &n);
		for (j = 0; j < n; j++) {
			k = analysis_component_kind(a, sp[j]);
			if (k == KIND_SITE || k == KIND_POWER ||
			    k == KIND_DOMAIN)
				d.status[i] = STATUS_SITE;
			else if (d.status[i] == STATUS_NONE)
				d.status[i] = STATUS_LOCAL;
		}
	}
	d.failed = xcalloc(d.ncomp + 1, 1);
	for (i = 0; i < o->nfailed; i++)
		if (o->failed[i] < d.ncomp)
			d.failed[o->failed[i]] = 1;
	d.keep = dot_focus_keep(a, o->focus, o->nfocus);
	if (o->view == DOT_VIEW_SERVICES)
		memset(d.keep, 0, a->base[KIND_SERVICE]);
	d.cause = o->view == DOT_VIEW_PLACEMENT ? minimal_causes(a) :
	    xcalloc(d.ncomp + 1, 1);
	d.blocked = dot_blocked_create(a, o->scenario);
	plan(&d, diags);

	prev = agseterrf(gv_error_collect);
	g = build_graph(&d);
	rc = render(g, f, fp, diags);
	agclose(g);
	agseterrf(prev);
	gv_errors_flush(diags, rc == 0 ? DIAG_WARNING : DIAG_ERROR);

	dot_blocked_free(d.blocked);
	free(d.cause);
	free(d.perrack);
	free(d.persite);
	free(d.edges);
	free(d.nodes);
	free(d.grp);
	free(d.keep);
	free(d.failed);
	free(d.status);
	free(d.rep);
	return rc;
}

int
out_dot_graph(const struct analysis *a, const struct dot_options *o,
    const char *file, FILE *stdout_fp, struct diag_list *diags)
{
	struct outfile	of;
	int		f, saved;

	if (file == NULL || strcmp(file, "-") == 0) {
		errno = 0;
		if (out_dot_write(a, o, DOT_FORMAT_DOT, stdout_fp, diags) == 0 &&
		    fflush(stdout_fp) == 0 && !ferror(stdout_fp))
			return 0;
		saved = errno != 0 ? errno : EIO;
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "cannot write standard "
		    "output: %s", strerror(saved));
		return -1;
	}
	if ((f = out_dot_format_of(file)) < 0) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "%s: unknown diagram "
		    "format (use .dot, .gv, .svg, .png or .pdf)", file);
		return -1;
	}
	if (outfile_open(&of, file) != 0) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s",
		    file, strerror(errno));
		return -1;
	}
	errno = 0;
	if (out_dot_write(a, o, (enum dot_format)f, of.fp, diags) != 0) {
		saved = errno;
		if (saved == 0 && fflush(of.fp) != 0)
			saved = errno;
		outfile_abort(&of);
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s%s%s",
		    file, saved != 0 ? ": " : "", saved != 0 ?
		    strerror(saved) : "");
		return -1;
	}
	if (outfile_commit(&of) != 0) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s",
		    file, strerror(errno));
		return -1;
	}
	return 0;
}
