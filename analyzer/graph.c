/*
 * graph.c -- topological order and strongly connected components on igraph.
 *
 * The only file that includes igraph.  Every call runs with our own error
 * handler installed (and the caller's restored after): igraph's default
 * aborts the process, ours keeps the first reason, frees igraph's
 * temporaries (IGRAPH_FINALLY_FREE) and returns, so the error code travels
 * back up through IGRAPH_CHECK to a diagnostic.  Functions holding igraph
 * objects register them with IGRAPH_FINALLY, as igraph's own code does.
 */
#include <stdio.h>
#include <string.h>

#include <igraph.h>

#include "graph.h"

static char	graph_reason[256];

static void
graph_error_handler(const char *reason, const char *file, int line,
    igraph_error_t err)
{
	if (graph_reason[0] == '\0')
		snprintf(graph_reason, sizeof graph_reason, "%s", reason);
	IGRAPH_FINALLY_FREE();
}

static void
graph_warning_handler(const char *reason, const char *file, int line)
{
}

/* The igraph handlers in force around one call of ours. */
struct graph_handlers {
	igraph_error_handler_t		*error;
	igraph_warning_handler_t	*warning;
};

static void
graph_enter(struct graph_handlers *saved)
{
	graph_reason[0] = '\0';
	saved->error = igraph_set_error_handler(graph_error_handler);
	saved->warning = igraph_set_warning_handler(graph_warning_handler);
}

static int
graph_leave(const struct graph_handlers *saved, igraph_error_t err,
    const char *what, struct diag_list *dl)
{
	igraph_set_error_handler(saved->error);
	igraph_set_warning_handler(saved->warning);
	if (err == IGRAPH_SUCCESS)
		return 0;
	diag_add(dl, DIAG_ERROR, NULL, 0, 0, "%s: %s", what,
	    graph_reason[0] != '\0' ? graph_reason : igraph_strerror(err));
	return -1;
}

/* A directed graph on n vertices from our edge list; *g must be destroyed. */
static igraph_error_t
graph_make(igraph_t *g, uint32_t n, const uint32_t *edges, size_t m)
{
	igraph_vector_int_t	ev;
	size_t			i;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&ev, (igraph_integer_t)(2 * m));
	for (i = 0; i < 2 * m; i++)
		VECTOR(ev)[i] = edges[i];
	IGRAPH_CHECK(igraph_create(g, &ev, n, IGRAPH_DIRECTED));
	igraph_vector_int_destroy(&ev);
	IGRAPH_FINALLY_CLEAN(1);
	return IGRAPH_SUCCESS;
}

/* Needed vertices first: igraph's IGRAPH_IN order on "needs" edges. */
static igraph_error_t
graph_topo(uint32_t n, const uint32_t *edges, size_t m, uint32_t *order)
{
	igraph_t		g;
	igraph_vector_int_t	res;
	igraph_integer_t	i;

	IGRAPH_CHECK(graph_make(&g, n, edges, m));
	IGRAPH_FINALLY(igraph_destroy, &g);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&res, 0);
	IGRAPH_CHECK(igraph_topological_sorting(&g, &res, IGRAPH_IN));
	if (igraph_vector_int_size(&res) != (igraph_integer_t)n)
		IGRAPH_ERROR("the graph has a cycle", IGRAPH_EINVAL);
	for (i = 0; i < (igraph_integer_t)n; i++)
		order[i] = (uint32_t)VECTOR(res)[i];
	igraph_vector_int_destroy(&res);
	igraph_destroy(&g);
	IGRAPH_FINALLY_CLEAN(2);
	return IGRAPH_SUCCESS;
}

int
graph_topological_order(uint32_t n, const uint32_t *edges, size_t m,
    uint32_t *order, const char *what, struct diag_list *dl)
{
	struct graph_handlers	saved;

	graph_enter(&saved);
	return graph_leave(&saved, graph_topo(n, edges, m, order), what, dl);
}

static igraph_error_t
graph_scc(uint32_t n, const uint32_t *edges, size_t m, uint32_t *comp,
    uint32_t *ncomp, uint32_t *order)
{
	igraph_t		g, cg;
	igraph_vector_int_t	memb, cev, res;
	igraph_integer_t	no, i, a, b, k;

	IGRAPH_CHECK(graph_make(&g, n, edges, m));
	IGRAPH_FINALLY(igraph_destroy, &g);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&memb, 0);
	IGRAPH_CHECK(igraph_connected_components(&g, &memb, NULL, &no,
	    IGRAPH_STRONG));
	for (i = 0; i < (igraph_integer_t)n; i++)
		comp[i] = (uint32_t)VECTOR(memb)[i];

	/* The condensation: one vertex per component, edges between them. */
	IGRAPH_VECTOR_INT_INIT_FINALLY(&cev, 0);
	IGRAPH_CHECK(igraph_vector_int_reserve(&cev,
	    (igraph_integer_t)(2 * m)));
	for (k = 0; k < (igraph_integer_t)m; k++) {
		a = VECTOR(memb)[edges[2 * k]];
		b = VECTOR(memb)[edges[2 * k + 1]];
		if (a != b) {
			IGRAPH_CHECK(igraph_vector_int_push_back(&cev, a));
			IGRAPH_CHECK(igraph_vector_int_push_back(&cev, b));
		}
	}
	IGRAPH_CHECK(igraph_create(&cg, &cev, no, IGRAPH_DIRECTED));
	IGRAPH_FINALLY(igraph_destroy, &cg);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&res, 0);
	IGRAPH_CHECK(igraph_topological_sorting(&cg, &res, IGRAPH_IN));
	if (igraph_vector_int_size(&res) != no)
		IGRAPH_ERROR("the condensation has a cycle", IGRAPH_EINTERNAL);
	for (i = 0; i < no; i++)
		order[i] = (uint32_t)VECTOR(res)[i];
	*ncomp = (uint32_t)no;

	igraph_vector_int_destroy(&res);
	igraph_destroy(&cg);
	igraph_vector_int_destroy(&cev);
	igraph_vector_int_destroy(&memb);
	igraph_destroy(&g);
	IGRAPH_FINALLY_CLEAN(5);
	return IGRAPH_SUCCESS;
}

int
graph_components(uint32_t n, const uint32_t *edges, size_t m, uint32_t *comp,
    uint32_t *ncomp, uint32_t *order, const char *what, struct diag_list *dl)
{
	struct graph_handlers	saved;

	graph_enter(&saved);
	return graph_leave(&saved, graph_scc(n, edges, m, comp, ncomp, order),
	    what, dl);
}
