/*
 * netbox_fetch.h -- fetch NetBox's REST API live: every endpoint the
 * importer reads, page after page (following `next`), each page handed to
 * netbox_json_read().  The one file that uses libcurl.
 */
#ifndef FAULTLINE_NETBOX_FETCH_H
#define FAULTLINE_NETBOX_FETCH_H

#include <stddef.h>

#include "diag.h"
#include "netbox.h"

/* Called after each page: the endpoint ("dcim/devices"), objects read so
 * far of it, how many it has (-1: unknown), and whether it was the last
 * page of that endpoint. */
typedef void (*netbox_fetch_progress)(void *arg, const char *endpoint,
    size_t done, long long count, int last);

/*
 * Fetch from the NetBox at base (its web root or its /api/ URL); token
 * (NULL: none) goes in "Authorization: Token ...".  A page that is not
 * JSON, an HTTP error, a page over IMPORT_MAX_BYTES or a `next` loop is an
 * error.  Returns 0, or -1 with diagnostics (naming the URL of the page).
 */
int	 netbox_fetch(struct netbox *, const char *base, const char *token,
	    netbox_fetch_progress, void *arg, struct diag_list *);
/* The URL without user:password@ (for messages and headers); a new
 * string the caller frees. */
char	*netbox_fetch_public_url(const char *url);

#endif
