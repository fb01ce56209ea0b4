/*
 * out_markdown.c -- render a report model as GitHub/GitLab-flavoured
 * Markdown, with the same sections and content as the HTML report.
 *
 * Inventory text goes through md_text() (the inline specials \ ` * _ [ ]
 * ~ $ and table pipes backslash-escaped, < > & as entities; the other
 * specials only matter at the start of a line, where inventory text never
 * is) or md_code() (a code span fenced by more backticks than it holds,
 * pipes escaped because GFM splits table cells before it sees code spans;
 * or <code> around escaped text when the text holds a '<').
 * Newlines become spaces so that no string can end a table row; other
 * controls and bytes that are not UTF-8 become U+FFFD.  The diagram is an
 * image with a data: URI of the sanitised SVG (an image cannot run
 * script).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out_markdown.h"
#include "out_utf8.h"
#include "xalloc.h"

/* Write one character of inventory text that is neither markup nor a
 * control; returns the bytes consumed. */
static size_t
md_char(FILE *fp, const char *s, size_t len)
{
	uint32_t	cp;
	size_t		n;

	if (*s == '\n' || *s == '\r' || *s == '\t') {
		fputc(' ', fp);
		return 1;
	}
	if ((unsigned char)*s < 0x20 || *s == 0x7f) {
		fputs("\xef\xbf\xbd", fp);
		return 1;
	}
	if ((unsigned char)*s < 0x80) {
		fputc(*s, fp);
		return 1;
	}
	if ((n = out_utf8_decode(s, len, &cp)) == 0) {
		fputs("\xef\xbf\xbd", fp);
		return 1;
	}
	fwrite(s, 1, n, fp);
	return n;
}

/* Inventory text as Markdown inline text (also safe in a table cell). */
static void
md_text(FILE *fp, const char *s)
{
	size_t	len, n;

	if (s == NULL)
		return;
	len = strlen(s);
	while (len > 0) {
		n = 1;
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '~': case '$':
			fputc('\\', fp);
			fputc(*s, fp);
			break;
		default:
			n = md_char(fp, s, len);
			break;
		}
		s += n;
		len -= n;
	}
}

/*
 * Inventory text as code inside a table cell.  A code span shows its
 * content literally, so text holding < (which would then appear raw in
 * the Markdown, as if it were a tag) is written as <code> around md_text()
 * instead; other text as a span fenced by one backtick more than the
 * longest run in it, padded with spaces when it starts or ends with a
 * backtick.
 */
static void
md_code(FILE *fp, const char *s)
{
	size_t	len, n, run, longest = 0, i;
	int	pad;

	if (s == NULL || *s == '\0')
		return;
	if (strchr(s, '<') != NULL) {
		fputs("<code>", fp);
		md_text(fp, s);
		fputs("</code>", fp);
		return;
	}
	len = strlen(s);
	for (i = 0, run = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	pad = s[0] == '`' || s[len - 1] == '`' ||
	    (s[0] == ' ' && s[len - 1] == ' ');
	for (i = 0; i <= longest; i++)
		fputc('`', fp);
	if (pad)
		fputc(' ', fp);
	while (len > 0) {
		if (*s == '|') {
			fputs("\\|", fp);
			n = 1;
		} else
			n = md_char(fp, s, len);
		s += n;
		len -= n;
	}
	if (pad)
		fputc(' ', fp);
	for (i = 0; i <= longest; i++)
		fputc('`', fp);
}

static void
service_cell(FILE *fp, const struct report *r, uint32_t s)
{
	const char	*name;

	name = inventory_str(r->inv, r->inv->services[s].e.name);
	md_code(fp, report_model_service_id(r, s));
	if (name != NULL) {
		fputs(" (", fp);
		md_text(fp, name);
		fputs(")", fp);
	}
}

static void
location(FILE *fp, const struct report *r, const struct mark *m)
{
	const char	*file = inventory_file(r->inv, m->file);
	char		*where;

	where = xasprintf("%s:%u:%u", file != NULL ? file : "-", m->line,
	    m->column);
	md_code(fp, where);
	free(where);
}

static void
summary(FILE *fp, const struct report *r)
{
	const struct inventory	*inv = r->inv;

	fputs("# faultline audit report\n\n"
	    "What a single fault takes down in this inventory, and whether "
	    "its recovery tools survive it.\n\n"
	    "| | |\n|---|---|\n", fp);
	fprintf(fp, "| Overall verdict | **%s** |\n",
	    report_model_verdict_name(r->overall));
	fprintf(fp, "| Inventory digest | `sha256:%s` |\n", r->digest);
	fprintf(fp, "| Inventory | %zu %s, %zu %s, %zu power %s, %zu %s, "
	    "%zu %s, %zu %s |\n",
	    r->nfiles, report_model_plural(r->nfiles, "file", "files"),
	    inv->nsites, report_model_plural(inv->nsites, "site", "sites"),
	    inv->npower, report_model_plural(inv->npower, "domain", "domains"),
	    inv->nracks, report_model_plural(inv->nracks, "rack", "racks"),
	    inv->nhosts, report_model_plural(inv->nhosts, "host", "hosts"),
	    inv->nservices, report_model_plural(inv->nservices, "service", "services"));
	fprintf(fp, "| Findings | %zu %s, %zu %s, %zu %s, %zu waived |\n",
	    r->count.errors, report_model_plural(r->count.errors, "error", "errors"),
	    r->count.warnings, report_model_plural(r->count.warnings, "warning",
	    "warnings"), r->count.notes, report_model_plural(r->count.notes, "note",
	    "notes"), r->count.waived);
	fputs("| Generated by | faultline ", fp);
	md_text(fp, r->version);
	fprintf(fp, " |\n| Date | %s |\n\n", r->date);
}

static void
verdicts(FILE *fp, const struct report *r)
{
	const struct report_check	*c;
	size_t				 i;

	fputs("## 1. Verdicts\n\n"
	    "A policy or rule **fails** when it has an error or warning that "
	    "no live waiver covers, is **waived** when waivers cover all of "
	    "those, and **passes** otherwise (notes are for information).\n\n"
	    "| Check | Kind | Requirement | Severity | Findings | Waived | "
	    "Verdict |\n|---|---|---|---|--:|--:|---|\n", fp);
	for (i = 0; i < r->nchecks; i++) {
		c = &r->checks[i];
		fputs("| ", fp);
		md_code(fp, c->name);
		fprintf(fp, " | %s | ", c->is_rule ? "rule" : "policy");
		md_text(fp, c->scope);
		fprintf(fp, " | %s | %zu | %zu | **%s** |\n",
		    report_model_severity_name(c->severity), c->findings, c->waived,
		    report_model_verdict_name(c->verdict));
	}
	fputs("\n", fp);
}

static void
analysed(FILE *fp, const struct report *r)
{
	size_t	i;

	fputs("## 2. What was analysed\n\n"
	    "The inventory digest is the SHA-256 of the sorted lines "
	    "`SHA256  PATH` of these files, so it changes when any file "
	    "does.\n\n| File | SHA-256 |\n|---|---|\n", fp);
	for (i = 0; i < r->nfiles; i++) {
		fputs("| ", fp);
		md_code(fp, r->files[i].path);
		fprintf(fp, " | `%s` |\n", r->files[i].sha256);
	}
	fprintf(fp, "\nInventory digest: `sha256:%s`\n\n", r->digest);
}

static void
matrix(FILE *fp, const struct report *r)
{
	const struct loss_matrix	*mx = &r->a->matrix;
	char				 ref[512];
	uint8_t				 cell;
	size_t				 i, j;

	fputs("## 3. Site and power loss\n\n"
	    "Each column fails one site or power domain alone; each cell is "
	    "the state of a service in that scenario: up, degraded, down, or "
	    "blocked (down or degraded, and a tool its recovery needs is down "
	    "too).\n\n", fp);
	if (r->nmcols == 0 || r->nmrows == 0)
		fputs("No site or power domain loss affects a service.\n\n",
		    fp);
	else {
		fputs("| Service |", fp);
		for (j = 0; j < r->nmcols; j++) {
			analysis_component_ref(r->a, mx->rows[r->mcols[j]],
			    ref, sizeof ref);
			fputs(" ", fp);
			md_text(fp, ref);
			fputs(" |", fp);
		}
		fputs("\n|---|", fp);
		for (j = 0; j < r->nmcols; j++)
			fputs("---|", fp);
		fputs("\n", fp);
		for (i = 0; i < r->nmrows; i++) {
			fputs("| ", fp);
			service_cell(fp, r, r->mrows[i]);
			fputs(" |", fp);
			for (j = 0; j < r->nmcols; j++) {
				cell = mx->cells[(size_t)r->mcols[j] *
				    mx->nservices + r->mrows[i]];
				fprintf(fp, " %s |",
				    report_model_cell_name(cell, NULL));
			}
			fputs("\n", fp);
		}
		fputs("\n", fp);
	}
	if (r->mrows_all_up > 0)
		fprintf(fp, "%zu %s omitted: up in every scenario shown.\n\n",
		    r->mrows_all_up, report_model_plural(r->mrows_all_up, "service",
		    "services"));
	if (r->mrows_over > 0)
		fprintf(fp, "%zu more affected %s omitted (at most %d rows are "
		    "shown).\n\n", r->mrows_over, report_model_plural(r->mrows_over,
		    "service", "services"), REPORT_MATRIX_MAX_ROWS);
	if (r->mcols_omitted > 0)
		fprintf(fp, "%zu %s omitted: no service affected, or over the "
		    "limit of %d columns.\n\n", r->mcols_omitted,
		    report_model_plural(r->mcols_omitted, "scenario", "scenarios"),
		    REPORT_MATRIX_MAX_COLS);
}

static void
findings(FILE *fp, const struct report *r)
{
	const struct finding	*f;
	size_t			 i;

	fputs("## 4. Findings\n\n", fp);
	if (r->fl->n == 0) {
		fputs("No findings.\n\n", fp);
		return;
	}
	fputs("| Severity | Rule | Subject | Cause | Where | Finding and "
	    "explanation |\n|---|---|---|---|---|---|\n", fp);
	for (i = 0; i < r->fl->n; i++) {
		f = &r->fl->v[i];
		fprintf(fp, "| %s | `%s`", inventory_severity_name(f->severity),
		    findings_rule_id(f->rule));
		if (f->policy != NULL) {
			fputs(" (", fp);
			md_text(fp, f->policy);
			fputs(")", fp);
		}
		fputs(" | ", fp);
		md_code(fp, f->subject);
		fputs(" | ", fp);
		md_code(fp, f->cause);
		fputs(" | ", fp);
		if (f->has_mark)
			location(fp, r, &f->mark);
		fputs(" | ", fp);
		md_text(fp, f->message);
		if (f->path != NULL) {
			fputs("<br>", fp);
			md_code(fp, f->path);
		}
		if (f->waived) {
			fputs("<br>**waived** ", fp);
			md_text(fp, f->waiver_reason);
		}
		fputs(" |\n", fp);
	}
	fputs("\n", fp);
}

static void
recovery(FILE *fp, const struct report *r)
{
	const struct report_recovery	*rc;
	const struct report_blocker	*b;
	size_t				 i, j;

	fputs("## 5. Recovery readiness\n\n"
	    "For each service with recovery tools: the faults that take the "
	    "service down or degrade it and take a tool its recovery needs "
	    "with it.\n\n", fp);
	if (r->nrecovery == 0) {
		fputs("No service names recovery tools.\n\n", fp);
		return;
	}
	fputs("| Service | Recovery tools | Faults that take both | Readiness "
	    "|\n|---|---|---|---|\n", fp);
	for (i = 0; i < r->nrecovery; i++) {
		rc = &r->recovery[i];
		fputs("| ", fp);
		service_cell(fp, r, rc->service);
		fputs(" | ", fp);
		for (j = 0; j < rc->ntools; j++) {
			if (j)
				fputs(", ", fp);
			md_code(fp, report_model_service_id(r, rc->tools[j]));
		}
		fputs(" | ", fp);
		if (rc->nblockers == 0)
			fputs("none", fp);
		for (j = 0; j < rc->nblockers; j++) {
			b = &rc->blockers[j];
			if (j)
				fputs("<br>", fp);
			md_code(fp, b->fault);
			fputs(" takes ", fp);
			md_text(fp, b->tools);
			if (b->waived)
				fputs(" (waived)", fp);
		}
		fprintf(fp, " | **%s** |\n", report_model_recovery_status(rc));
	}
	fputs("\n", fp);
}

static void
fanin(FILE *fp, const struct report *r)
{
	const struct service	*sv;
	size_t			 i;

	fputs("## 6. Fan-in\n\n"
	    "The services whose loss alone takes down the most other "
	    "services (through hard dependencies), most first.\n\n", fp);
	if (r->nfanin == 0) {
		fputs("No service's loss takes down another.\n\n", fp);
		return;
	}
	fputs("| # | Service | Kind | Tier | Down with it | Degraded with it "
	    "|\n|--:|---|---|--:|--:|--:|\n", fp);
	for (i = 0; i < r->nfanin; i++) {
		sv = &r->inv->services[r->fanin[i].service];
		fprintf(fp, "| %zu | ", i + 1);
		service_cell(fp, r, r->fanin[i].service);
		fprintf(fp, " | %s | %u | %zu | %zu |\n",
		    inventory_service_kind_name(sv->kind), (unsigned)sv->tier,
		    r->fanin[i].down, r->fanin[i].degraded);
	}
	fputs("\n", fp);
}

static void
waivers(FILE *fp, const struct report *r)
{
	const struct report_waiver	*rw;
	char				 date[16];
	size_t				 i;

	fputs("## 7. Waivers\n\n", fp);
	if (r->nwaivers == 0) {
		fputs("No waivers.\n\n", fp);
		return;
	}
	fputs("| Policy or rule | Services matching | Reason | Expires | "
	    "Status | Where |\n|---|---|---|---|---|---|\n", fp);
	for (i = 0; i < r->nwaivers; i++) {
		rw = &r->waivers[i];
		fputs("| ", fp);
		md_code(fp, inventory_str(r->inv, rw->w->policy));
		fputs(" | ", fp);
		md_code(fp, rw->w->service_regex);
		fputs(" | ", fp);
		md_text(fp, rw->w->reason);
		if (rw->w->expires == INT32_MIN)
			snprintf(date, sizeof date, "never");
		else
			findings_date(rw->w->expires, date, sizeof date);
		fprintf(fp, " | %s | **%s** | ", date,
		    rw->expired ? "expired" : "live");
		location(fp, r, &rw->w->mark);
		fputs(" |\n", fp);
	}
	fputs("\n", fp);
}

static void
base64(FILE *fp, const char *s, size_t n)
{
	static const char	 alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 v;
	size_t			 i;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		fputc(alphabet[v >> 18 & 63], fp);
		fputc(alphabet[v >> 12 & 63], fp);
		fputc(alphabet[v >> 6 & 63], fp);
		fputc(alphabet[v & 63], fp);
	}
	if (n - i == 1) {
		v = (unsigned long)p[i] << 16;
		fputc(alphabet[v >> 18 & 63], fp);
		fputc(alphabet[v >> 12 & 63], fp);
		fputs("==", fp);
	} else if (n - i == 2) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8;
		fputc(alphabet[v >> 18 & 63], fp);
		fputc(alphabet[v >> 12 & 63], fp);
		fputc(alphabet[v >> 6 & 63], fp);
		fputc('=', fp);
	}
}

static void
diagram(FILE *fp, const struct report *r)
{
	size_t	i;

	fputs("## 8. Services diagram\n\n"
	    "The services and their dependencies as `faultline graph` draws "
	    "them; the legend is part of the drawing.\n\n", fp);
	for (i = 0; i < r->nnotes; i++) {
		fputs("Note: ", fp);
		md_text(fp, r->notes[i]);
		fputs("\n\n", fp);
	}
	if (r->svg != NULL) {
		fputs("![Services diagram (SVG image; the HTML report shows it "
		    "inline)](data:image/svg+xml;base64,", fp);
		base64(fp, r->svg, strlen(r->svg));
		fputs(")\n\n", fp);
	}
}

int
out_markdown_report(FILE *fp, const struct report *r)
{
	summary(fp, r);
	verdicts(fp, r);
	analysed(fp, r);
	matrix(fp, r);
	findings(fp, r);
	recovery(fp, r);
	fanin(fp, r);
	waivers(fp, r);
	diagram(fp, r);
	fputs("---\n\nGenerated by faultline ", fp);
	md_text(fp, r->version);
	fprintf(fp, " on %s from inventory `sha256:%s`.\n", r->date,
	    r->digest);
	return ferror(fp) ? -1 : 0;
}
