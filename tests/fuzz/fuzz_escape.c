/*
 * fuzz_escape.c -- libFuzzer target: arbitrary text through every writer.
 *
 * The bytes, split at NUL bytes, become the display names of sites, power
 * domains, racks, hosts and services, the inventory's file name, a waiver's
 * reason and regex, and the messages of schema findings.  Then:
 *   - DOT: each labelled node, parsed back with Graphviz's own parser
 *     (agmemread via out_dot_parse_label) and unescaped, shows exactly
 *     "id\nname" (C0 controls other than newline, and DEL, as U+FFFD);
 *   - JSON and SARIF: the document parses with jansson, and a waiver
 *     reason that is valid UTF-8 comes back byte for byte;
 *   - JUnit: the document is well-formed XML 1.0 (checked here: UTF-8,
 *     allowed characters, tags nested and closed, attributes quoted and
 *     unique, entity and character references valid, no "]]>" in text);
 *   - HTML report (without its diagram): the same checks with HTML's void
 *     elements, DOCTYPE and <style>, and no script element, no event
 *     handler attribute, no "javascript:" anywhere;
 *   - text (without colour) and GitHub workflow commands: valid UTF-8 with
 *     no control but the line breaks between records -- no ESC, no C1
 *     control such as U+009B -- so nothing can drive a terminal or a log.
 * Any failure aborts.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "analysis.h"
#include "diag.h"
#include "findings.h"
#include "gen_inventory.h"
#include "inventory.h"
#include "out_dot.h"
#include "out_github.h"
#include "out_html.h"
#include "out_json.h"
#include "out_junit.h"
#include "out_sarif.h"
#include "out_text.h"
#include "report_model.h"
#include "xalloc.h"

#define NSTR		14
#define XML_MAX_DEPTH	64
#define XML_MAX_ATTRS	32

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
die(const char *what, const char *doc)
{
	fprintf(stderr, "fuzz_escape: %s\n", what);
	if (doc != NULL)
		fprintf(stderr, "--- document:\n%s\n---\n", doc);
	abort();
}

/*
 * The code point of the UTF-8 sequence at s (n bytes left) into *cp;
 * returns its length, or 0 when it is ill-formed (overlong, surrogate,
 * above U+10FFFF, truncated).
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t		len, i;
	uint32_t	c, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static int
utf8_valid(const char *s)
{
	size_t		n = strlen(s), k;
	uint32_t	cp;

	while (n > 0) {
		if ((k = utf8_decode((const unsigned char *)s, n, &cp)) == 0)
			return 0;
		s += k;
		n -= k;
	}
	return 1;
}

/* ---- a minimal XML 1.0 well-formedness checker ---- */

struct xml {
	const char	*doc;
	const char	*p;
	const char	*end;
	const char	*err;
	int		 html;	/* void elements, DOCTYPE, <style>, no script */
};

/* HTML elements that have no end tag. */
static int
html_void(const char *name, size_t len)
{
	static const char *const v[] = { "area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "source", "track",
	    "wbr" };
	size_t	i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		if (strlen(v[i]) == len && strncmp(v[i], name, len) == 0)
			return 1;
	}
	return 0;
}

static int
xml_char_ok(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 &&
	    c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	    (c >= 0x10000 && c <= 0x10ffff);
}

static int
xml_name_char(unsigned char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || c >= 0x80)
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

/* A name at x->p; returns its length (0: none). */
static size_t
xml_name(struct xml *x)
{
	const char	*s = x->p;

	if (s >= x->end || !xml_name_char((unsigned char)*s, 1))
		return 0;
	while (s < x->end && xml_name_char((unsigned char)*s, 0))
		s++;
	return (size_t)(s - x->p);
}

static void
xml_space(struct xml *x)
{
	while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' ||
	    *x->p == '\n' || *x->p == '\r'))
		x->p++;
}

/* An entity or character reference at x->p (at '&'); 0 when bad. */
static int
xml_reference(struct xml *x)
{
	static const char *const named[] = { "amp;", "lt;", "gt;", "quot;",
	    "apos;" };
	const char	*s = x->p + 1;
	unsigned long	 c;
	size_t		 i, digits;
	int		 hex;

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if ((size_t)(x->end - s) >= strlen(named[i]) &&
		    strncmp(s, named[i], strlen(named[i])) == 0) {
			x->p = s + strlen(named[i]);
			return 1;
		}
	}
	if (s >= x->end || *s != '#')
		return 0;
	s++;
	hex = s < x->end && *s == 'x';
	s += hex;
	for (c = 0, digits = 0; s < x->end && digits < 8; s++, digits++) {
		if (*s >= '0' && *s <= '9')
			c = c * (hex ? 16 : 10) + (unsigned long)(*s - '0');
		else if (hex && *s >= 'a' && *s <= 'f')
			c = c * 16 + (unsigned long)(*s - 'a' + 10);
		else if (hex && *s >= 'A' && *s <= 'F')
			c = c * 16 + (unsigned long)(*s - 'A' + 10);
		else
			break;
	}
	if (digits == 0 || s >= x->end || *s != ';' || c > 0x10ffff ||
	    !xml_char_ok((uint32_t)c))
		return 0;
	x->p = s + 1;
	return 1;
}

/* Text up to the next '<' or the quote q (0: content). */
static int
xml_text(struct xml *x, char q)
{
	while (x->p < x->end && *x->p != '<' && (q == 0 || *x->p != q)) {
		if (*x->p == '&') {
			if (!xml_reference(x)) {
				x->err = "bad reference";
				return 0;
			}
			continue;
		}
		if (q == 0 && *x->p == ']' && x->end - x->p >= 3 &&
		    strncmp(x->p, "]]>", 3) == 0) {
			x->err = "]]> in text";
			return 0;
		}
		x->p++;
	}
	return 1;
}

/* "<!--...-->", "<![CDATA[...]]>" or "<?...?>" at x->p; 0 when bad. */
static int
xml_special(struct xml *x)
{
	const char	*close, *e;
	size_t		 skip;

	if (strncmp(x->p, "<!--", 4) == 0) {
		close = "-->";
		skip = 4;
	} else if (strncmp(x->p, "<![CDATA[", 9) == 0) {
		close = "]]>";
		skip = 9;
	} else {
		close = "?>";
		skip = 2;
	}
	if ((e = strstr(x->p + skip, close)) == NULL) {
		x->err = "unterminated comment, CDATA or PI";
		return 0;
	}
	if (skip == 4 && (e = strstr(x->p + skip, "--")) != NULL &&
	    strncmp(e, "-->", 3) != 0) {
		x->err = "-- in a comment";
		return 0;
	}
	x->p = strstr(x->p + skip, close) + strlen(close);
	return 1;
}

/* A start tag at x->p; *name, *len its name; *empty for "/>". */
static int
xml_start_tag(struct xml *x, const char **name, size_t *len, int *empty)
{
	const char	*an[XML_MAX_ATTRS];
	size_t		 al[XML_MAX_ATTRS], na = 0, n, i;
	char		 q;

	x->p++;
	*name = x->p;
	if ((*len = xml_name(x)) == 0) {
		x->err = "bad element name";
		return 0;
	}
	x->p += *len;
	for (;;) {
		n = (size_t)(x->end - x->p);
		xml_space(x);
		if (x->p < x->end && *x->p == '>') {
			x->p++;
			*empty = 0;
			return 1;
		}
		if (x->end - x->p >= 2 && strncmp(x->p, "/>", 2) == 0) {
			x->p += 2;
			*empty = 1;
			return 1;
		}
		if ((size_t)(x->end - x->p) == n) {
			x->err = "no space before an attribute";
			return 0;
		}
		if ((n = xml_name(x)) == 0 || na == XML_MAX_ATTRS) {
			x->err = "bad attribute name";
			return 0;
		}
		for (i = 0; i < na; i++) {
			if (al[i] == n && strncmp(an[i], x->p, n) == 0) {
				x->err = "duplicate attribute";
				return 0;
			}
		}
		if (x->html && n > 2 && tolower((unsigned char)x->p[0]) ==
		    'o' && tolower((unsigned char)x->p[1]) == 'n') {
			x->err = "an event handler attribute";
			return 0;
		}
		an[na] = x->p;
		al[na++] = n;
		x->p += n;
		xml_space(x);
		if (x->p >= x->end || *x->p != '=') {
			x->err = "attribute without =";
			return 0;
		}
		x->p++;
		xml_space(x);
		if (x->p >= x->end || (*x->p != '"' && *x->p != '\'')) {
			x->err = "unquoted attribute";
			return 0;
		}
		q = *x->p++;
		if (!xml_text(x, q))
			return 0;
		if (x->p >= x->end || *x->p != q) {
			x->err = "< in an attribute value";
			return 0;
		}
		x->p++;
	}
}

static void
xml_check(const char *doc, size_t len, int html)
{
	struct xml	 x = { doc, doc, doc + len, NULL, html };
	const char	*stack[XML_MAX_DEPTH], *name;
	size_t		 slen[XML_MAX_DEPTH], depth = 0, n, k;
	int		 roots = 0, empty;
	uint32_t	 cp;

	if (strlen(doc) != len)
		die(html ? "html: NUL byte" : "junit: NUL byte", doc);
	for (n = 0; n < len; n += k) {
		k = utf8_decode((const unsigned char *)doc + n, len - n, &cp);
		if (k == 0)
			die(html ? "html: ill-formed UTF-8" :
			    "junit: ill-formed UTF-8", doc);
		if (!xml_char_ok(cp)) {
			fprintf(stderr, "fuzz_escape: U+%04X at byte %zu\n",
			    (unsigned)cp, n);
			die(html ? "html: a character HTML and XML forbid" :
			    "junit: a character XML 1.0 forbids", doc);
		}
	}
	if (strncmp(doc, "<?xml", 5) == 0 && !xml_special(&x))
		die(x.err, doc);
	if (html) {
		const char *q;

		/* (Compare only where a match can start: libFuzzer hooks
		 * every strncasecmp call.) */
		for (q = doc; *q != '\0'; q++) {
			if ((*q == '<' && strncasecmp(q, "<script", 7) == 0) ||
			    ((*q == 'j' || *q == 'J') &&
			    strncasecmp(q, "javascript:", 11) == 0))
				die("html: script", doc);
		}
		if (strncmp(x.p, "<!DOCTYPE html>", 15) != 0)
			die("html: no <!DOCTYPE html>", doc);
		x.p += 15;
	}
	while (x.err == NULL && x.p < x.end) {
		if (depth == 0) {
			xml_space(&x);
			if (x.p == x.end)
				break;
		}
		if (*x.p != '<') {
			if (depth == 0) {
				x.err = "text outside the root";
				break;
			}
			xml_text(&x, 0);
		} else if (strncmp(x.p, "<!--", 4) == 0 ||
		    strncmp(x.p, "<?", 2) == 0 || (depth > 0 &&
		    strncmp(x.p, "<![CDATA[", 9) == 0))
			xml_special(&x);
		else if (strncmp(x.p, "</", 2) == 0) {
			x.p += 2;
			n = xml_name(&x);
			if (depth == 0 || n != slen[depth - 1] ||
			    strncmp(x.p, stack[depth - 1], n) != 0) {
				x.err = "mismatched end tag";
				break;
			}
			x.p += n;
			xml_space(&x);
			if (x.p >= x.end || *x.p != '>') {
				x.err = "bad end tag";
				break;
			}
			x.p++;
			depth--;
		} else {
			if (depth == 0 && roots++ > 0) {
				x.err = "two root elements";
				break;
			}
			if (!xml_start_tag(&x, &name, &n, &empty))
				break;
			if (html && n == 5 && strncmp(name, "style", 5) == 0 &&
			    !empty) {
				/* Raw text up to </style>. */
				if ((x.p = strstr(x.p, "</style>")) == NULL) {
					x.err = "unclosed <style>";
					break;
				}
				x.p += 8;
				continue;
			}
			if (html && html_void(name, n))
				empty = 1;
			if (!empty) {
				if (depth == XML_MAX_DEPTH) {
					x.err = "too deep";
					break;
				}
				stack[depth] = name;
				slen[depth++] = n;
			}
		}
	}
	if (x.err == NULL && depth != 0)
		x.err = "unclosed element";
	if (x.err == NULL && roots != 1)
		x.err = "no root element";
	if (x.err != NULL) {
		fprintf(stderr, "fuzz_escape: %s: at byte %zu\n", html ?
		    "html" : "junit", (size_t)(x.p - doc));
		die(x.err, doc);
	}
}

/* ---- the inventory ---- */

struct strings {
	const char	*s[NSTR];
	char		*buf;
	char		*reason;	/* "why: " s[9] */
};

/* Split the bytes at NUL bytes into NSTR strings ("" when missing). */
static void
split(struct strings *st, const uint8_t *data, size_t size)
{
	size_t	i, k = 0;
	char	*p;

	st->buf = xmalloc(size + 1);
	memcpy(st->buf, data, size);
	st->buf[size] = '\0';
	for (i = 0; i < NSTR; i++)
		st->s[i] = "";
	for (p = st->buf; k < NSTR && p <= st->buf + size; k++) {
		st->s[k] = p;
		p += strlen(p) + 1;
	}
	st->reason = xasprintf("why: %s", st->s[9]);
}

static void
set_name(struct inventory *inv, struct entity *e, const char *s)
{
	if (*s != '\0')
		e->name = inventory_intern(inv, s, strlen(s));
}

/* The live waiver's reason: s[9] after a word (a blank one is refused). */
static const char *
reason_of(const struct strings *st)
{
	return st->reason;
}

static void
add_waiver(struct inventory *inv, const char *regex, const char *reason,
    int32_t expires)
{
	struct waiver	*w = inventory_add_waiver(inv);

	w->policy = inventory_intern(inv, "spof", 4);
	w->service_regex = xstrdup(regex);
	w->reason = xstrdup(reason);
	w->expires = expires;
	w->mark.line = w->policy_mark.line = w->service_mark.line =
	    w->expires_mark.line = 40;
	w->mark.column = 5;
}

/*
 * A valid inventory whose texts are the strings: it has single points
 * (spof, single-site-tool, recovery-blocked findings), a cycle, a waived
 * finding with reason s[9] and an expired waiver whose regex is s[10].
 * Returns NULL when it does not resolve (the regex does not compile).
 */
static struct inventory *
build(const struct strings *st, const char *regex)
{
	struct inventory	*inv = gen_new();
	struct diag_list	 dl;
	size_t			 i;

	/* gen_new() names the file "generated.yaml" and restarts the marks. */
	free(inv->files[0]);
	inv->files[0] = xstrdup(st->s[0]);
	gen_site(inv, "north");
	gen_site(inv, "south");
	gen_power(inv, "ups", "north", NULL);
	gen_rack(inv, "r1", "north", "ups");
	gen_host(inv, "h1", NULL, "r1", NULL);
	gen_host(inv, "h2", "south", NULL, NULL);
	gen_service(inv, "web", SERVICE_APP, 0, "h1", NULL, "deploy");
	gen_service(inv, "deploy", SERVICE_TOOL, 0, "h1", NULL, NULL);
	gen_service(inv, "db", SERVICE_DATA, 0, "h1 h2", "a", NULL);
	gen_service(inv, "a", SERVICE_PLATFORM, 0, "h2", "b", NULL);
	gen_service(inv, "b", SERVICE_PLATFORM, 0, "h2", "a", NULL);
	inv->services[0].tier = 1;
	if (*st->s[8] != '\0')
		inv->services[0].owner = inventory_intern(inv, st->s[8],
		    strlen(st->s[8]));
	set_name(inv, &inv->sites[0].e, st->s[1]);
	set_name(inv, &inv->sites[1].e, st->s[2]);
	set_name(inv, &inv->power[0].e, st->s[3]);
	set_name(inv, &inv->racks[0].e, st->s[4]);
	set_name(inv, &inv->hosts[0].e, st->s[5]);
	set_name(inv, &inv->hosts[1].e, st->s[6]);
	for (i = 0; i < inv->nservices; i++)
		set_name(inv, &inv->services[i].e, st->s[7 + (i % 2) * 5]);
	add_waiver(inv, "^db$", reason_of(st), INT32_MIN);
	add_waiver(inv, regex, "expired", 1);

	diag_list_init(&dl);
	if (inventory_resolve(inv, &dl) != 0) {
		if (strcmp(regex, "^web$") == 0)	/* the last resort */
			diag_list_print(&dl, stderr, 0);
		inventory_free(inv);
		inv = NULL;
	}
	diag_list_free(&dl);
	return inv;
}

/* The hostile regex as a PCRE2 literal: every non-alphanumeric escaped. */
static char *
regex_literal(const char *s)
{
	char	*out = xmalloc(strlen(s) * 2 + 1), *q = out;

	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80))
			*q++ = '\\';
		*q++ = *s;
	}
	*q = '\0';
	return out;
}

/* ---- the checks ---- */

/* What Graphviz shows for text: out_dot_escape()'s replacements. */
static char *
dot_display(const char *id, uint32_t name, const struct inventory *inv)
{
	const char		*n = name == SYM_NONE ? NULL :
				    inventory_str(inv, name);
	char			*t, *out, *q;
	const unsigned char	*p;

	t = n == NULL || strcmp(n, id) == 0 ? xstrdup(id) :
	    xasprintf("%s\n%s", id, n);
	out = q = xmalloc(strlen(t) * 3 + 1);
	for (p = (const unsigned char *)t; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
		} else
			*q++ = (char)*p;
	}
	*q = '\0';
	free(t);
	return out;
}

/*
 * The length of " \u2014 N service(s)" at s (the blast radius the
 * placement view adds to the label of a minimal cause), or 0.
 */
static size_t
blast_suffix(const char *s)
{
	const char	*dash = " \xe2\x80\x94 ", *p = s;
	size_t		 n = 0;

	if (strncmp(p, dash, strlen(dash)) != 0)
		return 0;
	p += strlen(dash);
	while (*p >= '0' && *p <= '9') {
		p++;
		n++;
	}
	if (n == 0)
		return 0;
	if (strncmp(p, " services", 9) == 0)
		return (size_t)(p + 9 - s);
	if (strncmp(p, " service", 8) == 0)
		return (size_t)(p + 8 - s);
	return 0;
}

/* Remove the blast radius that follows the id (display text id) in a
 * shown label, in place; frees id. */
static void
drop_blast(char *shown, char *id)
{
	size_t	len = strlen(id), k;

	if (strncmp(shown, id, len) == 0 &&
	    (k = blast_suffix(shown + len)) > 0)
		memmove(shown + len, shown + len + k,
		    strlen(shown + len + k) + 1);
	free(id);
}

static void
dot_node(const char *dot, const char *node, const struct inventory *inv,
    const struct entity *e)
{
	char	*label, *shown, *want;

	if ((label = out_dot_parse_label(dot, node)) == NULL) {
		fprintf(stderr, "fuzz_escape: node %s\n", node);
		die("dot: no such node, or the DOT does not parse", dot);
	}
	shown = out_dot_unescape(label);
	want = dot_display(inventory_str(inv, e->id), e->name, inv);
	/* A minimal cause of some service carries its blast radius after
	 * its id, on the id's line. */
	drop_blast(shown, dot_display(inventory_str(inv, e->id), SYM_NONE,
	    inv));
	if (strcmp(shown, want) != 0) {
		fprintf(stderr, "fuzz_escape: node %s: label [%s] shows [%s], "
		    "want [%s]\n", node, label, shown, want);
		die("dot: label does not round-trip", dot);
	}
	free(want);
	free(shown);
	free(label);
}

static char *
render_dot(const struct analysis *a, enum dot_view view, size_t *len)
{
	struct dot_options	 o;
	struct diag_list	 dl;
	char			*buf = NULL;
	FILE			*fp = open_memstream(&buf, len);

	memset(&o, 0, sizeof o);
	o.view = view;
	diag_list_init(&dl);
	if (fp == NULL || out_dot_write(a, &o, DOT_FORMAT_DOT, fp, &dl) != 0)
		die("dot: write failed", NULL);
	fclose(fp);
	diag_list_free(&dl);
	return buf;
}

static void
check_dot(const struct analysis *a)
{
	const struct inventory	*inv = a->inv;
	char			*dot, *node;
	size_t			 len, i;

	/* Nodes are named by the components' kind:id. */
	dot = render_dot(a, DOT_VIEW_SERVICES, &len);
	for (i = 0; i < inv->nservices; i++) {
		node = xasprintf("service:%s", inventory_str(inv,
		    inv->services[i].e.id));
		dot_node(dot, node, inv, &inv->services[i].e);
		free(node);
	}
	free(dot);
	dot = render_dot(a, DOT_VIEW_PLACEMENT, &len);
	for (i = 0; i < inv->nhosts; i++) {
		node = xasprintf("host:%s", inventory_str(inv,
		    inv->hosts[i].e.id));
		dot_node(dot, node, inv, &inv->hosts[i].e);
		free(node);
	}
	node = xasprintf("power:%s", inventory_str(inv, inv->power[0].e.id));
	dot_node(dot, node, inv, &inv->power[0].e);
	free(node);
	free(dot);
}

typedef int (*writer)(FILE *, const struct inventory *,
    const struct analysis *, const struct findings *);

/* The writers with the arguments the commands give them by default. */
static int
json_plain(FILE *fp, const struct inventory *inv, const struct analysis *a,
    const struct findings *f)
{
	return out_json_check(fp, inv, a, f, NULL);
}

static int
junit_plain(FILE *fp, const struct inventory *inv, const struct analysis *a,
    const struct findings *f)
{
	return out_junit_check(fp, inv, a, f, SEVERITY_ERROR);
}

static char *
render(writer w, const struct inventory *inv, const struct analysis *a,
    const struct findings *f, size_t *len)
{
	char	*buf = NULL;
	FILE	*fp = open_memstream(&buf, len);

	if (fp == NULL || w(fp, inv, a, f) != 0)
		die("write failed", NULL);
	fclose(fp);
	return buf;
}

static json_t *
json_parse(const char *doc, size_t len, const char *what)
{
	json_t		*j;
	json_error_t	 err;

	if ((j = json_loadb(doc, len, JSON_REJECT_DUPLICATES, &err)) == NULL) {
		fprintf(stderr, "fuzz_escape: %s: %s at %d:%d\n", what,
		    err.text, err.line, err.column);
		die("json: does not parse", doc);
	}
	if (!json_is_object(j))
		die("json: not an object", doc);
	return j;
}

/* The waived finding's reason must come back exactly. */
static void
check_reason(const char *doc, const char *got, const char *reason)
{
	if (!utf8_valid(reason))
		return;
	if (got == NULL || strcmp(got, reason) != 0) {
		fprintf(stderr, "fuzz_escape: reason [%s], got [%s]\n", reason,
		    got != NULL ? got : "(none)");
		die("waiver reason does not round-trip", doc);
	}
}

static void
check_json(const struct inventory *inv, const struct analysis *a,
    const struct findings *f, const char *reason)
{
	json_t		*j, *v;
	const char	*got = NULL;
	char		*doc;
	size_t		 len, i;

	doc = render(json_plain, inv, a, f, &len);
	j = json_parse(doc, len, "json");
	json_array_foreach(json_object_get(j, "findings"), i, v) {
		if (json_object_get(v, "waiver_reason") != NULL &&
		    json_string_length(json_object_get(v, "waiver_reason")) >
		    0 && strcmp(json_string_value(json_object_get(v, "rule")),
		    "spof") == 0)
			got = json_string_value(json_object_get(v,
			    "waiver_reason"));
	}
	if (reason != NULL && *reason != '\0')
		check_reason(doc, got, reason);
	json_decref(j);
	free(doc);

	doc = render(out_sarif_check, inv, a, f, &len);
	j = json_parse(doc, len, "sarif");
	got = NULL;
	json_array_foreach(json_object_get(json_array_get(json_object_get(j,
	    "runs"), 0), "results"), i, v) {
		v = json_array_get(json_object_get(v, "suppressions"), 0);
		if (v != NULL)
			got = json_string_value(json_object_get(v,
			    "justification"));
	}
	if (reason != NULL && *reason != '\0')
		check_reason(doc, got, reason);
	json_decref(j);
	free(doc);
}

/* Terminal-safe text: UTF-8, no control but newline, no DEL, no C1. */
static void
terminal_check(const char *what, const char *doc, size_t len)
{
	size_t		i, n;
	uint32_t	cp;

	for (i = 0; i < len; i += n) {
		n = 1;
		if (doc[i] == '\n')
			continue;
		if ((unsigned char)doc[i] < 0x20 || doc[i] == 0x7f)
			die(what, doc);
		if ((unsigned char)doc[i] < 0x80)
			continue;
		if ((n = utf8_decode((const unsigned char *)doc + i, len - i,
		    &cp)) == 0 || cp <= 0x9f)
			die(what, doc);
	}
}

static void
check_xml_and_text(const struct inventory *inv, const struct analysis *a,
    const struct findings *f)
{
	char	*doc = NULL;
	size_t	 len, dropped;
	FILE	*fp;

	doc = render(junit_plain, inv, a, f, &len);
	xml_check(doc, len, 0);
	free(doc);
	doc = NULL;
	if ((fp = open_memstream(&doc, &len)) == NULL ||
	    out_text_check(fp, inv, a, f, f, 1) != 0)
		die("text: write failed", NULL);
	fclose(fp);
	free(doc);
	doc = NULL;
	if ((fp = open_memstream(&doc, &len)) == NULL ||
	    out_text_check(fp, inv, a, f, f, 0) != 0)
		die("text: write failed", NULL);
	fclose(fp);
	terminal_check("text: a control reaches the terminal", doc, len);
	free(doc);
	doc = NULL;
	if ((fp = open_memstream(&doc, &len)) == NULL ||
	    out_github_check(fp, inv, a, f, NULL, &dropped) != 0)
		die("github: write failed", NULL);
	fclose(fp);
	terminal_check("github: a control reaches the log", doc, len);
	free(doc);
}

static char	html_tmp[] = "/tmp/fuzz_escape-XXXXXX";

static void
html_tmp_remove(void)
{
	unlink(html_tmp);
}

/*
 * The HTML report.  The report model digests the inventory's files, so
 * the file is a real temporary one while the model is made; the report
 * then names it by the hostile name.
 */
static void
check_html(struct inventory *inv, const struct analysis *a,
    const struct findings *f)
{
	static int		 made;
	struct report_options	 o;
	struct report		*r;
	struct diag_list	 dl;
	char			*doc = NULL, *name;
	size_t			 len;
	FILE			*fp;
	int			 fd;

	if (!made) {
		if ((fd = mkstemp(html_tmp)) == -1)
			die("html: mkstemp failed", NULL);
		close(fd);
		atexit(html_tmp_remove);
		made = 1;
	}
	name = inv->files[0];
	inv->files[0] = html_tmp;
	memset(&o, 0, sizeof o);
	o.version = "fuzz";
	o.today = 20000;
	diag_list_init(&dl);
	r = report_model_create(a, f, &o, &dl);
	inv->files[0] = name;
	if (r == NULL) {
		diag_list_print(&dl, stderr, 0);
		die("html: no report", NULL);
	}
	r->files[0].path = name;
	free(r->files[0].name);		/* the report shows the digest name */
	r->files[0].name = xstrdup(name);
	if ((fp = open_memstream(&doc, &len)) == NULL ||
	    out_html_report(fp, r) != 0)
		die("html: write failed", NULL);
	fclose(fp);
	xml_check(doc, len, 1);
	free(doc);
	report_model_free(r);
	diag_list_free(&dl);
}

/* Schema findings as the CLI makes them from diagnostics (cmd_check.c). */
static void
schema_findings(const struct strings *st, struct findings *fs)
{
	struct finding	*f;
	size_t		 i;

	memset(fs, 0, sizeof *fs);
	for (i = 0; i < 3; i++) {
		f = findings_add(fs);
		f->rule = RULE_SCHEMA;
		f->severity = i == 2 ? SEVERITY_WARNING : SEVERITY_ERROR;
		f->subject = xasprintf("file:%s", i == 1 ? "-" : st->s[0]);
		f->text = xstrdup(st->s[11 + i]);
		if (i == 0) {
			f->has_mark = 1;
			f->mark.line = 3;
			f->mark.column = 7;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strings		 st;
	struct inventory	*inv;
	struct analysis		*a;
	struct diag_list	 dl;
	struct findings		 f;
	char			*lit = NULL;

	split(&st, data, size);
	diag_list_init(&dl);

	/* The regex as given, else as a literal, else a plain one. */
	if ((inv = build(&st, st.s[10])) == NULL) {
		lit = regex_literal(st.s[10]);
		if ((inv = build(&st, lit)) == NULL &&
		    (inv = build(&st, "^web$")) == NULL)
			die("the inventory does not resolve", NULL);
	}
	if ((a = analysis_create(inv, &dl)) == NULL)
		die("analysis failed", NULL);
	memset(&f, 0, sizeof f);
	if (findings_compute(a, 20000, &f, &dl) != 0) {
		diag_list_print(&dl, stderr, 0);
		die("findings failed", NULL);
	}
	check_dot(a);
	check_json(inv, a, &f, reason_of(&st));
	check_xml_and_text(inv, a, &f);
	check_html(inv, a, &f);
	findings_free(&f);

	/* An invalid inventory: schema findings only, no analysis. */
	schema_findings(&st, &f);
	check_json(inv, NULL, &f, NULL);
	check_xml_and_text(inv, NULL, &f);
	findings_free(&f);

	analysis_free(a);
	inventory_free(inv);
	diag_list_free(&dl);
	free(lit);
	free(st.reason);
	free(st.buf);
	return 0;
}
