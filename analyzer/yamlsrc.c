/*
 * yamlsrc.c -- libyaml's parser as a source of events (see yamlsrc.h).
 *
 * Threaded, the parser fills a ring of blocks.  A block holds its events'
 * fields in an array and their strings (value, anchor, tag; each with a
 * NUL) in one text buffer, both reused from one filling to the next, so
 * in steady state neither thread allocates: libyaml's own allocations are
 * made and freed by the parser thread within one event, hot in its cache.
 * The reader owns the block at the head of the ring until it has read it
 * all, then hands it back.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "symtab.h"
#include "xalloc.h"
#include "yamlsrc.h"

#define YAMLSRC_THREADED_MIN	(1u << 20)	/* bytes of text */
#define YAMLSRC_BLOCK_EVENTS	4096
#define YAMLSRC_BLOCK_TEXT	(256u << 10)	/* a block ends past this */
#define YAMLSRC_BLOCKS		4
#define YAMLSRC_NONE		UINT32_MAX
#define YAMLSRC_NAME_MAX	(64u << 10)	/* bytes of an anchor or tag */

/*
 * An event in a block, small: lines and columns (what the reader uses of
 * marks), and strings as offsets into the block's text.  A block ends
 * once its text passes YAMLSRC_BLOCK_TEXT, and an event's anchor and tag
 * are copied before its value, at most YAMLSRC_NAME_MAX bytes each (the
 * event layer refuses anchors of over 1,024 and any tag, quoting 64), and
 * of the value at most YAMLSRC_VALUE_MAX, so every offset fits 32 bits
 * and a file of huge scalars costs no second copy of them.  The reader
 * fills in the hash of a scalar when it first needs it.
 */
struct yamlsrc_rec {
	uint8_t		type;		/* enum yamlsrc_type */
	uint8_t		style;		/* enum yamlsrc_style */
	uint8_t		hashed;
	struct yamlsrc_mark start;
	struct yamlsrc_mark end;
	uint32_t	anchor;
	uint32_t	tag;
	uint32_t	value;
	uint32_t	hash;
	size_t		length;
};

struct yamlsrc_block {
	struct yamlsrc_rec	*recs;	/* YAMLSRC_BLOCK_EVENTS */
	size_t			 n;
	char			*text;
	size_t			 ntext;
	size_t			 text_cap;
	int			 end;	/* 1: the stream ended; -1: an error */
};

struct yamlsrc {
	yaml_parser_t		 parser;
	struct yamlsrc_event	 ev;		/* what the reader sees */
	yaml_event_t		 inline_ev;	/* inline: the current event */
	int			 threaded;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct yamlsrc_block	 blocks[YAMLSRC_BLOCKS];
	size_t			 head;		/* the oldest filled block */
	size_t			 count;		/* filled, not yet read */
	int			 stop;		/* the reader wants no more */
	struct yamlsrc_block	*cur;		/* blocks[head], being read */
	size_t			 pos;
	int			 joined;
};

/* Copy a string with its NUL into a block's text; its offset. */
static uint32_t
yamlsrc_text(struct yamlsrc_block *b, const unsigned char *s, size_t len)
{
	uint32_t	off = (uint32_t)b->ntext;

	if (s == NULL)
		return YAMLSRC_NONE;
	XGROW(b->text, b->text_cap, b->ntext + len + 1);
	memcpy(b->text + off, s, len);
	b->text[off + len] = '\0';
	b->ntext += len + 1;
	return off;
}

/* The bytes of a scalar's value that are kept and hashed. */
static size_t
yamlsrc_kept(size_t length)
{
	return length < YAMLSRC_VALUE_MAX ? length : YAMLSRC_VALUE_MAX;
}

/* A line or column; one past 4 G lines is as far as anyone reads. */
static uint32_t
yamlsrc_u32(size_t v)
{
	return v < UINT32_MAX ? (uint32_t)v : UINT32_MAX - 1;
}

static struct yamlsrc_mark
yamlsrc_mark(const yaml_mark_t *m)
{
	struct yamlsrc_mark	mark;

	mark.line = yamlsrc_u32(m->line);
	mark.column = yamlsrc_u32(m->column);
	return mark;
}

static enum yamlsrc_type
yamlsrc_type(yaml_event_type_t type)
{
	switch (type) {
	case YAML_STREAM_END_EVENT:
		return YAMLSRC_STREAM_END;
	case YAML_DOCUMENT_START_EVENT:
		return YAMLSRC_DOCUMENT_START;
	case YAML_SCALAR_EVENT:
		return YAMLSRC_SCALAR;
	case YAML_SEQUENCE_START_EVENT:
		return YAMLSRC_SEQUENCE_START;
	case YAML_SEQUENCE_END_EVENT:
		return YAMLSRC_SEQUENCE_END;
	case YAML_MAPPING_START_EVENT:
		return YAMLSRC_MAPPING_START;
	case YAML_MAPPING_END_EVENT:
		return YAMLSRC_MAPPING_END;
	case YAML_ALIAS_EVENT:
		return YAMLSRC_ALIAS;
	default:
		return YAMLSRC_OTHER;
	}
}

static enum yamlsrc_style
yamlsrc_style(yaml_scalar_style_t style)
{
	switch (style) {
	case YAML_PLAIN_SCALAR_STYLE:
		return YAMLSRC_PLAIN;
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return YAMLSRC_QUOTED;
	default:
		return YAMLSRC_BLOCK;
	}
}

/* An anchor or tag, cut at YAMLSRC_NAME_MAX bytes. */
static uint32_t
yamlsrc_cstr(struct yamlsrc_block *b, const yaml_char_t *s)
{
	return s != NULL ? yamlsrc_text(b, s, strnlen((const char *)s,
	    YAMLSRC_NAME_MAX)) : YAMLSRC_NONE;
}

static void
yamlsrc_copy(struct yamlsrc_block *b, const yaml_event_t *e)
{
	struct yamlsrc_rec	*r = &b->recs[b->n++];

	r->type = (uint8_t)yamlsrc_type(e->type);
	r->style = YAMLSRC_BLOCK;
	r->hashed = 0;
	r->start = yamlsrc_mark(&e->start_mark);
	r->end = yamlsrc_mark(&e->end_mark);
	r->anchor = r->tag = r->value = YAMLSRC_NONE;
	r->length = 0;
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		r->style = (uint8_t)yamlsrc_style(e->data.scalar.style);
		r->anchor = yamlsrc_cstr(b, e->data.scalar.anchor);
		r->tag = yamlsrc_cstr(b, e->data.scalar.tag);
		r->value = yamlsrc_text(b, e->data.scalar.value,
		    yamlsrc_kept(e->data.scalar.length));
		r->length = e->data.scalar.length;
		break;
	case YAML_SEQUENCE_START_EVENT:
		r->anchor = yamlsrc_cstr(b, e->data.sequence_start.anchor);
		r->tag = yamlsrc_cstr(b, e->data.sequence_start.tag);
		break;
	case YAML_MAPPING_START_EVENT:
		r->anchor = yamlsrc_cstr(b, e->data.mapping_start.anchor);
		r->tag = yamlsrc_cstr(b, e->data.mapping_start.tag);
		break;
	case YAML_ALIAS_EVENT:
		r->anchor = yamlsrc_cstr(b, e->data.alias.anchor);
		break;
	default:
		break;
	}
}

/* Parse into b until it is full, the text is long, or the stream ends. */
static void
yamlsrc_fill(struct yamlsrc *src, struct yamlsrc_block *b)
{
	yaml_event_t	e;
	int		type;

	b->n = b->ntext = 0;
	b->end = 0;
	while (b->n < YAMLSRC_BLOCK_EVENTS && b->ntext < YAMLSRC_BLOCK_TEXT) {
		if (!yaml_parser_parse(&src->parser, &e)) {
			b->end = -1;
			return;
		}
		yamlsrc_copy(b, &e);
		type = e.type;
		yaml_event_delete(&e);
		if (type == YAML_STREAM_END_EVENT) {
			b->end = 1;
			return;
		}
	}
}

static void *
yamlsrc_run(void *arg)
{
	struct yamlsrc		*src = arg;
	struct yamlsrc_block	*b;
	int			 end = 0;

	while (!end) {
		pthread_mutex_lock(&src->mu);
		while (src->count == YAMLSRC_BLOCKS && !src->stop)
			pthread_cond_wait(&src->cv, &src->mu);
		if (src->stop) {
			pthread_mutex_unlock(&src->mu);
			break;
		}
		b = &src->blocks[(src->head + src->count) % YAMLSRC_BLOCKS];
		pthread_mutex_unlock(&src->mu);
		yamlsrc_fill(src, b);
		end = b->end != 0;
		pthread_mutex_lock(&src->mu);
		src->count++;
		pthread_cond_broadcast(&src->cv);
		pthread_mutex_unlock(&src->mu);
	}
	return NULL;
}

struct yamlsrc *
yamlsrc_open(const unsigned char *buf, size_t len, int may_thread)
{
	struct yamlsrc	*src;
	size_t		 i;

	src = xcalloc(1, sizeof *src);
	yaml_parser_initialize(&src->parser);
	yaml_parser_set_input_string(&src->parser, buf, len);
	if (!may_thread || len < YAMLSRC_THREADED_MIN)
		return src;
	for (i = 0; i < YAMLSRC_BLOCKS; i++)
		src->blocks[i].recs = xcalloc(YAMLSRC_BLOCK_EVENTS,
		    sizeof *src->blocks[i].recs);
	pthread_mutex_init(&src->mu, NULL);
	pthread_cond_init(&src->cv, NULL);
	if (pthread_create(&src->thread, NULL, yamlsrc_run, src) != 0) {
		pthread_cond_destroy(&src->cv);
		pthread_mutex_destroy(&src->mu);
		return src;
	}
	src->threaded = 1;
	return src;
}

static void
yamlsrc_join(struct yamlsrc *src)
{
	if (!src->joined) {
		pthread_join(src->thread, NULL);
		src->joined = 1;
	}
}

static const char *
yamlsrc_str(const struct yamlsrc_block *b, uint32_t off)
{
	return off != YAMLSRC_NONE ? b->text + off : NULL;
}

/* The hash of a scalar in a block the reader holds. */
static uint32_t
yamlsrc_hash(const struct yamlsrc_block *b, struct yamlsrc_rec *r)
{
	if (!r->hashed) {
		r->hash = symtab_hash(b->text + r->value,
		    yamlsrc_kept(r->length));
		r->hashed = 1;
	}
	return r->hash;
}

/* The reader's view of a block's event. */
static const struct yamlsrc_event *
yamlsrc_view(struct yamlsrc *src, const struct yamlsrc_block *b,
    struct yamlsrc_rec *r)
{
	struct yamlsrc_event	*ev = &src->ev;

	ev->type = (enum yamlsrc_type)r->type;
	ev->start = r->start;
	ev->end = r->end;
	ev->anchor = yamlsrc_str(b, r->anchor);
	ev->tag = yamlsrc_str(b, r->tag);
	ev->value = yamlsrc_str(b, r->value);
	ev->length = r->length;
	ev->style = (enum yamlsrc_style)r->style;
	ev->hash = r->type == YAMLSRC_SCALAR ? yamlsrc_hash(b, r) : 0;
	return ev;
}

/* The reader's view of a libyaml event (parsed inline). */
static const struct yamlsrc_event *
yamlsrc_view_inline(struct yamlsrc *src)
{
	const yaml_event_t	*e = &src->inline_ev;
	struct yamlsrc_event	*ev = &src->ev;

	memset(ev, 0, sizeof *ev);
	ev->type = yamlsrc_type(e->type);
	ev->start = yamlsrc_mark(&e->start_mark);
	ev->end = yamlsrc_mark(&e->end_mark);
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		ev->anchor = (const char *)e->data.scalar.anchor;
		ev->tag = (const char *)e->data.scalar.tag;
		ev->value = (const char *)e->data.scalar.value;
		ev->length = e->data.scalar.length;
		ev->style = yamlsrc_style(e->data.scalar.style);
		ev->hash = symtab_hash(ev->value, yamlsrc_kept(ev->length));
		break;
	case YAML_SEQUENCE_START_EVENT:
		ev->anchor = (const char *)e->data.sequence_start.anchor;
		ev->tag = (const char *)e->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		ev->anchor = (const char *)e->data.mapping_start.anchor;
		ev->tag = (const char *)e->data.mapping_start.tag;
		break;
	case YAML_ALIAS_EVENT:
		ev->anchor = (const char *)e->data.alias.anchor;
		break;
	default:
		break;
	}
	return ev;
}

/* After the end of the stream: nothing more. */
static const struct yamlsrc_event *
yamlsrc_none(struct yamlsrc *src)
{
	memset(&src->ev, 0, sizeof src->ev);
	src->ev.type = YAMLSRC_OTHER;
	return &src->ev;
}

const struct yamlsrc_event *
yamlsrc_next(struct yamlsrc *src)
{
	if (!src->threaded) {
		yaml_event_delete(&src->inline_ev);
		if (!yaml_parser_parse(&src->parser, &src->inline_ev))
			return NULL;
		return yamlsrc_view_inline(src);
	}
	for (;;) {
		if (src->cur != NULL) {
			if (src->pos < src->cur->n)
				return yamlsrc_view(src, src->cur,
				    &src->cur->recs[src->pos++]);
			if (src->cur->end != 0) {
				yamlsrc_join(src);
				return src->cur->end == -1 ? NULL :
				    yamlsrc_none(src);
			}
			pthread_mutex_lock(&src->mu);
			src->head = (src->head + 1) % YAMLSRC_BLOCKS;
			src->count--;
			pthread_cond_broadcast(&src->cv);
			pthread_mutex_unlock(&src->mu);
			src->cur = NULL;
		}
		pthread_mutex_lock(&src->mu);
		while (src->count == 0)
			pthread_cond_wait(&src->cv, &src->mu);
		src->cur = &src->blocks[src->head];
		src->pos = 0;
		pthread_mutex_unlock(&src->mu);
	}
}

int
yamlsrc_ahead(struct yamlsrc *src, size_t k, uint32_t *hash)
{
	struct yamlsrc_rec	*r;

	if (src->cur == NULL || k == 0 || src->pos + k - 1 >= src->cur->n)
		return 0;
	r = &src->cur->recs[src->pos + k - 1];
	if (r->type != YAMLSRC_SCALAR)
		return 0;
	*hash = yamlsrc_hash(src->cur, r);
	return 1;
}

void
yamlsrc_error(const struct yamlsrc *src, struct yamlsrc_error *err)
{
	const yaml_parser_t	*p = &src->parser;

	memset(err, 0, sizeof *err);
	switch (p->error) {
	case YAML_READER_ERROR:
		err->kind = YAMLSRC_READER_ERROR;
		break;
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		err->kind = YAMLSRC_SYNTAX_ERROR;
		break;
	default:
		err->kind = YAMLSRC_OTHER_ERROR;
		break;
	}
	err->problem = p->problem;
	err->offset = p->problem_offset;
	err->value = (unsigned)p->problem_value;
	err->mark = yamlsrc_mark(&p->problem_mark);
	err->context = p->context;
	err->context_mark = yamlsrc_mark(&p->context_mark);
}

void
yamlsrc_close(struct yamlsrc *src)
{
	size_t	i;

	if (src == NULL)
		return;
	if (src->threaded) {
		pthread_mutex_lock(&src->mu);
		src->stop = 1;
		pthread_cond_broadcast(&src->cv);
		pthread_mutex_unlock(&src->mu);
		yamlsrc_join(src);
		pthread_cond_destroy(&src->cv);
		pthread_mutex_destroy(&src->mu);
	}
	for (i = 0; i < YAMLSRC_BLOCKS; i++) {
		free(src->blocks[i].recs);
		free(src->blocks[i].text);
	}
	yaml_event_delete(&src->inline_ev);
	yaml_parser_delete(&src->parser);
	free(src);
}
