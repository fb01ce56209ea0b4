/*
 * out_rootcause.c -- the words of a root cause.
 */
#include <stdio.h>
#include <string.h>

#include "out_rootcause.h"

const char *
out_rootcause_name(const struct root_cause *rc, char *buf, size_t size)
{
	const char	*colon = strchr(rc->cause, ':');

	if (colon == NULL)
		snprintf(buf, size, "%s", rc->cause);
	else
		snprintf(buf, size, "%.*s %s", (int)(colon - rc->cause),
		    rc->cause, colon + 1);
	return buf;
}

/* Append ", " and a formatted phrase at *len. */
static void
phrase(char *buf, size_t size, size_t *len, const char *text, size_t n,
    const char *one, const char *many)
{
	int	w;

	if (*len >= size)
		return;
	w = snprintf(buf + *len, size - *len, "%s%zu %s%s",
	    *len > 0 ? ", " : "", n, n == 1 ? one : many, text);
	if (w > 0)
		*len += (size_t)w;
}

const char *
out_rootcause_effects(const struct root_cause *rc, char *buf, size_t size)
{
	size_t	len = 0;
	char	more[64];

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (rc->down > 0 && rc->tools_down == rc->down)
		phrase(buf, size, &len, " down", rc->down, "tool", "tools");
	else if (rc->down > 0) {
		snprintf(more, sizeof more, " down (%zu %s)", rc->tools_down,
		    rc->tools_down == 1 ? "tool" : "tools");
		phrase(buf, size, &len, rc->tools_down > 0 ? more : " down",
		    rc->down, "service", "services");
	}
	if (rc->one_site_tools > 0)
		phrase(buf, size, &len, " in this site only",
		    rc->one_site_tools, "tool", "tools");
	if (rc->blocked > 0 && len < size) {
		snprintf(buf + len, size - len, "%srecovery of %zu %s blocked",
		    len > 0 ? ", " : "", rc->blocked, rc->blocked == 1 ?
		    "service" : "services");
		len += strlen(buf + len);
	}
	if (rc->loops > 0)
		phrase(buf, size, &len, " through a tool that needs it",
		    rc->loops, "failover", "failovers");
	return buf;
}
