/*
 * import_backstage.c -- map a Backstage catalog to services (see
 * import_backstage.h for the table).  Entities are handled in the order
 * of their references (kind:namespace/name), so the same catalog always
 * gives the same ids, whatever the order of its files.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog_yaml.h"
#include "import_backstage.h"
#include "import_ids.h"
#include "inventory.h"
#include "xalloc.h"

#define ANN_PREFIX	"faultline.io/"

struct bs_entity {
	char				*key;	/* kind:namespace/name, lower case */
	char				*kind;	/* as written */
	const char			*ns;	/* as written; "default" */
	const char			*name;
	const struct catalog		*cat;
	const struct catalog_node	*root, *meta, *spec, *ann;
	int				 service;
	char				*id;
	struct invwriter_entry		*entry;
};

struct api {
	char	*key;
	size_t	 provider;
};

struct bs {
	struct bs_entity		*e;
	size_t			 n, cap;
	struct api		*apis;
	size_t			 napis, apis_cap;
	struct invwriter	*w;
	struct import_report	*rep;
	struct diag_list	*dl;
	int			 failed;
};

static void
err(struct bs *b, const struct catalog *c, const struct catalog_node *n,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
err(struct bs *b, const struct catalog *c, const struct catalog_node *n,
    const char *fmt, ...)
{
	va_list	ap;
	char	msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(b->dl, DIAG_ERROR, c->path, n != NULL ? n->line : 0,
	    n != NULL ? n->column : 0, "%s", msg);
	b->failed = 1;
}

static char *
lower(const char *s)
{
	char	*l = xstrdup(s), *p;

	for (p = l; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

/*
 * The key of an entity reference [kind:][namespace/]name with Backstage's
 * rules, or NULL when it names no kind and there is no default.
 */
static char *
ref_key(const char *ref, const char *default_kind, const char *default_ns)
{
	const char	*colon = strchr(ref, ':'), *slash = strchr(ref, '/');
	const char	*rest = ref;
	char		*kind, *ns, *name, *key;

	if (colon != NULL && (slash == NULL || colon < slash)) {
		kind = xstrndup(ref, (size_t)(colon - ref));
		rest = colon + 1;
	} else if (default_kind != NULL)
		kind = xstrdup(default_kind);
	else
		return NULL;
	if ((slash = strchr(rest, '/')) != NULL) {
		ns = xstrndup(rest, (size_t)(slash - rest));
		name = xstrdup(slash + 1);
	} else {
		ns = xstrdup(default_ns);
		name = xstrdup(rest);
	}
	key = xasprintf("%s:%s/%s", kind, ns, name);
	free(kind);
	free(ns);
	free(name);
	kind = lower(key);
	free(key);
	return kind;
}

static int
entity_cmp(const void *a, const void *b)
{
	const struct bs_entity	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	c = strcmp(x->cat->path, y->cat->path);
	if (c != 0)
		return c;
	return x->root->line < y->root->line ? -1 : x->root->line >
	    y->root->line;
}

/* The entity with that key, or NULL (b->e is sorted by key). */
static struct bs_entity *
find(const struct bs *b, const char *key)
{
	size_t	lo = 0, hi = b->n, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(b->e[mid].key, key);
		if (c == 0)
			return &b->e[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A string field of a mapping: its text, NULL when absent (an error when
 * required or not a string). */
static const char *
str_field(struct bs *b, const struct catalog *c, const struct catalog_node *map,
    const char *key, const char *path, int required)
{
	const struct catalog_node	*v = catalog_yaml_get(map, key);

	if (v == NULL || (v->type == CATALOG_SCALAR && v->plain &&
	    v->str[0] == '\0')) {
		if (required)
			err(b, c, map, "%s.%s: missing; expected a string",
			    path, key);
		return NULL;
	}
	if (v->type != CATALOG_SCALAR) {
		err(b, c, v, "%s.%s: expected a string, found %s", path, key,
		    catalog_yaml_type_name(v));
		return NULL;
	}
	return v->str;
}

/* A list of strings: the node, or NULL when absent or wrong (reported). */
static const struct catalog_node *
list_field(struct bs *b, const struct bs_entity *e,
    const struct catalog_node *map, const char *key, const char *path)
{
	const struct catalog_node	*v = catalog_yaml_get(map, key);
	size_t				 i;

	if (v == NULL || (v->type == CATALOG_SCALAR && v->plain &&
	    v->str[0] == '\0'))
		return NULL;
	if (v->type != CATALOG_SEQUENCE) {
		err(b, e->cat, v, "%s.%s: expected a list of strings, found "
		    "%s", path, key, catalog_yaml_type_name(v));
		return NULL;
	}
	for (i = 0; i < v->n; i++) {
		if (v->v[i]->type != CATALOG_SCALAR) {
			err(b, e->cat, v->v[i], "%s.%s[%zu]: expected a string, "
			    "found %s", path, key, i,
			    catalog_yaml_type_name(v->v[i]));
			return NULL;
		}
	}
	return v;
}

static const struct catalog_node *
map_field(struct bs *b, const struct catalog *c, const struct catalog_node *map,
    const char *key, const char *path, int required)
{
	const struct catalog_node	*v = catalog_yaml_get(map, key);

	if (v == NULL || (v->type == CATALOG_SCALAR && v->plain &&
	    v->str[0] == '\0')) {
		if (required)
			err(b, c, map, "%s%s%s: missing; expected a mapping",
			    path, *path != '\0' ? "." : "", key);
		return NULL;
	}
	if (v->type != CATALOG_MAPPING) {
		err(b, c, v, "%s%s%s: expected a mapping, found %s", path,
		    *path != '\0' ? "." : "", key, catalog_yaml_type_name(v));
		return NULL;
	}
	return v;
}

/* Read one document's entity into b->e. */
static void
read_entity(struct bs *b, const struct catalog *c,
    const struct catalog_node *root)
{
	struct bs_entity			 e;
	const struct catalog_node	*v;
	const char			*api;
	size_t				 i;

	memset(&e, 0, sizeof e);
	e.cat = c;
	e.root = root;
	if (root->type != CATALOG_MAPPING) {
		err(b, c, root, "a catalog entity must be a mapping, found %s",
		    catalog_yaml_type_name(root));
		return;
	}
	api = str_field(b, c, root, "apiVersion", "$", 1);
	e.kind = (char *)str_field(b, c, root, "kind", "$", 1);
	e.meta = map_field(b, c, root, "metadata", "", 1);
	e.spec = map_field(b, c, root, "spec", "", 0);
	if (api == NULL || e.kind == NULL || e.meta == NULL)
		return;
	e.name = str_field(b, c, e.meta, "name", "metadata", 1);
	e.ns = str_field(b, c, e.meta, "namespace", "metadata", 0);
	e.ann = map_field(b, c, e.meta, "annotations", "metadata", 0);
	if (e.name == NULL)
		return;
	if (e.ns == NULL)
		e.ns = "default";
	for (i = 0; e.ann != NULL && i + 1 < e.ann->n; i += 2) {
		v = e.ann->v[i + 1];
		if (v->type != CATALOG_SCALAR) {
			err(b, c, v, "metadata.annotations.%s: expected a "
			    "string, found %s", e.ann->v[i]->str,
			    catalog_yaml_type_name(v));
			return;
		}
	}
	e.kind = xstrdup(e.kind);
	e.key = xasprintf("%s:%s/%s", e.kind, e.ns, e.name);
	{
		char *l = lower(e.key);
		free(e.key);
		e.key = l;
	}
	e.service = strncmp(e.key, "component:", 10) == 0 ||
	    strncmp(e.key, "resource:", 9) == 0;
	XGROW(b->e, b->cap, b->n + 1);
	b->e[b->n++] = e;
}

static const char *
annotation(const struct bs_entity *e, const char *name,
    const struct catalog_node **node)
{
	char	key[64];
	size_t	i;

	snprintf(key, sizeof key, ANN_PREFIX "%s", name);
	for (i = 0; e->ann != NULL && i + 1 < e->ann->n; i += 2) {
		if (strcmp(e->ann->v[i]->str, key) == 0) {
			*node = e->ann->v[i + 1];
			return e->ann->v[i + 1]->str;
		}
	}
	*node = NULL;
	return NULL;
}

/* Split an annotation's value at commas and white space; returns the
 * number of words, each a new string in *words (the caller frees). */
static size_t
split(const char *s, char ***words)
{
	size_t	n = 0, cap = 0, len;

	*words = NULL;
	for (;;) {
		s += strspn(s, ", \t\r\n");
		if (*s == '\0')
			break;
		len = strcspn(s, ", \t\r\n");
		XGROW(*words, cap, n + 1);
		(*words)[n++] = xstrndup(s, len);
		s += len;
	}
	return n;
}

static void
free_words(char **words, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

/* A host id or brace pattern as runs_on takes it (the loader checks the
 * rest). */
static int
host_pattern(const char *s)
{
	size_t	i;

	if (!isalnum((unsigned char)s[0]) && s[0] != '{')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("._-{}", s[i]) ==
		    NULL)
			return 0;
	return i <= 512;
}

static int
resource_is_data(const char *type)
{
	static const char *data[] = { "database", "db", "datastore",
	    "storage", "store", "bucket", "s3-bucket", "object-storage",
	    "cache" };
	size_t	i;

	for (i = 0; type != NULL && i < sizeof data / sizeof data[0]; i++)
		if (strcasecmp(type, data[i]) == 0)
			return 1;
	return 0;
}

static int
has_tag(struct bs *b, const struct bs_entity *e, const char *tag)
{
	const struct catalog_node	*tags;
	size_t				 i;

	tags = list_field(b, e, e->meta, "tags", "metadata");
	for (i = 0; tags != NULL && i < tags->n; i++)
		if (strcasecmp(tags->v[i]->str, tag) == 0)
			return 1;
	return 0;
}

static void
note(struct bs *b, const struct bs_entity *e, enum import_outcome out,
    const char *why)
{
	import_report_add(b->rep, out, e->kind, why, e->name);
}

/* What a reference names among the services, or NULL (with a note). */
static struct bs_entity *
resolve(struct bs *b, const struct bs_entity *from, const char *ref,
    const char *default_kind, const char *relation)
{
	struct bs_entity	*t;
	char		*key, why[256], *ex;

	if ((key = ref_key(ref, default_kind, from->ns)) == NULL) {
		snprintf(why, sizeof why, "%s names no kind (write "
		    "component:NAME or resource:NAME); left out", relation);
		ex = xasprintf("%s -> %s", from->name, ref);
		import_report_add(b->rep, IMPORT_WARNING, "reference", why, ex);
		free(ex);
		return NULL;
	}
	t = find(b, key);
	if (t == NULL || !t->service) {
		snprintf(why, sizeof why, "%s %s; left out", relation, t ==
		    NULL ? "names nothing in the catalog" :
		    "names no Component or Resource");
		ex = xasprintf("%s -> %s", from->name, key);
		import_report_add(b->rep, IMPORT_WARNING, "reference", why, ex);
		free(ex);
		t = NULL;
	}
	free(key);
	return t;
}

static int
api_cmp(const void *a, const void *b)
{
	const struct api	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->provider < y->provider ? -1 : x->provider > y->provider;
}

static void
collect_apis(struct bs *b)
{
	const struct catalog_node	*l;
	size_t				 i, j;

	for (i = 0; i < b->n; i++) {
		if (!b->e[i].service)
			continue;
		l = list_field(b, &b->e[i], b->e[i].spec, "providesApis",
		    "spec");
		for (j = 0; l != NULL && j < l->n; j++) {
			XGROW(b->apis, b->apis_cap, b->napis + 1);
			b->apis[b->napis].key = ref_key(l->v[j]->str, "api",
			    b->e[i].ns);
			b->apis[b->napis++].provider = i;
		}
	}
	if (b->napis > 1)
		qsort(b->apis, b->napis, sizeof *b->apis, api_cmp);
}

/* Soft dependencies of e on the providers of each API it consumes. */
static void
consumes(struct bs *b, struct bs_entity *e)
{
	const struct catalog_node	*l;
	size_t				 j, k, found;
	char				*key, *ex;

	l = list_field(b, e, e->spec, "consumesApis", "spec");
	for (j = 0; l != NULL && j < l->n; j++) {
		key = ref_key(l->v[j]->str, "api", e->ns);
		for (k = 0, found = 0; k < b->napis; k++) {
			if (strcmp(b->apis[k].key, key) != 0)
				continue;
			found++;
			if (&b->e[b->apis[k].provider] != e)
				invwriter_item(e->entry, "depends_on",
				    b->e[b->apis[k].provider].id, 1);
		}
		if (found == 0) {
			ex = xasprintf("%s -> %s", e->name, key);
			import_report_add(b->rep, IMPORT_WARNING, "reference",
			    "consumesApis names an API no Component or "
			    "Resource provides; left out", ex);
			free(ex);
		}
		free(key);
	}
}

/* Hard dependencies: e's dependsOn, and the dependencyOf of others. */
static void
depends(struct bs *b, struct bs_entity *e)
{
	const struct catalog_node	*l;
	struct bs_entity			*t;
	size_t				 j;

	l = list_field(b, e, e->spec, "dependsOn", "spec");
	for (j = 0; l != NULL && j < l->n; j++)
		if ((t = resolve(b, e, l->v[j]->str, NULL, "dependsOn")) !=
		    NULL && t != e)
			invwriter_item(e->entry, "depends_on", t->id, 0);
	l = list_field(b, e, e->spec, "dependencyOf", "spec");
	for (j = 0; l != NULL && j < l->n; j++)
		if ((t = resolve(b, e, l->v[j]->str, NULL, "dependencyOf")) !=
		    NULL && t != e)
			invwriter_item(t->entry, "depends_on", e->id, 0);
}

/* The annotations that place and rank a service. */
static void
annotations(struct bs *b, struct bs_entity *e, int *placed)
{
	const struct catalog_node	*n;
	const char			*v;
	struct bs_entity			*t;
	char				**words, *end;
	size_t				 nw, i;
	long				 x;

	*placed = 0;
	if ((v = annotation(e, "tier", &n)) != NULL) {
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '4')
			err(b, e->cat, n, ANN_PREFIX "tier: '%s' is not a tier "
			    "(1 to 4)", v);
		else
			invwriter_int(e->entry, "tier", v[0] - '0');
	}
	if ((v = annotation(e, "runs-on", &n)) != NULL) {
		nw = split(v, &words);
		for (i = 0; i < nw; i++) {
			if (!host_pattern(words[i])) {
				err(b, e->cat, n, ANN_PREFIX "runs-on: '%s' is "
				    "not a host id or brace pattern",
				    words[i]);
				break;
			}
			invwriter_item(e->entry, "runs_on", words[i], 0);
		}
		*placed = nw > 0 && i == nw;
		free_words(words, nw);
	}
	if ((v = annotation(e, "min-up", &n)) != NULL) {
		x = strtol(v, &end, 10);
		if (!isdigit((unsigned char)v[0]) || *end != '\0' || x < 1 ||
		    x > 1000000)
			err(b, e->cat, n, ANN_PREFIX "min-up: '%s' is not a "
			    "positive number", v);
		else if (*placed)
			invwriter_int(e->entry, "min_up", x);
	}
	if ((v = annotation(e, "recovery", &n)) != NULL) {
		nw = split(v, &words);
		for (i = 0; i < nw; i++)
			if ((t = resolve(b, e, words[i], "component",
			    ANN_PREFIX "recovery")) != NULL)
				invwriter_item(e->entry, "recovery", t->id, 0);
		free_words(words, nw);
	}
}

/* The service kind of e: its annotation, else by kind and type. */
static const char *
service_kind(struct bs *b, struct bs_entity *e)
{
	static const char *kinds[] = { "app", "data", "platform", "tool",
	    "external" };
	const struct catalog_node	*n;
	const char			*v, *type;
	size_t				 i;

	if ((v = annotation(e, "kind", &n)) != NULL) {
		for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (strcmp(v, kinds[i]) == 0)
				return kinds[i];
		err(b, e->cat, n, ANN_PREFIX "kind: '%s' is not app, data, "
		    "platform, tool or external", v);
		return "app";
	}
	type = str_field(b, e->cat, e->spec, "type", "spec", 0);
	if (strncmp(e->key, "resource:", 9) == 0)
		return resource_is_data(type) ? "data" : "platform";
	if ((type != NULL && strcasecmp(type, "tool") == 0) ||
	    has_tag(b, e, "faultline-tool"))
		return "tool";
	return "app";
}

static void
map_service(struct bs *b, struct bs_entity *e)
{
	const char	*title, *owner, *lifecycle, *kind;
	char		 why[128];
	int		 placed;

	title = str_field(b, e->cat, e->meta, "title", "metadata", 0);
	if (title != NULL)
		invwriter_str(e->entry, "name", title);
	else if (strcmp(e->name, e->id) != 0)
		invwriter_str(e->entry, "name", e->name);
	kind = service_kind(b, e);
	invwriter_str(e->entry, "kind", kind);
	owner = str_field(b, e->cat, e->spec, "owner", "spec", 0);
	if (owner != NULL)
		invwriter_str(e->entry, "owner", owner);
	annotations(b, e, &placed);
	if (!placed && strcmp(kind, "external") != 0) {
		invwriter_str(e->entry, "kind", "external");
		note(b, e, IMPORT_WARNING, "no " ANN_PREFIX "runs-on "
		    "annotation; imported as kind external (no placement)");
	}
	lifecycle = str_field(b, e->cat, e->spec, "lifecycle", "spec", 0);
	if (lifecycle != NULL && (strcasecmp(lifecycle, "experimental") == 0 ||
	    strcasecmp(lifecycle, "deprecated") == 0)) {
		snprintf(why, sizeof why, "lifecycle %s in Backstage",
		    lifecycle);
		invwriter_comment(e->entry, why);
		snprintf(why, sizeof why, "lifecycle %s; imported and marked "
		    "on its line", lifecycle);
		note(b, e, IMPORT_WARNING, why);
	}
}

/* Ids in key order: the name, namespace-qualified outside "default". */
static void
assign_ids(struct bs *b)
{
	struct import_ids	*ids = import_ids_create();
	struct bs_entity		*e;
	char			*text, *s;
	size_t			 i;
	int			 changed;

	for (i = 0; i < b->n; i++) {
		e = &b->e[i];
		if (!e->service)
			continue;
		text = strcmp(e->ns, "default") == 0 ? xstrdup(e->name) :
		    xasprintf("%s.%s", e->ns, e->name);
		s = import_ids_sanitize(text);
		if (s[0] == '\0') {
			free(s);
			s = xasprintf("service-%zu", i + 1);
		}
		if (strcmp(s, text) != 0)
			b->rep->renamed++;
		e->id = import_ids_claim(ids, s, &changed);
		if (changed)
			b->rep->renamed++;
		e->entry = invwriter_add(b->w, INVWRITER_SERVICES, e->id);
		free(s);
		free(text);
	}
	import_ids_free(ids);
}

static void
left_out(struct bs *b, const struct bs_entity *e)
{
	if (strncmp(e->key, "location:", 9) == 0)
		note(b, e, IMPORT_LEFT_OUT, "not followed: name the files or "
		    "directories it lists");
	else
		note(b, e, IMPORT_LEFT_OUT, "not a service (faultline imports "
		    "Components and Resources)");
}

int
import_backstage_run(const struct import_files *files, struct invwriter *w,
    struct import_report *rep, struct diag_list *dl)
{
	struct catalog	**cats;
	struct bs	  b;
	char		 *text;
	size_t		  len, i, j, nservices = 0;

	memset(&b, 0, sizeof b);
	b.w = w;
	b.rep = rep;
	b.dl = dl;
	cats = xcalloc(files->n + 1, sizeof *cats);
	for (i = 0; i < files->n; i++) {
		if ((text = import_files_read(files->v[i], &len, dl)) == NULL) {
			b.failed = 1;
			continue;
		}
		if ((cats[i] = catalog_yaml_parse(files->v[i], text, len,
		    dl)) == NULL)
			b.failed = 1;
		free(text);
		for (j = 0; cats[i] != NULL && j < cats[i]->ndocs; j++)
			if (cats[i]->docs[j] != NULL &&
			    !(cats[i]->docs[j]->type == CATALOG_SCALAR &&
			    cats[i]->docs[j]->plain &&
			    cats[i]->docs[j]->str[0] == '\0'))
				read_entity(&b, cats[i], cats[i]->docs[j]);
	}
	if (b.n > 1)
		qsort(b.e, b.n, sizeof *b.e, entity_cmp);
	for (i = 1; i < b.n; i++) {
		if (strcmp(b.e[i].key, b.e[i - 1].key) == 0)
			err(&b, b.e[i].cat, b.e[i].root, "%s '%s' is defined "
			    "twice (first in %s:%u)", b.e[i].kind, b.e[i].key +
			    strcspn(b.e[i].key, ":") + 1, b.e[i - 1].cat->path,
			    b.e[i - 1].root->line);
	}
	/* Mapped even after errors, to report every problem at once; the
	 * caller writes nothing then. */
	{
		assign_ids(&b);
		collect_apis(&b);
		for (i = 0; i < b.n; i++) {
			if (!b.e[i].service) {
				left_out(&b, &b.e[i]);
				continue;
			}
			nservices++;
			map_service(&b, &b.e[i]);
			depends(&b, &b.e[i]);
			consumes(&b, &b.e[i]);
		}
	}
	import_report_counts(rep, "%zu %s", nservices,
	    inventory_kind_noun(KIND_SERVICE, nservices));
	for (i = 0; i < b.n; i++) {
		free(b.e[i].key);
		free(b.e[i].kind);
		free(b.e[i].id);
	}
	free(b.e);
	for (i = 0; i < b.napis; i++)
		free(b.apis[i].key);
	free(b.apis);
	for (i = 0; i < files->n; i++)
		catalog_yaml_free(cats[i]);
	free(cats);
	return b.failed ? -1 : 0;
}

void
import_backstage_header(struct invwriter *w)
{
	static const char *lines[] = {
		"Mapping (Backstage -> faultline):",
		"  Component            -> service, kind app (tool: spec.type tool or tag",
		"                          faultline-tool)",
		"  Resource             -> service, kind data (databases and stores) or",
		"                          platform",
		"  dependsOn, dependencyOf -> depends_on (hard)",
		"  consumesApis         -> depends_on the API's providers (soft)",
		"  spec.owner           -> owner",
		"  annotations faultline.io/tier, runs-on, min-up, recovery, kind",
		"                       -> tier, runs_on, min_up, recovery, kind",
		"A service without faultline.io/runs-on is kind external (no placement);",
		"its name is its id (NAMESPACE.NAME outside the default namespace).",
	};
	size_t	i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
		invwriter_header(w, "%s", lines[i]);
}
