/*
 * validate_graph.c -- the placement graph of an inventory during resolve:
 * the site of a host that runs on another host (through chains), and
 * cycles through site, in, fed_by, rack, power and on, each reported once
 * with its members ("cycle: power a -> domain b -> power a").
 *
 * Both are linear: the chains are followed once with their results kept,
 * the cycles found by one iterative three-colour depth-first search over
 * every site, power domain, domain, rack and host (no recursion, so a
 * chain of a million power domains does not overflow the stack).
 */
#include <stdlib.h>
#include <string.h>

#include "validate_priv.h"
#include "xalloc.h"

#define DFS_WHITE	0
#define DFS_GREY	1
#define DFS_BLACK	2

void
validate_graph_host_sites(struct resolve *r)
{
	struct host	*h = r->inv->hosts;
	size_t		 n = r->inv->nhosts, depth, i;
	uint8_t		*state;
	uint32_t	*stack, v, site;

	if (n == 0)
		return;
	state = xcalloc(n, 1);
	stack = xreallocarray(NULL, n, sizeof *stack);
	for (i = 0; i < n; i++) {
		depth = 0;
		v = (uint32_t)i;
		while (state[v] == DFS_WHITE && h[v].site == INDEX_NONE &&
		    h[v].on != INDEX_NONE) {
			state[v] = DFS_GREY;
			stack[depth++] = v;
			v = h[v].on;
		}
		/* A grey host closes a cycle: no site (reported as a cycle). */
		site = state[v] == DFS_GREY ? INDEX_NONE : h[v].site;
		state[v] = state[v] == DFS_GREY ? DFS_GREY : DFS_BLACK;
		while (depth > 0) {
			v = stack[--depth];
			h[v].site = site;
			state[v] = DFS_BLACK;
		}
	}
	free(stack);
	free(state);
}

/* The nodes of the graph: every entity but services, kind by kind. */
struct graph {
	struct resolve	*r;
	uint32_t	 base[KIND_SERVICE + 1];
	uint32_t	 n;
	uint32_t	 last_from, last_to;	/* the last back edge reported */
};

/* The reference spans of node v, in order; returns how many. */
static int
graph_spans(const struct graph *g, enum entity_kind k, uint32_t i,
    struct span *sp)
{
	const struct inventory	*inv = g->r->inv;

	switch (k) {
	case KIND_SITE:
		sp[0] = inv->sites[i].in;
		return 1;
	case KIND_POWER:
		sp[0] = inv->power[i].site_ref;
		sp[1] = inv->power[i].fed_by;
		sp[2] = inv->power[i].in;
		return 3;
	case KIND_DOMAIN:
		sp[0] = inv->domains[i].site_ref;
		sp[1] = inv->domains[i].fed_by;
		sp[2] = inv->domains[i].in;
		return 3;
	case KIND_RACK:
		sp[0] = inv->racks[i].site_ref;
		sp[1] = inv->racks[i].power;
		sp[2] = inv->racks[i].in;
		return 3;
	default:
		sp[0] = inv->hosts[i].site_ref;
		sp[1] = inv->hosts[i].rack_ref;
		sp[2] = inv->hosts[i].on_ref;
		sp[3] = inv->hosts[i].power;
		sp[4] = inv->hosts[i].in;
		return 5;
	}
}

static enum entity_kind
graph_kind(const struct graph *g, uint32_t v, uint32_t *i)
{
	int	k;

	for (k = KIND_HOST; k > KIND_SITE && v < g->base[k]; k--)
		;
	*i = v - g->base[k];
	return (enum entity_kind)k;
}

/*
 * Edge j of node v: 1 and its target node (or UINT32_MAX when it names
 * nothing known) and mark; 0 past the last edge.  A site's region domain
 * is its last edge.
 */
static int
graph_edge(const struct graph *g, uint32_t v, uint32_t j, uint32_t *to,
    struct mark *m)
{
	const struct inventory	*inv = g->r->inv;
	const struct ref	*ref;
	struct span		 sp[5];
	enum entity_kind	 k;
	uint32_t		 i;
	int			 n, s;

	k = graph_kind(g, v, &i);
	n = graph_spans(g, k, i, sp);
	for (s = 0; s < n; s++) {
		if (j >= sp[s].n) {
			j -= sp[s].n;
			continue;
		}
		ref = &inv->refs[sp[s].off + j];
		*m = ref->mark;
		*to = ref->target != INDEX_NONE && ref->kind <= KIND_HOST ?
		    g->base[ref->kind] + ref->target : UINT32_MAX;
		return 1;
	}
	if (k == KIND_SITE && j == 0 &&
	    inv->sites[i].region_domain != INDEX_NONE) {
		*m = inv->sites[i].region_mark;
		*to = g->base[KIND_DOMAIN] + inv->sites[i].region_domain;
		return 1;
	}
	return 0;
}

static void
graph_name(struct graph *g, uint32_t v, char **s, size_t *len, size_t *cap)
{
	const char	*kind, *id;
	enum entity_kind k;
	uint32_t	 i;
	size_t		 need;

	k = graph_kind(g, v, &i);
	kind = inventory_kind_name(k);
	id = validate_sym(g->r, inventory_entity(g->r->inv, k, i)->id);
	need = strlen(kind) + strlen(id) + 6;
	XGROW(*s, *cap, *len + need);
	memcpy(*s + *len, kind, strlen(kind));
	*len += strlen(kind);
	(*s)[(*len)++] = ' ';
	memcpy(*s + *len, id, strlen(id) + 1);
	*len += strlen(id);
}

/* Report the cycle nodes[from .. depth) closed by an edge back to t. */
static void
graph_report(struct graph *g, const uint32_t *nodes, const uint32_t *pos,
    size_t from, size_t depth, uint32_t t)
{
	char		*s = NULL;
	size_t		 len = 0, cap = 0, k;
	uint32_t	 to;
	struct mark	 m;

	for (k = from; k < depth; k++) {
		graph_name(g, nodes[k], &s, &len, &cap);
		XGROW(s, cap, len + 5);
		memcpy(s + len, " -> ", 5);
		len += 4;
	}
	graph_name(g, t, &s, &len, &cap);
	/* At the first node's edge into the cycle (pos is one past it). */
	graph_edge(g, nodes[from], pos[from] - 1, &to, &m);
	validate_error(g->r, &m, "cycle: %s", s);
	free(s);
}

static void
graph_dfs(struct graph *g, uint32_t root, uint8_t *colour, uint32_t *nodes,
    uint32_t *pos, uint32_t *depth_of)
{
	size_t		depth = 1;
	uint32_t	v, t;
	struct mark	m;

	colour[root] = DFS_GREY;
	nodes[0] = root;
	pos[0] = 0;
	depth_of[root] = 0;
	while (depth > 0) {
		v = nodes[depth - 1];
		if (!graph_edge(g, v, pos[depth - 1]++, &t, &m)) {
			colour[v] = DFS_BLACK;
			depth--;
			continue;
		}
		if (t == UINT32_MAX)
			continue;
		if (colour[t] == DFS_WHITE) {
			colour[t] = DFS_GREY;
			depth_of[t] = (uint32_t)depth;
			nodes[depth] = t;
			pos[depth] = 0;
			depth++;
		} else if (colour[t] == DFS_GREY &&
		    (g->last_from != v || g->last_to != t)) {
			/* A reference listed twice is one cycle, not two. */
			g->last_from = v;
			g->last_to = t;
			graph_report(g, nodes, pos, depth_of[t], depth, t);
		}
	}
}

void
validate_graph_cycles(struct resolve *r)
{
	struct graph	 g;
	uint8_t		*colour;
	uint32_t	*nodes, *pos, *depth_of, v;
	int		 k;

	g.r = r;
	g.n = 0;
	for (k = KIND_SITE; k <= KIND_HOST; k++) {
		g.base[k] = g.n;
		g.n += (uint32_t)inventory_count(r->inv, k);
	}
	g.base[KIND_SERVICE] = g.n;
	g.last_from = g.last_to = UINT32_MAX;
	if (g.n == 0)
		return;
	colour = xcalloc(g.n, sizeof *colour);
	nodes = xreallocarray(NULL, g.n, sizeof *nodes);
	pos = xreallocarray(NULL, g.n, sizeof *pos);
	depth_of = xreallocarray(NULL, g.n, sizeof *depth_of);
	for (v = 0; v < g.n; v++)
		if (colour[v] == DFS_WHITE)
			graph_dfs(&g, v, colour, nodes, pos, depth_of);
	free(depth_of);
	free(pos);
	free(nodes);
	free(colour);
}
