/*
 * brace.c -- shell-style brace ranges in names (see brace.h).
 *
 * A name is scanned once into literal text and ranges; expansion is an
 * odometer over the ranges that rewrites one buffer per name.
 */
#include <stdlib.h>
#include <string.h>

#include "brace.h"
#include "xalloc.h"

#define BRACE_MAX_DIGITS 18 /* fits uint64_t with room to spare */

struct brace_range {
	size_t open;  /* offset of '{' */
	size_t close; /* offset one past '}' */
	uint64_t from;
	uint64_t to;
	uint64_t n;	/* terms */
	unsigned width; /* zero padding; 0: none */
};

static int
brace_number(const char *s, size_t len, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (len == 0 || len > BRACE_MAX_DIGITS)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	*v = x;
	return 1;
}

/* Find the ranges of s; returns how many (at most BRACE_MAX_RANGES). */
static size_t
brace_scan(const char *s, size_t len, struct brace_range *r)
{
	const char *p, *q, *dots;
	size_t i = 0, n = 0, llen, rlen;

	while (n < BRACE_MAX_RANGES && i < len) {
		p = memchr(s + i, '{', len - i);
		if (p == NULL)
			break;
		q = memchr(p + 1, '}', len - (size_t)(p + 1 - s));
		if (q == NULL)
			break;
		dots = NULL;
		if (q - p > 4)
			dots = memchr(p + 1, '.', (size_t)(q - p - 1));
		if (dots == NULL || dots + 1 >= q || dots[1] != '.') {
			i = (size_t)(p - s) + 1;
			continue;
		}
		llen = (size_t)(dots - p - 1);
		rlen = (size_t)(q - dots - 2);
		if (!brace_number(p + 1, llen, &r[n].from) ||
		    !brace_number(dots + 2, rlen, &r[n].to)) {
			i = (size_t)(p - s) + 1;
			continue;
		}
		r[n].open = (size_t)(p - s);
		r[n].close = (size_t)(q - s) + 1;
		r[n].n = (r[n].from <= r[n].to ? r[n].to - r[n].from
					       : r[n].from - r[n].to) +
		    1;
		r[n].width = 0;
		if ((llen > 1 && p[1] == '0') || (rlen > 1 && dots[2] == '0'))
			r[n].width = (unsigned)(llen > rlen ? llen : rlen);
		n++;
		i = r[n - 1].close;
	}
	return n;
}

static uint64_t
brace_product(const struct brace_range *r, size_t n)
{
	uint64_t c = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].n > UINT64_MAX / c)
			return UINT64_MAX;
		c *= r[i].n;
	}
	return c;
}

uint64_t
brace_count(const char *s, size_t len)
{
	struct brace_range r[BRACE_MAX_RANGES];

	return brace_product(r, brace_scan(s, len, r));
}

/* Write v padded to width at p; returns the bytes written. */
static size_t
brace_format(char *p, uint64_t v, unsigned width)
{
	char tmp[BRACE_MAX_DIGITS + 2];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; n + i < width; i++)
		p[i] = '0';
	while (n > 0)
		p[i++] = tmp[--n];
	return i;
}

uint64_t
brace_expand(const char *s, size_t len, uint64_t max,
    void (*fn)(void *, const char *, size_t), void *arg)
{
	struct brace_range r[BRACE_MAX_RANGES];
	uint64_t pos[BRACE_MAX_RANGES], count, done, v;
	size_t n, i, at, o;
	char *buf;

	n = brace_scan(s, len, r);
	count = brace_product(r, n);
	if (count > max)
		return count;
	if (n == 0) {
		fn(arg, s, len);
		return 1;
	}
	buf = xmalloc(len + n * (BRACE_MAX_DIGITS + 1));
	memset(pos, 0, sizeof pos);
	for (done = 0; done < count; done++) {
		o = 0;
		at = 0;
		for (i = 0; i < n; i++) {
			memcpy(buf + o, s + at, r[i].open - at);
			o += r[i].open - at;
			v = r[i].from <= r[i].to ? r[i].from + pos[i]
						 : r[i].from - pos[i];
			o += brace_format(buf + o, v, r[i].width);
			at = r[i].close;
		}
		memcpy(buf + o, s + at, len - at);
		o += len - at;
		fn(arg, buf, o);
		for (i = n; i-- > 0;) {
			if (++pos[i] < r[i].n)
				break;
			pos[i] = 0;
		}
	}
	free(buf);
	return count;
}
