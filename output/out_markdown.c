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
 * controls and bytes that are not UTF-8 become U+FFFD.  The diagram is a
 * sidecar SVG file next to the Markdown (written by the command), linked
 * as an image by its name: forges do not display large data: URIs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out_markdown.h"
#include "out_rootcause.h"
#include "out_utf8.h"
#include "xalloc.h"

/* Write one character of inventory text that is neither markup nor a
 * control; returns the bytes consumed. */
static size_t
md_char(FILE *fp, const char *s, size_t len)
{
	return out_utf8_put_display(fp, s, len, "\xef\xbf\xbd");
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

/*
 * A link destination: the file name percent-encoded except for unreserved
 * characters, so no byte of it can end the link or start markup.
 */
static void
md_href(FILE *fp, const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			fputc(*p, fp);
		else
			fprintf(fp, "%%%02X", *p);
	}
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

/* A meta value, or "not stated" naming the key that would state it. */
static void
stated(FILE *fp, const char *value, const char *key)
{
	if (value != NULL)
		md_text(fp, value);
	else
		fprintf(fp, "not stated (`meta: %s`)", key);
}

static void
commit_cell(FILE *fp, const struct report *r)
{
	switch (r->commit_status) {
	case REPORT_COMMIT_FOUND:
		fprintf(fp, "`%s`", r->commit);
		if (r->commit_dirty)
			fputs(" with uncommitted changes to the inventory (the "
			    "files analysed are not exactly this commit)", fp);
		break;
	case REPORT_COMMIT_DISABLED:
		fputs("not looked up (`FAULTLINE_NO_GIT` is set)", fp);
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

	fputs("# faultline audit report\n\n", fp);
	if (m->name != NULL) {
		fputs("**", fp);
		md_text(fp, m->name);
		fputs("**\n\n", fp);
	}
	fputs("What a single fault takes down in this inventory, and whether "
	    "its recovery tools survive it.\n\n| | |\n|---|---|\n", fp);
	fprintf(fp, "| Overall verdict | **%s** |\n",
	    report_model_verdict_name(r->overall));
	fputs("| System | ", fp);
	stated(fp, m->name, "name");
	fputs(" |\n| Owner | ", fp);
	stated(fp, m->owner, "owner");
	fprintf(fp, " |\n| Inventory digest | `sha256:%s` (content digest, "
	    "section 4) |\n", r->digest);
	for (i = 0; i < r->nmaps; i++) {
		fputs("| Mapping ", fp);
		md_code(fp, r->maps[i].m->id);
		fprintf(fp, " | `sha256:%s` (version ", r->maps[i].m->sha256);
		md_text(fp, r->maps[i].m->version);
		fputs(", section 11) |\n", fp);
	}
	fputs("| Inventory | ", fp);
	report_model_put_inventory_counts(fp, r);
	fputs(" |\n| Findings | ", fp);
	report_model_put_finding_counts(fp, r);
	fprintf(fp, " |\n| Time of analysis | %s%s |\n| Git commit | ",
	    r->time, r->time_from_sde ? " (from `SOURCE_DATE_EPOCH`)" : "");
	commit_cell(fp, r);
	fputs(" |\n| Generated by | faultline ", fp);
	md_text(fp, r->version);
	fputs(" |\n\n", fp);
}

static void
executive(FILE *fp, const struct report *r)
{
	const struct root_cause		*c;
	char				 ref[512];
	size_t				 i, nfail = 0;

	for (i = 0; i < r->nchecks; i++)
		nfail += r->checks[i].verdict == REPORT_FAIL;
	fprintf(fp, "## 1. Executive summary\n\nVerdict: **%s** \xe2\x80\x94 ",
	    report_model_verdict_name(r->overall));
	if (nfail > 0)
		fprintf(fp, "%zu of %zu policies and rules fail (section 3).",
		    nfail, r->nchecks);
	else if (r->overall == REPORT_WAIVED)
		fputs("every failure is covered by a live waiver (sections 3 "
		    "and 9).", fp);
	else
		fputs("every policy and rule passes (section 3).", fp);
	fprintf(fp, "\n\n| Severity | Open |\n|---|--:|\n| error | %zu |\n"
	    "| warning | %zu |\n| note | %zu |\n| waived | %zu |\n\n",
	    r->count.errors, r->count.warnings, r->count.notes,
	    r->count.waived);
	fputs("### Root causes\n\n", fp);
	if (r->ncauses == 0) {
		fputs("No finding has a fault as its cause.\n\n", fp);
		return;
	}
	fprintf(fp, "The faults that the findings share, worst first (by "
	    "severity, then tier-1/2 services affected, then blast radius): "
	    "fixing these removes the most risk. %zu of %zu listed; every "
	    "finding is in section 6.\n\n"
	    "| # | Root cause | Severity | What it does | Findings | "
	    "Tier 1\xe2\x80\x93" "2 |\n|--:|---|---|---|--:|--:|\n",
	    r->ncauses, r->root_causes.n);
	for (i = 0; i < r->ncauses; i++) {
		c = &r->root_causes.v[i];
		fprintf(fp, "| %zu | ", i + 1);
		md_code(fp, c->cause);
		fprintf(fp, " | %s | ", inventory_severity_name(c->severity));
		md_text(fp, out_rootcause_effects(c, ref, sizeof ref));
		fprintf(fp, " | %zu | %zu |\n", c->findings, c->tier12);
	}
	fputs("\n", fp);
}

static void
scope(FILE *fp, const struct report *r)
{
	const struct meta	*m = &r->inv->meta;
	size_t			 i;

	fputs("## 2. Scope and method\n\n", fp);
	if (m->description != NULL)
		md_text(fp, m->description);
	else
		fputs("No description of the system (`meta: description`).",
		    fp);
	fputs("\n\n### Failure model\n\n", fp);
	md_text(fp, report_model_failure_model);
	fputs("\n\n### Out of scope\n\n", fp);
	for (i = 0; report_model_out_of_scope[i] != NULL; i++) {
		fputs("- ", fp);
		md_text(fp, report_model_out_of_scope[i]);
		fputs("\n", fp);
	}
	fputs("\n### Assumptions\n\n", fp);
	if (m->nassumptions == 0)
		fputs("None stated (`meta: assumptions`).\n", fp);
	for (i = 0; i < m->nassumptions; i++) {
		fputs("- ", fp);
		md_text(fp, m->assumptions[i]);
		fputs("\n", fp);
	}
	fputs("\n", fp);
}

static void
verdicts(FILE *fp, const struct report *r)
{
	const struct report_check	*c;
	size_t				 i;

	fputs("## 3. Verdicts\n\n"
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
		if (c->description != NULL) {
			fputs("<br>", fp);
			md_text(fp, c->description);
		}
		if (c->reference != NULL) {
			fputs("<br>Reference: ", fp);
			md_text(fp, c->reference);
		}
		fprintf(fp, " | %s | %zu | %zu | **%s** |\n",
		    report_model_severity_name(c->severity), c->findings,
		    c->waived, report_model_verdict_name(c->verdict));
	}
	fputs("\n", fp);
}

static void
analysed(FILE *fp, const struct report *r)
{
	size_t	i;

	fprintf(fp, "## 4. What was analysed\n\nInventory %s as given: ",
	    r->nroots == 1 ? "path" : "paths");
	for (i = 0; i < r->nroots; i++) {
		if (i)
			fputs(", ", fp);
		md_code(fp, r->roots[i]);
	}
	fputs(".\n\n| File | SHA-256 |\n|---|---|\n", fp);
	for (i = 0; i < r->nfiles; i++) {
		fputs("| ", fp);
		md_code(fp, r->files[i].name);
		fprintf(fp, " | `%s` |\n", r->files[i].sha256);
	}
	fprintf(fp, "\nInventory digest: `sha256:%s`\n\n", r->digest);
	md_text(fp, report_model_digest_definition);
	fputs("\n\n", fp);
}

static void
matrix(FILE *fp, const struct report *r)
{
	const struct loss_matrix	*mx = &r->a->matrix;
	char				 ref[512];
	uint8_t				 cell;
	size_t				 i, j;

	fputs("## 5. Site and power loss\n\n"
	    "Each column fails one site, power domain or domain alone; each "
	    "cell is the state of a service in that scenario:\n\n"
	    "| Cell | The service is |\n|---|---|\n", fp);
	for (i = 0; i < 6; i++)
		fprintf(fp, "| %s | %s |\n", report_model_states[i].text,
		    report_model_states[i].meaning);
	fputs("\n", fp);
	if (r->nmcols == 0 || r->nmrows == 0)
		fputs("No site, power domain or domain loss affects a "
		    "service.\n\n", fp);
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
	struct finding_text	 t;
	const char		*path;
	unsigned		 tier;
	size_t			 i;

	fputs("## 6. Findings\n\n", fp);
	if (r->fl->n == 0) {
		fputs("No findings.\n\n", fp);
		return;
	}
	fputs("By severity, then the tier of the subject, then the "
	    "subject.\n\n| Rule | Severity | Subject | Tier | Cause | Where | "
	    "Finding and explanation |\n|---|---|---|--:|---|---|---|\n", fp);
	memset(&t, 0, sizeof t);
	for (i = 0; i < r->fl->n; i++) {
		f = r->order[i];
		fprintf(fp, "| `%s`", findings_rule_id(f->rule));
		if (f->policy != NULL) {
			fputs(" (", fp);
			md_text(fp, f->policy);
			fputs(")", fp);
		}
		fprintf(fp, " | %s | ", inventory_severity_name(f->severity));
		md_code(fp, f->subject);
		tier = report_model_finding_tier(r, f);
		if (tier <= 4)
			fprintf(fp, " | %u | ", tier);
		else
			fputs(" |  | ", fp);
		md_code(fp, f->cause);
		fputs(" | ", fp);
		if (f->has_mark)
			location(fp, r, &f->mark);
		fputs(" | ", fp);
		md_text(fp, finding_message(r->fl, f, &t));
		if ((path = finding_path(r->fl, f, &t)) != NULL) {
			fputs("<br>", fp);
			md_code(fp, path);
		}
		if (f->waived) {
			fputs("<br>**waived** ", fp);
			md_text(fp, f->waiver_reason);
		}
		fputs(" |\n", fp);
	}
	finding_text_free(&t);
	fputs("\n", fp);
}

static void
recovery(FILE *fp, const struct report *r)
{
	const struct report_recovery	*rc;
	const struct report_blocker	*b;
	size_t				 i, j;

	fputs("## 7. Recovery readiness\n\n"
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

	fputs("## 8. Fan-in\n\n"
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
	size_t				 i, j;

	fputs("## 9. Waivers\n\n", fp);
	if (r->nwaivers == 0) {
		fputs("No waivers.\n\n", fp);
		return;
	}
	fputs("Each accepted risk: who approved it and when, its ticket, and "
	    "the services whose findings it actually matches.\n\n"
	    "| Policy or rule | Pattern | Matches | Reason | Approved | "
	    "Expires | Status | Where |\n|---|---|---|---|---|---|---|---|\n",
	    fp);
	for (i = 0; i < r->nwaivers; i++) {
		rw = &r->waivers[i];
		fputs("| ", fp);
		md_code(fp, inventory_str(r->inv, rw->w->policy));
		fputs(" | ", fp);
		md_code(fp, rw->w->service_regex);
		fputs(" | ", fp);
		if (rw->nservices == 0)
			fputs("**matches nothing** (no finding of this policy "
			    "or rule on a service it matches)", fp);
		for (j = 0; j < rw->nservices; j++) {
			if (j)
				fputs(", ", fp);
			md_code(fp, report_model_service_id(r,
			    rw->services[j]));
		}
		if (rw->nservices > 0)
			fprintf(fp, " (%zu %s)", rw->findings,
			    report_model_plural(rw->findings, "finding",
			    "findings"));
		fputs(" | ", fp);
		md_text(fp, rw->w->reason);
		fputs(" | ", fp);
		if (rw->w->approved_by != NULL)
			md_text(fp, rw->w->approved_by);
		else
			fputs("approver not stated", fp);
		if (rw->w->granted != INT32_MIN) {
			findings_date(rw->w->granted, date, sizeof date);
			fprintf(fp, "<br>granted %s", date);
		}
		if (rw->w->ticket != NULL) {
			fputs("<br>ticket ", fp);
			md_text(fp, rw->w->ticket);
		}
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
diagram(FILE *fp, const struct report *r)
{
	size_t	i;

	fputs("## 10. Services diagram\n\n"
	    "The services and their dependencies as `faultline graph` draws "
	    "them; the legend is part of the drawing.\n\n", fp);
	for (i = 0; i < r->nnotes; i++) {
		fputs("Note: ", fp);
		md_text(fp, r->notes[i]);
		fputs("\n\n", fp);
	}
	if (r->svg != NULL && r->diagram_href != NULL) {
		fputs("![Services diagram](", fp);
		md_href(fp, r->diagram_href);
		fputs(")\n\n", fp);
	} else if (r->svg != NULL)
		fputs("The diagram is not included: run `faultline report` "
		    "with `-o FILE.md` to write it to FILE.svg beside the "
		    "report.\n\n", fp);
}

static void
mappings(FILE *fp, const struct report *r)
{
	const struct report_map		*rm;
	const struct report_requirement	*q;
	size_t				 i, j, k;

	if (r->nmaps == 0)
		return;
	fputs("## 11. Regulatory mapping\n\n"
	    "What this inventory shows about each requirement: it "
	    "**supports** it, **contradicts** it, or the requirement is **not "
	    "assessable** from the inventory (the missing data is named). "
	    "This is evidence for an assessor, not a statement of compliance. "
	    "Verification of the requirement text: P checked against the "
	    "legal text, S secondary sources only, U unverified.\n\n", fp);
	for (i = 0; i < r->nmaps; i++) {
		rm = &r->maps[i];
		fputs("### ", fp);
		md_text(fp, rm->m->title);
		fputs("\n\nMapping ", fp);
		md_code(fp, rm->m->id);
		fputs(" version ", fp);
		md_text(fp, rm->m->version);
		fprintf(fp, ", `sha256:%s`.", rm->m->sha256);
		if (rm->m->note != NULL) {
			fputs(" ", fp);
			md_text(fp, rm->m->note);
		}
		fputs("\n\n| Requirement | Checks | What the inventory shows | "
		    "Evidence | Missing data |\n|---|---|---|---|---|\n", fp);
		for (j = 0; j < rm->n; j++) {
			q = &rm->v[j];
			fputs("| **", fp);
			md_text(fp, q->q->framework);
			fputs(" ", fp);
			md_text(fp, q->q->article);
			fprintf(fp, "** [%s]", mapping_verified_mark(
			    q->q->verified));
			if (q->q->title_ko != NULL) {
				fputs(" ", fp);
				md_text(fp, q->q->title_ko);
			}
			fputs("<br>", fp);
			md_text(fp, q->q->requirement);
			fputs("<br>", fp);
			md_code(fp, q->q->id);
			fputs(" \xc2\xb7 ", fp);
			md_text(fp, q->q->source);
			fputs(" (", fp);
			md_text(fp, q->q->source_date);
			fputs(") | ", fp);
			for (k = 0; k < q->q->nchecks; k++)
				fprintf(fp, "%s`%s`", k ? ", " : "",
				    mapping_check_name(q->q->checks[k]));
			if (q->q->nchecks == 0)
				fputs("\xe2\x80\x94", fp);
			if (q->q->verified == MAPPING_UNVERIFIED)
				fprintf(fp, " | unverified \xe2\x80\x94 check "
				    "the official text (the inventory: %s) | ",
				    report_model_assessment_name(q->status));
			else
				fprintf(fp, " | **%s** | ",
				    report_model_assessment_name(q->status));
			md_text(fp, q->evidence);
			fputs(" | ", fp);
			if (q->missing != NULL)
				md_text(fp, q->missing);
			else
				fputs("\xe2\x80\x94", fp);
			fputs(" |\n", fp);
		}
		fputs("\n", fp);
	}
}

int
out_markdown_report(FILE *fp, const struct report *r)
{
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
	fputs("---\n\nGenerated by faultline ", fp);
	md_text(fp, r->version);
	fprintf(fp, " at %s from inventory `sha256:%s`.\n", r->time,
	    r->digest);
	return ferror(fp) ? -1 : 0;
}
