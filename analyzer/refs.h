/*
 * refs.h -- command-line references to components: "kind:id", a bare id
 * unique across kinds, or a PCRE2 pattern after '~' ("host:~^pg-",
 * "~^pangyo").
 */
#ifndef FAULTLINE_REFS_H
#define FAULTLINE_REFS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

/*
 * Append the components a reference names to *v (n elements, capacity
 * *cap; grown with xreallocarray).  Returns 0, or -1 with a message in err
 * when the reference is malformed, ambiguous, or matches nothing.
 */
int	refs_resolve(const struct analysis *, const char *ref, uint32_t **v,
	    size_t *n, size_t *cap, char *err, size_t errsize);
/* Sort and remove duplicates from a component list; returns the new length. */
size_t	refs_sort_unique(uint32_t *, size_t);

#endif
