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
 */
#ifndef FAULTLINE_YAMLSRC_H
#define FAULTLINE_YAMLSRC_H

#include <stddef.h>

#include <yaml.h>

/* An event as the reader sees it; its strings are valid until the next. */
struct yamlsrc_event {
	yaml_event_type_t	 type;
	yaml_mark_t		 start;
	yaml_mark_t		 end;
	const char		*anchor;	/* scalar, collection
						 * start, alias */
	const char		*tag;		/* scalar, collection
						 * start */
	const char		*value;		/* scalar */
	size_t			 length;	/* scalar */
	yaml_scalar_style_t	 style;		/* scalar */
	uint32_t		 hash;		/* scalar: symtab_hash() */
};

/*
 * Of a longer scalar, parsed in the thread, only this many bytes are kept
 * (and hashed), with its whole length: the event layer refuses such a
 * scalar by its length alone, so its text need not be copied.
 */
#define YAMLSRC_VALUE_MAX	((size_t)1 << 17)

struct yamlsrc;

/* Parse len bytes of buf (kept by the caller until yamlsrc_close()). */
struct yamlsrc	*yamlsrc_open(const unsigned char *buf, size_t len);
/*
 * The next event; NULL on a parse error (yamlsrc_parser() has its
 * details).  After the end of the stream, events of type
 * YAML_NO_EVENT.
 */
const struct yamlsrc_event *yamlsrc_next(struct yamlsrc *);
/*
 * The hash of the scalar k events after the last one returned, when that
 * event is parsed already and is a scalar: 1 and *hash, else 0.
 */
int		 yamlsrc_ahead(struct yamlsrc *, size_t k,
		    uint32_t *hash);
/* The parser, for its error fields once yamlsrc_next() returned NULL. */
const yaml_parser_t *yamlsrc_parser(const struct yamlsrc *);
void		 yamlsrc_close(struct yamlsrc *);

#endif
