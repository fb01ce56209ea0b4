/*
 * out_dot.h -- Graphviz diagrams of an analysis: the services view
 * (dependencies, coloured by single points or by a scenario) and the
 * placement view (sites, power, racks and hosts, with the services on
 * them).  Built with cgraph, laid out and rendered in process with gvc;
 * written as DOT, SVG, PNG or PDF.
 *
 * Large inventories are collapsed so that no drawing has more than
 * max_nodes nodes (hosts to a count per rack, racks to a count per site,
 * power domains to a count per site, services by owner, or by kind when
 * they have none, then all by kind);
 * each collapse is reported as a note.
 *
 * Labels: every label goes through out_dot_escape().  The rule, chosen so
 * that Graphviz displays exactly the inventory text:
 *   backslash       -> \\       (Graphviz would expand \N, \G, \L, \l, \n)
 *   ampersand       -> &amp;    (Graphviz decodes HTML entities in labels)
 *   newline         -> \n       (a line break: the text shows on two lines)
 *   other C0 controls and DEL -> U+FFFD (no way to display them in SVG)
 *   everything else (quotes, <, >, braces, UTF-8) unchanged; cgraph's
 *   writer quotes the value and escapes its double quotes.
 * An escaped label never ends in an odd run of backslashes, so the written
 * DOT always parses back to the same attribute value.
 */
#ifndef FAULTLINE_OUT_DOT_H
#define FAULTLINE_OUT_DOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "diag.h"

#define OUT_DOT_MAX_NODES	1500	/* default cap per drawing */
#define OUT_DOT_HOSTS_SHOWN	3	/* a rack with more is drawn as a count */

enum dot_view {
	DOT_VIEW_SERVICES,
	DOT_VIEW_PLACEMENT
};

enum dot_format {
	DOT_FORMAT_DOT,
	DOT_FORMAT_SVG,
	DOT_FORMAT_PNG,
	DOT_FORMAT_PDF
};

struct dot_options {
	enum dot_view		 view;
	const uint32_t		*focus;		/* components; none: draw all */
	size_t			 nfocus;
	const struct scenario	*scenario;	/* already run; NULL: none */
	const uint32_t		*failed;	/* what the scenario failed */
	size_t			 nfailed;
	size_t			 max_nodes;	/* 0: OUT_DOT_MAX_NODES */
};

/*
 * Escape text for a DOT label by the rule above.  Returns a fresh string
 * the caller frees.
 */
char	*out_dot_escape(const char *);
/*
 * What Graphviz displays for an escaped label (the inverse of
 * out_dot_escape() on its output).  Returns a fresh string the caller
 * frees.
 */
char	*out_dot_unescape(const char *);
/*
 * Parse DOT text with Graphviz's own parser and return a copy of the label
 * attribute of the node named node.  Returns NULL when the text does not
 * parse or has no such node; the caller frees the result.
 */
char	*out_dot_parse_label(const char *dot, const char *node);

/* The format for an output path by its extension (.dot .gv .svg .png
 * .pdf, any case); -1 when the extension is none of these. */
int	 out_dot_format_of(const char *path);

/*
 * Build the diagram of the analysis and write it to fp in a format (DOT
 * unlaid; the others laid out with dot).  Notes about collapsing and
 * Graphviz's complaints are appended to diags.  Returns 0, or -1 with an
 * error appended to diags.
 */
int	 out_dot_write(const struct analysis *, const struct dot_options *,
	    enum dot_format, FILE *, struct diag_list *);
/*
 * Write the diagram to path (its format by extension; written atomically)
 * or, when path is NULL, as DOT to stdout_fp.  Returns 0, or -1 with an
 * error appended to diags.
 */
int	 out_dot_graph(const struct analysis *, const struct dot_options *,
	    const char *path, FILE *stdout_fp, struct diag_list *);

#endif
