/*
 * ldschema_values.c -- the values of an entry's keys: one reader per kind
 * of value (enum how in ldschema_priv.h), each checking type and range and
 * storing into the entry's slots; references with their brace ranges
 * expanded, within the file's budget of names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brace.h"
#include "ldschema_priv.h"
#include "loader.h"
#include "xalloc.h"

#define WORD_MAX_LEN	64	/* domain types */

typedef void (*reader_fn)(struct ldschema *, struct entry *,
    const struct field *, const struct yamlev_event *, uint8_t);

struct mark
ldschema_mark(const struct ldschema *ld, const struct yamlev_event *ev)
{
	struct mark	m;

	m.file = ld->fileno;
	m.line = ev->line;
	m.column = ev->col;
	return m;
}

uint32_t
ldschema_intern(struct ldschema *ld, const struct yamlev_event *ev)
{
	return inventory_intern_hash(ld->inv, ev->s, ev->len, ev->hash);
}

/* A value that must be a scalar; otherwise report, skip, return 0. */
int
ldschema_want_scalar(struct ldschema *ld, const char *key,
    const struct yamlev_event *v, const char *expected)
{
	if (v->type == YAMLEV_SCALAR)
		return 1;
	if (v->type == YAMLEV_EOF)
		return 0;
	yamlev_error(ld->y, v->line, v->col, "'%s' must be %s, not %s", key,
	    expected, yamlev_what(v));
	yamlev_skip(ld->y, v);
	return 0;
}

/* A scalar that is not null; otherwise (after a report if needed) 0. */
static int
ld_value(struct ldschema *ld, const struct field *f,
    const struct yamlev_event *v, const char *expected)
{
	return !yamlev_is_null(v) &&
	    ldschema_want_scalar(ld, f->key, v, expected);
}

static const char *
ld_q(char *q, size_t qsz, const struct yamlev_event *v)
{
	return yamlev_quote(q, qsz, v->s, v->len);
}

/* How a bad scalar value is named: quoted ones are strings, not numbers. */
static const char *
ld_not(const struct yamlev_event *v)
{
	return v->plain ? "" : "the string ";
}

void
ldschema_text_set(struct text *t, const char *s, size_t len)
{
	XGROW(t->p, t->cap, len + 1);
	memcpy(t->p, s, len);
	t->p[len] = '\0';
	t->len = len;
	t->n = 1;
	t->set = 1;
}

/* Append one more string to a NUL-separated text. */
static void
ld_text_add(struct text *t, const char *s, size_t len)
{
	XGROW(t->p, t->cap, t->len + len + 1);
	memcpy(t->p + t->len, s, len);
	t->p[t->len + len] = '\0';
	t->len += len + 1;
	t->n++;
	t->set = 1;
}

char *
ldschema_text_dup(const struct text *t)
{
	return t->set ? xstrndup(t->p, t->len) : NULL;
}

void
ldschema_ref_push(struct reflist *rl, uint32_t sym, struct mark m,
    uint8_t soft)
{
	size_t	c;

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

void
ldschema_reflist_free(struct reflist *rl)
{
	free(rl->syms);
	free(rl->marks);
	free(rl->soft);
	memset(rl, 0, sizeof *rl);
}

struct span
ldschema_span(struct ldschema *ld, const struct reflist *rl,
    enum entity_kind kind)
{
	return inventory_add_refs(ld->inv, kind, rl->syms, rl->marks,
	    rl->soft, rl->n);
}

static void
ld_ref_cb(void *arg, const char *s, size_t len)
{
	struct ldschema	*ld = arg;

	ldschema_ref_push(ld->cb_rl, inventory_intern(ld->inv, s, len),
	    ld->cb_mark, ld->cb_soft);
}

/* The bytes of names brace ranges may make in this file. */
static size_t
ld_max_expansion(const struct ldschema *ld)
{
	size_t	len = yamlev_length(ld->y);

	if (len > SIZE_MAX / LOADER_EXPANSION_PER_BYTE)
		return SIZE_MAX;
	if (len * LOADER_EXPANSION_PER_BYTE < LOADER_MIN_FILE_EXPANSION)
		return LOADER_MIN_FILE_EXPANSION;
	return len * LOADER_EXPANSION_PER_BYTE;
}

/*
 * Count names from brace ranges; 0 and a message when over a bound.  The
 * file's budget is in bytes of names (n names as long as the pattern), so
 * neither many short names nor few long ones can outgrow the input.
 */
int
ldschema_names_ok(struct ldschema *ld, const struct yamlev_event *v,
    uint64_t n)
{
	char	q[128];

	if (n > LOADER_MAX_NAMES) {
		yamlev_error(ld->y, v->line, v->col, "'%s' expands to more "
		    "than %d names", ld_q(q, sizeof q, v), LOADER_MAX_NAMES);
		return 0;
	}
	if (n > 1 && (ld->names += n * (v->len + 1)) > ld_max_expansion(ld)) {
		yamlev_error(ld->y, v->line, v->col, "brace ranges in this "
		    "file expand to more than %zu bytes of names (at most %d "
		    "per byte of the file, or %d)", ld_max_expansion(ld),
		    LOADER_EXPANSION_PER_BYTE, LOADER_MIN_FILE_EXPANSION);
		return 0;
	}
	return 1;
}

/* Append one reference, brace ranges expanded. */
void
ldschema_ref_add(struct ldschema *ld, struct reflist *rl,
    const struct yamlev_event *v, uint8_t soft)
{
	struct mark	m = ldschema_mark(ld, v);

	if (memchr(v->s, '{', v->len) == NULL) {
		ldschema_ref_push(rl, ldschema_intern(ld, v),
		    m, soft);
		return;
	}
	if (!ldschema_names_ok(ld, v, brace_count(v->s, v->len)))
		return;
	ld->cb_rl = rl;
	ld->cb_mark = m;
	ld->cb_soft = soft;
	brace_expand(v->s, v->len, LOADER_MAX_NAMES, ld_ref_cb, ld);
}

/*
 * The first len bytes of a scalar as an unsigned decimal number below
 * 10^9, else -1; a quoted scalar only when quoted_ok (it is a string).
 */
static long
ld_uint(const struct yamlev_event *v, size_t len, int quoted_ok)
{
	long	x = 0;
	size_t	i;

	if ((!v->plain && !quoted_ok) || len == 0 || len > 9)
		return -1;
	for (i = 0; i < len; i++) {
		if (v->s[i] < '0' || v->s[i] > '9')
			return -1;
		x = x * 10 + (v->s[i] - '0');
	}
	return x;
}

/* Days since 1970-01-01 of a YYYY-MM-DD scalar; 0 when not a date. */
static int
ld_date(const struct yamlev_event *v, int32_t *days)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	y, m, d, i, leap;
	long	era, yoe, doy, doe;

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

static int
ld_bool(const struct yamlev_event *v, int *b)
{
	static const char *const t[] = { "true", "True", "TRUE" };
	static const char *const f[] = { "false", "False", "FALSE" };
	size_t	i;

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

/* Whether the scalar is exactly the word w. */
static int
ld_is(const struct yamlev_event *v, const char *w)
{
	return strlen(w) == v->len && memcmp(w, v->s, v->len) == 0;
}

static int
ld_tier(struct ldschema *ld, const struct yamlev_event *v)
{
	long	t;
	char	q[128];

	if (!ldschema_want_scalar(ld, "tier", v, "an integer from 1 to 4"))
		return -1;
	t = ld_uint(v, v->len, 0);
	if (t < 1 || t > 4) {
		yamlev_error(ld->y, v->line, v->col, "'tier' must be an "
		    "integer from 1 to 4, not %s'%s'", ld_not(v),
		    ld_q(q, sizeof q, v));
		return -1;
	}
	return (int)t;
}

static int
ld_service_kind(struct ldschema *ld, const struct yamlev_event *v)
{
	char	q[128];
	int	k;

	if (!ldschema_want_scalar(ld, "kind", v, "a service kind"))
		return -1;
	for (k = 0; k < SERVICE_KIND_COUNT; k++)
		if (ld_is(v, inventory_service_kind_name(k)))
			return k;
	yamlev_error(ld->y, v->line, v->col, "unknown service kind '%s'; "
	    "expected one of app, data, platform, tool, external",
	    ld_q(q, sizeof q, v));
	return -1;
}

/* Readers, one per enum how. */

static void
rd_skip(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	yamlev_skip(ld->y, v);
}

static void
rd_id(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	e->has_id = 0;
	e->text[TX_ID].set = 0;
	if (!ld_value(ld, f, v, "a string"))
		return;
	e->has_id = 1;
	e->id_mark = ldschema_mark(ld, v);
	if (f->arg && memchr(v->s, '{', v->len) != NULL)
		ldschema_text_set(&e->text[TX_ID], v->s, v->len);
	else
		e->id = ldschema_intern(ld, v);
}

static void
rd_sym(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	e->sym[f->slot] = SYM_NONE;
	if (!ld_value(ld, f, v, f->noun != NULL ? f->noun : "a string"))
		return;
	e->sym[f->slot] = ldschema_intern(ld, v);
	e->sym_mark[f->slot] = ldschema_mark(ld, v);
}

/* A word: a letter, then letters, digits, '-' and '_'. */
static int
ld_word_ok(const struct yamlev_event *v)
{
	size_t	i;
	char	c;

	if (v->len == 0 || v->len > WORD_MAX_LEN)
		return 0;
	for (i = 0; i < v->len; i++) {
		c = v->s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			continue;
		if (i == 0 || !((c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static void
rd_word(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	char	q[128];

	e->sym[f->slot] = SYM_NONE;
	if (!ld_value(ld, f, v, "a word"))
		return;
	yamlev_quote(q, sizeof q, v->s, v->len);
	if (!ld_word_ok(v)) {
		yamlev_error(ld->y, v->line, v->col, "invalid domain type "
		    "'%s': a type is a word of letters, digits, '-' and '_', "
		    "starting with a letter (at most %d characters)", q,
		    WORD_MAX_LEN);
		return;
	}
	if (ld_is(v, "domain") || inventory_kind_parse(q) >= 0) {
		yamlev_error(ld->y, v->line, v->col, "domain type '%s' is the "
		    "name of a failure kind; choose another word", q);
		return;
	}
	e->sym[f->slot] = ldschema_intern(ld, v);
	e->sym_mark[f->slot] = ldschema_mark(ld, v);
}

static void
rd_text(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	e->text[f->slot].set = 0;
	if (ld_value(ld, f, v, "a string"))
		ldschema_text_set(&e->text[f->slot], v->s, v->len);
}

static void
rd_texts(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	struct text		*t = &e->text[f->slot];
	struct yamlev_event	 it;

	t->set = 0;
	t->len = t->n = 0;
	if (yamlev_is_null(v))
		return;
	if (v->type != YAMLEV_SEQ) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be a list of "
		    "strings, not %s", f->key, yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	t->set = 1;
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_SCALAR && !yamlev_is_null(&it)) {
			ld_text_add(t, it.s, it.len);
			continue;
		}
		yamlev_error(ld->y, it.line, it.col, "each entry of '%s' must "
		    "be a string, not %s", f->key, yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

/* A single reference (site, rack, on): a string, no ranges. */
static void
rd_ref(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	struct reflist	*rl = &e->refs[f->slot];

	rl->n = 0;
	if (ld_value(ld, f, v, "a string"))
		ldschema_ref_push(rl, ldschema_intern(ld, v),
		    ldschema_mark(ld, v), 0);
}

/* A list of references; depends_on entries may be {service, soft}. */
static void
rd_refs(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	struct reflist		*rl = &e->refs[f->slot];
	struct yamlev_event	 it;
	int			 deps = f->how == F_DEPS;

	rl->n = 0;
	if (yamlev_is_null(v))
		return;
	if (v->type != YAMLEV_SEQ) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be a list of "
		    "%ss, not %s", f->key, f->noun, yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_SCALAR && !yamlev_is_null(&it)) {
			ldschema_ref_add(ld, rl, &it, 0);
			continue;
		}
		if (it.type == YAMLEV_MAP && deps) {
			ldschema_dep_map(ld, &it, rl);
			continue;
		}
		yamlev_error(ld->y, it.line, it.col, "each entry of '%s' must "
		    "be %s %s%s, not %s", f->key, f->noun[0] == 'a' ? "an" :
		    "a", f->noun, deps ? " or a mapping {service, soft}" : "",
		    yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

/* The entity an extend entry extends: exactly one target key. */
static void
rd_target(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	const struct field	*other;

	if (!ld_value(ld, f, v, "an id"))
		return;
	if (e->target >= 0 && ldschema_sections[SEC_EXTEND].fields +
	    e->target != f) {
		other = &ldschema_sections[SEC_EXTEND].fields[e->target];
		yamlev_error(ld->y, v->line, v->col, "an extend entry extends "
		    "one entity, but names a %s and a %s",
		    inventory_kind_noun(other->arg, 1),
		    inventory_kind_noun(f->arg, 1));
		return;
	}
	e->target = (int)(f - ldschema_sections[SEC_EXTEND].fields);
	e->target_sym = ldschema_intern(ld, v);
	e->target_mark = ldschema_mark(ld, v);
}

static void
rd_kind(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	int	k;

	if (!yamlev_is_null(v) && (k = ld_service_kind(ld, v)) >= 0)
		e->num[f->slot] = k;
}

static void
rd_tier(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	int	t;

	if (!yamlev_is_null(v) && (t = ld_tier(ld, v)) > 0)
		e->num[f->slot] = t;
}

static void
rd_posint(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	char	q[128];
	long	n;

	e->num[f->slot] = 0;
	e->num_state[f->slot] = NUM_ABSENT;
	if (!ld_value(ld, f, v, "a positive integer"))
		return;
	if ((n = ld_uint(v, v->len, 0)) < 1) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be a positive "
		    "integer, not %s'%s'", f->key, ld_not(v),
		    ld_q(q, sizeof q, v));
		e->num_state[f->slot] = NUM_BAD;
		return;
	}
	e->num[f->slot] = (int32_t)n;
	e->num_mark[f->slot] = ldschema_mark(ld, v);
	e->num_state[f->slot] = NUM_OK;
}

/* A duration: a positive whole number and a unit s, m, h or d. */
static void
rd_duration(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	static const char	 units[] = "smhd";
	static const uint32_t	 secs[] = { 1, 60, 3600, 86400 };
	const char		*u;
	char			 q[128];
	long			 n = -1;

	e->num[f->slot] = 0;
	if (!ld_value(ld, f, v, "a duration"))
		return;
	u = v->len > 1 ? strchr(units, v->s[v->len - 1]) : NULL;
	if (u != NULL && *u != '\0')
		n = ld_uint(v, v->len - 1, 1);
	ld_q(q, sizeof q, v);
	if (n < 1) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be a duration: "
		    "a positive whole number and a unit s, m, h or d (such as "
		    "30m or 3h), not '%s'", f->key, q);
		return;
	}
	if ((uint64_t)n * secs[u - units] > UINT32_MAX) {
		yamlev_error(ld->y, v->line, v->col, "'%s' of '%s' is too long "
		    "(at most %lu seconds)", f->key, q, (unsigned long)UINT32_MAX);
		return;
	}
	e->num[f->slot] = (int32_t)(uint32_t)(n * secs[u - units]);
	e->num_mark[f->slot] = ldschema_mark(ld, v);
	e->num_state[f->slot] = NUM_OK;
}

static void
rd_severity(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	char	q[128];
	int	x;

	if (!ld_value(ld, f, v, "a severity"))
		return;
	for (x = SEVERITY_ERROR; x <= SEVERITY_NOTE; x++)
		if (ld_is(v, inventory_severity_name(x))) {
			e->num[f->slot] = x;
			e->num_state[f->slot] = NUM_OK;
			return;
		}
	yamlev_error(ld->y, v->line, v->col, "unknown severity '%s'; expected "
	    "one of error, warning, note", ld_q(q, sizeof q, v));
}

/* A date; for expires (arg 1) also never, and required. */
static void
rd_date(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	int		 expires = f->how == F_EXPIRES;
	const char	*expected = expires ? "a date (YYYY-MM-DD) or never" :
	    "a date (YYYY-MM-DD)";
	char		 q[128];

	e->num[f->slot] = INT32_MIN;
	e->num_state[f->slot] = NUM_BAD;
	if (yamlev_is_null(v)) {
		if (expires)
			yamlev_error(ld->y, v->line, v->col, "'%s' must be %s, "
			    "not empty", f->key, expected);
		else
			e->num_state[f->slot] = NUM_ABSENT;
		return;
	}
	if (!ldschema_want_scalar(ld, f->key, v, expected))
		return;
	e->num_mark[f->slot] = ldschema_mark(ld, v);
	if (expires && v->plain && ld_is(v, "never")) {
		e->num_state[f->slot] = NUM_OK;
		return;
	}
	if (!ld_date(v, &e->num[f->slot])) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be %s, not "
		    "'%s'", f->key, expected, ld_q(q, sizeof q, v));
		e->num[f->slot] = INT32_MIN;
		return;
	}
	e->num_state[f->slot] = NUM_OK;
}

static void
rd_regex(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	e->text[f->slot].set = 0;
	if (!ld_value(ld, f, v, "a regular expression"))
		return;
	ldschema_text_set(&e->text[f->slot], v->s, v->len);
	/* Where it starts, for pointing at the character PCRE2 rejects. */
	e->regex_mark = ldschema_mark(ld, v);
	e->regex_verbatim = yamlev_verbatim(v);
	if (e->regex_verbatim && !v->plain)
		e->regex_mark.column++;
}

static void
rd_select(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	if (yamlev_is_null(v))
		return;
	if (v->type != YAMLEV_MAP) {
		yamlev_error(ld->y, v->line, v->col, "'select' must be a "
		    "mapping of tier, kind, owner and id, not %s",
		    yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	ldschema_map(ld, e, (enum sec)f->arg, rank);
}

/* One value of a selector. */
static void
ld_sel_one(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v)
{
	int	x;

	switch (f->arg) {
	case SEL_TIER:
		if ((x = ld_tier(ld, v)) > 0)
			e->num[f->slot] |= 1 << x;
		break;
	case SEL_KIND:
		if ((x = ld_service_kind(ld, v)) >= 0)
			e->num[f->slot] |= 1 << x;
		break;
	default:
		ldschema_ref_push(&e->refs[f->slot],
		    ldschema_intern(ld, v),
		    ldschema_mark(ld, v), 0);
		break;
	}
}

/* A selector: a scalar or a list of scalars. */
static void
rd_sel(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	struct yamlev_event	it;

	if (f->arg == SEL_OWNER)
		e->refs[f->slot].n = 0;
	else
		e->num[f->slot] = 0;
	if (yamlev_is_null(v))
		return;
	if (v->type == YAMLEV_SCALAR) {
		ld_sel_one(ld, e, f, v);
		return;
	}
	if (v->type != YAMLEV_SEQ) {
		yamlev_error(ld->y, v->line, v->col, "'%s' must be a string "
		    "or a list, not %s", f->key, yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_SCALAR) {
			ld_sel_one(ld, e, f, &it);
			continue;
		}
		yamlev_error(ld->y, it.line, it.col, "each entry of '%s' must "
		    "be a string, not %s", f->key, yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

/* survive: failure kinds and domain types, checked by resolve. */
static void
rd_survive(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	struct yamlev_event	it;

	e->refs[R_SURVIVE].n = 0;
	e->num_state[f->slot] = NUM_BAD;
	if (v->type != YAMLEV_SEQ) {
		yamlev_error(ld->y, v->line, v->col, "'survive' must be a list "
		    "of failure kinds, not %s", yamlev_what(v));
		yamlev_skip(ld->y, v);
		return;
	}
	e->num_state[f->slot] = NUM_OK;
	for (;;) {
		yamlev_next(ld->y, &it);
		if (it.type == YAMLEV_CLOSE || it.type == YAMLEV_EOF)
			return;
		if (it.type == YAMLEV_SCALAR && !yamlev_is_null(&it)) {
			ldschema_ref_push(&e->refs[R_SURVIVE],
			    ldschema_intern(ld, &it),
			    ldschema_mark(ld, &it), 0);
			continue;
		}
		yamlev_error(ld->y, it.line, it.col, "each entry of 'survive' "
		    "must be a failure kind, not %s", yamlev_what(&it));
		yamlev_skip(ld->y, &it);
	}
}

static void
rd_standby(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	ldschema_standby(ld, v);
}

static const reader_fn readers[] = {
	[F_VERSION] = rd_skip,
	[F_SECTION] = rd_skip,
	[F_META] = rd_skip,
	[F_ID] = rd_id,
	[F_SYM] = rd_sym,
	[F_WORD] = rd_word,
	[F_TEXT] = rd_text,
	[F_TEXTS] = rd_texts,
	[F_REF] = rd_ref,
	[F_REFS] = rd_refs,
	[F_DEPS] = rd_refs,
	[F_TARGET] = rd_target,
	[F_KIND] = rd_kind,
	[F_TIER] = rd_tier,
	[F_POSINT] = rd_posint,
	[F_RTO] = rd_duration,
	[F_SEVERITY] = rd_severity,
	[F_DATE] = rd_date,
	[F_EXPIRES] = rd_date,
	[F_REGEX] = rd_regex,
	[F_SELECT] = rd_select,
	[F_SEL] = rd_sel,
	[F_SURVIVE] = rd_survive,
	[F_STANDBY] = rd_standby,
	[F_NONE] = rd_skip,
};

void
ldschema_read(struct ldschema *ld, struct entry *e, const struct field *f,
    const struct yamlev_event *v, uint8_t rank)
{
	readers[f->how](ld, e, f, v, rank);
}

/* A depends_on entry written as a mapping {service, soft}. */
void
ldschema_dep_map(struct ldschema *ld, const struct yamlev_event *m,
    struct reflist *rl)
{
	struct keyseen		 seen;
	struct yamlev_event	 k, v, svc;
	char			 q[128], buf[256], *text = NULL;
	int			 id, soft = 0, b;

	seen.mask = 0;
	svc.type = YAMLEV_EOF;
	while ((id = ldschema_next_key(ld, SEC_DEPENDS_ON, &seen, &k)) >= 0) {
		yamlev_next(ld->y, &v);
		if (v.type == YAMLEV_EOF)
			break;
		if (id == 0) {		/* service */
			if (yamlev_is_null(&v) || !ldschema_want_scalar(ld,
			    "service", &v, "a service id"))
				continue;
			/* Keep the text: the next event frees it. */
			free(text);
			text = NULL;
			svc = v;
			if (v.len < sizeof buf)
				svc.s = memcpy(buf, v.s, v.len);
			else
				svc.s = text = xstrndup(v.s, v.len);
		} else if (ldschema_want_scalar(ld, "soft", &v,
		    "true or false")) {
			if (!ld_bool(&v, &b))
				yamlev_error(ld->y, v.line, v.col, "'soft' must "
				    "be true or false, not '%s'",
				    ld_q(q, sizeof q, &v));
			else
				soft = b;
		}
	}
	if (!yamlev_failed(ld->y)) {
		if (svc.type != YAMLEV_SCALAR)
			yamlev_error(ld->y, m->line, m->col, "missing "
			    "'service' in depends_on entry");
		else
			ldschema_ref_add(ld, rl, &svc, (uint8_t)soft);
	}
	free(text);
}
