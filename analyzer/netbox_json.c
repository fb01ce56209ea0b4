/*
 * netbox_json.c -- read NetBox's REST and dumpdata JSON (see
 * netbox_json.h).  Reading JSON is jansson's job: this is the importer's
 * one JSON reading module, next to the baseline reader (baseline.c),
 * because what it reads is a different document with its own error paths.
 *
 * Every value is type-checked before use; a wrong one is reported with its
 * JSON path ($.results[3].site.id), and nothing of a bad value is guessed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "netbox_json.h"
#include "xalloc.h"

/* The dumpdata model of each type (REST endpoints: netbox_endpoint). */
static const char *models[NETBOX_NTYPES] = {
	"dcim.site", "dcim.location", "dcim.rack", "dcim.powerpanel",
	"dcim.powerfeed", "dcim.powerport", "dcim.poweroutlet", "dcim.device",
	"virtualization.cluster", "virtualization.virtualmachine"
};

struct reader {
	struct netbox		*nb;
	const char		*name;
	struct diag_list	*dl;
	int			 errors;
};

static void
fail(struct reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail(struct reader *r, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(r->dl, DIAG_ERROR, r->name, 0, 0, "%s", msg);
	r->errors++;
}

static const char *
type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return "null";
	}
}

/* A string field: *out is a copy, or NULL when absent or null (an error
 * when required). */
static int
get_str(struct reader *r, const json_t *obj, const char *key,
    const char *path, int required, char **out)
{
	const json_t	*v = json_object_get(obj, key);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return 0;
		fail(r, "%s.%s: missing; expected a string", path, key);
		return -1;
	}
	if (!json_is_string(v)) {
		fail(r, "%s.%s: expected a string, found %s", path, key,
		    type_name(v));
		return -1;
	}
	*out = xstrndup(json_string_value(v), json_string_length(v));
	if (strlen(*out) != json_string_length(v)) {
		fail(r, "%s.%s: a string with a NUL character", path, key);
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int
get_int(struct reader *r, const json_t *v, const char *path, int64_t *out)
{
	if (!json_is_integer(v)) {
		fail(r, "%s: expected an integer id, found %s", path,
		    type_name(v));
		return -1;
	}
	*out = (int64_t)json_integer_value(v);
	if (*out == NETBOX_NONE) {
		fail(r, "%s: id out of range", path);
		return -1;
	}
	return 0;
}

/* A reference: absent or null (NONE), an integer id (dumpdata), or an
 * object with an integer "id" (REST). */
static int
get_ref(struct reader *r, const json_t *obj, const char *key,
    const char *path, int64_t *out)
{
	const json_t	*v = json_object_get(obj, key);
	char		 sub[512];

	*out = NETBOX_NONE;
	if (v == NULL || json_is_null(v))
		return 0;
	snprintf(sub, sizeof sub, "%s.%s", path, key);
	if (json_is_object(v)) {
		if (json_object_get(v, "id") == NULL) {
			fail(r, "%s.id: missing; expected an integer id", sub);
			return -1;
		}
		snprintf(sub, sizeof sub, "%s.%s.id", path, key);
		return get_int(r, json_object_get(v, "id"), sub, out);
	}
	if (!json_is_integer(v)) {
		fail(r, "%s: expected an id or an object with an id, found "
		    "%s", sub, type_name(v));
		return -1;
	}
	return get_int(r, v, sub, out);
}

/* A status: a string (dumpdata) or an object with a string "value". */
static int
get_status(struct reader *r, const json_t *obj, const char *path, char **out)
{
	const json_t	*v = json_object_get(obj, "status");
	char		 sub[512];

	*out = NULL;
	if (v != NULL && json_is_object(v)) {
		snprintf(sub, sizeof sub, "%s.status", path);
		return get_str(r, v, "value", sub, 1, out);
	}
	return get_str(r, obj, "status", path, 0, out);
}

/* The slug of a nested object (REST), or NULL. */
static int
get_nested_slug(struct reader *r, const json_t *obj, const char *key,
    const char *path, char **out)
{
	const json_t	*v = json_object_get(obj, key);
	char		 sub[512];

	*out = NULL;
	if (v == NULL || json_is_null(v) || json_is_integer(v))
		return 0;
	if (!json_is_object(v)) {
		fail(r, "%s.%s: expected an object, found %s", path, key,
		    type_name(v));
		return -1;
	}
	snprintf(sub, sizeof sub, "%s.%s", path, key);
	return get_str(r, v, "slug", sub, 0, out);
}

static int
type_of_endpoint(const char *app_ep, size_t len, enum netbox_type *type)
{
	size_t	i;

	for (i = 0; i < NETBOX_NTYPES; i++) {
		if (strlen(netbox_endpoint(i)) == len &&
		    strncmp(netbox_endpoint(i), app_ep, len) == 0) {
			*type = (enum netbox_type)i;
			return 0;
		}
	}
	return -1;
}

/*
 * The endpoint of a REST object from its url (".../api/dcim/devices/7/"):
 * 0 with *type, 1 for an endpoint faultline does not read, -1 when the
 * url says nothing.
 */
static int
endpoint_of_url(const char *url, enum netbox_type *type)
{
	const char	*p = strstr(url, "/api/"), *slash;

	if (p == NULL)
		return -1;
	p += 5;
	if ((slash = strchr(p, '/')) == NULL ||
	    (slash = strchr(slash + 1, '/')) == NULL)
		return -1;
	return type_of_endpoint(p, (size_t)(slash - p), type) == 0 ? 0 : 1;
}

/* The endpoint a file name names: "power-feeds.json", "devices-2.json",
 * "dcim_power_feeds.json". */
static int
endpoint_of_file(const char *path, enum netbox_type *type)
{
	const char	*base = strrchr(path, '/');
	char		 name[128], *p;
	size_t		 i, len;

	base = base != NULL ? base + 1 : path;
	len = strcspn(base, ".");
	if (len == 0 || len >= sizeof name)
		return -1;
	for (i = 0; i < len; i++)
		name[i] = base[i] == '_' ? '-' : base[i];
	name[len] = '\0';
	/* a page number at the end */
	p = name + len;
	while (p > name && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p > name && p < name + len && p[-1] == '-')
		p[-1] = '\0';
	p = name;
	if (strncmp(p, "dcim-", 5) == 0)
		p += 5;
	else if (strncmp(p, "virtualization-", 15) == 0)
		p += 15;
	for (i = 0; i < NETBOX_NTYPES; i++) {
		if (strcmp(strchr(netbox_endpoint(i), '/') + 1, p) == 0) {
			*type = (enum netbox_type)i;
			return 0;
		}
	}
	return -1;
}

static void
link_peers(struct reader *r, const json_t *obj, const char *path,
    enum netbox_type self, int64_t id)
{
	static const char *fields[][2] = {
		{ "link_peers", "link_peers_type" },
		{ "connected_endpoints", "connected_endpoints_type" },
		{ "link_peer", "link_peer_type" },
		{ "connected_endpoint", "connected_endpoint_type" },
	};
	const json_t	*peers = NULL, *tv = NULL, *p;
	enum netbox_type peer_type;
	const char	*field = NULL, *ts;
	char		 sub[512];
	size_t		 i, n;
	int64_t		 pid;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		peers = json_object_get(obj, fields[i][0]);
		if (peers != NULL && !json_is_null(peers)) {
			field = fields[i][0];
			tv = json_object_get(obj, fields[i][1]);
			break;
		}
	}
	if (field == NULL)
		return;
	if (tv == NULL || json_is_null(tv))
		return;		/* nothing connected */
	if (!json_is_string(tv)) {
		fail(r, "%s.%s: expected a string, found %s", path,
		    fields[i][1], type_name(tv));
		return;
	}
	ts = json_string_value(tv);
	if (strcmp(ts, "dcim.powerport") == 0)
		peer_type = NETBOX_PORT;
	else if (strcmp(ts, "dcim.poweroutlet") == 0)
		peer_type = NETBOX_OUTLET;
	else if (strcmp(ts, "dcim.powerfeed") == 0)
		peer_type = NETBOX_FEED;
	else
		return;		/* not power: a console or circuit */
	n = json_is_array(peers) ? json_array_size(peers) : 1;
	if (!json_is_array(peers) && !json_is_object(peers)) {
		fail(r, "%s.%s: expected an array or an object, found %s",
		    path, field, type_name(peers));
		return;
	}
	for (i = 0; i < n; i++) {
		p = json_is_array(peers) ? json_array_get(peers, i) : peers;
		if (json_is_array(peers))
			snprintf(sub, sizeof sub, "%s.%s[%zu]", path, field, i);
		else
			snprintf(sub, sizeof sub, "%s.%s", path, field);
		if (!json_is_object(p)) {
			fail(r, "%s: expected an object, found %s", sub,
			    type_name(p));
			continue;
		}
		if (json_object_get(p, "id") == NULL) {
			fail(r, "%s.id: missing; expected an integer id", sub);
			continue;
		}
		snprintf(sub + strlen(sub), sizeof sub - strlen(sub), ".id");
		if (get_int(r, json_object_get(p, "id"), sub, &pid) == 0)
			netbox_link(r->nb, self, id, peer_type, pid);
	}
}

/* Read the fields of one object of a type (REST object or dumpdata
 * fields).  rest: nested objects carry slugs. */
static void
read_object(struct reader *r, const json_t *f, const char *path,
    enum netbox_type type, int64_t id, int rest)
{
	struct netbox_object	*o;
	int			 e = 0;
	int64_t			 v;

	o = netbox_add(r->nb, type, id);
	o->source = xasprintf("%s: %s", r->name, path);
	if (type != NETBOX_PORT && type != NETBOX_OUTLET)
		e |= get_str(r, f, "name", path, type != NETBOX_DEVICE,
		    &o->name);
	if (type == NETBOX_SITE || type == NETBOX_LOCATION)
		e |= get_str(r, f, "slug", path, 1, &o->slug);
	if (type != NETBOX_PANEL && type != NETBOX_PORT &&
	    type != NETBOX_OUTLET)
		e |= get_status(r, f, path, &o->status);
	switch (type) {
	case NETBOX_SITE:
		if (rest)
			e |= get_nested_slug(r, f, "region", path, &o->region);
		else if ((e |= get_ref(r, f, "region", path, &v)) == 0 &&
		    v != NETBOX_NONE)
			o->region = xasprintf("#%lld", (long long)v);
		break;
	case NETBOX_LOCATION:
		e |= get_ref(r, f, "site", path, &o->site);
		e |= get_ref(r, f, "parent", path, &o->location);
		break;
	case NETBOX_RACK:
	case NETBOX_PANEL:
		e |= get_ref(r, f, "site", path, &o->site);
		e |= get_ref(r, f, "location", path, &o->location);
		break;
	case NETBOX_FEED:
		e |= get_ref(r, f, "power_panel", path, &o->panel);
		e |= get_ref(r, f, "rack", path, &o->rack);
		if (rest)
			link_peers(r, f, path, NETBOX_FEED, id);
		break;
	case NETBOX_PORT:
	case NETBOX_OUTLET:
		e |= get_ref(r, f, "device", path, &o->device);
		if (rest && type == NETBOX_PORT)
			link_peers(r, f, path, NETBOX_PORT, id);
		break;
	case NETBOX_DEVICE:
		e |= get_ref(r, f, "site", path, &o->site);
		e |= get_ref(r, f, "rack", path, &o->rack);
		e |= get_ref(r, f, "location", path, &o->location);
		if (rest) {
			e |= get_nested_slug(r, f, json_object_get(f, "role") !=
			    NULL ? "role" : "device_role", path, &o->role);
			e |= get_nested_slug(r, f, "device_type", path,
			    &o->dtype);
		} else {
			const char *rk = json_object_get(f, "role") != NULL ?
			    "role" : "device_role";
			if ((e |= get_ref(r, f, rk, path, &v)) == 0 &&
			    v != NETBOX_NONE)
				o->role = xasprintf("#%lld", (long long)v);
			if ((e |= get_ref(r, f, "device_type", path, &v)) ==
			    0 && v != NETBOX_NONE)
				o->dtype = xasprintf("#%lld", (long long)v);
		}
		break;
	case NETBOX_CLUSTER:
		e |= get_ref(r, f, "site", path, &o->site);
		if (o->site == NETBOX_NONE && rest) {
			const json_t *st = json_object_get(f, "scope_type");
			if (json_is_string(st) && strcmp(json_string_value(st),
			    "dcim.site") == 0)
				e |= get_ref(r, f, "scope_id", path, &o->site);
		}
		break;
	case NETBOX_VM:
		e |= get_ref(r, f, "site", path, &o->site);
		e |= get_ref(r, f, "cluster", path, &o->cluster);
		e |= get_ref(r, f, "device", path, &o->device);
		break;
	default:
		break;
	}
	(void)e;
}

/* A REST object: its endpoint from its url, else from the file name. */
static void
read_rest_object(struct reader *r, const json_t *obj, const char *path,
    const char *file_name)
{
	enum netbox_type type;
	const json_t	*url, *idv;
	char		 sub[512];
	int64_t		 id;
	int		 known = -1;

	if (!json_is_object(obj)) {
		fail(r, "%s: expected an object, found %s", path,
		    type_name(obj));
		return;
	}
	url = json_object_get(obj, "url");
	if (url != NULL && !json_is_string(url)) {
		fail(r, "%s.url: expected a string, found %s", path,
		    type_name(url));
		return;
	}
	if (url != NULL)
		known = endpoint_of_url(json_string_value(url), &type);
	if (known == -1 && file_name != NULL &&
	    endpoint_of_file(file_name, &type) == 0)
		known = 0;
	if (known == 1) {
		r->nb->ignored++;
		return;
	}
	if (known == -1) {
		fail(r, "%s: cannot tell which NetBox endpoint this object "
		    "comes from: no url naming one, and the file name names "
		    "none (e.g. devices.json)", path);
		return;
	}
	if ((idv = json_object_get(obj, "id")) == NULL) {
		fail(r, "%s.id: missing; expected an integer id", path);
		return;
	}
	snprintf(sub, sizeof sub, "%s.id", path);
	if (get_int(r, idv, sub, &id) != 0)
		return;
	read_object(r, obj, path, type, id, 1);
}

/* Slugs of the lookup tables of a dumpdata (regions, roles, types). */
struct slugs {
	int64_t	*id;
	char	**slug;
	size_t	 n, cap, cap2;
};

static void
slugs_add(struct slugs *s, int64_t id, char *slug)
{
	XGROW(s->id, s->cap, s->n + 1);
	XGROW(s->slug, s->cap2, s->n + 1);
	s->id[s->n] = id;
	s->slug[s->n++] = slug;
}

static void
slugs_free(struct slugs *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->slug[i]);
	free(s->id);
	free(s->slug);
}

/* Replace a "#pk" placeholder by the slug of that pk, or NULL. */
static void
slugs_resolve(const struct slugs *s, char **field)
{
	long long	pk;
	size_t		i;

	if (*field == NULL || (*field)[0] != '#')
		return;
	pk = strtoll(*field + 1, NULL, 10);
	free(*field);
	*field = NULL;
	for (i = s->n; i-- > 0;) {
		if (s->id[i] == pk) {
			*field = s->slug[i] != NULL ? xstrdup(s->slug[i]) : NULL;
			return;
		}
	}
}

struct term {
	int64_t			cable;
	char			end;
	enum netbox_type	type;
	int64_t			id;
};

static int
term_cmp(const void *a, const void *b)
{
	const struct term	*x = a, *y = b;

	if (x->cable != y->cable)
		return x->cable < y->cable ? -1 : 1;
	return x->end - y->end;
}

struct dump {
	struct slugs	 regions, roles, dtypes;
	struct term	*terms;
	size_t		 nterms, terms_cap;
	int64_t		*down;		/* cables not connected */
	size_t		 ndown, down_cap;
};

static void
read_termination(struct reader *r, struct dump *d, const json_t *f,
    const char *path)
{
	const json_t	*tt = json_object_get(f, "termination_type");
	const json_t	*end = json_object_get(f, "cable_end");
	struct term	 t;
	const char	*model;
	char		 sub[1024];

	if (tt == NULL || !json_is_array(tt) || json_array_size(tt) != 2 ||
	    !json_is_string(json_array_get(tt, 0)) ||
	    !json_is_string(json_array_get(tt, 1))) {
		fail(r, "%s.termination_type: expected [app, model] "
		    "(dumpdata --natural-foreign), found %s", path,
		    tt == NULL ? "nothing" : type_name(tt));
		return;
	}
	if (strcmp(json_string_value(json_array_get(tt, 0)), "dcim") != 0)
		return;
	model = json_string_value(json_array_get(tt, 1));
	if (strcmp(model, "powerport") == 0)
		t.type = NETBOX_PORT;
	else if (strcmp(model, "poweroutlet") == 0)
		t.type = NETBOX_OUTLET;
	else if (strcmp(model, "powerfeed") == 0)
		t.type = NETBOX_FEED;
	else
		return;
	if (!json_is_string(end) || (strcmp(json_string_value(end), "A") != 0
	    && strcmp(json_string_value(end), "B") != 0)) {
		fail(r, "%s.cable_end: expected \"A\" or \"B\"", path);
		return;
	}
	t.end = json_string_value(end)[0];
	if (get_ref(r, f, "cable", path, &t.cable) != 0)
		return;
	snprintf(sub, sizeof sub, "%s.termination_id", path);
	if (json_object_get(f, "termination_id") == NULL) {
		fail(r, "%s: missing; expected an integer id", sub);
		return;
	}
	if (get_int(r, json_object_get(f, "termination_id"), sub, &t.id) != 0)
		return;
	XGROW(d->terms, d->terms_cap, d->nterms + 1);
	d->terms[d->nterms++] = t;
}

static void
read_dump_row(struct reader *r, struct dump *d, const json_t *row,
    const char *path)
{
	const json_t	*model, *pk, *f;
	const char	*m;
	char		 sub[512], *s;
	int64_t		 id;
	size_t		 i;

	if (!json_is_object(row)) {
		fail(r, "%s: expected an object, found %s", path,
		    type_name(row));
		return;
	}
	model = json_object_get(row, "model");
	if (!json_is_string(model)) {
		fail(r, "%s.model: expected a string, found %s", path,
		    model == NULL ? "nothing" : type_name(model));
		return;
	}
	m = json_string_value(model);
	f = json_object_get(row, "fields");
	snprintf(sub, sizeof sub, "%s.fields", path);
	if (!json_is_object(f)) {
		fail(r, "%s: expected an object, found %s", sub,
		    f == NULL ? "nothing" : type_name(f));
		return;
	}
	if (strcmp(m, "dcim.cabletermination") == 0) {
		read_termination(r, d, f, sub);
		return;
	}
	pk = json_object_get(row, "pk");
	{
		char pks[512];
		snprintf(pks, sizeof pks, "%s.pk", path);
		if (pk == NULL) {
			fail(r, "%s: missing; expected an integer id", pks);
			return;
		}
		if (get_int(r, pk, pks, &id) != 0)
			return;
	}
	if (strcmp(m, "dcim.region") == 0 || strcmp(m, "dcim.devicerole") ==
	    0 || strcmp(m, "dcim.devicetype") == 0) {
		if (get_str(r, f, "slug", sub, 1, &s) != 0)
			return;
		slugs_add(m[5] == 'r' ? &d->regions : m[11] == 'r' ?
		    &d->roles : &d->dtypes, id, s);
		return;
	}
	if (strcmp(m, "dcim.cable") == 0) {
		if (get_status(r, f, sub, &s) != 0)
			return;
		if (s != NULL && strcmp(s, "connected") != 0) {
			XGROW(d->down, d->down_cap, d->ndown + 1);
			d->down[d->ndown++] = id;
		}
		free(s);
		return;
	}
	for (i = 0; i < NETBOX_NTYPES; i++) {
		if (strcmp(models[i], m) == 0) {
			read_object(r, f, sub, (enum netbox_type)i, id, 0);
			return;
		}
	}
}

static int
cable_down(const struct dump *d, int64_t cable)
{
	size_t	i;

	for (i = 0; i < d->ndown; i++)
		if (d->down[i] == cable)
			return 1;
	return 0;
}

/* Links from the terminations of each cable: every A end to every B end. */
static void
dump_links(struct reader *r, struct dump *d)
{
	size_t	i, j, k, end;

	if (d->nterms > 1)
		qsort(d->terms, d->nterms, sizeof *d->terms, term_cmp);
	for (i = 0; i < d->nterms; i = end) {
		for (end = i; end < d->nterms &&
		    d->terms[end].cable == d->terms[i].cable; end++)
			;
		if (cable_down(d, d->terms[i].cable))
			continue;
		for (j = i; j < end; j++)
			for (k = i; k < end; k++)
				if (d->terms[j].end == 'A' &&
				    d->terms[k].end == 'B')
					netbox_link(r->nb, d->terms[j].type,
					    d->terms[j].id, d->terms[k].type,
					    d->terms[k].id);
	}
}

static void
read_dump(struct reader *r, const json_t *arr, const size_t *before)
{
	struct dump	 d;
	struct netbox_table *t;
	char		 path[64];
	size_t		 i;

	memset(&d, 0, sizeof d);
	for (i = 0; i < json_array_size(arr); i++) {
		snprintf(path, sizeof path, "$[%zu]", i);
		read_dump_row(r, &d, json_array_get(arr, i), path);
	}
	dump_links(r, &d);
	t = &r->nb->t[NETBOX_SITE];
	for (i = before[NETBOX_SITE]; i < t->n; i++)
		slugs_resolve(&d.regions, &t->v[i].region);
	t = &r->nb->t[NETBOX_DEVICE];
	for (i = before[NETBOX_DEVICE]; i < t->n; i++) {
		slugs_resolve(&d.roles, &t->v[i].role);
		slugs_resolve(&d.dtypes, &t->v[i].dtype);
	}
	slugs_free(&d.regions);
	slugs_free(&d.roles);
	slugs_free(&d.dtypes);
	free(d.terms);
	free(d.down);
}

int
netbox_json_read(struct netbox *nb, const char *text, size_t len,
    const char *name, const char *file_name, struct netbox_page *page,
    struct diag_list *dl)
{
	struct reader	 r;
	json_error_t	 err;
	json_t		*doc, *results, *v, *first;
	size_t		 before[NETBOX_NTYPES], i;
	char		 path[64];

	memset(page, 0, sizeof *page);
	page->count = -1;
	r.nb = nb;
	r.name = name;
	r.dl = dl;
	r.errors = 0;
	for (i = 0; i < NETBOX_NTYPES; i++)
		before[i] = nb->t[i].n;
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL |
	    JSON_DECODE_ANY,
	    &err);
	if (doc == NULL) {
		diag_add(dl, DIAG_ERROR, name, (unsigned)(err.line > 0 ?
		    err.line : 0), (unsigned)(err.column > 0 ? err.column : 1),
		    "invalid JSON: %s", err.text);
		return -1;
	}
	if (json_is_array(doc)) {
		page->nresults = json_array_size(doc);
		first = json_array_get(doc, 0);
		if (json_is_object(first) && json_object_get(first, "model") !=
		    NULL)
			read_dump(&r, doc, before);
		else
			for (i = 0; i < json_array_size(doc); i++) {
				snprintf(path, sizeof path, "$[%zu]", i);
				read_rest_object(&r, json_array_get(doc, i),
				    path, file_name);
			}
	} else if (json_is_object(doc) &&
	    (results = json_object_get(doc, "results")) != NULL) {
		if (!json_is_array(results))
			fail(&r, "$.results: expected an array, found %s",
			    type_name(results));
		else
			page->nresults = json_array_size(results);
		for (i = 0; json_is_array(results) &&
		    i < json_array_size(results); i++) {
			snprintf(path, sizeof path, "$.results[%zu]", i);
			read_rest_object(&r, json_array_get(results, i), path,
			    file_name);
		}
		v = json_object_get(doc, "count");
		if (v != NULL && !json_is_integer(v))
			fail(&r, "$.count: expected an integer, found %s",
			    type_name(v));
		else if (v != NULL)
			page->count = (long long)json_integer_value(v);
		v = json_object_get(doc, "next");
		if (v != NULL && !json_is_null(v) && !json_is_string(v))
			fail(&r, "$.next: expected a string or null, found %s",
			    type_name(v));
		else if (v != NULL && json_is_string(v))
			page->next = xstrdup(json_string_value(v));
	} else
		fail(&r, "$: not a NetBox export: expected a REST API page "
		    "(an object with results), an array of REST objects or "
		    "a dumpdata array, found %s", type_name(doc));
	json_decref(doc);
	return r.errors == 0 ? 0 : -1;
}
