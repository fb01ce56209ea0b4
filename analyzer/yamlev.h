/*
 * yamlev.h -- the YAML event layer of the loader: libyaml's events as a
 * stream of scalars, collections and their ends, with 1-based marks,
 * anchors and aliases replayed, and hostile input refused.
 *
 * Streaming: libyaml's event API, never its document loader, so memory is
 * proportional to the input.  A reader refuses, with a diagnostic at the
 * offending place, nesting deeper than YAMLEV_MAX_DEPTH, scalars longer
 * than YAMLEV_MAX_SCALAR, NUL bytes, YAML tags, several documents in one
 * file, invalid UTF-8, UTF-16 text and alias expansion beyond a budget
 * proportional to the file (an alias bomb).  Fatal problems end the
 * stream (YAMLEV_EOF); the others are reported and reading goes on.
 *
 * The event layer knows nothing of inventories: the schema layer
 * (ldschema.h) reads events and decides what they mean.
 */
#ifndef FAULTLINE_YAMLEV_H
#define FAULTLINE_YAMLEV_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define YAMLEV_MAX_DEPTH	64		/* nested collections */
#define YAMLEV_MAX_SCALAR	65536		/* bytes in one scalar */
#define YAMLEV_MAX_ALIAS_EVENTS	100000		/* events replayed via aliases, per file */
#define YAMLEV_ALIAS_RATIO	16		/* ... or this many per event parsed, if more */

#define YAMLEV_WIDTH_NONE	UINT32_MAX

enum yamlev_type {
	YAMLEV_EOF,		/* end of the file, or a fatal error */
	YAMLEV_SCALAR,
	YAMLEV_SEQ,
	YAMLEV_MAP,
	YAMLEV_CLOSE		/* end of a sequence or mapping */
};

struct yamlev_event {
	enum yamlev_type type;
	const char	*s;	/* scalar text, valid until the next event */
	size_t		 len;
	uint32_t	 line;	/* 1-based */
	uint32_t	 col;	/* 1-based, in characters */
	int		 plain;	/* an unquoted scalar */
	uint32_t	 width;	/* columns of a plain or quoted scalar on one
				 * line, quotes included; else
				 * YAMLEV_WIDTH_NONE */
	uint32_t	 hash;	/* scalar: symtab_hash(s, len) */
};

struct yamlev;

/* A reader, reusable for one file after another. */
struct yamlev	*yamlev_create(void);
void		 yamlev_free(struct yamlev *);

/*
 * Have fn called with the hash of each scalar a few events before it is
 * read (when the file is parsed ahead), to prefetch what interning it
 * will touch: at stage 0 eight events ahead, at stage 1 four.
 */
typedef void	(*yamlev_prefetch_fn)(void *arg, uint32_t hash, int stage);
void		 yamlev_set_prefetch(struct yamlev *, yamlev_prefetch_fn,
		    void *arg);

/*
 * Whether a large file may be parsed on a thread of its own, ahead of its
 * reader (the default); not when files are already read on several
 * threads.
 */
void		 yamlev_set_parse_thread(struct yamlev *, int);

/*
 * Start reading len bytes of buf (kept by the caller until
 * yamlev_close()), reporting problems into dl; file names them in
 * diagnostics and must stay valid as long.  Returns 0, or -1 when the text
 * is refused at once (reported).
 */
int		 yamlev_open(struct yamlev *, struct diag_list *,
		    const char *file, const unsigned char *buf, size_t len);
/* The name of the file being read. */
const char	*yamlev_file(const struct yamlev *);
void		 yamlev_close(struct yamlev *);

/* The next event; YAMLEV_EOF at the end and after a fatal problem. */
void		 yamlev_next(struct yamlev *, struct yamlev_event *);
/* Consume the rest of the collection that ev starts (nothing for others). */
void		 yamlev_skip(struct yamlev *, const struct yamlev_event *);
/* Whether a fatal problem ended the stream. */
int		 yamlev_failed(const struct yamlev *);
/* The length in bytes of the text being read (for budgets). */
size_t		 yamlev_length(const struct yamlev *);

/*
 * Report an error at line and column of the file being read.  While an
 * alias is replayed, a message already given at the same place is not
 * repeated.
 */
void		 yamlev_error(struct yamlev *, uint32_t, uint32_t,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

/* Quote user text for a message into out: at most 64 bytes, escapes
 * visible.  Returns out. */
const char	*yamlev_quote(char *out, size_t outsz, const char *,
		    size_t);
/* A plain empty, ~ or null scalar. */
int		 yamlev_is_null(const struct yamlev_event *);
/* "a list", "a mapping", "empty" or "a string", for messages. */
const char	*yamlev_what(const struct yamlev_event *);
/*
 * Whether a scalar's text is exactly its source (no escapes, no folding),
 * so that a character of it can be pointed at.
 */
int		 yamlev_verbatim(const struct yamlev_event *);

#endif
