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

#include "symtab.h"
#include "xalloc.h"
#include "yamlsrc.h"

#define YAMLSRC_THREADED_MIN	(1u << 20)	/* bytes of text */
#define YAMLSRC_BLOCK_EVENTS	4096
#define YAMLSRC_BLOCK_TEXT	(256u << 10)	/* a block ends past this */
#define YAMLSRC_BLOCKS		4
#define YAMLSRC_NONE		SIZE_MAX

/* An event in a block: strings are offsets into the block's text. */
struct yamlsrc_rec {
	yaml_event_type_t	type;
	yaml_scalar_style_t	style;
	yaml_mark_t		start;
	yaml_mark_t		end;
	size_t			anchor;
	size_t			tag;
	size_t			value;
	size_t			length;
	uint32_t		hash;
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
static size_t
yamlsrc_text(struct yamlsrc_block *b, const unsigned char *s, size_t len)
{
	size_t	off = b->ntext;

	if (s == NULL)
		return YAMLSRC_NONE;
	XGROW(b->text, b->text_cap, b->ntext + len + 1);
	memcpy(b->text + off, s, len);
	b->text[off + len] = '\0';
	b->ntext += len + 1;
	return off;
}

static size_t
yamlsrc_cstr(struct yamlsrc_block *b, const yaml_char_t *s)
{
	return s != NULL ? yamlsrc_text(b, s, strlen((const char *)s)) :
	    YAMLSRC_NONE;
}

static void
yamlsrc_copy(struct yamlsrc_block *b, const yaml_event_t *e)
{
	struct yamlsrc_rec	*r = &b->recs[b->n++];

	r->type = e->type;
	r->style = YAML_ANY_SCALAR_STYLE;
	r->start = e->start_mark;
	r->end = e->end_mark;
	r->anchor = r->tag = r->value = YAMLSRC_NONE;
	r->length = 0;
	r->hash = 0;
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		r->style = e->data.scalar.style;
		r->value = yamlsrc_text(b, e->data.scalar.value,
		    e->data.scalar.length);
		r->length = e->data.scalar.length;
		r->hash = symtab_hash(b->text + r->value, r->length);
		r->anchor = yamlsrc_cstr(b, e->data.scalar.anchor);
		r->tag = yamlsrc_cstr(b, e->data.scalar.tag);
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
yamlsrc_open(const unsigned char *buf, size_t len)
{
	struct yamlsrc	*src;
	size_t		 i;

	src = xcalloc(1, sizeof *src);
	yaml_parser_initialize(&src->parser);
	yaml_parser_set_input_string(&src->parser, buf, len);
	if (len < YAMLSRC_THREADED_MIN)
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
yamlsrc_str(const struct yamlsrc_block *b, size_t off)
{
	return off != YAMLSRC_NONE ? b->text + off : NULL;
}

/* The reader's view of a block's event. */
static const struct yamlsrc_event *
yamlsrc_view(struct yamlsrc *src, const struct yamlsrc_block *b,
    const struct yamlsrc_rec *r)
{
	struct yamlsrc_event	*ev = &src->ev;

	ev->type = r->type;
	ev->start = r->start;
	ev->end = r->end;
	ev->anchor = yamlsrc_str(b, r->anchor);
	ev->tag = yamlsrc_str(b, r->tag);
	ev->value = yamlsrc_str(b, r->value);
	ev->length = r->length;
	ev->style = r->style;
	ev->hash = r->hash;
	return ev;
}

/* The reader's view of a libyaml event (parsed inline). */
static const struct yamlsrc_event *
yamlsrc_view_inline(struct yamlsrc *src)
{
	const yaml_event_t	*e = &src->inline_ev;
	struct yamlsrc_event	*ev = &src->ev;

	memset(ev, 0, sizeof *ev);
	ev->type = e->type;
	ev->start = e->start_mark;
	ev->end = e->end_mark;
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		ev->anchor = (const char *)e->data.scalar.anchor;
		ev->tag = (const char *)e->data.scalar.tag;
		ev->value = (const char *)e->data.scalar.value;
		ev->length = e->data.scalar.length;
		ev->style = e->data.scalar.style;
		ev->hash = symtab_hash(ev->value, ev->length);
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
	src->ev.type = YAML_NO_EVENT;
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
yamlsrc_ahead(const struct yamlsrc *src, size_t k, uint32_t *hash)
{
	const struct yamlsrc_rec	*r;

	if (src->cur == NULL || k == 0 || src->pos + k - 1 >= src->cur->n)
		return 0;
	r = &src->cur->recs[src->pos + k - 1];
	if (r->type != YAML_SCALAR_EVENT)
		return 0;
	*hash = r->hash;
	return 1;
}

const yaml_parser_t *
yamlsrc_parser(const struct yamlsrc *src)
{
	return &src->parser;
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
