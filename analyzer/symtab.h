/*
 * symtab.h -- interned strings.
 *
 * Every id, name and reference in an inventory is interned once; the rest
 * of faultline handles them as 32-bit symbols, compares them with ==, and
 * hashes nothing twice.  Strings live in one growing arena, so memory is
 * proportional to the distinct text of the inventory.  Symbols are dense:
 * 0 .. symtab_count()-1, in order of first interning.
 */
#ifndef FAULTLINE_SYMTAB_H
#define FAULTLINE_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

#define SYM_NONE UINT32_MAX

struct symtab;

struct symtab	*symtab_create(void);
void		 symtab_free(struct symtab *);
/* Forget every symbol, keeping the storage for the next ones. */
void		 symtab_clear(struct symtab *);
/* Intern len bytes of s (need not be NUL-terminated); returns its symbol. */
uint32_t	 symtab_intern(struct symtab *, const char *, size_t);
/* The same, when the caller already has symtab_hash(s, len). */
uint32_t	 symtab_intern_hash(struct symtab *, const char *, size_t,
		    uint32_t hash);
/* The hash the table files len bytes of s under. */
uint32_t	 symtab_hash(const char *, size_t);
/*
 * Start fetching, into the cache, where a string of this hash would be
 * found: the loader calls it for ids a few events ahead of interning
 * them, so that the misses of a million-entry table overlap.
 */
void		 symtab_prefetch(const struct symtab *, uint32_t hash);
/*
 * Then, once that has landed, start fetching the text found there: the
 * second miss of a lookup that hits.
 */
void		 symtab_prefetch_text(const struct symtab *, uint32_t hash);
/* The symbol of s if it was interned, else SYM_NONE. */
uint32_t	 symtab_lookup(const struct symtab *, const char *, size_t);
/* The NUL-terminated text of a symbol; valid until the table is freed. */
const char	*symtab_str(const struct symtab *, uint32_t);
size_t		 symtab_len(const struct symtab *, uint32_t);
uint32_t	 symtab_count(const struct symtab *);

#endif
