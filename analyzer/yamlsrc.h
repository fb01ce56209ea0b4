/*
 * yamlsrc.h -- libyaml's parser as a source of events for the event layer
 * (yamlev.h).
 *
 * A large text is parsed in a second thread, a few blocks of events ahead
 * of the reader, so that libyaml's parse (the floor of any libyaml-based
 * tool) overlaps with loading.  The parser thread copies each event into
 * a flat block (its fields and its text in one buffer) and deletes it at
 * once, as a bare parse would: libyaml's allocations never outlive the
 * event, and the reader walks plain arrays.  A small text is parsed
 * inline.  Either way the reader sees the same events.
 *
 * The loader's only file that includes libyaml is yamlsrc.c: events,
 * marks and errors come out in the types below.
 */
#ifndef FAULTLINE_YAMLSRC_H
#define FAULTLINE_YAMLSRC_H

#include <stddef.h>
#include <stdint.h>

enum yamlsrc_type {
	YAMLSRC_OTHER,		/* stream start, document end, past the end */
	YAMLSRC_STREAM_END,
	YAMLSRC_DOCUMENT_START,
	YAMLSRC_SCALAR,
	YAMLSRC_SEQUENCE_START,
	YAMLSRC_SEQUENCE_END,
	YAMLSRC_MAPPING_START,
	YAMLSRC_MAPPING_END,
	YAMLSRC_ALIAS
};

enum yamlsrc_style {
	YAMLSRC_PLAIN,
	YAMLSRC_QUOTED,		/* single or double */
	YAMLSRC_BLOCK		/* literal or folded */
};

/* A place in the text as libyaml counts: 0-based, columns in characters. */
struct yamlsrc_mark {
	uint32_t	line;
	uint32_t	column;
};

/* An event as the reader sees it; its strings are valid until the next. */
struct yamlsrc_event {
	enum yamlsrc_type	 type;
	struct yamlsrc_mark	 start;
	struct yamlsrc_mark	 end;
	const char		*anchor;	/* scalar, collection
						 * start, alias */
	const char		*tag;		/* scalar, collection
						 * start */
	const char		*value;		/* scalar */
	size_t			 length;	/* scalar */
	enum yamlsrc_style	 style;		/* scalar */
	uint32_t		 hash;		/* scalar: symtab_hash() */
};

/* Why the parse stopped. */
enum yamlsrc_error_kind {
	YAMLSRC_READER_ERROR,	/* the bytes: encoding, control characters */
	YAMLSRC_SYNTAX_ERROR,	/* libyaml's scanner or parser */
	YAMLSRC_OTHER_ERROR	/* memory, ... */
};

struct yamlsrc_error {
	enum yamlsrc_error_kind	 kind;
	const char		*problem;	/* libyaml's words, or NULL */
	size_t			 offset;	/* reader: byte offset */
	unsigned		 value;		/* reader: the byte refused */
	struct yamlsrc_mark	 mark;		/* syntax: where */
	const char		*context;	/* syntax: inside what, or NULL */
	struct yamlsrc_mark	 context_mark;
};

/*
 * Of a longer scalar, parsed in the thread, only this many bytes are kept
 * (and hashed), with its whole length: the event layer refuses such a
 * scalar by its length alone, so its text need not be copied.
 */
#define YAMLSRC_VALUE_MAX	((size_t)1 << 17)

struct yamlsrc;

/*
 * Parse len bytes of buf (kept by the caller until yamlsrc_close()): a
 * large buffer on a thread of its own, ahead of the reader, when
 * may_thread is not 0.
 */
struct yamlsrc	*yamlsrc_open(const unsigned char *buf, size_t len,
		    int may_thread);
/*
 * The next event; NULL on a parse error (yamlsrc_error() has its
 * details).  After the end of the stream, events of type YAMLSRC_OTHER.
 */
const struct yamlsrc_event *yamlsrc_next(struct yamlsrc *);
/*
 * The hash of the scalar k events after the last one returned, when that
 * event is parsed already and is a scalar: 1 and *hash, else 0.
 */
int		 yamlsrc_ahead(struct yamlsrc *, size_t k,
		    uint32_t *hash);
/* Why yamlsrc_next() returned NULL. */
void		 yamlsrc_error(const struct yamlsrc *, struct yamlsrc_error *);
void		 yamlsrc_close(struct yamlsrc *);

#endif
