/*
 * brace.h -- shell-style brace ranges in names: "pg-{01..40}".
 *
 * "{1..10}" gives 1 .. 10, "{3..1}" counts down, "{01..10}" pads every term
 * with zeros to the longer end's width (when an end has a leading zero, as
 * in the shell), and several ranges in one name multiply, the leftmost
 * range varying slowest.  A "{" that does not open a valid range of
 * non-negative decimal numbers is plain text.
 */
#ifndef FAULTLINE_BRACE_H
#define FAULTLINE_BRACE_H

#include <stddef.h>
#include <stdint.h>

/* Ranges beyond this many in one name are plain text. */
#define BRACE_MAX_RANGES 16

/*
 * The number of names s (len bytes) expands to: 1 when it holds no range;
 * saturates at UINT64_MAX.
 */
uint64_t brace_count(const char *s, size_t len);

/*
 * Expand s and call fn(arg, name, namelen) once per name, in order; the
 * name is only valid during the call.  Returns the number of names; when
 * that is more than max, fn is never called.
 */
uint64_t brace_expand(const char *s, size_t len, uint64_t max,
    void (*fn)(void *, const char *, size_t), void *arg);

#endif
