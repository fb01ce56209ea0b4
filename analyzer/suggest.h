/*
 * suggest.h -- "did you mean": the closest word of a list by edit distance.
 */
#ifndef FAULTLINE_SUGGEST_H
#define FAULTLINE_SUGGEST_H

#include <stddef.h>

/*
 * The entry of list (NULL-terminated) closest to word (len bytes) by edit
 * distance, counting an adjacent transposition as one edit; NULL when no
 * entry is close enough to be a likely typo.  Returns a list entry.
 */
const char *suggest_closest(
    const char *word, size_t len, const char *const *list);

#endif
