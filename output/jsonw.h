/*
 * jsonw.h -- a buffered JSON writer in the layout of jansson's
 * json_dumpf() with JSON_INDENT(2): the bytes are those of dumping the
 * whole tree, without building it.
 *
 * The caller writes the structure: a member is jw_key() then its value,
 * an array item jw_item() then its value, and a collection is closed by
 * jw_end_object() or jw_end_array() at the depth it was opened at.
 * Strings of ASCII are escaped here as jansson escapes them; any other
 * string is encoded by jansson, which escapes it and refuses invalid
 * UTF-8 (those bytes become U+FFFD).  Write errors are remembered and
 * reported by jw_done() and jw_close().
 */
#ifndef FAULTLINE_JSONW_H
#define FAULTLINE_JSONW_H

#include <stddef.h>
#include <stdio.h>

#define JSONW_INDENT	2
#define JSONW_BUFSZ	65536

struct jw {
	FILE	*fp;		/* NULL: the text stays in buf */
	char	*buf;
	size_t	 len;
	size_t	 cap;
	int	 error;
};

void	jw_open(struct jw *, FILE *);
/* A writer that keeps its text in memory (buf, len). */
void	jw_open_memory(struct jw *);
/* Write out what is buffered and free the buffer; 0, or -1 on an error. */
int	jw_done(struct jw *);
/* The final newline, then jw_done() and a flush; 0, or -1 on an error. */
int	jw_close(struct jw *);

/* Bytes as they are. */
void	jw_raw(struct jw *, const char *, size_t);
/* A newline and the indent of depth levels. */
void	jw_newline(struct jw *, unsigned depth);
/* A string value, or null when s is NULL. */
void	jw_string(struct jw *, const char *s);
void	jw_uint(struct jw *, size_t);
/* A member "key": of an object at depth; first: no comma before it. */
void	jw_key(struct jw *, unsigned depth, int first, const char *key);
/* Before item i of an array at depth. */
void	jw_item(struct jw *, unsigned depth, size_t i);
/* After the n items of an array at depth (opened with "["). */
void	jw_end_array(struct jw *, unsigned depth, size_t n);
/* After the members of an object at depth (opened with "{"). */
void	jw_end_object(struct jw *, unsigned depth);

/*
 * Items 0..n-1 of an array, each written by fn (separator included, with
 * jw_item()).  A long array is formatted on two threads, in chunks taken
 * in turn by this thread (straight into w) and a worker (into memory,
 * then copied into w), so the bytes are the same and memory holds at most
 * one chunk more.  fn is called with ctx[0] on this thread and ctx[1] on
 * the worker: whatever it writes to must be its own.
 */
typedef void	(*jw_item_fn)(struct jw *, void *ctx, size_t i);
void	jw_items(struct jw *, size_t n, jw_item_fn, void *ctx[2]);

#endif
