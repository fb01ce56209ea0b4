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
#include "out_rootcause.h"
#include "out_utf8.h"

static const char css[] =
"*{box-sizing:border-box}\n"
"body{font:14px/1.45 -apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif;"
"color:#1b1f24;margin:24px auto;max-width:1150px;padding:0 16px}\n"
"h1{font-size:24px;margin:0 0 4px}\n"
"h2{font-size:18px;border-bottom:2px solid #d0d7de;padding-bottom:3px;"
"margin:28px 0 10px}\n"
"h3{font-size:15px;margin:18px 0 6px}\n"
"h2,h3{break-after:avoid;page-break-after:avoid}\n"
"h2+*,h3+*{break-before:avoid;page-break-before:avoid}\n"
"p{margin:6px 0}\n"
"ul{margin:6px 0;padding-left:22px}\n"
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
".pass,.supports{background:#dafbe1;color:#116329}\n"
".fail,.contradicts{background:#ffebe9;color:#a40e26}\n"
".waived,.na{background:#fff8c5;color:#7d4e00}\n"
".up{background:#f0fff4;color:#116329}\n"
".degraded{background:#fff8c5;color:#7d4e00}\n"
".down{background:#ffebe9;color:#a40e26;font-weight:bold}\n"
".exposed{background:#ede9fe;color:#5b21b6;font-weight:bold}\n"
".degraded-blocked{background:#bc4c00;color:#fff;font-weight:bold}\n"
".down-blocked{background:#82071e;color:#fff;font-weight:bold}\n"
".error{color:#a40e26;font-weight:bold}\n"
".warning{color:#7d4e00;font-weight:bold}\n"
".matrix{font-size:12px;width:auto}\n"
".matrix td{text-align:center;padding:2px 4px}\n"
".matrix thead th{writing-mode:vertical-rl;transform:rotate(180deg);"
"white-space:nowrap;padding:4px 2px;vertical-align:bottom}\n"
".matrix thead th:first-child,.matrix thead th.group{writing-mode:"
"horizontal-tb;transform:none;text-align:center}\n"
".matrix tbody th{min-width:9em;font-weight:normal}\n"
".matrix tbody th code{white-space:nowrap}\n"
".legend{width:auto}\n"
".legend td:first-child{text-align:center;white-space:nowrap}\n"
".finding{border:1px solid #d0d7de;border-left:4px solid #8c959f;"
"padding:4px 8px;margin:6px 0;break-inside:avoid;"
"page-break-inside:avoid}\n"
".finding.sev-error{border-left-color:#a40e26}\n"
".finding.sev-warning{border-left-color:#bf8700}\n"
".recovery td:nth-child(3){width:50%}\n"
".mapping td{overflow-wrap:anywhere}\n"
".mapping td:nth-child(1){width:34%}\n"
".finding p{margin:2px 0}\n"
".fh code{font-weight:bold}\n"
".fd{color:#57606a;font-size:12px}\n"
".path{display:block;margin-top:2px;color:#57606a;"
"overflow-wrap:anywhere}\n"
"figure{margin:8px 0;text-align:center}\n"
"figure svg{max-width:100%;height:auto}\n"
"footer{margin-top:32px;color:#57606a;font-size:12px}\n"
"@page{size:A4;margin:14mm 12mm}\n"
"@page diagram{size:A4 landscape;margin:10mm}\n"
"@media print{body{font-size:9pt;line-height:1.3;margin:0;"
"max-width:none;padding:0}"
"h1{font-size:16pt}h2{font-size:12.5pt;margin:14pt 0 6pt}"
"h3{font-size:10.5pt}"
"table{font-size:8.5pt}th,td{padding:1.5pt 3pt}"
"code{font-size:8pt}"
".note,.name,.fd{font-size:8pt}"
".matrix{font-size:7pt}"
".finding{padding:1.5pt 5pt;margin:2.5pt 0}.finding p{margin:0}"
"#diagram{break-before:page;page:diagram}"
"figure svg{width:100%;height:auto;max-height:170mm}"
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

/* A meta value, or "not stated" naming the key that would state it. */
static void
stated(FILE *fp, const char *value, const char *key)
{
	if (value != NULL) {
		html_put(fp, value);
		return;
	}
	fprintf(fp, "<span class=\"note\">not stated (<code>meta: %s</code>)"
	    "</span>", key);
}

static void
commit_cell(FILE *fp, const struct report *r)
{
	switch (r->commit_status) {
	case REPORT_COMMIT_FOUND:
		fprintf(fp, "<code>%s</code>", r->commit);
		if (r->commit_dirty)
			fputs(" with uncommitted changes to the inventory "
			    "(the files analysed are not exactly this commit)",
			    fp);
		break;
	case REPORT_COMMIT_DISABLED:
		fputs("not looked up (<code>FAULTLINE_NO_GIT</code> is set)",
		    fp);
		break;
	default:
		fputs("none (the inventory is not in a git work tree, or git "
		    "is not installed)", fp);
		break;
	}
}

static void
summary(FILE *fp, const struct report *r)
{
	const struct meta	*m = &r->inv->meta;
	size_t			 i;

	fputs("<header>\n<h1>faultline audit report</h1>\n", fp);
	if (m->name != NULL) {
		fputs("<p><b>", fp);
		html_put(fp, m->name);
		fputs("</b></p>\n", fp);
	}
	fputs("<p class=\"note\">What a single fault takes down in this "
	    "inventory, and whether its recovery tools survive it.</p>\n"
	    "<table class=\"meta\">\n", fp);
	fprintf(fp, "<tr><th>Overall verdict</th><td><span class=\"v %s\">"
	    "%s</span></td></tr>\n", report_model_verdict_name(r->overall),
	    report_model_verdict_name(r->overall));
	fputs("<tr><th>System</th><td>", fp);
	stated(fp, m->name, "name");
	fputs("</td></tr>\n<tr><th>Owner</th><td>", fp);
	stated(fp, m->owner, "owner");
	fputs("</td></tr>\n<tr><th>Inventory digest</th><td><code>", fp);
	fprintf(fp, "sha256:%s</code> (content digest, section 4)</td></tr>\n",
	    r->digest);
	for (i = 0; i < r->nmaps; i++) {
		fputs("<tr><th>Mapping <code>", fp);
		html_put(fp, r->maps[i].m->id);
		fputs("</code></th><td><code>", fp);
		fprintf(fp, "sha256:%s</code> (version ", r->maps[i].m->sha256);
		html_put(fp, r->maps[i].m->version);
		fputs(", section 11)</td></tr>\n", fp);
	}
	fputs("<tr><th>Inventory</th><td>", fp);
	report_model_put_inventory_counts(fp, r);
	fputs("</td></tr>\n<tr><th>Findings</th><td>", fp);
	report_model_put_finding_counts(fp, r);
	fprintf(fp, "</td></tr>\n<tr><th>Time of analysis</th><td>%s%s"
	    "</td></tr>\n", r->time, r->time_from_sde ?
	    " (from <code>SOURCE_DATE_EPOCH</code>)" : "");
	fputs("<tr><th>Git commit</th><td>", fp);
	commit_cell(fp, r);
	fputs("</td></tr>\n<tr><th>Generated by</th><td>faultline ", fp);
	html_put(fp, r->version);
	fputs("</td></tr>\n</table>\n</header>\n", fp);
}

static void
executive(FILE *fp, const struct report *r)
{
	const struct root_cause		*c;
	char				 ref[512];
	size_t				 i, nfail = 0;

	for (i = 0; i < r->nchecks; i++)
		nfail += r->checks[i].verdict == REPORT_FAIL;
	fputs("<section id=\"summary\">\n<h2>1. Executive summary</h2>\n", fp);
	fprintf(fp, "<p>Verdict: <span class=\"v %s\">%s</span> &#8212; ",
	    report_model_verdict_name(r->overall),
	    report_model_verdict_name(r->overall));
	if (nfail > 0)
		fprintf(fp, "%zu of %zu policies and rules fail (section 3).",
		    nfail, r->nchecks);
	else if (r->overall == REPORT_WAIVED)
		fputs("every failure is covered by a live waiver (sections 3 "
		    "and 9).", fp);
	else
		fputs("every policy and rule passes (section 3).", fp);
	fputs("</p>\n<table class=\"legend\">\n<thead><tr><th>Severity</th>"
	    "<th>Open</th></tr></thead>\n<tbody>\n", fp);
	fprintf(fp, "<tr><td class=\"error\">error</td><td class=\"num\">%zu"
	    "</td></tr>\n<tr><td class=\"warning\">warning</td>"
	    "<td class=\"num\">%zu</td></tr>\n<tr><td>note</td>"
	    "<td class=\"num\">%zu</td></tr>\n<tr><td>waived</td>"
	    "<td class=\"num\">%zu</td></tr>\n</tbody>\n</table>\n",
	    r->count.errors, r->count.warnings, r->count.notes,
	    r->count.waived);
	fputs("<h3>Root causes</h3>\n", fp);
	if (r->ncauses == 0) {
		fputs("<p>No finding has a fault as its cause.</p>\n"
		    "</section>\n", fp);
		return;
	}
	fprintf(fp, "<p>The faults that the findings share, worst first (by "
	    "severity, then tier-1/2 services affected, then blast radius): "
	    "fixing these removes the most risk. %zu of %zu listed; every "
	    "finding is in section 6.</p>\n<table>\n<thead><tr><th>#</th>"
	    "<th>Root cause</th><th>Severity</th><th>What it does</th>"
	    "<th>Findings</th><th>Tier 1&#8211;2</th></tr></thead>\n<tbody>\n",
	    r->ncauses, r->root_causes.n);
	for (i = 0; i < r->ncauses; i++) {
		c = &r->root_causes.v[i];
		fprintf(fp, "<tr><td class=\"num\">%zu</td><td><code>", i + 1);
		html_put(fp, c->cause);
		fprintf(fp, "</code></td><td class=\"%s\">%s</td><td>",
		    inventory_severity_name(c->severity),
		    inventory_severity_name(c->severity));
		html_put(fp, out_rootcause_effects(c, ref, sizeof ref));
		fprintf(fp, "</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu</td></tr>\n", c->findings, c->tier12);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
scope(FILE *fp, const struct report *r)
{
	const struct meta	*m = &r->inv->meta;
	size_t			 i;

	fputs("<section id=\"scope\">\n<h2>2. Scope and method</h2>\n", fp);
	fputs("<p>", fp);
	if (m->description != NULL)
		html_put(fp, m->description);
	else
		fputs("<span class=\"note\">No description of the system "
		    "(<code>meta: description</code>).</span>", fp);
	fputs("</p>\n<h3>Failure model</h3>\n<p>", fp);
	html_put(fp, report_model_failure_model);
	fputs("</p>\n<h3>Out of scope</h3>\n<ul>\n", fp);
	for (i = 0; report_model_out_of_scope[i] != NULL; i++) {
		fputs("<li>", fp);
		html_put(fp, report_model_out_of_scope[i]);
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n<h3>Assumptions</h3>\n", fp);
	if (m->nassumptions == 0)
		fputs("<p class=\"note\">None stated (<code>meta: "
		    "assumptions</code>).</p>\n", fp);
	else {
		fputs("<ul>\n", fp);
		for (i = 0; i < m->nassumptions; i++) {
			fputs("<li>", fp);
			html_put(fp, m->assumptions[i]);
			fputs("</li>\n", fp);
		}
		fputs("</ul>\n", fp);
	}
	fputs("</section>\n", fp);
}

static void
verdicts(FILE *fp, const struct report *r)
{
	const struct report_check	*c;
	size_t				 i;

	fputs("<section id=\"verdicts\">\n<h2>3. Verdicts</h2>\n"
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
		if (c->description != NULL) {
			fputs("<span class=\"name\">", fp);
			html_put(fp, c->description);
			fputs("</span>", fp);
		}
		if (c->reference != NULL) {
			fputs("<span class=\"name\">Reference: ", fp);
			html_put(fp, c->reference);
			fputs("</span>", fp);
		}
		fprintf(fp, "</td><td>%s</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu</td><td class=\"v %s\">%s</td>"
		    "</tr>\n", report_model_severity_name(c->severity),
		    c->findings, c->waived,
		    report_model_verdict_name(c->verdict),
		    report_model_verdict_name(c->verdict));
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
analysed(FILE *fp, const struct report *r)
{
	size_t	i;

	fputs("<section id=\"analysed\">\n<h2>4. What was analysed</h2>\n"
	    "<p>Inventory ", fp);
	fputs(r->nroots == 1 ? "path" : "paths", fp);
	fputs(" as given: ", fp);
	for (i = 0; i < r->nroots; i++) {
		fputs(i ? ", <code>" : "<code>", fp);
		html_put(fp, r->roots[i]);
		fputs("</code>", fp);
	}
	fputs(".</p>\n<table>\n<thead><tr><th>File</th><th>SHA-256</th>"
	    "</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->nfiles; i++) {
		fputs("<tr><td><code>", fp);
		html_put(fp, r->files[i].name);
		fprintf(fp, "</code></td><td><code>%s</code></td></tr>\n",
		    r->files[i].sha256);
	}
	fprintf(fp, "</tbody>\n</table>\n<p>Inventory digest: <code>sha256:"
	    "%s</code></p>\n<p class=\"note\">", r->digest);
	html_put(fp, report_model_digest_definition);
	fputs("</p>\n</section>\n", fp);
}

/* The heading of a group of matrix columns: "site", "power domain",
 * "domain: room". */
static void
column_group(FILE *fp, const struct report *r, uint32_t c)
{
	enum entity_kind	k = analysis_component_kind(r->a, c);

	if (k == KIND_DOMAIN) {
		fputs("domain: ", fp);
		html_put(fp, inventory_str(r->inv, r->inv->domains[
		    analysis_component_index(r->a, c)].type));
	} else
		fputs(inventory_kind_noun(k, 2), fp);
}

static int
same_group(const struct report *r, uint32_t a, uint32_t b)
{
	enum entity_kind	k = analysis_component_kind(r->a, a);

	if (k != analysis_component_kind(r->a, b))
		return 0;
	return k != KIND_DOMAIN || r->inv->domains[analysis_component_index(
	    r->a, a)].type == r->inv->domains[analysis_component_index(r->a,
	    b)].type;
}

static void
legend(FILE *fp)
{
	size_t	i;

	fputs("<table class=\"legend\">\n<thead><tr><th>Cell</th><th>The "
	    "service is</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < 6; i++)
		fprintf(fp, "<tr><td class=\"%s\">%s</td><td>%s</td></tr>\n",
		    report_model_states[i].class, report_model_states[i].text,
		    report_model_states[i].meaning);
	fputs("</tbody>\n</table>\n", fp);
}

static void
matrix(FILE *fp, const struct report *r)
{
	const struct loss_matrix	*mx = &r->a->matrix;
	const char			*word, *class;
	char				 ref[512];
	uint8_t				 cell;
	size_t				 i, j, k;

	fputs("<section id=\"matrix\">\n<h2>5. Site and power loss</h2>\n"
	    "<p>Each column fails one site, power domain or domain alone; "
	    "each cell is the state of a service in that scenario, in words "
	    "and in colour:</p>\n", fp);
	legend(fp);
	if (r->nmcols == 0 || r->nmrows == 0)
		fputs("<p>No site, power domain or domain loss affects a "
		    "service.</p>\n", fp);
	else {
		fputs("<table class=\"matrix\">\n<thead><tr><th></th>", fp);
		for (j = 0; j < r->nmcols; j = k) {
			for (k = j + 1; k < r->nmcols && same_group(r,
			    mx->rows[r->mcols[j]], mx->rows[r->mcols[k]]); k++)
				;
			fprintf(fp, "<th class=\"group\" colspan=\"%zu\">",
			    k - j);
			column_group(fp, r, mx->rows[r->mcols[j]]);
			fputs("</th>", fp);
		}
		fputs("</tr>\n<tr><th>Service</th>", fp);
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
				word = report_model_cell_name(cell, &class);
				fprintf(fp, "<td class=\"%s\">%s</td>", class,
				    word);
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
finding(FILE *fp, const struct report *r, const struct finding *f,
    struct finding_text *t)
{
	const char	*sev = inventory_severity_name(f->severity), *path;
	unsigned	 tier = report_model_finding_tier(r, f);

	fprintf(fp, "<div class=\"finding sev-%s\">\n<p class=\"fh\"><code>%s"
	    "</code> &#183; <span class=\"%s\">%s</span> &#183; <code>", sev,
	    findings_rule_id(f->rule), sev, sev);
	html_put(fp, f->subject);
	fputs("</code>", fp);
	if (tier <= 4)
		fprintf(fp, " (tier %u)", tier);
	if (f->waived)
		fputs(" &#183; <span class=\"v waived\">waived</span>", fp);
	fputs("</p>\n<p>", fp);
	html_put(fp, finding_message(r->fl, f, t));
	fputs("</p>\n", fp);
	if ((path = finding_path(r->fl, f, t)) != NULL) {
		fputs("<code class=\"path\">", fp);
		html_put(fp, path);
		fputs("</code>\n", fp);
	}
	fputs("<p class=\"fd\">", fp);
	if (f->cause != NULL) {
		fputs("Cause <code>", fp);
		html_put(fp, f->cause);
		fputs("</code> &#183; ", fp);
	}
	if (f->policy != NULL) {
		fputs("policy ", fp);
		html_put(fp, f->policy);
		fputs(" &#183; ", fp);
	}
	if (f->has_mark)
		location(fp, r, &f->mark);
	if (f->waived) {
		fputs(" &#183; waived: ", fp);
		html_put(fp, f->waiver_reason);
	}
	fputs("</p>\n</div>\n", fp);
}

static void
findings(FILE *fp, const struct report *r)
{
	static const char *const heads[] = { "Errors", "Warnings", "Notes" };
	const struct finding	*f;
	struct finding_text	 t;
	size_t			 i, j, n;

	fputs("<section id=\"findings\">\n<h2>6. Findings</h2>\n", fp);
	if (r->fl->n == 0) {
		fputs("<p>No findings.</p>\n</section>\n", fp);
		return;
	}
	fputs("<p>By severity, then the tier of the subject, then the "
	    "subject. Each names its rule, severity and subject, then what "
	    "happens and the path from the subject to the cause.</p>\n", fp);
	for (i = 0; i < r->fl->n; i = j) {
		f = r->order[i];
		for (j = i + 1, n = 1; j < r->fl->n &&
		    r->order[j]->severity == f->severity; j++)
			n++;
		fprintf(fp, "<h3>%s (%zu)</h3>\n", f->severity <= SEVERITY_NOTE ?
		    heads[f->severity] : "Other", n);
		memset(&t, 0, sizeof t);
		for (j = i; j < i + n; j++)
			finding(fp, r, r->order[j], &t);
		finding_text_free(&t);
	}
	fputs("</section>\n", fp);
}

static void
recovery(FILE *fp, const struct report *r)
{
	const struct report_recovery	*rc;
	const struct report_blocker	*b;
	const char			*st;
	size_t				 i, j;

	fputs("<section id=\"recovery\">\n<h2>7. Recovery readiness</h2>\n"
	    "<p>For each service with recovery tools: the faults that take "
	    "the service down or degrade it and take a tool its recovery "
	    "needs with it.</p>\n", fp);
	if (r->nrecovery == 0) {
		fputs("<p>No service names recovery tools.</p>\n</section>\n",
		    fp);
		return;
	}
	fputs("<table class=\"recovery\">\n<thead><tr><th>Service</th>"
	    "<th>Recovery tools</th>"
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

	fputs("<section id=\"fanin\">\n<h2>8. Fan-in</h2>\n"
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
	size_t				 i, j;

	fputs("<section id=\"waivers\">\n<h2>9. Waivers</h2>\n", fp);
	if (r->nwaivers == 0) {
		fputs("<p>No waivers.</p>\n</section>\n", fp);
		return;
	}
	fputs("<p>Each accepted risk: who approved it and when, its ticket, "
	    "and the services whose findings it actually matches.</p>\n"
	    "<table>\n<thead><tr><th>Policy or rule</th><th>Pattern</th>"
	    "<th>Matches</th><th>Reason</th><th>Approved</th><th>Expires</th>"
	    "<th>Status</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < r->nwaivers; i++) {
		rw = &r->waivers[i];
		fputs("<tr><td><code>", fp);
		html_put(fp, inventory_str(r->inv, rw->w->policy));
		fputs("</code><span class=\"name\">", fp);
		location(fp, r, &rw->w->mark);
		fputs("</span></td><td><code>", fp);
		html_put(fp, rw->w->service_regex);
		fputs("</code></td><td>", fp);
		if (rw->nservices == 0)
			fputs("<span class=\"v fail\">matches nothing</span> "
			    "(no finding of this policy or rule on a service "
			    "it matches)", fp);
		for (j = 0; j < rw->nservices; j++) {
			fputs(j ? ", <code>" : "<code>", fp);
			html_put(fp, report_model_service_id(r,
			    rw->services[j]));
			fputs("</code>", fp);
		}
		if (rw->nservices > 0)
			fprintf(fp, " (%zu %s)", rw->findings,
			    report_model_plural(rw->findings, "finding",
			    "findings"));
		fputs("</td><td>", fp);
		html_put(fp, rw->w->reason);
		fputs("</td><td>", fp);
		if (rw->w->approved_by != NULL)
			html_put(fp, rw->w->approved_by);
		else
			fputs("<span class=\"note\">approver not stated</span>",
			    fp);
		if (rw->w->granted != INT32_MIN) {
			findings_date(rw->w->granted, date, sizeof date);
			fprintf(fp, "<span class=\"name\">granted %s</span>",
			    date);
		}
		if (rw->w->ticket != NULL) {
			fputs("<span class=\"name\">ticket ", fp);
			html_put(fp, rw->w->ticket);
			fputs("</span>", fp);
		}
		if (rw->w->expires == INT32_MIN)
			snprintf(date, sizeof date, "never");
		else
			findings_date(rw->w->expires, date, sizeof date);
		fprintf(fp, "</td><td class=\"num\">%s</td><td class=\"v %s\">"
		    "%s</td></tr>\n", date, rw->expired ? "fail" : "pass",
		    rw->expired ? "expired" : "live");
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
diagram(FILE *fp, const struct report *r)
{
	size_t	i;

	fputs("<section id=\"diagram\">\n<h2>10. Services diagram</h2>\n"
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

static void
mappings(FILE *fp, const struct report *r)
{
	const struct report_map		*rm;
	const struct report_requirement	*q;
	const char			*st, *class;
	size_t				 i, j, k;

	if (r->nmaps == 0)
		return;
	fputs("<section id=\"mapping\">\n<h2>11. Regulatory mapping</h2>\n"
	    "<p>What this inventory shows about each requirement: it "
	    "<b>supports</b> it, <b>contradicts</b> it, or the requirement is "
	    "<b>not assessable</b> from the inventory (the missing data is "
	    "named). This is evidence for an assessor, not a statement of "
	    "compliance. Verification of the requirement text: P checked "
	    "against the legal text, S secondary sources only, U unverified."
	    "</p>\n", fp);
	for (i = 0; i < r->nmaps; i++) {
		rm = &r->maps[i];
		fputs("<h3>", fp);
		html_put(fp, rm->m->title);
		fputs("</h3>\n<p class=\"note\">Mapping <code>", fp);
		html_put(fp, rm->m->id);
		fputs("</code> version ", fp);
		html_put(fp, rm->m->version);
		fprintf(fp, ", <code>sha256:%s</code>.", rm->m->sha256);
		if (rm->m->note != NULL) {
			fputs(" ", fp);
			html_put(fp, rm->m->note);
		}
		fputs("</p>\n<table class=\"mapping\">\n<thead><tr>"
		    "<th>Requirement</th>"
		    "<th>Checks</th><th>What the inventory shows</th>"
		    "<th>Evidence</th><th>Missing data</th></tr></thead>\n"
		    "<tbody>\n", fp);
		for (j = 0; j < rm->n; j++) {
			q = &rm->v[j];
			fputs("<tr><td><b>", fp);
			html_put(fp, q->q->framework);
			fputs(" ", fp);
			html_put(fp, q->q->article);
			fprintf(fp, "</b> [%s]", mapping_verified_mark(
			    q->q->verified));
			if (q->q->title_ko != NULL) {
				fputs(" <span lang=\"ko\">", fp);
				html_put(fp, q->q->title_ko);
				fputs("</span>", fp);
			}
			fputs("<br>", fp);
			html_put(fp, q->q->requirement);
			fputs("<span class=\"name\"><code>", fp);
			html_put(fp, q->q->id);
			fputs("</code> &#183; ", fp);
			html_put(fp, q->q->source);
			fputs(" (", fp);
			html_put(fp, q->q->source_date);
			fputs(")</span></td><td>", fp);
			for (k = 0; k < q->q->nchecks; k++)
				fprintf(fp, "%s<code>%s</code>", k ? ", " : "",
				    mapping_check_name(q->q->checks[k]));
			if (q->q->nchecks == 0)
				fputs("&#8212;", fp);
			st = report_model_assessment_name(q->status);
			class = q->status == REPORT_SUPPORTS ? "supports" :
			    q->status == REPORT_CONTRADICTS ? "contradicts" :
			    "na";
			if (q->q->verified == MAPPING_UNVERIFIED)
				fprintf(fp, "</td><td class=\"v na\">unverified "
				    "&#8212; check the official text (the "
				    "inventory: %s)</td><td>", st);
			else
				fprintf(fp, "</td><td class=\"v %s\">%s</td><td>",
				    class, st);
			html_put(fp, q->evidence);
			fputs("</td><td>", fp);
			if (q->missing != NULL)
				html_put(fp, q->missing);
			else
				fputs("&#8212;", fp);
			fputs("</td></tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
	fputs("</section>\n", fp);
}

int
out_html_report(FILE *fp, const struct report *r)
{
	head(fp, r);
	summary(fp, r);
	executive(fp, r);
	scope(fp, r);
	verdicts(fp, r);
	analysed(fp, r);
	matrix(fp, r);
	findings(fp, r);
	recovery(fp, r);
	fanin(fp, r);
	waivers(fp, r);
	diagram(fp, r);
	mappings(fp, r);
	fputs("<footer>Generated by faultline ", fp);
	html_put(fp, r->version);
	fprintf(fp, " at %s from inventory sha256:%s.</footer>\n"
	    "</body>\n</html>\n", r->time, r->digest);
	return ferror(fp) ? -1 : 0;
}
