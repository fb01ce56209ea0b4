/*
 * jsonw.c -- a buffered JSON writer in jansson's indented layout (see
 * jsonw.h).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"
#include "out_utf8.h"
#include "xalloc.h"

static void
jw_flush(struct jw *w)
{
	if (w->fp == NULL)
		return;
	if (w->len != 0 && fwrite(w->buf, 1, w->len, w->fp) != w->len)
		w->error = 1;
	w->len = 0;
}

void
jw_raw(struct jw *w, const char *s, size_t n)
{
	size_t	chunk;

	while (n > 0) {
		if (w->len == w->cap) {
			if (w->fp != NULL)
				jw_flush(w);
			else {
				w->buf = xreallocarray(w->buf, w->cap, 2);
				w->cap *= 2;
			}
		}
		chunk = w->cap - w->len;
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
	w->cap = JSONW_BUFSZ;
	w->buf = xmalloc(w->cap);
}

void
jw_open_memory(struct jw *w)
{
	jw_open(w, NULL);
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

/*
 * An ASCII string, escaped as jansson escapes it: quote, backslash and
 * the controls (\b \f \n \r \t by name, the others as \u00XX); DEL and
 * '/' as they are.
 */
static void
jw_ascii(struct jw *w, const unsigned char *s)
{
	static const char	 xd[] = "0123456789ABCDEF";
	const unsigned char	*run = s;
	char			 esc[6];

	jw_raw(w, "\"", 1);
	for (; *s != '\0'; s++) {
		if (*s >= 0x20 && *s != '"' && *s != '\\')
			continue;
		jw_raw(w, (const char *)run, (size_t)(s - run));
		run = s + 1;
		esc[0] = '\\';
		switch (*s) {
		case '"':
		case '\\':
			esc[1] = (char)*s;
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = xd[*s >> 4];
			esc[5] = xd[*s & 0xf];
			jw_raw(w, esc, 6);
			continue;
		}
		jw_raw(w, esc, 2);
	}
	jw_raw(w, (const char *)run, (size_t)(s - run));
	jw_raw(w, "\"", 1);
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
	for (; *p != '\0' && *p < 0x80; p++)
		continue;
	if (*p == '\0') {
		jw_ascii(w, (const unsigned char *)s);
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

/* jw_items(): chunks of JSONW_CHUNK items, odd ones the worker's. */
#define JSONW_CHUNK		1024
#define JSONW_THREADED_MIN	(4 * JSONW_CHUNK)
#define JSONW_NONE		SIZE_MAX

struct jw_pool {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	size_t		 n;
	jw_item_fn	 fn;
	void		*ctx;
	struct jw	 mem;		/* the worker's chunk */
	size_t		 ready;		/* the chunk in mem, or JSONW_NONE */
};

static void
jw_chunk(struct jw *w, size_t n, jw_item_fn fn, void *ctx, size_t c)
{
	size_t	i, end = (c + 1) * JSONW_CHUNK < n ? (c + 1) * JSONW_CHUNK : n;

	for (i = c * JSONW_CHUNK; i < end; i++)
		fn(w, ctx, i);
}

static void *
jw_pool_run(void *arg)
{
	struct jw_pool	*p = arg;
	size_t		 c, nchunks = (p->n + JSONW_CHUNK - 1) / JSONW_CHUNK;

	for (c = 1; c < nchunks; c += 2) {
		pthread_mutex_lock(&p->mu);
		while (p->ready != JSONW_NONE)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
		p->mem.len = 0;
		jw_chunk(&p->mem, p->n, p->fn, p->ctx, c);
		pthread_mutex_lock(&p->mu);
		p->ready = c;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

void
jw_items(struct jw *w, size_t n, jw_item_fn fn, void *ctx[2])
{
	struct jw_pool	 p;
	pthread_t	 thread;
	size_t		 c, i, nchunks = (n + JSONW_CHUNK - 1) / JSONW_CHUNK;

	memset(&p, 0, sizeof p);
	if (n >= JSONW_THREADED_MIN) {
		pthread_mutex_init(&p.mu, NULL);
		pthread_cond_init(&p.cv, NULL);
		p.n = n;
		p.fn = fn;
		p.ctx = ctx[1];
		p.ready = JSONW_NONE;
		jw_open_memory(&p.mem);
		if (pthread_create(&thread, NULL, jw_pool_run, &p) != 0) {
			free(p.mem.buf);
			pthread_cond_destroy(&p.cv);
			pthread_mutex_destroy(&p.mu);
			p.n = 0;
		}
	}
	if (p.n == 0) {
		for (i = 0; i < n; i++)
			fn(w, ctx[0], i);
		return;
	}
	for (c = 0; c < nchunks; c++) {
		if (c % 2 == 0) {
			jw_chunk(w, n, fn, ctx[0], c);
			continue;
		}
		pthread_mutex_lock(&p.mu);
		while (p.ready != c)
			pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		jw_raw(w, p.mem.buf, p.mem.len);
		w->error |= p.mem.error;
		pthread_mutex_lock(&p.mu);
		p.ready = JSONW_NONE;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	pthread_join(thread, NULL);
	free(p.mem.buf);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
}
