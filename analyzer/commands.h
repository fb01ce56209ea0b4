/*
 * commands.h -- the faultline subcommands behind the command line: each
 * loads the inventory, runs the analysis it needs and renders the result.
 * main.c parses arguments into struct command_options; each function
 * returns the process exit status (0, 1 or 2; DESIGN §5) and prints
 * problems to stderr itself.
 */
#ifndef FAULTLINE_COMMANDS_H
#define FAULTLINE_COMMANDS_H

#include <stddef.h>

#include "inventory.h"

enum output_format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_SARIF,
	FORMAT_JUNIT
};

struct command_options {
	const char *const	*paths;		/* none: the bundled example */
	size_t			 npaths;
	enum output_format	 format;
	enum severity		 fail_on;	/* default SEVERITY_ERROR */
	const char		*output;	/* -o FILE; NULL: stdout */
	const char		*baseline;
	const char *const	*fail;		/* whatif --fail REFs */
	size_t			 nfail;
};

/* The directory of the bundled example inventory (build tree or installed). */
const char	*commands_default_inventory(void);

int	commands_check(const struct command_options *);
int	commands_whatif(const struct command_options *);

#endif
