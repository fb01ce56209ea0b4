/*
 * jsonw.c -- a buffered JSON writer in jansson's indented layout (see
 * jsonw.h).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"
#include "out_utf8.h"
#include "xalloc.h"

static void
jw_flush(struct jw *w)
{
	if (w->len != 0 && fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->error = 1;
	w->len = 0;
}

void
jw_raw(struct jw *w, const char *s, size_t n)
{
	size_t	chunk;

	while (n > 0) {
		if (w->len == JSONW_BUFSZ)
			jw_flush(w);
		chunk = JSONW_BUFSZ - w->len;
		if (chunk > n)
			chunk = n;
		memcpy(w->buf + w->len, s, chunk);
		w->len += chunk;
		s += chunk;
		n -= chunk;
	}
}

void
jw_open(struct jw *w, FILE *fp)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->buf = xmalloc(JSONW_BUFSZ);
}

int
jw_done(struct jw *w)
{
	jw_flush(w);
	free(w->buf);
	return w->error ? -1 : 0;
}

int
jw_close(struct jw *w)
{
	jw_raw(w, "\n", 1);
	if (jw_done(w) != 0 || fflush(w->fp) != 0 || ferror(w->fp))
		return -1;
	return 0;
}

void
jw_newline(struct jw *w, unsigned depth)
{
	static const char	spaces[] = "\n                                ";
	size_t			n = (size_t)depth * JSONW_INDENT, k;

	k = n < sizeof spaces - 2 ? n : sizeof spaces - 2;
	jw_raw(w, spaces, k + 1);
	for (n -= k; n > 0; n -= k) {
		k = n < sizeof spaces - 2 ? n : sizeof spaces - 2;
		jw_raw(w, spaces + 1, k);
	}
}

static int
jw_callback(const char *s, size_t n, void *arg)
{
	jw_raw(arg, s, n);
	return 0;
}

void
jw_string(struct jw *w, const char *s)
{
	const unsigned char	*p;
	json_t			*j;
	char			*fixed;

	if (s == NULL) {
		jw_raw(w, "null", 4);
		return;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			break;
	if (*p == '\0') {
		jw_raw(w, "\"", 1);
		jw_raw(w, s, (size_t)(p - (const unsigned char *)s));
		jw_raw(w, "\"", 1);
		return;
	}
	if ((j = json_string(s)) == NULL) {
		fixed = out_utf8_fix(s);
		j = json_string(fixed);
		free(fixed);
	}
	if (j == NULL || json_dump_callback(j, jw_callback, w,
	    JSON_ENCODE_ANY) != 0)
		w->error = 1;
	json_decref(j);
}

void
jw_uint(struct jw *w, size_t v)
{
	char	buf[32], *p = buf + sizeof buf;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	jw_raw(w, p, (size_t)(buf + sizeof buf - p));
}

void
jw_key(struct jw *w, unsigned depth, int first, const char *key)
{
	if (!first)
		jw_raw(w, ",", 1);
	jw_newline(w, depth + 1);
	jw_raw(w, "\"", 1);
	jw_raw(w, key, strlen(key));
	jw_raw(w, "\": ", 3);
}

void
jw_item(struct jw *w, unsigned depth, size_t i)
{
	if (i > 0)
		jw_raw(w, ",", 1);
	jw_newline(w, depth + 1);
}

void
jw_end_array(struct jw *w, unsigned depth, size_t n)
{
	if (n != 0)
		jw_newline(w, depth);
	jw_raw(w, "]", 1);
}

void
jw_end_object(struct jw *w, unsigned depth)
{
	jw_newline(w, depth);
	jw_raw(w, "}", 1);
}
