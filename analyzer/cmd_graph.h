/*
 * cmd_graph.h -- "faultline graph": draw the services or placement view
 * of an inventory as DOT, SVG, PNG or PDF.
 */
#ifndef FAULTLINE_CMD_GRAPH_H
#define FAULTLINE_CMD_GRAPH_H

#include "commands.h"

/*
 * Load and analyse the inventory, resolve --focus and --fail, and write
 * the diagram to -o (format by extension) or as DOT to stdout.  Notes go
 * to stderr.  Returns the exit status: 0, or EXIT_INVALID (2) for an
 * invalid inventory, a bad REF or output name, or a write error.
 */
int	cmd_graph(const struct command_options *);

#endif
