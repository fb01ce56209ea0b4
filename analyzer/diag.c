/*
 * diag.c -- a list of diagnostics with source locations (see diag.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "out_utf8.h"
#include "xalloc.h"

void
diag_list_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof *dl);
}

void
diag_list_free(struct diag_list *dl)
{
	size_t	i;

	if (dl == NULL)
		return;
	for (i = 0; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].message);
	}
	free(dl->v);
	memset(dl, 0, sizeof *dl);
}

void
diag_add(struct diag_list *dl, enum diag_severity severity, const char *file,
    unsigned line, unsigned column, const char *fmt, ...)
{
	struct diag	*d;
	va_list		 ap;
	int		 len;

	XGROW(dl->v, dl->cap, dl->n + 1);
	d = &dl->v[dl->n];
	d->severity = severity;
	d->file = file != NULL ? xstrdup(file) : NULL;
	d->line = line;
	d->column = column;
	d->seq = dl->n;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	d->message = xmalloc((size_t)(len < 0 ? 0 : len) + 1);
	va_start(ap, fmt);
	vsnprintf(d->message, (size_t)(len < 0 ? 0 : len) + 1, fmt, ap);
	va_end(ap);
	dl->n++;
	if (severity == DIAG_ERROR)
		dl->errors++;
}

void
diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	size_t	i;

	XGROW(dst->v, dst->cap, dst->n + src->n);
	for (i = 0; i < src->n; i++) {
		dst->v[dst->n] = src->v[i];
		dst->v[dst->n].seq = dst->n;
		dst->n++;
	}
	dst->errors += src->errors;
	src->n = 0;
	src->errors = 0;
}

static int
diag_compare(const void *a, const void *b)
{
	const struct diag	*x = a, *y = b;
	int			 c;

	if (x->file == NULL || y->file == NULL) {
		if (x->file != y->file)
			return x->file == NULL ? -1 : 1;
	} else if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_list_sort(struct diag_list *dl)
{
	if (dl->n > 1)
		qsort(dl->v, dl->n, sizeof *dl->v, diag_compare);
}

const char *
diag_severity_name(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	return "error";
}

void
diag_list_print(const struct diag_list *dl, FILE *fp, int colour)
{
	static const char *colours[] = { "\033[1;31m", "\033[1;35m",
	    "\033[1;36m" };
	const struct diag	*d;
	size_t			 i;

	for (i = 0; i < dl->n; i++) {
		d = &dl->v[i];
		if (colour)
			fputs("\033[1m", fp);
		if (d->file != NULL) {
			out_utf8_put_clean(fp, d->file);
			if (d->line != 0)
				fprintf(fp, ":%u:%u", d->line, d->column);
			fputs(": ", fp);
		} else
			fputs("faultline: ", fp);
		if (colour)
			fprintf(fp, "%s%s:\033[0m ", colours[d->severity],
			    diag_severity_name(d->severity));
		else
			fprintf(fp, "%s: ", diag_severity_name(d->severity));
		out_utf8_put_clean(fp, d->message);
		fputc('\n', fp);
	}
}

void
diag_message(FILE *fp, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc((size_t)(len < 0 ? 0 : len) + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)(len < 0 ? 0 : len) + 1, fmt, ap);
	va_end(ap);
	fputs("faultline: ", fp);
	out_utf8_put_clean(fp, msg);
	fputc('\n', fp);
	free(msg);
}
