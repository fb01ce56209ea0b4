/*
 * import_ids.h -- ids for imported entities: any name turned into the id
 * syntax of the inventory (^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$), and a set
 * of ids already given out in one namespace, so an importer never writes
 * the same id twice.
 */
#ifndef FAULTLINE_IMPORT_IDS_H
#define FAULTLINE_IMPORT_IDS_H

#include <stddef.h>

#define IMPORT_ID_MAX	128

struct import_ids;

/*
 * The id form of text: every run of characters outside [A-Za-z0-9._-]
 * becomes one '-', leading characters that are not a letter or digit and
 * trailing '-' from such runs are dropped, and the result is cut at
 * IMPORT_ID_MAX bytes.  Returns a new string (the caller frees it), empty
 * when nothing of text is left.
 */
char	*import_ids_sanitize(const char *text);
/* Whether s already is an id. */
int	 import_ids_valid(const char *s);

struct import_ids *import_ids_create(void);
void	 import_ids_free(struct import_ids *);
/*
 * Give out id (which must be valid) in this namespace: id itself when it
 * is free, else the first free one of id-2, id-3, ... (id cut so that the
 * result stays within IMPORT_ID_MAX).  Returns a new string the caller
 * frees; *changed is set to whether it differs from id.
 */
char	*import_ids_claim(struct import_ids *, const char *id, int *changed);
/* Whether id was given out. */
int	 import_ids_taken(const struct import_ids *, const char *id);

#endif
