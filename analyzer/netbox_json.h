/*
 * netbox_json.h -- read NetBox's JSON into struct netbox: a page of the
 * REST API ({count, next, previous, results}), a bare array of REST
 * objects, or a Django `dumpdata` array ({model, pk, fields}).
 */
#ifndef FAULTLINE_NETBOX_JSON_H
#define FAULTLINE_NETBOX_JSON_H

#include <stddef.h>

#include "diag.h"
#include "netbox.h"

struct netbox_page {
	char		*next;		/* the next page's URL; NULL: none */
	long long	 count;		/* objects of the endpoint; -1: not a page */
	size_t		 nresults;	/* objects read from this document */
};

/*
 * Read one JSON document of len bytes; name (a path or URL) is used in
 * messages, file_name (a path, or NULL) tells the endpoint of REST objects
 * that carry no `url`.  Fills page (the caller frees page->next).
 * Returns 0, or -1 with diagnostics naming the JSON path (or the line and
 * column of a syntax error); objects read before the error stay in nb.
 */
int	netbox_json_read(struct netbox *, const char *text, size_t len,
	    const char *name, const char *file_name, struct netbox_page *,
	    struct diag_list *);

#endif
