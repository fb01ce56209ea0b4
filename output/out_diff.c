/*
 * out_diff.c -- `faultline diff` as text or JSON (see out_diff.h).  The
 * findings keep their sorted order; each JSON finding object is written by
 * out_json.c, so it is the object of `check --format json`.
 */
#include <stdio.h>
#include <string.h>

#include "out_diff.h"
#include "out_json.h"
#include "out_utf8.h"

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
	struct finding_text	 t;
	const char		*file, *text;
	size_t			 i;

	memset(&t, 0, sizeof t);
	fprintf(fp, "%s: %zu\n", title, section_count(fl, section));
	for (i = 0; i < fl->n; i++) {
		f = &fl->v[i];
		if (!in_section(f, section))
			continue;
		if (f->has_mark &&
		    (file = inventory_file(inv, f->mark.file)) != NULL) {
			out_utf8_put_clean(fp, file);
			fprintf(fp, ":%u:%u: ", (unsigned)f->mark.line,
			    (unsigned)f->mark.column);
		}
		fprintf(fp, "%s: [%s] ", inventory_severity_name(f->severity),
		    findings_rule_id(f->rule));
		text = finding_message(fl, f, &t);
		out_utf8_put_clean(fp, text != NULL ? text : "");
		if (f->waived) {
			fputs(" (waived: ", fp);
			out_utf8_put_clean(fp, f->waiver_reason != NULL ?
			    f->waiver_reason : "");
			fputc(')', fp);
		}
		fputc('\n', fp);
		if ((text = finding_path(fl, f, &t)) != NULL)
			fprintf(fp, "    %s\n", text);
	}
	finding_text_free(&t);
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

/*
 * A list of the findings of a section, as the value of a member of the
 * top-level object, in the layout of the check document (jansson's
 * JSON_INDENT(2)).  Unchanged is the section of the baselined findings,
 * so their objects leave the baselined key out.  Returns 0, or -1 when a
 * finding failed to write.
 */
static int
json_section(FILE *fp, const struct inventory *inv,
    const struct findings *fl, enum section section)
{
	struct finding	f;
	size_t		i, n = 0;
	int		error = 0;

	fputc('[', fp);
	for (i = 0; i < fl->n; i++) {
		if (!in_section(&fl->v[i], section))
			continue;
		fputs(n++ == 0 ? "\n    " : ",\n    ", fp);
		f = fl->v[i];
		f.baselined = 0;
		if (out_json_finding(fp, inv, fl, &f) != 0)
			error = -1;
	}
	fputs(n != 0 ? "\n  ]" : "]", fp);
	return error;
}

int
out_diff_json(FILE *fp, const struct inventory *old_inv,
    const struct findings *old_fl, const struct inventory *new_inv,
    const struct findings *new_fl)
{
	int	error;

	fputs("{\n  \"faultline\": 1,\n  \"new\": ", fp);
	error = json_section(fp, new_inv, new_fl, SECTION_NEW);
	fputs(",\n  \"resolved\": ", fp);
	error |= json_section(fp, old_inv, old_fl, SECTION_RESOLVED);
	fputs(",\n  \"unchanged\": ", fp);
	error |= json_section(fp, new_inv, new_fl, SECTION_UNCHANGED);
	fputs("\n}\n", fp);
	return error != 0 || ferror(fp) ? -1 : 0;
}
