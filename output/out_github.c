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
#include "out_utf8.h"
#include "xalloc.h"

void
out_github_escape(FILE *fp, const char *s, int property)
{
	size_t		 len = strlen(s), i, n, run = 0;
	uint32_t	 cp;
	const char	*esc;

	for (i = 0; i < len; i += n) {
		n = 1;
		esc = NULL;
		switch (s[i]) {
		case '%':
			esc = "%25";
			break;
		case '\r':
			esc = "%0D";
			break;
		case '\n':
			esc = "%0A";
			break;
		case ':':
			esc = property ? "%3A" : NULL;
			break;
		case ',':
			esc = property ? "%2C" : NULL;
			break;
		default:
			/* ESC and every other control would reach the log. */
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				esc = "?";
			else if ((unsigned char)s[i] >= 0x80 &&
			    ((n = out_utf8_decode(s + i, len - i, &cp)) == 0 ||
			    cp <= 0x9f)) {
				esc = "?";
				n = n == 0 ? 1 : n;
			}
			break;
		}
		if (esc == NULL)
			continue;
		fwrite(s + run, 1, i - run, fp);
		fputs(esc, fp);
		run = i + n;
	}
	fwrite(s + run, 1, len - run, fp);
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

/* The file of a finding: its mark's, else the file it is about; or -1. */
static long
finding_file(const struct inventory *inv, const struct finding *f)
{
	size_t	i;

	if (inv == NULL)
		return -1;
	if (f->has_mark)
		return f->mark.file < inv->nfiles ? (long)f->mark.file : -1;
	if (f->subject == NULL || strncmp(f->subject, "file:", 5) != 0)
		return -1;
	for (i = 0; i < inv->nfiles; i++)
		if (strcmp(inv->files[i], f->subject + 5) == 0)
			return (long)i;
	return -1;
}

int
out_github_check(FILE *fp, const struct inventory *inv,
    const struct analysis *a, const struct findings *fl)
{
	const struct finding	*f;
	char			**rel, *title;
	size_t			 i;
	long			 file;

	rel = out_sarif_relpaths(inv);
	for (i = 0; i < fl->n; i++) {
		f = &fl->v[i];
		fprintf(fp, "::%s ", command(f));
		if ((file = finding_file(inv, f)) != -1) {
			fputs("file=", fp);
			out_github_escape(fp, rel[file], 1);
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
	out_sarif_relpaths_free(inv, rel);
	return ferror(fp) ? -1 : 0;
}
