/*
 * catalog_yaml.c -- read a Backstage catalog file into a tree (see
 * catalog_yaml.h).  libyaml's marks are 0-based; they are 1-based here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "catalog_yaml.h"
#include "xalloc.h"

struct anchor {
	char			*name;
	struct catalog_node	*node;
};

struct parse {
	struct catalog		 *cat;
	struct diag_list	 *dl;
	struct catalog_node	 *stack[CATALOG_MAX_DEPTH + 1];
	size_t			  depth;
	struct anchor		 *anchors;	/* of the current document */
	size_t			  nanchors, anchors_cap;
	struct catalog_node	 *root;
	int			  failed;
};

static void
error_at(struct parse *p, const yaml_mark_t *m, const char *msg,
    const char *arg)
{
	diag_add(p->dl, DIAG_ERROR, p->cat->path, (unsigned)m->line + 1,
	    (unsigned)m->column + 1, msg, arg);
	p->failed = 1;
}

static struct catalog_node *
node_new(struct parse *p, enum catalog_type type, const yaml_mark_t *m)
{
	struct catalog		*c = p->cat;
	struct catalog_node	*n = xcalloc(1, sizeof *n);

	n->type = type;
	n->line = (unsigned)m->line + 1;
	n->column = (unsigned)m->column + 1;
	XGROW(c->all, c->all_cap, c->nall + 1);
	c->all[c->nall++] = n;
	return n;
}

static void
anchor_add(struct parse *p, const yaml_char_t *name, struct catalog_node *n)
{
	if (name == NULL)
		return;
	XGROW(p->anchors, p->anchors_cap, p->nanchors + 1);
	p->anchors[p->nanchors].name = xstrdup((const char *)name);
	p->anchors[p->nanchors++].node = n;
}

static void
anchors_clear(struct parse *p)
{
	size_t	i;

	for (i = 0; i < p->nanchors; i++)
		free(p->anchors[i].name);
	p->nanchors = 0;
}

/* Attach n to the open collection, or make it the document's root. */
static void
attach(struct parse *p, struct catalog_node *n, const yaml_mark_t *m)
{
	struct catalog_node	*top;

	if (p->depth == 0) {
		p->root = n;
		return;
	}
	top = p->stack[p->depth - 1];
	if (top->type == CATALOG_MAPPING && top->n % 2 == 0 &&
	    n->type != CATALOG_SCALAR) {
		error_at(p, m, "a mapping key must be a scalar%s", "");
		return;
	}
	XGROW(top->v, top->cap, top->n + 1);
	top->v[top->n++] = n;
}

static int
key_cmp(const void *a, const void *b)
{
	const struct catalog_node *const *x = a, *const *y = b;
	int	c = strcmp((*x)->str, (*y)->str);

	if (c != 0)
		return c;
	if ((*x)->line != (*y)->line)
		return (*x)->line < (*y)->line ? -1 : 1;
	return (*x)->column < (*y)->column ? -1 : (*x)->column > (*y)->column;
}

/* Duplicate keys of a finished mapping (sorted copy: n log n). */
static void
check_keys(struct parse *p, const struct catalog_node *map)
{
	struct catalog_node	**keys;
	size_t			  i, n = map->n / 2;

	if (n < 2)
		return;
	keys = xcalloc(n, sizeof *keys);
	for (i = 0; i < n; i++)
		keys[i] = map->v[2 * i];
	qsort(keys, n, sizeof *keys, key_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(keys[i]->str, keys[i - 1]->str) == 0) {
			diag_add(p->dl, DIAG_ERROR, p->cat->path, keys[i]->line,
			    keys[i]->column, "duplicate key '%s' (first at "
			    "line %u)", keys[i]->str, keys[i - 1]->line);
			p->failed = 1;
			break;
		}
	}
	free(keys);
}

static void
on_event(struct parse *p, const yaml_event_t *ev)
{
	struct catalog		*c = p->cat;
	struct catalog_node	*n;
	size_t			 i;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		p->root = NULL;
		anchors_clear(p);
		break;
	case YAML_DOCUMENT_END_EVENT:
		XGROW(c->docs, c->docs_cap, c->ndocs + 1);
		c->docs[c->ndocs++] = p->root;
		break;
	case YAML_SCALAR_EVENT:
		n = node_new(p, CATALOG_SCALAR, &ev->start_mark);
		n->str = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		if (strlen(n->str) != ev->data.scalar.length) {
			error_at(p, &ev->start_mark, "a scalar with a NUL "
			    "character%s", "");
			return;
		}
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		/* An empty plain scalar is YAML's null. */
		if (n->plain && (n->str[0] == '\0' || strcmp(n->str, "~") ==
		    0 || strcmp(n->str, "null") == 0))
			n->str[0] = '\0';
		anchor_add(p, ev->data.scalar.anchor, n);
		attach(p, n, &ev->start_mark);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (p->depth == CATALOG_MAX_DEPTH) {
			error_at(p, &ev->start_mark, "nested deeper than %s "
			    "levels", "64");
			return;
		}
		n = node_new(p, ev->type == YAML_SEQUENCE_START_EVENT ?
		    CATALOG_SEQUENCE : CATALOG_MAPPING, &ev->start_mark);
		anchor_add(p, ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.anchor :
		    ev->data.mapping_start.anchor, n);
		attach(p, n, &ev->start_mark);
		p->stack[p->depth++] = n;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		n = p->stack[--p->depth];
		if (n->type == CATALOG_MAPPING)
			check_keys(p, n);
		break;
	case YAML_ALIAS_EVENT:
		for (i = p->nanchors; i-- > 0;)
			if (strcmp(p->anchors[i].name,
			    (const char *)ev->data.alias.anchor) == 0)
				break;
		if (i == (size_t)-1) {
			error_at(p, &ev->start_mark, "unknown alias '*%s'",
			    (const char *)ev->data.alias.anchor);
			return;
		}
		/* An anchor cannot be used inside itself. */
		for (size_t d = 0; d < p->depth; d++)
			if (p->stack[d] == p->anchors[i].node) {
				error_at(p, &ev->start_mark, "alias '*%s' used "
				    "inside its own anchor",
				    (const char *)ev->data.alias.anchor);
				return;
			}
		attach(p, p->anchors[i].node, &ev->start_mark);
		break;
	default:
		break;
	}
}

struct catalog *
catalog_yaml_parse(const char *path, const char *text, size_t len,
    struct diag_list *dl)
{
	struct parse	p;
	yaml_parser_t	parser;
	yaml_event_t	ev;
	int		done = 0;

	memset(&p, 0, sizeof p);
	p.cat = xcalloc(1, sizeof *p.cat);
	p.cat->path = xstrdup(path);
	p.dl = dl;
	if ((unsigned char)text[0] == 0xfe || (unsigned char)text[0] == 0xff) {
		diag_add(dl, DIAG_ERROR, path, 1, 1, "not UTF-8 (a UTF-16 byte "
		    "order mark)");
		catalog_yaml_free(p.cat);
		return NULL;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && !p.failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			diag_add(dl, DIAG_ERROR, path,
			    (unsigned)parser.problem_mark.line + 1,
			    (unsigned)parser.problem_mark.column + 1, "%s%s%s",
			    parser.problem != NULL ? parser.problem :
			    "invalid YAML", parser.context != NULL ? " " : "",
			    parser.context != NULL ? parser.context : "");
			p.failed = 1;
			break;
		}
		on_event(&p, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	anchors_clear(&p);
	free(p.anchors);
	if (p.failed) {
		catalog_yaml_free(p.cat);
		return NULL;
	}
	return p.cat;
}

void
catalog_yaml_free(struct catalog *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nall; i++) {
		free(c->all[i]->str);
		free(c->all[i]->v);
		free(c->all[i]);
	}
	free(c->all);
	free(c->docs);
	free(c->path);
	free(c);
}

const struct catalog_node *
catalog_yaml_get(const struct catalog_node *map, const char *key)
{
	size_t	i;

	if (map == NULL || map->type != CATALOG_MAPPING)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->v[i]->str, key) == 0)
			return map->v[i + 1];
	return NULL;
}

const char *
catalog_yaml_type_name(const struct catalog_node *n)
{
	if (n->type == CATALOG_MAPPING)
		return "a mapping";
	if (n->type == CATALOG_SEQUENCE)
		return "a list";
	return "a string";
}
