/*
 * cmd_report.h -- "faultline report -o FILE.html|FILE.md": the audit
 * report of an inventory (its declaration moves to commands.h when the
 * command line is wired).
 */
#ifndef FAULTLINE_CMD_REPORT_H
#define FAULTLINE_CMD_REPORT_H

#include "commands.h"

/*
 * Load and analyse the inventory at opts->paths, compute its findings
 * (waivers judged at SOURCE_DATE_EPOCH, else today), and write the audit
 * report atomically to opts->output, as HTML (.html, .htm) or Markdown
 * (.md) by its extension.  Notes about the diagram go to stderr.  Returns
 * 0 when the report is written (whatever it finds), or EXIT_INVALID for a
 * missing or unknown -o, an invalid inventory (its problems printed to
 * stderr), an unreadable file or a write error.
 */
int	cmd_report(const struct command_options *);

#endif
