/*
 * graph.h -- the graph algorithms the analysis needs, on igraph: the
 * topological order of the power feed graph and the strongly connected
 * components of the service hard-dependency graph, in dependency order.
 *
 * This module is the only one that includes igraph.  Graphs are passed as
 * edge lists of vertex numbers 0..n-1: edge i goes from edges[2i] to
 * edges[2i+1] and means "edges[2i] needs edges[2i+1]".  igraph's error
 * handler is replaced by one that records the reason and frees igraph's
 * temporaries instead of aborting, and its warnings are silenced, so a
 * failure becomes a diagnostic.
 */
#ifndef FAULTLINE_GRAPH_H
#define FAULTLINE_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/*
 * Order the n vertices so that every vertex comes after all it needs;
 * order receives n vertex numbers.  Returns 0, or -1 with a diagnostic
 * naming what (e.g. "power feed graph") when the graph has a cycle or
 * igraph fails.
 */
int	graph_topological_order(uint32_t n, const uint32_t *edges, size_t m,
	    uint32_t *order, const char *what, struct diag_list *);

/*
 * Strongly connected components: comp[v] receives the component of vertex
 * v, *ncomp their count, and order the ncomp components so that each comes
 * after every component it needs (dependencies first).  Returns 0, or -1
 * with a diagnostic naming what when igraph fails.
 */
int	graph_components(uint32_t n, const uint32_t *edges, size_t m,
	    uint32_t *comp, uint32_t *ncomp, uint32_t *order, const char *what,
	    struct diag_list *);

#endif
