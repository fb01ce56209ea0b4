/*
 * out_utf8.c -- UTF-8 decoding and repair for the renderers (see
 * out_utf8.h).
 */
#include <string.h>

#include "out_utf8.h"
#include "xalloc.h"

size_t
out_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		c = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		c = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

char *
out_utf8_fix(const char *s)
{
	size_t		 len = strlen(s), i, n;
	uint32_t	 cp;
	char		*out, *q;

	out = xmalloc(len * 3 + 1);
	q = out;
	for (i = 0; i < len; i += n) {
		if ((n = out_utf8_decode(s + i, len - i, &cp)) == 0) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			n = 1;
			continue;
		}
		memcpy(q, s + i, n);
		q += n;
	}
	*q = '\0';
	return out;
}

size_t
out_utf8_put_display(FILE *fp, const char *s, size_t len, const char *bad)
{
	uint32_t	cp;
	size_t		n;

	if (*s == '\n' || *s == '\r' || *s == '\t') {
		fputc(' ', fp);
		return 1;
	}
	if ((unsigned char)*s < 0x20 || *s == 0x7f) {
		fputs(bad, fp);
		return 1;
	}
	if ((unsigned char)*s < 0x80) {
		fputc(*s, fp);
		return 1;
	}
	if ((n = out_utf8_decode(s, len, &cp)) == 0) {
		fputs(bad, fp);
		return 1;
	}
	/* Noncharacters and C1 controls: not for HTML, XML or forges. */
	if (cp == 0xfffe || cp == 0xffff || (cp >= 0x80 && cp <= 0x9f))
		fputs(bad, fp);
	else
		fwrite(s, 1, n, fp);
	return n;
}

void
out_utf8_put_clean(FILE *fp, const char *s)
{
	size_t		len = strlen(s), i, n, run = 0;
	uint32_t	cp;

	for (i = 0; i < len; i += n) {
		n = 1;
		if ((unsigned char)s[i] >= 0x20 && s[i] != 0x7f &&
		    (unsigned char)s[i] < 0x80)
			continue;
		if ((unsigned char)s[i] >= 0x80 &&
		    (n = out_utf8_decode(s + i, len - i, &cp)) != 0 &&
		    cp > 0x9f)
			continue;
		if (n == 0)
			n = 1;
		fwrite(s + run, 1, i - run, fp);
		fputc('?', fp);
		run = i + n;
	}
	fwrite(s + run, 1, len - run, fp);
}
