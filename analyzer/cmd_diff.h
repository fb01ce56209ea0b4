/*
 * cmd_diff.h -- "faultline diff OLD NEW" (its declaration moves to
 * commands.h when the command line is wired).
 */
#ifndef FAULTLINE_CMD_DIFF_H
#define FAULTLINE_CMD_DIFF_H

#include "commands.h"

/*
 * Compare the findings of the inventories at opts->paths[0] (OLD) and
 * opts->paths[1] (NEW), matched by rule, subject and cause; write the new,
 * resolved and unchanged ones in opts->format (text or json) to stdout or
 * opts->output.  Returns 0, EXIT_FINDINGS when NEW adds a finding at or
 * above opts->fail_on that is not waived, or EXIT_INVALID when either
 * inventory is invalid (its problems printed to stderr) or the output
 * cannot be written.
 */
int	cmd_diff(const struct command_options *);

#endif
