/*
 * out_dot.c -- Graphviz diagrams of an analysis (see out_dot.h).
 *
 * The only file that includes cgraph.h and gvc.h.  Their quirks are
 * handled here: cgraph takes char * for names and values it never
 * modifies (cg() casts), and reports problems through agerr, which is
 * diverted into the diagnostics list while we work.
 *
 * A drawing is planned before cgraph sees it: every kept component gets a
 * drawn node (itself, or the group it is collapsed into), edges are mapped
 * onto drawn nodes and deduplicated, and the plan is redone at the next
 * collapse level while it has too many nodes or edges.  Only the plan that
 * fits is turned into a cgraph graph, so dot never runs on more.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cgraph.h>
#include <gvc.h>

#include "dot_focus.h"
#include "out_dot.h"
#include "outfile.h"
#include "xalloc.h"

#define DOT_EDGES_NUM		4	/* edge cap: max_nodes times 4/3 */
#define DOT_EDGES_DEN		3
#define DOT_GROUP_EDGES_PER_NODE 3	/* between service groups */
#define DOT_LEGEND_NODES	16	/* at most, counted against the cap */

/* What a drawn node stands for. */
enum dn_type {
	DN_SERVICE,		/* idx: service */
	DN_OWNER,		/* idx: owner symbol */
	DN_SKIND,		/* idx: enum service_kind */
	DN_UNOWNED,		/* idx: enum service_kind, no owner */
	DN_POWER,		/* idx: power domain */
	DN_POWER_GROUP,		/* the power domains of a site */
	DN_RACK,		/* idx: rack, its hosts a count when collapsed */
	DN_RACK_GROUP,		/* the racks and hosts of a site */
	DN_HOST,		/* idx: host */
	DN_HOST_GROUP		/* the rackless hosts of a site */
};

/* Static status of a service by its single points. */
enum sp_status {
	STATUS_NONE,		/* no single point */
	STATUS_LOCAL,		/* only racks or hosts */
	STATUS_SITE		/* a site or power domain */
};

enum edge_style {
	EDGE_HARD,
	EDGE_SOFT,
	EDGE_RECOVERY,
	EDGE_RUNS,
	EDGE_IN,
	EDGE_POWER
};

struct dnode {
	uint8_t		type;		/* enum dn_type */
	uint8_t		status;		/* worst enum sp_status of members */
	uint8_t		blocked;	/* a member is recovery-blocked */
	uint8_t		failed;		/* a member was failed by the scenario */
	uint32_t	idx;
	uint32_t	site;		/* cluster; INDEX_NONE: outside */
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
	uint8_t				*status;	/* per service */
	uint32_t			*rep;		/* per component */
	uint32_t			*grp;		/* grouping scratch */
	size_t				 ngrp;
	uint32_t			*perrack;	/* kept hosts per rack */
	uint32_t			*persite;	/* kept rackless hosts */
	struct dnode			*nodes;
	size_t				 n, cap;
	struct dedge			*edges;
	size_t				 ne, ecap;
	size_t				 untrimmed;	/* edges before trimming */
	int				 ilevel;	/* 0..3 */
	int				 slevel;	/* 0..2 */
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

/* In the placement view, a service whose kept hosts are all in one site
 * is drawn inside that site. */
static uint32_t
service_site(const struct drawing *d, const struct service *s)
{
	const struct ref	*r = inventory_refs(d->inv, s->runs_on);
	uint32_t		 i, site = INDEX_NONE, hs;

	if (d->o->view != DOT_VIEW_PLACEMENT)
		return INDEX_NONE;
	for (i = 0; i < s->runs_on.n; i++) {
		if (!d->keep[d->a->base[KIND_HOST] + r[i].target])
			continue;
		hs = d->inv->hosts[r[i].target].site;
		if (site != INDEX_NONE && hs != site)
			return INDEX_NONE;
		site = hs;
	}
	return site;
}

/* A node standing for several services. */
static int
is_service_group(uint8_t type)
{
	return type == DN_OWNER || type == DN_SKIND || type == DN_UNOWNED;
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
				    s->kind, INDEX_NONE);
			else
				r = group_node(d, owner, DN_OWNER, owner,
				    INDEX_NONE);
		} else
			r = group_node(d, s->kind, DN_SKIND, s->kind,
			    INDEX_NONE);
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

static void
member_infra(struct drawing *d, uint32_t node, uint32_t c, int host)
{
	struct dnode	*n = &d->nodes[node];
	int		 down;

	if (host)
		n->hosts++;
	else
		n->count++;
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
 * site's rackless hosts) has more than OUT_DOT_HOSTS_SHOWN; 1 hosts always
 * a count; 2 racks and hosts a count per site; 3 power too.
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
			    d->perrack[h->rack] <= OUT_DOT_HOSTS_SHOWN)
				r = node_add(d, DN_HOST, (uint32_t)i, h->site);
			else
				r = d->rep[b[KIND_RACK] + h->rack];
		} else if (d->ilevel == 0 &&
		    d->persite[h->site] <= OUT_DOT_HOSTS_SHOWN)
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
	    st == EDGE_RUNS))
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

static void
edges_refs(struct drawing *d, uint32_t from, struct span sp, uint32_t base,
    int deps)
{
	const struct ref	*r = inventory_refs(d->inv, sp);
	uint32_t		 i;

	for (i = 0; i < sp.n; i++) {
		if (!d->keep[base + r[i].target])
			continue;
		edge_add(d, from, d->rep[base + r[i].target],
		    deps == 0 ? EDGE_POWER : deps == 2 ? EDGE_RECOVERY :
		    r[i].soft ? EDGE_SOFT : EDGE_HARD);
	}
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
plan_edges(struct drawing *d)
{
	const struct inventory	*inv = d->inv;
	const uint32_t		*b = d->a->base;
	size_t			 i, j, k;
	uint32_t		 from;

	for (i = 0; i < inv->nservices; i++) {
		const struct service *s = &inv->services[i];

		if (!d->keep[b[KIND_SERVICE] + i])
			continue;
		from = d->rep[b[KIND_SERVICE] + i];
		if (d->o->view == DOT_VIEW_SERVICES) {
			edges_refs(d, from, s->depends_on, b[KIND_SERVICE], 1);
			edges_refs(d, from, s->recovery, b[KIND_SERVICE], 2);
		} else {
			const struct ref *r = inventory_refs(inv, s->runs_on);

			for (j = 0; j < s->runs_on.n; j++)
				if (d->keep[b[KIND_HOST] + r[j].target])
					edge_add(d, from, d->rep[b[KIND_HOST] +
					    r[j].target], EDGE_RUNS);
		}
	}
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
			edges_refs(d, from, h->power, b[KIND_POWER], 0);
		}
		for (i = 0; i < inv->nracks; i++)
			if (d->keep[b[KIND_RACK] + i])
				edges_refs(d, d->rep[b[KIND_RACK] + i],
				    inv->racks[i].power, b[KIND_POWER], 0);
		for (i = 0; i < inv->npower; i++)
			if (d->keep[b[KIND_POWER] + i])
				edges_refs(d, d->rep[b[KIND_POWER] + i],
				    inv->power[i].fed_by, b[KIND_POWER], 0);
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

/* Say what the chosen level collapsed. */
static void
plan_notes(struct drawing *d, size_t cap, struct diag_list *diags)
{
	size_t		 i, groups = 0;
	int		 owned = 0, unowned = 0;
	const char	*how;

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
		    "collapsed into %zu group%s %s to keep the drawing under "
		    "%zu nodes", count_kept(d, KIND_SERVICE), groups,
		    groups == 1 ? "" : "s", how, cap);
	}
	if (d->ilevel >= 1 && d->ilevel < 2)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu hosts "
		    "collapsed to a count per rack to keep the drawing under "
		    "%zu nodes", count_kept(d, KIND_HOST), cap);
	if (d->ilevel >= 2)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu racks and "
		    "%zu hosts collapsed to a count per site to keep the "
		    "drawing under %zu nodes", count_kept(d, KIND_RACK),
		    count_kept(d, KIND_HOST), cap);
	if (d->ilevel >= 3)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu power "
		    "domains collapsed to a count per site to keep the "
		    "drawing under %zu nodes", count_kept(d, KIND_POWER), cap);
	if (d->untrimmed > 0)
		diag_add(diags, DIAG_NOTE, NULL, 0, 0, "graph: %zu of %zu "
		    "edges between service groups drawn (those standing for "
		    "the most dependencies)", d->ne, d->untrimmed);
}

/* Plan at the lowest collapse level that fits the caps. */
static void
plan(struct drawing *d, struct diag_list *diags)
{
	const struct inventory	*inv = d->inv;
	const uint32_t		*b = d->a->base;
	size_t			 cap, i, nodes;
	int			 maxi = d->o->view == DOT_VIEW_PLACEMENT ? 3 : 0;

	cap = d->o->max_nodes != 0 ? d->o->max_nodes : OUT_DOT_MAX_NODES;
	nodes = cap > DOT_LEGEND_NODES ? cap - DOT_LEGEND_NODES : 1;
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
	for (d->slevel = 0; d->slevel <= 2; d->slevel++)
		for (d->ilevel = 0; d->ilevel <= maxi; d->ilevel++) {
			plan_reset(d);
			plan_services(d);
			if (d->o->view == DOT_VIEW_PLACEMENT)
				plan_infra(d);
			if (d->n + inv->nsites > nodes)
				continue;
			plan_edges(d);
			trim_group_edges(d);
			if (d->ne <= cap * DOT_EDGES_NUM / DOT_EDGES_DEN)
				goto done;
		}
	/* Nothing fits: the most collapsed plan is still bounded by the
	 * number of sites and service kinds. */
	d->slevel = 2;
	d->ilevel = maxi;
	plan_reset(d);
	plan_services(d);
	if (d->o->view == DOT_VIEW_PLACEMENT)
		plan_infra(d);
	plan_edges(d);
	trim_group_edges(d);
	diag_add(diags, DIAG_WARNING, NULL, 0, 0, "graph: the drawing has "
	    "%zu nodes and %zu edges even fully collapsed", d->n, d->ne);
done:
	plan_notes(d, cap, diags);
}

/* ---- cgraph ---- */

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

/* Set the label of obj to text, escaped. */
static void
set_label(void *obj, const char *text)
{
	char	*v = out_dot_escape(text);

	set(obj, "label", v);
	free(v);
}

struct colours {
	const char	*fill;
	const char	*line;
};

static const struct colours status_colours[] = {
	{ "#c8e6c9", "#2e7d32" },	/* none */
	{ "#ffe0b2", "#e65100" },	/* rack or host */
	{ "#ffcdd2", "#c62828" }	/* site or power */
};
static const struct colours state_up = { "#c8e6c9", "#2e7d32" };
static const struct colours state_degraded = { "#ffe0b2", "#e65100" };
static const struct colours state_down = { "#ffcdd2", "#c62828" };
static const struct colours state_failed = { "#e57373", "#7f0000" };
static const struct colours power_colours = { "#fff9c4", "#8d6e00" };
static const struct colours rack_colours = { "#eceff1", "#455a64" };
static const struct colours host_colours = { "#ffffff", "#455a64" };
#define COLOUR_BLOCKED	"#6a1b9a"
#define COLOUR_RECOVERY	"#ab47bc"

static const char *
entity_str(const struct inventory *inv, uint32_t sym)
{
	return sym == SYM_NONE ? "" : inventory_str(inv, sym);
}

/* "id", or "id\nname" when it has a display name. */
static char *
entity_label(const struct inventory *inv, const struct entity *e)
{
	if (e->name == SYM_NONE || e->name == e->id)
		return xstrdup(inventory_str(inv, e->id));
	return xasprintf("%s\n%s", inventory_str(inv, e->id),
	    inventory_str(inv, e->name));
}

static char *
node_text(const struct drawing *d, const struct dnode *n)
{
	const struct inventory	*inv = d->inv;
	char			*base, *t;
	const char		*sfx;

	switch (n->type) {
	case DN_SERVICE:
		return entity_label(inv, &inv->services[n->idx].e);
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
	case DN_POWER:
		return entity_label(inv, &inv->power[n->idx].e);
	case DN_POWER_GROUP:
		return xasprintf("%u power domain%s", n->count,
		    n->count == 1 ? "" : "s");
	case DN_RACK:
		t = entity_label(inv, &inv->racks[n->idx].e);
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
		return entity_label(inv, &inv->hosts[n->idx].e);
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

/* The colours of a node in a scenario. */
static const struct colours *
node_state_colours(const struct dnode *n)
{
	int	infra = n->type >= DN_POWER;
	size_t	members = n->type == DN_HOST_GROUP ? n->hosts : n->count;
	size_t	down = n->type == DN_HOST_GROUP ? n->hosts_down : n->down;

	if (n->failed && (members == 1 || n->type == DN_HOST))
		return &state_failed;
	if (members > 0 && down == members)
		return &state_down;
	if (down > 0 || n->degraded > 0 || (infra && n->hosts_down > 0))
		return &state_degraded;
	return &state_up;
}

static void
style_node(const struct drawing *d, Agnode_t *an, const struct dnode *n)
{
	static const char *const shapes[] = { "box", "cylinder", "component",
	    "box3d", "box" };
	const struct colours	*c = NULL;
	const char		*shape = "box", *style = "filled";
	enum service_kind	 k;

	switch (n->type) {
	case DN_SERVICE:
		k = d->inv->services[n->idx].kind;
		shape = shapes[k];
		if (k == SERVICE_EXTERNAL)
			style = "rounded,dashed,filled";
		else if (k == SERVICE_APP)
			style = "rounded,filled";
		break;
	case DN_OWNER:
	case DN_SKIND:
	case DN_UNOWNED:
		shape = "folder";
		break;
	case DN_POWER:
	case DN_POWER_GROUP:
		shape = "hexagon";
		c = &power_colours;
		break;
	case DN_RACK:
		c = &rack_colours;
		break;
	case DN_RACK_GROUP:
		shape = "box3d";
		c = &rack_colours;
		break;
	default:
		c = &host_colours;
		break;
	}
	if (n->type == DN_HOST_GROUP)
		style = "dashed,filled";
	if (d->o->scenario != NULL)
		c = node_state_colours(n);
	else if (c == NULL)
		c = &status_colours[n->status];
	set(an, "shape", shape);
	if (strcmp(style, "filled") != 0)
		set(an, "style", style);
	set(an, "fillcolor", c->fill);
	set(an, "color", c->line);
	if (n->blocked) {
		set(an, "color", COLOUR_BLOCKED);
		set(an, "penwidth", "3");
	}
}

static void
style_edge(Agedge_t *e, enum edge_style st)
{
	switch (st) {
	case EDGE_SOFT:
		set(e, "style", "dashed");
		break;
	case EDGE_RECOVERY:
		set(e, "style", "dotted");
		set(e, "color", COLOUR_RECOVERY);
		set(e, "constraint", "false");
		break;
	case EDGE_RUNS:
		set(e, "color", "#1565c0");
		break;
	case EDGE_IN:
		set(e, "color", "#90a4ae");
		set(e, "arrowhead", "none");
		break;
	case EDGE_POWER:
		set(e, "color", "#8d6e00");
		break;
	default:
		break;
	}
}

static Agnode_t *
legend_node(Agraph_t *lg, unsigned *seq, const char *text, const char *shape,
    const char *style, const struct colours *c)
{
	char		 name[32];
	Agnode_t	*n;

	snprintf(name, sizeof name, "legend%u", (*seq)++);
	n = agnode(lg, name, 1);
	set_label(n, text);
	set(n, "shape", shape);
	if (style != NULL)
		set(n, "style", style);
	set(n, "fillcolor", c->fill);
	set(n, "color", c->line);
	return n;
}

static void
legend_edge(Agraph_t *lg, unsigned *seq, const char *text,
    enum edge_style st)
{
	static const struct colours	pt = { "#000000", "#000000" };
	Agnode_t			*t, *h;
	Agedge_t			*e;

	t = legend_node(lg, seq, "", "point", NULL, &pt);
	h = legend_node(lg, seq, "", "point", NULL, &pt);
	e = agedge(lg, t, h, NULL, 1);
	set_label(e, text);
	style_edge(e, st);
	set(e, "constraint", "true");
}

static void
legend(const struct drawing *d, Agraph_t *g)
{
	static const struct colours	white = { "#ffffff", "#000000" };
	Agraph_t			*lg;
	Agnode_t			*n;
	unsigned			 seq = 0;

	lg = agsubg(g, cg("cluster_legend"), 1);
	set_label(lg, "legend");
	set(lg, "style", "rounded");
	set(lg, "color", "#9e9e9e");
	if (d->o->scenario != NULL) {
		legend_node(lg, &seq, "failed", "box", NULL, &state_failed);
		legend_node(lg, &seq, "down", "box", NULL, &state_down);
		legend_node(lg, &seq, "degraded", "box", NULL,
		    &state_degraded);
		legend_node(lg, &seq, "up", "box", NULL, &state_up);
		n = legend_node(lg, &seq, "recovery blocked", "box", NULL,
		    &state_up);
		set(n, "color", COLOUR_BLOCKED);
		set(n, "penwidth", "3");
	} else if (d->o->view == DOT_VIEW_SERVICES) {
		legend_node(lg, &seq, "single point:\nsite or power", "box",
		    NULL, &status_colours[STATUS_SITE]);
		legend_node(lg, &seq, "single point:\nrack or host only",
		    "box", NULL, &status_colours[STATUS_LOCAL]);
		legend_node(lg, &seq, "no single point", "box", NULL,
		    &status_colours[STATUS_NONE]);
	}
	if (d->o->view == DOT_VIEW_SERVICES) {
		legend_node(lg, &seq, "tool", "box3d", NULL, &white);
		legend_node(lg, &seq, "data", "cylinder", NULL, &white);
		legend_node(lg, &seq, "external", "box",
		    "rounded,dashed,filled", &white);
		legend_edge(lg, &seq, "hard", EDGE_HARD);
		legend_edge(lg, &seq, "soft", EDGE_SOFT);
		legend_edge(lg, &seq, "recovery", EDGE_RECOVERY);
	} else {
		legend_node(lg, &seq, "power", "hexagon", NULL,
		    &power_colours);
		legend_node(lg, &seq, "rack", "box", NULL, &rack_colours);
		legend_edge(lg, &seq, "runs on", EDGE_RUNS);
		legend_edge(lg, &seq, "powered by", EDGE_POWER);
	}
}

static Agraph_t *
build_graph(const struct drawing *d)
{
	static Agdisc_t		 disc;
	static const char *const prefix[] = { "s", "o", "k", "u", "p", "pg",
	    "r", "rg", "h", "hg" };
	const struct inventory	*inv = d->inv;
	Agraph_t		*g, **clusters, *parent;
	Agnode_t		**an;
	Agedge_t		*e;
	char			 name[48], *text;
	size_t			 i;

	disc.mem = &AgMemDisc;
	disc.id = &gv_ids_disc;
	disc.io = &AgIoDisc;
	g = agopen(cg("faultline"), Agdirected, &disc);
	agattr(g, AGRAPH, cg("fontname"), cg("Helvetica"));
	agattr(g, AGRAPH, cg("fontsize"), cg("10"));
	agattr(g, AGRAPH, cg("label"), cg(""));
	agattr(g, AGRAPH, cg("style"), cg(""));
	agattr(g, AGRAPH, cg("color"), cg(""));
	agattr(g, AGNODE, cg("label"), cg(""));
	agattr(g, AGNODE, cg("shape"), cg("box"));
	agattr(g, AGNODE, cg("style"), cg("filled"));
	agattr(g, AGNODE, cg("fillcolor"), cg("#ffffff"));
	agattr(g, AGNODE, cg("color"), cg("#000000"));
	agattr(g, AGNODE, cg("penwidth"), cg("1"));
	agattr(g, AGNODE, cg("fontname"), cg("Helvetica"));
	agattr(g, AGNODE, cg("fontsize"), cg("10"));
	agattr(g, AGEDGE, cg("label"), cg(""));
	agattr(g, AGEDGE, cg("style"), cg("solid"));
	agattr(g, AGEDGE, cg("color"), cg("#424242"));
	agattr(g, AGEDGE, cg("arrowhead"), cg("normal"));
	agattr(g, AGEDGE, cg("fontname"), cg("Helvetica"));
	agattr(g, AGEDGE, cg("fontsize"), cg("9"));
	agattr(g, AGEDGE, cg("penwidth"), cg("1"));
	set(g, "rankdir", "LR");

	clusters = xcalloc(inv->nsites + 1, sizeof *clusters);
	for (i = 0; i < d->n; i++) {
		uint32_t s = d->nodes[i].site;

		if (s == INDEX_NONE || clusters[s] != NULL)
			continue;
		clusters[s] = (Agraph_t *)1;	/* seen; made in site order */
	}
	for (i = 0; i < inv->nsites; i++) {
		if (clusters[i] == NULL)
			continue;
		snprintf(name, sizeof name, "cluster_site%zu", i);
		clusters[i] = agsubg(g, name, 1);
		text = entity_label(inv, &inv->sites[i].e);
		set_label(clusters[i], text);
		free(text);
		set(clusters[i], "style", "rounded");
		set(clusters[i], "color", "#37474f");
	}
	an = xcalloc(d->n + 1, sizeof *an);
	for (i = 0; i < d->n; i++) {
		const struct dnode *n = &d->nodes[i];

		if (n->type == DN_SERVICE || n->type == DN_POWER ||
		    n->type == DN_RACK || n->type == DN_HOST)
			snprintf(name, sizeof name, "%s%u", prefix[n->type],
			    n->idx);
		else
			snprintf(name, sizeof name, "%s%zu", prefix[n->type],
			    i);
		parent = n->site == INDEX_NONE ? g : clusters[n->site];
		an[i] = agnode(parent, name, 1);
		text = node_text(d, n);
		set_label(an[i], text);
		free(text);
		style_node(d, an[i], n);
	}
	for (i = 0; i < d->ne; i++) {
		e = agedge(g, an[d->edges[i].from], an[d->edges[i].to], NULL,
		    1);
		style_edge(e, (enum edge_style)d->edges[i].style);
		if (d->edges[i].weight >= 100)
			set(e, "penwidth", "3");
		else if (d->edges[i].weight >= 10)
			set(e, "penwidth", "2");
	}
	legend(d, g);
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
 * block on some graphs (valgrind, kakao-2022's services view) and does
 * not change our drawings.
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
			if (k == KIND_SITE || k == KIND_POWER)
				d.status[i] = STATUS_SITE;
			else if (d.status[i] == STATUS_NONE)
				d.status[i] = STATUS_LOCAL;
		}
	}
	d.failed = xcalloc(d.ncomp + 1, 1);
	for (i = 0; i < o->nfailed; i++)
		if (o->failed[i] < d.ncomp)
			d.failed[o->failed[i]] = 1;
	d.keep = dot_focus_keep(a, o->focus, o->nfocus, o->view);
	plan(&d, diags);

	prev = agseterrf(gv_error_collect);
	g = build_graph(&d);
	rc = render(g, f, fp, diags);
	agclose(g);
	agseterrf(prev);
	gv_errors_flush(diags, rc == 0 ? DIAG_WARNING : DIAG_ERROR);

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
