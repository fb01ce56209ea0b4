/*
 * invwriter.h -- build an inventory file in memory and write it as YAML:
 * what the importers produce.  Entries are collected per section and
 * written sorted by id, one flow mapping per line, with every string
 * quoted as YAML needs (a name full of quotes, backslashes, control
 * characters or markup reads back exactly as it was given).
 */
#ifndef FAULTLINE_INVWRITER_H
#define FAULTLINE_INVWRITER_H

#include <stdio.h>

enum invwriter_section {
	INVWRITER_SITES,
	INVWRITER_DOMAINS,
	INVWRITER_POWER,
	INVWRITER_RACKS,
	INVWRITER_HOSTS,
	INVWRITER_SERVICES,
	INVWRITER_NSECTIONS
};

struct invwriter;
struct invwriter_entry;

struct invwriter *invwriter_create(void);
void	 invwriter_free(struct invwriter *);

/* Append a line to the comment at the top of the file (text as given;
 * characters YAML cannot hold in a comment are written as '?'). */
void	 invwriter_header(struct invwriter *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Add an entry with this id to a section; ids are unique per section (the
 * caller's duty, see import_ids.h).  The pointer stays valid until
 * invwriter_free(). */
struct invwriter_entry *invwriter_add(struct invwriter *,
	    enum invwriter_section, const char *id);
/* Set a string or integer key; keys are written in the order first set. */
void	 invwriter_str(struct invwriter_entry *, const char *key,
	    const char *value);
void	 invwriter_int(struct invwriter_entry *, const char *key, long value);
/* Add an item to a list key (created empty by the first call); lists are
 * written sorted with duplicates removed.  A soft item (depends_on) is
 * written { service: ITEM, soft: true }; a hard one of the same id wins. */
void	 invwriter_item(struct invwriter_entry *, const char *key,
	    const char *item, int soft);
/* Create the list key empty if it is not there yet (to fix its place
 * among the keys); an empty list is not written. */
void	 invwriter_list(struct invwriter_entry *, const char *key);
/* Whether the list key has items. */
int	 invwriter_has_items(const struct invwriter_entry *, const char *key);
/* Set the comment written after the entry on its line. */
void	 invwriter_comment(struct invwriter_entry *, const char *text);
/* Number of entries in a section. */
size_t	 invwriter_count(const struct invwriter *, enum invwriter_section);

/* Write the whole file; returns 0, or -1 on a write error. */
int	 invwriter_write(const struct invwriter *, FILE *);

/* Write s as a YAML scalar: plain when it cannot be read as anything but
 * that string, else double-quoted with escapes. */
void	 invwriter_scalar(FILE *, const char *s);

#endif
