/*
 * yamlev.c -- the YAML event layer of the loader (see yamlev.h).
 *
 * Reads libyaml's events from the event source (yamlsrc.h: the parser,
 * never libyaml's document loader), converts libyaml's 0-based marks
 * (whose index counts characters) into 1-based lines and columns, refuses
 * hostile input, and records the events of anchored nodes to replay them
 * for aliases, bounded per file.
 *
 * libyaml itself is yamlsrc.c's (import's catalog_yaml.c reads Backstage
 * catalogs with it too).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symtab.h"
#include "xalloc.h"
#include "yamlev.h"
#include "yamlsrc.h"

/*
 * How far ahead, in events, the interning of scalars is prefetched: far
 * enough for a cache miss to land, near enough to stay in the cache.
 */
#define YAMLEV_PREFETCH_AHEAD	8

/* A scalar is refused by its length before the cut source text ends. */
_Static_assert(YAMLEV_MAX_SCALAR < YAMLSRC_VALUE_MAX,
    "the event source keeps every byte of an acceptable scalar");

/* In recordings only: an alias, replayed from its anchor's records. */
#define YEV_ALIAS	(YAMLEV_CLOSE + 1)

/* A recorded event of an anchored node. */
struct rec {
	uint8_t type;
	uint8_t plain;
	uint32_t width;
	uint32_t line;
	uint32_t col;
	size_t a; /* scalar: text offset; alias: first rec */
	size_t b; /* scalar: length; alias: end rec */
};

struct anchor {
	size_t start;
	size_t end;
	int defined;
	int open;
};

struct open_anchor {
	uint32_t sym;
	unsigned depth;
	size_t start;
};

struct frame {
	size_t pos;
	size_t end;
};

struct yamlev {
	struct diag_list *dl;
	const char *file;
	int parse_thread;	/* a large file may be parsed on a thread */
	const unsigned char *buf;
	size_t buflen;
	uint32_t end_line; /* past the last line break: the end of the */
	uint32_t end_col;  /* text; UINT32_MAX when it ends in a break */

	struct yamlsrc *src;
	yamlev_prefetch_fn prefetch;
	void *prefetch_arg;
	int open;
	int fatal;
	int ndocs;
	unsigned depth;

	struct symtab *anchor_names;
	struct anchor *anchors;
	size_t anchors_cap;
	struct open_anchor *open_anchors;
	size_t nopen, open_cap;
	struct rec *recs;
	size_t nrecs, recs_cap;
	char *text;
	size_t ntext, text_cap;
	struct frame *replay;
	size_t nreplay, replay_cap;
	size_t alias_events; /* replayed */
	size_t raw_events;   /* parsed */
	uint32_t alias_line, alias_col;
};

/* Diagnostics. */

/* Quote user text for a message: at most 64 bytes, escapes visible. */
const char *
yamlev_quote(char *out, size_t outsz, const char *s, size_t len)
{
	size_t i, o = 0;
	unsigned char c;

	for (i = 0; i < len && o + 8 < outsz; i++) {
		if (o >= 64) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		c = (unsigned char)s[i];
		if (c == '\n')
			o += (size_t)snprintf(out + o, outsz - o, "\\n");
		else if (c == '\t')
			o += (size_t)snprintf(out + o, outsz - o, "\\t");
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

void
yamlev_error(struct yamlev *y, uint32_t line, uint32_t col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	const struct diag *d;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (y->nreplay > 0) {
		/* A replayed anchor repeats its own problems: say them once. */
		for (i = y->dl->n; i > 0 && i + 16 > y->dl->n; i--) {
			d = &y->dl->v[i - 1];
			if (d->line == line && d->column == col &&
			    d->file != NULL && strcmp(d->file, y->file) == 0 &&
			    strcmp(d->message, msg) == 0)
				return;
		}
	}
	diag_add(y->dl, DIAG_ERROR, y->file, line, col, "%s", msg);
}

static void yev_fatal(struct yamlev *y, uint32_t line, uint32_t col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
yev_fatal(struct yamlev *y, uint32_t line, uint32_t col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(y->dl, DIAG_ERROR, y->file, line, col, "%s", msg);
	y->fatal = 1;
}

/*
 * Positions in the buffer, counted as libyaml counts them: lines end at
 * CR LF, CR, LF, NEL, LS or PS; columns are characters; a byte order mark
 * at the start is not a column.
 */

/* The length in bytes of the line break at b[i], or 0. */
static size_t
yev_break_len(const unsigned char *b, size_t i, size_t n)
{
	if (b[i] == '\n')
		return 1;
	if (b[i] == '\r')
		return i + 1 < n && b[i + 1] == '\n' ? 2 : 1;
	if (b[i] == 0xc2 && i + 1 < n && b[i + 1] == 0x85)
		return 2;
	if (b[i] == 0xe2 && i + 2 < n && b[i + 1] == 0x80 &&
	    (b[i + 2] == 0xa8 || b[i + 2] == 0xa9))
		return 3;
	return 0;
}

static size_t
yev_text_start(const struct yamlev *y)
{
	if (y->buflen >= 3 && memcmp(y->buf, "\xef\xbb\xbf", 3) == 0)
		return 3;
	return 0;
}

/* Line and column (1-based) of a byte offset. */
static void
yev_offset_mark(
    const struct yamlev *y, size_t off, uint32_t *line, uint32_t *col)
{
	size_t i, k;
	uint32_t l = 1, c = 1;

	if (off > y->buflen)
		off = y->buflen;
	for (i = yev_text_start(y); i < off; i += k) {
		if ((k = yev_break_len(y->buf, i, y->buflen)) != 0) {
			l++;
			c = 1;
			continue;
		}
		k = 1;
		if ((y->buf[i] & 0xc0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

/*
 * The byte offset of a libyaml mark (0-based line and column; its index
 * counts characters, not bytes), or buflen when the mark is past the end.
 */
static size_t
yev_mark_offset(const struct yamlev *y, const struct yamlsrc_mark *m)
{
	size_t i = yev_text_start(y), k, l = 0, c = 0;

	while (l < m->line && i < y->buflen) {
		if ((k = yev_break_len(y->buf, i, y->buflen)) != 0) {
			l++;
			i += k;
		} else
			i++;
	}
	while (c < m->column && i < y->buflen &&
	    yev_break_len(y->buf, i, y->buflen) == 0) {
		i++;
		while (i < y->buflen && (y->buf[i] & 0xc0) == 0x80)
			i++;
		c++;
	}
	return i;
}

/* The length of a range "{N..M}" at p, or 0. */
static size_t
yev_range_len(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p + 1;
	size_t d;

	for (d = 0; q < end && *q >= '0' && *q <= '9' && d < 19; d++)
		q++;
	if (d == 0 || end - q < 2 || q[0] != '.' || q[1] != '.')
		return 0;
	q += 2;
	for (d = 0; q < end && *q >= '0' && *q <= '9' && d < 19; d++)
		q++;
	if (d == 0 || q >= end || *q != '}')
		return 0;
	return (size_t)(q + 1 - p);
}

/*
 * A brace range written unquoted in a flow list is a syntax error; find
 * one between from and to and return the word holding it in *word.
 */
static int
yev_brace_in_flow(const struct yamlev *y, size_t from, size_t to,
    const unsigned char **word, size_t *wlen)
{
	const unsigned char *b = y->buf, *end = y->buf + y->buflen;
	const unsigned char *s, *e;
	size_t i, n;

	if (to > y->buflen)
		to = y->buflen;
	for (i = from; i < to; i++) {
		if (b[i] != '{' || (n = yev_range_len(b + i, end)) == 0)
			continue;
		s = b + i;
		while (
		    s > b && s > b + from && strchr(" \t\r\n[,", s[-1]) == NULL)
			s--;
		e = b + i + n;
		while (
		    e < end && e - s < 256 && strchr(" \t\r\n],", *e) == NULL)
			e++;
		*word = s;
		*wlen = (size_t)(e - s);
		return 1;
	}
	return 0;
}

/*
 * Where the text ends, when it does not end in a line break: libyaml
 * moves its marks at the end of such a stream to the line after the last,
 * and yev_clamp_mark() moves them back after the last character.  One pass
 * over the text, for such files only.
 */
static void
yev_find_end(struct yamlev *y)
{
	size_t n = y->buflen;
	const unsigned char *b = y->buf;

	y->end_line = y->end_col = UINT32_MAX;
	if (n == 0 || b[n - 1] == '\n' || b[n - 1] == '\r' ||
	    (n >= 2 && yev_break_len(b, n - 2, n) == 2) ||
	    (n >= 3 && yev_break_len(b, n - 3, n) == 3))
		return;
	yev_offset_mark(y, n, &y->end_line, &y->end_col);
}

static void
yev_clamp_mark(const struct yamlev *y, uint32_t *line, uint32_t *col)
{
	if (*line > y->end_line) {
		*line = y->end_line;
		*col = y->end_col;
	}
}

/* A libyaml mark as 1-based line and column inside the text. */
static void
yev_yaml_mark(const struct yamlev *y, const struct yamlsrc_mark *m,
    uint32_t *line, uint32_t *col)
{
	*line = (uint32_t)m->line + 1;
	*col = (uint32_t)m->column + 1;
	yev_clamp_mark(y, line, col);
}

static void
yev_yaml_error(struct yamlev *y)
{
	struct yamlsrc_error e;
	const struct yamlsrc_error *p = &e;
	uint32_t line, col, cline, ccol;
	const unsigned char *w;
	size_t wl, from, to;
	char q[128], hint[256];
	const char *problem;

	yamlsrc_error(y->src, &e);
	problem = p->problem != NULL ? p->problem : "unknown error";
	switch (p->kind) {
	case YAMLSRC_READER_ERROR:
		yev_offset_mark(y, p->offset, &line, &col);
		if (strstr(problem, "UTF-8") != NULL)
			yev_fatal(y, line, col, "invalid UTF-8 (%s)", problem);
		else if (strcmp(problem,
			     "control characters are not allowed") == 0)
			yev_fatal(y, line, col,
			    "control character 0x%02x is not "
			    "allowed",
			    p->value & 0xff);
		else
			yev_fatal(y, line, col, "invalid input: %s", problem);
		return;
	case YAMLSRC_SYNTAX_ERROR:
		yev_yaml_mark(y, &p->mark, &line, &col);
		hint[0] = '\0';
		to = yev_mark_offset(y, &p->mark);
		from = p->context != NULL
		    ? yev_mark_offset(y, &p->context_mark) : to;
		if (from > to)
			from = to;
		while (from > 0 && y->buf[from - 1] != '\n')
			from--;
		if (yev_brace_in_flow(y, from, to + 1, &w, &wl)) {
			snprintf(hint, sizeof hint,
			    "; brace ranges in a [...] "
			    "list must be quoted: [\"%s\"]",
			    yamlev_quote(q, sizeof q, (const char *)w, wl));
		}
		if (p->context != NULL) {
			yev_yaml_mark(y, &p->context_mark, &cline, &ccol);
			yev_fatal(y, line, col,
			    "YAML syntax error: %s %s "
			    "at line %" PRIu32 ", column %" PRIu32 "%s",
			    problem, p->context, cline, ccol, hint);
		} else
			yev_fatal(y, line, col, "YAML syntax error: %s%s",
			    problem, hint);
		return;
	default:
		yev_fatal(y, 0, 0, "YAML error: %s", problem);
		return;
	}
}

/* The event layer. */

static void
yev_record(struct yamlev *y, enum yamlev_type type, const struct yamlev_event *ev)
{
	struct rec *r;

	XGROW(y->recs, y->recs_cap, y->nrecs + 1);
	r = &y->recs[y->nrecs++];
	r->type = (uint8_t)type;
	r->plain = (uint8_t)ev->plain;
	r->width = ev->width;
	r->line = ev->line;
	r->col = ev->col;
	r->a = r->b = 0;
	if (type == YAMLEV_SCALAR) {
		XGROW(y->text, y->text_cap, y->ntext + ev->len + 1);
		memcpy(y->text + y->ntext, ev->s, ev->len);
		r->a = y->ntext;
		r->b = ev->len;
		y->ntext += ev->len;
	}
}

static struct anchor *
yev_anchor(struct yamlev *y, const char *name, int create)
{
	uint32_t sym;
	size_t len = strlen(name);

	if (y->anchor_names == NULL)
		y->anchor_names = symtab_create();
	if (create)
		sym = symtab_intern(y->anchor_names, name, len);
	else if ((sym = symtab_lookup(
		      y->anchor_names, name, len)) == SYM_NONE)
		return NULL;
	if ((size_t)sym >= y->anchors_cap) {
		size_t old = y->anchors_cap;

		XGROW(y->anchors, y->anchors_cap, (size_t)sym + 1);
		memset(y->anchors + old, 0,
		    (y->anchors_cap - old) * sizeof *y->anchors);
	}
	return &y->anchors[sym];
}

/* Start recording a node with an anchor; scalars end at once. */
static void
yev_anchor_open(struct yamlev *y, const char *name, enum yamlev_type type,
    const struct yamlev_event *ev)
{
	struct anchor *a = yev_anchor(y, name, 1);

	a->start = y->nrecs;
	a->defined = 1;
	yev_record(y, type, ev);
	if (type == YAMLEV_SCALAR) {
		a->end = y->nrecs;
		a->open = 0;
		return;
	}
	a->open = 1;
	XGROW(y->open_anchors, y->open_cap, y->nopen + 1);
	y->open_anchors[y->nopen].sym = (uint32_t)(a - y->anchors);
	y->open_anchors[y->nopen].depth = y->depth;
	y->open_anchors[y->nopen].start = a->start;
	y->nopen++;
}

static int
yev_tag(struct yamlev *y, const char *tag, const struct yamlev_event *ev)
{
	const char *t = tag;
	char q[128];

	if (tag == NULL)
		return 0;
	if (strncmp(t, "tag:yaml.org,2002:", 18) == 0)
		yamlev_error(y, ev->line, ev->col,
		    "YAML tags are not supported "
		    "('!!%s')",
		    yamlev_quote(q, sizeof q, t + 18, strlen(t + 18)));
	else
		yamlev_error(y, ev->line, ev->col,
		    "YAML tags are not supported "
		    "('%s')",
		    yamlev_quote(q, sizeof q, t, strlen(t)));
	return 1;
}

static int
yev_depth_in(struct yamlev *y, const struct yamlev_event *ev)
{
	if (++y->depth > YAMLEV_MAX_DEPTH) {
		yev_fatal(y, ev->line, ev->col, "nesting deeper than %d levels",
		    YAMLEV_MAX_DEPTH);
		return 0;
	}
	return 1;
}

/* Deliver the next replayed event; 0 when the replay is over. */
static int
yev_replay(struct yamlev *y, struct yamlev_event *ev)
{
	struct frame *f;
	struct rec *r;

	while (y->nreplay > 0) {
		f = &y->replay[y->nreplay - 1];
		if (f->pos == f->end) {
			y->nreplay--;
			continue;
		}
		r = &y->recs[f->pos++];
		/*
		 * A small file may replay YAMLEV_MAX_ALIAS_EVENTS; a large
		 * one that merges an anchor into every entry, a fixed
		 * multiple of its own size.  Exponential growth hits either.
		 */
		if (++y->alias_events > YAMLEV_MAX_ALIAS_EVENTS &&
		    y->alias_events / YAMLEV_ALIAS_RATIO > y->raw_events) {
			yev_fatal(y, y->alias_line, y->alias_col,
			    "alias expansion exceeds %zu events (alias bomb?)",
			    y->alias_events - 1);
			ev->type = YAMLEV_EOF;
			return 1;
		}
		if (r->type == YEV_ALIAS) {
			XGROW(y->replay, y->replay_cap, y->nreplay + 1);
			y->replay[y->nreplay].pos = r->a;
			y->replay[y->nreplay].end = r->b;
			y->nreplay++;
			continue;
		}
		ev->type = (enum yamlev_type)r->type;
		/* No text recorded yet: only empty scalars and collections. */
		ev->s = y->text != NULL ? y->text + r->a : "";
		ev->len = r->b;
		ev->line = r->line;
		ev->col = r->col;
		ev->plain = r->plain;
		ev->width = r->width;
		ev->hash = ev->type == YAMLEV_SCALAR ?
		    symtab_hash(ev->s, ev->len) : 0;
		if (ev->type == YAMLEV_SEQ || ev->type == YAMLEV_MAP) {
			if (!yev_depth_in(y, ev))
				ev->type = YAMLEV_EOF;
		} else if (ev->type == YAMLEV_CLOSE)
			y->depth--;
		return 1;
	}
	return 0;
}

static void
yev_alias(struct yamlev *y, const struct yamlsrc_event *e, const struct yamlev_event *ev)
{
	struct anchor *a;
	char q[128];
	const char *name = e->anchor;

	a = yev_anchor(y, e->anchor, 0);
	if (a == NULL || !a->defined) {
		yev_fatal(y, ev->line, ev->col,
		    "alias '*%s' names no anchor "
		    "defined before it",
		    yamlev_quote(q, sizeof q, name, strlen(name)));
		return;
	}
	if (a->open) {
		yev_fatal(y, ev->line, ev->col,
		    "alias '*%s' is inside its own "
		    "anchor",
		    yamlev_quote(q, sizeof q, name, strlen(name)));
		return;
	}
	if (y->nopen > 0) {
		XGROW(y->recs, y->recs_cap, y->nrecs + 1);
		y->recs[y->nrecs].type = YEV_ALIAS;
		y->recs[y->nrecs].a = a->start;
		y->recs[y->nrecs].b = a->end;
		y->nrecs++;
	}
	y->alias_line = ev->line;
	y->alias_col = ev->col;
	XGROW(y->replay, y->replay_cap, y->nreplay + 1);
	y->replay[y->nreplay].pos = a->start;
	y->replay[y->nreplay].end = a->end;
	y->nreplay++;
}

/* The width in the source of a plain or quoted scalar on one line. */
static uint32_t
yev_scalar_width(const struct yamlsrc_event *e)
{
	size_t	w;

	switch (e->style) {
	case YAMLSRC_PLAIN:
	case YAMLSRC_QUOTED:
		break;
	default:
		return YAMLEV_WIDTH_NONE;
	}
	if (e->start.line != e->end.line ||
	    e->end.column < e->start.column)
		return YAMLEV_WIDTH_NONE;
	w = e->end.column - e->start.column;
	return w < YAMLEV_WIDTH_NONE ? (uint32_t)w : YAMLEV_WIDTH_NONE;
}

/*
 * Whether a scalar's text is exactly its source: as many characters as it
 * is wide in the file, less its quotes, which rules out escapes (a quote
 * doubled, a backslash sequence) and folding.
 */
int
yamlev_verbatim(const struct yamlev_event *v)
{
	size_t	i, chars = v->plain ? 0 : 2;

	if (v->width == YAMLEV_WIDTH_NONE)
		return 0;
	for (i = 0; i < v->len; i++)
		chars += ((unsigned char)v->s[i] & 0xc0) != 0x80;
	return chars == v->width;
}

/* A scalar event; 0 when it is refused (fatal). */
static int
yev_scalar(struct yamlev *y, const struct yamlsrc_event *e, struct yamlev_event *ev)
{
	ev->type = YAMLEV_SCALAR;
	ev->s = e->value;
	ev->len = e->length;
	ev->plain = e->style == YAMLSRC_PLAIN;
	ev->width = yev_scalar_width(e);
	ev->hash = e->hash;
	if (ev->len > YAMLEV_MAX_SCALAR) {
		yev_fatal(y, ev->line, ev->col, "scalar longer than %d bytes",
		    YAMLEV_MAX_SCALAR);
		return 0;
	}
	if (memchr(ev->s, '\0', ev->len) != NULL) {
		yev_fatal(y, ev->line, ev->col, "NUL byte in scalar");
		return 0;
	}
	yev_tag(y, e->tag, ev);
	return 1;
}

/* The end of a collection: an anchor open at its depth is complete. */
static void
yev_close_event(struct yamlev *y, struct yamlev_event *ev)
{
	struct open_anchor *o;
	struct anchor *a;

	ev->type = YAMLEV_CLOSE;
	if (y->nopen > 0) {
		yev_record(y, YAMLEV_CLOSE, ev);
		o = &y->open_anchors[y->nopen - 1];
		a = &y->anchors[o->sym];
		/* Unless redefined inside, the anchor is complete. */
		if (o->depth == y->depth && a->start == o->start) {
			a->end = y->nrecs;
			a->open = 0;
		}
		if (o->depth == y->depth)
			y->nopen--;
	}
	y->depth--;
}

/* Record a node that has an anchor (or lies inside one); 0 if refused. */
static int
yev_anchored(struct yamlev *y, const char *anchor,
    struct yamlev_event *ev)
{
	char q[128];
	size_t len;

	if (anchor == NULL) {
		if (y->nopen > 0)
			yev_record(y, ev->type, ev);
		return 1;
	}
	if ((len = strlen(anchor)) > 1024) {
		yev_fatal(y, ev->line, ev->col, "anchor name '%s' is too long",
		    yamlev_quote(q, sizeof q, anchor, len));
		return 0;
	}
	yev_anchor_open(y, anchor, ev->type, ev);
	return 1;
}

/*
 * Turn a libyaml event into ev: 1 to deliver it, 0 to read on (events the
 * schema layer does not see, aliases, refused events).
 */
static int
yev_convert(struct yamlev *y, const struct yamlsrc_event *e, struct yamlev_event *ev)
{
	switch (e->type) {
	case YAMLSRC_SCALAR:
		return yev_scalar(y, e, ev) &&
		    yev_anchored(y, e->anchor, ev);
	case YAMLSRC_SEQUENCE_START:
		ev->type = YAMLEV_SEQ;
		if (!yev_depth_in(y, ev))
			return 0;
		yev_tag(y, e->tag, ev);
		return yev_anchored(y, e->anchor, ev);
	case YAMLSRC_MAPPING_START:
		ev->type = YAMLEV_MAP;
		if (!yev_depth_in(y, ev))
			return 0;
		yev_tag(y, e->tag, ev);
		return yev_anchored(y, e->anchor, ev);
	case YAMLSRC_SEQUENCE_END:
	case YAMLSRC_MAPPING_END:
		yev_close_event(y, ev);
		return 1;
	case YAMLSRC_ALIAS:
		yev_alias(y, e, ev);
		return 0;
	case YAMLSRC_DOCUMENT_START:
		if (++y->ndocs > 1)
			yev_fatal(y, ev->line, ev->col,
			    "more than one YAML document in a file");
		return 0;
	case YAMLSRC_STREAM_END:
		ev->type = YAMLEV_EOF;
		return 1;
	default:
		return 0;
	}
}

void
yamlev_next(struct yamlev *y, struct yamlev_event *ev)
{
	const struct yamlsrc_event *e;
	uint32_t hash;

	for (;;) {
		if (y->fatal) {
			ev->type = YAMLEV_EOF;
			return;
		}
		if (y->nreplay > 0 && yev_replay(y, ev))
			return;
		if ((e = yamlsrc_next(y->src)) == NULL) {
			yev_yaml_error(y);
			continue;
		}
		y->raw_events++;
		if (y->prefetch != NULL) {
			if (yamlsrc_ahead(y->src, YAMLEV_PREFETCH_AHEAD, &hash))
				y->prefetch(y->prefetch_arg, hash, 0);
			if (yamlsrc_ahead(y->src, YAMLEV_PREFETCH_AHEAD / 2,
			    &hash))
				y->prefetch(y->prefetch_arg, hash, 1);
		}
		ev->line = (uint32_t)e->start.line + 1;
		ev->col = (uint32_t)e->start.column + 1;
		yev_clamp_mark(y, &ev->line, &ev->col);
		ev->plain = 0;
		ev->width = YAMLEV_WIDTH_NONE;
		ev->s = NULL;
		ev->len = 0;
		ev->hash = 0;
		if (yev_convert(y, e, ev))
			return;
	}
}

/* Consume the rest of the node that ev starts. */
void
yamlev_skip(struct yamlev *y, const struct yamlev_event *ev)
{
	struct yamlev_event x;
	size_t nest = 1;

	if (ev->type != YAMLEV_SEQ && ev->type != YAMLEV_MAP)
		return;
	while (nest > 0) {
		yamlev_next(y, &x);
		if (x.type == YAMLEV_EOF)
			return;
		if (x.type == YAMLEV_SEQ || x.type == YAMLEV_MAP)
			nest++;
		else if (x.type == YAMLEV_CLOSE)
			nest--;
	}
}

int
yamlev_is_null(const struct yamlev_event *ev)
{
	if (ev->type != YAMLEV_SCALAR || !ev->plain)
		return 0;
	switch (ev->len) {
	case 0:
		return 1;
	case 1:
		return ev->s[0] == '~';
	case 4:
		return memcmp(ev->s, "null", 4) == 0 ||
		    memcmp(ev->s, "Null", 4) == 0 ||
		    memcmp(ev->s, "NULL", 4) == 0;
	}
	return 0;
}

const char *
yamlev_what(const struct yamlev_event *ev)
{
	switch (ev->type) {
	case YAMLEV_SEQ:
		return "a list";
	case YAMLEV_MAP:
		return "a mapping";
	default:
		return yamlev_is_null(ev) ? "empty" : "a string";
	}
}

/* Readers. */

struct yamlev *
yamlev_create(void)
{
	struct yamlev *y;

	y = xcalloc(1, sizeof *y);
	y->parse_thread = 1;
	return y;
}

void
yamlev_set_parse_thread(struct yamlev *y, int allowed)
{
	y->parse_thread = allowed;
}

void
yamlev_free(struct yamlev *y)
{
	if (y == NULL)
		return;
	yamlev_close(y);
	free(y->anchors);
	free(y->open_anchors);
	free(y->recs);
	free(y->text);
	free(y->replay);
	free(y);
}

void
yamlev_set_prefetch(struct yamlev *y, yamlev_prefetch_fn fn, void *arg)
{
	y->prefetch = fn;
	y->prefetch_arg = arg;
}

int
yamlev_open(struct yamlev *y, struct diag_list *dl, const char *file,
    const unsigned char *buf, size_t len)
{
	y->dl = dl;
	y->file = file;
	y->buf = buf;
	y->buflen = len;
	yev_find_end(y);
	y->fatal = 0;
	y->ndocs = 0;
	y->depth = 0;
	y->nopen = y->nrecs = y->ntext = y->nreplay = 0;
	y->alias_events = 0;
	y->raw_events = 0;
	if (y->anchors != NULL)
		memset(y->anchors, 0, y->anchors_cap * sizeof *y->anchors);
	/*
	 * libyaml would read a file that starts with a UTF-16 byte order mark
	 * as UTF-16; every position here is counted in UTF-8.
	 */
	if (len >= 2 && ((buf[0] == 0xff && buf[1] == 0xfe) ||
	    (buf[0] == 0xfe && buf[1] == 0xff))) {
		yamlev_error(y, 1, 1, "UTF-16 text (byte order mark %02X %02X); "
		    "inventories are UTF-8", buf[0], buf[1]);
		return -1;
	}
	y->src = yamlsrc_open(buf != NULL ? buf : (const unsigned char *)"",
	    len, y->parse_thread);
	y->open = 1;
	return 0;
}

void
yamlev_close(struct yamlev *y)
{
	if (!y->open)
		return;
	yamlsrc_close(y->src);
	y->src = NULL;
	symtab_free(y->anchor_names);
	y->anchor_names = NULL;
	y->open = 0;
}

const char *
yamlev_file(const struct yamlev *y)
{
	return y->file;
}

int
yamlev_failed(const struct yamlev *y)
{
	return y->fatal;
}

size_t
yamlev_length(const struct yamlev *y)
{
	return y->buflen;
}
