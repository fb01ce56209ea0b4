/*
 * out_html.c -- render a report model as one self-contained HTML page.
 *
 * Every string that comes from the inventory (ids, names, owners, file
 * paths, regexes, reasons, messages) goes through html_put(), which
 * escapes markup characters, replaces bytes that are not UTF-8 and
 * control characters, so no inventory text can open an element or an
 * attribute.  The diagram is SVG already sanitised by the model.
 */
#include <stdio.h>
#include <string.h>

#include "out_html.h"
#include "out_utf8.h"

static const char css[] =
"*{box-sizing:border-box}\n"
"body{font:14px/1.45 -apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif;"
"color:#1b1f24;margin:24px auto;max-width:1150px;padding:0 16px}\n"
"h1{font-size:24px;margin:0 0 4px}\n"
"h2{font-size:18px;border-bottom:2px solid #d0d7de;padding-bottom:3px;"
"margin:28px 0 10px;break-after:avoid;page-break-after:avoid}\n"
"p{margin:6px 0}\n"
"table{border-collapse:collapse;width:100%;margin:8px 0}\n"
"th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;"
"vertical-align:top;overflow-wrap:break-word}\n"
"thead th{background:#f3f4f6}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"code{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}\n"
".meta th{width:14em;background:#f6f8fa}\n"
".num{text-align:right;white-space:nowrap}\n"
".name{display:block;color:#57606a;font-size:12px;font-weight:normal}\n"
".note{color:#57606a;font-size:13px}\n"
".v{font-weight:bold;white-space:nowrap}\n"
".pass{background:#dafbe1;color:#116329}\n"
".fail{background:#ffebe9;color:#a40e26}\n"
".waived,.degraded{background:#fff8c5;color:#7d4e00}\n"
".up{background:#f0fff4;color:#116329}\n"
".down{background:#ffebe9;color:#a40e26;font-weight:bold}\n"
".blocked{background:#a40e26;color:#fff;font-weight:bold}\n"
".error{color:#a40e26;font-weight:bold}\n"
".warning{color:#7d4e00;font-weight:bold}\n"
".matrix{font-size:12px;width:auto}\n"
".matrix td{text-align:center;padding:2px 4px}\n"
".matrix thead th{writing-mode:vertical-rl;transform:rotate(180deg);"
"white-space:nowrap;padding:4px 2px;vertical-align:bottom}\n"
".matrix thead th:first-child{writing-mode:horizontal-tb;transform:none}\n"
".findings td:nth-child(1),.findings td:nth-child(2){white-space:nowrap}\n"
".findings td:nth-child(5){width:12em;word-break:break-all}\n"
".path{display:block;margin-top:2px;color:#57606a;"
"overflow-wrap:anywhere}\n"
"figure{margin:8px 0;text-align:center}\n"
"figure svg{max-width:100%;height:auto}\n"
"footer{margin-top:32px;color:#57606a;font-size:12px}\n"
"@page{size:A4;margin:14mm 12mm}\n"
"@media print{body{font-size:10pt;margin:0;max-width:none;padding:0}"
"h2{font-size:13pt}"
"th,td{padding:2px 4px}"
".matrix{font-size:8pt}"
"code{font-size:8pt}"
"section{break-before:auto}"
"#diagram{break-before:page}"
"figure svg{max-height:250mm}"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/*
 * Inventory text as HTML character data or attribute value: markup
 * characters as entities; newline, return and tab as a space; other
 * controls and bytes that are not UTF-8 as U+FFFD.
 */
static void
html_put(FILE *fp, const char *s)
{
	size_t		n, len;

	if (s == NULL)
		return;
	len = strlen(s);
	while (len > 0) {
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
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			n = out_utf8_put_display(fp, s, len, "&#xFFFD;");
			s += n;
			len -= n;
			continue;
		}
		s++;
		len--;
	}
}

/* A service id with its display name below, inside a cell. */
static void
service_cell(FILE *fp, const struct report *r, uint32_t s)
{
	const char	*name;

	name = inventory_str(r->inv, r->inv->services[s].e.name);
	fputs("<code>", fp);
	html_put(fp, report_model_service_id(r, s));
	fputs("</code>", fp);
	if (name != NULL) {
		fputs("<span class=\"name\">", fp);
		html_put(fp, name);
		fputs("</span>", fp);
	}
}

static void
location(FILE *fp, const struct report *r, const struct mark *m)
{
	const char	*file = inventory_file(r->inv, m->file);

	fputs("<code>", fp);
	html_put(fp, file != NULL ? file : "-");
	fprintf(fp, ":%u:%u</code>", m->line, m->column);
}

static void
head(FILE *fp, const struct report *r)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
	    "script-src 'none'; object-src 'none'; base-uri 'none'; "
	    "form-action 'none'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n", fp);
	fprintf(fp, "<title>faultline audit report %s</title>\n", r->date);
	fprintf(fp, "<style>\n%s</style>\n</head>\n<body>\n", css);
}

static void
summary(FILE *fp, const struct report *r)
{
	fputs("<header>\n<h1>faultline audit report</h1>\n"
	    "<p class=\"note\">What a single fault takes down in this "
	    "inventory, and whether its recovery tools survive it.</p>\n"
	    "<table class=\"meta\">\n", fp);
	fprintf(fp, "<tr><th>Overall verdict</th><td><span class=\"v %s\">"
	    "%s</span></td></tr>\n", report_model_verdict_name(r->overall),
	    report_model_verdict_name(r->overall));
	fputs("<tr><th>Inventory digest</th><td><code>", fp);
	fprintf(fp, "sha256:%s</code></td></tr>\n", r->digest);
	fputs("<tr><th>Inventory</th><td>", fp);
	report_model_put_inventory_counts(fp, r);
	fputs("</td></tr>\n<tr><th>Findings</th><td>", fp);
	report_model_put_finding_counts(fp, r);
	fputs("</td></tr>\n", fp);
	fputs("<tr><th>Generated by</th><td>faultline ", fp);
	html_put(fp, r->version);
	fprintf(fp, "</td></tr>\n<tr><th>Date</th><td>%s</td></tr>\n"
	    "</table>\n</header>\n", r->date);
}

static void
verdicts(FILE *fp, const struct report *r)
{
	const struct report_check	*c;
	size_t				 i;

	fputs("<section id=\"verdicts\">\n<h2>1. Verdicts</h2>\n"
	    "<p>A policy or rule <b>fails</b> when it has an error or warning "
	    "that no live waiver covers, is <b>waived</b> when waivers cover "
	    "all of those, and <b>passes</b> otherwise (notes are for "
	    "information).</p>\n"
	    "<table>\n<thead><tr><th>Check</th><th>Kind</th>"
	    "<th>Requirement</th><th>Severity</th><th>Findings</th>"
	    "<th>Waived</th><th>Verdict</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->nchecks; i++) {
		c = &r->checks[i];
		fputs("<tr><td><code>", fp);
		html_put(fp, c->name);
		fprintf(fp, "</code></td><td>%s</td><td>",
		    c->is_rule ? "rule" : "policy");
		html_put(fp, c->scope);
		fprintf(fp, "</td><td>%s</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu</td><td class=\"v %s\">%s</td>"
		    "</tr>\n", report_model_severity_name(c->severity), c->findings, c->waived,
		    report_model_verdict_name(c->verdict),
		    report_model_verdict_name(c->verdict));
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
analysed(FILE *fp, const struct report *r)
{
	size_t	i;

	fputs("<section id=\"analysed\">\n<h2>2. What was analysed</h2>\n"
	    "<p>The inventory digest is the SHA-256 of the sorted lines "
	    "<code>SHA256&#160;&#160;PATH</code> of these files, so it "
	    "changes when any file does.</p>\n<table>\n<thead><tr>"
	    "<th>File</th><th>SHA-256</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->nfiles; i++) {
		fputs("<tr><td><code>", fp);
		html_put(fp, r->files[i].path);
		fprintf(fp, "</code></td><td><code>%s</code></td></tr>\n",
		    r->files[i].sha256);
	}
	fprintf(fp, "</tbody>\n</table>\n<p>Inventory digest: <code>sha256:"
	    "%s</code></p>\n</section>\n", r->digest);
}

static void
matrix(FILE *fp, const struct report *r)
{
	const struct loss_matrix	*mx = &r->a->matrix;
	const char			*word, *full;
	char				 ref[512];
	uint8_t				 cell;
	size_t				 i, j;

	fputs("<section id=\"matrix\">\n<h2>3. Site and power loss</h2>\n"
	    "<p>Each column fails one site or power domain alone; each cell "
	    "is the state of a service in that scenario: <span class=\"up\">"
	    "up</span>, <span class=\"degraded\">degraded</span>, "
	    "<span class=\"down\">down</span>, or <span class=\"blocked\">"
	    "blocked</span> (down or degraded, and a tool its recovery needs "
	    "is down too).</p>\n", fp);
	if (r->nmcols == 0 || r->nmrows == 0)
		fputs("<p>No site or power domain loss affects a "
		    "service.</p>\n", fp);
	else {
		fputs("<table class=\"matrix\">\n<thead><tr><th>Service</th>",
		    fp);
		for (j = 0; j < r->nmcols; j++) {
			analysis_component_ref(r->a, mx->rows[r->mcols[j]],
			    ref, sizeof ref);
			fputs("<th>", fp);
			html_put(fp, ref);
			fputs("</th>", fp);
		}
		fputs("</tr></thead>\n<tbody>\n", fp);
		for (i = 0; i < r->nmrows; i++) {
			fputs("<tr><th>", fp);
			service_cell(fp, r, r->mrows[i]);
			fputs("</th>", fp);
			for (j = 0; j < r->nmcols; j++) {
				cell = mx->cells[(size_t)r->mcols[j] *
				    mx->nservices + r->mrows[i]];
				word = report_model_cell_name(cell, &full);
				fprintf(fp, "<td class=\"%s\" title=\"%s\">%s"
				    "</td>", word, full, word);
			}
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
	if (r->mrows_all_up > 0)
		fprintf(fp, "<p class=\"note\">%zu %s omitted: up in every "
		    "scenario shown.</p>\n", r->mrows_all_up,
		    report_model_plural(r->mrows_all_up, "service", "services"));
	if (r->mrows_over > 0)
		fprintf(fp, "<p class=\"note\">%zu more affected %s omitted "
		    "(at most %d rows are shown).</p>\n", r->mrows_over,
		    report_model_plural(r->mrows_over, "service", "services"),
		    REPORT_MATRIX_MAX_ROWS);
	if (r->mcols_omitted > 0)
		fprintf(fp, "<p class=\"note\">%zu %s omitted: no service "
		    "affected, or over the limit of %d columns.</p>\n",
		    r->mcols_omitted, report_model_plural(r->mcols_omitted, "scenario",
		    "scenarios"), REPORT_MATRIX_MAX_COLS);
	fputs("</section>\n", fp);
}

static void
findings(FILE *fp, const struct report *r)
{
	const struct finding	*f;
	size_t			 i;

	fputs("<section id=\"findings\">\n<h2>4. Findings</h2>\n", fp);
	if (r->fl->n == 0) {
		fputs("<p>No findings.</p>\n</section>\n", fp);
		return;
	}
	fputs("<table class=\"findings\">\n<thead><tr><th>Severity</th>"
	    "<th>Rule</th><th>Subject</th><th>Cause</th><th>Where</th>"
	    "<th>Finding and explanation</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->fl->n; i++) {
		f = &r->fl->v[i];
		fprintf(fp, "<tr><td class=\"%s\">%s</td><td><code>%s</code>",
		    inventory_severity_name(f->severity),
		    inventory_severity_name(f->severity),
		    findings_rule_id(f->rule));
		if (f->policy != NULL) {
			fputs("<span class=\"name\">", fp);
			html_put(fp, f->policy);
			fputs("</span>", fp);
		}
		fputs("</td><td><code>", fp);
		html_put(fp, f->subject);
		fputs("</code></td><td>", fp);
		if (f->cause != NULL) {
			fputs("<code>", fp);
			html_put(fp, f->cause);
			fputs("</code>", fp);
		}
		fputs("</td><td>", fp);
		if (f->has_mark)
			location(fp, r, &f->mark);
		fputs("</td><td>", fp);
		html_put(fp, f->message);
		if (f->path != NULL) {
			fputs("<code class=\"path\">", fp);
			html_put(fp, f->path);
			fputs("</code>", fp);
		}
		if (f->waived) {
			fputs("<span class=\"v waived\">waived</span> ", fp);
			html_put(fp, f->waiver_reason);
		}
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
recovery(FILE *fp, const struct report *r)
{
	const struct report_recovery	*rc;
	const struct report_blocker	*b;
	const char			*st;
	size_t				 i, j;

	fputs("<section id=\"recovery\">\n<h2>5. Recovery readiness</h2>\n"
	    "<p>For each service with recovery tools: the faults that take "
	    "the service down or degrade it and take a tool its recovery "
	    "needs with it.</p>\n", fp);
	if (r->nrecovery == 0) {
		fputs("<p>No service names recovery tools.</p>\n</section>\n",
		    fp);
		return;
	}
	fputs("<table>\n<thead><tr><th>Service</th><th>Recovery tools</th>"
	    "<th>Faults that take both</th><th>Readiness</th></tr></thead>\n"
	    "<tbody>\n", fp);
	for (i = 0; i < r->nrecovery; i++) {
		rc = &r->recovery[i];
		fputs("<tr><td>", fp);
		service_cell(fp, r, rc->service);
		fputs("</td><td>", fp);
		for (j = 0; j < rc->ntools; j++) {
			fputs(j ? ", <code>" : "<code>", fp);
			html_put(fp, report_model_service_id(r, rc->tools[j]));
			fputs("</code>", fp);
		}
		fputs("</td><td>", fp);
		if (rc->nblockers == 0)
			fputs("none", fp);
		for (j = 0; j < rc->nblockers; j++) {
			b = &rc->blockers[j];
			fputs(j ? "<br><code>" : "<code>", fp);
			html_put(fp, b->fault);
			fputs("</code> takes ", fp);
			html_put(fp, b->tools);
			if (b->waived)
				fputs(" (waived)", fp);
		}
		st = report_model_recovery_status(rc);
		fprintf(fp, "</td><td class=\"v %s\">%s</td></tr>\n",
		    strcmp(st, "ready") == 0 ? "pass" :
		    strcmp(st, "waived") == 0 ? "waived" : "fail", st);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
fanin(FILE *fp, const struct report *r)
{
	const struct service	*sv;
	size_t			 i;

	fputs("<section id=\"fanin\">\n<h2>6. Fan-in</h2>\n"
	    "<p>The services whose loss alone takes down the most other "
	    "services (through hard dependencies), most first.</p>\n", fp);
	if (r->nfanin == 0) {
		fputs("<p>No service's loss takes down another.</p>\n"
		    "</section>\n", fp);
		return;
	}
	fputs("<table>\n<thead><tr><th>#</th><th>Service</th><th>Kind</th>"
	    "<th>Tier</th><th>Down with it</th><th>Degraded with it</th>"
	    "</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->nfanin; i++) {
		sv = &r->inv->services[r->fanin[i].service];
		fprintf(fp, "<tr><td class=\"num\">%zu</td><td>", i + 1);
		service_cell(fp, r, r->fanin[i].service);
		fprintf(fp, "</td><td>%s</td><td class=\"num\">%u</td>"
		    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "</tr>\n", inventory_service_kind_name(sv->kind),
		    (unsigned)sv->tier, r->fanin[i].down,
		    r->fanin[i].degraded);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
waivers(FILE *fp, const struct report *r)
{
	const struct report_waiver	*rw;
	char				 date[16];
	size_t				 i;

	fputs("<section id=\"waivers\">\n<h2>7. Waivers</h2>\n", fp);
	if (r->nwaivers == 0) {
		fputs("<p>No waivers.</p>\n</section>\n", fp);
		return;
	}
	fputs("<table>\n<thead><tr><th>Policy or rule</th><th>Services "
	    "matching</th><th>Reason</th><th>Expires</th><th>Status</th>"
	    "<th>Where</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->nwaivers; i++) {
		rw = &r->waivers[i];
		fputs("<tr><td><code>", fp);
		html_put(fp, inventory_str(r->inv, rw->w->policy));
		fputs("</code></td><td><code>", fp);
		html_put(fp, rw->w->service_regex);
		fputs("</code></td><td>", fp);
		html_put(fp, rw->w->reason);
		if (rw->w->expires == INT32_MIN)
			snprintf(date, sizeof date, "never");
		else
			findings_date(rw->w->expires, date, sizeof date);
		fprintf(fp, "</td><td class=\"num\">%s</td><td class=\"v %s\">"
		    "%s</td><td>", date, rw->expired ? "fail" : "pass",
		    rw->expired ? "expired" : "live");
		location(fp, r, &rw->w->mark);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
diagram(FILE *fp, const struct report *r)
{
	size_t	i;

	fputs("<section id=\"diagram\">\n<h2>8. Services diagram</h2>\n"
	    "<p>The services and their dependencies as <code>faultline "
	    "graph</code> draws them; the legend is part of the drawing."
	    "</p>\n", fp);
	for (i = 0; i < r->nnotes; i++) {
		fputs("<p class=\"note\">", fp);
		html_put(fp, r->notes[i]);
		fputs("</p>\n", fp);
	}
	if (r->svg != NULL)
		fprintf(fp, "<figure>\n%s\n</figure>\n", r->svg);
	fputs("</section>\n", fp);
}

int
out_html_report(FILE *fp, const struct report *r)
{
	head(fp, r);
	summary(fp, r);
	verdicts(fp, r);
	analysed(fp, r);
	matrix(fp, r);
	findings(fp, r);
	recovery(fp, r);
	fanin(fp, r);
	waivers(fp, r);
	diagram(fp, r);
	fputs("<footer>Generated by faultline ", fp);
	html_put(fp, r->version);
	fprintf(fp, " on %s from inventory sha256:%s.</footer>\n"
	    "</body>\n</html>\n", r->date, r->digest);
	return ferror(fp) ? -1 : 0;
}
