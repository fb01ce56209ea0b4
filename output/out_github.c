/*
 * out_github.c -- `check --format github`: GitHub Actions workflow
 * commands (annotations), in the findings' order.  File paths are made
 * relative to the working directory, which is the repository root in a
 * workflow.  The explanation path follows the message on its own line.
 */
#include <stdlib.h>
#include <string.h>

#include "out_github.h"
#include "out_sarif.h"
#include "xalloc.h"

void
out_github_escape(FILE *fp, const char *s, int property)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '%':
			fputs("%25", fp);
			break;
		case '\r':
			fputs("%0D", fp);
			break;
		case '\n':
			fputs("%0A", fp);
			break;
		case ':':
			fputs(property ? "%3A" : ":", fp);
			break;
		case ',':
			fputs(property ? "%2C" : ",", fp);
			break;
		default:
			fputc(*s, fp);
			break;
		}
	}
}

static const char *
command(const struct finding *f)
{
	if (f->waived || f->baselined)
		return "notice";
	switch (f->severity) {
	case SEVERITY_ERROR:
		return "error";
	case SEVERITY_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

/* The file of a finding: its mark's, else the file it is about. */
static const char *
finding_file(const struct inventory *inv, const struct finding *f)
{
	size_t	i;

	if (inv == NULL)
		return NULL;
	if (f->has_mark)
		return inventory_file(inv, f->mark.file);
	if (f->subject == NULL || strncmp(f->subject, "file:", 5) != 0)
		return NULL;
	for (i = 0; i < inv->nfiles; i++)
		if (strcmp(inv->files[i], f->subject + 5) == 0)
			return inv->files[i];
	return NULL;
}

int
out_github_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *fl)
{
	const struct finding	*f;
	const char		*file;
	char			*rel, *title;
	size_t			 i;

	for (i = 0; i < fl->n; i++) {
		f = &fl->v[i];
		fprintf(fp, "::%s ", command(f));
		if ((file = finding_file(inv, f)) != NULL) {
			rel = out_sarif_relpath(file);
			fputs("file=", fp);
			out_github_escape(fp, rel, 1);
			free(rel);
			if (f->has_mark)
				fprintf(fp, ",line=%u,col=%u",
				    (unsigned)f->mark.line,
				    (unsigned)f->mark.column);
			fputc(',', fp);
		}
		title = xasprintf("[%s] %s%s", findings_rule_id(f->rule),
		    f->subject != NULL ? f->subject : "", f->waived ?
		    " (waived)" : f->baselined ? " (baselined)" : "");
		fputs("title=", fp);
		out_github_escape(fp, title, 1);
		free(title);
		fputs("::", fp);
		out_github_escape(fp, f->message != NULL ? f->message : "", 0);
		if (f->waived) {
			fputs(" (waived: ", fp);
			out_github_escape(fp, f->waiver_reason != NULL ?
			    f->waiver_reason : "", 0);
			fputc(')', fp);
		}
		if (f->path != NULL) {
			fputs("%0A", fp);
			out_github_escape(fp, f->path, 0);
		}
		fputc('\n', fp);
	}
	return ferror(fp) ? -1 : 0;
}
