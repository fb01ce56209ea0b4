/*
 * netbox_fetch.c -- fetch NetBox's REST API with libcurl (see
 * netbox_fetch.h).  Only http and https, at most five redirects, a page
 * bounded to IMPORT_MAX_BYTES, and a transfer that stalls for a minute
 * is given up, so a bad server can neither fill memory nor hang the run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "import_files.h"
#include "netbox_fetch.h"
#include "netbox_json.h"
#include "xalloc.h"

#define MAX_PAGES	1000000

struct body {
	char	*buf;
	size_t	 len, cap;
	int	 too_large;
};

static size_t
on_data(char *data, size_t size, size_t n, void *arg)
{
	struct body	*b = arg;
	size_t		 len = size * n;

	if (len > IMPORT_MAX_BYTES - b->len) {
		b->too_large = 1;
		return 0;	/* makes curl stop with CURLE_WRITE_ERROR */
	}
	XGROW(b->buf, b->cap, b->len + len + 1);
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
	return len;
}

char *
netbox_fetch_public_url(const char *url)
{
	const char	*scheme = strstr(url, "://"), *at, *host_end;

	if (scheme == NULL)
		return xstrdup(url);
	host_end = scheme + 3 + strcspn(scheme + 3, "/?#");
	at = memchr(scheme + 3, '@', (size_t)(host_end - scheme - 3));
	if (at == NULL)
		return xstrdup(url);
	return xasprintf("%.*s%s", (int)(scheme + 3 - url), url, at + 1);
}

/* A short printable excerpt of a response body, for an error message. */
static void
excerpt(const struct body *b, char *out, size_t size)
{
	size_t	i, n = 0;

	for (i = 0; i < b->len && n + 1 < size && n < 160; i++)
		out[n++] = (b->buf[i] >= 0x20 && b->buf[i] < 0x7f) ?
		    b->buf[i] : ' ';
	out[n] = '\0';
}

/* GET url into b; 0, or -1 with a diagnostic. */
static int
get(CURL *curl, const char *url, struct curl_slist *headers, struct body *b,
    struct diag_list *dl)
{
	CURLcode	 rc;
	long		 status = 0;
	char		*pub = netbox_fetch_public_url(url), text[200];
	int		 ret = -1;

	b->len = 0;
	b->too_large = 0;
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, b);
	rc = curl_easy_perform(curl);
	if (b->too_large)
		diag_add(dl, DIAG_ERROR, pub, 0, 0, "response larger than "
		    "%u MiB; ask for smaller pages", IMPORT_MAX_BYTES /
		    (1024 * 1024));
	else if (rc != CURLE_OK)
		diag_add(dl, DIAG_ERROR, pub, 0, 0, "cannot fetch: %s",
		    curl_easy_strerror(rc));
	else if (curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status),
	    status != 200) {
		excerpt(b, text, sizeof text);
		diag_add(dl, DIAG_ERROR, pub, 0, 0, "HTTP status %ld%s%s",
		    status, text[0] != '\0' ? ": " : "", text);
	} else
		ret = 0;
	free(pub);
	return ret;
}

/* The next page's URL on our base: NetBox behind a proxy often writes its
 * own scheme or host into `next`, so only the part from /api/ is kept. */
static char *
rebase(const char *base, const char *next)
{
	const char	*api = strstr(next, "/api/");

	if (api == NULL)
		return xstrdup(next);
	return xasprintf("%s%s", base, api);
}

int
netbox_fetch(struct netbox *nb, const char *base_url, const char *token,
    netbox_fetch_progress progress, void *arg, struct diag_list *dl)
{
	struct curl_slist	*headers = NULL;
	struct netbox_page	 page;
	struct body		 b;
	CURL			*curl;
	char			*base, *url, *auth = NULL, *pub;
	size_t			 len, t, npages, done;
	int			 status = 0;

	memset(&b, 0, sizeof b);
	base = xstrdup(base_url);
	len = strlen(base);
	while (len > 0 && base[len - 1] == '/')
		base[--len] = '\0';
	if (len >= 4 && strcmp(base + len - 4, "/api") == 0)
		base[len -= 4] = '\0';
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    (curl = curl_easy_init()) == NULL) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "cannot start libcurl");
		free(base);
		return -1;
	}
	headers = curl_slist_append(headers, "Accept: application/json");
	if (token != NULL) {
		auth = xasprintf("Authorization: Token %s", token);
		headers = curl_slist_append(headers, auth);
	}
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS, CURLPROTO_HTTP |
	    CURLPROTO_HTTPS);
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP |
	    CURLPROTO_HTTPS);
#endif
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "faultline-import");
	for (t = 0; t < NETBOX_NTYPES && status == 0; t++) {
		url = xasprintf("%s/api/%s/?limit=1000", base,
		    netbox_endpoint((enum netbox_type)t));
		done = 0;
		for (npages = 0; url != NULL && status == 0; npages++) {
			if (npages == MAX_PAGES || get(curl, url, headers, &b,
			    dl) != 0) {
				if (npages == MAX_PAGES) {
					pub = netbox_fetch_public_url(url);
					diag_add(dl, DIAG_ERROR, pub, 0, 0,
					    "more than %d pages: the server's "
					    "next links do not end", MAX_PAGES);
					free(pub);
				}
				status = -1;
				break;
			}
			pub = netbox_fetch_public_url(url);
			if (netbox_json_read(nb, b.buf != NULL ? b.buf : "",
			    b.len, pub, NULL, &page, dl) != 0)
				status = -1;
			free(pub);
			done += page.nresults;
			if (page.next != NULL && page.nresults == 0) {
				pub = netbox_fetch_public_url(url);
				diag_add(dl, DIAG_ERROR, pub, 0, 0, "an empty "
				    "page with a next link: the server's "
				    "pages do not end");
				free(pub);
				status = -1;
			}
			free(url);
			url = page.next != NULL && status == 0 ?
			    rebase(base, page.next) : NULL;
			free(page.next);
			if (progress != NULL)
				progress(arg, netbox_endpoint(
				    (enum netbox_type)t), done, page.count,
				    url == NULL);
		}
		free(url);
	}
	curl_easy_cleanup(curl);
	curl_slist_free_all(headers);
	curl_global_cleanup();
	free(auth);
	free(b.buf);
	free(base);
	return status;
}
