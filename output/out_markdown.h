/*
 * out_markdown.h -- the audit report as GitHub/GitLab-flavoured Markdown:
 * the same content as the HTML report, in pipe tables, with every
 * inventory string escaped (Markdown specials, pipes, HTML) and code spans
 * fenced by enough backticks.
 */
#ifndef FAULTLINE_OUT_MARKDOWN_H
#define FAULTLINE_OUT_MARKDOWN_H

#include <stdio.h>

#include "report_model.h"

/* Write the report as Markdown to fp.  Returns 0, or -1 on a write
 * error. */
int	out_markdown_report(FILE *, const struct report *);

#endif
