/*
 * pattern.h -- regular expressions (PCRE2, UTF mode) for policy selectors,
 * waivers and command-line references.  The only file that includes PCRE2.
 *
 * Every match is bounded: a match limit (PATTERN_MATCH_LIMIT, or lower
 * with pattern_set_match_limit()), a depth limit and a heap limit.  A
 * match that reaches a limit is an error (-1 with a message), never "no
 * match", so a selector can never silently select nothing.
 */
#ifndef FAULTLINE_PATTERN_H
#define FAULTLINE_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#define PATTERN_MATCH_LIMIT	100000	/* per match, at most */

struct pattern;

/*
 * Compile a pattern.  Returns NULL on a bad pattern and writes a message
 * ("missing closing parenthesis") into err (size errsize) and the 0-based
 * offset of the problem into *erroffset.  JIT-compiled where the library
 * supports it.  Free with pattern_free().
 */
struct pattern	*pattern_compile(const char *, char *err, size_t errsize,
		    size_t *erroffset);
void		 pattern_free(struct pattern *);
/* Lower the match limit of each later match (at least 1; at most
 * PATTERN_MATCH_LIMIT). */
void		 pattern_set_match_limit(struct pattern *, uint32_t);
/*
 * Whether the pattern matches anywhere in s (len bytes): 1, 0; or -1 when
 * matching could not finish (a match, depth or heap limit reached; s not
 * UTF-8) with the reason in err (size errsize; may be NULL).
 */
int		 pattern_match(const struct pattern *, const char *s,
		    size_t len, char *err, size_t errsize);

#endif
