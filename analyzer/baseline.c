/*
 * baseline.c -- a set of finding keys (rule, subject, cause): the keys are
 * interned in a symbol table of their own, so a key is in the set exactly
 * when it has a symbol; and the reading of a `check --format json`
 * document with jansson, the one reader of JSON.
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

/* Add the findings of a parsed document; returns NULL or what is wrong. */
static const char *
load_findings(struct baseline *b, json_t *root, size_t *bad)
{
	json_t		*list, *o, *rule, *subject, *cause;
	struct key	 k = { NULL, 0 };
	size_t		 i, n;

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
			free(k.s);
			return "finding";
		}
		n = make_key(&k, json_string_value(rule),
		    json_string_value(subject), json_is_string(cause) ?
		    json_string_value(cause) : NULL);
		symtab_intern(b->keys, k.s, n);
	}
	free(k.s);
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
	struct stat	 sb;
	size_t		 bad = 0;

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
