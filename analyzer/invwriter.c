/*
 * invwriter.c -- build and write an inventory file (see invwriter.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "invwriter.h"
#include "xalloc.h"

enum kv_type {
	KV_STR,
	KV_INT,
	KV_LIST
};

struct item {
	char	*s;
	int	 soft;
};

struct kv {
	char		*key;
	enum kv_type	 type;
	char		*str;
	long		 num;
	struct item	*items;
	size_t		 nitems, cap;
};

struct invwriter_entry {
	char		*id;
	struct kv	*kv;
	size_t		 nkv, cap;
	char		*comment;
};

struct section {
	struct invwriter_entry	**v;
	size_t			  n, cap;
};

struct invwriter {
	char		**header;
	size_t		  nheader, header_cap;
	struct section	  sections[INVWRITER_NSECTIONS];
};

static const char *section_names[INVWRITER_NSECTIONS] = {
	"sites", "domains", "power", "racks", "hosts", "services"
};

struct invwriter *
invwriter_create(void)
{
	return xcalloc(1, sizeof(struct invwriter));
}

static void
entry_free(struct invwriter_entry *e)
{
	size_t	i, j;

	for (i = 0; i < e->nkv; i++) {
		free(e->kv[i].key);
		free(e->kv[i].str);
		for (j = 0; j < e->kv[i].nitems; j++)
			free(e->kv[i].items[j].s);
		free(e->kv[i].items);
	}
	free(e->kv);
	free(e->id);
	free(e->comment);
	free(e);
}

void
invwriter_free(struct invwriter *w)
{
	size_t	i, j;

	if (w == NULL)
		return;
	for (i = 0; i < w->nheader; i++)
		free(w->header[i]);
	free(w->header);
	for (i = 0; i < INVWRITER_NSECTIONS; i++) {
		for (j = 0; j < w->sections[i].n; j++)
			entry_free(w->sections[i].v[j]);
		free(w->sections[i].v);
	}
	free(w);
}

void
invwriter_header(struct invwriter *w, const char *fmt, ...)
{
	va_list	 ap;
	char	*line;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	line = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(line, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	XGROW(w->header, w->header_cap, w->nheader + 1);
	w->header[w->nheader++] = line;
}

struct invwriter_entry *
invwriter_add(struct invwriter *w, enum invwriter_section sec, const char *id)
{
	struct section		*s = &w->sections[sec];
	struct invwriter_entry	*e = xcalloc(1, sizeof *e);

	e->id = xstrdup(id);
	XGROW(s->v, s->cap, s->n + 1);
	s->v[s->n++] = e;
	return e;
}

static struct kv *
find_kv(const struct invwriter_entry *e, const char *key)
{
	size_t	i;

	for (i = 0; i < e->nkv; i++)
		if (strcmp(e->kv[i].key, key) == 0)
			return &e->kv[i];
	return NULL;
}

static struct kv *
get_kv(struct invwriter_entry *e, const char *key, enum kv_type type)
{
	struct kv	*kv;

	if ((kv = find_kv(e, key)) == NULL) {
		XGROW(e->kv, e->cap, e->nkv + 1);
		kv = &e->kv[e->nkv++];
		memset(kv, 0, sizeof *kv);
		kv->key = xstrdup(key);
	}
	kv->type = type;
	return kv;
}

void
invwriter_str(struct invwriter_entry *e, const char *key, const char *value)
{
	struct kv	*kv = get_kv(e, key, KV_STR);

	free(kv->str);
	kv->str = xstrdup(value);
}

void
invwriter_int(struct invwriter_entry *e, const char *key, long value)
{
	get_kv(e, key, KV_INT)->num = value;
}

void
invwriter_item(struct invwriter_entry *e, const char *key, const char *item,
    int soft)
{
	struct kv	*kv = get_kv(e, key, KV_LIST);

	XGROW(kv->items, kv->cap, kv->nitems + 1);
	kv->items[kv->nitems].s = xstrdup(item);
	kv->items[kv->nitems].soft = soft != 0;
	kv->nitems++;
}

void
invwriter_list(struct invwriter_entry *e, const char *key)
{
	if (find_kv(e, key) == NULL)
		get_kv(e, key, KV_LIST);
}

int
invwriter_has_items(const struct invwriter_entry *e, const char *key)
{
	const struct kv	*kv = find_kv(e, key);

	return kv != NULL && kv->type == KV_LIST && kv->nitems > 0;
}

void
invwriter_comment(struct invwriter_entry *e, const char *text)
{
	free(e->comment);
	e->comment = xstrdup(text);
}

size_t
invwriter_count(const struct invwriter *w, enum invwriter_section sec)
{
	return w->sections[sec].n;
}

/*
 * Decode one UTF-8 character at s; returns its length (1 for a byte that
 * starts no valid character, with *cp set to -1).
 */
static size_t
utf8_next(const unsigned char *s, long *cp)
{
	size_t	n, i;
	long	c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return n;
}

/* Whether YAML takes code point c literally in a quoted scalar or a
 * comment (printable and not a line break of YAML 1.1). */
static int
printable(long c)
{
	if (c == '\t')
		return 1;
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return 0;
	if (c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0xfffe ||
	    c == 0xffff)
		return 0;
	return c >= 0;
}

static int
plain_safe(const char *s)
{
	static const char *words[] = { "null", "true", "false", "yes", "no",
	    "on", "off", "y", "n" };
	size_t	i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-'))
			return 0;
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 0;
	return 1;
}

void
invwriter_scalar(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;
	long			 c;

	if (plain_safe(s)) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	while (*p != '\0') {
		n = utf8_next(p, &c);
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", (int)c);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c < 0)
			fputs("\\uFFFD", fp);
		else if (!printable(c) && c <= 0xff)
			fprintf(fp, "\\x%02X", (unsigned)c);
		else if (!printable(c))
			fprintf(fp, "\\u%04lX", (unsigned long)c);
		else
			fwrite(p, 1, n, fp);
		p += n;
	}
	fputc('"', fp);
}

/* Write text as a comment's body: what YAML cannot hold there is '?'. */
static void
comment_text(FILE *fp, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;
	long			 c;

	while (*p != '\0') {
		n = utf8_next(p, &c);
		if (c == '\t' || !printable(c))
			fputc('?', fp);
		else
			fwrite(p, 1, n, fp);
		p += n;
	}
}

static int
item_cmp(const void *a, const void *b)
{
	const struct item	*x = a, *y = b;
	int			 c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return x->soft - y->soft;	/* hard first: it wins */
}

static void
write_list(FILE *fp, struct kv *kv)
{
	size_t	i, n = 0;

	if (kv->nitems > 1)
		qsort(kv->items, kv->nitems, sizeof *kv->items,
		    item_cmp);
	fputc('[', fp);
	for (i = 0; i < kv->nitems; i++) {
		if (i > 0 && strcmp(kv->items[i].s, kv->items[i - 1].s) == 0)
			continue;
		if (n++ > 0)
			fputs(", ", fp);
		if (kv->items[i].soft) {
			fputs("{ service: ", fp);
			invwriter_scalar(fp, kv->items[i].s);
			fputs(", soft: true }", fp);
		} else
			invwriter_scalar(fp, kv->items[i].s);
	}
	fputc(']', fp);
}

static void
write_entry(FILE *fp, struct invwriter_entry *e)
{
	struct kv	*kv;
	size_t		 i;

	fputs("  - { id: ", fp);
	invwriter_scalar(fp, e->id);
	for (i = 0; i < e->nkv; i++) {
		kv = &e->kv[i];
		if (kv->type == KV_LIST && kv->nitems == 0)
			continue;
		fprintf(fp, ", %s: ", kv->key);
		if (kv->type == KV_STR)
			invwriter_scalar(fp, kv->str);
		else if (kv->type == KV_INT)
			fprintf(fp, "%ld", kv->num);
		else
			write_list(fp, kv);
	}
	fputs(" }", fp);
	if (e->comment != NULL) {
		fputs("  # ", fp);
		comment_text(fp, e->comment);
	}
	fputc('\n', fp);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct invwriter_entry *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

int
invwriter_write(const struct invwriter *w, FILE *fp)
{
	const struct section	*s;
	size_t			 i, j;

	for (i = 0; i < w->nheader; i++) {
		fputc('#', fp);
		if (w->header[i][0] != '\0') {
			fputc(' ', fp);
			comment_text(fp, w->header[i]);
		}
		fputc('\n', fp);
	}
	fputs("faultline: 1\n", fp);
	for (i = 0; i < INVWRITER_NSECTIONS; i++) {
		s = &w->sections[i];
		if (s->n == 0)
			continue;
		qsort(s->v, s->n, sizeof *s->v, entry_cmp);
		fprintf(fp, "\n%s:\n", section_names[i]);
		for (j = 0; j < s->n; j++)
			write_entry(fp, s->v[j]);
	}
	return ferror(fp) ? -1 : 0;
}
