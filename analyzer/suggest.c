/*
 * suggest.c -- "did you mean": optimal string alignment distance over a
 * short list of keys (see suggest.h).
 */
#include <string.h>

#include "suggest.h"

#define SUGGEST_MAX_LEN 64 /* longer words are no typo of a key */

static size_t
suggest_min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

static size_t
suggest_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[3][SUGGEST_MAX_LEN + 1];
	size_t i, j, cost, *prev2, *prev, *cur, *t;

	prev2 = d[0];
	prev = d[1];
	cur = d[2];
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			cost = a[i - 1] != b[j - 1];
			cur[j] = suggest_min3(
			    prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *
suggest_closest(const char *word, size_t len, const char *const *list)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, d, l, longer;

	if (len == 0 || len > SUGGEST_MAX_LEN)
		return NULL;
	for (; *list != NULL; list++) {
		l = strlen(*list);
		if (l > SUGGEST_MAX_LEN)
			continue;
		d = suggest_distance(word, len, *list, l);
		longer = len > l ? len : l;
		/* At most a third of the longer word, and at most 3 edits. */
		if (d > 3 || d * 3 > longer)
			continue;
		if (d < bestd) {
			bestd = d;
			best = *list;
		}
	}
	return best;
}
