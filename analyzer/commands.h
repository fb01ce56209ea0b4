/*
 * commands.h -- the faultline subcommands.  main.c parses the command line
 * into struct command_options and calls one of these; each returns the
 * process exit status (the command line (README)) and prints its own problems to stderr.
 * Each command lives in its own file, cmd_<name>.c.
 */
#ifndef FAULTLINE_COMMANDS_H
#define FAULTLINE_COMMANDS_H

#include <stddef.h>

#include "inventory.h"

#define EXIT_FINDINGS	1
#define EXIT_INVALID	2	/* invalid inventory, unreadable file, bad usage */

enum output_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_SARIF,
	FORMAT_JUNIT,
	FORMAT_GITHUB
};

enum graph_view {
	VIEW_SERVICES,
	VIEW_PLACEMENT
};

struct command_options {
	const char *const	*paths;		/* none: the bundled example */
	size_t			 npaths;
	enum output_format	 format;
	enum severity		 fail_on;	/* default SEVERITY_ERROR */
	const char		*output;	/* -o FILE; NULL: stdout */
	const char		*baseline;	/* check --baseline FILE */
	const char *const	*fail;		/* --fail REFs */
	size_t			 nfail;
	const char *const	*focus;		/* graph --focus REFs */
	size_t			 nfocus;
	const char *const	*maps;		/* report --map NAMEs */
	size_t			 nmaps;
	enum graph_view		 view;
	int			 size;		/* graph --size: enum dot_size */
	int			 collapse;	/* enum dot_collapse */
	int			 edges;		/* enum dot_edges */
	int			 summary;	/* check --summary */
	int			 allow_missing_base; /* diff */
	const char		*url;		/* import netbox --url */
};

/* Validate, apply the rules and policies, render findings (cmd_check.c). */
int	cmd_check(const struct command_options *);
/* Fail opts->fail at once and render the scenario (cmd_whatif.c). */
int	cmd_whatif(const struct command_options *);
/*
 * Compare the findings of opts->paths[0] (OLD) and opts->paths[1] (NEW),
 * matched by rule, subject and cause; EXIT_FINDINGS when NEW adds a finding
 * at or above opts->fail_on that is not waived (cmd_diff.c).
 */
int	cmd_diff(const struct command_options *);
/* Draw the services or placement diagram to DOT/SVG/PNG/PDF (cmd_graph.c). */
int	cmd_graph(const struct command_options *);
/* Write the HTML or Markdown audit report to opts->output (cmd_report.c). */
int	cmd_report(const struct command_options *);

/*
 * Write an inventory from NetBox or a Backstage catalog; opts->paths[0]
 * is "netbox" or "backstage", the rest are the input files (cmd_import.c).
 */
int	cmd_import(const struct command_options *);

#endif
