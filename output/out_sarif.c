/*
 * out_sarif.c -- `check --format sarif` (SARIF 2.1.0), written with
 * jansson in a fixed key order.  Rules are listed in enum rule order, so
 * ruleIndex is the rule's enum value; results keep the findings' order.
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
#include "out_sarif.h"
#include "out_utf8.h"
#include "xalloc.h"

#define OUT_SARIF_FLAGS		(JSON_INDENT(2) | JSON_PRESERVE_ORDER)
#define OUT_SARIF_SCHEMA	"https://json.schemastore.org/sarif-2.1.0.json"

/* What every result needs: the inventory and the URI of each file. */
struct sarif {
	const struct inventory	*inv;
	char			**uris;
	int			 baseline;	/* judged against a baseline */
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

/* A physicalLocation at a mark of the inventory, or of a whole file. */
static json_t *
physical(const struct sarif *sa, uint32_t file, uint32_t line,
    uint32_t column)
{
	json_t	*pl, *al, *region;

	if (sa->inv == NULL || file >= sa->inv->nfiles)
		return NULL;
	pl = json_object();
	al = json_object();
	json_object_set_new(al, "uri", jstr(sa->uris[file]));
	json_object_set_new(pl, "artifactLocation", al);
	if (line != 0) {
		region = json_object();
		json_object_set_new(region, "startLine", json_integer(line));
		if (column != 0)
			json_object_set_new(region, "startColumn",
			    json_integer(column));
		json_object_set_new(pl, "region", region);
	}
	return pl;
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
	char		*kind;
	int		 k;
	uint32_t	 i;

	if (cause == NULL || (colon = strchr(cause, ':')) == NULL)
		return NULL;
	kind = xstrndup(cause, (size_t)(colon - cause));
	k = inventory_kind_parse(kind);
	free(kind);
	if (k == -1)
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

/* Append a related location (numbered from 1) at mark m, "what: ref". */
static void
related(const struct sarif *sa, json_t *arr, struct mark m, const char *what,
    const char *ref)
{
	json_t	*loc, *pl;
	char	*text;

	if ((pl = physical(sa, m.file, m.line, m.column)) == NULL)
		return;
	loc = json_object();
	json_object_set_new(loc, "id", json_integer(
	    (json_int_t)json_array_size(arr) + 1));
	json_object_set_new(loc, "physicalLocation", pl);
	text = xasprintf("%s: %s", what, ref);
	json_object_set_new(loc, "message", message(text));
	free(text);
	json_array_append_new(arr, loc);
}

static json_t *
result_object(const struct sarif *sa, const struct finding *f)
{
	const struct inventory	*inv = sa->inv;
	const struct entity	*e;
	json_t			*o, *loc, *pl, *arr, *props, *sup;
	char			 fp[65], *text, *more;
	uint32_t		 file;
	size_t			 i;

	o = json_object();
	json_object_set_new(o, "ruleId", jstr(findings_rule_id(f->rule)));
	json_object_set_new(o, "ruleIndex", json_integer(f->rule));
	json_object_set_new(o, "level", jstr(level(f->severity)));
	/* Code-scanning UIs show the message, not properties: the path and
	 * the implied causes go into its text. */
	text = xasprintf("%s%s%s%s%s", f->message != NULL ? f->message : "",
	    f->path != NULL ? "\nPath: " : "", f->path != NULL ? f->path : "",
	    f->nimplied > 0 ? "\nAlso: " : "", f->nimplied > 0 ?
	    f->implied[0] : "");
	for (i = 1; i < f->nimplied; i++) {
		more = xasprintf("%s, %s", text, f->implied[i]);
		free(text);
		text = more;
	}
	json_object_set_new(o, "message", message(text));
	free(text);

	pl = NULL;
	if (inv != NULL && f->has_anchor && f->anchor.file < inv->nfiles)
		pl = physical(sa, f->anchor.file, f->anchor.line,
		    f->anchor.column);
	else if (inv != NULL && f->has_mark)
		pl = physical(sa, f->mark.file, f->mark.line, f->mark.column);
	else if (inv != NULL && subject_file(inv, f, &file))
		pl = physical(sa, file, 0, 0);
	if (pl != NULL) {
		loc = json_object();
		json_object_set_new(loc, "physicalLocation", pl);
		arr = json_array();
		json_array_append_new(arr, loc);
		json_object_set_new(o, "locations", arr);
	}

	arr = json_array();
	if (inv != NULL && f->has_anchor && f->has_mark)
		related(sa, arr, f->mark, "subject", f->subject);
	if (inv != NULL && (e = cause_entity(inv, f->cause)) != NULL)
		related(sa, arr, e->mark, "cause", f->cause);
	for (i = 0; inv != NULL && i < f->nimplied; i++)
		if ((e = cause_entity(inv, f->implied[i])) != NULL)
			related(sa, arr, e->mark, "implied cause",
			    f->implied[i]);
	if (json_array_size(arr) > 0)
		json_object_set_new(o, "relatedLocations", arr);
	else
		json_decref(arr);

	out_sarif_fingerprint(f, fp);
	props = json_object();
	json_object_set_new(props, "faultline/v1", json_string(fp));
	json_object_set_new(o, "partialFingerprints", props);

	if (sa->baseline)
		json_object_set_new(o, "baselineState", json_string(
		    f->baselined ? "unchanged" : "new"));
	if (f->waived) {
		sup = json_object();
		json_object_set_new(sup, "kind", json_string("external"));
		json_object_set_new(sup, "justification",
		    jstr(f->waiver_reason != NULL ? f->waiver_reason : ""));
		arr = json_array();
		json_array_append_new(arr, sup);
		json_object_set_new(o, "suppressions", arr);
	}

	props = json_object();
	if (f->subject != NULL)
		json_object_set_new(props, "subject", jstr(f->subject));
	if (f->cause != NULL)
		json_object_set_new(props, "cause", jstr(f->cause));
	if (f->policy != NULL)
		json_object_set_new(props, "policy", jstr(f->policy));
	if (f->path != NULL)
		json_object_set_new(props, "path", jstr(f->path));
	if (f->culprit != NULL)
		json_object_set_new(props, "culprit", jstr(f->culprit));
	json_object_set_new(o, "properties", props);
	return o;
}

/* Write a value as jansson dumps it, each line after the first indented. */
static int
dump_indented(FILE *fp, json_t *j, int indent)
{
	char	*text, *p, *nl;

	if ((text = json_dumps(j, OUT_SARIF_FLAGS)) == NULL)
		return -1;
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		fwrite(p, 1, (size_t)(nl + 1 - p), fp);
		fprintf(fp, "%*s", indent, "");
	}
	fputs(p, fp);
	free(text);
	return 0;
}

/*
 * The log is dumped around an empty results list, and the results are
 * written into it one at a time, so memory holds one result, not the
 * whole log; the bytes are those of dumping the whole log at once.
 */
int
out_sarif_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *fl)
{
	static const char	 marker[] = "\"results\": []";
	struct sarif		 sa;
	json_t			*root, *run, *tool, *driver, *runs, *r;
	char			*text, *at, **rel;
	size_t			 i;
	int			 error = 0;

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

	sa.inv = inv;
	sa.uris = NULL;
	sa.baseline = fl->has_baseline;
	if ((rel = out_sarif_relpaths(inv)) != NULL) {
		sa.uris = xcalloc(inv->nfiles, sizeof *sa.uris);
		for (i = 0; i < inv->nfiles; i++)
			sa.uris[i] = path_uri(rel[i]);
		out_sarif_relpaths_free(inv, rel);
	}
	fwrite(text, 1, (size_t)(at - text), fp);
	fputs("\"results\": [", fp);
	for (i = 0; i < fl->n && error == 0; i++) {
		fputs(i > 0 ? ",\n        " : "\n        ", fp);
		r = result_object(&sa, &fl->v[i]);
		error = dump_indented(fp, r, 8);
		json_decref(r);
	}
	fputs(fl->n > 0 ? "\n      ]" : "]", fp);
	fputs(at + sizeof marker - 1, fp);
	free(text);
	out_sarif_relpaths_free(inv, sa.uris);
	if (error != 0 || fputc('\n', fp) == EOF || ferror(fp))
		return -1;
	return 0;
}
