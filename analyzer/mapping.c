/*
 * mapping.c -- find, read and validate regulatory mapping files (see
 * mapping.h).  JSON through jansson: no new dependency, syntax errors come
 * with a line and column, content errors are named by their JSON path, and
 * the same file validates against schemas/mapping.schema.json.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "mapping.h"
#include "xalloc.h"

#define MAPPING_MAX_BYTES	(4 << 20)

static const char *const check_names[MAPPING_CHECK_COUNT] = {
	"inventory",
	"provenance",
	"spof-identified",
	"spof",
	"site-loss",
	"power-loss",
	"policies",
	"single-site-tool",
	"recovery-blocked",
	"cycle",
	"tier-inversion",
	"waivers",
	"fan-in",
	"external",
};

static const char *const need_names[] = {
	"service.rto", "service.owner", "meta.name", "meta.owner",
	"meta.description", "meta.assumptions", NULL
};

const char *
mapping_check_name(enum mapping_check c)
{
	return (unsigned)c < MAPPING_CHECK_COUNT ? check_names[c] : "?";
}

int
mapping_check_parse(const char *s)
{
	int	i;

	for (i = 0; i < MAPPING_CHECK_COUNT; i++)
		if (strcmp(s, check_names[i]) == 0)
			return i;
	return -1;
}

const char *
mapping_verified_mark(enum mapping_verified v)
{
	switch (v) {
	case MAPPING_PRIMARY:
		return "P";
	case MAPPING_SECONDARY:
		return "S";
	default:
		return "U";
	}
}

int
mapping_need_ok(const char *s)
{
	size_t	i;

	for (i = 0; need_names[i] != NULL; i++)
		if (strcmp(s, need_names[i]) == 0)
			return 1;
	if (strncmp(s, "domain:", 7) != 0 || s[7] == '\0')
		return 0;
	for (s += 7; *s != '\0'; s++)
		if (*s == ' ' || *s == ',' || (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/* --- finding the file --- */

/* The directory of the installed mappings, or the source tree's when this
 * binary (or a test of it) runs from its build tree. */
static const char *
mappings_dir(void)
{
	static char	 path[PATH_MAX];
	char		 exe[PATH_MAX];
	ssize_t		 len;
	size_t		 n = strlen(FAULTLINE_BUILDDIR);

	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		if (strncmp(exe, FAULTLINE_BUILDDIR, n) == 0 &&
		    exe[n] == '/') {
			snprintf(path, sizeof path, "%s/mappings",
			    FAULTLINE_SRCDIR);
			if (access(path, F_OK) == 0)
				return path;
		}
	}
	snprintf(path, sizeof path, "%s/mappings", FAULTLINE_DATADIR);
	return path;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "dora, iso27001, kr-digital": the *.json names in dir, sorted. */
static char *
available(const char *dir)
{
	DIR		 *d;
	struct dirent	 *de;
	char		**names = NULL, *out, *t;
	size_t		  n = 0, cap = 0, len, i;

	if ((d = opendir(dir)) == NULL)
		return xstrdup("none installed");
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrndup(de->d_name, len - 5);
	}
	closedir(d);
	if (n == 0) {
		free(names);
		return xstrdup("none installed");
	}
	qsort(names, n, sizeof *names, str_cmp);
	out = xstrdup("");
	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", out, i ? ", " : "", names[i]);
		free(out);
		free(names[i]);
		out = t;
	}
	free(names);
	return out;
}

char *
mapping_find(const char *name, struct diag_list *dl)
{
	const char	*dir;
	char		*path, *list;
	size_t		 len = strlen(name);

	if (strchr(name, '/') != NULL ||
	    (len > 5 && strcmp(name + len - 5, ".json") == 0))
		return xstrdup(name);
	dir = mappings_dir();
	path = xasprintf("%s/%s.json", dir, name);
	if (*name != '\0' && access(path, F_OK) == 0)
		return path;
	free(path);
	list = available(dir);
	diag_add(dl, DIAG_ERROR, NULL, 0, 0, "--map %s: no such mapping "
	    "(available: %s; or give the path of a mapping file)", name, list);
	free(list);
	return NULL;
}

/* --- reading --- */

struct reader {
	const char		*path;
	struct diag_list	*dl;
	size_t			 errors;
};

static void
bad(struct reader *rd, const char *jpath, const char *what)
{
	diag_add(rd->dl, DIAG_ERROR, rd->path, 0, 0, "%s: %s", jpath, what);
	rd->errors++;
}

/* Whether obj has only keys from allowed (NULL-terminated). */
static void
only_keys(struct reader *rd, json_t *obj, const char *jpath,
    const char *const *allowed)
{
	const char	*key;
	json_t		*v;
	char		*p;
	size_t		 i;

	json_object_foreach(obj, key, v) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] != NULL)
			continue;
		p = xasprintf("%s.%s", jpath, key);
		bad(rd, p, "unknown key");
		free(p);
	}
}

/* A non-empty string at obj.key; NULL (reported unless optional) else. */
static char *
get_string(struct reader *rd, json_t *obj, const char *jpath,
    const char *key, int optional)
{
	json_t	*v = json_object_get(obj, key);
	char	*p;

	if (v == NULL && optional)
		return NULL;
	p = xasprintf("%s.%s", jpath, key);
	if (v == NULL)
		bad(rd, p, "missing (a string is required)");
	else if (!json_is_string(v) || json_string_length(v) == 0 ||
	    strlen(json_string_value(v)) != json_string_length(v))
		bad(rd, p, "must be a non-empty string");
	else {
		free(p);
		return xstrdup(json_string_value(v));
	}
	free(p);
	return NULL;
}

/* An array of non-empty strings at obj.key (optional: empty when absent). */
static char **
get_strings(struct reader *rd, json_t *obj, const char *jpath,
    const char *key, int optional, size_t *n)
{
	json_t	*v = json_object_get(obj, key), *e;
	char	**out, *p;
	size_t	 i;

	*n = 0;
	p = xasprintf("%s.%s", jpath, key);
	if (v == NULL && !optional)
		bad(rd, p, "missing (an array of strings is required)");
	if (v != NULL && !json_is_array(v))
		bad(rd, p, "must be an array of strings");
	if (v == NULL || !json_is_array(v)) {
		free(p);
		return NULL;
	}
	out = xcalloc(json_array_size(v) + 1, sizeof *out);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e) || json_string_length(e) == 0 ||
		    strlen(json_string_value(e)) != json_string_length(e)) {
			free(p);
			p = xasprintf("%s.%s[%zu]", jpath, key, i);
			bad(rd, p, "must be a non-empty string");
			continue;
		}
		out[(*n)++] = xstrdup(json_string_value(e));
	}
	free(p);
	return out;
}

static void
requirement_free(struct mapping_requirement *q)
{
	size_t	i;

	free(q->id);
	free(q->framework);
	free(q->article);
	free(q->title_ko);
	free(q->requirement);
	free(q->source);
	free(q->source_date);
	free(q->checks);
	for (i = 0; i < q->nneeds; i++)
		free(q->needs[i]);
	free(q->needs);
	for (i = 0; i < q->noutside; i++)
		free(q->outside[i]);
	free(q->outside);
}

/* YYYY, YYYY-MM or YYYY-MM-DD: a source is dated as precisely as known. */
static int
is_date(const char *s)
{
	static const char	pat[] = "dddd-dd-dd";
	size_t			i, n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (i = 0; i < n; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return 0;
	return 1;
}

static void
read_requirement(struct reader *rd, json_t *o, const char *jp,
    struct mapping_requirement *q)
{
	static const char *const keys[] = { "id", "framework", "article",
	    "title_ko", "requirement", "source", "source_date", "verified",
	    "checks", "needs", "outside", NULL };
	char		**checks, *v, *p;
	size_t		  n, i;
	int		  c;

	only_keys(rd, o, jp, keys);
	q->id = get_string(rd, o, jp, "id", 0);
	q->framework = get_string(rd, o, jp, "framework", 0);
	q->article = get_string(rd, o, jp, "article", 0);
	q->title_ko = get_string(rd, o, jp, "title_ko", 1);
	q->requirement = get_string(rd, o, jp, "requirement", 0);
	q->source = get_string(rd, o, jp, "source", 0);
	q->source_date = get_string(rd, o, jp, "source_date", 0);
	if (q->source_date != NULL && !is_date(q->source_date)) {
		p = xasprintf("%s.source_date", jp);
		bad(rd, p, "must be a date: YYYY-MM-DD, YYYY-MM or YYYY");
		free(p);
	}
	if ((v = get_string(rd, o, jp, "verified", 0)) != NULL) {
		if (strcmp(v, "P") == 0)
			q->verified = MAPPING_PRIMARY;
		else if (strcmp(v, "S") == 0)
			q->verified = MAPPING_SECONDARY;
		else if (strcmp(v, "U") == 0)
			q->verified = MAPPING_UNVERIFIED;
		else {
			p = xasprintf("%s.verified", jp);
			bad(rd, p, "must be P, S or U");
			free(p);
		}
		free(v);
	}
	checks = get_strings(rd, o, jp, "checks", 0, &n);
	q->checks = xcalloc(n + 1, sizeof *q->checks);
	for (i = 0; i < n; i++) {
		if ((c = mapping_check_parse(checks[i])) < 0) {
			p = xasprintf("%s.checks[%zu]", jp, i);
			v = xasprintf("unknown check '%s'", checks[i]);
			bad(rd, p, v);
			free(v);
			free(p);
		} else
			q->checks[q->nchecks++] = (enum mapping_check)c;
		free(checks[i]);
	}
	free(checks);
	q->needs = get_strings(rd, o, jp, "needs", 1, &q->nneeds);
	for (i = 0; i < q->nneeds; i++) {
		if (mapping_need_ok(q->needs[i]))
			continue;
		p = xasprintf("%s.needs[%zu]", jp, i);
		v = xasprintf("unknown inventory data '%s' (expected "
		    "service.rto, service.owner, meta.name, meta.owner, "
		    "meta.description, meta.assumptions or domain:TYPE)",
		    q->needs[i]);
		bad(rd, p, v);
		free(v);
		free(p);
	}
	q->outside = get_strings(rd, o, jp, "outside", 1, &q->noutside);
	if (q->nchecks == 0 && q->nneeds == 0 && q->noutside == 0 &&
	    rd->errors == 0)
		bad(rd, jp, "names no checks, needs or outside evidence");
}

struct mapping *
mapping_load(const char *name, const char *path, struct diag_list *dl)
{
	static const char *const keys[] = { "faultline_mapping", "id",
	    "title", "version", "note", "requirements", NULL };
	struct reader	 rd;
	struct mapping	*m;
	json_error_t	 je;
	json_t		*root = NULL, *reqs, *v, *e;
	FILE		*fp;
	char		*buf = NULL, jp[64];
	size_t		 len = 0, i, j;

	memset(&rd, 0, sizeof rd);
	rd.path = path;
	rd.dl = dl;
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "cannot read mapping: %s",
		    strerror(errno));
		return NULL;
	}
	buf = xmalloc(MAPPING_MAX_BYTES + 1);
	len = fread(buf, 1, MAPPING_MAX_BYTES + 1, fp);
	if (ferror(fp) || len > MAPPING_MAX_BYTES) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, ferror(fp) ?
		    "cannot read mapping" : "mapping file over 4 MiB");
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	m = xcalloc(1, sizeof *m);
	m->name = xstrdup(name);
	m->path = xstrdup(path);
	digest_sha256_hex(buf, len, m->sha256);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	free(buf);
	if (root == NULL) {
		diag_add(dl, DIAG_ERROR, path, je.line > 0 ? (unsigned)je.line :
		    0, je.column > 0 ? (unsigned)je.column : 0,
		    "invalid JSON: %s", je.text);
		mapping_free(m);
		return NULL;
	}
	if (!json_is_object(root)) {
		bad(&rd, "$", "must be an object");
		goto out;
	}
	only_keys(&rd, root, "$", keys);
	v = json_object_get(root, "faultline_mapping");
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		bad(&rd, "$.faultline_mapping", "must be 1 (the format "
		    "version)");
	m->id = get_string(&rd, root, "$", "id", 0);
	m->title = get_string(&rd, root, "$", "title", 0);
	m->version = get_string(&rd, root, "$", "version", 0);
	m->note = get_string(&rd, root, "$", "note", 1);
	reqs = json_object_get(root, "requirements");
	if (!json_is_array(reqs) || json_array_size(reqs) == 0) {
		bad(&rd, "$.requirements", "must be a non-empty array of "
		    "requirements");
		goto out;
	}
	m->v = xcalloc(json_array_size(reqs), sizeof *m->v);
	json_array_foreach(reqs, i, e) {
		snprintf(jp, sizeof jp, "$.requirements[%zu]", i);
		if (!json_is_object(e)) {
			bad(&rd, jp, "must be an object");
			continue;
		}
		read_requirement(&rd, e, jp, &m->v[m->n++]);
		for (j = 0; j + 1 < m->n && m->v[m->n - 1].id != NULL; j++) {
			if (m->v[j].id == NULL ||
			    strcmp(m->v[j].id, m->v[m->n - 1].id) != 0)
				continue;
			snprintf(jp, sizeof jp, "$.requirements[%zu].id", i);
			bad(&rd, jp, "repeats an earlier id");
		}
	}
out:
	json_decref(root);
	if (rd.errors > 0) {
		mapping_free(m);
		return NULL;
	}
	return m;
}

void
mapping_free(struct mapping *m)
{
	size_t	i;

	if (m == NULL)
		return;
	free(m->name);
	free(m->path);
	free(m->id);
	free(m->title);
	free(m->version);
	free(m->note);
	for (i = 0; i < m->n; i++)
		requirement_free(&m->v[i]);
	free(m->v);
	free(m);
}
