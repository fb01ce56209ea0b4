/*
 * out_sarif.c -- `check --format sarif` (SARIF 2.1.0), in jansson's
 * indented layout with a fixed key order: the tool and its rules dumped
 * by jansson, the results streamed by jsonw.h.  Rules are listed in enum
 * rule order, so ruleIndex is the rule's enum value; results keep the findings' order.
 * Locations are the subject's definition (the entity's "id:" line), the
 * cause's definition is a related location, and the fingerprint hashes
 * rule, subject and cause so it survives moved or reformatted lines.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "config.h"
#include "digest.h"
#include "jsonw.h"
#include "out_sarif.h"
#include "out_utf8.h"
#include "xalloc.h"

#define OUT_SARIF_FLAGS		(JSON_INDENT(2) | JSON_PRESERVE_ORDER)
#define OUT_SARIF_SCHEMA	"https://json.schemastore.org/sarif-2.1.0.json"

/*
 * What every result needs: the inventory, the URI of each file, and a
 * buffer to compose messages in (one per thread writing results).
 */
struct sarif {
	const struct inventory	*inv;
	const struct analysis	*a;		/* NULL: the inventory is
						 * invalid */
	const struct findings	*fl;
	char			**uris;
	int			 baseline;	/* judged against a baseline */
	struct finding_text	 text;		/* a message being composed */
	struct finding_text	 message;	/* of the finding */
	struct finding_text	 path;
};

static const struct {
	const char	*name;
	const char	*level;
	const char	*short_text;
	const char	*full_text;
	const char	*help;
} rule_info[RULE_COUNT] = {
	[RULE_SPOF] = { "SinglePointOfFailure", "error",
	    "Single point of failure",
	    "A single site, power domain, rack or host takes the service "
	    "down. Severity is error for tier 1 and 2, warning for tier 3, "
	    "or what the selecting policy says.",
	    "Run the service on hosts in more than one failure domain (site, "
	    "power feed, rack) so that min_up instances stay up after any "
	    "single fault, including the faults of its hard dependencies; or "
	    "waive the finding with a reason and an expiry date." },
	[RULE_SINGLE_SITE_TOOL] = { "SingleSiteTool", "error",
	    "Operations tool confined to one site",
	    "A service of kind tool goes down with one site, counting its "
	    "dependencies: the tools needed to drive a failover would burn "
	    "with the site.",
	    "Run the tool, and everything it hard-depends on, in at least "
	    "two sites." },
	[RULE_RECOVERY_BLOCKED] = { "RecoveryBlocked", "error",
	    "Recovery blocked by the same fault",
	    "A single fault that takes the service down or degrades it also "
	    "takes down a tool listed in its recovery or in the via of one of "
	    "its standby groups, so the outage cannot be driven to recovery. "
	    "Error (tier 1-2) or warning when the service goes down; warning "
	    "or note when it is only degraded.",
	    "Place the recovery and failover tools in failure domains "
	    "independent of the services they recover." },
	[RULE_FAILOVER_LOOP] = { "FailoverLoop", "warning",
	    "Failover through a tool that needs the service",
	    "A failover tool (via) of a standby group needs the service it "
	    "switches, through hard dependencies and other failovers: when "
	    "the service is down, so is the tool, and the failover cannot "
	    "happen.",
	    "Make the failover automatic, or run the tool without depending "
	    "on the service it switches." },
	[RULE_CYCLE] = { "DependencyCycle", "warning",
	    "Hard-dependency cycle",
	    "Services hard-depend on each other in a cycle: they share fate, "
	    "and none of them can be cold-started after a full outage.",
	    "Break the cycle: make one of the dependencies soft (degraded, "
	    "not down) or remove it." },
	[RULE_TIER_INVERSION] = { "TierInversion", "warning",
	    "Hard dependency on a less critical tier",
	    "A service hard-depends on a service of a less critical tier, "
	    "whose availability target is lower than its own.",
	    "Raise the dependency's tier, or make the dependency soft." },
	[RULE_WAIVER_EXPIRED] = { "WaiverExpired", "warning",
	    "Expired waiver",
	    "A waiver is past its expiry date: it no longer applies, and the "
	    "findings it covered count again.",
	    "Fix the findings it covered, or renew the waiver with a new "
	    "date and reason." },
	[RULE_SCHEMA] = { "InvalidInventory", "error",
	    "Invalid inventory",
	    "The inventory cannot be used: a YAML error, an unknown key, a "
	    "broken reference or another violated rule of the inventory "
	    "format.",
	    "Fix the inventory at the reported position; faultline exits "
	    "with status 2 until it is valid." }
};

/* A JSON string of s; bytes that are not UTF-8 become U+FFFD. */
static json_t *
jstr(const char *s)
{
	json_t	*j;
	char	*fixed;

	if ((j = json_string(s)) != NULL)
		return j;
	fixed = out_utf8_fix(s);
	j = json_string(fixed);
	free(fixed);
	return j != NULL ? j : json_string("");
}

static json_t *
message(const char *text)
{
	json_t	*o = json_object();

	json_object_set_new(o, "text", jstr(text));
	return o;
}

char *
out_sarif_relpath(const char *path)
{
	char	*cwd;
	size_t	 len;

	if (path[0] == '/' && (cwd = getcwd(NULL, 0)) != NULL) {
		len = strlen(cwd);
		if (len == 1)
			len = 0;
		if (strncmp(path, cwd, len) == 0 && path[len] == '/' &&
		    path[len + 1] != '\0')
			path += len + 1;
		free(cwd);
	}
	while (path[0] == '.' && path[1] == '/' && path[2] != '\0') {
		path += 2;
		while (path[0] == '/' && path[1] != '\0')
			path++;
	}
	return xstrdup(path);
}

char **
out_sarif_relpaths(const struct inventory *inv)
{
	char	**v;
	size_t	  i;

	if (inv == NULL || inv->nfiles == 0)
		return NULL;
	v = xcalloc(inv->nfiles, sizeof *v);
	for (i = 0; i < inv->nfiles; i++)
		v[i] = out_sarif_relpath(inv->files[i]);
	return v;
}

void
out_sarif_relpaths_free(const struct inventory *inv, char **v)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < inv->nfiles; i++)
		free(v[i]);
	free(v);
}

/* A URI reference for a path: relative stays relative, absolute is file://. */
static char *
path_uri(const char *rel)
{
	static const char	 xd[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*out, *q;

	out = xmalloc(strlen(rel) * 3 + sizeof "file://");
	q = out;
	if (rel[0] == '/') {
		memcpy(q, "file://", 7);
		q += 7;
	}
	for (p = (const unsigned char *)rel; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			*q++ = (char)*p;
		else {
			*q++ = '%';
			*q++ = xd[*p >> 4];
			*q++ = xd[*p & 0xf];
		}
	}
	*q = '\0';
	return out;
}

void
out_sarif_fingerprint(const struct finding *f, char out[65])
{
	struct digest	 d;
	const char	*rule = findings_rule_id(f->rule);

	digest_init(&d);
	digest_update(&d, rule, strlen(rule) + 1);
	digest_update(&d, f->subject != NULL ? f->subject : "",
	    (f->subject != NULL ? strlen(f->subject) : 0) + 1);
	if (f->cause != NULL)
		digest_update(&d, f->cause, strlen(f->cause));
	digest_final_hex(&d, out);
}

/* Whether a mark of the inventory can be a location. */
static int
locatable(const struct sarif *sa, uint32_t file)
{
	return sa->inv != NULL && file < sa->inv->nfiles;
}

/* A physicalLocation object at depth: of a mark, or of a whole file. */
static void
physical(struct jw *w, unsigned depth, const struct sarif *sa, uint32_t file,
    uint32_t line, uint32_t column)
{
	jw_raw(w, "{", 1);
	jw_key(w, depth, 1, "artifactLocation");
	jw_raw(w, "{", 1);
	jw_key(w, depth + 1, 1, "uri");
	jw_string(w, sa->uris[file]);
	jw_end_object(w, depth + 1);
	if (line != 0) {
		jw_key(w, depth, 0, "region");
		jw_raw(w, "{", 1);
		jw_key(w, depth + 1, 1, "startLine");
		jw_uint(w, line);
		if (column != 0) {
			jw_key(w, depth + 1, 0, "startColumn");
			jw_uint(w, column);
		}
		jw_end_object(w, depth + 1);
	}
	jw_end_object(w, depth);
}

/* The file a finding without a mark is about ("file:PATH"), if any. */
static int
subject_file(const struct inventory *inv, const struct finding *f,
    uint32_t *file)
{
	size_t	i;

	if (f->subject == NULL || strncmp(f->subject, "file:", 5) != 0)
		return 0;
	for (i = 0; i < inv->nfiles; i++) {
		if (strcmp(inv->files[i], f->subject + 5) == 0) {
			*file = (uint32_t)i;
			return 1;
		}
	}
	return 0;
}

/* The definition of the cause entity ("kind:id"), if it is one. */
static const struct entity *
cause_entity(const struct inventory *inv, const char *cause)
{
	const char	*colon;
	char		 kind[16];
	size_t		 len;
	int		 k;
	uint32_t	 i;

	if (cause == NULL || (colon = strchr(cause, ':')) == NULL ||
	    (len = (size_t)(colon - cause)) >= sizeof kind)
		return NULL;
	memcpy(kind, cause, len);
	kind[len] = '\0';
	if ((k = inventory_kind_parse(kind)) == -1)
		return NULL;
	i = inventory_find(inv, (enum entity_kind)k, colon + 1);
	if (i == INDEX_NONE || i >= inventory_count(inv, (enum entity_kind)k))
		return NULL;
	return inventory_entity(inv, (enum entity_kind)k, i);
}

static const char *
level(enum severity severity)
{
	switch (severity) {
	case SEVERITY_ERROR:
		return "error";
	case SEVERITY_WARNING:
		return "warning";
	case SEVERITY_NOTE:
		return "note";
	default:
		return "none";
	}
}

static json_t *
rules_array(void)
{
	json_t	*arr, *r, *cfg;
	int	 i;

	arr = json_array();
	for (i = 0; i < RULE_COUNT; i++) {
		r = json_object();
		json_object_set_new(r, "id",
		    jstr(findings_rule_id((enum rule)i)));
		json_object_set_new(r, "name", jstr(rule_info[i].name));
		json_object_set_new(r, "shortDescription",
		    message(rule_info[i].short_text));
		json_object_set_new(r, "fullDescription",
		    message(rule_info[i].full_text));
		json_object_set_new(r, "help", message(rule_info[i].help));
		cfg = json_object();
		json_object_set_new(cfg, "level", jstr(rule_info[i].level));
		json_object_set_new(r, "defaultConfiguration", cfg);
		json_array_append_new(arr, r);
	}
	return arr;
}

/* A message object {"text": ...} at depth. */
static void
message_object(struct jw *w, unsigned depth, const char *text)
{
	jw_raw(w, "{", 1);
	jw_key(w, depth, 1, "text");
	jw_string(w, text);
	jw_end_object(w, depth);
}

/*
 * The message of a result: code-scanning UIs show the message, not
 * properties, so the path and the implied causes go into its text.
 */
static const char *
result_text(struct sarif *sa, const struct finding *f, const char *path)
{
	const char	*message = finding_message(sa->fl, f, &sa->message);
	size_t		 i;

	sa->text.len = 0;
	finding_text_puts(&sa->text, message != NULL ? message : "");
	if (path != NULL) {
		finding_text_puts(&sa->text, "\nPath: ");
		finding_text_puts(&sa->text, path);
	}
	for (i = 0; i < f->nimplied; i++) {
		finding_text_puts(&sa->text, i == 0 ? "\nAlso: " : ", ");
		finding_text_puts(&sa->text, f->implied[i]);
	}
	return sa->text.s;
}

/* A related location at mark m, "what: ref": item *n of the array. */
static void
related(struct jw *w, struct sarif *sa, size_t *n, struct mark m,
    const char *what, const char *ref)
{
	if (!locatable(sa, m.file))
		return;
	if (*n == 0) {
		jw_key(w, 4, 0, "relatedLocations");
		jw_raw(w, "[", 1);
	}
	jw_item(w, 5, *n);
	(*n)++;
	jw_raw(w, "{", 1);
	jw_key(w, 6, 1, "id");
	jw_uint(w, *n);
	jw_key(w, 6, 0, "physicalLocation");
	physical(w, 7, sa, m.file, m.line, m.column);
	jw_key(w, 6, 0, "message");
	sa->text.len = 0;
	finding_text_puts(&sa->text, what);
	finding_text_puts(&sa->text, ": ");
	finding_text_puts(&sa->text, ref);
	message_object(w, 7, sa->text.s);
	jw_end_object(w, 6);
}

/* The location of a result: the anchor, else the subject, else its file. */
static void
result_location(struct jw *w, struct sarif *sa, const struct finding *f)
{
	uint32_t	file, line = 0, column = 0;

	if (sa->inv == NULL)
		return;
	if (f->has_anchor && locatable(sa, f->anchor.file)) {
		file = f->anchor.file;
		line = f->anchor.line;
		column = f->anchor.column;
	} else if (f->has_mark) {
		if (!locatable(sa, f->mark.file))
			return;
		file = f->mark.file;
		line = f->mark.line;
		column = f->mark.column;
	} else if (!subject_file(sa->inv, f, &file))
		return;
	jw_key(w, 4, 0, "locations");
	jw_raw(w, "[", 1);
	jw_item(w, 5, 0);
	jw_raw(w, "{", 1);
	jw_key(w, 6, 1, "physicalLocation");
	physical(w, 7, sa, file, line, column);
	jw_end_object(w, 6);
	jw_end_array(w, 5, 1);
}

/* The cause's entity: its component, else by its ref. */
static const struct entity *
finding_cause(const struct sarif *sa, const struct finding *f)
{
	const struct analysis	*a = sa->a;
	uint32_t		 c = f->cause_comp;

	if (f->cause == NULL)
		return NULL;
	if (a == NULL || c == INDEX_NONE || c >= a->base[KIND_COUNT])
		return cause_entity(sa->inv, f->cause);
	return inventory_entity(sa->inv, analysis_component_kind(a, c),
	    analysis_component_index(a, c));
}

static void
result_related(struct jw *w, struct sarif *sa, const struct finding *f)
{
	const struct inventory	*inv = sa->inv;
	const struct entity	*e;
	size_t			 i, n = 0;

	if (inv == NULL)
		return;
	if (f->has_anchor && f->has_mark)
		related(w, sa, &n, f->mark, "subject", f->subject);
	if ((e = finding_cause(sa, f)) != NULL)
		related(w, sa, &n, e->mark, "cause", f->cause);
	for (i = 0; i < f->nimplied; i++)
		if ((e = cause_entity(inv, f->implied[i])) != NULL)
			related(w, sa, &n, e->mark, "implied cause",
			    f->implied[i]);
	if (n > 0)
		jw_end_array(w, 5, n);
}

/* A member of the properties object, when its value is there. */
static void
property(struct jw *w, int *first, const char *key, const char *value)
{
	if (value == NULL)
		return;
	if (*first)
		jw_raw(w, "{", 1);
	jw_key(w, 5, *first, key);
	jw_string(w, value);
	*first = 0;
}

/* One result, an object at depth 4 (the results array is at depth 3). */
static void
result_object(struct jw *w, struct sarif *sa, const struct finding *f)
{
	const char	*path = finding_path(sa->fl, f, &sa->path);
	char		 fp[65];
	int		 first = 1;

	jw_raw(w, "{", 1);
	jw_key(w, 4, 1, "ruleId");
	jw_string(w, findings_rule_id(f->rule));
	jw_key(w, 4, 0, "ruleIndex");
	jw_uint(w, (size_t)f->rule);
	jw_key(w, 4, 0, "level");
	jw_string(w, level(f->severity));
	jw_key(w, 4, 0, "message");
	message_object(w, 5, result_text(sa, f, path));
	result_location(w, sa, f);
	result_related(w, sa, f);

	out_sarif_fingerprint(f, fp);
	jw_key(w, 4, 0, "partialFingerprints");
	jw_raw(w, "{", 1);
	jw_key(w, 5, 1, "faultline/v1");
	jw_string(w, fp);
	jw_end_object(w, 5);

	if (sa->baseline) {
		jw_key(w, 4, 0, "baselineState");
		jw_string(w, f->baselined ? "unchanged" : "new");
	}
	if (f->waived) {
		jw_key(w, 4, 0, "suppressions");
		jw_raw(w, "[", 1);
		jw_item(w, 5, 0);
		jw_raw(w, "{", 1);
		jw_key(w, 6, 1, "kind");
		jw_string(w, "external");
		jw_key(w, 6, 0, "justification");
		jw_string(w, f->waiver_reason != NULL ? f->waiver_reason : "");
		jw_end_object(w, 6);
		jw_end_array(w, 5, 1);
	}

	jw_key(w, 4, 0, "properties");
	property(w, &first, "subject", f->subject);
	property(w, &first, "cause", f->cause);
	property(w, &first, "policy", f->policy);
	property(w, &first, "path", path);
	property(w, &first, "culprit", f->culprit);
	if (first)
		jw_raw(w, "{}", 2);
	else
		jw_end_object(w, 5);
	jw_end_object(w, 4);
}

/* Result i, an item of the results array (depth 3). */
static void
result_item(struct jw *w, void *arg, size_t i)
{
	struct sarif	*sa = arg;

	jw_item(w, 3, i);
	result_object(w, sa, &sa->fl->v[i]);
}

/*
 * The log around the results (the tool and its rules) is dumped by
 * jansson around an empty results list; the results are streamed into it
 * in the same layout, so the bytes are those of dumping the whole log at
 * once, and memory holds no result.
 */
int
out_sarif_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *fl)
{
	static const char	 marker[] = "\"results\": []";
	struct sarif		 sa, sa2;
	struct jw		 w;
	void			*ctx[2] = { &sa, &sa2 };
	json_t			*root, *run, *tool, *driver, *runs;
	char			*text, *at, **rel;
	size_t			 i;

	driver = json_object();
	json_object_set_new(driver, "name", json_string("faultline"));
	json_object_set_new(driver, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(driver, "informationUri", jstr(PACKAGE_URL));
	json_object_set_new(driver, "rules", rules_array());
	tool = json_object();
	json_object_set_new(tool, "driver", driver);

	run = json_object();
	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "columnKind",
	    json_string("unicodeCodePoints"));
	json_object_set_new(run, "results", json_array());
	runs = json_array();
	json_array_append_new(runs, run);

	root = json_object();
	json_object_set_new(root, "$schema", json_string(OUT_SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(root, "runs", runs);
	text = json_dumps(root, OUT_SARIF_FLAGS);
	json_decref(root);
	if (text == NULL || (at = strstr(text, marker)) == NULL) {
		free(text);
		return -1;
	}

	memset(&sa, 0, sizeof sa);
	sa.inv = inv;
	sa.a = a;
	sa.fl = fl;
	sa.baseline = fl->has_baseline;
	if ((rel = out_sarif_relpaths(inv)) != NULL) {
		sa.uris = xcalloc(inv->nfiles, sizeof *sa.uris);
		for (i = 0; i < inv->nfiles; i++)
			sa.uris[i] = path_uri(rel[i]);
		out_sarif_relpaths_free(inv, rel);
	}
	jw_open(&w, fp);
	jw_raw(&w, text, (size_t)(at - text));
	jw_raw(&w, "\"results\": [", 12);
	sa2 = sa;
	jw_items(&w, fl->n, result_item, ctx);
	jw_end_array(&w, 3, fl->n);
	jw_raw(&w, at + sizeof marker - 1, strlen(at + sizeof marker - 1));
	free(text);
	finding_text_free(&sa.text);
	finding_text_free(&sa2.text);
	finding_text_free(&sa.message);
	finding_text_free(&sa.path);
	finding_text_free(&sa2.message);
	finding_text_free(&sa2.path);
	out_sarif_relpaths_free(inv, sa.uris);
	return jw_close(&w);
}
