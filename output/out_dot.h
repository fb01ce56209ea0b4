/*
 * out_dot.h -- Graphviz diagrams of an analysis: the services view
 * (dependencies, coloured by single points or by a scenario) and the
 * placement view (sites, power, racks and hosts, with the services on
 * them).  Built with cgraph, laid out and rendered in process with gvc;
 * written as DOT, SVG, PNG or PDF.
 *
 * Slide layout: services are grouped in a cluster per site (those on
 * several sites in a band of their own), the direction of the layout is
 * the one that fits the page best, and Graphviz is asked for the page's
 * aspect ratio and size (ratio, size, newrank) -- no home-made layout.
 * Every drawing has a title (the inventory's meta name, else its paths)
 * and a caption (view, focus, failed components, date), and a legend of
 * exactly the shapes, colours, marks and edges it uses.
 *
 * Large inventories are collapsed to a readable budget of nodes per page
 * size (hosts to a count per rack, racks to a count per site, power
 * domains to a count per site, services by owner, or by kind when they
 * have none, then all by kind); every collapse is reported as a note,
 * including racks of more than OUT_DOT_HOSTS_SHOWN hosts drawn as a count.
 *
 * Node names (and SVG ids and titles) are the components' "kind:id"
 * ("service:kakaotalk", "power:pangyo-ups-b3"); groups are named
 * "owner:ID", "kind:KIND", "unowned:KIND", "site:ID/power",
 * "site:ID/racks", "site:ID/hosts"; the failed components of a scenario
 * in the services view are the node "failed".  With tooltips, every node
 * has one (name, id, tier, kind, owner, single points or blast radius).
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

#define OUT_DOT_MAX_NODES	1500	/* cap of a poster */
#define OUT_DOT_HOSTS_SHOWN	3	/* a rack with more is drawn as a count */

enum dot_view {
	DOT_VIEW_SERVICES,
	DOT_VIEW_PLACEMENT
};

/* The page a drawing is made for: its size, aspect ratio and budget. */
enum dot_size {
	DOT_SIZE_SLIDE,		/* 16:9, 1920 x 1080 px at 96 dpi (default) */
	DOT_SIZE_A4,		/* A4 landscape */
	DOT_SIZE_POSTER		/* A0 landscape */
};

/* How services are collapsed into groups. */
enum dot_collapse {
	DOT_COLLAPSE_AUTO,	/* only as far as the page's budget needs */
	DOT_COLLAPSE_OWNER,	/* by owner (by kind when they have none) */
	DOT_COLLAPSE_KIND,	/* by kind */
	DOT_COLLAPSE_NONE	/* nothing collapsed, whatever the size */
};

/* Which recovery and failover edges are drawn (services view). */
enum dot_edges {
	DOT_EDGES_BLOCKED,	/* those a single fault (or the scenario) breaks */
	DOT_EDGES_ALL,
	DOT_EDGES_NONE
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
	size_t			 max_nodes;	/* 0: the budget of size */
	enum dot_size		 size;
	enum dot_collapse	 collapse;
	enum dot_edges		 edges;
	int			 tooltips;	/* a tooltip per node (SVG wraps
						 * each node in an <a> for it) */
	const char		*title;		/* NULL: meta name, else "faultline" */
	int32_t			 date;		/* caption date, days since
						 * 1970-01-01; 0: none */
};

/* The budget of nodes readable on a page of that size. */
size_t	 out_dot_budget(enum dot_size);
/* "slide", "a4", "poster"; and back (-1: unknown).  The same for
 * collapse ("auto", "owner", "kind", "none") and edges ("blocked", "all",
 * "none"). */
const char *out_dot_size_name(enum dot_size);
int	 out_dot_size_parse(const char *);
int	 out_dot_collapse_parse(const char *);
int	 out_dot_edges_parse(const char *);

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

/*
 * Parse DOT text with Graphviz's own parser and list its nodes and edges,
 * one sorted line each: "N name<TAB>v1<TAB>v2..." and "E tail -> head<TAB>
 * v1...", the values those of attrs (defaults applied; "" when unset).
 * Returns NULL when the text does not parse; the caller frees the result.
 */
char	*out_dot_parse_table(const char *dot, const char *const *attrs,
	    size_t nattrs);

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
