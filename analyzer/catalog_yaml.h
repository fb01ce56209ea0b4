/*
 * catalog_yaml.h -- read a Backstage catalog file (multi-document YAML)
 * into a small tree of mappings, sequences and scalars, each with its
 * line and column.  The loader reads inventories with libyaml's event
 * parser straight into the model; a catalog is a different document read
 * by key, so it gets its own reader, and this is the other file that
 * includes libyaml.
 *
 * Bounded: nesting depth at most CATALOG_MAX_DEPTH, duplicate keys and
 * non-scalar keys are errors, and an alias shares the anchored node (no
 * copy), so an alias bomb costs nothing.
 */
#ifndef FAULTLINE_CATALOG_YAML_H
#define FAULTLINE_CATALOG_YAML_H

#include <stddef.h>

#include "diag.h"

#define CATALOG_MAX_DEPTH	64

enum catalog_type {
	CATALOG_SCALAR,
	CATALOG_SEQUENCE,
	CATALOG_MAPPING
};

struct catalog_node {
	enum catalog_type	  type;
	unsigned		  line, column;	/* 1-based */
	char			 *str;		/* scalar, NUL-terminated */
	int			  plain;	/* scalar: unquoted */
	struct catalog_node	**v;		/* sequence items; mapping:
						 * key, value, key, value... */
	size_t			  n, cap;	/* entries of v */
};

struct catalog {
	char			 *path;
	struct catalog_node	**docs;		/* document roots; NULL: empty */
	size_t			  ndocs, docs_cap;
	struct catalog_node	**all;		/* every node, for freeing */
	size_t			  nall, all_cap;
};

/*
 * Parse len bytes of text read from path.  Returns the catalog, or NULL
 * with a diagnostic at the file, line and column of the problem.
 */
struct catalog	*catalog_yaml_parse(const char *path, const char *text,
		    size_t len, struct diag_list *);
void		 catalog_yaml_free(struct catalog *);
/* The value of key in a mapping, or NULL (also when node is no mapping). */
const struct catalog_node *catalog_yaml_get(const struct catalog_node *,
		    const char *key);
/* "a mapping", "a list", "a string" (for messages). */
const char	*catalog_yaml_type_name(const struct catalog_node *);

#endif
