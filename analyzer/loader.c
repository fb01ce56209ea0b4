/*
 * loader.c -- read inventory files (YAML, format 1) into an inventory.
 *
 * Two layers.  The event layer pulls libyaml events (yaml_parser_parse,
 * never the document loader), refuses hostile input (depth, scalar size,
 * NUL bytes, tags, several documents), records the events of anchored
 * nodes and replays them for aliases, bounded per file.  The schema layer
 * is a recursive descent over those events: sections, entries and their
 * keys, each value checked for type and range, and every entry appended
 * through the builder API of inventory.h once its mapping is complete
 * (merge keys may come before or after the keys they yield to).  Nothing
 * here resolves references: that is inventory_resolve() in validate.c.
 *
 * The only file that includes libyaml; its 0-based marks become 1-based.
 * Large files are parsed in a second thread (the event source, below).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "brace.h"
#include "loader.h"
#include "suggest.h"
#include "xalloc.h"

/* Keys of every section, one id each. */
enum key {
	K_FAULTLINE,
	K_SITES,
	K_POWER,
	K_RACKS,
	K_HOSTS,
	K_SERVICES,
	K_POLICIES,
	K_WAIVERS,
	K_ID,
	K_NAME,
	K_REGION,
	K_SITE,
	K_FED_BY,
	K_RACK,
	K_KIND,
	K_TIER,
	K_OWNER,
	K_RUNS_ON,
	K_MIN_UP,
	K_DEPENDS_ON,
	K_RECOVERY,
	K_SELECT,
	K_SURVIVE,
	K_SEVERITY,
	K_POLICY,
	K_SERVICE,
	K_REASON,
	K_EXPIRES,
	K_SOFT,
	K_MERGE,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {"faultline", "sites", "power",
    "racks", "hosts", "services", "policies", "waivers", "id", "name", "region",
    "site", "fed_by", "rack", "kind", "tier", "owner", "runs_on", "min_up",
    "depends_on", "recovery", "select", "survive", "severity", "policy",
    "service", "reason", "expires", "soft", "<<"};

enum sec {
	SEC_TOP,
	SEC_SITES,
	SEC_POWER,
	SEC_RACKS,
	SEC_HOSTS,
	SEC_SERVICES,
	SEC_DEPENDS_ON,
	SEC_POLICIES,
	SEC_SELECT,
	SEC_WAIVERS,
	SEC_COUNT
};

static const char *const sec_names[SEC_COUNT] = {"top", "sites", "power",
    "racks", "hosts", "services", "depends_on", "policies", "select",
    "waivers"};

/* How an unknown key's place is named in a message. */
static const char *const sec_where[SEC_COUNT] = {"at the top level",
    "in sites entry", "in power entry", "in racks entry", "in hosts entry",
    "in services entry", "in depends_on entry", "in policies entry",
    "in policy select", "in waivers entry"};

static const char *const keys_top[] = {"faultline", "sites", "power", "racks",
    "hosts", "services", "policies", "waivers", NULL};
static const char *const keys_sites[] = {"id", "name", "region", NULL};
static const char *const keys_power[] = {"id", "name", "site", "fed_by", NULL};
static const char *const keys_racks[] = {"id", "name", "site", "power", NULL};
static const char *const keys_hosts[] = {
    "id", "name", "site", "rack", "power", NULL};
static const char *const keys_services[] = {"id", "name", "kind", "tier",
    "owner", "runs_on", "min_up", "depends_on", "recovery", NULL};
static const char *const keys_depends_on[] = {"service", "soft", NULL};
static const char *const keys_policies[] = {
    "id", "select", "survive", "severity", NULL};
static const char *const keys_select[] = {"tier", "kind", "owner", "id", NULL};
static const char *const keys_waivers[] = {
    "policy", "service", "reason", "expires", NULL};

static const char *const *const sec_keys[SEC_COUNT] = {keys_top, keys_sites,
    keys_power, keys_racks, keys_hosts, keys_services, keys_depends_on,
    keys_policies, keys_select, keys_waivers};

#define B(k) (1ull << (k))
static const uint64_t sec_mask[SEC_COUNT] = {B(K_FAULTLINE) | B(K_SITES) |
	B(K_POWER) | B(K_RACKS) | B(K_HOSTS) | B(K_SERVICES) | B(K_POLICIES) |
	B(K_WAIVERS),
    B(K_ID) | B(K_NAME) | B(K_REGION) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_SITE) | B(K_FED_BY) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_SITE) | B(K_POWER) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_SITE) | B(K_RACK) | B(K_POWER) | B(K_MERGE),
    B(K_ID) | B(K_NAME) | B(K_KIND) | B(K_TIER) | B(K_OWNER) | B(K_RUNS_ON) |
	B(K_MIN_UP) | B(K_DEPENDS_ON) | B(K_RECOVERY) | B(K_MERGE),
    B(K_SERVICE) | B(K_SOFT),
    B(K_ID) | B(K_SELECT) | B(K_SURVIVE) | B(K_SEVERITY) | B(K_MERGE),
    B(K_TIER) | B(K_KIND) | B(K_OWNER) | B(K_ID),
    B(K_POLICY) | B(K_SERVICE) | B(K_REASON) | B(K_EXPIRES) | B(K_MERGE)};
#undef B

/* Events as the schema layer sees them. */
enum ev_type {
	EV_EOF, /* end of the file, or a fatal error */
	EV_SCALAR,
	EV_SEQ,
	EV_MAP,
	EV_CLOSE, /* end of a sequence or mapping */
	EV_ALIAS  /* in recordings only */
};

struct ev {
	enum ev_type type;
	const char *s; /* scalar text, valid until next event */
	size_t len;
	uint32_t line; /* 1-based */
	uint32_t col;
	int plain;	/* an unquoted scalar */
	uint32_t width; /* columns of a plain or quoted scalar on one line,
			   quotes included; else WIDTH_NONE */
};

#define WIDTH_NONE UINT32_MAX

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

/* References being collected for one key of the current entry. */
enum reflist_id {
	RL_SITE,
	RL_RACK,
	RL_POWER,
	RL_RUNS_ON,
	RL_DEPENDS_ON,
	RL_RECOVERY,
	RL_OWNERS,
	RL_COUNT
};

struct reflist {
	uint32_t *syms;
	struct mark *marks;
	uint8_t *soft;
	size_t n;
	size_t cap;
};

/* Text kept for the current entry (reused between entries). */
enum strslot_id { SS_ID, SS_REGEX, SS_REASON, SS_COUNT };

struct strslot {
	char *p;
	size_t len;
	size_t cap;
	int set;
};

/* The entry being read: its mapping is complete before it is appended. */
struct entry {
	enum sec sec;
	uint8_t setby[2 * K_COUNT]; /* rank that set a key; 0: none */
	uint8_t next_rank;
	struct mark map_mark;
	uint32_t id; /* symbol, unless SS_ID holds braces */
	struct mark id_mark;
	int has_id;
	uint32_t name;
	uint32_t region;
	uint32_t owner;
	int kind;
	int tier;
	uint32_t min_up;
	struct mark min_up_mark;
	uint8_t sel_tiers;
	uint8_t sel_kinds;
	uint8_t survive;
	int survive_set;
	int severity;
	struct mark regex_mark; /* of its first character when verbatim */
	int regex_verbatim;
	uint32_t policy;
	struct mark policy_mark;
	int32_t expires;
	struct mark expires_mark;
};

/*
 * The event source.  A large file is parsed by libyaml in a second thread,
 * a few blocks of events ahead of the schema layer, so that libyaml's parse
 * (the floor of any libyaml-based tool) overlaps with loading.  Events stay
 * owned by the source and are deleted by the thread that made them (the
 * parser thread, when it refills a block the loader has released), so no
 * allocation crosses threads.  A small file is parsed inline.  The
 * hostile-input limits are enforced by the schema layer either way; when
 * it stops early the parser thread is told to stop after its block.
 */
#define EVSRC_THREADED_MIN	(1u << 20)	/* bytes */
#define EVSRC_BLOCK		512		/* events per block */
#define EVSRC_BLOCKS		8

struct evblock {
	yaml_event_t	ev[EVSRC_BLOCK];
	size_t		n;
	int		end;	/* 1: the stream ended; -1: a parse error */
};

struct evsrc {
	yaml_parser_t	 parser;
	yaml_event_t	 inline_ev;	/* inline: the current event */
	int		 threaded;
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct evblock	*blocks;	/* a ring of EVSRC_BLOCKS */
	size_t		 head;		/* the oldest published block */
	size_t		 count;		/* published, not yet released */
	int		 stop;		/* the consumer wants no more */
	struct evblock	*cur;		/* blocks[head] being consumed */
	size_t		 pos;
	int		 joined;
};

static void *
evsrc_run(void *arg)
{
	struct evsrc	*src = arg;
	struct evblock	*b;
	int		 end = 0;

	while (!end) {
		pthread_mutex_lock(&src->mu);
		while (src->count == EVSRC_BLOCKS && !src->stop)
			pthread_cond_wait(&src->cv, &src->mu);
		if (src->stop) {
			pthread_mutex_unlock(&src->mu);
			break;
		}
		b = &src->blocks[(src->head + src->count) % EVSRC_BLOCKS];
		pthread_mutex_unlock(&src->mu);
		while (b->n > 0)
			yaml_event_delete(&b->ev[--b->n]);
		b->end = 0;
		while (b->n < EVSRC_BLOCK) {
			if (!yaml_parser_parse(&src->parser, &b->ev[b->n])) {
				b->end = -1;
				break;
			}
			if (b->ev[b->n++].type == YAML_STREAM_END_EVENT) {
				b->end = 1;
				break;
			}
		}
		end = b->end != 0;
		pthread_mutex_lock(&src->mu);
		src->count++;
		pthread_cond_broadcast(&src->cv);
		pthread_mutex_unlock(&src->mu);
	}
	return NULL;
}

static void
evsrc_open(struct evsrc *src, const unsigned char *buf, size_t len)
{
	memset(src, 0, sizeof *src);
	yaml_parser_initialize(&src->parser);
	yaml_parser_set_input_string(&src->parser, buf, len);
	if (len < EVSRC_THREADED_MIN)
		return;
	src->blocks = xcalloc(EVSRC_BLOCKS, sizeof *src->blocks);
	pthread_mutex_init(&src->mu, NULL);
	pthread_cond_init(&src->cv, NULL);
	if (pthread_create(&src->thread, NULL, evsrc_run, src) != 0) {
		pthread_cond_destroy(&src->cv);
		pthread_mutex_destroy(&src->mu);
		free(src->blocks);
		src->blocks = NULL;
		return;
	}
	src->threaded = 1;
}

static void
evsrc_join(struct evsrc *src)
{
	if (!src->joined) {
		pthread_join(src->thread, NULL);
		src->joined = 1;
	}
}

/*
 * The next event, valid until the next call; NULL on a parse error, with
 * the details in src->parser.
 */
static const yaml_event_t *
evsrc_next(struct evsrc *src)
{
	if (!src->threaded) {
		yaml_event_delete(&src->inline_ev);
		if (!yaml_parser_parse(&src->parser, &src->inline_ev))
			return NULL;
		return &src->inline_ev;
	}
	for (;;) {
		if (src->cur != NULL) {
			if (src->pos < src->cur->n)
				return &src->cur->ev[src->pos++];
			if (src->cur->end != 0) {
				evsrc_join(src);
				if (src->cur->end == -1)
					return NULL;
				memset(&src->inline_ev, 0,
				    sizeof src->inline_ev);	/* after the end */
				return &src->inline_ev;
			}
			pthread_mutex_lock(&src->mu);
			src->head = (src->head + 1) % EVSRC_BLOCKS;
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

static void
evsrc_close(struct evsrc *src)
{
	struct evblock	*b;
	size_t		 i;

	if (src->threaded) {
		pthread_mutex_lock(&src->mu);
		src->stop = 1;
		pthread_cond_broadcast(&src->cv);
		pthread_mutex_unlock(&src->mu);
		evsrc_join(src);
		for (i = 0; i < EVSRC_BLOCKS; i++) {
			b = &src->blocks[i];
			while (b->n > 0)
				yaml_event_delete(&b->ev[--b->n]);
		}
		pthread_cond_destroy(&src->cv);
		pthread_mutex_destroy(&src->mu);
		free(src->blocks);
	}
	yaml_event_delete(&src->inline_ev);
	yaml_parser_delete(&src->parser);
	memset(src, 0, sizeof *src);
}

/* A file already read, by identity rather than by name. */
struct seen_file {
	dev_t dev;
	ino_t ino;
};

struct loader {
	struct seen_file *seen;
	size_t nseen, seen_cap;
	struct inventory *inv;
	struct diag_list *dl;
	const char *file;
	uint32_t fileno;
	const unsigned char *buf;
	size_t buflen;
	uint32_t end_line; /* past the last line break: the end of the */
	uint32_t end_col;  /* text; UINT32_MAX when it ends in a break */

	struct evsrc src;
	int fatal;
	int ndocs;
	unsigned depth;

	struct symtab *anchor_names;
	struct anchor *anchors;
	size_t anchors_cap;
	struct open_anchor *open;
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
	uint64_t names;

	struct entry e;
	struct reflist rl[RL_COUNT];
	struct strslot ss[SS_COUNT];

	/* Brace expansion callbacks. */
	struct reflist *cb_rl;
	struct mark cb_mark;
	uint8_t cb_soft;
	union {
		struct site site;
		struct power power;
		struct rack rack;
		struct host host;
		struct service service;
	} tmpl; /* the entity being appended */
};

static void ld_skip(struct loader *, const struct ev *);

/* Diagnostics. */

/* Quote user text for a message: at most 64 bytes, escapes visible. */
static const char *
ld_quote(char *out, size_t outsz, const char *s, size_t len)
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

static void ld_error(struct loader *ld, uint32_t line, uint32_t col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
ld_error(struct loader *ld, uint32_t line, uint32_t col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	const struct diag *d;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ld->nreplay > 0) {
		/* A replayed anchor repeats its own problems: say them once. */
		for (i = ld->dl->n; i > 0 && i + 16 > ld->dl->n; i--) {
			d = &ld->dl->v[i - 1];
			if (d->line == line && d->column == col &&
			    d->file != NULL && strcmp(d->file, ld->file) == 0 &&
			    strcmp(d->message, msg) == 0)
				return;
		}
	}
	diag_add(ld->dl, DIAG_ERROR, ld->file, line, col, "%s", msg);
}

static void ld_fatal(struct loader *ld, uint32_t line, uint32_t col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
ld_fatal(struct loader *ld, uint32_t line, uint32_t col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(ld->dl, DIAG_ERROR, ld->file, line, col, "%s", msg);
	ld->fatal = 1;
}

/*
 * Positions in the buffer, counted as libyaml counts them: lines end at
 * CR LF, CR, LF, NEL, LS or PS; columns are characters; a byte order mark
 * at the start is not a column.
 */

/* The length in bytes of the line break at b[i], or 0. */
static size_t
ld_break_len(const unsigned char *b, size_t i, size_t n)
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
ld_text_start(const struct loader *ld)
{
	if (ld->buflen >= 3 && memcmp(ld->buf, "\xef\xbb\xbf", 3) == 0)
		return 3;
	return 0;
}

/* Line and column (1-based) of a byte offset. */
static void
ld_offset_mark(
    const struct loader *ld, size_t off, uint32_t *line, uint32_t *col)
{
	size_t i, k;
	uint32_t l = 1, c = 1;

	if (off > ld->buflen)
		off = ld->buflen;
	for (i = ld_text_start(ld); i < off; i += k) {
		if ((k = ld_break_len(ld->buf, i, ld->buflen)) != 0) {
			l++;
			c = 1;
			continue;
		}
		k = 1;
		if ((ld->buf[i] & 0xc0) != 0x80)
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
ld_mark_offset(const struct loader *ld, const yaml_mark_t *m)
{
	size_t i = ld_text_start(ld), k, l = 0, c = 0;

	while (l < m->line && i < ld->buflen) {
		if ((k = ld_break_len(ld->buf, i, ld->buflen)) != 0) {
			l++;
			i += k;
		} else
			i++;
	}
	while (c < m->column && i < ld->buflen &&
	    ld_break_len(ld->buf, i, ld->buflen) == 0) {
		i++;
		while (i < ld->buflen && (ld->buf[i] & 0xc0) == 0x80)
			i++;
		c++;
	}
	return i;
}

/* The length of a range "{N..M}" at p, or 0. */
static size_t
ld_range_len(const unsigned char *p, const unsigned char *end)
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
ld_brace_in_flow(const struct loader *ld, size_t from, size_t to,
    const unsigned char **word, size_t *wlen)
{
	const unsigned char *b = ld->buf, *end = ld->buf + ld->buflen;
	const unsigned char *s, *e;
	size_t i, n;

	if (to > ld->buflen)
		to = ld->buflen;
	for (i = from; i < to; i++) {
		if (b[i] != '{' || (n = ld_range_len(b + i, end)) == 0)
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
 * and ld_clamp_mark() moves them back after the last character.  One pass
 * over the text, for such files only.
 */
static void
ld_find_end(struct loader *ld)
{
	size_t n = ld->buflen;
	const unsigned char *b = ld->buf;

	ld->end_line = ld->end_col = UINT32_MAX;
	if (n == 0 || b[n - 1] == '\n' || b[n - 1] == '\r' ||
	    (n >= 2 && ld_break_len(b, n - 2, n) == 2) ||
	    (n >= 3 && ld_break_len(b, n - 3, n) == 3))
		return;
	ld_offset_mark(ld, n, &ld->end_line, &ld->end_col);
}

static void
ld_clamp_mark(const struct loader *ld, uint32_t *line, uint32_t *col)
{
	if (*line > ld->end_line) {
		*line = ld->end_line;
		*col = ld->end_col;
	}
}

/* A libyaml mark as 1-based line and column inside the text. */
static void
ld_yaml_mark(const struct loader *ld, const yaml_mark_t *m, uint32_t *line,
    uint32_t *col)
{
	*line = (uint32_t)m->line + 1;
	*col = (uint32_t)m->column + 1;
	ld_clamp_mark(ld, line, col);
}

static void
ld_yaml_error(struct loader *ld)
{
	yaml_parser_t *p = &ld->src.parser;
	uint32_t line, col, cline, ccol;
	const unsigned char *w;
	size_t wl, from, to;
	char q[128], hint[256];
	const char *problem;

	problem = p->problem != NULL ? p->problem : "unknown error";
	switch (p->error) {
	case YAML_READER_ERROR:
		ld_offset_mark(ld, p->problem_offset, &line, &col);
		if (strstr(problem, "UTF-8") != NULL)
			ld_fatal(ld, line, col, "invalid UTF-8 (%s)", problem);
		else if (strcmp(problem,
			     "control characters are not allowed") == 0)
			ld_fatal(ld, line, col,
			    "control character 0x%02x is not "
			    "allowed",
			    (unsigned)p->problem_value & 0xff);
		else
			ld_fatal(ld, line, col, "invalid input: %s", problem);
		return;
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		ld_yaml_mark(ld, &p->problem_mark, &line, &col);
		hint[0] = '\0';
		to = ld_mark_offset(ld, &p->problem_mark);
		from = p->context != NULL
		    ? ld_mark_offset(ld, &p->context_mark) : to;
		if (from > to)
			from = to;
		while (from > 0 && ld->buf[from - 1] != '\n')
			from--;
		if (ld_brace_in_flow(ld, from, to + 1, &w, &wl)) {
			snprintf(hint, sizeof hint,
			    "; brace ranges in a [...] "
			    "list must be quoted: [\"%s\"]",
			    ld_quote(q, sizeof q, (const char *)w, wl));
		}
		if (p->context != NULL) {
			ld_yaml_mark(ld, &p->context_mark, &cline, &ccol);
			ld_fatal(ld, line, col,
			    "YAML syntax error: %s %s "
			    "at line %" PRIu32 ", column %" PRIu32 "%s",
			    problem, p->context, cline, ccol, hint);
		} else
			ld_fatal(ld, line, col, "YAML syntax error: %s%s",
			    problem, hint);
		return;
	default:
		ld_fatal(ld, 0, 0, "YAML error: %s", problem);
		return;
	}
}

/* The event layer. */

static void
ld_record(struct loader *ld, enum ev_type type, const struct ev *ev)
{
	struct rec *r;

	XGROW(ld->recs, ld->recs_cap, ld->nrecs + 1);
	r = &ld->recs[ld->nrecs++];
	r->type = (uint8_t)type;
	r->plain = (uint8_t)ev->plain;
	r->width = ev->width;
	r->line = ev->line;
	r->col = ev->col;
	r->a = r->b = 0;
	if (type == EV_SCALAR) {
		XGROW(ld->text, ld->text_cap, ld->ntext + ev->len + 1);
		memcpy(ld->text + ld->ntext, ev->s, ev->len);
		r->a = ld->ntext;
		r->b = ev->len;
		ld->ntext += ev->len;
	}
}

static struct anchor *
ld_anchor(struct loader *ld, const yaml_char_t *name, int create)
{
	uint32_t sym;
	size_t len = strlen((const char *)name);

	if (ld->anchor_names == NULL)
		ld->anchor_names = symtab_create();
	if (create)
		sym = symtab_intern(ld->anchor_names, (const char *)name, len);
	else if ((sym = symtab_lookup(
		      ld->anchor_names, (const char *)name, len)) == SYM_NONE)
		return NULL;
	if ((size_t)sym >= ld->anchors_cap) {
		size_t old = ld->anchors_cap;

		XGROW(ld->anchors, ld->anchors_cap, (size_t)sym + 1);
		memset(ld->anchors + old, 0,
		    (ld->anchors_cap - old) * sizeof *ld->anchors);
	}
	return &ld->anchors[sym];
}

/* Start recording a node with an anchor; scalars end at once. */
static void
ld_anchor_open(struct loader *ld, const yaml_char_t *name, enum ev_type type,
    const struct ev *ev)
{
	struct anchor *a = ld_anchor(ld, name, 1);

	a->start = ld->nrecs;
	a->defined = 1;
	ld_record(ld, type, ev);
	if (type == EV_SCALAR) {
		a->end = ld->nrecs;
		a->open = 0;
		return;
	}
	a->open = 1;
	XGROW(ld->open, ld->open_cap, ld->nopen + 1);
	ld->open[ld->nopen].sym = (uint32_t)(a - ld->anchors);
	ld->open[ld->nopen].depth = ld->depth;
	ld->open[ld->nopen].start = a->start;
	ld->nopen++;
}

static int
ld_tag(struct loader *ld, const yaml_char_t *tag, const struct ev *ev)
{
	const char *t = (const char *)tag;
	char q[128];

	if (tag == NULL)
		return 0;
	if (strncmp(t, "tag:yaml.org,2002:", 18) == 0)
		ld_error(ld, ev->line, ev->col,
		    "YAML tags are not supported "
		    "('!!%s')",
		    ld_quote(q, sizeof q, t + 18, strlen(t + 18)));
	else
		ld_error(ld, ev->line, ev->col,
		    "YAML tags are not supported "
		    "('%s')",
		    ld_quote(q, sizeof q, t, strlen(t)));
	return 1;
}

static int
ld_depth_in(struct loader *ld, const struct ev *ev)
{
	if (++ld->depth > LOADER_MAX_DEPTH) {
		ld_fatal(ld, ev->line, ev->col, "nesting deeper than %d levels",
		    LOADER_MAX_DEPTH);
		return 0;
	}
	return 1;
}

/* Deliver the next replayed event; 0 when the replay is over. */
static int
ld_replay(struct loader *ld, struct ev *ev)
{
	struct frame *f;
	struct rec *r;

	while (ld->nreplay > 0) {
		f = &ld->replay[ld->nreplay - 1];
		if (f->pos == f->end) {
			ld->nreplay--;
			continue;
		}
		r = &ld->recs[f->pos++];
		/*
		 * A small file may replay LOADER_MAX_ALIAS_EVENTS; a large
		 * one that merges an anchor into every entry, a fixed
		 * multiple of its own size.  Exponential growth hits either.
		 */
		if (++ld->alias_events > LOADER_MAX_ALIAS_EVENTS &&
		    ld->alias_events / LOADER_ALIAS_RATIO > ld->raw_events) {
			ld_fatal(ld, ld->alias_line, ld->alias_col,
			    "alias expansion exceeds %zu events (alias bomb?)",
			    ld->alias_events - 1);
			ev->type = EV_EOF;
			return 1;
		}
		if (r->type == EV_ALIAS) {
			XGROW(ld->replay, ld->replay_cap, ld->nreplay + 1);
			ld->replay[ld->nreplay].pos = r->a;
			ld->replay[ld->nreplay].end = r->b;
			ld->nreplay++;
			continue;
		}
		ev->type = (enum ev_type)r->type;
		/* No text recorded yet: only empty scalars and collections. */
		ev->s = ld->text != NULL ? ld->text + r->a : "";
		ev->len = r->b;
		ev->line = r->line;
		ev->col = r->col;
		ev->plain = r->plain;
		ev->width = r->width;
		if (ev->type == EV_SEQ || ev->type == EV_MAP) {
			if (!ld_depth_in(ld, ev))
				ev->type = EV_EOF;
		} else if (ev->type == EV_CLOSE)
			ld->depth--;
		return 1;
	}
	return 0;
}

static void
ld_alias(struct loader *ld, const yaml_event_t *e, const struct ev *ev)
{
	struct anchor *a;
	char q[128];
	const char *name = (const char *)e->data.alias.anchor;

	a = ld_anchor(ld, e->data.alias.anchor, 0);
	if (a == NULL || !a->defined) {
		ld_fatal(ld, ev->line, ev->col,
		    "alias '*%s' names no anchor "
		    "defined before it",
		    ld_quote(q, sizeof q, name, strlen(name)));
		return;
	}
	if (a->open) {
		ld_fatal(ld, ev->line, ev->col,
		    "alias '*%s' is inside its own "
		    "anchor",
		    ld_quote(q, sizeof q, name, strlen(name)));
		return;
	}
	if (ld->nopen > 0) {
		XGROW(ld->recs, ld->recs_cap, ld->nrecs + 1);
		ld->recs[ld->nrecs].type = EV_ALIAS;
		ld->recs[ld->nrecs].a = a->start;
		ld->recs[ld->nrecs].b = a->end;
		ld->nrecs++;
	}
	ld->alias_line = ev->line;
	ld->alias_col = ev->col;
	XGROW(ld->replay, ld->replay_cap, ld->nreplay + 1);
	ld->replay[ld->nreplay].pos = a->start;
	ld->replay[ld->nreplay].end = a->end;
	ld->nreplay++;
}

/* The width in the source of a plain or quoted scalar on one line. */
static uint32_t
ld_scalar_width(const yaml_event_t *e)
{
	size_t	w;

	switch (e->data.scalar.style) {
	case YAML_PLAIN_SCALAR_STYLE:
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		break;
	default:
		return WIDTH_NONE;
	}
	if (e->start_mark.line != e->end_mark.line ||
	    e->end_mark.column < e->start_mark.column)
		return WIDTH_NONE;
	w = e->end_mark.column - e->start_mark.column;
	return w < WIDTH_NONE ? (uint32_t)w : WIDTH_NONE;
}

/*
 * Whether a scalar's text is exactly its source: as many characters as it
 * is wide in the file, less its quotes, which rules out escapes (a quote
 * doubled, a backslash sequence) and folding.
 */
static int
ld_verbatim(const struct ev *v)
{
	size_t	i, chars = v->plain ? 0 : 2;

	if (v->width == WIDTH_NONE)
		return 0;
	for (i = 0; i < v->len; i++)
		chars += ((unsigned char)v->s[i] & 0xc0) != 0x80;
	return chars == v->width;
}

/* The next event for the schema layer; EV_EOF at the end or on a fatal. */
static void
ld_next(struct loader *ld, struct ev *ev)
{
	const yaml_event_t *e;
	const yaml_char_t *anchor;
	struct open_anchor *o;
	struct anchor *a;
	char q[128];

	for (;;) {
		if (ld->fatal) {
			ev->type = EV_EOF;
			return;
		}
		if (ld->nreplay > 0 && ld_replay(ld, ev))
			return;
		if ((e = evsrc_next(&ld->src)) == NULL) {
			ld_yaml_error(ld);
			continue;
		}
		ld->raw_events++;
		ev->line = (uint32_t)e->start_mark.line + 1;
		ev->col = (uint32_t)e->start_mark.column + 1;
		ld_clamp_mark(ld, &ev->line, &ev->col);
		ev->plain = 0;
		ev->width = WIDTH_NONE;
		ev->s = NULL;
		ev->len = 0;
		anchor = NULL;
		switch (e->type) {
		case YAML_SCALAR_EVENT:
			ev->type = EV_SCALAR;
			ev->s = (const char *)e->data.scalar.value;
			ev->len = e->data.scalar.length;
			ev->plain =
			    e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			ev->width = ld_scalar_width(e);
			if (ev->len > LOADER_MAX_SCALAR) {
				ld_fatal(ld, ev->line, ev->col,
				    "scalar longer "
				    "than %d bytes",
				    LOADER_MAX_SCALAR);
				continue;
			}
			if (memchr(ev->s, '\0', ev->len) != NULL) {
				ld_fatal(ld, ev->line, ev->col,
				    "NUL byte in scalar");
				continue;
			}
			ld_tag(ld, e->data.scalar.tag, ev);
			anchor = e->data.scalar.anchor;
			break;
		case YAML_SEQUENCE_START_EVENT:
			ev->type = EV_SEQ;
			if (!ld_depth_in(ld, ev))
				continue;
			ld_tag(ld, e->data.sequence_start.tag, ev);
			anchor = e->data.sequence_start.anchor;
			break;
		case YAML_MAPPING_START_EVENT:
			ev->type = EV_MAP;
			if (!ld_depth_in(ld, ev))
				continue;
			ld_tag(ld, e->data.mapping_start.tag, ev);
			anchor = e->data.mapping_start.anchor;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			ev->type = EV_CLOSE;
			if (ld->nopen > 0) {
				ld_record(ld, EV_CLOSE, ev);
				o = &ld->open[ld->nopen - 1];
				a = &ld->anchors[o->sym];
				/* Unless redefined inside, the anchor is complete. */
				if (o->depth == ld->depth &&
				    a->start == o->start) {
					a->end = ld->nrecs;
					a->open = 0;
				}
				if (o->depth == ld->depth)
					ld->nopen--;
			}
			ld->depth--;
			return;
		case YAML_ALIAS_EVENT:
			ld_alias(ld, e, ev);
			continue;
		case YAML_DOCUMENT_START_EVENT:
			if (++ld->ndocs > 1)
				ld_fatal(ld, ev->line, ev->col,
				    "more than one YAML document in a file");
			continue;
		case YAML_STREAM_END_EVENT:
			ev->type = EV_EOF;
			return;
		default:
			continue;
		}
		if (anchor != NULL) {
			if (strlen((const char *)anchor) > 1024) {
				ld_fatal(ld, ev->line, ev->col,
				    "anchor name "
				    "'%s' is too long",
				    ld_quote(q, sizeof q, (const char *)anchor,
					strlen((const char *)anchor)));
				continue;
			}
			ld_anchor_open(ld, anchor, ev->type, ev);
		} else if (ld->nopen > 0)
			ld_record(ld, ev->type, ev);
		return;
	}
}

/* Consume the rest of the node that ev starts. */
static void
ld_skip(struct loader *ld, const struct ev *ev)
{
	struct ev x;
	size_t nest = 1;

	if (ev->type != EV_SEQ && ev->type != EV_MAP)
		return;
	while (nest > 0) {
		ld_next(ld, &x);
		if (x.type == EV_EOF)
			return;
		if (x.type == EV_SEQ || x.type == EV_MAP)
			nest++;
		else if (x.type == EV_CLOSE)
			nest--;
	}
}

/* The schema layer. */

static int
ld_is_null(const struct ev *ev)
{
	if (ev->type != EV_SCALAR || !ev->plain)
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

static const char *
ld_what(const struct ev *ev)
{
	switch (ev->type) {
	case EV_SEQ:
		return "a list";
	case EV_MAP:
		return "a mapping";
	default:
		return ld_is_null(ev) ? "empty" : "a string";
	}
}

static struct mark
ld_mark(const struct loader *ld, const struct ev *ev)
{
	struct mark m;

	m.file = ld->fileno;
	m.line = ev->line;
	m.column = ev->col;
	return m;
}

/* Where a regex starts, for pointing at the character PCRE2 rejects. */
static void
ld_regex_mark(const struct loader *ld, struct entry *e, const struct ev *v)
{
	e->regex_mark = ld_mark(ld, v);
	e->regex_verbatim = ld_verbatim(v);
	if (e->regex_verbatim && !v->plain)
		e->regex_mark.column++;
}

#define KEYIS(lit) (memcmp(s, lit, sizeof lit - 1) == 0)

static int
ld_key_lookup(const char *s, size_t len)
{
	switch (len) {
	case 2:
		if (KEYIS("id"))
			return K_ID;
		if (KEYIS("<<"))
			return K_MERGE;
		break;
	case 4:
		switch (s[0]) {
		case 'n':
			return KEYIS("name") ? K_NAME : -1;
		case 's':
			return KEYIS("site") ? K_SITE
			    : KEYIS("soft")  ? K_SOFT
					     : -1;
		case 'r':
			return KEYIS("rack") ? K_RACK : -1;
		case 'k':
			return KEYIS("kind") ? K_KIND : -1;
		case 't':
			return KEYIS("tier") ? K_TIER : -1;
		}
		break;
	case 5:
		switch (s[0]) {
		case 'p':
			return KEYIS("power") ? K_POWER : -1;
		case 'h':
			return KEYIS("hosts") ? K_HOSTS : -1;
		case 'r':
			return KEYIS("racks") ? K_RACKS : -1;
		case 's':
			return KEYIS("sites") ? K_SITES : -1;
		case 'o':
			return KEYIS("owner") ? K_OWNER : -1;
		}
		break;
	case 6:
		switch (s[0]) {
		case 'r':
			return KEYIS("region") ? K_REGION
			    : KEYIS("reason")  ? K_REASON
					       : -1;
		case 'f':
			return KEYIS("fed_by") ? K_FED_BY : -1;
		case 's':
			return KEYIS("select") ? K_SELECT : -1;
		case 'p':
			return KEYIS("policy") ? K_POLICY : -1;
		case 'm':
			return KEYIS("min_up") ? K_MIN_UP : -1;
		}
		break;
	case 7:
		switch (s[0]) {
		case 'r':
			return KEYIS("runs_on") ? K_RUNS_ON : -1;
		case 's':
			return KEYIS("service") ? K_SERVICE
			    : KEYIS("survive")	? K_SURVIVE
						: -1;
		case 'e':
			return KEYIS("expires") ? K_EXPIRES : -1;
		case 'w':
			return KEYIS("waivers") ? K_WAIVERS : -1;
		}
		break;
	case 8:
		switch (s[0]) {
		case 's':
			return KEYIS("services") ? K_SERVICES
			    : KEYIS("severity")	 ? K_SEVERITY
						 : -1;
		case 'r':
			return KEYIS("recovery") ? K_RECOVERY : -1;
		case 'p':
			return KEYIS("policies") ? K_POLICIES : -1;
		}
		break;
	case 9:
		return KEYIS("faultline") ? K_FAULTLINE : -1;
	case 10:
		return KEYIS("depends_on") ? K_DEPENDS_ON : -1;
	}
	return -1;
}

#undef KEYIS

struct keyseen {
	uint64_t mask;
	uint32_t line[K_COUNT];
	uint32_t col[K_COUNT];
};

/*
 * The next known key of a mapping of section sec, its value not read yet;
 * -1 at the end of the mapping.  x- keys, unknown keys, keys that are not
 * strings and duplicate keys are dealt with (and their values skipped).
 */
static int
ld_next_key(struct loader *ld, enum sec sec, struct keyseen *seen, struct ev *k)
{
	struct ev v;
	const char *best;
	char q[128];
	int id;

	for (;;) {
		ld_next(ld, k);
		if (k->type == EV_CLOSE || k->type == EV_EOF)
			return -1;
		if (k->type != EV_SCALAR) {
			ld_error(ld, k->line, k->col,
			    "mapping keys must be "
			    "strings, not %s",
			    ld_what(k));
			ld_skip(ld, k);
			ld_next(ld, &v);
			ld_skip(ld, &v);
			continue;
		}
		if (k->len >= 2 && k->s[0] == 'x' && k->s[1] == '-') {
			ld_next(ld, &v);
			ld_skip(ld, &v);
			continue;
		}
		id = ld_key_lookup(k->s, k->len);
		if (id < 0 || (sec_mask[sec] & (1ull << id)) == 0) {
			ld_quote(q, sizeof q, k->s, k->len);
			best = suggest_closest(k->s, k->len, sec_keys[sec]);
			if (best != NULL)
				ld_error(ld, k->line, k->col,
				    "unknown key '%s' "
				    "%s; did you mean '%s'?",
				    q, sec_where[sec], best);
			else
				ld_error(ld, k->line, k->col,
				    "unknown key '%s' "
				    "%s",
				    q, sec_where[sec]);
			ld_next(ld, &v);
			ld_skip(ld, &v);
			continue;
		}
		if (seen->mask & (1ull << id)) {
			ld_error(ld, k->line, k->col,
			    "duplicate key '%s' in "
			    "this mapping (first at line %u, column %u)",
			    key_names[id], seen->line[id], seen->col[id]);
			ld_next(ld, &v);
			ld_skip(ld, &v);
			continue;
		}
		seen->mask |= 1ull << id;
		seen->line[id] = k->line;
		seen->col[id] = k->col;
		return id;
	}
}

/* A value that must be a scalar; otherwise report, skip, return 0. */
static int
ld_want_scalar(
    struct loader *ld, int key, const struct ev *v, const char *expected)
{
	if (v->type == EV_SCALAR)
		return 1;
	if (v->type == EV_EOF)
		return 0;
	ld_error(ld, v->line, v->col, "'%s' must be %s, not %s", key_names[key],
	    expected, ld_what(v));
	ld_skip(ld, v);
	return 0;
}

static void
ld_str_set(struct strslot *ss, const char *s, size_t len)
{
	XGROW(ss->p, ss->cap, len + 1);
	memcpy(ss->p, s, len);
	ss->p[len] = '\0';
	ss->len = len;
	ss->set = 1;
}

static void
ld_ref_push(struct reflist *rl, uint32_t sym, struct mark m, uint8_t soft)
{
	size_t c;

	if (rl->n == rl->cap) {
		c = rl->cap != 0 ? rl->cap * 2 : 16;
		rl->syms = xreallocarray(rl->syms, c, sizeof *rl->syms);
		rl->marks = xreallocarray(rl->marks, c, sizeof *rl->marks);
		rl->soft = xreallocarray(rl->soft, c, sizeof *rl->soft);
		rl->cap = c;
	}
	rl->syms[rl->n] = sym;
	rl->marks[rl->n] = m;
	rl->soft[rl->n] = soft;
	rl->n++;
}

static void
ld_ref_cb(void *arg, const char *s, size_t len)
{
	struct loader *ld = arg;

	ld_ref_push(ld->cb_rl, inventory_intern(ld->inv, s, len), ld->cb_mark,
	    ld->cb_soft);
}

/* The bytes of names brace ranges may make in this file. */
static size_t
ld_max_expansion(const struct loader *ld)
{
	if (ld->buflen > SIZE_MAX / LOADER_EXPANSION_PER_BYTE)
		return SIZE_MAX;
	if (ld->buflen * LOADER_EXPANSION_PER_BYTE < LOADER_MIN_FILE_EXPANSION)
		return LOADER_MIN_FILE_EXPANSION;
	return ld->buflen * LOADER_EXPANSION_PER_BYTE;
}

/*
 * Count names from brace ranges; 0 and a message when over a bound.  The
 * file's budget is in bytes of names (n names as long as the pattern), so
 * neither many short names nor few long ones can outgrow the input.
 */
static int
ld_names_ok(struct loader *ld, const struct ev *v, uint64_t n)
{
	char q[128];

	if (n > LOADER_MAX_NAMES) {
		ld_error(ld, v->line, v->col,
		    "'%s' expands to more than %d "
		    "names",
		    ld_quote(q, sizeof q, v->s, v->len), LOADER_MAX_NAMES);
		return 0;
	}
	if (n > 1 && (ld->names += n * (v->len + 1)) > ld_max_expansion(ld)) {
		ld_error(ld, v->line, v->col,
		    "brace ranges in this file expand to more than %zu bytes "
		    "of names (at most %d per byte of the file, or %d)",
		    ld_max_expansion(ld), LOADER_EXPANSION_PER_BYTE,
		    LOADER_MIN_FILE_EXPANSION);
		return 0;
	}
	return 1;
}

/* Append one reference, brace ranges expanded. */
static void
ld_ref_add(
    struct loader *ld, struct reflist *rl, const struct ev *v, uint8_t soft)
{
	struct mark m = ld_mark(ld, v);

	if (memchr(v->s, '{', v->len) == NULL) {
		ld_ref_push(
		    rl, inventory_intern(ld->inv, v->s, v->len), m, soft);
		return;
	}
	if (!ld_names_ok(ld, v, brace_count(v->s, v->len)))
		return;
	ld->cb_rl = rl;
	ld->cb_mark = m;
	ld->cb_soft = soft;
	brace_expand(v->s, v->len, LOADER_MAX_NAMES, ld_ref_cb, ld);
}

/* A single reference (site, rack): a string, no ranges. */
static void
ld_ref_single(
    struct loader *ld, int key, const struct ev *v, struct reflist *rl)
{
	rl->n = 0;
	if (ld_is_null(v) || !ld_want_scalar(ld, key, v, "a string"))
		return;
	ld_ref_push(
	    rl, inventory_intern(ld->inv, v->s, v->len), ld_mark(ld, v), 0);
}

static int
ld_bool(const struct ev *v, int *b)
{
	static const char *const t[] = {"true", "True", "TRUE"};
	static const char *const f[] = {"false", "False", "FALSE"};
	size_t i;

	for (i = 0; i < 3; i++) {
		if (v->len == strlen(t[i]) && memcmp(v->s, t[i], v->len) == 0) {
			*b = 1;
			return 1;
		}
		if (v->len == strlen(f[i]) && memcmp(v->s, f[i], v->len) == 0) {
			*b = 0;
			return 1;
		}
	}
	return 0;
}

/* A depends_on entry written as a mapping {service, soft}. */
static void
ld_dep_map(struct loader *ld, const struct ev *m, struct reflist *rl)
{
	struct keyseen seen;
	struct ev k, v, svc;
	char q[128];
	char svcbuf[256];
	char *svctext = NULL;
	int id, soft = 0, b;

	seen.mask = 0;
	svc.type = EV_EOF;
	while ((id = ld_next_key(ld, SEC_DEPENDS_ON, &seen, &k)) >= 0) {
		ld_next(ld, &v);
		if (v.type == EV_EOF)
			break;
		if (id == K_SERVICE) {
			if (ld_is_null(&v) ||
			    !ld_want_scalar(ld, id, &v, "a service id"))
				continue;
			/* Keep the text: the next event frees it. */
			free(svctext);
			svctext = NULL;
			svc = v;
			if (v.len < sizeof svcbuf) {
				memcpy(svcbuf, v.s, v.len);
				svc.s = svcbuf;
			} else
				svc.s = svctext = xstrndup(v.s, v.len);
		} else if (id == K_SOFT) {
			if (!ld_want_scalar(ld, id, &v, "true or false"))
				continue;
			if (!ld_bool(&v, &b))
				ld_error(ld, v.line, v.col,
				    "'soft' must be true "
				    "or false, not '%s'",
				    ld_quote(q, sizeof q, v.s, v.len));
			else
				soft = b;
		}
	}
	if (ld->fatal) {
		free(svctext);
		return;
	}
	if (svc.type != EV_SCALAR)
		ld_error(ld, m->line, m->col,
		    "missing 'service' in depends_on "
		    "entry");
	else
		ld_ref_add(ld, rl, &svc, (uint8_t)soft);
	free(svctext);
}

/* A list of references (fed_by, power, runs_on, depends_on, recovery). */
static void
ld_ref_list(struct loader *ld, int key, const struct ev *v, struct reflist *rl,
    const char *noun)
{
	struct ev it;
	int deps = key == K_DEPENDS_ON;

	rl->n = 0;
	if (ld_is_null(v))
		return;
	if (v->type != EV_SEQ) {
		if (v->type == EV_EOF)
			return;
		ld_error(ld, v->line, v->col,
		    "'%s' must be a list of %ss, not %s", key_names[key], noun,
		    ld_what(v));
		ld_skip(ld, v);
		return;
	}
	for (;;) {
		ld_next(ld, &it);
		if (it.type == EV_CLOSE || it.type == EV_EOF)
			return;
		if (it.type == EV_SCALAR && !ld_is_null(&it)) {
			ld_ref_add(ld, rl, &it, 0);
			continue;
		}
		if (it.type == EV_MAP && deps) {
			ld_dep_map(ld, &it, rl);
			continue;
		}
		ld_error(ld, it.line, it.col,
		    "each entry of '%s' must be %s %s%s, "
		    "not %s",
		    key_names[key], noun[0] == 'a' ? "an" : "a", noun,
		    deps ? " or a mapping {service, soft}" : "", ld_what(&it));
		ld_skip(ld, &it);
	}
}

/* A scalar that is an unsigned decimal number below 2^31, else -1. */
static long
ld_uint(const struct ev *v)
{
	long x = 0;
	size_t i;

	if (!v->plain || v->len == 0 || v->len > 9)
		return -1;
	for (i = 0; i < v->len; i++) {
		if (v->s[i] < '0' || v->s[i] > '9')
			return -1;
		x = x * 10 + (v->s[i] - '0');
	}
	return x;
}

/* How a bad scalar value is named: quoted ones are strings, not numbers. */
static const char *
ld_not(const struct ev *v)
{
	return v->plain ? "" : "the string ";
}

static int
ld_tier(struct loader *ld, const struct ev *v)
{
	long t;
	char q[128];

	if (!ld_want_scalar(ld, K_TIER, v, "an integer from 1 to 4"))
		return -1;
	t = ld_uint(v);
	if (t < 1 || t > 4) {
		ld_error(ld, v->line, v->col,
		    "'tier' must be an integer from 1 "
		    "to 4, not %s'%s'",
		    ld_not(v), ld_quote(q, sizeof q, v->s, v->len));
		return -1;
	}
	return (int)t;
}

static int
ld_service_kind(struct loader *ld, const struct ev *v)
{
	char q[128];
	int k;

	if (!ld_want_scalar(ld, K_KIND, v, "a service kind"))
		return -1;
	for (k = 0; k < SERVICE_KIND_COUNT; k++) {
		const char *n = inventory_service_kind_name(k);

		if (strlen(n) == v->len && memcmp(n, v->s, v->len) == 0)
			return k;
	}
	ld_error(ld, v->line, v->col,
	    "unknown service kind '%s'; expected one "
	    "of app, data, platform, tool, external",
	    ld_quote(q, sizeof q, v->s, v->len));
	return -1;
}

/* Days since 1970-01-01 of a YYYY-MM-DD scalar; 0 when not a date. */
static int
ld_date(const struct ev *v, int32_t *days)
{
	static const int mdays[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, i, leap;
	long era, yoe, doy, doe;

	if (v->len != 10 || v->s[4] != '-' || v->s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (v->s[i] < '0' || v->s[i] > '9'))
			return 0;
	y = (v->s[0] - '0') * 1000 + (v->s[1] - '0') * 100 +
	    (v->s[2] - '0') * 10 + (v->s[3] - '0');
	m = (v->s[5] - '0') * 10 + (v->s[6] - '0');
	d = (v->s[8] - '0') * 10 + (v->s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return 0;
	/* Howard Hinnant's days_from_civil. */
	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = (int32_t)(era * 146097 + doe - 719468);
	return 1;
}

/* A selector: a scalar or a list of scalars, each given to fn. */
static void
ld_selector(struct loader *ld, int key, const struct ev *v,
    void (*fn)(struct loader *, const struct ev *))
{
	struct ev it;

	if (ld_is_null(v))
		return;
	if (v->type == EV_SCALAR) {
		fn(ld, v);
		return;
	}
	if (v->type != EV_SEQ) {
		if (v->type == EV_EOF)
			return;
		ld_error(ld, v->line, v->col,
		    "'%s' must be a string or a list, "
		    "not %s",
		    key_names[key], ld_what(v));
		ld_skip(ld, v);
		return;
	}
	for (;;) {
		ld_next(ld, &it);
		if (it.type == EV_CLOSE || it.type == EV_EOF)
			return;
		if (it.type == EV_SCALAR) {
			fn(ld, &it);
			continue;
		}
		ld_error(ld, it.line, it.col,
		    "each entry of '%s' must be a "
		    "string, not %s",
		    key_names[key], ld_what(&it));
		ld_skip(ld, &it);
	}
}

static void
ld_sel_tier(struct loader *ld, const struct ev *v)
{
	int t = ld_tier(ld, v);

	if (t > 0)
		ld->e.sel_tiers |= (uint8_t)(1u << t);
}

static void
ld_sel_kind(struct loader *ld, const struct ev *v)
{
	int k = ld_service_kind(ld, v);

	if (k >= 0)
		ld->e.sel_kinds |= (uint8_t)(1u << k);
}

static void
ld_sel_owner(struct loader *ld, const struct ev *v)
{
	ld_ref_push(&ld->rl[RL_OWNERS], inventory_intern(ld->inv, v->s, v->len),
	    ld_mark(ld, v), 0);
}

static void
ld_survive(struct loader *ld, const struct ev *v)
{
	struct ev it;
	char q[128];
	int k;

	ld->e.survive = 0;
	ld->e.survive_set = 1;
	if (v->type != EV_SEQ) {
		if (v->type == EV_EOF)
			return;
		ld_error(ld, v->line, v->col,
		    "'survive' must be a list of "
		    "failure kinds, not %s",
		    ld_what(v));
		ld_skip(ld, v);
		ld->e.survive_set = 0;
		return;
	}
	for (;;) {
		ld_next(ld, &it);
		if (it.type == EV_CLOSE || it.type == EV_EOF)
			return;
		if (it.type != EV_SCALAR) {
			ld_error(ld, it.line, it.col,
			    "each entry of 'survive' "
			    "must be a failure kind, not %s",
			    ld_what(&it));
			ld_skip(ld, &it);
			continue;
		}
		for (k = KIND_SITE; k <= KIND_HOST; k++) {
			const char *n = inventory_kind_name(k);

			if (strlen(n) == it.len && memcmp(n, it.s, it.len) == 0)
				break;
		}
		if (k > KIND_HOST)
			ld_error(ld, it.line, it.col,
			    "unknown survive kind "
			    "'%s'; expected one of site, power, rack, host",
			    ld_quote(q, sizeof q, it.s, it.len));
		else
			ld->e.survive |= (uint8_t)(1u << k);
	}
}

static void ld_map(struct loader *, enum sec, uint8_t);

/* The value of a merge key: a mapping, or a list of mappings. */
static void
ld_merge(struct loader *ld, enum sec sec, const struct ev *v)
{
	struct ev it;

	if (v->type == EV_MAP) {
		ld_map(
		    ld, sec, ld->e.next_rank < 255 ? ++ld->e.next_rank : 255);
		return;
	}
	if (v->type == EV_SEQ) {
		for (;;) {
			ld_next(ld, &it);
			if (it.type == EV_CLOSE || it.type == EV_EOF)
				return;
			if (it.type == EV_MAP) {
				ld_map(ld, sec,
				    ld->e.next_rank < 255 ? ++ld->e.next_rank
							  : 255);
				continue;
			}
			ld_error(ld, it.line, it.col,
			    "each entry of '<<' must "
			    "be a mapping, not %s",
			    ld_what(&it));
			ld_skip(ld, &it);
		}
	}
	if (v->type == EV_EOF)
		return;
	ld_error(ld, v->line, v->col,
	    "'<<' must be a mapping or a list of "
	    "mappings (such as *defaults), not %s",
	    ld_what(v));
	ld_skip(ld, v);
}

/* One key's value of an entry, read at a precedence rank. */
static void
ld_field(
    struct loader *ld, enum sec sec, int id, const struct ev *v, uint8_t rank)
{
	struct entry *e = &ld->e;
	char q[128];
	size_t slot = (size_t)id + (sec == SEC_SELECT ? K_COUNT : 0);
	uint32_t sym;
	long n;
	int x;

	if (e->setby[slot] != 0 && e->setby[slot] <= rank) {
		ld_skip(ld, v); /* a stronger mapping set it */
		return;
	}
	e->setby[slot] = rank;
	if (v->type == EV_EOF)
		return;
	switch (id) {
	case K_ID:
		if (sec == SEC_SELECT) {
			ld->ss[SS_REGEX].set = 0;
			if (ld_is_null(v) ||
			    !ld_want_scalar(ld, id, v, "a regular expression"))
				break;
			ld_str_set(&ld->ss[SS_REGEX], v->s, v->len);
			ld_regex_mark(ld, e, v);
			break;
		}
		e->has_id = 0;
		if (ld_is_null(v) || !ld_want_scalar(ld, id, v, "a string"))
			break;
		e->has_id = 1;
		e->id_mark = ld_mark(ld, v);
		ld->ss[SS_ID].set = 0;
		if (sec != SEC_POLICIES && memchr(v->s, '{', v->len) != NULL)
			ld_str_set(&ld->ss[SS_ID], v->s, v->len);
		else
			e->id = inventory_intern(ld->inv, v->s, v->len);
		break;
	case K_NAME:
	case K_REGION:
	case K_OWNER:
		if (sec == SEC_SELECT) {
			ld->rl[RL_OWNERS].n = 0;
			ld_selector(ld, id, v, ld_sel_owner);
			break;
		}
		sym = SYM_NONE;
		if (!ld_is_null(v) && ld_want_scalar(ld, id, v, "a string"))
			sym = inventory_intern(ld->inv, v->s, v->len);
		if (id == K_NAME)
			e->name = sym;
		else if (id == K_REGION)
			e->region = sym;
		else
			e->owner = sym;
		break;
	case K_SITE:
		ld_ref_single(ld, id, v, &ld->rl[RL_SITE]);
		break;
	case K_RACK:
		ld_ref_single(ld, id, v, &ld->rl[RL_RACK]);
		break;
	case K_POWER:
	case K_FED_BY:
		ld_ref_list(ld, id, v, &ld->rl[RL_POWER], "power id");
		break;
	case K_RUNS_ON:
		ld_ref_list(ld, id, v, &ld->rl[RL_RUNS_ON], "host id");
		break;
	case K_DEPENDS_ON:
		ld_ref_list(ld, id, v, &ld->rl[RL_DEPENDS_ON], "service id");
		break;
	case K_RECOVERY:
		ld_ref_list(ld, id, v, &ld->rl[RL_RECOVERY], "service id");
		break;
	case K_KIND:
		if (sec == SEC_SELECT) {
			e->sel_kinds = 0;
			ld_selector(ld, id, v, ld_sel_kind);
		} else if (!ld_is_null(v) && (x = ld_service_kind(ld, v)) >= 0)
			e->kind = x;
		break;
	case K_TIER:
		if (sec == SEC_SELECT) {
			e->sel_tiers = 0;
			ld_selector(ld, id, v, ld_sel_tier);
		} else if (!ld_is_null(v) && (x = ld_tier(ld, v)) > 0)
			e->tier = x;
		break;
	case K_MIN_UP:
		e->min_up = 0;
		if (ld_is_null(v) ||
		    !ld_want_scalar(ld, id, v, "a positive integer"))
			break;
		if ((n = ld_uint(v)) < 1) {
			ld_error(ld, v->line, v->col,
			    "'min_up' must be a "
			    "positive integer, not %s'%s'",
			    ld_not(v), ld_quote(q, sizeof q, v->s, v->len));
			break;
		}
		e->min_up = (uint32_t)n;
		e->min_up_mark = ld_mark(ld, v);
		break;
	case K_SELECT:
		if (ld_is_null(v))
			break;
		if (v->type != EV_MAP) {
			ld_error(ld, v->line, v->col,
			    "'select' must be a mapping "
			    "of tier, kind, owner and id, not %s",
			    ld_what(v));
			ld_skip(ld, v);
			break;
		}
		ld_map(ld, SEC_SELECT, rank);
		break;
	case K_SURVIVE:
		ld_survive(ld, v);
		break;
	case K_SEVERITY:
		if (ld_is_null(v) || !ld_want_scalar(ld, id, v, "a severity"))
			break;
		for (x = SEVERITY_ERROR; x <= SEVERITY_NOTE; x++) {
			const char *s = inventory_severity_name(x);

			if (strlen(s) == v->len && memcmp(s, v->s, v->len) == 0)
				break;
		}
		if (x > SEVERITY_NOTE)
			ld_error(ld, v->line, v->col,
			    "unknown severity '%s'; "
			    "expected one of error, warning, note",
			    ld_quote(q, sizeof q, v->s, v->len));
		else
			e->severity = x;
		break;
	case K_POLICY:
		e->policy = SYM_NONE;
		if (ld_is_null(v) || !ld_want_scalar(ld, id, v, "a policy id"))
			break;
		e->policy = inventory_intern(ld->inv, v->s, v->len);
		e->policy_mark = ld_mark(ld, v);
		break;
	case K_SERVICE:
		ld->ss[SS_REGEX].set = 0;
		if (ld_is_null(v) ||
		    !ld_want_scalar(ld, id, v, "a regular expression"))
			break;
		ld_str_set(&ld->ss[SS_REGEX], v->s, v->len);
		ld_regex_mark(ld, e, v);
		break;
	case K_REASON:
		ld->ss[SS_REASON].set = 0;
		if (ld_is_null(v) || !ld_want_scalar(ld, id, v, "a string"))
			break;
		ld_str_set(&ld->ss[SS_REASON], v->s, v->len);
		break;
	case K_EXPIRES:
		e->expires = INT32_MIN;
		if (ld_is_null(v) ||
		    !ld_want_scalar(ld, id, v, "a date (YYYY-MM-DD)"))
			break;
		if (!ld_date(v, &e->expires)) {
			ld_error(ld, v->line, v->col,
			    "'expires' must be a date "
			    "(YYYY-MM-DD), not '%s'",
			    ld_quote(q, sizeof q, v->s, v->len));
			e->expires = INT32_MIN;
			break;
		}
		e->expires_mark = ld_mark(ld, v);
		break;
	default:
		ld_skip(ld, v);
		break;
	}
}

/* The keys of one mapping of an entry, at a precedence rank. */
static void
ld_map(struct loader *ld, enum sec sec, uint8_t rank)
{
	struct keyseen seen;
	struct ev k, v;
	int id;

	seen.mask = 0;
	while ((id = ld_next_key(ld, sec, &seen, &k)) >= 0) {
		ld_next(ld, &v);
		if (v.type == EV_EOF)
			return;
		if (id == K_MERGE)
			ld_merge(ld, sec, &v);
		else
			ld_field(ld, sec, id, &v, rank);
	}
}

static struct span
ld_span(struct loader *ld, enum entity_kind kind, int which)
{
	struct reflist *rl = &ld->rl[which];

	return inventory_add_refs(ld->inv, kind, rl->syms, rl->marks,
	    which == RL_DEPENDS_ON ? rl->soft : NULL, rl->n);
}

/* Append a copy of the template entity under an id. */
static void
ld_entity_add(struct loader *ld, uint32_t sym)
{
	struct site *site;
	struct power *power;
	struct rack *rack;
	struct host *host;
	struct service *svc;

	switch (ld->e.sec) {
	case SEC_SITES:
		site = inventory_add_site(ld->inv);
		*site = ld->tmpl.site;
		site->e.id = sym;
		break;
	case SEC_POWER:
		power = inventory_add_power(ld->inv);
		*power = ld->tmpl.power;
		power->e.id = sym;
		break;
	case SEC_RACKS:
		rack = inventory_add_rack(ld->inv);
		*rack = ld->tmpl.rack;
		rack->e.id = sym;
		break;
	case SEC_HOSTS:
		host = inventory_add_host(ld->inv);
		*host = ld->tmpl.host;
		host->e.id = sym;
		break;
	default:
		svc = inventory_add_service(ld->inv);
		*svc = ld->tmpl.service;
		svc->e.id = sym;
		break;
	}
}

static void
ld_entity_cb(void *arg, const char *s, size_t len)
{
	struct loader *ld = arg;

	ld_entity_add(ld, inventory_intern(ld->inv, s, len));
}

/* Append the entity just read, once per name its id expands to. */
static void
ld_entity_finish(struct loader *ld, const struct ev *m)
{
	struct entry *e = &ld->e;
	struct entity *head;
	struct ev idev;
	uint64_t n = 1;

	if (!e->has_id) {
		ld_error(ld, m->line, m->col, "missing 'id' in %s entry",
		    sec_names[e->sec]);
		return;
	}
	if (ld->ss[SS_ID].set) {
		idev.s = ld->ss[SS_ID].p;
		idev.len = ld->ss[SS_ID].len;
		idev.line = e->id_mark.line;
		idev.col = e->id_mark.column;
		n = brace_count(idev.s, idev.len);
		if (!ld_names_ok(ld, &idev, n))
			return;
	}
	memset(&ld->tmpl, 0, sizeof ld->tmpl);
	switch (e->sec) {
	case SEC_SITES:
		ld->tmpl.site.region = e->region;
		ld->tmpl.site.region_domain = INDEX_NONE;
		head = &ld->tmpl.site.e;
		break;
	case SEC_POWER:
		ld->tmpl.power.site_ref = ld_span(ld, KIND_SITE, RL_SITE);
		ld->tmpl.power.fed_by = ld_span(ld, KIND_POWER, RL_POWER);
		ld->tmpl.power.site = INDEX_NONE;
		head = &ld->tmpl.power.e;
		break;
	case SEC_RACKS:
		ld->tmpl.rack.site_ref = ld_span(ld, KIND_SITE, RL_SITE);
		ld->tmpl.rack.power = ld_span(ld, KIND_POWER, RL_POWER);
		ld->tmpl.rack.site = INDEX_NONE;
		head = &ld->tmpl.rack.e;
		break;
	case SEC_HOSTS:
		ld->tmpl.host.site_ref = ld_span(ld, KIND_SITE, RL_SITE);
		ld->tmpl.host.rack_ref = ld_span(ld, KIND_RACK, RL_RACK);
		ld->tmpl.host.power = ld_span(ld, KIND_POWER, RL_POWER);
		ld->tmpl.host.site = INDEX_NONE;
		ld->tmpl.host.rack = INDEX_NONE;
		ld->tmpl.host.on = INDEX_NONE;
		head = &ld->tmpl.host.e;
		break;
	default:
		ld->tmpl.service.kind = (enum service_kind)e->kind;
		ld->tmpl.service.tier = (uint8_t)e->tier;
		ld->tmpl.service.owner = e->owner;
		ld->tmpl.service.runs_on = ld_span(ld, KIND_HOST, RL_RUNS_ON);
		ld->tmpl.service.min_up = e->min_up;
		ld->tmpl.service.min_up_mark = e->min_up_mark;
		ld->tmpl.service.depends_on =
		    ld_span(ld, KIND_SERVICE, RL_DEPENDS_ON);
		ld->tmpl.service.recovery =
		    ld_span(ld, KIND_SERVICE, RL_RECOVERY);
		head = &ld->tmpl.service.e;
		break;
	}
	head->name = e->name;
	head->mark = e->id_mark;
	if (ld->ss[SS_ID].set)
		brace_expand(
		    idev.s, idev.len, LOADER_MAX_NAMES, ld_entity_cb, ld);
	else
		ld_entity_add(ld, e->id);
}

static void
ld_policy_finish(struct loader *ld, const struct ev *m)
{
	struct entry *e = &ld->e;
	struct policy *p;
	struct reflist *ow = &ld->rl[RL_OWNERS];

	if (!e->has_id) {
		ld_error(ld, m->line, m->col, "missing 'id' in policies entry");
		return;
	}
	p = inventory_add_policy(ld->inv);
	p->id = e->id;
	p->mark = e->id_mark;
	p->tiers = e->sel_tiers;
	p->kinds = e->sel_kinds;
	if (ow->n > 0) {
		p->owners = xreallocarray(NULL, ow->n, sizeof *p->owners);
		memcpy(p->owners, ow->syms, ow->n * sizeof *p->owners);
		p->nowners = ow->n;
	}
	if (ld->ss[SS_REGEX].set) {
		p->id_regex =
		    xstrndup(ld->ss[SS_REGEX].p, ld->ss[SS_REGEX].len);
		p->id_regex_mark = e->regex_mark;
		p->id_regex_verbatim = (uint8_t)e->regex_verbatim;
	}
	if (e->survive_set)
		p->survive = e->survive;
	if (e->severity >= 0)
		p->severity = (enum severity)e->severity;
}

static void
ld_waiver_finish(struct loader *ld, const struct ev *m)
{
	struct entry *e = &ld->e;
	struct waiver *w;

	if (e->policy == SYM_NONE)
		ld_error(
		    ld, m->line, m->col, "missing 'policy' in waivers entry");
	if (!ld->ss[SS_REGEX].set)
		ld_error(ld, m->line, m->col,
		    "missing 'service' in waivers "
		    "entry");
	if (e->policy == SYM_NONE || !ld->ss[SS_REGEX].set)
		return;
	w = inventory_add_waiver(ld->inv);
	w->mark = e->map_mark;
	w->policy = e->policy;
	w->policy_mark = e->policy_mark;
	w->service_regex = xstrndup(ld->ss[SS_REGEX].p, ld->ss[SS_REGEX].len);
	w->service_mark = e->regex_mark;
	w->service_regex_verbatim = (uint8_t)e->regex_verbatim;
	if (ld->ss[SS_REASON].set)
		w->reason =
		    xstrndup(ld->ss[SS_REASON].p, ld->ss[SS_REASON].len);
	w->expires = e->expires;
	w->expires_mark = e->expires_mark;
}

/* One entry of a section: its mapping starts at m. */
static void
ld_entry(struct loader *ld, enum sec sec, const struct ev *m)
{
	struct entry *e = &ld->e;
	int i;

	memset(e, 0, sizeof *e);
	e->sec = sec;
	e->next_rank = 1;
	e->map_mark = ld_mark(ld, m);
	e->id = SYM_NONE;
	e->name = e->region = e->owner = e->policy = SYM_NONE;
	e->kind = SERVICE_APP;
	e->tier = 3;
	e->severity = -1;
	e->expires = INT32_MIN;
	for (i = 0; i < RL_COUNT; i++)
		ld->rl[i].n = 0;
	for (i = 0; i < SS_COUNT; i++)
		ld->ss[i].set = 0;
	ld_map(ld, sec, 1);
	if (ld->fatal)
		return;
	switch (sec) {
	case SEC_POLICIES:
		ld_policy_finish(ld, m);
		break;
	case SEC_WAIVERS:
		ld_waiver_finish(ld, m);
		break;
	default:
		ld_entity_finish(ld, m);
		break;
	}
}

static void
ld_section(struct loader *ld, int key, const struct ev *v)
{
	static const enum sec secs[K_COUNT] = {[K_SITES] = SEC_SITES,
	    [K_POWER] = SEC_POWER,
	    [K_RACKS] = SEC_RACKS,
	    [K_HOSTS] = SEC_HOSTS,
	    [K_SERVICES] = SEC_SERVICES,
	    [K_POLICIES] = SEC_POLICIES,
	    [K_WAIVERS] = SEC_WAIVERS};
	enum sec sec = secs[key];
	struct ev it;

	if (sec == SEC_POLICIES)
		ld->inv->has_policies = 1;
	if (ld_is_null(v) || v->type == EV_EOF)
		return;
	if (v->type != EV_SEQ) {
		ld_error(ld, v->line, v->col, "'%s' must be a list, not %s",
		    key_names[key], ld_what(v));
		ld_skip(ld, v);
		return;
	}
	for (;;) {
		ld_next(ld, &it);
		if (it.type == EV_CLOSE || it.type == EV_EOF)
			return;
		if (it.type == EV_MAP) {
			ld_entry(ld, sec, &it);
			continue;
		}
		ld_error(ld, it.line, it.col,
		    "each entry of '%s' must be a "
		    "mapping, not %s",
		    key_names[key], ld_what(&it));
		ld_skip(ld, &it);
	}
}

static void
ld_version(struct loader *ld, const struct ev *v)
{
	char q[128];

	if (!ld_want_scalar(ld, K_FAULTLINE, v, "1"))
		return;
	if (v->len == 1 && v->s[0] == '1' && v->plain)
		return;
	ld_error(ld, v->line, v->col,
	    "unsupported format version %s'%s'; "
	    "expected 'faultline: 1'",
	    ld_not(v), ld_quote(q, sizeof q, v->s, v->len));
}

/* A whole file: one mapping of sections, or nothing. */
static void
ld_file(struct loader *ld)
{
	struct keyseen seen;
	struct ev ev, k, v;
	int id;

	ld_next(ld, &ev);
	if (ev.type == EV_MAP) {
		seen.mask = 0;
		while ((id = ld_next_key(ld, SEC_TOP, &seen, &k)) >= 0) {
			ld_next(ld, &v);
			if (v.type == EV_EOF)
				break;
			if (id == K_FAULTLINE)
				ld_version(ld, &v);
			else
				ld_section(ld, id, &v);
		}
	} else if (ev.type != EV_EOF && !ld_is_null(&ev)) {
		k = ev;
		ld_skip(ld, &ev);
		if (!ld->fatal)
			ld_error(ld, k.line, k.col,
			    "an inventory file must be "
			    "a mapping of sections, not %s",
			    ld_what(&k));
	}
	/* Drain: a second document is an error too. */
	while (ev.type != EV_EOF)
		ld_next(ld, &ev);
}

static struct loader *
ld_create(struct inventory *inv, struct diag_list *dl)
{
	struct loader *ld;

	ld = xcalloc(1, sizeof *ld);
	ld->inv = inv;
	ld->dl = dl;
	return ld;
}

static void
ld_free(struct loader *ld)
{
	int i;

	free(ld->seen);
	for (i = 0; i < RL_COUNT; i++) {
		free(ld->rl[i].syms);
		free(ld->rl[i].marks);
		free(ld->rl[i].soft);
	}
	for (i = 0; i < SS_COUNT; i++)
		free(ld->ss[i].p);
	free(ld->anchors);
	free(ld->open);
	free(ld->recs);
	free(ld->text);
	free(ld->replay);
	free(ld);
}

static void
ld_buffer(
    struct loader *ld, const char *name, const unsigned char *buf, size_t len)
{
	ld->fileno = inventory_add_file(ld->inv, name);
	ld->file = inventory_file(ld->inv, ld->fileno);
	ld->buf = buf;
	ld->buflen = len;
	ld_find_end(ld);
	ld->fatal = 0;
	ld->ndocs = 0;
	ld->depth = 0;
	ld->nopen = ld->nrecs = ld->ntext = ld->nreplay = 0;
	ld->alias_events = 0;
	ld->raw_events = 0;
	ld->names = 0;
	if (ld->anchors != NULL)
		memset(ld->anchors, 0, ld->anchors_cap * sizeof *ld->anchors);
	/*
	 * libyaml would read a file that starts with a UTF-16 byte order mark
	 * as UTF-16; every position here is counted in UTF-8.
	 */
	if (len >= 2 && ((buf[0] == 0xff && buf[1] == 0xfe) ||
	    (buf[0] == 0xfe && buf[1] == 0xff))) {
		ld_error(ld, 1, 1, "UTF-16 text (byte order mark %02X %02X); "
		    "inventories are UTF-8", buf[0], buf[1]);
		return;
	}
	evsrc_open(&ld->src, buf != NULL ? buf : (const unsigned char *)"",
	    len);
	ld_file(ld);
	evsrc_close(&ld->src);
	symtab_free(ld->anchor_names);
	ld->anchor_names = NULL;
}

int
loader_load_buffer(struct inventory *inv, const char *name,
    const unsigned char *buf, size_t len, struct diag_list *dl)
{
	struct loader *ld = ld_create(inv, dl);
	size_t errors = dl->errors;

	ld_buffer(ld, name, buf, len);
	ld_free(ld);
	return dl->errors == errors ? 0 : -1;
}

/* Paths. */

struct pathlist {
	char **v;
	size_t n;
	size_t cap;
};

static int
ld_path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ld_is_inventory_name(const char *name)
{
	size_t len = strlen(name);

	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

/* Collect *.yaml and *.yml below dir; symlinked directories are not followed. */
static void
ld_walk(struct loader *ld, const char *dir, struct pathlist *pl, int depth)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char *path;

	if ((d = opendir(dir)) == NULL) {
		diag_add(ld->dl, DIAG_ERROR, dir, 0, 0, "cannot read: %s",
		    strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(path, &st) != 0) {
			diag_add(ld->dl, DIAG_ERROR, path, 0, 0,
			    "cannot read: %s", strerror(errno));
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode) && depth < 64) {
			ld_walk(ld, path, pl, depth + 1);
			free(path);
			continue;
		}
		if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
			st.st_mode = 0;
		if (!S_ISREG(st.st_mode) || !ld_is_inventory_name(de->d_name)) {
			free(path);
			continue;
		}
		XGROW(pl->v, pl->cap, pl->n + 1);
		pl->v[pl->n++] = path;
	}
	closedir(d);
}

/*
 * Whether the open file st was read before (a file named twice, as in
 * "inv/ inv/a.yaml", is read once); records it when not.
 */
static int
ld_seen_before(struct loader *ld, const struct stat *st)
{
	size_t i;

	for (i = 0; i < ld->nseen; i++)
		if (ld->seen[i].dev == st->st_dev &&
		    ld->seen[i].ino == st->st_ino)
			return 1;
	XGROW(ld->seen, ld->seen_cap, ld->nseen + 1);
	ld->seen[ld->nseen].dev = st->st_dev;
	ld->seen[ld->nseen].ino = st->st_ino;
	ld->nseen++;
	return 0;
}

/*
 * Read a whole file; NULL and a message when it cannot be read, NULL
 * alone when it was read already.
 */
static unsigned char *
ld_read(struct loader *ld, const char *path, size_t *lenp)
{
	unsigned char *buf = NULL;
	size_t len = 0, cap;
	struct stat st;
	ssize_t r;
	int fd, saved;

	if ((fd = open(path, O_RDONLY)) == -1)
		goto fail;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (ld_seen_before(ld, &st)) {
		close(fd);
		return NULL;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + len, cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			goto fail;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	*lenp = len;
	return buf;
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	free(buf);
	diag_add(
	    ld->dl, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(saved));
	return NULL;
}

static void
ld_file_path(struct loader *ld, const char *path)
{
	unsigned char *buf;
	size_t len;

	if ((buf = ld_read(ld, path, &len)) == NULL)
		return;
	ld_buffer(ld, path, buf, len);
	free(buf);
}

int
loader_load_paths(struct inventory *inv, const char *const *paths,
    size_t npaths, struct diag_list *dl)
{
	struct loader *ld = ld_create(inv, dl);
	struct pathlist pl;
	struct stat st;
	size_t errors = dl->errors, before, i, j;

	memset(&pl, 0, sizeof pl);
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &st) != 0) {
			diag_add(dl, DIAG_ERROR, paths[i], 0, 0,
			    "cannot read: %s", strerror(errno));
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			ld_file_path(ld, paths[i]);
			continue;
		}
		pl.n = 0;
		before = dl->errors;
		ld_walk(ld, paths[i], &pl, 0);
		if (pl.n == 0 && dl->errors == before) {
			diag_add(dl, DIAG_ERROR, paths[i], 0, 0,
			    "no inventory files (*.yaml, *.yml) in this "
			    "directory");
			continue;
		}
		qsort(pl.v, pl.n, sizeof *pl.v, ld_path_cmp);
		for (j = 0; j < pl.n; j++) {
			ld_file_path(ld, pl.v[j]);
			free(pl.v[j]);
		}
	}
	free(pl.v);
	ld_free(ld);
	if (dl->errors == errors && inv->nsites == 0 && inv->npower == 0 &&
	    inv->nracks == 0 && inv->nhosts == 0 && inv->nservices == 0)
		diag_add(dl, DIAG_ERROR, NULL, 0, 0,
		    "empty inventory: no sites, "
		    "power, racks, hosts or services");
	return dl->errors == errors ? 0 : -1;
}

const char *const *
loader_section_keys(const char *section)
{
	int i;

	if (section == NULL)
		return NULL;
	for (i = 0; i < SEC_COUNT; i++)
		if (strcmp(section, sec_names[i]) == 0)
			return sec_keys[i];
	return NULL;
}
