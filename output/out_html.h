/*
 * out_html.h -- the audit report as one self-contained HTML file: inline
 * CSS (screen and A4 print), the services diagram as inline SVG, no
 * script, no network; a Content-Security-Policy forbids scripts anyway.
 * Every inventory string is escaped.
 */
#ifndef FAULTLINE_OUT_HTML_H
#define FAULTLINE_OUT_HTML_H

#include <stdio.h>

#include "report_model.h"

/* Write the report as HTML to fp.  Returns 0, or -1 on a write error. */
int	out_html_report(FILE *, const struct report *);

#endif
