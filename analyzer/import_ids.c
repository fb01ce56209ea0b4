/*
 * import_ids.c -- ids for imported entities (see import_ids.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_ids.h"
#include "symtab.h"
#include "xalloc.h"

struct import_ids {
	struct symtab	*taken;
};

static int
id_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static int
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

char *
import_ids_sanitize(const char *text)
{
	const unsigned char	*s = (const unsigned char *)text;
	char			*out;
	size_t			 n = 0, i;
	int			 pending = 0;

	out = xmalloc(IMPORT_ID_MAX + 1);
	for (i = 0; s[i] != '\0' && n < IMPORT_ID_MAX; i++) {
		if (n == 0 && !alnum(s[i]))
			continue;
		if (!id_char(s[i])) {
			pending = 1;
			continue;
		}
		if (pending) {
			out[n++] = '-';
			pending = 0;
			if (n == IMPORT_ID_MAX)
				break;
		}
		out[n++] = (char)s[i];
	}
	out[n] = '\0';
	return out;
}

int
import_ids_valid(const char *s)
{
	size_t	i;

	if (!alnum((unsigned char)s[0]))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!id_char((unsigned char)s[i]) || i >= IMPORT_ID_MAX)
			return 0;
	return 1;
}

struct import_ids *
import_ids_create(void)
{
	struct import_ids	*ids = xmalloc(sizeof *ids);

	ids->taken = symtab_create();
	return ids;
}

void
import_ids_free(struct import_ids *ids)
{
	if (ids == NULL)
		return;
	symtab_free(ids->taken);
	free(ids);
}

int
import_ids_taken(const struct import_ids *ids, const char *id)
{
	return symtab_lookup(ids->taken, id, strlen(id)) != SYM_NONE;
}

char *
import_ids_claim(struct import_ids *ids, const char *id, int *changed)
{
	char		 suffix[24];
	char		*out;
	size_t		 len = strlen(id), keep, sl;
	unsigned long	 k;

	*changed = 0;
	if (!import_ids_taken(ids, id)) {
		symtab_intern(ids->taken, id, len);
		return xstrdup(id);
	}
	*changed = 1;
	out = xmalloc(IMPORT_ID_MAX + 1);
	for (k = 2;; k++) {
		sl = (size_t)snprintf(suffix, sizeof suffix, "-%lu", k);
		keep = len + sl > IMPORT_ID_MAX ? IMPORT_ID_MAX - sl : len;
		memcpy(out, id, keep);
		memcpy(out + keep, suffix, sl + 1);
		if (!import_ids_taken(ids, out))
			break;
	}
	symtab_intern(ids->taken, out, strlen(out));
	return out;
}
