/*
 * diag.h -- a list of diagnostics, each with a file:line:column.
 *
 * Library modules never print: they append to a diag_list, and the CLI
 * sorts and prints it.  Lines and columns are 1-based (libyaml's 0-based
 * marks are converted by the loader); 0 means "no line" (a whole file,
 * or no file at all when file is NULL).
 */
#ifndef FAULTLINE_DIAG_H
#define FAULTLINE_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE
};

struct diag {
	enum diag_severity	 severity;
	char			*file;		/* owned; NULL: not about a file */
	unsigned		 line;
	unsigned		 column;
	char			*message;	/* owned; no trailing newline */
	size_t			 seq;		/* insertion order, for a stable sort */
};

struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 errors;
};

void	diag_list_init(struct diag_list *);
void	diag_list_free(struct diag_list *);
/* Append a diagnostic; file may be NULL.  The strings are copied. */
void	diag_add(struct diag_list *, enum diag_severity, const char *,
	    unsigned, unsigned, const char *, ...)
	    __attribute__((format(printf, 6, 7)));
/* Append every diagnostic of src to dst, as if added now; src is left
 * empty (its storage kept). */
void	diag_list_move(struct diag_list *, struct diag_list *);
/* Sort by file, line, column, then insertion order. */
void	diag_list_sort(struct diag_list *);
/*
 * Print every diagnostic GCC-style ("file:line:col: error: msg"), in
 * colour when the last argument is not 0.  File names and messages go
 * through out_utf8_put_clean(), so inventory text cannot drive a terminal.
 */
void	diag_list_print(const struct diag_list *, FILE *, int);
/*
 * Print "faultline: ", the formatted message cleaned the same way, and a
 * newline: every other message of the command line goes through this.
 */
void	diag_message(FILE *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
const char *diag_severity_name(enum diag_severity);

#endif
