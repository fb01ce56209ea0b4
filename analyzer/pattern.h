/*
 * pattern.h -- regular expressions (PCRE2, UTF mode) for policy selectors,
 * waivers and command-line references.  The only file that includes PCRE2.
 */
#ifndef FAULTLINE_PATTERN_H
#define FAULTLINE_PATTERN_H

#include <stddef.h>

struct pattern;

/*
 * Compile a pattern.  Returns NULL on a bad pattern and writes a message
 * ("missing closing parenthesis") into err (size errsize) and the 0-based
 * offset of the problem into *erroffset.  Free with pattern_free().
 */
struct pattern	*pattern_compile(const char *, char *err, size_t errsize,
		    size_t *erroffset);
void		 pattern_free(struct pattern *);
/* Whether the pattern matches anywhere in s (len bytes): 1, 0. */
int		 pattern_match(const struct pattern *, const char *s, size_t len);

#endif
