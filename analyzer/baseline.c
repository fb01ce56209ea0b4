/*
 * baseline.c -- a set of finding keys (rule, subject, cause): the keys are
 * interned in a symbol table of their own, so a key is in the set exactly
 * when it has a symbol; and the reading of a `check --format json`
 * document, one value at a time, with jansson, the one reader of JSON.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "baseline.h"
#include "symtab.h"
#include "xalloc.h"

struct baseline {
	struct symtab	*keys;
};

/* A key being built or looked up. */
struct key {
	char	*s;
	size_t	 cap;
};

/*
 * The key of (rule, subject, cause) in k->s, its length returned: rule NUL
 * subject NUL then "=" cause, or "-" without a cause; NUL bytes cannot
 * occur in the parts, so keys are unambiguous.
 */
static size_t
make_key(struct key *k, const char *rule, const char *subject,
    const char *cause)
{
	size_t	lr = strlen(rule), ls = strlen(subject), lc, n;

	lc = cause != NULL ? strlen(cause) : 0;
	n = lr + 1 + ls + 1 + 1 + lc;
	XGROW(k->s, k->cap, n + 1);
	memcpy(k->s, rule, lr + 1);
	memcpy(k->s + lr + 1, subject, ls + 1);
	k->s[lr + ls + 2] = cause != NULL ? '=' : '-';
	if (cause != NULL)
		memcpy(k->s + lr + ls + 3, cause, lc);
	k->s[n] = '\0';
	return n;
}

/* The key of a finding in k->s, its length returned. */
static size_t
finding_key(struct key *k, const struct finding *f)
{
	return make_key(k, findings_rule_id(f->rule), f->subject != NULL ?
	    f->subject : "", f->cause);
}

static struct baseline *
baseline_create(void)
{
	struct baseline	*b = xmalloc(sizeof *b);

	b->keys = symtab_create();
	return b;
}

static int
contains(const struct baseline *b, struct key *k, const struct finding *f)
{
	size_t	n;

	n = finding_key(k, f);
	return symtab_lookup(b->keys, k->s, n) != SYM_NONE;
}

struct baseline *
baseline_from_findings(const struct findings *fl)
{
	struct baseline	*b = baseline_create();
	struct key	 k = { NULL, 0 };
	size_t		 i, n;

	for (i = 0; i < fl->n; i++) {
		n = finding_key(&k, &fl->v[i]);
		symtab_intern(b->keys, k.s, n);
	}
	free(k.s);
	return b;
}

int
baseline_contains(const struct baseline *b, const struct finding *f)
{
	struct key	k = { NULL, 0 };
	int		found;

	found = contains(b, &k, f);
	free(k.s);
	return found;
}

void
baseline_apply(const struct baseline *b, struct findings *fl)
{
	struct key	k = { NULL, 0 };
	size_t		i;

	fl->has_baseline = 1;
	for (i = 0; i < fl->n; i++)
		if (contains(b, &k, &fl->v[i]))
			fl->v[i].baselined = 1;
	free(k.s);
}

size_t
baseline_count(const struct baseline *b)
{
	return symtab_count(b->keys);
}

void
baseline_free(struct baseline *b)
{
	if (b == NULL)
		return;
	symtab_free(b->keys);
	free(b);
}

/*
 * Reading a baseline.  A `check --format json` document can be large (one
 * object per finding, and the services), so it is never decoded whole:
 * a small scanner walks the top-level object and the lists in it, cuts out
 * one value at a time (a finding, a service, a scalar) and has jansson
 * decode and validate just that.  Only the keys (rule, subject, cause) are
 * kept, so memory is what they take plus the largest single value.
 */
struct reader {
	FILE		*fp;
	int		 back;		/* pushed-back byte; EOF: none */
	unsigned long	 line;		/* 1-based */
	unsigned long	 column;	/* 0-based, UTF-8 characters */
	unsigned long	 prev_column;	/* of the line before the last newline */
	char		*buf;		/* the value being cut out */
	size_t		 len;
	size_t		 cap;
	int		 capture;
	unsigned long	 start_line;	/* where the value began */
	unsigned long	 start_column;
	char		 why[200];	/* the error, when there is one */
	unsigned long	 why_line;
	unsigned long	 why_column;
};

static int
rd_get(struct reader *r)
{
	int	c;

	if (r->back != EOF) {
		c = r->back;
		r->back = EOF;
	} else
		c = getc(r->fp);
	if (c == EOF)
		return EOF;
	if (c == '\n') {
		r->line++;
		r->prev_column = r->column;
		r->column = 0;
	} else if ((c & 0xc0) != 0x80)
		r->column++;
	if (r->capture) {
		XGROW(r->buf, r->cap, r->len + 2);
		r->buf[r->len++] = (char)c;
	}
	return c;
}

/* Give back the byte just read. */
static void
rd_unget(struct reader *r, int c)
{
	if (c == EOF)
		return;
	r->back = c;
	if (c == '\n') {
		r->line--;
		r->column = r->prev_column;
	} else if ((c & 0xc0) != 0x80)
		r->column--;
	if (r->capture)
		r->len--;
}

static int
rd_fail(struct reader *r, int c, const char *what)
{
	if (r->why[0] != '\0')
		return -1;
	r->why_line = r->line;
	r->why_column = r->column;
	if (c == EOF)
		snprintf(r->why, sizeof r->why, "%s%s", what, strstr(what,
		    "end of file") != NULL ? "" : " near end of file");
	else if (c >= 0x21 && c < 0x7f)
		snprintf(r->why, sizeof r->why, "%s near '%c'", what, c);
	else
		snprintf(r->why, sizeof r->why, "%s near byte 0x%02x", what, c);
	return -1;
}

/* The next byte that is not JSON white space (EOF at the end). */
static int
rd_next(struct reader *r)
{
	int	c;

	while ((c = rd_get(r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		continue;
	return c;
}

static int
is_scalar_byte(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

/* Scan one value whose first byte c was just read; its text is captured
 * when r->capture is set.  Only the structure is checked here. */
static int
rd_scan(struct reader *r, int c)
{
	size_t	depth = 0;
	int	in_string = 0;

	for (;;) {
		if (c == EOF)
			return rd_fail(r, c, "unexpected end of file");
		if (in_string) {
			if (c == '\\')
				c = rd_get(r) == EOF ? EOF : 0;
			else if (c == '"') {
				in_string = 0;
				if (depth == 0)
					return 0;
			}
			if (c == EOF)
				continue;
		} else if (c == '"')
			in_string = 1;
		else if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']') {
			if (depth == 0)
				return rd_fail(r, c, "unexpected token");
			if (--depth == 0)
				return 0;
		} else if (depth == 0) {
			if (!is_scalar_byte(c))
				return rd_fail(r, c, "unexpected token");
			while (is_scalar_byte(c = rd_get(r)))
				continue;
			rd_unget(r, c);
			return 0;
		}
		c = rd_get(r);
	}
}

/*
 * Cut out the value starting with c (just read) and decode it with
 * jansson: a fresh json_t, or NULL with the error (positions made
 * relative to the file).
 */
static json_t *
rd_value(struct reader *r, int c)
{
	json_error_t	 err;
	json_t		*v;

	r->start_line = r->line;
	r->start_column = r->column;
	r->len = 0;
	XGROW(r->buf, r->cap, 2);
	r->buf[r->len++] = (char)c;
	r->capture = 1;
	if (rd_scan(r, c) != 0) {
		r->capture = 0;
		return NULL;
	}
	r->capture = 0;
	if ((v = json_loadb(r->buf, r->len, JSON_DECODE_ANY, &err)) == NULL) {
		snprintf(r->why, sizeof r->why, "%s", err.text[0] != '\0' ?
		    err.text : "cannot decode");
		r->why_line = r->start_line;
		r->why_column = r->start_column;
		if (err.line > 1) {
			r->why_line += (unsigned long)err.line - 1;
			r->why_column = err.column > 0 ?
			    (unsigned long)err.column : 0;
		} else if (err.line == 1 && err.column > 0)
			r->why_column += (unsigned long)err.column - 1;
	}
	return v;
}

/*
 * Walk the members of the object or elements of the array whose opening
 * byte was just read, calling fn on each element value (objects: on each
 * member's value, with its key).  fn returns 0, or -1 to stop.
 */
static int
rd_walk(struct reader *r, int open, int (*fn)(struct reader *, const char *,
    json_t *, void *), void *arg)
{
	json_t	*key = NULL, *v;
	int	 c, close = open == '{' ? '}' : ']', first = 1, rc;

	for (;;) {
		c = rd_next(r);
		if (first && c == close)
			return 0;
		first = 0;
		if (open == '{') {
			if (c != '"')
				return rd_fail(r, c, "string or '}' expected");
			if ((key = rd_value(r, c)) == NULL)
				return -1;
			if ((c = rd_next(r)) != ':') {
				json_decref(key);
				return rd_fail(r, c, "':' expected");
			}
			c = rd_next(r);
		}
		if ((v = rd_value(r, c)) == NULL) {
			json_decref(key);
			return -1;
		}
		rc = fn(r, key != NULL ? json_string_value(key) : NULL, v, arg);
		json_decref(v);
		json_decref(key);
		key = NULL;
		if (rc != 0)
			return -1;
		c = rd_next(r);
		if (c == close)
			return 0;
		if (c != ',')
			return rd_fail(r, c, open == '{' ?
			    "',' or '}' expected" : "',' or ']' expected");
	}
}

struct load {
	struct baseline	*b;
	struct key	 k;
	size_t		 n;		/* findings seen */
	size_t		 bad;		/* the first bad one, 1-based */
	int		 version;	/* "faultline": 1 seen */
	int		 findings;	/* a "findings" list seen */
	const char	*what;		/* what is wrong with the document */
};

/* A finding: its key goes into the baseline. */
static int
load_finding(struct reader *r, const char *key, json_t *o, void *arg)
{
	struct load	*ld = arg;
	json_t		*rule, *subject, *cause;
	size_t		 n;

	(void)r;
	(void)key;
	ld->n++;
	rule = json_object_get(o, "rule");
	subject = json_object_get(o, "subject");
	cause = json_object_get(o, "cause");
	if (!json_is_string(rule) || !json_is_string(subject) ||
	    (cause != NULL && !json_is_string(cause) && !json_is_null(cause))) {
		ld->bad = ld->n;
		return -1;
	}
	n = make_key(&ld->k, json_string_value(rule),
	    json_string_value(subject), json_is_string(cause) ?
	    json_string_value(cause) : NULL);
	symtab_intern(ld->b->keys, ld->k.s, n);
	return 0;
}

/* Any other value: decoded (so checked) and dropped. */
static int
load_other(struct reader *r, const char *key, json_t *v, void *arg)
{
	(void)r;
	(void)key;
	(void)v;
	(void)arg;
	return 0;
}

/* A member of the top-level object. */
static int
load_member(struct reader *r, struct load *ld)
{
	json_t	*key, *v;
	int	 c, rc;

	if ((c = rd_next(r)) != '"')
		return rd_fail(r, c, "string or '}' expected");
	if ((key = rd_value(r, c)) == NULL)
		return -1;
	if ((c = rd_next(r)) != ':') {
		json_decref(key);
		return rd_fail(r, c, "':' expected");
	}
	c = rd_next(r);
	if (strcmp(json_string_value(key), "findings") == 0) {
		json_decref(key);
		if (c != '[') {
			ld->what = "no \"findings\" list";
			return -1;
		}
		ld->findings = 1;
		return rd_walk(r, c, load_finding, ld);
	}
	if (c == '[' || c == '{') {
		json_decref(key);
		return rd_walk(r, c, load_other, ld);
	}
	if ((v = rd_value(r, c)) == NULL) {
		json_decref(key);
		return -1;
	}
	if (strcmp(json_string_value(key), "faultline") == 0)
		ld->version = json_is_integer(v) && json_integer_value(v) == 1;
	rc = 0;
	json_decref(v);
	json_decref(key);
	return rc;
}

/* The top-level object; returns 0, or -1 with r->why or ld->what set. */
static int
load_document(struct reader *r, struct load *ld)
{
	int	c;

	c = rd_next(r);
	if (c != '{') {
		if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') ||
		    c == 't' || c == 'f' || c == 'n') {
			ld->what = "the top level is not an object";
			return -1;
		}
		return rd_fail(r, c, "'{' expected");
	}
	if ((c = rd_next(r)) != '}') {
		rd_unget(r, c);
		for (;;) {
			if (load_member(r, ld) != 0)
				return -1;
			c = rd_next(r);
			if (c == '}')
				break;
			if (c != ',')
				return rd_fail(r, c, "',' or '}' expected");
		}
	}
	if ((c = rd_next(r)) != EOF)
		return rd_fail(r, c, "end of file expected");
	if (ferror(r->fp)) {
		snprintf(r->why, sizeof r->why, "%s", strerror(errno));
		return -1;
	}
	if (!ld->version)
		ld->what = "\"faultline\" is not 1";
	else if (!ld->findings)
		ld->what = "no \"findings\" list";
	return ld->what != NULL ? -1 : 0;
}

int
baseline_load(const char *path, struct baseline **out,
    struct diag_list *dl)
{
	struct reader	 r;
	struct load	 ld;
	FILE		*fp;
	struct stat	 sb;
	int		 rc;

	*out = NULL;
	if ((fp = fopen(path, "r")) == NULL ||
	    fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (fp != NULL) {
			errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
			fclose(fp);
		}
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read baseline: %s",
		    strerror(errno));
		return -1;
	}
	memset(&r, 0, sizeof r);
	r.fp = fp;
	r.back = EOF;
	r.line = 1;
	memset(&ld, 0, sizeof ld);
	ld.b = baseline_create();
	rc = load_document(&r, &ld);
	fclose(fp);
	free(r.buf);
	free(ld.k.s);
	if (rc == 0) {
		*out = ld.b;
		return 0;
	}
	if (r.why[0] != '\0')
		diag_add(dl, DIAG_ERROR, path, (unsigned)r.why_line,
		    (unsigned)r.why_column, "baseline is not JSON: %s", r.why);
	else if (ld.bad != 0)
		diag_add(dl, DIAG_ERROR, path, 0, 0, "baseline is not the "
		    "output of 'faultline check --format json': finding %zu "
		    "lacks a \"rule\" or \"subject\" string", ld.bad);
	else
		diag_add(dl, DIAG_ERROR, path, 0, 0, "baseline is not the "
		    "output of 'faultline check --format json': %s", ld.what);
	baseline_free(ld.b);
	return -1;
}
