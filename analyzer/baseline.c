/*
 * baseline.c -- a set of finding keys (rule, subject, cause) in an
 * open-addressing hash table over one string pool; and the reading of a
 * `check --format json` document with jansson, the one reader of JSON.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "baseline.h"
#include "xalloc.h"

#define SLOT_EMPTY	UINT32_MAX

struct baseline {
	char		*pool;		/* keys, each a uint32_t length, then bytes */
	size_t		 len;
	size_t		 cap;
	uint32_t	*slots;		/* key offsets in pool */
	size_t		 nslots;	/* a power of two */
	size_t		 count;
	char		*scratch;	/* the key being looked up */
	size_t		 scratch_cap;
};

/*
 * The key of (rule, subject, cause) in b->scratch, its length returned:
 * rule NUL subject NUL then "=" cause, or "-" without a cause; NUL bytes
 * cannot occur in the parts, so keys are unambiguous.
 */
static size_t
make_key(struct baseline *b, const char *rule, const char *subject,
    const char *cause)
{
	size_t	lr = strlen(rule), ls = strlen(subject), lc, n;

	lc = cause != NULL ? strlen(cause) : 0;
	n = lr + 1 + ls + 1 + 1 + lc;
	XGROW(b->scratch, b->scratch_cap, n + 1);
	memcpy(b->scratch, rule, lr + 1);
	memcpy(b->scratch + lr + 1, subject, ls + 1);
	b->scratch[lr + ls + 2] = cause != NULL ? '=' : '-';
	if (cause != NULL)
		memcpy(b->scratch + lr + ls + 3, cause, lc);
	b->scratch[n] = '\0';
	return n;
}

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The length of the key stored at pool offset off. */
static uint32_t
key_len(const struct baseline *b, uint32_t off)
{
	uint32_t	n;

	memcpy(&n, b->pool + off, sizeof n);
	return n;
}

static int
key_equal(const struct baseline *b, uint32_t off, const char *key, size_t n)
{
	return key_len(b, off) == n &&
	    memcmp(b->pool + off + sizeof(uint32_t), key, n) == 0;
}

/* The slot of the key in scratch: where it is, or the empty one to use. */
static size_t
find_slot(const struct baseline *b, size_t n)
{
	size_t	mask = b->nslots - 1, i;

	i = (size_t)hash(b->scratch, n) & mask;
	while (b->slots[i] != SLOT_EMPTY &&
	    !key_equal(b, b->slots[i], b->scratch, n))
		i = (i + 1) & mask;
	return i;
}

static void
grow(struct baseline *b)
{
	uint32_t	*old = b->slots, off;
	size_t		 nold = b->nslots, i, j;

	b->nslots = nold != 0 ? nold * 2 : 64;
	b->slots = xmalloc(b->nslots * sizeof *b->slots);
	for (i = 0; i < b->nslots; i++)
		b->slots[i] = SLOT_EMPTY;
	for (i = 0; i < nold; i++) {
		if ((off = old[i]) == SLOT_EMPTY)
			continue;
		j = (size_t)hash(b->pool + off + sizeof(uint32_t),
		    key_len(b, off)) & (b->nslots - 1);
		while (b->slots[j] != SLOT_EMPTY)
			j = (j + 1) & (b->nslots - 1);
		b->slots[j] = off;
	}
	free(old);
}

/* Add the key in scratch (length n): stored as its length, then bytes. */
static void
insert(struct baseline *b, size_t n)
{
	uint32_t	len = (uint32_t)n;
	size_t		i;

	if ((b->count + 1) * 2 > b->nslots)
		grow(b);
	i = find_slot(b, n);
	if (b->slots[i] != SLOT_EMPTY)
		return;
	XGROW(b->pool, b->cap, b->len + sizeof len + n);
	memcpy(b->pool + b->len, &len, sizeof len);
	memcpy(b->pool + b->len + sizeof len, b->scratch, n);
	b->slots[i] = (uint32_t)b->len;
	b->len += sizeof len + n;
	b->count++;
}

static struct baseline *
baseline_create(void)
{
	struct baseline	*b = xcalloc(1, sizeof *b);

	grow(b);
	return b;
}

static int
contains(struct baseline *b, const struct finding *f)
{
	size_t	n;

	n = make_key(b, findings_rule_id(f->rule), f->subject != NULL ?
	    f->subject : "", f->cause);
	return b->slots[find_slot(b, n)] != SLOT_EMPTY;
}

struct baseline *
baseline_from_findings(const struct findings *fl)
{
	struct baseline		*b = baseline_create();
	const struct finding	*f;
	size_t			 i;

	for (i = 0; i < fl->n; i++) {
		f = &fl->v[i];
		insert(b, make_key(b, findings_rule_id(f->rule),
		    f->subject != NULL ? f->subject : "", f->cause));
	}
	return b;
}

int
baseline_contains(const struct baseline *b, const struct finding *f)
{
	struct baseline	tmp = *b;
	int		found;

	tmp.scratch = NULL;
	tmp.scratch_cap = 0;
	found = contains(&tmp, f);
	free(tmp.scratch);
	return found;
}

void
baseline_apply(const struct baseline *b, struct findings *fl)
{
	struct baseline	tmp = *b;
	size_t		i;

	tmp.scratch = NULL;
	tmp.scratch_cap = 0;
	for (i = 0; i < fl->n; i++)
		if (contains(&tmp, &fl->v[i]))
			fl->v[i].baselined = 1;
	free(tmp.scratch);
}

size_t
baseline_count(const struct baseline *b)
{
	return b->count;
}

void
baseline_free(struct baseline *b)
{
	if (b == NULL)
		return;
	free(b->pool);
	free(b->slots);
	free(b->scratch);
	free(b);
}

/* Add the findings of a parsed document; returns NULL or what is wrong. */
static const char *
load_findings(struct baseline *b, json_t *root, size_t *bad)
{
	json_t		*list, *o, *rule, *subject, *cause;
	size_t			 i;

	if (!json_is_object(root))
		return "the top level is not an object";
	o = json_object_get(root, "faultline");
	if (!json_is_integer(o) || json_integer_value(o) != 1)
		return "\"faultline\" is not 1";
	list = json_object_get(root, "findings");
	if (!json_is_array(list))
		return "no \"findings\" list";
	json_array_foreach(list, i, o) {
		rule = json_object_get(o, "rule");
		subject = json_object_get(o, "subject");
		cause = json_object_get(o, "cause");
		if (!json_is_string(rule) || !json_is_string(subject) ||
		    (cause != NULL && !json_is_string(cause) &&
		    !json_is_null(cause))) {
			*bad = i + 1;
			return "finding";
		}
		insert(b, make_key(b, json_string_value(rule),
		    json_string_value(subject), json_is_string(cause) ?
		    json_string_value(cause) : NULL));
	}
	return NULL;
}

int
baseline_load(const char *path, struct baseline **out,
    struct diag_list *dl)
{
	struct baseline	*b;
	json_error_t	 err;
	json_t		*root;
	FILE		*fp;
	const char	*why;
	size_t		 bad = 0;

	*out = NULL;
	if ((fp = fopen(path, "r")) == NULL) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read baseline: %s",
		    strerror(errno));
		return -1;
	}
	root = json_loadf(fp, 0, &err);
	fclose(fp);
	if (root == NULL) {
		diag_add(dl, DIAG_ERROR, path, err.line > 0 ?
		    (unsigned)err.line : 0, err.line > 0 && err.column > 0 ?
		    (unsigned)err.column : 0, "baseline is not JSON: %s",
		    err.text);
		return -1;
	}
	b = baseline_create();
	why = load_findings(b, root, &bad);
	json_decref(root);
	if (why != NULL) {
		if (bad != 0)
			diag_add(dl, DIAG_ERROR, path, 0, 0, "baseline is not "
			    "the output of 'faultline check --format json': "
			    "finding %zu lacks a \"rule\" or \"subject\" string",
			    bad);
		else
			diag_add(dl, DIAG_ERROR, path, 0, 0, "baseline is not "
			    "the output of 'faultline check --format json': %s",
			    why);
		baseline_free(b);
		return -1;
	}
	*out = b;
	return 0;
}
