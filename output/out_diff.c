/*
 * out_diff.c -- `faultline diff` as text or JSON (see out_diff.h).  The
 * findings keep their sorted order; the JSON finding objects have the keys
 * of `check --format json` in the same order.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "out_diff.h"
#include "out_utf8.h"

#define OUT_DIFF_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* Which findings of a list a section shows. */
enum section {
	SECTION_NEW,		/* of NEW, not baselined */
	SECTION_RESOLVED,	/* of OLD, not baselined */
	SECTION_UNCHANGED	/* of NEW, baselined */
};

static int
in_section(const struct finding *f, enum section section)
{
	return section == SECTION_UNCHANGED ? f->baselined : !f->baselined;
}

static size_t
section_count(const struct findings *fl, enum section section)
{
	size_t	i, n = 0;

	for (i = 0; i < fl->n; i++)
		n += in_section(&fl->v[i], section) != 0;
	return n;
}

static void
text_section(FILE *fp, const char *title, const struct inventory *inv,
    const struct findings *fl, enum section section)
{
	const struct finding	*f;
	const char		*file;
	size_t			 i;

	fprintf(fp, "%s: %zu\n", title, section_count(fl, section));
	for (i = 0; i < fl->n; i++) {
		f = &fl->v[i];
		if (!in_section(f, section))
			continue;
		if (f->has_mark &&
		    (file = inventory_file(inv, f->mark.file)) != NULL)
			fprintf(fp, "%s:%u:%u: ", file, (unsigned)f->mark.line,
			    (unsigned)f->mark.column);
		fprintf(fp, "%s: [%s] %s", inventory_severity_name(f->severity),
		    findings_rule_id(f->rule), f->message != NULL ?
		    f->message : "");
		if (f->waived)
			fprintf(fp, " (waived: %s)", f->waiver_reason != NULL ?
			    f->waiver_reason : "");
		fputc('\n', fp);
	}
}

int
out_diff_text(FILE *fp, const struct inventory *old_inv,
    const struct findings *old_fl, const struct inventory *new_inv,
    const struct findings *new_fl)
{
	text_section(fp, "new", new_inv, new_fl, SECTION_NEW);
	text_section(fp, "resolved", old_inv, old_fl, SECTION_RESOLVED);
	fprintf(fp, "unchanged: %zu\n", section_count(new_fl,
	    SECTION_UNCHANGED));
	return ferror(fp) ? -1 : 0;
}

/* A JSON string of s (null for NULL); bytes that are not UTF-8 become
 * U+FFFD. */
static json_t *
jstr(const char *s)
{
	json_t	*j;
	char	*fixed;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	fixed = out_utf8_fix(s);
	j = json_string(fixed);
	free(fixed);
	return j != NULL ? j : json_string("");
}

static json_t *
finding_object(const struct inventory *inv, const struct finding *f)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "rule", jstr(findings_rule_id(f->rule)));
	json_object_set_new(o, "severity",
	    jstr(inventory_severity_name(f->severity)));
	json_object_set_new(o, "subject", jstr(f->subject));
	json_object_set_new(o, "cause", jstr(f->cause));
	json_object_set_new(o, "message", jstr(f->message));
	if (f->has_mark && inventory_file(inv, f->mark.file) != NULL) {
		json_object_set_new(o, "file",
		    jstr(inventory_file(inv, f->mark.file)));
		json_object_set_new(o, "line", json_integer(f->mark.line));
		json_object_set_new(o, "column", json_integer(f->mark.column));
	} else {
		json_object_set_new(o, "file", json_null());
		json_object_set_new(o, "line", json_integer(0));
		json_object_set_new(o, "column", json_integer(0));
	}
	json_object_set_new(o, "policy", jstr(f->policy));
	json_object_set_new(o, "path", jstr(f->path));
	json_object_set_new(o, "waived", json_boolean(f->waived));
	if (f->waived)
		json_object_set_new(o, "waiver_reason",
		    jstr(f->waiver_reason != NULL ? f->waiver_reason : ""));
	return o;
}

static json_t *
json_section(const struct inventory *inv, const struct findings *fl,
    enum section section)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < fl->n; i++)
		if (in_section(&fl->v[i], section))
			json_array_append_new(arr,
			    finding_object(inv, &fl->v[i]));
	return arr;
}

int
out_diff_json(FILE *fp, const struct inventory *old_inv,
    const struct findings *old_fl, const struct inventory *new_inv,
    const struct findings *new_fl)
{
	json_t	*root;
	int	 error;

	root = json_object();
	json_object_set_new(root, "faultline", json_integer(1));
	json_object_set_new(root, "new", json_section(new_inv, new_fl,
	    SECTION_NEW));
	json_object_set_new(root, "resolved", json_section(old_inv, old_fl,
	    SECTION_RESOLVED));
	json_object_set_new(root, "unchanged", json_section(new_inv, new_fl,
	    SECTION_UNCHANGED));
	error = json_dumpf(root, fp, OUT_DIFF_FLAGS);
	json_decref(root);
	if (error != 0 || fputc('\n', fp) == EOF || ferror(fp))
		return -1;
	return 0;
}
